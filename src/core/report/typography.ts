/**
 * The report's typography (report.md "Layout", GB/T 9704 as the reference) and the text measuring
 * the sheet needs: Excel cannot auto-fit wrapped rows it did not lay out, and LibreOffice does not
 * grow them, so row heights are computed from the text's display width.
 */

export type FontRole = "title" | "heading" | "subheading" | "body" | "tableHeader" | "table";

/**
 * Each role's fonts, preferred first. The .docx declares the first with the others as fallbacks
 * (w:altName); an Excel cell names one font, `sheet` — the first one a Chinese Windows/Office
 * install ships (仿宋, 楷体, 黑体), so the sheet renders as intended without the 公文 fonts. The
 * title keeps 方正小标宋简体: nothing built in resembles it, and a missing font is substituted.
 */
export const REPORT_FONTS: Record<FontRole, { fonts: readonly string[]; sheet: string; size: number; bold?: boolean }> = {
  title: { fonts: ["方正小标宋简体", "黑体", "SimHei"], sheet: "方正小标宋简体", size: 22 },
  heading: { fonts: ["黑体", "SimHei"], sheet: "黑体", size: 16 },
  subheading: { fonts: ["楷体_GB2312", "楷体", "KaiTi"], sheet: "楷体", size: 16 },
  body: { fonts: ["仿宋_GB2312", "仿宋", "FangSong"], sheet: "仿宋", size: 16 },
  tableHeader: { fonts: ["黑体", "SimHei"], sheet: "黑体", size: 12, bold: true },
  table: { fonts: ["仿宋_GB2312", "仿宋", "FangSong"], sheet: "仿宋", size: 12 },
};

/**
 * The official form's table text in the .docx, in points: 五号, as the printed 自评表 are, so a
 * form of about ten indicators fits one landscape page (the sheet keeps the role's size).
 */
export const FORM_TABLE_SIZE = 10.5;

/** Latin text (digits, amounts) in every role. */
export const LATIN_FONT = "Times New Roman";

/** Line height as a multiple of the font size: CJK fonts' ascent + descent (Noto CJK: 1.448). */
export const LINE_HEIGHT = 1.5;

/** Two ideographic spaces: a first-line indent of two characters where no indent exists (a cell). */
export const FIRST_LINE_INDENT = "\u3000\u3000";

/** Half-width units of a character: full-width (CJK, full-width punctuation) 2; others a bit over 1. */
function charUnits(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x1100) return 1.2; // proportional Latin in a fallback font is ~0.6 em
  return 2; // CJK, full-width forms and the ambiguous quotes “” counted wide to be safe
}

/** Display width in half-width units (one unit = half the font size). */
export function displayUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += charUnits(ch);
  return u;
}

/** Excel column width (characters of the default font) to pixels at 96 dpi. */
export function columnPixels(width: number): number {
  return Math.trunc(width * 7 + 5);
}

/** Half-width units that fit on one line of a wrapped cell of `pixels` at `size` points. */
export function unitsPerLine(pixels: number, size: number): number {
  const cellPadding = 8;
  const halfEm = (size * 96) / 72 / 2;
  // Line breaking wastes the end of some lines (numbers are not split): keep a margin.
  return Math.floor(((pixels - cellPadding) / halfEm) * 0.92);
}

/** Lines a wrapped cell needs: each explicit line wraps on its own. */
export function wrappedLines(s: string, perLine: number): number {
  return s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(displayUnits(line) / perLine)), 0);
}

/** Row height in points for `lines` lines at `size`, with a little air above and below. */
export function rowHeight(lines: number, size: number): number {
  return Math.ceil(lines * size * LINE_HEIGHT + 4);
}

const SENTENCE_END = /[。！？；]/;

/**
 * Splits a long paragraph at sentence ends into pieces of at most `maxUnits` each, so that no row
 * is taller than Excel allows (409 pt) or than a good part of a page (a row never splits across
 * pages). A single sentence longer than that is split at commas, then anywhere.
 */
