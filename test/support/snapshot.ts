/** Builds WorkbookSnapshots directly (no file I/O) for fast parser and engine tests. */
import { INPUT_SHEETS } from "../../src/core/contract";
import { InputError } from "../../src/core/issues";
import type { SheetPlan } from "../../src/core/plan";
import { type InputData, buildInputSheets } from "../../src/core/sheets/inputSheets";
import { blockCells } from "../../src/port/workbook";
import { type CellValue, type SheetData, type WorkbookSnapshot } from "../../src/core/snapshot";

/** A sheet from rows of values; `formats` gives number formats by "row,col" (1-based). */
export function sheetData(name: string, rows: CellValue[][], formats: Record<string, string> = {}, startRow = 1, startCol = 1): SheetData {
  return { name, cells: blockCells(rows, startRow, startCol, (r, c) => formats[`${r + startRow},${c + startCol}`]) };
}

/** What an adapter would read back from the sheets a plan writes. */
export function planToSheetData(plan: SheetPlan): SheetData {
  const values = plan.cells.map((r) => r.map((c) => (c ? c.v : null)));
  return {
    name: plan.name,
    cells: blockCells(values, 1, 1, (r, c) => {
      const s = plan.cells[r][c]?.s;
      return s ? plan.styles[s]?.numFmt : undefined;
    }),
  };
}

export function snapshotOf(sheets: SheetData[]): WorkbookSnapshot {
  return {
    sheetNames: sheets.map((s) => s.name),
    sheets: Object.fromEntries(sheets.filter((s) => (INPUT_SHEETS as readonly string[]).includes(s.name)).map((s) => [s.name, s])),
  };
}

/** The snapshot of a workbook made by 插入模板 and filled with `data`. */
export function snapshotFromData(data: InputData, type: "部门整体支出" | "项目支出" = "部门整体支出"): WorkbookSnapshot {
  return snapshotOf(buildInputSheets(type, data).map(planToSheetData));
}

/** The `sheet!cell: message` lines of the InputError `fn` throws; [] when it throws none. */
export function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.cell}: ${i.message}`);
    throw e;
  }
  return [];
}
