/** Input workbooks for the office.js adapter tests, built in the fake Excel model by code. */
import * as fs from "fs";
import * as path from "path";
import type { FakeWorkbook } from "../../../src/playground/excel/model";
export { generatedWorkbook } from "../../../src/playground/generatedWorkbook";
import { loadXlsx } from "../../../src/playground/xlsxBridge";

export async function sampleWorkbook(): Promise<FakeWorkbook> {
  return loadXlsx(fs.readFileSync(path.join(__dirname, "../../../assets/sample.xlsx")));
}

/** Every cell of the named sheets as "sheet!r,c" → JSON, for before/after comparisons. */
export function cellsOf(model: FakeWorkbook, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const sheet = model.findSheet(name);
    if (!sheet) continue;
    for (const [k, cell] of sheet.cells) out[`${name}!${k}`] = JSON.stringify(cell);
  }
  return out;
}
