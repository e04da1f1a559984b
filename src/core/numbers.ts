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
    // Every character changed is in the BMP, where the first code unit is the code point.
    const code = ch.charCodeAt(0);
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000 || code === 0xa0) out += " ";
    else out += ch;
  }
  return out.trim();
}

/**
 * The integer part of a number as typed (docs/numbers.md): plain digits, or groups of three
 * separated by commas ("1,234,567") or by single spaces ("3 970"). Nothing else: "1 234,56",
 * "9↵5" and "1e3" are not numbers.
 */
const INTEGER = String.raw`\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+`;
/** Sign, integer part, fraction: "-1,234.5", "12.", ".5". */
const NUMBER = String.raw`[+-]?(?:(?:${INTEGER})(?:\.\d*)?|\.\d+)`;
const NUMBER_RE = new RegExp(String.raw`^(${NUMBER})(?: ?(%))?$`);
const LEADING_NUMBER_RE = new RegExp(String.raw`^(${NUMBER})`);

/** Text with whitespace folded for number reading: full-width forms folded, any run of spaces one space. */
function numberText(text: string): string {
  return normalizeText(text).replace(/[ \t\u2009\u202f]+/g, " ");
}

/** A number as Number() reads it once its group separators are gone. */
function toNumber(digits: string): number {
  return Number(digits.replace(/[, ]/g, ""));
}

export interface ParsedNumber {
  value: number;
  /** The text ended with %: value is in percentage points (95 for "95%"). */
  percent: boolean;
}

/** "1,234.56" → 1234.56; "95%" → {95, percent}; anything else (docs/numbers.md) → undefined. */
export function parseNumberText(text: string): ParsedNumber | undefined {
  const m = NUMBER_RE.exec(numberText(text));
  if (!m) return undefined;
  return { value: toNumber(m[1]), percent: m[2] === "%" };
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

/**
 * A unit after a target's number: words ("万元", "个", "台（套）", "m2"), never something that makes
 * the number another one ("1e3", "1 234,56", "9↵5", "2023年12月", "2023-01-01").
 */
function isUnit(unit: string): boolean {
  if (/^[eE][+-]?\d/.test(unit)) return false; // an exponent
  // A digit that does not end a Latin unit word (m2, km3) belongs to another number or a date.
  return !/(^|[^A-Za-z])[\d.,]/.test(unit.replace(/([A-Za-z])\d\b/g, "$1"));
}

/** "≥95%", "≤90万元", "50个", "95%以上", "１２３" → parts; text that is not one number with words around it → undefined. */
export function parseTarget(text: string): ParsedTarget | undefined {
  // `raw` and `s` have the same length (folding is one character for one, runs of spaces become
  // one in both), so the unit can be cut from the text as typed: "台（套）" stays "台（套）".
  const raw = text.replace(/[\s\u3000\u00a0\u2009\u202f]+/g, " ").trim();
  let s = normalizeText(raw);
  let start = 0;
  let direction: Direction | undefined;
  for (const [word, dir] of DIRECTION_WORDS) {
    if (s.startsWith(word) && !/^[正反]向$/.test(word)) {
      direction = dir;
      const rest = s.slice(word.length).replace(/^ /, "");
      start += s.length - rest.length;
      s = rest;
      break;
    }
  }
  let end = s.length;
  for (const [word, dir] of SUFFIX_DIRECTIONS) {
    if (s.endsWith(word)) {
      direction = direction ?? dir;
      s = s.slice(0, -word.length).replace(/ $/, "");
      end = s.length;
      break;
    }
  }
  const m = LEADING_NUMBER_RE.exec(s);
  if (!m) return undefined;
  let rest = s.slice(m[1].length, end);
  let skipped = m[1].length;
  const percent = /^ ?%/.test(rest);
  if (percent) {
    const cut = rest.indexOf("%") + 1;
    rest = rest.slice(cut);
    skipped += cut;
  }
  const unitText = rest.replace(/^ /, "");
  skipped += rest.length - unitText.length;
  if (unitText && !isUnit(unitText)) return undefined;
  const unit = raw.slice(start + skipped, start + skipped + unitText.length);
  return { direction, value: toNumber(m[1]), percent, unit };
}

/** A year typed as 2023, "2023" or "2023年". */
export function parseYear(value: unknown): number | undefined {
  const s = typeof value === "number" ? String(value) : typeof value === "string" ? normalizeText(value) : "";
  const m = /^(\d{4})(\.0+)?年?(度)?$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  return y >= 1990 && y <= 2100 ? y : undefined;
}
