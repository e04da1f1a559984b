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
import type { WorkbookPlan } from "../../core/plan";
import { type SheetSelection, type WorkbookPort, blockCells } from "../../port/workbook";
import { type CellValue, MAX_SHEET_CELLS, type SheetData, type WorkbookSnapshot } from "../../core/snapshot";
import { type LeftoverReport, leftoverKind } from "../shared/ownedSheets";
import {
  type Commit,
  type LockVerdict,
  RUN_LOCK_NAME,
  type Step,
  assertFree,
  buildSteps,
  cleanupSteps,
  holdsLock,
  judgeLock,
  parseLock,
  recoverySteps,
  sheetsToRead,
  startCommit,
  swapSteps,
  userSheets,
} from "../shared/commitProtocol";
import type { EtApplication, EtPageSetup, EtRange, EtRead, EtWorkbook, EtWorksheet, EtWorksheets } from "./etTypes";
import { XL } from "./etTypes";
import { freezeEt, writeEtSheet, writeEtSheetSettings, writeEtSizes } from "./etSheet";
import { CVERR_BASE, errorOfCVErr, isErrorText } from "../../port/errorValues";
import { probeBehaviour } from "./etProbes";

export interface EtOptions {
  /** The temporary-name tag (tests fix it); random by default. */
  tag?: string;
  /** The time in ms (tests age run locks); Date.now by default. */
  clock?: () => number;
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

/**
 * The error text a bare xlErr code stands for (2007 → "#DIV/0!"): how some bridges could hand an
 * error over (nothing public says which form WPS uses; etProbes.ts records it). Such a number is
 * checked against the cell's Text: "#DIV/0!" there means an error, "2007" the number.
 */
function errorOfBareCode(v: unknown): string | undefined {
  return typeof v === "number" ? errorOfCVErr(v + CVERR_BASE) : undefined;
}

/** A Value2 entry as a port value: errors as CellError, empty as null. */
export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") {
    const error = errorOfCVErr(v);
    return error ? { error } : v;
  }
  if (typeof v === "boolean") return v;
  const s = String(v);
  // Some bridges hand errors over as their text.
  return isErrorText(s) ? { error: s } : s;
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
const BULK_CELLS = 250_000;
/** The most cells one read may carry (a value far from the table makes the rectangle this large). */
const MAX_READ_CELLS = 4_000_000;

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
      const error = errorOfBareCode(v);
      if (error === undefined) return;
      if (used.Item(r + 1, c + 1).Text === error) values[r][c] = { error };
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
  const quiet = <K extends keyof Settings>(key: K) => {
    const before = app[key];
    if (before === QUIET[key]) return;
    changed.push(() => setSetting(app, key, before));
    const target: Settings = app;
    target[key] = QUIET[key];
  };
  let returned = false;
  try {
    for (const key of SETTINGS) quiet(key);
    const value = work();
    returned = true;
    return value;
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
    if (failure !== undefined && returned) throw failure;
  }
}

// ---------------------------------------------------------------------------------------------
// The port

/** The names of all sheets, in tab order. */
function sheetNamesOf(book: EtWorkbook): string[] {
  const sheets = book.Worksheets;
  const count = sheets.Count;
  return Array.from({ length: count }, (_, i) => sheets.Item(i + 1).Name);
}

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

/** What the steps of one run share: the workbook and its sheets, looked up once; the plan and names of a commit. */
interface RunAt {
  book: EtWorkbook;
  worksheets: EtWorksheets;
  plan?: WorkbookPlan;
  commit?: Commit;
}

