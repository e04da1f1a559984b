/**
 * The one port between the engine and a spreadsheet host. An adapter (exceljs for the CLI and
 * tests, office.js in Excel, WPS's ET) implements it; the core never sees a host object: it reads
 * the snapshot's plain data (core/snapshot.ts) and returns a plan (core/plan.ts).
 *
 * Both calls are batch-shaped on purpose: `read` fetches every input sheet at once and `apply`
 * writes a whole plan, so an office.js adapter can do each in a constant number of round trips.
 */
import type { WorkbookPlan } from "../core/plan";
import type { CellValue, SheetCell, WorkbookSnapshot } from "../core/snapshot";

/**
 * `read(ALL_SHEETS)`: every sheet but Jixiao's own output sheets (never an input), for finding
 * the official forms wherever they are.
 */
export const ALL_SHEETS = "*";
export type SheetSelection = readonly string[] | typeof ALL_SHEETS;

export interface WorkbookPort {
  /** Reads the named sheets (those that exist), or all of them, and lists all sheet names. */
  read(sheets: SheetSelection): Promise<WorkbookSnapshot>;
  /**
   * Writes the plan. Sheets in the plan replace same-named sheets whole; no other sheet is touched.
   * All or nothing: if it fails, the workbook is as it was.
   */
  apply(plan: WorkbookPlan): Promise<void>;
}

/**
 * The non-empty cells of a block of values read from (startRow, startCol): what an adapter reading
 * rectangles (office.js areas, test fixtures) hands on. Empty strings are not cells.
 */
export function blockCells(
  block: ReadonlyArray<ReadonlyArray<CellValue | undefined>>,
  startRow: number,
  startCol: number,
  numberFormat?: (r: number, c: number) => string | undefined,
): SheetCell[] {
  const out: SheetCell[] = [];
  block.forEach((values, r) =>
    values.forEach((value, c) => {
      if (value === null || value === undefined || value === "") return;
      const cell: SheetCell = { row: startRow + r, col: startCol + c, value };
      const f = typeof value === "number" ? numberFormat?.(r, c) : undefined;
      if (f && f !== "General") cell.numberFormat = f;
      out.push(cell);
    }),
  );
  return out;
}
