/**
 * The WPS 表格 adapter: the WorkbookPort over the ET object model (`window.Application` in a WPS
 * add-in). Every ET call is a synchronous IPC round trip, so reads are one bulk `Value2` and one
 * `NumberFormat` per sheet (narrowed per column only where formats differ) and writes are one 2-D
 * array per sheet plus one call per rectangle of shared format.
 *
 * The guarantees are the office.js adapter's (see officeWorkbook.ts), by the same plan: every
 * sheet is built complete under a temporary `~jx…` name; an owned sheet that exists is backed up,
 * then cleared and the temporary sheet copied over it IN PLACE, so a user's `=评分结果!B4`, a
 * defined name or a chart keeps pointing at it; any failure restores the owned sheets from their
 * backups in place and removes what was added; `~jx…` leftovers of an interrupted run are cleaned
 * up on the next read. ScreenUpdating, Calculation, DisplayAlerts and EnableEvents are switched
 * off while writing (DisplayAlerts also silences the delete-sheet confirmation) and always restored.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../core/contract";
import type { DefinedName, WorkbookPlan } from "../../core/plan";
import { quoteSheet } from "../../core/cells";
import {
  ALL_SHEETS,
  type CellValue,
  MAX_SHEET_CELLS,
  type SheetData,
  type SheetSelection,
  type WorkbookPort,
  type WorkbookSnapshot,
  blockCells,
} from "../../port/workbook";
import { type LeftoverReport, backupName, leftoverKind, tempName } from "../shared/ownedSheets";
import type { EtApplication, EtPageSetup, EtRange, EtRead, EtWorkbook, EtWorksheet } from "./etTypes";
import { XL } from "./etTypes";
import { freezeEt, writeEtSheet, writeEtSheetSettings } from "./etSheet";
import { probeBehaviour } from "./etProbes";

export interface EtOptions {
  /** The temporary-name tag (tests fix it); random by default. */
  tag?: string;
}

/**
 * The adapter, as the pane's host switch creates it. Like OfficeJsWorkbook, an EtWorkbookPort also
 * has `leftovers` (what the last read cleaned up) and `cleanLeftovers()` for the pane.
 */
export function createEtWorkbook(app: EtApplication, options: EtOptions = {}): WorkbookPort {
  return new EtWorkbookPort(app, options);
}

// ---------------------------------------------------------------------------------------------
// Reads

/** Excel's error values as VBA hands them through Value2 (CVErr: 0x800A0000 + xlErr code). */
const ERROR_CODES: Record<number, string> = {
  2000: "#NULL!",
  2007: "#DIV/0!",
  2015: "#VALUE!",
  2023: "#REF!",
  2029: "#NAME?",
  2036: "#NUM!",
  2042: "#N/A",
};
const CVERR_BASE = -2146828288;
const ERROR_TEXTS = new Set(Object.values(ERROR_CODES));

/**
 * A number that may be an error's bare xlErr code (2007 for #DIV/0!): how some bridges could hand an
 * error over (nothing public says which form WPS uses; etProbes.ts records it). Such a number is
 * checked against the cell's Text: "#DIV/0!" there means an error, "2007" the number.
 */
export function maybeBareErrorCode(v: unknown): boolean {
  return typeof v === "number" && ERROR_CODES[v] !== undefined;
}

/** A Value2 entry as a port value: errors as CellError, empty as null. */
export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") {
    const code = v - CVERR_BASE;
    return Number.isInteger(v) && ERROR_CODES[code] ? { error: ERROR_CODES[code] } : v;
  }
  if (typeof v === "boolean") return v;
  const s = String(v);
  // Some bridges hand errors over as their text.
  return ERROR_TEXTS.has(s) ? { error: s } : s;
}

/** A bulk read as a rows × cols array: plain, wrapped (`Item(r, c)`, 1-based) or a one-cell scalar. */
export function unwrap(read: EtRead | unknown[][], rows: number, cols: number): unknown[][] {
  if (Array.isArray(read)) return read.map((row) => (Array.isArray(row) ? row : [row]));
  if (read !== null && typeof read === "object" && typeof (read as { Item?: unknown }).Item === "function") {
    const w = read as { Item(r: number, c: number): unknown };
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => w.Item(r + 1, c + 1)));
  }
  return rows === 1 && cols === 1 ? [[read]] : Array.from({ length: rows }, () => new Array<unknown>(cols).fill(read));
}

