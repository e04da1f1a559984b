/**
 * A workbook as plain data, as every adapter reads it (port/workbook.ts): the core's only input.
 * Non-empty cells only, with their values, number formats and formulas.
 */
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
