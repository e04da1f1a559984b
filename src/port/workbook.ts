/**
 * The one port between the engine and a spreadsheet host. An adapter (exceljs for the CLI and
 * tests, office.js in Excel, later WPS) implements it; the core never sees a host object.
 *
 * Both calls are batch-shaped on purpose: `read` fetches every input sheet at once and `apply`
 * writes a whole plan, so an office.js adapter can do each in a constant number of round trips.
 */
import type { WorkbookPlan } from "../core/plan";

/**
 * A cell the engine may not use as a value: an Excel error (`#DIV/0!`, `#REF!` …), or
 * NOT_CALCULATED, a formula saved without its result. Carried as such, never as blank.
 */
export interface CellError {
  error: string;
}
export const NOT_CALCULATED = "NOT_CALCULATED";

export type CellValue = number | string | boolean | null | CellError;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

/** One non-empty cell; row and column are the sheet's own (1-based). */
export interface SheetCell {
  row: number;
  col: number;
  /** Numbers as stored (dates too: serial numbers, told apart by their numberFormat). */
  value: Exclude<CellValue, null>;
  /** Excel number format; absent for "General". */
  numberFormat?: string;
  /** The formula without "=", where the cell holds one (shared-formula children give ""). */
  formula?: string;
}

/**
 * A sheet as plain data: its non-empty cells only, in row-major order, so a stray value at
 * XFD1048576 or a million blank formatted rows cost nothing. Empty strings are not cells.
 */
export interface SheetData {
  name: string;
  cells: SheetCell[];
  /** The sheet holds more than MAX_SHEET_CELLS non-empty cells; `cells` has the first of them. */
  truncated?: boolean;
  /** A document's table: its first rows are this many paragraphs from above the table (its title lines). */
  leadRows?: number;
  /**
   * A document's table: the column a reader counts — the cell's place in its row — by "row,gridColumn",
   * where cells merged across columns before it make the two differ.
   */
  cellInRow?: Record<string, number>;
}

/** The most non-empty cells an adapter reads from one sheet (a real table above it is too large to score). */
export const MAX_SHEET_CELLS = 1_000_000;

export interface WorkbookSnapshot {
  /** Every sheet in the workbook, in tab order. */
  sheetNames: string[];
  /** The requested sheets that exist. */
  sheets: Record<string, SheetData>;
  /**
   * "document": the sheets are a Word document's tables (表格1, 表格2 …), so a place is told as
   * `表格2 第5行第3列` rather than as a cell (core/places.ts). Absent for a workbook.
   */
  kind?: "document";
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