/** A NumberFormat read: one format for the range, or null where its cells differ. */
function uniformFormat(read: unknown): string | null {
  return typeof read === "string" ? read : null;
}

/**
 * The number formats of the numbers in `values` (a block at r0, c0): one read for the used range;
 * where formats differ, one per column, then halves of the column down to the rows that differ.
 */
function readFormats(ws: EtWorksheet, r0: number, c0: number, values: unknown[][]): (r: number, c: number) => string | undefined {
  const whole = uniformFormat(ws.Range(blockAddress(r0, c0, values.length, values[0]?.length ?? 0)).NumberFormat);
  if (whole !== null) return () => whole;
  const formats = new Map<number, string>();
  const width = values[0]?.length ?? 0;
  const hasNumber = (c: number, a: number, b: number) => {
    for (let r = a; r <= b; r++) if (typeof values[r][c] === "number") return true;
    return false;
  };
  const split = (c: number, a: number, b: number): void => {
    if (!hasNumber(c, a, b)) return;
    const f = uniformFormat(ws.Range(blockAddress(r0 + a, c0 + c, b - a + 1, 1)).NumberFormat);
    if (f !== null || a === b) {
      for (let r = a; r <= b; r++) formats.set(r * width + c, f ?? "General");
      return;
    }
    const mid = Math.floor((a + b) / 2);
    split(c, a, mid);
    split(c, mid + 1, b);
  };
  for (let c = 0; c < width; c++) split(c, 0, values.length - 1);
  return (r, c) => formats.get(r * width + c);
}

