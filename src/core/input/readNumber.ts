/**
 * Turning cells into NumberSources: numbers as numbers or text, percent formats, unit scaling.
 * A cell is read faithfully or not at all (docs/numbers.md): an error value, a formula without a
 * result, a date, a value out of range or text that is not one number is a failure that says so.
 */
import type { Grid } from "../grid";
import type { NumberSource } from "../model";
import { parseNumberText } from "../numbers";
import { isCellError } from "../../port/workbook";
import { quote } from "../issues";

/** Format codes without their literal parts (quoted text, [brackets], escaped characters). */
function formatCode(numFmt: string): string {
  return numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
}

/** A workbook has a handful of formats and every numeric cell asks: each is classified once. */
const percentFormats = new Map<string, boolean>();
const dateFormats = new Map<string, boolean>();

export function isPercentFormat(numFmt: string): boolean {
  if (!numFmt.includes("%")) return false;
  let percent = percentFormats.get(numFmt);
  if (percent === undefined) {
    // A % outside quotes or brackets makes Excel show the value ×100.
    percent = formatCode(numFmt).includes("%");
    if (percentFormats.size < 1000) percentFormats.set(numFmt, percent);
  }
  return percent;
}

/** A date or time format: y, m, d, h or s outside literals ("General" and "0.00" are not). */
export function isDateFormat(numFmt: string): boolean {
  if (!numFmt || numFmt === "General") return false;
  let date = dateFormats.get(numFmt);
  if (date === undefined) {
    // [h]:mm elapsed time is a time format too.
    date = !/^general$/i.test(numFmt) && (/\[[hms]+\]/i.test(numFmt) || /[ymdhs]/i.test(formatCode(numFmt).replace(/General/gi, "")));
    if (dateFormats.size < 1000) dateFormats.set(numFmt, date);
  }
  return date;
}

/** An Excel serial date as yyyy-mm-dd (1900 system). */
export function serialDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

/**
 * The magnitudes the engine computes with: 0, or 1e-9 ≤ |x| < 1e15 (Excel keeps 15 significant
 * digits; ratios of two such numbers stay finite).
 */
export const MAX_MAGNITUDE = 1e15;
export const MIN_MAGNITUDE = 1e-9;

export function inRange(x: number): boolean {
  const a = Math.abs(x);
  return Number.isFinite(x) && (a === 0 || (a >= MIN_MAGNITUDE && a < MAX_MAGNITUDE));
}

export type ReadResult =
  | { ok: true; source: NumberSource; percent: boolean }
  /**
   * blank: nothing there. text: text or a logical value that is not a number. invalid: a value
   * that must not be read as a number (error value, formula without result, date, out of range).
   * `shown` says what the cell holds, for "…现为<shown>".
   */
  | { ok: false; reason: "blank" | "text" | "invalid"; shown: string };

/**
 * Reads a number. `amountScale` converts the unit (1/10000 for 元 → 万元). A percent cell or text
 * gives percentage points (0.95 formatted as % → 95), so target and actual compare alike.
 */
export function readNumber(grid: Grid, row: number, col: number, amountScale = 1): ReadResult {
  const v = grid.value(row, col);
  const base = { sheet: grid.name, row, col };
  const fail = (reason: "blank" | "text" | "invalid", shown = grid.shown(row, col)): ReadResult => ({ ok: false, reason, shown });
  if (isCellError(v)) return fail("invalid");
  const formula = grid.formula(row, col);
  const problem = formula ? grid.formulaProblem?.(row, col) : undefined;
  if (problem) return fail("invalid", `公式 ${quote("=" + formula)}（${problem}，重新计算时会出错）`);
  if (typeof v === "number") {
    const numFmt = grid.numberFormat(row, col);
    if (Number.isNaN(v)) return fail("invalid", "无效的数值（NaN）");
    if (!inRange(v)) return fail("invalid", `超出可计算范围的数值（${String(v)}）`);
    if (isDateFormat(numFmt)) return fail("invalid", `日期 ${serialDate(v)}（此处应为数字，不能是日期）`);
    const percent = isPercentFormat(numFmt);
    const scale = (percent ? 100 : 1) * amountScale;
    return { ok: true, percent, source: { ...base, kind: "cell", value: scaleValue(v, scale), scale } };
  }
  if (v === null || (typeof v === "string" && v.trim() === "")) return fail("blank", "空");
  if (typeof v === "boolean") return fail("text", `逻辑值 ${v ? "TRUE" : "FALSE"}`);
  const parsed = parseNumberText(v);
  if (!parsed) return fail("text");
  if (!inRange(parsed.value)) return fail("invalid", `超出可计算范围的数值 ${grid.shown(row, col)}`);
  return {
    ok: true,
    percent: parsed.percent,
    source: { ...base, kind: "text", text: v, value: scaleValue(parsed.value, amountScale), scale: amountScale },
  };
}

/** Multiplying by 1/10000 in binary drifts (0.07 元…); divide instead, as the formula does. */
export function scaleValue(v: number, scale: number): number {
  return scale < 1 ? v / Math.round(1 / scale) : v * scale;
}
