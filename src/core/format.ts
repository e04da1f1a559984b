/**
 * How figures read in the report (scoring.md "Formatting figures in text"). Each rule exists twice
 * on purpose: as TypeScript for cached values and as an Excel formula for the live sheet; the
 * formula texts are built next to the function they mirror, and the LibreOffice recalculation
 * tests hold the pair together.
 */

/** Excel's ROUND: half away from zero, after removing binary noise beyond 15 significant digits. */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  const r = Math.round(scaled) / factor;
  return x < 0 ? -r : r === 0 ? 0 : r;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Amount digits kept in text: 元 converted to 万元 has up to 6 decimals (fen). */
const AMOUNT_DECIMALS = 6;

/** 3970.64 → "3,970.64", 3432.3 → "3,432.3", 100 → "100". */
export function formatAmount(x: number): string {
  const r = excelRound(x, AMOUNT_DECIMALS);
  const [intPart, frac = ""] = Math.abs(r).toFixed(AMOUNT_DECIMALS).split(".");
  const trimmed = frac.replace(/0+$/, "");
  return (r < 0 ? "-" : "") + groupThousands(intPart) + (trimmed ? "." + trimmed : "");
}

/** 1 → "100%", 0.92871 → "92.87%", 0.925 → "92.50%". */
export function formatRate(rate: number): string {
  const pct = excelRound(rate * 100, 2);
  return Number.isInteger(pct) ? `${pct}%` : `${pct.toFixed(2)}%`;
}

/** 96.9 → "96.9", 10 → "10", 4.17 → "4.17". */
export function formatScore(x: number): string {
  const r = excelRound(x, 2);
  return String(r);
}

/** Excel text of a cell holding an amount, mirroring formatAmount. */
export function amountTextFormula(ref: string): string {
  const r = `ROUND(${ref},${AMOUNT_DECIMALS})`;
  return `IF(${r}=INT(${r}),TEXT(${r},"#,##0"),TEXT(${r},"#,##0.${"#".repeat(AMOUNT_DECIMALS)}"))`;
}

/** Excel text of a cell holding a rate (a fraction), mirroring formatRate. */
export function rateTextFormula(ref: string): string {
  const p = `ROUND(${ref}*100,2)`;
  return `IF(${p}=INT(${p}),TEXT(${p},"0")&"%",TEXT(${p},"0.00")&"%")`;
}

/** Excel text of a cell holding a score, mirroring formatScore. */
export function scoreTextFormula(ref: string): string {
  const r = `ROUND(${ref},2)`;
  return `IF(${r}=INT(${r}),TEXT(${r},"0"),TEXT(${r},"0.##"))`;
}
