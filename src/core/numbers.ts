/**
 * Reading numbers the way finance staff type them: "1,234.56", " 95% ", full-width "１２３",
 * targets such as "≥95%", "≤90万元", "50个" or "95%以上".
 */

export type Direction = ">=" | "<=" | "=";

const FULL_WIDTH_START = 0xff01; // ！
const FULL_WIDTH_END = 0xff5e; // ～

/** Full-width ASCII → half-width, ideographic space → space; trims. */
export function normalizeText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0) out += " ";
    else out += ch;
  }
  return out.trim();
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export interface ParsedNumber {
  value: number;
  /** The text ended with %: value is in percentage points (95 for "95%"). */
  percent: boolean;
}

/** "1,234.56" → 1234.56; "95%" → {95, percent}; anything else → undefined. */
export function parseNumberText(text: string): ParsedNumber | undefined {
  let s = normalizeText(text).replace(/\s+/g, "");
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  s = s.replace(/,(?=\d{3}(\D|$))/g, "");
  if (!NUMBER_RE.test(s)) return undefined;
  return { value: Number(s), percent };
}

const DIRECTION_WORDS: ReadonlyArray<[string, Direction]> = [
  [">=", ">="],
  ["≥", ">="],
  ["≧", ">="],
  ["大于等于", ">="],
  ["不低于", ">="],
  ["不少于", ">="],
  ["正向", ">="],
  ["<=", "<="],
  ["≤", "<="],
  ["≦", "<="],
  ["小于等于", "<="],
  ["不高于", "<="],
  ["不超过", "<="],
  ["不多于", "<="],
  ["反向", "<="],
  ["==", "="],
  ["=", "="],
  ["═", "="],
  ["等于", "="],
  [">", ">="],
  ["<", "<="],
];

/** The 指标方向 column: ≥ / ≤ / = and their spellings; undefined if blank or unknown. */
export function parseDirection(text: string): Direction | undefined {
  const s = normalizeText(text).replace(/\s+/g, "");
  for (const [word, dir] of DIRECTION_WORDS) if (s === word) return dir;
  return undefined;
}

export interface ParsedTarget {
  direction?: Direction;
  value: number;
  percent: boolean;
  /** Unit text trailing the number ("万元", "个"), without %. */
  unit: string;
}

const SUFFIX_DIRECTIONS: ReadonlyArray<[string, Direction]> = [
  ["及以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["以下", "<="],
  ["以内", "<="],
];

/** "≥95%", "≤90万元", "50个", "95%以上", "１２３" → parts; text that holds no leading number → undefined. */
export function parseTarget(text: string): ParsedTarget | undefined {
  // `raw` and `s` have the same length (folding is one character for one), so the unit can be
  // cut from the text as typed: "台（套）" stays "台（套）".
  const raw = text.replace(/[\s\u3000\u00a0]+/g, "");
  let s = normalizeText(raw);
  let start = 0;
  let direction: Direction | undefined;
  for (const [word, dir] of DIRECTION_WORDS) {
    if (s.startsWith(word) && !/^[正反]向$/.test(word)) {
      direction = dir;
      s = s.slice(word.length);
      start = word.length;
      break;
    }
  }
  for (const [word, dir] of SUFFIX_DIRECTIONS) {
    if (s.endsWith(word)) {
      direction = direction ?? dir;
      s = s.slice(0, -word.length);
      break;
    }
  }
  const m = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(.*)$/.exec(s);
  if (!m) return undefined;
  const percent = m[2].startsWith("%");
  const rest = percent ? m[2].slice(1) : m[2];
  if (/^[\d.]/.test(rest)) return undefined; // "1.2.3", "95%5"
  const unitStart = start + m[1].length + (percent ? 1 : 0);
  const unit = raw.slice(unitStart, unitStart + rest.length);
  return { direction, value: Number(m[1].replace(/,/g, "")), percent, unit };
}

/** A year typed as 2023, "2023" or "2023年". */
export function parseYear(value: unknown): number | undefined {
  const s = typeof value === "number" ? String(value) : typeof value === "string" ? normalizeText(value) : "";
  const m = /^(\d{4})(\.0+)?年?(度)?$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  return y >= 1990 && y <= 2100 ? y : undefined;
}