export function splitParagraph(s: string, maxUnits: number): string[] {
  if (displayUnits(s) <= maxUnits) return [s];
  const sentences: string[] = [];
  let cur = "";
  for (const ch of s) {
    cur += ch;
    if (SENTENCE_END.test(ch) || ch === "\n") {
      sentences.push(cur);
      cur = "";
    }
  }
  if (cur) sentences.push(cur);
  const pieces: string[] = [];
  let piece = "";
  for (const sentence of sentences.flatMap((x) => (displayUnits(x) > maxUnits ? splitLong(x, maxUnits) : [x]))) {
    if (piece && displayUnits(piece + sentence) > maxUnits) {
      pieces.push(piece);
      piece = "";
    }
    piece += sentence;
  }
  if (piece) pieces.push(piece);
  return pieces.map((p) => p.replace(/\n$/, ""));
}

function splitLong(s: string, maxUnits: number): string[] {
  const out: string[] = [];
  let cur = "";
  let lastComma = -1;
  for (const ch of s) {
    cur += ch;
    if (ch === "，" || ch === "、") lastComma = cur.length;
    if (displayUnits(cur) > maxUnits) {
      const cut = lastComma > 0 ? lastComma : cur.length - ch.length;
      out.push(cur.slice(0, cut));
      cur = cur.slice(cut);
      lastComma = -1;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Where a report title may break: before the year, before the report's kind
 * (`部门整体支出绩效自评报告`, `项目支出绩效自评报告`), before `绩效自评报告` (TITLE_BEFORE); and, in
 * a unit's name too long for one line, after the year, after `中国共产党` and after the place
 * (`广州市` | `直属机关工作委员会`) (TITLE_AFTER).
 */
const TITLE_BEFORE: readonly RegExp[] = [/\d{4}年度/, /(部门整体支出|项目支出|整体支出)绩效自评报告/, /绩效自评报告/];
const TITLE_AFTER: readonly RegExp[] = [/\d{4}年度/, /中国共产党/, /[^\d年度]{2,}?[省市县区](?![委级])/];

/** Word characters: a line never breaks between two of them (`96.14%`, `2023`, Latin words). */
const WORD_CHAR = /[0-9A-Za-z.,%％]/;

/**
 * Breaks a title into lines of at most `maxUnits` (a title is centred line by line, 公文 style):
 * at a phrase boundary when one gives lines that fit (the most balanced such break), else into
 * balanced lines that never split a run of digits or Latin letters.
 */
export function titleLines(s: string, maxUnits: number): string[] {
  if (displayUnits(s) <= maxUnits) return [s];
  const { before, all } = phraseCuts(s);
  // The fewest lines; among them a break before the report's kind first, then the most balanced.
  let best: string[] | null = null;
  let bestSpread = Infinity;
  const consider = (lines: string[]) => {
    const widths = lines.map(displayUnits);
    if (Math.max(...widths) > maxUnits || lines.some((l) => !l)) return;
    const spread = Math.max(...widths) - Math.min(...widths);
    if (spread < bestSpread) [best, bestSpread] = [lines, spread];
  };
  for (const a of before) consider([s.slice(0, a), s.slice(a)]);
  if (!best) for (const a of all) consider([s.slice(0, a), s.slice(a)]);
  if (!best) for (const a of all) for (const b of all) if (b > a) consider([s.slice(0, a), s.slice(a, b), s.slice(b)]);
  return best ?? balancedLines(s, maxUnits);
}

/** String offsets where a title may break (never 0 or the end). */
function phraseCuts(s: string): { before: number[]; all: number[] } {
  const before = new Set<number>();
  for (const re of TITLE_BEFORE) {
    const m = re.exec(s);
    if (m && m.index > 0) before.add(m.index);
  }
  const all = new Set(before);
  for (const re of TITLE_AFTER) {
    const m = re.exec(s);
    if (m && m.index + m[0].length < s.length) all.add(m.index + m[0].length);
  }
  const sorted = (x: Set<number>) => [...x].sort((p, q) => p - q);
  return { before: sorted(before), all: sorted(all) };
}

function balancedLines(s: string, maxUnits: number): string[] {
  const total = displayUnits(s);
  const n = Math.max(1, Math.ceil(total / maxUnits));
  const chars = [...s];
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const target = (total * (lines.length + 1)) / n;
    const wordGoesOn = WORD_CHAR.test(ch) && WORD_CHAR.test(chars[i - 1] ?? "");
    if (line && lines.length < n - 1 && used + charUnits(ch) / 2 > target && !wordGoesOn) {
      lines.push(line);
      line = "";
    }
    line += ch;
    used += charUnits(ch);
  }
  lines.push(line);
  return lines;
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings, 一是/二是 lists). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : DIGITS[tens]) + "十" + (ones ? DIGITS[ones] : "");
}
