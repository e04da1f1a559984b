/** Turning cells into NumberSources: numbers as numbers or text, percent formats, unit scaling. */
import type { Grid } from "../grid";
import type { NumberSource } from "../model";
import { parseNumberText } from "../numbers";

export function isPercentFormat(numFmt: string): boolean {
  // A % outside quotes or brackets makes Excel show the value ×100.
  return numFmt.includes("%") && /%/.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ""));
}

export type ReadResult = { ok: true; source: NumberSource; percent: boolean } | { ok: false; reason: "blank" | "text" };

/**
 * Reads a number. `amountScale` converts the unit (1/10000 for 元 → 万元). A percent cell or text
 * gives percentage points (0.95 formatted as % → 95), so target and actual compare alike.
 */
export function readNumber(grid: Grid, row: number, col: number, amountScale = 1): ReadResult {
  const v = grid.value(row, col);
  const base = { sheet: grid.name, row, col };
  if (typeof v === "number") {
    const percent = isPercentFormat(grid.numberFormat(row, col));
    const scale = (percent ? 100 : 1) * amountScale;
    return { ok: true, percent, source: { ...base, kind: "cell", value: scaleValue(v, scale), scale } };
  }
  if (v === null || (typeof v === "string" && v.trim() === "")) return { ok: false, reason: "blank" };
  if (typeof v === "boolean") return { ok: false, reason: "text" };
  const parsed = parseNumberText(v);
  if (!parsed) return { ok: false, reason: "text" };
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