/** The plan and commit a write step belongs to (a cleanup of leftovers has neither, and writes nothing). */
function running(at: RunAt): { plan: WorkbookPlan; commit: Commit } {
  if (!at.plan || !at.commit) throw new Error("a write step outside a run");
  return { plan: at.plan, commit: at.commit };
}

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

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /**
   * The run lock as the workbook holds it now, from its names (lower-case name → RefersTo; read
   * now unless given). Names are listed rather than asked for by name: `Item(name)` throws when
   * the name is missing, and that throw could not be told from a failing call.
   */
  private lock(names: ReadonlyMap<string, string>): { exists: boolean; verdict: LockVerdict } {
    const formula = names.get(lower(RUN_LOCK_NAME));
    return { exists: formula !== undefined, verdict: judgeLock(parseLock(formula), this.now()) };
  }

  async read(which: SheetSelection): Promise<WorkbookSnapshot> {
    const book = this.book();
    let sheetNames = sheetNamesOf(book);
    // An interrupted run's leftovers or stale lock, cleaned first — never while a live run holds them.
    const cleanup = cleanupSteps(sheetNames, this.lock(this.readNames(book)).verdict);
    if (cleanup) {
      this.runCleanup(cleanup.steps, sheetNames);
      this.leftovers = cleanup.report;
      sheetNames = sheetNamesOf(book);
    }
    const sheets: Record<string, SheetData> = {};
    for (const name of sheetsToRead(which, sheetNames)) sheets[name] = readSheet(book.Worksheets.Item(name), name);
    return { sheetNames: userSheets(sheetNames), sheets };
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.sheets.length === 0) return;
    withQuietHost(this.app, () => this.applyNow(plan));
  }

  private applyNow(plan: WorkbookPlan): void {
    const book = this.book();
    const tag = this.options.tag ?? Math.random().toString(36).slice(2, 8);
    // The names as they were, the run lock among them.
    const names = this.readNames(book);
    const lock = this.lock(names);
    // Another run (the ribbon, another pane) is writing: refuse before touching anything.
    assertFree(lock.verdict);
    const existing = sheetNamesOf(book);
    const activeBefore = book.ActiveSheet.Name;
    const commit = startCommit(plan, existing, tag, "wps");
    const namesBefore = new Map([...names].filter(([n]) => n !== lower(RUN_LOCK_NAME)));
    const at: RunAt = { book, worksheets: book.Worksheets, plan, commit };
    let committing = false;
    try {
      for (const step of buildSteps(commit, plan, this.now(), lock.exists)) this.runStep(step, at);
      for (const step of swapSteps(commit, plan, namesBefore, activeBefore)) {
        // From the first delete every owned sheet holds its new content: a failure finishes the run instead.
        if (step.kind === "delete") committing = true;
        this.runStep(step, at);
      }
    } catch (err) {
      try {
        this.recover(plan, commit, existing, committing, namesBefore, activeBefore);
      } catch {
        // The next read cleans up what is left (`~jx…` sheets, the lock once stale).
      }
      throw err;
    }
  }

  /** Does one step of the protocol (commitProtocol.ts); `at` holds what the run already looked up (each ET call is a round trip). */
  private runStep(step: Step, at: RunAt): void {
    const { book, worksheets } = at;
    const last = () => worksheets.Item(worksheets.Count);
    switch (step.kind) {
      case "lock":
        // Names.Add replaces an existing name's reference (VBA semantics); Visible false hides it.
        book.Names.Add(RUN_LOCK_NAME, step.formula, false);
        return;
      case "unlock":
        book.Names.Item(RUN_LOCK_NAME).Delete();
        return;
      case "add":
        worksheets.Add(null, last()).Name = step.sheet;
        return;
      case "write": {
        const { plan, commit } = running(at);
        const sheet = plan.sheets[step.index];
        const ws = worksheets.Item(step.sheet);
        // Once per page load, on the first (still empty) temporary sheet: does Formula take arrays?
        const { formulaArrays } = probeBehaviour(this.app, ws);
        writeEtSheet(ws, sheet, commit.renames, formulaArrays);
        if (step.settings) writeEtSheetSettings(this.app, ws, sheet);
        return;
      }
      case "rename":
        worksheets.Item(step.from).Name = step.to;
        return;
      case "backup":
        worksheets.Item(step.sheet).Copy(null, last());
        last().Name = step.as;
        return;
      case "overwrite": {
        // Cells.Copy: the VBA model's sheet-wide copy (no cell limit is documented for WPS desktop);
        // the plan's sizes are written again explicitly, whatever the copy carried.
        const sheet = running(at).plan.sheets[step.index];
        const ws = worksheets.Item(step.sheet);
        this.clearSheet(ws);
        worksheets.Item(step.from).Cells.Copy(ws.Cells);
        writeEtSizes(ws, sheet);
        writeEtSheetSettings(this.app, ws, sheet);
        return;
      }
      case "restore":
        this.restoreFromBackups([{ name: step.sheet, backup: step.backup }]);
        return;
      case "setName":
        if (step.exists) book.Names.Item(step.name).RefersTo = step.formula;
        else book.Names.Add(step.name, step.formula);
        return;
      case "deleteName":
        book.Names.Item(step.name).Delete();
        return;
      case "activate":
        worksheets.Item(step.sheet).Activate();
        return;
      case "delete":
        worksheets.Item(step.sheet).Delete();
        return;
    }
  }

  /** Workbook names (lower-case) → RefersTo, the run lock among them. */
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

  /** Puts the workbook back as it was (recoverySteps), the sheet that was active shown again. */
  private recover(
    plan: WorkbookPlan,
    commit: Commit,
    existing: readonly string[],
    committing: boolean,
    namesBefore: ReadonlyMap<string, string>,
    activeBefore: string,
  ): void {
    const book = this.book();
    const now = sheetNamesOf(book);
    const namesNow = this.readNames(book);
    // The lock may not have been taken, or be another run's: only this run's is released.
    const locked = holdsLock(commit, namesNow.get(lower(RUN_LOCK_NAME)));
    namesNow.delete(lower(RUN_LOCK_NAME));
    const steps = recoverySteps(commit, plan, existing, now, committing, namesBefore, namesNow);
    const at: RunAt = { book, worksheets: book.Worksheets, plan, commit };
    // The active sheet first: a sheet being deleted may be the active one.
    if (!committing) at.worksheets.Item(activeBefore).Activate();
    for (const step of steps) if (step.kind !== "unlock" || locked) this.runStep(step, at);
    if (!committing) at.worksheets.Item(activeBefore).Activate();
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
   * only copy), every other `~jx…` sheet deleted, a stale run lock released — nothing while a live
   * run holds the workbook. As OfficeJsWorkbook.cleanLeftovers, for the pane.
   */
  async cleanLeftovers(): Promise<LeftoverReport> {
    const book = this.book();
    const names = sheetNamesOf(book);
    const cleanup = cleanupSteps(names, this.lock(this.readNames(book)).verdict);
    if (!cleanup) return { restored: [], removed: [] };
    this.runCleanup(cleanup.steps, names);
    this.leftovers = cleanup.report;
    return cleanup.report;
  }

  /** Runs cleanup steps quietly, keeping a sheet that is not a leftover active. */
  private runCleanup(steps: readonly Step[], names: readonly string[]): void {
    const book = this.book();
    withQuietHost(this.app, () => {
      const at: RunAt = { book, worksheets: book.Worksheets };
      const active = book.ActiveSheet.Name;
      const keepActive = leftoverKind(active) === null ? active : names.find((n) => leftoverKind(n) === null);
      if (keepActive) at.worksheets.Item(keepActive).Activate();
      for (const step of steps) this.runStep(step, at);
      if (keepActive) at.worksheets.Item(keepActive).Activate();
    });
  }
}

/** A tab colour as read (a BGR number, or anything else for none) put on `ws`: "none" the documented way. */
function setTabColor(ws: EtWorksheet, color: unknown): void {
  if (typeof color === "number") ws.Tab.Color = color;
  else ws.Tab.ColorIndex = XL.colorIndexNone;
}

function copyPageSetup(from: EtPageSetup, to: EtPageSetup): void {
  // Every value is read before any is written.
  const writes = PAGE_PROPS.map(<K extends keyof EtPageSetup>(p: K) => {
    const v = from[p];
    return () => {
      to[p] = v;
    };
  });
  for (const write of writes) write();
}
