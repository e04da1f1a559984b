/**
 * A small in-memory Excel object model with office.js batching semantics, for the jest tests and
 * the playground. It implements only what the office.js adapter and the pane use.
 *
 * Like office.js: calls on proxies only queue commands; nothing is read or written until
 * `context.sync()`, which runs the queue in order; a loaded property read before its sync throws;
 * a failing command stops the batch with the earlier commands already applied (no transaction).
 * It also enforces Excel on the web's 5 MB request limit and counts syncs, and a test can make
 * the n-th write command fail (`failAtWrite`).
 */

import { fromR1C1, renameSheetRefs } from "../adapters/shared/formulaRefs";
import { MAX_PAGE_BREAKS } from "../adapters/shared/planRects";
import { columnLetter } from "../core/cells";
import { isErrorText } from "../port/errorValues";

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

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Excel on the web rejects a request above 5 MB. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel on the web's OperationCellsExceedLimit: the most cells one copy may take. */
export const COPY_CELL_LIMIT = 33_554_000;
/** A column's and a row's standard size in points (Calibri 11: 8.43 characters, 15 points). */
export const STANDARD_WIDTH = 48;
export const STANDARD_HEIGHT = 15;

const key = (r: number, c: number) => (r - 1) * MAX_COLS + (c - 1);

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

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
    return { c: m[1] ? columnIndex(m[1]) : undefined, r: m[2] ? Number(m[2]) : undefined };
  };
  const a = one(parts[0]);
  const b = one(parts[1] ?? parts[0]);
  return {
    sheet,
    rect: { r1: a.r ?? 1, c1: a.c ?? 1, r2: b.r ?? (a.r === undefined ? MAX_ROWS : MAX_ROWS), c2: b.c ?? MAX_COLS },
  };
}

export function rectAddress(r: Rect): string {
  // Whole rows and whole columns read like Excel's: "13:13", "A:C".
  if (r.c1 === 1 && r.c2 === MAX_COLS && !(r.r1 === 1 && r.r2 === MAX_ROWS)) return `${r.r1}:${r.r2}`;
  if (r.r1 === 1 && r.r2 === MAX_ROWS && !(r.c1 === 1 && r.c2 === MAX_COLS)) return `${columnLetter(r.c1)}:${columnLetter(r.c2)}`;
  const tl = `${columnLetter(r.c1)}${r.r1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? tl : `${tl}:${columnLetter(r.c2)}${r.r2}`;
}

/** How office.js names a sheet in an address: quoted only when needed. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const emptyFormat = (): FakeFormat => ({ font: {}, borders: {} });
const blankCell = (): FakeCell => ({ value: "", numberFormat: "General", format: emptyFormat() });

/** The workbook: plain data the playground renders and the tests compare. */
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
    const k = key(r, c);
    const cell = { ...(sheet.cells.get(k) ?? blankCell()) };
    setEntered(cell, text, true);
    sheet.cells.set(k, cell);
  }

  cell(sheet: FakeSheet, r: number, c: number): FakeCell | undefined {
    return sheet.cells.get(key(r, c));
  }

  /** The cell, created blank when absent. */
  cellForWrite(sheet: FakeSheet, r: number, c: number): FakeCell {
    const k = key(r, c);
    let cell = sheet.cells.get(k);
    if (!cell) sheet.cells.set(k, (cell = blankCell()));
    return cell;
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
      const r = Math.floor(k / MAX_COLS) + 1;
      const c = (k % MAX_COLS) + 1;
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

// ---------------------------------------------------------------------------------------------
// The request context and proxies.

interface Command {
  write: boolean;
  bytes: number;
  run(): void;
  /** Which caller's action queued it (the ProcessQuery server's action index). */
  origin?: number;
}

/** A failed command's error carries the `origin` of the command. */
export interface FakeError extends Error {
  origin?: number;
}

const encoder = new TextEncoder();
/** Rough request size of one command: its arguments as JSON (UTF-8) plus a fixed envelope. */
export function payloadBytes(args: unknown): number {
  return 60 + encoder.encode(JSON.stringify(args) ?? "").length;
}

/** "1.8" < "1.10". */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookProxy;
  /** Syncs that sent at least one command (what a host would see as round trips). */
  syncCount = 0;
  /** Size of each request sent, in bytes. */
  readonly requestBytes: number[] = [];
  /** Size of each response, in bytes: the loaded values as JSON (what the wire carries, near enough). */
  readonly responseBytes: number[] = [];
  /** The response of the sync being run, so far. */
  private responding = 0;
  /** Tests: the n-th write command (1-based, counted over this context) throws. */
  failAtWrite = 0;
  writesRun = 0;
  calculationSuspended = false;
  /** application.calculate calls that ran. */
  recalculations = 0;
  screenUpdatingSuspended = false;
  /** Stamped on the commands queued from now on (see Command.origin). */
  origin?: number;
  /** The host's highest ExcelApi set ("1.7": volume-licensed Office 2019); newer APIs fail as they would there. Unset: all. */
  apiVersion?: string;
  private queue: Command[] = [];

  /** Fails like a host without ExcelApi `version` when `what` is used. */
  requireApi(version: string, what: string): void {
    if (this.apiVersion !== undefined && compareVersions(this.apiVersion, version) < 0)
      throw new Error(`ApiNotFound: ${what} needs ExcelApi ${version} (this host has ${this.apiVersion})`);
  }

  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(write: boolean, args: unknown, run: () => void): void {
    this.queue.push({ write, bytes: write ? payloadBytes(args) : 40, run, origin: this.origin });
  }

  /** The change handlers told of this context's writes, as the add-in's own (ThisLocalAddin). */
  private notifyOwnWrites(): void {
    const model = this.model;
    const sheet = model.sheets.find((x) => x.id === model.activeSheetId) ?? model.sheets[0];
    if (sheet && model.changeHandlers.size) model.notifyChanged(sheet, "A1", "ThisLocalAddin");
  }

  /** A load adds what it returns to the response of the sync it runs in. */
  respond(value: unknown): void {
    this.responding += payloadBytes(value) - 40;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.syncCount++;
    const bytes = batch.reduce((n, c) => n + c.bytes, 0);
    this.requestBytes.push(bytes);
    this.responding = 0;
    // A real round trip yields to the event loop; so does this one.
    await Promise.resolve();
    if (bytes > REQUEST_LIMIT_BYTES) throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes`);
    let current: Command | undefined;
    // Reads after writes see computed formulas, like Excel's automatic calculation.
    let dirty = false;
    try {
      for (const c of batch) {
        current = c;
        if (c.write && ++this.writesRun === this.failAtWrite)
          throw new Error(`GeneralException: injected failure at write ${this.writesRun}`);
        // Under suspendApiCalculationUntilNextSync nothing recalculates: values stay stale until asked.
        if (!c.write && dirty && !this.calculationSuspended) {
          this.model.calculate?.();
          dirty = false;
        }
        c.run();
        dirty ||= c.write;
      }
      if (dirty && !this.calculationSuspended) this.model.calculate?.();
      // Excel fires onChanged for the add-in's own writes too (one event per request here).
      if (batch.some((c) => c.write)) this.notifyOwnWrites();
      // Excel on the web answers a response over 5 MB with this error instead of the values.
      current = undefined;
      if (this.responding > REQUEST_LIMIT_BYTES) throw new Error(`ResponsePayloadSizeLimitExceeded: ${this.responding} bytes`);
    } catch (e) {
      (e as FakeError).origin = current?.origin;
      throw e;
    } finally {
      this.responseBytes.push(this.responding);
      this.calculationSuspended = false;
      this.screenUpdatingSuspended = false;
    }
  }
}

