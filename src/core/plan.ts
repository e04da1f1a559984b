/**
 * A write plan: everything a command writes, as plain data. The core builds it; an adapter applies
 * it in one batch. Host-neutral on purpose (exceljs, office.js and WPS's ET read the same plan).
 */

export interface CellStyle {
  font?: { name?: string; size?: number; bold?: boolean; color?: string };
  /** Horizontal alignment, vertical alignment, wrap, indent in characters. */
  /** v "justify" spreads a wrapped cell's lines over its height (no gap under the last line). */
  align?: { h?: "left" | "center" | "right"; v?: "top" | "middle" | "bottom" | "justify"; wrap?: boolean; indent?: number };
  numFmt?: string;
  border?: "thin";
  /** Background colour, "RRGGBB". */
  fill?: string;
}

/**
 * One cell. `f` is a formula without the leading "=" and `v` its computed value (cached, so every
 * viewer shows numbers). Without `f`, `v` is a constant; a string is always written as text, never
 * interpreted as a formula, whatever it starts with.
 */
export interface PlanCell {
  v: string | number | boolean | null;
  f?: string;
  /** A key of SheetPlan.styles. */
  s?: string;
}

export interface DataValidation {
  /** A1 range on this sheet, e.g. "A3:A500". */
  range: string;
  list: readonly string[];
  prompt?: string;
}

export interface PageSetup {
  paperSize: "A4";
  orientation: "portrait" | "landscape";
  /** A1 range, e.g. "A1:A80". */
  printArea: string;
  /** Fit all columns on one page width. */
  fitToWidth: boolean;
  /** Margins in inches. */
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Excel header/footer code, e.g. "&C第 &P 页 共 &N 页". */
  centerFooter?: string;
  /** Rows repeated at the top of each printed page, e.g. "1:1". */
  printTitleRows?: string;
}

export interface SheetPlan {
  name: string;
  /** Dense grid from A1: cells[r][c] is row r+1, column c+1; null leaves the cell empty. */
  cells: (PlanCell | null)[][];
  styles: Record<string, CellStyle>;
  /** Column widths in characters, index 0 = column A. */
  columnWidths: number[];
  /** Row heights in points, by 1-based row. */
  rowHeights: Record<number, number>;
  merges: string[];
  validations: DataValidation[];
  pageSetup?: PageSetup;
  /** Rows (and columns) frozen at the top-left. */
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  /** Short notes shown as cell comments (template hints). */
  notes: Array<{ address: string; text: string }>;
  /** Manual page breaks: a new printed page starts after each of these 1-based rows. */
  pageBreaksAfter?: number[];
}

/** A workbook-level defined name for a key figure, so users can link to it (`=自评得分`). */
export interface DefinedName {
  name: string;
  sheet: string;
  /** Absolute A1 address on `sheet`, e.g. "$B$16". */
  address: string;
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** The sheet to show when done. */
  activate?: string;
  /** Defined names to create or repoint (never deleted: users may use them). */
  names?: DefinedName[];
}

/** Builds a SheetPlan cell by cell; rows and columns are 1-based. */
export class SheetBuilder {
  private readonly plan: SheetPlan;

  constructor(name: string, styles: Record<string, CellStyle>) {
    this.plan = { name, cells: [], styles, columnWidths: [], rowHeights: {}, merges: [], validations: [], notes: [] };
  }

  set(row: number, col: number, cell: PlanCell): this {
    const r = (this.plan.cells[row - 1] ??= []);
    while (r.length < col - 1) r.push(null);
    r[col - 1] = cell;
    return this;
  }

  /** Writes a row of cells starting at `col`; `style` applies where a cell has none. */
  row(row: number, col: number, cells: ReadonlyArray<PlanCell | null>, style?: string): this {
    cells.forEach((c, i) => {
      if (c) this.set(row, col + i, style && !c.s ? { ...c, s: style } : c);
    });
    return this;
  }

  widths(widths: number[]): this {
    this.plan.columnWidths = widths;
    return this;
  }

  height(row: number, points: number): this {
    this.plan.rowHeights[row] = points;
    return this;
  }

  merge(range: string): this {
    this.plan.merges.push(range);
    return this;
  }

  validate(v: DataValidation): this {
    this.plan.validations.push(v);
    return this;
  }

  note(address: string, text: string): this {
    this.plan.notes.push({ address, text });
    return this;
  }

  page(setup: PageSetup): this {
    this.plan.pageSetup = setup;
    return this;
  }

  freeze(rows: number, cols = 0): this {
    this.plan.freeze = { rows, cols };
    return this;
  }

  get rowCount(): number {
    return this.plan.cells.length;
  }

  build(): SheetPlan {
    const width = this.plan.cells.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
    // Fill holes so adapters can write rectangular blocks.
    for (let i = 0; i < this.plan.cells.length; i++) {
      const r = (this.plan.cells[i] ??= []);
      while (r.length < width) r.push(null);
    }
    return this.plan;
  }
}

export const text = (v: string, s?: string): PlanCell => ({ v, s });
export const value = (v: number | string | boolean | null, s?: string): PlanCell => ({ v, s });
export const formula = (f: string, v: string | number | boolean, s?: string): PlanCell => ({ f, v, s });
