/**
 * The fake Excel's workbook as plain data: sheets of cells (value, formula, number format, format),
 * sizes, merges, validations, page setup, defined names and chart series. The playground renders
 * it, the tests compare its dump(), and both fakes (office.js's in ./batching and ./proxies, ET's in
 * ../et) act on it. What Excel does on its own when a workbook changes is here too: formulas follow
 * a renamed sheet, references to a deleted sheet become #REF!, typed text becomes a number.
 */
import { renameSheetRefs } from "../../adapters/shared/formulaRefs";
import { MAX_COL, MAX_ROW, columnLetter, columnNumber } from "../../core/cells";

export type FakeValue = string | number | boolean;

export interface FakeFont {
  name?: string;
  size?: number;
  bold?: boolean;
  color?: string;
}

export interface FakeFormat {
  font: FakeFont;
  fill?: string;
  horizontal?: string;
  vertical?: string;
  wrap?: boolean;
  indent?: number;
  /** Thin borders per edge. */
  borders: { top?: boolean; bottom?: boolean; left?: boolean; right?: boolean };
}

export interface FakeCell {
  /** The value as Excel shows it ("" when empty); a formula cell keeps its last computed value. */
  value: FakeValue;
  /** "=..." when the cell holds a formula. */
  formula?: string;
  numberFormat: string;
  format: FakeFormat;
}

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface FakeValidation {
  rect: Rect;
  list?: string[];
  prompt?: { title: string; message: string };
  errorAlert?: { title: string; message: string; style: string };
}

export interface FakePageLayout {
  orientation?: string;
  paperSize?: string;
  printArea?: string;
  printTitleRows?: string;
  margins?: Record<string, number>;
  centerFooter?: string;
  fitToWidth?: boolean;
  centerHorizontally?: boolean;
}

export interface FakeSheet {
  id: number;
  name: string;
  cells: Map<number, FakeCell>;
  /** Points, by 1-based column. */
  columnWidths: Map<number, number>;
  /** Points, by 1-based row. */
  rowHeights: Map<number, number>;
  merges: Rect[];
  validations: FakeValidation[];
  freeze: { rows: number; cols: number } | null;
  tabColor: string;
  pageLayout: FakePageLayout;
  /** Rows a horizontal page break stands before (worksheet.horizontalPageBreaks). */
  pageBreaks: number[];
  deleted?: boolean;
}

/** A column's and a row's standard size in points (Calibri 11: 8.43 characters, 15 points). */
export const STANDARD_WIDTH = 48;
export const STANDARD_HEIGHT = 15;
/** Inches ↔ points (margins are kept in inches, loaded in points). */
export const POINTS_PER_INCH = 72;
/**
 * What Excel reports for a sheet nobody set up (a new sheet's page setup). dump() leaves out what
 * equals these, so a setting put back to its default compares equal to one never set.
 */
export const PAGE_DEFAULTS: { orientation: string; paperSize: string; margins: Record<string, number> } = {
  orientation: "Portrait",
  paperSize: "Letter",
  margins: { top: 0.75, bottom: 0.75, left: 0.7, right: 0.7, header: 0.3, footer: 0.3 },
};

/** Points → characters, the inverse of the adapters' charsToPoints (planRects): a width as Excel and ET show it. */
export const pointsToChars = (pt: number): number => Math.max(0, Math.round(((pt / 0.75 - 5) / 7) * 100) / 100);

/** A cell's key in FakeSheet.cells, and back. */
export const cellKey = (r: number, c: number): number => (r - 1) * MAX_COL + (c - 1);
export const keyCell = (k: number): { r: number; c: number } => ({ r: Math.floor(k / MAX_COL) + 1, c: (k % MAX_COL) + 1 });