/** Base of every proxy: resolves its target lazily at its first command, like an object path. */
abstract class FakeProxy<T> {
  private resolved = false;
  private target: T | null = null;
  private readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => T | null,
    /** An item a collection load returned: it exists, no command needed. */
    existing = false,
  ) {
    // Existence (isNullObject) is known after the next sync.
    if (existing) this.loaded.set("isNullObject", false);
    else context.enqueue(false, null, () => this.loaded.set("isNullObject", this.resolve() === null));
  }

  protected resolve(): T | null {
    if (!this.resolved) {
      this.target = this.resolver();
      this.resolved = true;
    }
    return this.target;
  }

  /** The target for a command: a null object or deleted sheet fails like office.js. */
  protected must(): T {
    const t = this.resolve();
    if (t === null) throw new Error("ItemNotFound: the object is a null object");
    if ((t as { deleted?: boolean }).deleted) throw new Error("ItemNotFound: the sheet was deleted");
    return t;
  }

  get isNullObject(): boolean {
    return this.get("isNullObject") as boolean;
  }

  protected get(prop: string): unknown {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} (call load() and context.sync() first)`);
    return this.loaded.get(prop);
  }

  /** Set on objects whose path does not survive a sync (worksheets.add()): using them after it throws. */
  validUntilSync?: number;

  protected checkPath(): void {
    if (this.validUntilSync !== undefined && this.context.syncCount > this.validUntilSync)
      throw new Error("InvalidObjectPath: the object path 'worksheets.add()' isn't working across context.sync calls");
  }

  protected write(args: unknown, run: (t: T) => void): void {
    this.checkPath();
    this.context.enqueue(true, args, () => run(this.must()));
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    this.checkPath();
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : [];
    this.context.enqueue(false, list, () => {
      const t = this.resolve();
      if (t === null) return; // a null object loads nothing
      // "items/name" loads the items (with their name).
      for (const p of list) {
        const value = this.read(t, p);
        this.loaded.set(p.split("/")[0], value);
        this.context.respond({ [p]: value });
      }
    });
    return this;
  }

  protected abstract read(target: T, prop: string): unknown;

  /** What this object's preloaded properties weigh on the wire (an item of a loaded collection). */
  toJSON(): unknown {
    return {};
  }
}

class FakeApplication {
  constructor(private readonly context: FakeRequestContext) {}
  /** application.calculate (ExcelApi 1.1): recalculates the workbook, suspended or not. */
  calculate(calculationType: string): void {
    this.context.enqueue(false, "calculate", () => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw new Error(`InvalidArgument: ${calculationType}`);
      this.context.recalculations++;
      this.context.model.calculate?.();
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue(true, "suspendCalc", () => (this.context.calculationSuspended = true));
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.requireApi("1.9", "suspendScreenUpdatingUntilNextSync");
    this.context.enqueue(true, "suspendScreen", () => (this.context.screenUpdatingSuspended = true));
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  readonly names: FakeNamedItemCollection;
  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.application = new FakeApplication(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

/** Workbook-level defined names (ExcelApi 1.4 add, 1.7 formula). */
class FakeNamedItemCollection extends FakeProxy<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.model);
  }
  protected read(model: FakeWorkbook, prop: string): unknown {
    if (!prop.startsWith("items")) throw new Error(`fake: cannot load ${prop} on names`);
    return [...model.names].map(([name, formula]) => {
      const item = new FakeNamedItem(this.context, name, true);
      item.preload({ name, formula });
      return item;
    });
  }
  get items(): FakeNamedItem[] {
    return this.get("items") as FakeNamedItem[];
  }
  add(name: string, reference: string): FakeNamedItem {
    this.context.enqueue(true, ["addName", name, reference], () => {
      const model = this.context.model;
      if (!/^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name)) throw new Error(`InvalidArgument: bad name ${name}`);
      if ([...model.names.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
      model.names.set(name, reference.startsWith("=") ? reference : "=" + reference);
    });
    return new FakeNamedItem(this.context, name);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, name);
  }
  /** ExcelApi 1.1: fails at the sync when the name does not exist. */
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, name);
  }
}

class FakeNamedItem extends FakeProxy<{ name: string }> {
  private readonly preloaded = new Map<string, unknown>();
  toJSON(): unknown {
    return Object.fromEntries(this.preloaded);
  }
  constructor(
    context: FakeRequestContext,
    private readonly itemName: string,
    existing = false,
  ) {
    super(context, () => (context.model.names.has(itemName) ? { name: itemName } : null), existing);
  }
  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.preloaded.set(k, v);
  }
  protected get(prop: string): unknown {
    return this.preloaded.has(prop) ? this.preloaded.get(prop) : super.get(prop);
  }
  protected read(t: { name: string }, prop: string): unknown {
    if (prop === "name") return t.name;
    if (prop === "formula") return this.context.model.names.get(t.name);
    throw new Error(`fake: cannot load ${prop} on a name`);
  }
  get name(): string {
    return this.get("name") as string;
  }
  get formula(): string {
    return this.get("formula") as string;
  }
  set formula(f: string) {
    this.write(["nameFormula", f], (t) => this.context.model.names.set(t.name, f.startsWith("=") ? f : "=" + f));
  }
  delete(): void {
    this.write(["deleteName", this.itemName], (t) => {
      this.context.model.names.delete(t.name);
      this.context.model.hiddenNames.delete(t.name);
    });
  }
  /** ExcelApi 1.1: a hidden name is in the workbook but not in the user's Name Manager. */
  set visible(v: boolean) {
    this.write(["nameVisible", v], (t) => {
      if (v) this.context.model.hiddenNames.delete(t.name);
      else this.context.model.hiddenNames.add(t.name);
    });
  }
}

class FakeWorksheetCollection extends FakeProxy<FakeWorkbook> {
  /** ExcelApi 1.9: the handler runs after each change (registered at the next sync). */
  readonly onChanged: {
    add(handler: Parameters<FakeWorkbook["changeHandlers"]["add"]>[0]): { context: FakeRequestContext; remove(): void };
  };

  constructor(context: FakeRequestContext) {
    super(context, () => context.model);
    this.onChanged = {
      add: (handler) => {
        context.requireApi("1.9", "worksheets.onChanged");
        const model = context.model;
        context.enqueue(false, "onChanged.add", () => model.changeHandlers.add(handler));
        return { context, remove: () => context.enqueue(false, "onChanged.remove", () => model.changeHandlers.delete(handler)) };
      },
    };
  }

  get items(): FakeWorksheet[] {
    return this.get("items") as FakeWorksheet[];
  }

  protected read(model: FakeWorkbook, prop: string): unknown {
    if (!prop.startsWith("items")) throw new Error(`fake: cannot load ${prop} on worksheets`);
    // "items/name" → proxies with name and position loaded.
    const items = model.sheets.map((s) => {
      const ws = new FakeWorksheet(this.context, () => s);
      ws.preload({ name: s.name, position: model.sheets.indexOf(s) });
      return ws;
    });
    return items;
  }

  getItem(name: string): FakeWorksheet {
    const model = this.context.model;
    return new FakeWorksheet(this.context, () => {
      const s = model.findSheet(name);
      if (!s) throw new Error(`ItemNotFound: ${name}`);
      return s;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const model = this.context.model;
    return new FakeWorksheet(this.context, () => model.findSheet(name) ?? null);
  }

  /** Like office.js, the returned object is valid until the next sync only (its path is the add call). */
  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.context.enqueue(true, ["addSheet", name], () => (created = this.context.model.addSheet(name)));
    const ws = new FakeWorksheet(this.context, () => created);
    ws.validUntilSync = this.context.syncCount;
    return ws;
  }
}

class FakeWorksheet extends FakeProxy<FakeSheet> {
  private readonly preloaded = new Map<string, unknown>();
  toJSON(): unknown {
    return Object.fromEntries(this.preloaded);
  }
  readonly freezePanes: {
    freezeRows(n: number): void;
    freezeAt(range: string): void;
    freezeColumns(n: number): void;
    unfreeze(): void;
    getLocationOrNullObject(): FakeRange;
  };
  private readonly layout: FakePageLayoutProxy;
  private readonly breaks: FakePageBreaks;
  /** ExcelApi 1.9. */
  get pageLayout(): FakePageLayoutProxy {
    this.context.requireApi("1.9", "pageLayout");
    return this.layout;
  }
  /** ExcelApi 1.9: add(range) breaks the page before the range's top row. */
  get horizontalPageBreaks(): FakePageBreaks {
    this.context.requireApi("1.9", "horizontalPageBreaks");
    return this.breaks;
  }

  constructor(context: FakeRequestContext, resolver: () => FakeSheet | null) {
    super(context, resolver);
    this.breaks = new FakePageBreaks(
      context,
      () => this.resolve(),
      (args, run) => this.write(args, run),
    );
    this.freezePanes = {
      freezeRows: (n) => this.write(["freezeRows", n], (s) => (s.freeze = { rows: n, cols: 0 })),
      freezeColumns: (n) => this.write(["freezeColumns", n], (s) => (s.freeze = { rows: 0, cols: n })),
      freezeAt: (range) =>
        this.write(["freezeAt", range], (s) => {
          const r = parseAddress(range).rect;
          s.freeze = { rows: r.r2 === MAX_ROWS ? 0 : r.r2, cols: r.c2 === MAX_COLS ? 0 : r.c2 };
        }),
      unfreeze: () => this.write("unfreeze", (s) => (s.freeze = null)),
      getLocationOrNullObject: () =>
        new FakeRange(this.context, () => {
          const s = this.resolve();
          if (!s?.freeze || (!s.freeze.rows && !s.freeze.cols)) return null;
          return { sheet: s, rect: { r1: 1, c1: 1, r2: s.freeze.rows || MAX_ROWS, c2: s.freeze.cols || MAX_COLS } };
        }),
    };
    this.layout = new FakePageLayoutProxy(
      context,
      () => this.resolve(),
      (args, run) => this.write(args, (s) => run(s.pageLayout)),
    );
  }

  /** ExcelApi 1.7: a full copy of the sheet, at the end, named like Excel names it. */
  copy(position = "End"): FakeWorksheet {
    this.context.requireApi("1.7", "worksheet.copy");
    let created: FakeSheet | null = null;
    this.write(["copy", position], (s) => (created = this.context.model.copySheet(s)));
    return new FakeWorksheet(this.context, () => created);
  }

  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.preloaded.set(k, v);
  }

  protected get(prop: string): unknown {
    return this.preloaded.has(prop) ? this.preloaded.get(prop) : super.get(prop);
  }

  protected read(s: FakeSheet, prop: string): unknown {
    if (prop === "name") return s.name;
    if (prop === "position") return this.context.model.sheets.indexOf(s);
    if (prop === "tabColor") return s.tabColor;
    throw new Error(`fake: cannot load ${prop} on a worksheet`);
  }

  get name(): string {
    return this.get("name") as string;
  }
  set name(name: string) {
    this.write(["name", name], (s) => this.context.model.renameSheet(s, name));
  }

  get position(): number {
    return this.get("position") as number;
  }
  set position(p: number) {
    this.write(["position", p], (s) => {
      const sheets = this.context.model.sheets.filter((x) => x !== s);
      sheets.splice(Math.min(p, sheets.length), 0, s);
      this.context.model.sheets = sheets;
    });
  }

  get tabColor(): string {
    return this.get("tabColor") as string;
  }
  set tabColor(color: string) {
    this.write(["tabColor", color], (s) => (s.tabColor = color));
  }

  delete(): void {
    this.write("delete", (s) => this.context.model.deleteSheet(s));
  }

  activate(): void {
    this.write("activate", (s) => (this.context.model.activeSheetId = s.id));
  }

  getRange(address?: string): FakeRange {
    this.checkPath();
    return new FakeRange(this.context, () => {
      const s = this.resolve();
      if (!s) return null;
      return { sheet: s, rect: address ? parseAddress(address).rect : { r1: 1, c1: 1, r2: MAX_ROWS, c2: MAX_COLS } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this.resolve();
      if (!s) return null; // navigation from a null object gives a null object
      const rect = this.context.model.usedRect(s, valuesOnly);
      return rect ? { sheet: s, rect } : null;
    });
  }
}

type PageRun = (args: unknown, run: (p: FakePageLayout) => void) => void;

/** Inches ↔ points (office.js margins load in points). */
const POINTS_PER_INCH = 72;
/**
 * What Excel reports for a sheet nobody set up (a new sheet's page setup). dump() leaves out what
 * equals these, so a setting put back to its default compares equal to one never set.
 */
const PAGE_DEFAULTS = {
  orientation: "Portrait",
  paperSize: "Letter",
  margins: { top: 0.75, bottom: 0.75, left: 0.7, right: 0.7, header: 0.3, footer: 0.3 } as Record<string, number>,
};

class FakePageLayoutProxy extends FakeProxy<FakeSheet> {
  readonly headersFooters: { defaultForAllPages: FakeHeaderFooter };
  constructor(
    context: FakeRequestContext,
    resolver: () => FakeSheet | null,
    private readonly run: PageRun,
  ) {
    super(context, resolver);
    this.headersFooters = { defaultForAllPages: new FakeHeaderFooter(context, resolver, run) };
  }
  protected read(s: FakeSheet, prop: string): unknown {
    const p = s.pageLayout;
    const margin = /^(top|bottom|left|right|header|footer)Margin$/.exec(prop);
    if (margin) return (p.margins ?? PAGE_DEFAULTS.margins)[margin[1]] * POINTS_PER_INCH;
    if (prop === "zoom") return p.fitToWidth ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: 100 };
    if (prop === "orientation" || prop === "paperSize") return p[prop] ?? PAGE_DEFAULTS[prop];
    if (prop === "centerHorizontally") return p.centerHorizontally ?? false;
    throw new Error(`fake: cannot load ${prop} on a page layout`);
  }
  get orientation(): string {
    return this.get("orientation") as string;
  }
  get paperSize(): string {
    return this.get("paperSize") as string;
  }
  get centerHorizontally(): boolean {
    return this.get("centerHorizontally") as boolean;
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this.get("zoom") as { scale?: number };
  }
  get topMargin(): number {
    return this.get("topMargin") as number;
  }
  get bottomMargin(): number {
    return this.get("bottomMargin") as number;
  }
  get leftMargin(): number {
    return this.get("leftMargin") as number;
  }
  get rightMargin(): number {
    return this.get("rightMargin") as number;
  }
  get headerMargin(): number {
    return this.get("headerMargin") as number;
  }
  get footerMargin(): number {
    return this.get("footerMargin") as number;
  }
  set orientation(v: string) {
    this.run(["orientation", v], (p) => (p.orientation = v));
  }
  set paperSize(v: string) {
    this.run(["paperSize", v], (p) => (p.paperSize = v));
  }
  set centerHorizontally(v: boolean) {
    this.run(["centerHorizontally", v], (p) => (p.centerHorizontally = v));
  }
  /**
   * The whole object is replaced, as in Excel: a field left out takes its default (1 page tall for
   * verticalFitToPages), so "one page wide, any number tall" needs verticalFitToPages: 0 written too.
   */
  set zoom(z: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.run(["zoom", z], (p) => (p.fitToWidth = z.horizontalFitToPages === 1 && (z.verticalFitToPages ?? 1) === 0));
  }
  setPrintArea(area: string): void {
    this.run(["printArea", area], (p) => (p.printArea = area));
  }
  setPrintTitleRows(rows: string): void {
    this.run(["printTitleRows", rows], (p) => (p.printTitleRows = rows));
  }
  getPrintAreaOrNullObject(): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this.resolve();
      return s?.pageLayout.printArea ? { sheet: s, rect: parseAddress(s.pageLayout.printArea).rect } : null;
    });
  }
  getPrintTitleRowsOrNullObject(): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this.resolve();
      return s?.pageLayout.printTitleRows ? { sheet: s, rect: parseAddress(s.pageLayout.printTitleRows).rect } : null;
    });
  }
  setPrintMargins(unit: string, m: Record<string, number>): void {
    if (unit !== "Inches" && unit !== "Points") throw new Error("fake: margins in inches or points");
    const inches = Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, unit === "Points" ? Math.round((v / POINTS_PER_INCH) * 1e6) / 1e6 : v]),
    );
    this.run(["margins", m], (p) => (p.margins = inches));
  }
}

class FakeHeaderFooter extends FakeProxy<FakeSheet> {
  constructor(
    context: FakeRequestContext,
    resolver: () => FakeSheet | null,
    private readonly run: PageRun,
  ) {
    super(context, resolver);
  }
  protected read(s: FakeSheet, prop: string): unknown {
    if (prop === "centerFooter") return s.pageLayout.centerFooter ?? "";
    throw new Error(`fake: cannot load ${prop} on headers and footers`);
  }
  get centerFooter(): string {
    return this.get("centerFooter") as string;
  }
  set centerFooter(v: string) {
    this.run(["centerFooter", v], (p) => (p.centerFooter = v || undefined));
  }
}

/** worksheet.horizontalPageBreaks (ExcelApi 1.9): add, removePageBreaks, items/rowIndex (0-based). */
class FakePageBreaks extends FakeProxy<FakeSheet> {
  constructor(
    context: FakeRequestContext,
    resolver: () => FakeSheet | null,
    private readonly writeOn: (args: unknown, run: (s: FakeSheet) => void) => void,
  ) {
    super(context, resolver);
  }
  protected read(s: FakeSheet, prop: string): unknown {
    if (!prop.startsWith("items")) throw new Error(`fake: cannot load ${prop} on page breaks`);
    return s.pageBreaks.map((r) => ({ rowIndex: r - 1, columnIndex: 0 }));
  }
  get items(): Array<{ rowIndex: number; columnIndex: number }> {
    return this.get("items") as Array<{ rowIndex: number; columnIndex: number }>;
  }
  add(range: string): void {
    this.writeOn(["pageBreak", range], (s) => {
      if (s.pageBreaks.length >= MAX_PAGE_BREAKS) throw new Error("InvalidOperation: too many page breaks");
      s.pageBreaks.push(parseAddress(range).rect.r1);
    });
  }
  removePageBreaks(): void {
    this.writeOn("removePageBreaks", (s) => (s.pageBreaks = []));
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

type Grid = ReadonlyArray<ReadonlyArray<unknown>>;

class FakeRange extends FakeProxy<RangeTarget> {
  readonly format: FakeRangeFormat;
  private readonly validation: FakeDataValidation;
  /** ExcelApi 1.8. */
  get dataValidation(): FakeDataValidation {
    this.context.requireApi("1.8", "dataValidation");
    return this.validation;
  }

  constructor(context: FakeRequestContext, resolver: () => RangeTarget | null, existing = false) {
    super(context, resolver, existing);
    this.format = new FakeRangeFormat(
      (args, run) => this.write(args, run),
      (args, run) => this.context.enqueue(false, args, () => run(this.must())),
      (version, what) => context.requireApi(version, what),
    );
    this.validation = new FakeDataValidation((args, run) => this.write(args, run));
  }

  private readonly preloaded = new Map<string, unknown>();
  toJSON(): unknown {
    return Object.fromEntries(this.preloaded);
  }

  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.preloaded.set(k, v);
  }

  /** A property's value now (for a collection loading its items' properties in its own sync). */
  readNow(prop: string): unknown {
    return this.read(this.must(), prop);
  }

  protected get(prop: string): unknown {
    return this.preloaded.has(prop) ? this.preloaded.get(prop) : super.get(prop);
  }

  protected read({ sheet, rect }: RangeTarget, prop: string): unknown {
    const model = this.context.model;
    if (prop === "address") return `${sheetPrefix(sheet.name)}!${rectAddress(rect)}`;
    if (rect.r2 - rect.r1 + 1 > 5_000_000 / (rect.c2 - rect.c1 + 1)) throw new Error("fake: read over 5 million cells");
    const grid = (f: (c: FakeCell | undefined) => unknown) => {
      const rows: unknown[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: unknown[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(f(model.cell(sheet, r, c)));
        rows.push(row);
      }
      return rows;
    };
    switch (prop) {
      case "values":
        return grid((c) => c?.value ?? "");
      case "formulas":
        return grid((c) => c?.formula ?? c?.value ?? "");
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return grid((c) => valueType(c));
      default:
        throw new Error(`fake: cannot load ${prop} on a range`);
    }
  }

  get address(): string {
    return this.get("address") as string;
  }
  get values(): FakeValue[][] {
    return this.get("values") as FakeValue[][];
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat") as string[][];
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes") as string[][];
  }
  get formulas(): FakeValue[][] {
    return this.get("formulas") as FakeValue[][];
  }

  set values(v: unknown) {
    this.write(v, (t) => this.each(t, v, (cell, x) => setEntered(cell, x, false)));
  }
  set formulas(v: unknown) {
    this.write(v, (t) => this.each(t, v, (cell, x) => setEntered(cell, x, true)));
  }
  set formulasR1C1(v: unknown) {
    this.write(v, (t) =>
      this.each(t, v, (cell, x, r, c) =>
        setEntered(cell, typeof x === "string" && x.startsWith("=") ? "=" + fromR1C1(x.slice(1), r, c) : x, true),
      ),
    );
  }
  set numberFormat(v: unknown) {
    this.write(v, (t) => this.each(t, v, (cell, x) => (cell.numberFormat = String(x))));
  }

  /** Applies a scalar to every cell, or a 2-D array of exactly the range's shape. */
  private each(t: RangeTarget, v: unknown, f: (cell: FakeCell, x: unknown, r: number, c: number) => void): void {
    const { rect, sheet } = t;
    if (rect.r2 === MAX_ROWS || rect.c2 === MAX_COLS) throw new Error("fake: cell writes to whole rows/columns are not supported");
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    const isGrid = Array.isArray(v);
    if (isGrid) {
      const g = v as Grid;
      if (g.length !== rows || g.some((row) => !Array.isArray(row) || row.length !== cols))
        throw new Error(`InvalidArgument: the array does not match the range ${rectAddress(rect)}`);
    }
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const r = rect.r1 + i;
        const c = rect.c1 + j;
        f(this.context.model.cellForWrite(sheet, r, c), isGrid ? (v as Grid)[i][j] : v, r, c);
      }
  }

  /**
   * ExcelApi 1.9: the cells of the range holding constants (values typed in) or formulas, as
   * areas (here: one per run of such cells along a row); a null object where there are none.
   */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas"): FakeRangeAreas {
    this.context.requireApi("1.9", "getSpecialCells");
    return new FakeRangeAreas(this.context, () => {
      const t = this.resolve();
      if (!t) return null;
      const { sheet, rect } = t;
      const hits: Array<[number, number]> = [];
      for (const [k, cell] of sheet.cells) {
        const r = Math.floor(k / MAX_COLS) + 1;
        const c = (k % MAX_COLS) + 1;
        if (r < rect.r1 || r > rect.r2 || c < rect.c1 || c > rect.c2) continue;
        if (cellType === "Formulas" ? cell.formula : cell.value !== "" && !cell.formula) hits.push([r, c]);
      }
      if (hits.length === 0) return null;
      hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const areas: Rect[] = [];
      for (const [r, c] of hits) {
        const last = areas[areas.length - 1];
        if (last && last.r1 === r && last.c2 === c - 1) last.c2 = c;
        else areas.push({ r1: r, c1: c, r2: r, c2: c });
      }
      return { sheet, areas, cellCount: hits.length };
    });
  }

  /** The i-th row of the range (0-based): Microsoft's client writes arrays over 1,500 cells in row blocks through it. */
  getRow(i: number): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      return t && { sheet: t.sheet, rect: { r1: t.rect.r1 + i, c1: t.rect.c1, r2: t.rect.r1 + i, c2: t.rect.c2 } };
    });
  }

  /** The last row of the range (ExcelApi 1.2). */
  getLastRow(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      return t && { sheet: t.sheet, rect: { r1: t.rect.r2, c1: t.rect.c1, r2: t.rect.r2, c2: t.rect.c2 } };
    });
  }

  /** The whole rows the range spans (ExcelApi 1.1). */
  getEntireRow(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      return t && { sheet: t.sheet, rect: { r1: t.rect.r1, c1: 1, r2: t.rect.r2, c2: MAX_COLS } };
    });
  }

  /** The smallest range holding this one and `other` (same sheet). */
  getBoundingRect(other: FakeRange | string): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      const o = typeof other === "string" ? parseAddress(other).rect : other.resolve()?.rect;
      if (!t || !o) return null;
      const r = t.rect;
      return {
        sheet: t.sheet,
        rect: { r1: Math.min(r.r1, o.r1), c1: Math.min(r.c1, o.c1), r2: Math.max(r.r2, o.r2), c2: Math.max(r.c2, o.c2) },
      };
    });
  }

  /** Range.clear("All"): values, formulas, formats, merges and validations go; sizes stay. */
  clear(applyTo = "All"): void {
    if (applyTo !== "All") throw new Error("fake: clear All only");
    this.write(["clear", applyTo], ({ sheet, rect }) => {
      for (const k of [...sheet.cells.keys()]) {
        const r = Math.floor(k / MAX_COLS) + 1;
        const c = (k % MAX_COLS) + 1;
        if (r >= rect.r1 && r <= rect.r2 && c >= rect.c1 && c <= rect.c2) sheet.cells.delete(k);
      }
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
      sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, rect));
    });
  }

  /**
   * Range.copyFrom(source, "All") (ExcelApi 1.9), onto the same cells of another sheet: cells as
   * they are (formulas unchanged: the offset is nil), merges, validations. Never column widths or
   * row heights: Microsoft does not document that a copy carries them, so the adapters write them
   * explicitly. A copy of more than COPY_CELL_LIMIT cells fails as Excel on the web fails it.
   */
  copyFrom(source: string, copyType = "All"): void {
    this.context.requireApi("1.9", "copyFrom");
    if (copyType !== "All") throw new Error("fake: copyFrom All only");
    const src = parseAddress(source);
    const r = src.rect;
    if ((r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) > COPY_CELL_LIMIT)
      throw new Error(`OperationCellsExceedLimit: copyFrom ${source} is over ${COPY_CELL_LIMIT} cells`);
    this.write(["copyFrom", source], ({ sheet, rect }) => {
      const from = src.sheet === undefined ? sheet : this.context.model.findSheet(src.sheet);
      if (!from) throw new Error(`ItemNotFound: ${src.sheet}`);
      if (r.r1 !== rect.r1 || r.c1 !== rect.c1) throw new Error("fake: copyFrom onto the same address only");
      const inside = (row: number, col: number) => row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
      for (const [k, cell] of from.cells) {
        if (inside(Math.floor(k / MAX_COLS) + 1, (k % MAX_COLS) + 1)) sheet.cells.set(k, structuredClone(cell));
      }
      sheet.merges.push(...from.merges.filter((m) => overlaps(m, r)).map((m) => ({ ...m })));
      sheet.validations.push(...from.validations.filter((v) => overlaps(v.rect, r)).map((v) => structuredClone(v)));
    });
  }

  merge(across = false): void {
    this.write(["merge", across], ({ sheet, rect }) => {
      if (sheet.merges.some((m) => overlaps(m, rect))) throw new Error("InvalidOperation: overlapping merge");
      sheet.merges.push({ ...rect });
    });
  }

  select(): void {
    this.write("select", ({ sheet, rect }) => {
      this.context.model.activeSheetId = sheet.id;
      this.context.model.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }
}

interface AreasTarget {
  sheet: FakeSheet;
  areas: Rect[];
  cellCount: number;
}

class FakeRangeAreas extends FakeProxy<AreasTarget> {
  readonly areas: FakeRangeCollection;
  constructor(context: FakeRequestContext, resolver: () => AreasTarget | null) {
    super(context, resolver);
    this.areas = new FakeRangeCollection(context, () => this.resolve());
  }
  protected read(t: AreasTarget, prop: string): unknown {
    if (prop === "cellCount") return t.cellCount;
    if (prop === "address") return t.areas.map((a) => `${sheetPrefix(t.sheet.name)}!${rectAddress(a)}`).join(",");
    throw new Error(`fake: cannot load ${prop} on range areas`);
  }
  get cellCount(): number {
    return this.get("cellCount") as number;
  }
}

/** RangeAreas.areas: "items/values,items/address…" loads those properties of every area. */
class FakeRangeCollection extends FakeProxy<AreasTarget> {
  private wanted: string[] = [];
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : [];
    this.wanted = list.map((p) => p.replace(/^items\//, ""));
    return super.load("items");
  }
  protected read(t: AreasTarget, prop: string): unknown {
    if (prop !== "items") throw new Error(`fake: cannot load ${prop} on a range collection`);
    return t.areas.map((rect) => {
      const range = new FakeRange(this.context, () => ({ sheet: t.sheet, rect }), true);
      range.preload(Object.fromEntries(this.wanted.map((p) => [p, range.readNow(p)])));
      return range;
    });
  }
  get items(): FakeRange[] {
    return this.get("items") as FakeRange[];
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

function valueType(c: FakeCell | undefined): string {
  if (!c || c.value === "") return "Empty";
  if (typeof c.value === "number") return "Double";
  if (typeof c.value === "boolean") return "Boolean";
  return isErrorText(c.value) ? "Error" : "String";
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

type FormatRun = (args: unknown, run: (t: RangeTarget) => void) => void;

class FakeRangeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: { color: string };
  readonly borders: { getItem(index: string): { style: string; color: string; weight: string } };

  constructor(
    private readonly run: FormatRun,
    private readonly read: FormatRun = () => {
      throw new Error("fake: this format cannot load");
    },
    private readonly requireApi: (version: string, what: string) => void = () => undefined,
  ) {
    const fontProp = (name: keyof FakeFont) => ({
      set: (v: unknown) => {
        this.cells(["font", name, v], (fmt) => {
          // Colours are kept as "RRGGBB", like the plan and the xlsx.
          (fmt.font as Record<string, unknown>)[name] = name === "color" ? String(v).replace(/^#/, "").toUpperCase() : v;
        });
      },
    });
    this.font = Object.defineProperties(
      {},
      { name: fontProp("name"), size: fontProp("size"), bold: fontProp("bold"), color: fontProp("color") },
    );
    this.fill = Object.defineProperty({ color: "" }, "color", {
      set: (v: string) => {
        this.cells(["fill", v], (fmt) => (fmt.fill = v.replace(/^#/, "").toUpperCase()));
      },
    });
    this.borders = {
      getItem: (index: string) => {
        const border = { style: "", color: "", weight: "" };
        Object.defineProperty(border, "style", {
          set: (v: string) => {
            this.run(["border", index, v], (t) =>
              eachCell(t, (fmt, r, c) => {
                const { rect } = t;
                const on = v === "Continuous";
                if (index === "EdgeTop" && r === rect.r1) fmt.borders.top = on;
                if (index === "EdgeBottom" && r === rect.r2) fmt.borders.bottom = on;
                if (index === "EdgeLeft" && c === rect.c1) fmt.borders.left = on;
                if (index === "EdgeRight" && c === rect.c2) fmt.borders.right = on;
                if (index === "InsideHorizontal") {
                  if (r > rect.r1) fmt.borders.top = on;
                  if (r < rect.r2) fmt.borders.bottom = on;
                }
                if (index === "InsideVertical") {
                  if (c > rect.c1) fmt.borders.left = on;
                  if (c < rect.c2) fmt.borders.right = on;
                }
              }),
            );
          },
        });
        Object.defineProperty(border, "color", {
          set: (v: string) => {
            this.run(["borderColor", index, v], () => undefined);
          },
        });
        Object.defineProperty(border, "weight", {
          set: (v: string) => {
            this.run(["borderWeight", index, v], () => undefined);
          },
        });
        return border;
      },
    };
  }

  private cells(args: unknown, f: (fmt: FakeFormat) => void): void {
    this.run(args, (t) => eachCell(t, (fmt) => f(fmt)));
  }

  set horizontalAlignment(v: string) {
    this.cells(["h", v], (fmt) => (fmt.horizontal = v));
  }
  set verticalAlignment(v: string) {
    this.cells(["v", v], (fmt) => (fmt.vertical = v));
  }
  set wrapText(v: boolean) {
    this.cells(["wrap", v], (fmt) => (fmt.wrap = v));
  }
  set indentLevel(v: number) {
    this.requireApi("1.9", "RangeFormat.indentLevel");
    this.cells(["indent", v], (fmt) => (fmt.indent = v));
  }
  set columnWidth(points: number) {
    this.run(["columnWidth", points], ({ sheet, rect }) => {
      for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.run(["rowHeight", points], ({ sheet, rect }) => {
      if (rect.r2 === MAX_ROWS) throw new Error("fake: row height of every row");
      for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights.set(r, points);
    });
  }
  /** ExcelApi 1.7; only `true` is meant to be set: the range's columns / rows back to standard. */
  set useStandardWidth(v: boolean) {
    this.run(["useStandardWidth", v], ({ sheet, rect }) => {
      if (v !== true) throw new Error("InvalidArgument: useStandardWidth can only be set to true");
      for (const c of [...sheet.columnWidths.keys()]) if (c >= rect.c1 && c <= rect.c2) sheet.columnWidths.delete(c);
    });
  }
  set useStandardHeight(v: boolean) {
    this.run(["useStandardHeight", v], ({ sheet, rect }) => {
      if (v !== true) throw new Error("InvalidArgument: useStandardHeight can only be set to true");
      for (const r of [...sheet.rowHeights.keys()]) if (r >= rect.r1 && r <= rect.r2) sheet.rowHeights.delete(r);
    });
  }

  private readonly loaded = new Map<string, unknown>();
  /** Loads columnWidth, rowHeight, useStandardWidth, useStandardHeight (null where the range's differ). */
  load(props: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : props;
    this.read(list, ({ sheet, rect }) => {
      const cols = Array.from({ length: Math.min(rect.c2, MAX_COLS) - rect.c1 + 1 }, (_, i) => rect.c1 + i);
      const rows = rect.r2 - rect.r1 + 1 > 100_000 ? null : Array.from({ length: rect.r2 - rect.r1 + 1 }, (_, i) => rect.r1 + i);
      const uniform = <T>(xs: T[] | null) => (xs && xs.every((x) => x === xs[0]) ? xs[0] : null);
      for (const p of list) {
        const value =
          p === "columnWidth"
            ? uniform(cols.map((c) => sheet.columnWidths.get(c) ?? STANDARD_WIDTH))
            : p === "useStandardWidth"
              ? uniform(cols.map((c) => !sheet.columnWidths.has(c)))
              : p === "rowHeight"
                ? uniform(rows && rows.map((r) => sheet.rowHeights.get(r) ?? STANDARD_HEIGHT))
                : p === "useStandardHeight"
                  ? uniform(rows && rows.map((r) => !sheet.rowHeights.has(r)))
                  : undefined;
        if (value === undefined) throw new Error(`fake: cannot load ${p} on a range format`);
        this.loaded.set(p, value);
      }
    });
    return this;
  }
  private got(prop: string): unknown {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: ${prop} (call load() and context.sync() first)`);
    return this.loaded.get(prop);
  }
  get columnWidth(): number {
    return this.got("columnWidth") as number;
  }
  get rowHeight(): number {
    return this.got("rowHeight") as number;
  }
  get useStandardWidth(): boolean {
    return this.got("useStandardWidth") as boolean;
  }
  get useStandardHeight(): boolean {
    return this.got("useStandardHeight") as boolean;
  }
}

