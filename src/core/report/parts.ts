/**
 * Paragraph parts: literal text and live figures. A figure carries its value (for the text and the
 * .docx) and the 评分结果 cell it comes from (for the sheet's formula), so one list of parts gives
 * both renderings.
 */
import { SHEET } from "../contract";
import { quoteSheet } from "../cells";
import { amountTextFormula, formatAmount, formatRate, formatScore, rateTextFormula, scoreTextFormula } from "../format";

export type FigureKind = "amount" | "rate" | "score" | "text";

/** A figure read from 评分结果: `ref` is an Excel expression over it, `value` its value now. */
export interface Figure {
  kind: FigureKind;
  value: number | string;
  ref: string;
}

export type Part = string | Figure;

/** Where a paragraph comes from: the user's 文字材料, a fixed computed sentence, or generated text. */
export type Origin = "user" | "computed" | "generated";

export interface Paragraph {
  kind: "paragraph";
  parts: Part[];
  origin: Origin;
}

/** Each figure kind's two renderings, side by side: TypeScript text and Excel text formula. */
const FIGURE_FORMATS: Record<FigureKind, { text(v: number | string): string; formula(ref: string): string }> = {
  amount: { text: (v) => formatAmount(Number(v)), formula: amountTextFormula },
  rate: { text: (v) => formatRate(Number(v)), formula: rateTextFormula },
  score: { text: (v) => formatScore(Number(v)), formula: scoreTextFormula },
  text: { text: (v) => String(v), formula: (ref) => ref },
};

export function figureText(f: Figure): string {
  return FIGURE_FORMATS[f.kind].text(f.value);
}

/** The paragraph as text: what the cell shows now and what the .docx prints. */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === "string" ? p : figureText(p))).join("");
}

/** An Excel string constant; Excel caps one at 255 characters, so longer text is joined from pieces. */
function literal(s: string): string {
  return (s.match(/[\s\S]{1,255}/gu) ?? [""]).map((x) => `"${x.replace(/"/g, '""')}"`).join("&");
}

/** The paragraph as an Excel formula body (no "="), or null when it holds no figure. */
export function partsFormula(parts: readonly Part[], prefix = ""): string | null {
  if (!parts.some((p) => typeof p !== "string")) return null;
  // Adjacent literals become one string constant.
  const merged: Part[] = [];
  for (const p of [prefix, ...parts]) {
    const last = merged[merged.length - 1];
    if (typeof p === "string" && typeof last === "string") merged[merged.length - 1] = last + p;
    else if (p !== "") merged.push(p);
  }
  return merged.map((p) => (typeof p === "string" ? literal(p) : FIGURE_FORMATS[p.kind].formula(p.ref))).join("&");
}

export const paragraph = (parts: Part[], origin: Origin): Paragraph => ({ kind: "paragraph", parts, origin });

/** A figure over an absolute address on 评分结果 (`$B$4`). */
export function scoreSheetFigure(kind: FigureKind, value: number | string, address: string): Figure {
  return { kind, value, ref: `${quoteSheet(SHEET.scores)}!${address}` };
}
