/**
 * The one port between the engine and a spreadsheet host. An adapter (exceljs for the CLI and
 * tests, office.js in Excel, later WPS) implements it; the core never sees a host object.
 *
 * Both calls are batch-shaped on purpose: `read` fetches every input sheet at once and `apply`
 * writes a whole plan, so an office.js adapter can do each in a constant number of round trips.
 */
import type { WorkbookPlan } from "../core/plan";

export type CellValue = number | string | boolean | null;

/** A sheet's used range as plain data; row/column numbers are the sheet's own (1-based). */
export interface SheetData {
  name: string;
  /** Sheet row and column of values[0][0]. */
  startRow: number;
  startCol: number;
  values: CellValue[][];
  /** Excel number format per cell (same shape as values), "General" where none. */
  numberFormats: string[][];
}

export interface WorkbookSnapshot {
  /** Every sheet in the workbook, in tab order. */
  sheetNames: string[];
  /** The requested sheets that exist. */
  sheets: Record<string, SheetData>;
}

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