/** Cells of a range target, created when absent (formats live on cells in this model). */
function eachCell(t: RangeTarget, f: (fmt: FakeFormat, r: number, c: number) => void): void {
  const { rect, sheet } = t;
  if (rect.r2 === MAX_ROWS || rect.c2 === MAX_COLS) throw new Error("fake: cell formats on whole rows/columns are not supported");
  for (let r = rect.r1; r <= rect.r2; r++)
    for (let c = rect.c1; c <= rect.c2; c++) {
      const k = key(r, c);
      let cell = sheet.cells.get(k);
      if (!cell) sheet.cells.set(k, (cell = blankCell()));
      f(cell.format, r, c);
    }
}

class FakeDataValidation {
  constructor(private readonly run: FormatRun) {}

  private entry(t: RangeTarget): FakeValidation {
    let v = t.sheet.validations.find(
      (x) => x.rect.r1 === t.rect.r1 && x.rect.c1 === t.rect.c1 && x.rect.r2 === t.rect.r2 && x.rect.c2 === t.rect.c2,
    );
    if (!v) t.sheet.validations.push((v = { rect: { ...t.rect } }));
    return v;
  }

  set rule(rule: { list?: { inCellDropDown: boolean; source: string } }) {
    this.run(["rule", rule], (t) => {
      if (!rule.list) throw new Error("fake: list rules only");
      this.entry(t).list = rule.list.source.split(",");
    });
  }
  set prompt(p: { title?: string; message: string; showPrompt: boolean }) {
    this.run(["prompt", p], (t) => {
      if (p.message.length > 255 || (p.title ?? "").length > 32) throw new Error("InvalidArgument: prompt too long");
      this.entry(t).prompt = { title: p.title ?? "", message: p.message };
    });
  }
  set errorAlert(a: { title?: string; message: string; style: string; showAlert: boolean }) {
    this.run(["errorAlert", a], (t) => {
      if (a.message.length > 225) throw new Error("InvalidArgument: alert message too long");
      this.entry(t).errorAlert = { title: a.title ?? "", message: a.message, style: a.style };
    });
  }
}

/** `Excel.run` over a model: a fresh context per run, like office.js, or the given one (`Excel.run(context, batch)`). */
export function fakeExcelRun(model: FakeWorkbook, onContext?: (c: FakeRequestContext) => void) {
  return async <T>(batch: (context: FakeRequestContext) => Promise<T>, reuse?: FakeRequestContext): Promise<T> => {
    if (reuse) return batch(reuse);
    const context = new FakeRequestContext(model);
    onContext?.(context);
    return batch(context);
  };
}