/** "A1", "B2:D9", "A:C", "3:5" (with optional $ and an optional sheet prefix) → a rectangle. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let ref = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const parts = ref.replace(/\$/g, "").split(":");
  const one = (p: string): { r?: number; c?: number } => {
    const m = /^([A-Z]*)(\d*)$/i.exec(p);
    if (!m || (!m[1] && !m[2])) throw new Error(`InvalidArgument: bad address ${address}`);
    return { c: m[1] ? columnNumber(m[1]) : undefined, r: m[2] ? Number(m[2]) : undefined };
  };
  const a = one(parts[0]);
  const b = one(parts[1] ?? parts[0]);
  return {
    sheet,
    rect: { r1: a.r ?? 1, c1: a.c ?? 1, r2: b.r ?? MAX_ROW, c2: b.c ?? MAX_COL },
  };
}

export function rectAddress(r: Rect): string {
  // Whole rows and whole columns read like Excel's: "13:13", "A:C".
  if (r.c1 === 1 && r.c2 === MAX_COL && !(r.r1 === 1 && r.r2 === MAX_ROW)) return `${r.r1}:${r.r2}`;
  if (r.r1 === 1 && r.r2 === MAX_ROW && !(r.c1 === 1 && r.c2 === MAX_COL)) return `${columnLetter(r.c1)}:${columnLetter(r.c2)}`;
  const tl = `${columnLetter(r.c1)}${r.r1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? tl : `${tl}:${columnLetter(r.c2)}${r.r2}`;
}

/** How office.js names a sheet in an address: quoted only when needed. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const emptyFormat = (): FakeFormat => ({ font: {}, borders: {} });
const blankCell = (): FakeCell => ({ value: "", numberFormat: "General", format: emptyFormat() });

/** A sheet's cell, created blank when absent (formats live on cells in this model). */
export function cellForWrite(sheet: FakeSheet, r: number, c: number): FakeCell {
  const k = cellKey(r, c);
  let cell = sheet.cells.get(k);
  if (!cell) sheet.cells.set(k, (cell = blankCell()));
  return cell;
}

export const overlaps = (a: Rect, b: Rect): boolean => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
export const sameRect = (a: Rect, b: Rect): boolean => a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
export const inRect = (rect: Rect, r: number, c: number): boolean => r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2;

/** A chart's series, kept as the references Excel keeps ("=评分结果!$C$5:$C$9"): what tests check links with. */
export interface FakeChart {
  sheet: string;
  name: string;
  series: string[];
}

/** What a `worksheets.onChanged` handler receives (the members the add-in reads). */
export interface FakeChangeEvent {
  worksheetId: string;
  address: string;
  changeType: string;
  source: "Local" | "Remote";
  triggerSource: "Unknown" | "ThisLocalAddin";
}

