/** Read access to a SheetData by sheet coordinates, and header-row search. */
import { type CellValue, NOT_CALCULATED, type SheetCell, type SheetData, isCellError } from "./snapshot";
import { normalizeText } from "./numbers";
import { cellName } from "./cells";
import { quote } from "./quote";
import type { CellRef } from "./problems";

/**
 * Sparse: only the rows and cells the sheet holds are visited, so a table's extent comes from its
 * data (a stray value far away adds one row, not a million).
 */
export class Grid {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstCol: number;
  readonly lastCol: number;
  /** Why a formula cell's saved value cannot be used (set by the readers: see read/formulas.ts). */
  formulaProblem?: (row: number, col: number) => string | undefined;
  private readonly byRow = new Map<number, Map<number, SheetCell>>();
  private readonly rowList: number[];
  private readonly keys = new Map<string, string>();

  constructor(readonly data: SheetData) {
    let firstCol = Infinity;
    let lastCol = 0;
    for (const cell of data.cells) {
      let row = this.byRow.get(cell.row);
      if (!row) this.byRow.set(cell.row, (row = new Map()));
      row.set(cell.col, cell);
      if (cell.col < firstCol) firstCol = cell.col;
      if (cell.col > lastCol) lastCol = cell.col;
    }
    this.rowList = [...this.byRow.keys()].sort((a, b) => a - b);
    this.firstRow = this.rowList[0] ?? 1;
    this.lastRow = this.rowList[this.rowList.length - 1] ?? 0;
    this.firstCol = lastCol ? firstCol : 1;
    this.lastCol = lastCol;
  }

  get name(): string {
    return this.data.name;
  }

  /** The rows holding at least one cell, ascending; those after `after` when given. */
  rows(after = 0): number[] {
    if (after < this.firstRow) return this.rowList;
    let lo = 0;
    let hi = this.rowList.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rowList[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.rowList.slice(lo);
  }

  /** The rows holding a cell, from `from` to `to` inclusive, ascending. */
  rowsBetween(from: number, to: number): number[] {
    const out: number[] = [];
    for (const row of this.rows(from - 1)) {
      if (row > to) break;
      out.push(row);
    }
    return out;
  }

  /** The columns of a row's cells, ascending. */
  cols(row: number): number[] {
    return [...(this.byRow.get(row)?.keys() ?? [])].sort((a, b) => a - b);
  }

  private at(row: number, col: number): SheetCell | undefined {
    return this.byRow.get(row)?.get(col);
  }

  value(row: number, col: number): CellValue {
    return this.at(row, col)?.value ?? null;
  }

  numberFormat(row: number, col: number): string {
    return this.at(row, col)?.numberFormat ?? "General";
  }

  formula(row: number, col: number): string | undefined {
    return this.at(row, col)?.formula;
  }

  /**
   * Cell text as the user typed it, trimmed; "" for empty. Names and paragraphs keep their
   * punctuation. An error value reads as its text (#DIV/0!), a formula without a result as "".
   */
  text(row: number, col: number): string {
    const v = this.value(row, col);
    if (v === null) return "";
    if (isCellError(v)) return v.error === NOT_CALCULATED ? "" : v.error;
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    return String(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  }

  /** How a message names what the cell holds: “text” (one line, cut), 空, 错误值 #DIV/0!, 未计算的公式. */
  shown(row: number, col: number): string {
    const v = this.value(row, col);
    if (isCellError(v)) return v.error === NOT_CALCULATED ? "没有计算结果的公式（请在 Excel 中重新计算并保存）" : `错误值 ${v.error}`;
    const text = this.text(row, col);
    return text === "" ? "空" : quote(text);
  }

  /** Cell text for matching a vocabulary (headers, 支出类别, 评分方法 …): full-width folded, no spaces. */
  key(row: number, col: number): string {
    const text = this.text(row, col);
    if (text === "") return "";
    // Finding forms asks for the same cells' keys many times: fold each text once.
    let k = this.keys.get(text);
    if (k === undefined) {
      k = normalizeText(text).replace(/\s+/g, "");
      this.keys.set(text, k);
    }
    return k;
  }

  /** No text in the row (in `cols`, where given: a table's own columns, so stray cells beside it do not count). */
  isBlankRow(row: number, cols?: readonly number[]): boolean {
    const cells = this.byRow.get(row);
    if (!cells) return true;
    if (cols) return cols.every((c) => !cells.has(c) || this.text(row, c) === "");
    for (const c of cells.keys()) if (this.text(row, c) !== "") return false;
    return true;
  }

  cell(row: number, col: number): string {
    return cellName(this.name, row, col);
  }

  /** The typed place of a cell of this sheet (problems carry it; nobody parses `cell` back). */
  ref(row: number, col: number): CellRef {
    return { sheet: this.name, row, col };
  }
}

/** A header row: the columns of the required headers, and of the optional ones found. */
export interface HeaderMatch<K extends string, R extends K = never> {
  row: number;
  cols: Record<R, number> & Partial<Record<K, number>>;
  /** Every header column found, left to right (a table's own columns). */
  columns: number[];
}

/**
 * Headers are compared without spaces, a trailing （…） and a trailing colon: "全年 预算数（A）" and
 * "全年预算数" are the same header.
 */
export function headerKey(s: string): string {
  return s
    .replace(/\s+/g, "")
    .replace(/[（(][^（()）]*[)）]$/, "")
    .replace(/[：:]$/, "");
}

/** Every required header has a column: the match is typed with them present. */
function hasRequired<K extends string, R extends K>(
  cols: Partial<Record<K, number>>,
  required: readonly R[],
): cols is Record<R, number> & Partial<Record<K, number>> {
  return required.every((k) => cols[k] !== undefined);
}

/**
 * Finds the first row holding every required header text (title rows above it are allowed).
 * Returns undefined if none does (the caller reports the missing headers); reports duplicates of a
 * header in the header row.
 */
export function findHeaderRow<K extends string, R extends K>(
  grid: Grid,
  headers: Readonly<Record<K, string>>,
  required: readonly R[],
  onDuplicate: (header: string, first: CellRef, second: CellRef) => void,
): HeaderMatch<K, R> | undefined {
  const wanted = new Map<string, K>();
  for (const key in headers) wanted.set(headerKey(headers[key]), key);
  for (const row of grid.rows()) {
    const cols: Partial<Record<K, number>> = {};
    const columns: number[] = [];
    const dupes: Array<[string, number, number]> = [];
    for (const col of grid.cols(row)) {
      const key = wanted.get(headerKey(grid.key(row, col)));
      if (key === undefined) continue;
      const first = cols[key];
      if (first !== undefined) dupes.push([headers[key], first, col]);
      else {
        cols[key] = col;
        columns.push(col);
      }
    }
    if (hasRequired(cols, required)) {
      for (const [h, c1, c2] of dupes) onDuplicate(h, grid.ref(row, c1), grid.ref(row, c2));
      return { row, cols, columns };
    }
  }
  return undefined;
}
