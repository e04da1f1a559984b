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
 * Breaks a title into balanced lines of at most `maxUnits` (a title is centred line by line, 公文
 * style), never inside a run of digits or Latin letters.
 */
export function titleLines(s: string, maxUnits: number): string[] {
  const total = displayUnits(s);
  const n = Math.max(1, Math.ceil(total / maxUnits));
  if (n === 1) return [s];
  const chars = [...s];
  const lines: string[] = [];
  let line = "";
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const target = (total * (lines.length + 1)) / n;
    const wordGoesOn = /[0-9A-Za-z.,]/.test(ch) && /[0-9A-Za-z.,]/.test(chars[i - 1] ?? "");
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