/** The workbook: plain data the playground renders and the tests compare. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  /** Workbook-level defined names: name → "=Sheet!$A$1". */
  names = new Map<string, string>();
  /** The names hidden from the user (NamedItem.visible = false). */
  hiddenNames = new Set<string>();
  /** Charts (their series references only). */
  charts: FakeChart[] = [];
  activeSheetId = 0;
  selection: { sheet: string; address: string } | null = null;
  /** `worksheets.onChanged` handlers; the playground calls them when the user edits a cell. */
  changeHandlers = new Set<(event: FakeChangeEvent) => Promise<unknown> | void>();
  /**
   * Recomputes formula values, as Excel does after writes (the playground sets its evaluator);
   * unset, formulas keep the values they were given (unit tests of the adapter).
   */
  calculate?: () => void;
  private nextId = 1;

  /**
   * Tells the change handlers, asynchronously like Excel, that `address` of `sheet` changed: the
   * user's edit (triggerSource "Unknown"), or the add-in's own write ("ThisLocalAddin", ExcelApi
   * 1.14) — Excel fires onChanged for both.
   */
  notifyChanged(sheet: FakeSheet, address: string, triggerSource: FakeChangeEvent["triggerSource"] = "Unknown"): void {
    for (const h of this.changeHandlers)
      setTimeout(() => void h({ worksheetId: String(sheet.id), address, changeType: "RangeEdited", source: "Local", triggerSource }), 0);
  }

  addSheet(name: string): FakeSheet {
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`InvalidArgument: bad sheet name ${name}`);
    if (this.findSheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    const sheet: FakeSheet = {
      id: this.nextId++,
      name,
      cells: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      merges: [],
      validations: [],
      freeze: null,
      tabColor: "",
      pageLayout: {},
      pageBreaks: [],
    };
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  findSheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Like Excel, formulas that point at the sheet follow it to its new name. */
  renameSheet(sheet: FakeSheet, name: string): void {
    const other = this.findSheet(name);
    if (other && other !== sheet) throw new Error(`ItemAlreadyExists: ${name}`);
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`InvalidArgument: bad sheet name ${name}`);
    this.rewriteFormulas(new Map([[sheet.name, name]]));
    for (const chart of this.charts) if (chart.sheet.toLowerCase() === sheet.name.toLowerCase()) chart.sheet = name;
    sheet.name = name;
  }

  /** Every formula the workbook keeps: cells, defined names, chart series. */
  private rewriteFormulas(renames: Map<string, string>): void {
    this.mapFormulas((f) => "=" + renameSheetRefs(f.slice(1), renames));
  }

  private mapFormulas(f: (formula: string) => string): void {
    for (const s of this.sheets) for (const cell of s.cells.values()) if (cell.formula) cell.formula = f(cell.formula);
    for (const [n, v] of this.names) this.names.set(n, f(v));
    for (const chart of this.charts) chart.series = chart.series.map(f);
  }

  /** Like copying a sheet in Excel: everything, under "name (2)", at the end. */
  copySheet(sheet: FakeSheet): FakeSheet {
    let n = 2;
    while (this.findSheet(`${sheet.name.slice(0, 26)} (${n})`)) n++;
    const copy = this.addSheet(`${sheet.name.slice(0, 26)} (${n})`);
    const clone = cloneSheet(sheet);
    Object.assign(copy, { ...clone, id: copy.id, name: copy.name });
    return copy;
  }

  deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.length === 1) throw new Error("InvalidOperation: a workbook must keep one sheet");
    // Like Excel, references to a deleted sheet become #REF!.
    const gone = "~deleted~";
    this.rewriteFormulas(new Map([[sheet.name, gone]]));
    this.mapFormulas((f) => (f.includes(gone) ? f.replace(/'~deleted~'!\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?/g, "#REF!") : f));
    this.charts = this.charts.filter((c) => c.sheet.toLowerCase() !== sheet.name.toLowerCase());
    this.sheets = this.sheets.filter((s) => s !== sheet);
    sheet.deleted = true;
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0].id;
  }

  /**
   * What typing into a cell does: text, a number when it reads as one, a formula after "=" (its
   * value comes from `calculate`), text as typed in a Text-formatted cell; "" clears the value.
   */
  setUserValue(sheet: FakeSheet, r: number, c: number, text: string): void {
    const k = cellKey(r, c);
    const cell = { ...(sheet.cells.get(k) ?? blankCell()) };
    setEntered(cell, text, true);
    sheet.cells.set(k, cell);
  }

  cell(sheet: FakeSheet, r: number, c: number): FakeCell | undefined {
    return sheet.cells.get(cellKey(r, c));
  }

  /** The cell, created blank when absent. */
  cellForWrite(sheet: FakeSheet, r: number, c: number): FakeCell {
    return cellForWrite(sheet, r, c);
  }

  /** The cells of `rect` copied as they are from one sheet onto the same address of another. */
  copyCells(from: FakeSheet, to: FakeSheet, rect: Rect): void {
    for (const [k, cell] of from.cells) {
      const { r, c } = keyCell(k);
      if (inRect(rect, r, c)) to.cells.set(k, structuredClone(cell));
    }
  }

  /** Clearing everything from a rectangle (Range.clear "All"): cells, merges and validations go; sizes stay. */
  clearRect(sheet: FakeSheet, rect: Rect): void {
    for (const k of [...sheet.cells.keys()]) {
      const { r, c } = keyCell(k);
      if (inRect(rect, r, c)) sheet.cells.delete(k);
    }
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
    sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, rect));
  }

  /** Bounding box of non-empty cells (values only) or also of formatted cells. */
  usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = 0;
    let c2 = 0;
    for (const [k, cell] of sheet.cells) {
      const blank = cell.value === "" && !cell.formula;
      if (blank && (valuesOnly || (cell.numberFormat === "General" && isDefaultFormat(cell.format)))) continue;
      const { r, c } = keyCell(k);
      r1 = Math.min(r1, r);
      c1 = Math.min(c1, c);
      r2 = Math.max(r2, r);
      c2 = Math.max(c2, c);
    }
    return r2 ? { r1, c1, r2, c2 } : null;
  }

  /** A deep copy (tests run many failures from one seed). */
  clone(): FakeWorkbook {
    const copy = new FakeWorkbook();
    copy.nextId = this.nextId;
    copy.activeSheetId = this.activeSheetId;
    copy.selection = this.selection && { ...this.selection };
    copy.sheets = this.sheets.map(cloneSheet);
    copy.names = new Map(this.names);
    copy.hiddenNames = new Set(this.hiddenNames);
    copy.charts = structuredClone(this.charts);
    return copy;
  }

  /** Every sheet as plain data with sorted keys, in tab order, then the names and charts if any: what tests compare. */
  dump(): string[] {
    const book = this.names.size || this.charts.length ? [canonical({ names: [...this.names].sort(), charts: this.charts })] : [];
    return this.sheetDump().concat(book);
  }

  private sheetDump(): string[] {
    return this.sheets.map((s) =>
      canonical({
        name: s.name,
        cells: [...s.cells.entries()].sort((a, b) => a[0] - b[0]).filter(([, c]) => !isBlank(c)),
        columnWidths: [...s.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        rowHeights: [...s.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
        merges: s.merges,
        validations: s.validations,
        freeze: s.freeze,
        tabColor: s.tabColor,
        pageLayout: effectiveLayout(s.pageLayout),
        pageBreaks: s.pageBreaks,
      }),
    );
  }

  /** Sets plain values from A1 (fixtures and the playground's loader). */
  setValues(sheet: FakeSheet, rows: ReadonlyArray<ReadonlyArray<FakeValue | null>>, startRow = 1, startCol = 1): void {
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === "") return;
        this.cellForWrite(sheet, startRow + i, startCol + j).value = v;
      }),
    );
  }
}

