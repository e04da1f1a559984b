/**
 * The Excel expression of a number read from the input (a NumberSource): a reference to its cell
 * (scaled for 元 or a percent format), the text read live where its number stands at a fixed place
 * (`10期`), else null (the parsed constant must be written). One rule for 评分结果 and the 附表.
 */
import { sheetRef } from "./cells";
import type { NumberSource } from "./model";

export function sourceFormula(source: NumberSource): string | null {
  const cell = sheetRef(source.sheet, source.row, source.col);
  const scaled = (x: string) =>
    source.scale === 1 ? x : source.scale > 1 ? `${x}*${source.scale}` : `${x}/${Math.round(1 / source.scale)}`;
  if (source.kind === "cell") return scaled(cell);
  if (!source.extract) return null;
  const { before, after } = source.extract;
  return scaled(`VALUE(SUBSTITUTE(MID(${cell},${before + 1},LEN(${cell})-${before + after}),",",""))`);
}