function blockAddress(row: number, col: number, rows: number, cols: number): string {
  const a1 = (r: number, c: number) => {
    let s = "";
    for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return `${s}${r}`;
  };
  return rows === 1 && cols === 1 ? a1(row, col) : `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** A used range up to this many cells is read as it is; a larger one is first cut to its values. */
export const BULK_CELLS = 250_000;
/** The most cells one read may carry (a value far from the table makes the rectangle this large). */
export const MAX_READ_CELLS = 4_000_000;

/**
 * The rectangle to read: the used range, or where it is large (formatting alone extends it: a
 * whole column filled), the part up to its last value in each direction (two Find calls).
 */
function readRect(ws: EtWorksheet, name: string): { range: EtRange; rows: number; cols: number } | null {
  const used: EtRange = ws.UsedRange;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  if (rows * cols <= BULK_CELLS) return { range: used, rows, cols };
  const r0 = used.Row;
  const c0 = used.Column;
  const last = (order: number) => used.Find("*", used.Item(1, 1), XL.lookInFormulas, XL.lookAtPart, order, XL.searchPrevious);
  const lastRow = last(XL.byRows);
  if (!lastRow) return null;
  const lastCol = last(XL.byColumns);
  const r = lastRow.Row - r0 + 1;
  const c = (lastCol ?? lastRow).Column - c0 + 1;
  if (r * c > MAX_READ_CELLS) {
    throw new Error(`工作表“${name}”的数据区域过大（${r} 行 × ${c} 列）：请删除表格以外远处的单元格内容后重试。`);
  }
  return { range: ws.Range(blockAddress(r0, c0, r, c)), rows: r, cols: c };
}

/** One sheet's non-empty cells: one Value2 read, the number formats as needed. */
function readSheet(ws: EtWorksheet, name: string): SheetData {
  const rect = readRect(ws, name);
  if (!rect) return { name, cells: [] };
  const { range: used, rows, cols } = rect;
  const r0 = used.Row;
  const c0 = used.Column;
  const raw = unwrap(used.Value2 as EtRead, rows, cols);
  const values = raw.map((row) => row.map(cellValue));
  // Errors in any form: a bare code is an error where the cell shows the error's text (one Text read each, rare).
  raw.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!maybeBareErrorCode(v)) return;
      const shown = used.Item(r + 1, c + 1).Text;
      if (shown === ERROR_CODES[v as number]) values[r][c] = { error: shown };
    }),
  );
  const anyNumber = values.some((row) => row.some((v) => typeof v === "number"));
  const format = anyNumber ? readFormats(ws, r0, c0, values) : () => undefined;
  const cells = blockCells(values, r0, c0, format);
  return cells.length > MAX_SHEET_CELLS ? { name, cells: cells.slice(0, MAX_SHEET_CELLS), truncated: true } : { name, cells };
}

// ---------------------------------------------------------------------------------------------
// Host settings

const SETTINGS = ["ScreenUpdating", "Calculation", "DisplayAlerts", "EnableEvents"] as const;
type Settings = Pick<EtApplication, (typeof SETTINGS)[number]>;
const QUIET: Settings = { ScreenUpdating: false, Calculation: XL.calculationManual, DisplayAlerts: false, EnableEvents: false };

/** Sets one application property, once more if the first call fails (an IPC hiccup must not leave it off). */
function setSetting<K extends keyof Settings>(app: EtApplication, key: K, value: Settings[K]): void {
  const target: Settings = app;
  try {
    target[key] = value;
  } catch {
    target[key] = value;
  }
}

/**
 * Runs `work` with screen updating, calculation, alerts and events off, then puts back each
 * setting that was changed, whatever happened.
 */
export function withQuietHost<T>(app: EtApplication, work: () => T): T {
  const changed: Array<() => void> = [];
  let result: { value: T } | undefined;
  try {
    for (const key of SETTINGS) {
      const before = app[key];
      if (before === QUIET[key]) continue;
      changed.push(() => setSetting(app, key, before));
      app[key] = QUIET[key] as never;
    }
    result = { value: work() };
  } finally {
    // Every restore is tried; a failed one is reported only when nothing failed before it.
    let failure: unknown;
    for (const restore of changed.reverse()) {
      try {
        restore();
      } catch (e) {
        failure ??= e;
      }
    }
    // eslint-disable-next-line no-unsafe-finally
    if (failure !== undefined && result) throw failure;
  }
  // Reached only when the work returned.
  return (result as { value: T }).value;
}

// ---------------------------------------------------------------------------------------------
// The port

/** The names of all sheets, in tab order. */
function sheetNamesOf(book: EtWorkbook): string[] {
  const sheets = book.Worksheets;
  const count = sheets.Count;
  return Array.from({ length: count }, (_, i) => sheets.Item(i + 1).Name);
}

const nameFormula = (n: DefinedName) => `=${quoteSheet(n.sheet)}!${n.address}`;
const lower = (s: string) => s.toLowerCase();

/** Page setup properties copied from a backup when an owned sheet is restored. */
const PAGE_PROPS = [
  "Orientation",
  "PaperSize",
  "PrintArea",
  "PrintTitleRows",
  "TopMargin",
  "BottomMargin",
  "LeftMargin",
  "RightMargin",
  "HeaderMargin",
  "FooterMargin",
  "CenterFooter",
  "CenterHorizontally",
  "Zoom",
  "FitToPagesWide",
  "FitToPagesTall",
] as const;

export class EtWorkbookPort implements WorkbookPort {
  /** What the cleanup of an interrupted earlier run did (during read), if there was one. */
  leftovers?: LeftoverReport;

  constructor(
    private readonly app: EtApplication,
    private readonly options: EtOptions = {},
  ) {}

  private book(): EtWorkbook {
    const book = this.app.ActiveWorkbook;
    if (!book) throw new Error("WPS 表格中没有打开的工作簿");
    return book;
  }

  async read(which: SheetSelection): Promise<WorkbookSnapshot> {
    const book = this.book();
    let sheetNames = sheetNamesOf(book);
    if (sheetNames.some((n) => leftoverKind(n) !== null)) {
      this.cleanLeftoversNow(sheetNames);
      sheetNames = sheetNamesOf(book);
    }
    const wanted =
      which === ALL_SHEETS
        ? sheetNames.filter((n) => !(OUTPUT_SHEETS as readonly string[]).includes(n))
        : which.filter((n) => sheetNames.some((x) => lower(x) === lower(n)));
    // Template sheets first, like the office.js adapter's order of reads (keys only: same result).
    const ordered =
      which === ALL_SHEETS
        ? [...INPUT_SHEETS.filter((n) => wanted.includes(n)), ...wanted.filter((n) => !(INPUT_SHEETS as readonly string[]).includes(n))]
        : wanted;
    const sheets: Record<string, SheetData> = {};
    for (const name of ordered) sheets[name] = readSheet(book.Worksheets.Item(name), name);
    return { sheetNames, sheets };
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.sheets.length === 0) return;
    withQuietHost(this.app, () => this.applyNow(plan));
  }

  private applyNow(plan: WorkbookPlan): void {
    const book = this.book();
    const worksheets = book.Worksheets;
    const tag = this.options.tag ?? Math.random().toString(36).slice(2, 8);
    const existing = sheetNamesOf(book);
    const activeBefore = book.ActiveSheet.Name;
    const owned = plan.sheets.map((s) => existing.find((n) => lower(n) === lower(s.name)));
    const temps = plan.sheets.map((_, i) => tempName(tag, i));
    // Formulas point at the final names of owned sheets (updated in place) and at the temporary
    // names of new ones (references follow a sheet when it is renamed).
    const renames = new Map(plan.sheets.flatMap((s, i) => (owned[i] ? [] : [[s.name, temps[i]] as [string, string]])));
    const last = () => worksheets.Item(worksheets.Count);
    let namesBefore: Map<string, string> | undefined;
    let committing = false;
    try {
      // Every temporary sheet exists before any formula that points across them is written.
      for (const t of temps) worksheets.Add(null, last()).Name = t;
      // Once per page load, on the first (still empty) temporary sheet: does Formula take arrays?
      const { formulaArrays } = probeBehaviour(this.app, worksheets.Item(temps[0]));
      plan.sheets.forEach((s, i) => writeEtSheet(worksheets.Item(temps[i]), s, renames, formulaArrays));
      plan.sheets.forEach((s, i) => {
        if (!owned[i]) writeEtSheetSettings(this.app, worksheets.Item(temps[i]), s);
      });
      namesBefore = this.readNames(book);

      // New sheets take their names; each owned sheet is backed up, then updated in place.
      plan.sheets.forEach((s, i) => {
        if (!owned[i]) worksheets.Item(temps[i]).Name = s.name;
      });
      plan.sheets.forEach((s, i) => {
        if (!owned[i]) return;
        worksheets.Item(owned[i] as string).Copy(null, last());
        last().Name = backupName(tag, s.name);
      });
      plan.sheets.forEach((s, i) => {
        const name = owned[i];
        if (!name) return;
        const ws = worksheets.Item(name);
        this.clearSheet(ws);
        worksheets.Item(temps[i]).Cells.Copy(ws.Cells);
        writeEtSheetSettings(this.app, ws, s);
      });
      for (const n of plan.names ?? []) {
        const old = namesBefore.get(lower(n.name));
        if (old === undefined) book.Names.Add(n.name, nameFormula(n));
        else if (old !== nameFormula(n)) book.Names.Item(n.name).RefersTo = nameFormula(n);
      }
      worksheets.Item(plan.activate ?? activeBefore).Activate();
      // From here every owned sheet holds its new content: a failure finishes the run instead.
      committing = true;
      plan.sheets.forEach((s, i) => {
        if (owned[i]) worksheets.Item(temps[i]).Delete();
      });
      plan.sheets.forEach((s, i) => {
        if (owned[i]) worksheets.Item(backupName(tag, s.name)).Delete();
      });
    } catch (err) {
      try {
        this.recover(plan, tag, existing, owned, committing, namesBefore, activeBefore);
      } catch {
        // The next read cleans up what is left (`~jx…` sheets).
      }
      throw err;
    }
  }

  /** Workbook names (lower-case) → RefersTo. */
  private readNames(book: EtWorkbook): Map<string, string> {
    const names = book.Names;
    const count = names.Count;
    const out = new Map<string, string>();
    for (let i = 1; i <= count; i++) {
      const n = names.Item(i);
      out.set(lower(n.Name), n.RefersTo);
    }
    return out;
  }

  /** Empties a sheet in place: contents, formats, merges, validations, comments, panes, breaks. */
  private clearSheet(ws: EtWorksheet): void {
    const cells = ws.Cells;
    cells.Clear();
    freezeEt(this.app, ws, 0, 0);
    ws.ResetAllPageBreaks();
  }

  /**
   * Puts the workbook back as it was: owned sheets restored from their backups in place, every
   * added sheet deleted, defined names as they were. Once committing, the run is finished instead.
   */
  private recover(
    plan: WorkbookPlan,
    tag: string,
    existing: readonly string[],
    owned: Array<string | undefined>,
    committing: boolean,
    namesBefore: Map<string, string> | undefined,
    activeBefore: string,
  ): void {
    const book = this.book();
    const worksheets = book.Worksheets;
    const now = sheetNamesOf(book);
    const before = new Set(existing.map(lower));
    const added = now.filter((n) => !before.has(lower(n)));
    if (committing) {
      const kept = new Set(plan.sheets.map((s) => lower(s.name)));
      for (const n of added.filter((x) => !kept.has(lower(x)))) worksheets.Item(n).Delete();
      return;
    }
    const has = (n: string) => now.some((x) => lower(x) === lower(n));
    const restore: Array<{ name: string; backup: string }> = [];
    plan.sheets.forEach((s, i) => {
      if (owned[i] && has(backupName(tag, s.name))) restore.push({ name: owned[i] as string, backup: backupName(tag, s.name) });
    });
    const backups = new Set(restore.map((r) => lower(r.backup)));
    // The active sheet first: a sheet being deleted may be the active one.
    worksheets.Item(activeBefore).Activate();
    for (const n of added.filter((x) => !backups.has(lower(x)))) worksheets.Item(n).Delete();
    if (namesBefore) {
      const names = book.Names;
      const current = this.readNames(book);
      for (const n of plan.names ?? []) {
        const old = namesBefore.get(lower(n.name));
        const cur = current.get(lower(n.name));
        if (cur === undefined) continue;
        if (old === undefined) names.Item(n.name).Delete();
        else if (cur !== old) names.Item(n.name).RefersTo = old;
      }
    }
    this.restoreFromBackups(restore);
    worksheets.Item(activeBefore).Activate();
  }

  /** Each owned sheet made again what its backup holds, in place; the backups deleted. */
  private restoreFromBackups(pairs: ReadonlyArray<{ name: string; backup: string }>): void {
    const worksheets = this.book().Worksheets;
    for (const { name, backup } of pairs) {
      const ws = worksheets.Item(name);
      const from = worksheets.Item(backup);
      this.clearSheet(ws);
      from.Cells.Copy(ws.Cells);
      copyPageSetup(from.PageSetup, ws.PageSetup);
      setTabColor(ws, from.Tab.Color);
      const breaks = from.HPageBreaks;
      const rows = Array.from({ length: breaks.Count }, (_, i) => breaks.Item(i + 1).Location.Row);
      for (const row of rows) ws.HPageBreaks.Add(ws.Range(`A${row}`));
      from.Activate();
      const win = this.app.ActiveWindow;
      const frozen = win.FreezePanes ? { rows: win.SplitRow, cols: win.SplitColumn } : null;
      if (frozen) freezeEt(this.app, ws, frozen.rows, frozen.cols);
      from.Delete();
    }
  }

  /**
   * Cleans up after a run that was interrupted before it could roll back (WPS closed, the pane
   * reloaded): each backup put back over its owned sheet (or renamed into place where it is the
   * only copy), every other `~jx…` sheet deleted. As OfficeJsWorkbook.cleanLeftovers, for the pane.
   */
  async cleanLeftovers(): Promise<LeftoverReport> {
    return this.cleanLeftoversNow();
  }

  private cleanLeftoversNow(sheetNames?: readonly string[]): LeftoverReport {
    const book = this.book();
    const names = sheetNames ?? sheetNamesOf(book);
    const report: LeftoverReport = { restored: [], removed: [] };
    if (!names.some((n) => leftoverKind(n) !== null)) return report;
    return withQuietHost(this.app, () => {
      const worksheets = book.Worksheets;
      const present = new Set(names.map(lower));
      const restore: Array<{ name: string; backup: string }> = [];
      const active = book.ActiveSheet.Name;
      const keepActive = leftoverKind(active) === null ? active : names.find((n) => leftoverKind(n) === null);
      if (keepActive) worksheets.Item(keepActive).Activate();
      for (const n of names.filter((x) => leftoverKind(x) !== null)) {
        const of = leftoverKind(n)?.backupOf;
        if (of && present.has(lower(of))) restore.push({ name: of, backup: n });
        else if (of) {
          worksheets.Item(n).Name = of;
          present.add(lower(of));
        } else worksheets.Item(n).Delete();
        if (of) report.restored.push(of);
        else report.removed.push(n);
      }
      this.restoreFromBackups(restore);
      if (keepActive) worksheets.Item(keepActive).Activate();
      this.leftovers = report;
      return report;
    });
  }
}

/** A tab colour as read (a BGR number, or anything else for none) put on `ws`: "none" the documented way. */
function setTabColor(ws: EtWorksheet, color: unknown): void {
  if (typeof color === "number") ws.Tab.Color = color;
  else ws.Tab.ColorIndex = XL.colorIndexNone;
}

function copyPageSetup(from: EtPageSetup, to: EtPageSetup): void {
  const values = PAGE_PROPS.map((p) => [p, from[p]] as const);
  for (const [p, v] of values) (to as unknown as Record<string, unknown>)[p] = v;
}