/** The page setup without what equals Excel's defaults (see PAGE_DEFAULTS). */
function effectiveLayout(p: FakePageLayout): FakePageLayout {
  const out = { ...p };
  if (out.orientation === PAGE_DEFAULTS.orientation) delete out.orientation;
  if (out.paperSize === PAGE_DEFAULTS.paperSize) delete out.paperSize;
  if (out.margins && Object.entries(PAGE_DEFAULTS.margins).every(([k, v]) => out.margins![k] === v)) delete out.margins;
  return out;
}

function cloneSheet(s: FakeSheet): FakeSheet {
  return { ...structuredClone({ ...s, cells: undefined }), cells: new Map([...s.cells].map(([k, c]) => [k, structuredClone(c)])) };
}

/** JSON with sorted object keys and false/undefined borders dropped, so equal states compare equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .filter((k) => x[k] !== undefined && (x[k] !== false || k === "value"))
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

function isDefaultFormat(f: FakeFormat): boolean {
  return (
    !f.fill &&
    !f.horizontal &&
    !f.vertical &&
    !f.wrap &&
    !f.indent &&
    !Object.values(f.borders).some(Boolean) &&
    !Object.values(f.font).some((v) => v !== undefined)
  );
}

function isBlank(c: FakeCell): boolean {
  return c.value === "" && !c.formula && c.numberFormat === "General" && isDefaultFormat(c.format);
}

/**
 * What typing a value does: a Text-formatted cell ("@") keeps the text as typed; otherwise "=..."
 * becomes a formula (uncomputed here: its value stays "") and numeric text becomes a number.
 */
/** A typed percent Excel turns into a number: "90%", "-12.5%", "1,200%". */
const PERCENT_ENTRY = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%$/;

export function setEntered(cell: FakeCell, x: unknown, asFormula: boolean): void {
  if (x === null || x === undefined || x === "") {
    cell.value = "";
    delete cell.formula;
    return;
  }
  if (typeof x === "number" || typeof x === "boolean") {
    cell.value = cell.numberFormat === "@" ? String(x) : x;
    delete cell.formula;
    return;
  }
  const s = String(x);
  if (cell.numberFormat === "@") {
    cell.value = s;
    delete cell.formula;
  } else if (s.startsWith("=") || (!asFormula && /^[+-]/.test(s) && s.length > 1 && Number.isNaN(Number(s)))) {
    cell.formula = s.startsWith("=") ? s : "=" + s;
    cell.value = "";
  } else if (s.trim() !== "" && !Number.isNaN(Number(s))) {
    cell.value = Number(s);
    delete cell.formula;
  } else if (PERCENT_ENTRY.test(s.trim())) {
    // Like Excel: "90%" is the number 0.9, shown as a percent when the cell had no format of its own.
    const digits = s.trim().slice(0, -1).replace(/,/g, "");
    cell.value = Number(digits) / 100;
    if (!cell.numberFormat || cell.numberFormat === "General") {
      const decimals = digits.split(".")[1]?.length ?? 0;
      cell.numberFormat = decimals ? `0.${"0".repeat(decimals)}%` : "0%";
    }
    delete cell.formula;
  } else {
    cell.value = s;
    delete cell.formula;
  }
}
