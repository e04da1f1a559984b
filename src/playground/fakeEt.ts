/**
 * A fake `window.Application` of WPS 表格 (ET) over the in-memory workbook of the fake Excel
 * (FakeWorkbook), for the jest tests and the WPS pane in Chromium: no node modules here. Load it
 * from an .xlsx with `createFakeEtApplication({ model: await loadXlsx(bytes) })` (xlsxBridge), or
 * seed it with sheets of values.
 *
 * It keeps the data in the fake Excel's units (colours "RRGGBB", widths in points, margins in
 * inches, alignments "Center") so one workbook state compares across hosts, and encodes ET's
 * documented differences at its surface, where an adapter's mistake shows:
 * - colours are BGR integers (an RGB integer comes out with red and blue swapped);
 * - `ColumnWidth` is in characters (stored as points the way the office.js adapter converts them;
 *   more than 255 characters throws, as in ET), `RowHeight` in points (≤ 409);
 * - enums are plain numbers at run time: a string alignment, paper size or calculation mode throws;
 * - `Range.Value` is a method: only `Value2` is a property;
 * - `Worksheets.Item(name)` and `Names.Item(name)` throw when missing;
 * - multi-cell reads come back wrapped (`Item(r, c)`) when `wrapReads` is set, one cell is a
 *   scalar, an error is a CVErr number, a NumberFormat that differs across the range reads null;
 * - deleting a sheet while DisplayAlerts is on would show a dialog: it throws here;
 * - every call is synchronous, and each one (property read or write, method) is counted, so a test
 *   can make the k-th fail (`failAt`), or every call whose name matches (`failOn`: a host without it);
 * - what WPS's docs leave open can be played either way (FakeEtOptions.behaviour): whether
 *   `Range.Formula` takes a 2-D array, and which form an error value takes through `Value2`;
 * - a formula entered on one cell is computed on entry (as a host does, even with manual calculation).
 * Notes (comments) are kept as the fake Excel keeps a note loaded from an .xlsx: a one-cell
 * validation entry holding only a prompt with an empty title.
 */
import { charsToPoints } from "../adapters/shared/planRects";
import { CVERR_BASE, cvErrOf } from "../port/errorValues";
import type {
  EtApplication,
  EtBorder,
  EtBorders,
  EtComment,
  EtFont,
  EtHPageBreak,
  EtHPageBreaks,
  EtInterior,
  EtName,
  EtNames,
  EtPageSetup,
  EtRange,
  EtRangeList,
  EtRead,
  EtTab,
  EtValidation,
  EtWindow,
  EtWorkbook,
  EtWorksheet,
  EtWorksheets,
} from "../adapters/wps/etTypes";
import { MAX_COL, MAX_ROW, columnLetter } from "../core/cells";
import { calculateCell } from "./formulas";
import { fromR1C1 } from "../adapters/shared/formulaRefs";
import {
  type FakeCell,
  type FakeFormat,
  type FakeSheet,
  type FakeValidation,
  type FakeValue,
  FakeWorkbook,
  type Rect,
  parseAddress,
  setEntered,
} from "./excel/model";

export interface FakeEtOptions {
  /** The workbook to expose (e.g. loadXlsx's); otherwise one is built from `sheets`. */
  model?: FakeWorkbook;
  /** Sheets of plain values from A1, in tab order (ignored with `model`). */
  sheets?: Record<string, ReadonlyArray<ReadonlyArray<FakeValue | null>>>;
  /** Multi-cell reads as objects with `Item(r, c)` instead of arrays. */
  wrapReads?: boolean;
  /** Keep the name of every call in `log` (tests count calls of a kind). */
  log?: boolean;
  /** How this host answers what WPS's docs leave open (default: arrays taken, CVErr numbers). */
  behaviour?: FakeEtBehaviour;
}

/**
 * The undocumented behaviours, either way: `formulaArrays: false` refuses `Range.Formula = [[…]]`
 * (as a host following WPS's documentation literally might); `errorForm` is how `Value2` hands an
 * error: VBA's CVErr number, its text ("#DIV/0!"), or the bare xlErr code (2007) that reads as a number.
 */
export interface FakeEtBehaviour {
  formulaArrays?: boolean;
  errorForm?: "cverr" | "text" | "code";
}

const POINTS_PER_INCH = 72;
const DEFAULT_MARGINS: Record<string, number> = { top: 0.75, bottom: 0.75, left: 0.7, right: 0.7, header: 0.3, footer: 0.3 };
const H_ALIGN: Record<number, string> = { [-4131]: "Left", [-4108]: "Center", [-4152]: "Right", 1: "General" };
const V_ALIGN: Record<number, string> = { [-4160]: "Top", [-4108]: "Center", [-4107]: "Bottom", [-4130]: "Justify" };
const EDGES: Record<number, string> = { 7: "left", 8: "top", 9: "bottom", 10: "right", 11: "insideVertical", 12: "insideHorizontal" };

const overlaps = (a: Rect, b: Rect) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const sameRect = (a: Rect, b: Rect) => a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2;
const isWholeSheet = (r: Rect) => r.r1 === 1 && r.c1 === 1 && r.r2 === MAX_ROW && r.c2 === MAX_COL;

/** A comment, as the fake Excel keeps a note: prompt only, empty title, one cell. */
export const isComment = (v: FakeValidation): boolean =>
  !v.list && !v.errorAlert && v.prompt?.title === "" && v.rect.r1 === v.rect.r2 && v.rect.c1 === v.rect.c2;

/** "RRGGBB" ↔ BGR integer, as ET stores colours. */
const toBgr = (rgb: string) => {
  const n = parseInt(rgb, 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};
const fromBgr = (v: unknown): string => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffff)
    throw new TypeError(`ET: a colour is a BGR integer, got ${String(v)}`);
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]
    .map((x) => x.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
};
const num = (v: unknown, what: string): number => {
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`ET: ${what} is a number, got ${JSON.stringify(v)}`);
  return v;
};
const pointsToChars = (pt: number) => Math.round(((pt / 0.75 - 5) / 7) * 100) / 100;

function a1(r: number, c: number, abs = true): string {
  const d = abs ? "$" : "";
  return `${d}${columnLetter(c)}${d}${r}`;
}

/** The shared state behind every proxy: the model, the settings and the call counter. */
class EtHost {
  calls = 0;
  /** Tests: the failAt-th call (1-based) throws. */
  failAt = 0;
  /** Tests: every call whose name matches throws (a host that lacks or refuses it). */
  failOn?: RegExp;
  behaviour: Required<FakeEtBehaviour> = { formulaArrays: true, errorForm: "cverr" };
  /** Writes made while ScreenUpdating was on (the adapter should make none). */
  writesWhileUpdating = 0;
  readonly settings = { ScreenUpdating: true, Calculation: -4105, DisplayAlerts: true, EnableEvents: true };
  /** Per sheet: the window's pending split and scroll position (freeze panes live on the window). */
  readonly windows = new WeakMap<FakeSheet, { splitRow: number; splitCol: number; scrollRow: number; scrollCol: number }>();

  /** Every call's name, when asked for (FakeEtOptions.log). */
  readonly log?: string[];

  constructor(
    readonly model: FakeWorkbook,
    readonly wrapReads: boolean,
    log: boolean,
  ) {
    if (log) this.log = [];
  }

  /** Counts one ET call; `write` marks the calls that change the workbook. */
  tick(name: string, write = false): void {
    this.calls++;
    this.log?.push(name);
    if (this.calls === this.failAt) throw new Error(`injected failure at ET call ${this.calls} (${name})`);
    if (this.failOn?.test(name)) throw new Error(`injected failure: this host refuses ${name}`);
    if (write && this.settings.ScreenUpdating) this.writesWhileUpdating++;
    if (write) this.notifyChange();
  }

  /** `ApiEvent` listeners by event name. */
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  private changePending = false;

  /**
   * The add-in's own writes fire SheetChange, asynchronously, once per burst of writes. Whether WPS
   * holds ApiEvent back while EnableEvents is off is not documented: the fake assumes the worst (it
   * does not), so the run lock is what keeps a pane from reacting mid-run.
   */
  private notifyChange(): void {
    const listeners = this.listeners.get("SheetChange");
    if (!listeners?.size || this.changePending) return;
    this.changePending = true;
    setTimeout(() => {
      this.changePending = false;
      for (const fn of this.listeners.get("SheetChange") ?? []) fn();
    }, 0);
  }

  live(sheet: FakeSheet): FakeSheet {
    if (sheet.deleted || !this.model.sheets.includes(sheet)) throw new Error("ET: the worksheet no longer exists");
    return sheet;
  }

  activeSheet(): FakeSheet {
    return this.model.sheets.find((s) => s.id === this.model.activeSheetId) ?? this.model.sheets[0];
  }

  window(sheet: FakeSheet) {
    let w = this.windows.get(sheet);
    if (!w) this.windows.set(sheet, (w = { splitRow: 0, splitCol: 0, scrollRow: 1, scrollCol: 1 }));
    return w;
  }

  /** Moves `sheet` (appended by the model) before or after another sheet. */
  place(sheet: FakeSheet, before?: FakeSheet, after?: FakeSheet): void {
    const sheets = this.model.sheets;
    sheets.splice(sheets.indexOf(sheet), 1);
    const anchor = before ?? after ?? this.activeSheet();
    const at = sheets.indexOf(anchor) + (after && !before ? 1 : 0);
    sheets.splice(at, 0, sheet);
    this.model.activeSheetId = sheet.id;
  }
}

export class FakeEtApplication implements EtApplication {
  readonly ActiveWindow: EtWindow;

  constructor(private readonly host: EtHost) {
    this.ActiveWindow = new FakeWindow(host);
  }

  /** WPS's add-in event hub (`Application.ApiEvent`): SheetChange fires for the add-in's own writes too. */
  readonly ApiEvent = {
    AddApiEventListener: (event: string, handler: (...args: unknown[]) => void): void => {
      const set = this.host.listeners.get(event) ?? new Set();
      set.add(handler);
      this.host.listeners.set(event, set);
    },
    RemoveApiEventListener: (event: string, handler: (...args: unknown[]) => void): void => {
      this.host.listeners.get(event)?.delete(handler);
    },
  };

  /** The workbook as data (what tests compare and the playground bridge saves). */
  get model(): FakeWorkbook {
    return this.host.model;
  }
  /** ET calls made so far. */
  get calls(): number {
    return this.host.calls;
  }
  set calls(n: number) {
    this.host.calls = n;
  }
  /** Make the k-th call (1-based, counted from the start) throw; 0 = never. */
  get failAt(): number {
    return this.host.failAt;
  }
  set failAt(k: number) {
    this.host.failAt = k;
  }
  /** Every call whose name matches throws from now on (undefined: none). */
  get failOn(): RegExp | undefined {
    return this.host.failOn;
  }
  set failOn(pattern: RegExp | undefined) {
    this.host.failOn = pattern;
  }
  /** How this fake answers what WPS's docs leave open (see FakeEtBehaviour). */
  get behaviour(): Required<FakeEtBehaviour> {
    return this.host.behaviour;
  }
  /** The calls' names (with `log: true`). */
  get log(): readonly string[] | undefined {
    return this.host.log;
  }
  get writesWhileUpdating(): number {
    return this.host.writesWhileUpdating;
  }
  /** The application settings as they stand (no call counted). */
  get settings(): Readonly<EtHost["settings"]> {
    return { ...this.host.settings };
  }

  get ScreenUpdating(): boolean {
    this.host.tick("ScreenUpdating");
    return this.host.settings.ScreenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this.host.tick("ScreenUpdating=");
    this.host.settings.ScreenUpdating = Boolean(v);
  }
  get Calculation(): number {
    this.host.tick("Calculation");
    return this.host.settings.Calculation;
  }
  set Calculation(v: number) {
    this.host.tick("Calculation=");
    if (![-4135, -4105, 2].includes(num(v, "Calculation"))) throw new Error(`ET: bad Calculation ${v}`);
    this.host.settings.Calculation = v;
  }
  get DisplayAlerts(): boolean {
    this.host.tick("DisplayAlerts");
    return this.host.settings.DisplayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this.host.tick("DisplayAlerts=");
    this.host.settings.DisplayAlerts = Boolean(v);
  }
  get EnableEvents(): boolean {
    this.host.tick("EnableEvents");
    return this.host.settings.EnableEvents;
  }
  set EnableEvents(v: boolean) {
    this.host.tick("EnableEvents=");
    this.host.settings.EnableEvents = Boolean(v);
  }
  get ActiveWorkbook(): EtWorkbook {
    this.host.tick("ActiveWorkbook");
    return new FakeEtWorkbook(this.host);
  }
  get Version(): string {
    return "12.1.0.fake";
  }
  CreateTaskPane(url: string): { Visible: boolean; ID: string; url: string } {
    this.host.tick("CreateTaskPane");
    return { Visible: false, ID: "fake-pane", url };
  }
}

class FakeWindow implements EtWindow {
  constructor(private readonly host: EtHost) {}
  private get w() {
    return this.host.window(this.host.activeSheet());
  }
  get SplitRow(): number {
    this.host.tick("SplitRow");
    return this.host.activeSheet().freeze?.rows ?? this.w.splitRow;
  }
  set SplitRow(v: number) {
    this.host.tick("SplitRow=", true);
    this.w.splitRow = num(v, "SplitRow");
  }
  get SplitColumn(): number {
    this.host.tick("SplitColumn");
    return this.host.activeSheet().freeze?.cols ?? this.w.splitCol;
  }
  set SplitColumn(v: number) {
    this.host.tick("SplitColumn=", true);
    this.w.splitCol = num(v, "SplitColumn");
  }
  get ScrollRow(): number {
    this.host.tick("ScrollRow");
    return this.w.scrollRow;
  }
  set ScrollRow(v: number) {
    this.host.tick("ScrollRow=");
    this.w.scrollRow = num(v, "ScrollRow");
  }
  get ScrollColumn(): number {
    this.host.tick("ScrollColumn");
    return this.w.scrollCol;
  }
  set ScrollColumn(v: number) {
    this.host.tick("ScrollColumn=");
    this.w.scrollCol = num(v, "ScrollColumn");
  }
  get FreezePanes(): boolean {
    this.host.tick("FreezePanes");
    return this.host.activeSheet().freeze !== null;
  }
  set FreezePanes(v: boolean) {
    this.host.tick("FreezePanes=", true);
    const sheet = this.host.activeSheet();
    const w = this.w;
    if (!v) {
      sheet.freeze = null;
      w.splitRow = 0;
      w.splitCol = 0;
      return;
    }
    // Splits count from the top-left visible cell.
    const rows = w.splitRow ? w.scrollRow - 1 + w.splitRow : 0;
    const cols = w.splitCol ? w.scrollCol - 1 + w.splitCol : 0;
    if (!rows && !cols) throw new Error("fake ET: FreezePanes without a split (would freeze at the active cell)");
    sheet.freeze = { rows, cols };
  }
}

class FakeEtWorkbook implements EtWorkbook {
  constructor(private readonly host: EtHost) {}
  get Name(): string {
    this.host.tick("Name");
    return "fake.xlsx";
  }
  get Worksheets(): EtWorksheets {
    this.host.tick("Worksheets");
    return new FakeWorksheets(this.host);
  }
  get Names(): EtNames {
    this.host.tick("Names");
    return new FakeNames(this.host);
  }
  get ActiveSheet(): EtWorksheet {
    this.host.tick("ActiveSheet");
    return new FakeEtWorksheet(this.host, this.host.activeSheet());
  }
}

/** Unwraps a fake proxy to its sheet (arguments such as `Add(, after)`). */
const sheetOf = (ws: EtWorksheet | null | undefined): FakeSheet | undefined => (ws ? (ws as FakeEtWorksheet).sheet : undefined);

class FakeWorksheets implements EtWorksheets {
  constructor(private readonly host: EtHost) {}
  get Count(): number {
    this.host.tick("Worksheets.Count");
    return this.host.model.sheets.length;
  }
  Item(index: number | string): EtWorksheet {
    this.host.tick(`Worksheets.Item(${index})`);
    const sheets = this.host.model.sheets;
    const sheet = typeof index === "number" ? sheets[index - 1] : this.host.model.findSheet(index);
    if (!sheet) throw new Error(`ET: 下标越界 (no sheet ${index})`);
    return new FakeEtWorksheet(this.host, sheet);
  }
  Add(before?: EtWorksheet | null, after?: EtWorksheet | null, count?: number): EtWorksheet {
    this.host.tick("Worksheets.Add", true);
    if (count !== undefined && count !== 1) throw new Error("fake ET: one sheet at a time");
    let n = this.host.model.sheets.length + 1;
    while (this.host.model.findSheet(`Sheet${n}`)) n++;
    const sheet = this.host.model.addSheet(`Sheet${n}`);
    this.host.place(sheet, sheetOf(before), sheetOf(after));
    return new FakeEtWorksheet(this.host, sheet);
  }
}

class FakeNames implements EtNames {
  constructor(private readonly host: EtHost) {}
  get Count(): number {
    this.host.tick("Names.Count");
    return this.host.model.names.size;
  }
  Item(index: number | string): EtName {
    this.host.tick(`Names.Item(${index})`);
    const keys = [...this.host.model.names.keys()];
    const name = typeof index === "number" ? keys[index - 1] : keys.find((k) => k.toLowerCase() === index.toLowerCase());
    if (name === undefined) throw new Error(`ET: no name ${index}`);
    return new FakeName(this.host, name);
  }
  Add(name: string, refersTo: string, visible = true): EtName {
    this.host.tick("Names.Add", true);
    if (!/^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name)) throw new Error(`ET: bad name ${name}`);
    if (!refersTo.startsWith("=")) throw new Error("fake ET: RefersTo starts with =");
    const names = this.host.model.names;
    // Adding an existing name replaces its reference (VBA semantics), keeping its spelling.
    const old = [...names.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
    names.set(old ?? name, refersTo);
    if (visible === false) this.host.model.hiddenNames.add(old ?? name);
    else this.host.model.hiddenNames.delete(old ?? name);
    return new FakeName(this.host, old ?? name);
  }
}

class FakeName implements EtName {
  constructor(
    private readonly host: EtHost,
    readonly Name: string,
  ) {}
  private check(): void {
    if (!this.host.model.names.has(this.Name)) throw new Error(`ET: name ${this.Name} was deleted`);
  }
  get RefersTo(): string {
    this.host.tick("Name.RefersTo");
    this.check();
    return this.host.model.names.get(this.Name) as string;
  }
  set RefersTo(v: string) {
    this.host.tick("Name.RefersTo=", true);
    this.check();
    if (!v.startsWith("=")) throw new Error("fake ET: RefersTo starts with =");
    this.host.model.names.set(this.Name, v);
  }
  Delete(): void {
    this.host.tick("Name.Delete", true);
    this.check();
    this.host.model.names.delete(this.Name);
    this.host.model.hiddenNames.delete(this.Name);
  }
}

export class FakeEtWorksheet implements EtWorksheet {
  constructor(
    private readonly host: EtHost,
    readonly sheet: FakeSheet,
  ) {}
  private get s(): FakeSheet {
    return this.host.live(this.sheet);
  }
  get Name(): string {
    this.host.tick("Worksheet.Name");
    return this.s.name;
  }
  set Name(v: string) {
    this.host.tick("Worksheet.Name=", true);
    this.host.model.renameSheet(this.s, v);
  }
  get Index(): number {
    this.host.tick("Worksheet.Index");
    return this.host.model.sheets.indexOf(this.s) + 1;
  }
  get Visible(): number {
    this.host.tick("Worksheet.Visible");
    return -1;
  }
  set Visible(v: number) {
    this.host.tick("Worksheet.Visible=", true);
    if (num(v, "Visible") !== -1) throw new Error("fake ET: hidden sheets are not modelled");
  }
  get Cells(): EtRange {
    this.host.tick("Worksheet.Cells");
    return new FakeEtRange(this.host, this.s, { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL });
  }
  get UsedRange(): EtRange {
    this.host.tick("Worksheet.UsedRange");
    const used = this.host.model.usedRect(this.s, false) ?? { r1: 1, c1: 1, r2: 1, c2: 1 };
    // Like ET, a used range starts at A1 only when something is there: it is the bounding box.
    return new FakeEtRange(this.host, this.s, used);
  }
  get PageSetup(): EtPageSetup {
    this.host.tick("Worksheet.PageSetup");
    return new FakePageSetup(this.host, this.s);
  }
  get HPageBreaks(): EtHPageBreaks {
    this.host.tick("Worksheet.HPageBreaks");
    return new FakeHPageBreaks(this.host, this.s);
  }
  get Tab(): EtTab {
    this.host.tick("Worksheet.Tab");
    const host = this.host;
    const sheet = this.s;
    return {
      get Color(): number | false {
        host.tick("Tab.Color");
        return sheet.tabColor ? toBgr(sheet.tabColor) : false;
      },
      // Only a BGR number: "no colour" goes through ColorIndex (false is not in ET's typings).
      set Color(v: number | false) {
        host.tick("Tab.Color=", true);
        sheet.tabColor = fromBgr(v);
      },
      get ColorIndex(): number {
        host.tick("Tab.ColorIndex");
        if (sheet.tabColor) throw new Error("fake ET: the palette index of a tab colour is not modelled");
        return -4142;
      },
      set ColorIndex(v: number) {
        host.tick("Tab.ColorIndex=", true);
        if (v !== -4142) throw new Error("fake ET: only ColorIndex = xlColorIndexNone (-4142) is modelled");
        sheet.tabColor = "";
      },
    };
  }
  Range(address: string): EtRange {
    this.host.tick(`Worksheet.Range(${address})`);
    const parsed = parseAddress(address);
    if (parsed.sheet !== undefined) throw new Error("fake ET: Worksheet.Range takes a local address");
    return new FakeEtRange(this.host, this.s, parsed.rect);
  }
  Activate(): void {
    this.host.tick("Worksheet.Activate");
    this.host.model.activeSheetId = this.s.id;
  }
  Delete(): void {
    this.host.tick("Worksheet.Delete", true);
    if (this.host.settings.DisplayAlerts) throw new Error("fake ET: deleting a sheet with DisplayAlerts on shows a confirmation dialog");
    this.host.model.deleteSheet(this.s);
  }
  Copy(before?: EtWorksheet | null, after?: EtWorksheet | null): void {
    this.host.tick("Worksheet.Copy", true);
    if (!before && !after) throw new Error("fake ET: Copy without a position makes a new workbook");
    const copy = this.host.model.copySheet(this.s);
    this.host.place(copy, sheetOf(before), sheetOf(after));
  }
  ResetAllPageBreaks(): void {
    this.host.tick("Worksheet.ResetAllPageBreaks", true);
    this.s.pageBreaks = [];
  }
}

class FakePageSetup implements EtPageSetup {
  constructor(
    private readonly host: EtHost,
    private readonly sheet: FakeSheet,
  ) {}
  private get p() {
    return this.host.live(this.sheet).pageLayout;
  }
  private margin(k: string): number {
    this.host.tick(`PageSetup.${k}Margin`);
    return Math.round((this.p.margins ?? DEFAULT_MARGINS)[k] * POINTS_PER_INCH * 1e6) / 1e6;
  }
  private setMargin(k: string, points: number): void {
    this.host.tick(`PageSetup.${k}Margin=`, true);
    const inches = Math.round((num(points, "a margin") / POINTS_PER_INCH) * 1e6) / 1e6;
    this.p.margins = { ...(this.p.margins ?? DEFAULT_MARGINS), [k]: inches };
  }
  get Orientation(): number {
    this.host.tick("PageSetup.Orientation");
    return this.p.orientation === "Landscape" ? 2 : 1;
  }
  set Orientation(v: number) {
    this.host.tick("PageSetup.Orientation=", true);
    const o = ({ 1: "Portrait", 2: "Landscape" } as Record<number, string>)[num(v, "Orientation")];
    if (!o) throw new Error(`ET: bad Orientation ${v}`);
    this.p.orientation = o;
  }
  get PaperSize(): number {
    this.host.tick("PageSetup.PaperSize");
    return this.p.paperSize === "A4" ? 9 : 1;
  }
  set PaperSize(v: number) {
    this.host.tick("PageSetup.PaperSize=", true);
    const s = ({ 1: "Letter", 9: "A4" } as Record<number, string>)[num(v, "PaperSize")];
    if (!s) throw new Error(`fake ET: paper size ${v} is not modelled`);
    this.p.paperSize = s;
  }
  get PrintArea(): string {
    this.host.tick("PageSetup.PrintArea");
    return this.p.printArea ?? "";
  }
  set PrintArea(v: string) {
    this.host.tick("PageSetup.PrintArea=", true);
    if (v) parseAddress(v);
    this.p.printArea = v || undefined;
  }
  get PrintTitleRows(): string {
    this.host.tick("PageSetup.PrintTitleRows");
    return this.p.printTitleRows ?? "";
  }
  set PrintTitleRows(v: string) {
    this.host.tick("PageSetup.PrintTitleRows=", true);
    if (v && !/^\$?\d+:\$?\d+$/.test(v)) throw new Error(`ET: bad PrintTitleRows ${v}`);
    this.p.printTitleRows = v || undefined;
  }
  get TopMargin(): number {
    return this.margin("top");
  }
  set TopMargin(v: number) {
    this.setMargin("top", v);
  }
  get BottomMargin(): number {
    return this.margin("bottom");
  }
  set BottomMargin(v: number) {
    this.setMargin("bottom", v);
  }
  get LeftMargin(): number {
    return this.margin("left");
  }
  set LeftMargin(v: number) {
    this.setMargin("left", v);
  }
  get RightMargin(): number {
    return this.margin("right");
  }
  set RightMargin(v: number) {
    this.setMargin("right", v);
  }
  get HeaderMargin(): number {
    return this.margin("header");
  }
  set HeaderMargin(v: number) {
    this.setMargin("header", v);
  }
  get FooterMargin(): number {
    return this.margin("footer");
  }
  set FooterMargin(v: number) {
    this.setMargin("footer", v);
  }
  get CenterFooter(): string {
    this.host.tick("PageSetup.CenterFooter");
    return this.p.centerFooter ?? "";
  }
  set CenterFooter(v: string) {
    this.host.tick("PageSetup.CenterFooter=", true);
    this.p.centerFooter = v || undefined;
  }
  get CenterHorizontally(): boolean {
    this.host.tick("PageSetup.CenterHorizontally");
    return this.p.centerHorizontally ?? false;
  }
  set CenterHorizontally(v: boolean) {
    this.host.tick("PageSetup.CenterHorizontally=", true);
    this.p.centerHorizontally = Boolean(v);
  }
  /** Fit to pages (Zoom false) is modelled as the fake Excel's fitToWidth: one page wide, any tall. */
  get Zoom(): number | false {
    this.host.tick("PageSetup.Zoom");
    return this.p.fitToWidth ? false : 100;
  }
  set Zoom(v: number | false) {
    this.host.tick("PageSetup.Zoom=", true);
    if (v !== false) num(v, "Zoom");
    this.p.fitToWidth = v === false;
  }
  get FitToPagesWide(): number | false {
    this.host.tick("PageSetup.FitToPagesWide");
    return 1;
  }
  set FitToPagesWide(v: number | false) {
    this.host.tick("PageSetup.FitToPagesWide=", true);
    if (v !== 1) throw new Error("fake ET: only one page wide is modelled");
  }
  get FitToPagesTall(): number | false {
    this.host.tick("PageSetup.FitToPagesTall");
    return this.p.fitToWidth ? false : 1;
  }
  set FitToPagesTall(v: number | false) {
    this.host.tick("PageSetup.FitToPagesTall=", true);
    if (v !== false && !(v === 1 && !this.p.fitToWidth)) throw new Error("fake ET: only any number of pages tall is modelled");
  }
}

class FakeHPageBreaks implements EtHPageBreaks {
  constructor(
    private readonly host: EtHost,
    private readonly sheet: FakeSheet,
  ) {}
  get Count(): number {
    this.host.tick("HPageBreaks.Count");
    return this.host.live(this.sheet).pageBreaks.length;
  }
  Item(index: number): EtHPageBreak {
    this.host.tick("HPageBreaks.Item");
    const sheet = this.host.live(this.sheet);
    const row = sheet.pageBreaks[index - 1];
    if (row === undefined) throw new Error(`ET: no page break ${index}`);
    return this.breakAt(sheet, row);
  }
  private breakAt(sheet: FakeSheet, row: number): EtHPageBreak {
    const host = this.host;
    return {
      get Location(): EtRange {
        host.tick("HPageBreak.Location");
        return new FakeEtRange(host, sheet, { r1: row, c1: 1, r2: row, c2: 1 });
      },
      Delete(): void {
        host.tick("HPageBreak.Delete", true);
        sheet.pageBreaks = sheet.pageBreaks.filter((r) => r !== row);
      },
    };
  }
  Add(before: EtRange): EtHPageBreak {
    this.host.tick("HPageBreaks.Add", true);
    const sheet = this.host.live(this.sheet);
    const target = before as FakeEtRange;
    if (target.sheet !== sheet) throw new Error("ET: a page break's cell is on its sheet");
    if (sheet.pageBreaks.length >= 1026) throw new Error("ET: too many page breaks");
    if (!sheet.pageBreaks.includes(target.rect.r1)) sheet.pageBreaks.push(target.rect.r1);
    return this.breakAt(sheet, target.rect.r1);
  }
}

class FakeEtRange implements EtRange {
  constructor(
    private readonly host: EtHost,
    readonly sheet: FakeSheet,
    readonly rect: Rect,
  ) {}

  private get s(): FakeSheet {
    return this.host.live(this.sheet);
  }
  private get rows(): number {
    return this.rect.r2 - this.rect.r1 + 1;
  }
  private get cols(): number {
    return this.rect.c2 - this.rect.c1 + 1;
  }
  private get model(): FakeWorkbook {
    return this.host.model;
  }

  /** Every cell of the range (created blank where absent), for formats. */
  private eachCell(f: (cell: FakeCell, r: number, c: number) => void): void {
    const { r1, c1, r2, c2 } = this.rect;
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 5_000_000) throw new Error("fake ET: cell-by-cell formats on a huge range are not modelled");
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) f(this.model.cellForWrite(this.s, r, c), r, c);
  }

  private format(f: (fmt: FakeFormat) => void): void {
    this.eachCell((cell) => f(cell.format));
  }

  /** A value read over the range: a scalar for one cell, else a 2-D array (wrapped if so configured). */
  private grid(read: (cell: FakeCell | undefined) => unknown): EtRead {
    const { r1, c1 } = this.rect;
    const at = (r: number, c: number) => read(this.model.cell(this.s, r1 + r, c1 + c));
    if (this.rows === 1 && this.cols === 1) return at(0, 0) as EtRead;
    if (this.rows * this.cols > 20_000_000) throw new Error("ET: out of memory reading the range");
    const rows = Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => at(r, c)));
    return this.host.wrapReads ? { Item: (r: number, c: number) => rows[r - 1][c - 1] } : rows;
  }

  /** What is common to the range, or null where cells differ (ET's mixed read). */
  private uniform(read: (cell: FakeCell | undefined) => unknown): unknown {
    const { r1, c1, r2, c2 } = this.rect;
    let first: unknown;
    let seen = false;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        const v = read(this.model.cell(this.s, r, c));
        if (!seen) {
          first = v;
          seen = true;
        } else if (v !== first) return null;
      }
    return first;
  }

  private enter(x: unknown, name: string): void {
    this.host.tick(name, true);
    const sheet = this.s;
    const { r1, c1 } = this.rect;
    if (Array.isArray(x) && name === "Range.Formula=" && !this.host.behaviour.formulaArrays) {
      throw new Error("ET: Range.Formula takes a single value (this host refuses a 2-D array)");
    }
    if (!Array.isArray(x) && this.rows === 1 && this.cols === 1) {
      const cell = this.model.cellForWrite(sheet, r1, c1);
      setEntered(cell, x, true);
      // A formula entered on one cell is computed at once, as a host does even with manual calculation.
      if (cell.formula) calculateCell(this.model, sheet, r1, c1);
      return;
    }
    if (Array.isArray(x)) {
      if (x.length !== this.rows || x.some((row) => !Array.isArray(row) || row.length !== this.cols)) {
        throw new Error(`fake ET: a ${x.length}-row array written to a ${this.rows}×${this.cols} range`);
      }
      (x as unknown[][]).forEach((row, r) => row.forEach((v, c) => setEntered(this.model.cellForWrite(sheet, r1 + r, c1 + c), v, true)));
    } else this.eachCell((cell) => setEntered(cell, x, true));
  }

  get Value2(): EtRead {
    this.host.tick("Range.Value2");
    return this.grid((cell) => {
      const v = cell?.value;
      if (v === undefined || v === "") return undefined;
      // An error value comes as VBA's CVErr number (or, played otherwise, its text or its bare code).
      const cvErr = typeof v === "string" ? cvErrOf(v) : undefined;
      if (cvErr === undefined) return v;
      const form = this.host.behaviour.errorForm;
      return form === "text" ? v : form === "code" ? cvErr - CVERR_BASE : cvErr;
    });
  }
  set Value2(x: EtRead | unknown[][]) {
    this.enter(x, "Range.Value2=");
  }
  /** A method in ET (Value(RangeValueDataType)): assigning to it is a mistake. */
  get Value(): never {
    throw new TypeError("ET: Range.Value is a method; use Value2");
  }
  set Value(_x: unknown) {
    throw new TypeError("ET: Range.Value is a method; use Value2");
  }
  get Formula(): EtRead {
    this.host.tick("Range.Formula");
    return this.grid((cell) => cell?.formula ?? (cell?.value === undefined ? "" : cell.value));
  }
  set Formula(x: EtRead | unknown[][]) {
    this.enter(x, "Range.Formula=");
  }
  get FormulaR1C1(): EtRead {
    this.host.tick("Range.FormulaR1C1");
    throw new Error("fake ET: reading FormulaR1C1 is not modelled");
  }
  /** One R1C1 formula over the range fills every cell, each relative to itself (VBA's documented fill). */
  set FormulaR1C1(x: EtRead | unknown[][]) {
    this.host.tick("Range.FormulaR1C1=", true);
    if (Array.isArray(x)) throw new Error("fake ET: FormulaR1C1 arrays are not modelled");
    const text = String(x);
    if (!text.startsWith("=")) throw new Error("fake ET: FormulaR1C1 expects a formula");
    this.eachCell((cell, r, c) => setEntered(cell, "=" + fromR1C1(text.slice(1), r, c), true));
  }
  get NumberFormat(): string | null {
    this.host.tick("Range.NumberFormat");
    return this.uniform((cell) => cell?.numberFormat ?? "General") as string | null;
  }
  set NumberFormat(x: string | null | unknown[][]) {
    this.host.tick("Range.NumberFormat=", true);
    const { r1, c1 } = this.rect;
    if (Array.isArray(x))
      (x as unknown[][]).forEach((row, r) =>
        row.forEach((f, c) => (this.model.cellForWrite(this.s, r1 + r, c1 + c).numberFormat = String(f))),
      );
    else if (typeof x === "string") this.eachCell((cell) => (cell.numberFormat = x));
    else throw new TypeError("ET: NumberFormat is a string");
  }
  get Text(): string | null {
    this.host.tick("Range.Text");
    const v = this.uniform((cell) => (cell?.value === undefined ? "" : String(cell.value)));
    return v as string | null;
  }
  get HasFormula(): boolean | null {
    this.host.tick("Range.HasFormula");
    return this.uniform((cell) => Boolean(cell?.formula)) as boolean | null;
  }
  get Font(): EtFont {
    this.host.tick("Range.Font");
    const range = this;
    const host = this.host;
    const prop = (name: "name" | "size" | "bold", check: (v: unknown) => unknown) => ({
      get: () => {
        host.tick(`Font.${name}`);
        return range.uniform((cell) => cell?.format.font[name] ?? null);
      },
      set: (v: unknown) => {
        host.tick(`Font.${name}=`, true);
        const value = check(v);
        range.format((fmt) => ((fmt.font as Record<string, unknown>)[name] = value));
      },
      enumerable: true,
    });
    return Object.defineProperties({} as EtFont, {
      Name: prop("name", (v) => String(v)),
      Size: prop("size", (v) => num(v, "Font.Size")),
      Bold: prop("bold", (v) => Boolean(v)),
      Color: {
        get: () => {
          host.tick("Font.Color");
          const c = range.uniform((cell) => cell?.format.font.color ?? "000000");
          return c === null ? null : toBgr(c as string);
        },
        set: (v: unknown) => {
          host.tick("Font.Color=", true);
          const rgb = fromBgr(v);
          range.format((fmt) => (fmt.font.color = rgb));
        },
        enumerable: true,
      },
    });
  }
  get Interior(): EtInterior {
    this.host.tick("Range.Interior");
    const range = this;
    const host = this.host;
    return {
      get Color(): number | null {
        host.tick("Interior.Color");
        const c = range.uniform((cell) => cell?.format.fill ?? "FFFFFF");
        return c === null ? null : toBgr(c as string);
      },
      set Color(v: number | null) {
        host.tick("Interior.Color=", true);
        const rgb = fromBgr(v);
        range.format((fmt) => (fmt.fill = rgb));
      },
    };
  }
  get Borders(): EtBorders {
    this.host.tick("Range.Borders");
    return {
      Item: (index: number): EtBorder => {
        this.host.tick("Borders.Item");
        const edge = EDGES[num(index, "a border index")];
        if (!edge) throw new Error(`ET: bad border index ${index}`);
        return this.border(edge);
      },
    };
  }
  private border(edge: string): EtBorder {
    const host = this.host;
    const range = this;
    const { r1, c1, r2, c2 } = this.rect;
    if ((edge === "insideHorizontal" && r1 === r2) || (edge === "insideVertical" && c1 === c2)) {
      throw new Error(`ET: the range has no ${edge} border`);
    }
    return {
      get LineStyle(): number | null {
        host.tick("Border.LineStyle");
        return null;
      },
      set LineStyle(v: number | null) {
        host.tick("Border.LineStyle=", true);
        const on = num(v, "LineStyle") === 1;
        if (!on && v !== -4142) throw new Error(`fake ET: line style ${v} is not modelled`);
        range.eachCell((cell, r, c) => {
          const b = cell.format.borders;
          if (edge === "top" && r === r1) b.top = on;
          if (edge === "bottom" && r === r2) b.bottom = on;
          if (edge === "left" && c === c1) b.left = on;
          if (edge === "right" && c === c2) b.right = on;
          if (edge === "insideHorizontal") {
            if (r > r1) b.top = on;
            if (r < r2) b.bottom = on;
          }
          if (edge === "insideVertical") {
            if (c > c1) b.left = on;
            if (c < c2) b.right = on;
          }
        });
      },
      get Weight(): number | null {
        host.tick("Border.Weight");
        return 2;
      },
      set Weight(v: number | null) {
        host.tick("Border.Weight=", true);
        if (![1, 2, -4138, 4].includes(num(v, "Weight"))) throw new Error(`ET: bad border weight ${v}`);
      },
      get Color(): number | null {
        host.tick("Border.Color");
        return toBgr("808080");
      },
      set Color(v: number | null) {
        host.tick("Border.Color=", true);
        fromBgr(v);
      },
    };
  }
  private alignment(name: "horizontal" | "vertical", table: Record<number, string>, v: unknown): void {
    this.host.tick(`Range.${name}Alignment=`, true);
    const value = table[num(v, `${name} alignment`)];
    if (!value) throw new Error(`ET: bad ${name} alignment ${v}`);
    this.format((fmt) => (fmt[name] = value === "General" ? undefined : value));
  }
  get HorizontalAlignment(): number | null {
    this.host.tick("Range.HorizontalAlignment");
    const v = this.uniform((cell) => cell?.format.horizontal ?? "General");
    return v === null ? null : Number(Object.keys(H_ALIGN).find((k) => H_ALIGN[Number(k)] === v));
  }
  set HorizontalAlignment(v: number | null) {
    this.alignment("horizontal", H_ALIGN, v);
  }
  get VerticalAlignment(): number | null {
    this.host.tick("Range.VerticalAlignment");
    const v = this.uniform((cell) => cell?.format.vertical ?? "Bottom");
    return v === null ? null : Number(Object.keys(V_ALIGN).find((k) => V_ALIGN[Number(k)] === v));
  }
  set VerticalAlignment(v: number | null) {
    this.alignment("vertical", V_ALIGN, v);
  }
  get WrapText(): boolean | null {
    this.host.tick("Range.WrapText");
    return this.uniform((cell) => Boolean(cell?.format.wrap)) as boolean | null;
  }
  set WrapText(v: boolean | null) {
    this.host.tick("Range.WrapText=", true);
    this.format((fmt) => (fmt.wrap = Boolean(v)));
  }
  get IndentLevel(): number | null {
    this.host.tick("Range.IndentLevel");
    return this.uniform((cell) => cell?.format.indent ?? 0) as number | null;
  }
  set IndentLevel(v: number | null) {
    this.host.tick("Range.IndentLevel=", true);
    const n = num(v, "IndentLevel");
    if (n < 0 || n > 15) throw new Error(`ET: bad IndentLevel ${n}`);
    this.format((fmt) => (fmt.indent = n || undefined));
  }
  /** Characters; stored as points the way the office.js adapter converts them. */
  get ColumnWidth(): number | null {
    this.host.tick("Range.ColumnWidth");
    const widths = new Set<number>();
    for (let c = this.rect.c1; c <= Math.min(this.rect.c2, this.rect.c1 + 16383); c++)
      widths.add(this.s.columnWidths.get(c) ?? charsToPoints(8.43));
    return widths.size === 1 ? pointsToChars([...widths][0]) : null;
  }
  set ColumnWidth(chars: number | null) {
    this.host.tick("Range.ColumnWidth=", true);
    const n = num(chars, "ColumnWidth");
    if (n < 0 || n > 255) throw new Error(`ET: ColumnWidth ${n} is out of range (0–255 characters)`);
    for (let c = this.rect.c1; c <= this.rect.c2; c++) this.s.columnWidths.set(c, charsToPoints(n));
  }
  get RowHeight(): number | null {
    this.host.tick("Range.RowHeight");
    const h = new Set<number>();
    for (let r = this.rect.r1; r <= Math.min(this.rect.r2, this.rect.r1 + 10000); r++) h.add(this.s.rowHeights.get(r) ?? 13.5);
    return h.size === 1 ? [...h][0] : null;
  }
  set RowHeight(points: number | null) {
    this.host.tick("Range.RowHeight=", true);
    const n = num(points, "RowHeight");
    if (n < 0 || n > 409) throw new Error(`ET: RowHeight ${n} is out of range (0–409 points)`);
    if (this.rect.r2 === MAX_ROW) throw new Error("fake ET: the height of every row is not modelled");
    for (let r = this.rect.r1; r <= this.rect.r2; r++) this.s.rowHeights.set(r, n);
  }
  get Row(): number {
    this.host.tick("Range.Row");
    return this.rect.r1;
  }
  get Column(): number {
    this.host.tick("Range.Column");
    return this.rect.c1;
  }
  get Count(): number {
    this.host.tick("Range.Count");
    return this.rows * this.cols;
  }
  private list(kind: "rows" | "cols"): EtRangeList {
    const host = this.host;
    const { r1, c1, r2, c2 } = this.rect;
    return {
      get Count() {
        host.tick(`${kind}.Count`);
        return kind === "rows" ? r2 - r1 + 1 : c2 - c1 + 1;
      },
      Item: (i: number) => {
        host.tick(`${kind}.Item`);
        const rect = kind === "rows" ? { r1: r1 + i - 1, c1, r2: r1 + i - 1, c2 } : { r1, c1: c1 + i - 1, r2, c2: c1 + i - 1 };
        return new FakeEtRange(host, this.sheet, rect);
      },
    };
  }
  get Rows(): EtRangeList {
    this.host.tick("Range.Rows");
    return this.list("rows");
  }
  get Columns(): EtRangeList {
    this.host.tick("Range.Columns");
    return this.list("cols");
  }
  get EntireColumn(): EtRange {
    this.host.tick("Range.EntireColumn");
    return new FakeEtRange(this.host, this.sheet, { ...this.rect, r1: 1, r2: MAX_ROW });
  }
  get EntireRow(): EtRange {
    this.host.tick("Range.EntireRow");
    return new FakeEtRange(this.host, this.sheet, { ...this.rect, c1: 1, c2: MAX_COL });
  }
  get Validation(): EtValidation {
    this.host.tick("Range.Validation");
    return new FakeEtValidation(this.host, this);
  }
  get Comment(): EtComment | null {
    this.host.tick("Range.Comment");
    const v = this.commentEntry();
    return v ? this.commentOf(v) : null;
  }
  commentEntry(): FakeValidation | undefined {
    return this.s.validations.find((v) => isComment(v) && v.rect.r1 === this.rect.r1 && v.rect.c1 === this.rect.c1);
  }
  private commentOf(v: FakeValidation): EtComment {
    const host = this.host;
    const sheet = this.s;
    return {
      Text(text?: string): string {
        host.tick("Comment.Text", text !== undefined);
        if (text !== undefined && v.prompt) v.prompt.message = text;
        return v.prompt?.message ?? "";
      },
      Delete(): void {
        host.tick("Comment.Delete", true);
        sheet.validations = sheet.validations.filter((x) => x !== v);
      },
    };
  }
  get MergeCells(): boolean | null {
    this.host.tick("Range.MergeCells");
    const m = this.s.merges.filter((x) => overlaps(x, this.rect));
    if (m.length === 0) return false;
    return m.length === 1 && sameRect(m[0], this.rect) ? true : null;
  }
  Address(rowAbsolute = true, columnAbsolute = true): string {
    this.host.tick("Range.Address");
    const abs = rowAbsolute && columnAbsolute;
    const tl = a1(this.rect.r1, this.rect.c1, abs);
    return this.rows === 1 && this.cols === 1 ? tl : `${tl}:${a1(this.rect.r2, this.rect.c2, abs)}`;
  }
  Item(row: number, col = 1): EtRange {
    this.host.tick("Range.Item");
    const r = this.rect.r1 + row - 1;
    const c = this.rect.c1 + col - 1;
    return new FakeEtRange(this.host, this.sheet, { r1: r, c1: c, r2: r, c2: c });
  }
  /** Find("*", …, SearchDirection previous): the last non-empty cell by rows or by columns, or null. */
  Find(what: string, _after?: EtRange, lookIn?: number, _lookAt?: number, searchOrder = 1, searchDirection = 1): EtRange | null {
    this.host.tick("Range.Find");
    if (what !== "*" || searchDirection !== 2 || lookIn !== -4123)
      throw new Error('fake ET: only Find("*") backwards in formulas is modelled');
    let best: { r: number; c: number } | null = null;
    const { r1, c1, r2, c2 } = this.rect;
    for (const [k, cell] of this.s.cells) {
      if (cell.value === "" && !cell.formula) continue;
      const r = Math.floor(k / MAX_COL) + 1;
      const c = (k % MAX_COL) + 1;
      if (r < r1 || r > r2 || c < c1 || c > c2) continue;
      const later = !best || (searchOrder === 1 ? r > best.r || (r === best.r && c > best.c) : c > best.c || (c === best.c && r > best.r));
      if (later) best = { r, c };
    }
    return best ? new FakeEtRange(this.host, this.sheet, { r1: best.r, c1: best.c, r2: best.r, c2: best.c }) : null;
  }
  Merge(across = false): void {
    this.host.tick("Range.Merge", true);
    if (across) throw new Error("fake ET: Merge(Across) is not modelled");
    const sheet = this.s;
    if (sheet.merges.some((m) => overlaps(m, this.rect))) throw new Error("ET: the range overlaps a merged area");
    // Merging cells that hold more than one value asks first (or, alerts off, keeps the top-left).
    const { r1, c1, r2, c2 } = this.rect;
    let filled = 0;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (this.model.cell(sheet, r, c)?.value) filled++;
    if (filled > 1 && this.host.settings.DisplayAlerts) throw new Error("fake ET: merging values with DisplayAlerts on shows a dialog");
    sheet.merges.push({ ...this.rect });
  }
  UnMerge(): void {
    this.host.tick("Range.UnMerge", true);
    this.s.merges = this.s.merges.filter((m) => !overlaps(m, this.rect));
  }
  AddComment(text?: string): EtComment {
    this.host.tick("Range.AddComment", true);
    if (this.rows !== 1 || this.cols !== 1) throw new Error("ET: AddComment takes one cell");
    if (this.commentEntry()) throw new Error("ET: the cell already has a comment");
    const v: FakeValidation = { rect: { ...this.rect }, prompt: { title: "", message: text ?? "" } };
    this.s.validations.push(v);
    return this.commentOf(v);
  }
  ClearComments(): void {
    this.host.tick("Range.ClearComments", true);
    this.s.validations = this.s.validations.filter((v) => !(isComment(v) && overlaps(v.rect, this.rect)));
  }
  Clear(): void {
    this.host.tick("Range.Clear", true);
    const sheet = this.s;
    const { r1, c1, r2, c2 } = this.rect;
    for (const k of [...sheet.cells.keys()]) {
      const r = Math.floor(k / MAX_COL) + 1;
      const c = (k % MAX_COL) + 1;
      if (r >= r1 && r <= r2 && c >= c1 && c <= c2) sheet.cells.delete(k);
    }
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, this.rect));
    sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, this.rect));
  }
  /** Onto the same cells of another sheet (all this adapter does); a whole sheet brings its sizes. */
  Copy(destination?: EtRange): void {
    this.host.tick("Range.Copy", true);
    if (!destination) throw new Error("fake ET: copying to the clipboard is not modelled");
    const to = destination as FakeEtRange;
    const from = this.s;
    const sheet = to.s;
    const r = this.rect;
    if (!sameRect(r, to.rect)) throw new Error("fake ET: Copy onto the same address only");
    const inside = (row: number, col: number) => row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
    for (const [k, cell] of from.cells) {
      if (inside(Math.floor(k / MAX_COL) + 1, (k % MAX_COL) + 1)) sheet.cells.set(k, structuredClone(cell));
    }
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, r)).concat(from.merges.filter((m) => overlaps(m, r)).map((m) => ({ ...m })));
    sheet.validations = sheet.validations
      .filter((v) => !overlaps(v.rect, r))
      .concat(from.validations.filter((v) => overlaps(v.rect, r)).map((v) => structuredClone(v)));
    if (isWholeSheet(r)) {
      sheet.columnWidths = new Map(from.columnWidths);
      sheet.rowHeights = new Map(from.rowHeights);
    }
  }
}

class FakeEtValidation implements EtValidation {
  constructor(
    private readonly host: EtHost,
    private readonly range: FakeEtRange,
  ) {}
  private entries(): FakeValidation[] {
    return this.range.sheet.validations.filter((v) => !isComment(v) && overlaps(v.rect, this.range.rect));
  }
  /** The validation of exactly this range (what the properties act on). */
  private entry(): FakeValidation {
    const v = this.entries().find((x) => sameRect(x.rect, this.range.rect));
    if (!v) throw new Error("ET: the range has no validation");
    return v;
  }
  Add(type: number, alertStyle = 1, _operator?: number, formula1?: string): void {
    this.host.tick("Validation.Add", true);
    this.host.live(this.range.sheet);
    if (num(type, "Validation type") !== 3) throw new Error("fake ET: list validations only");
    if (this.entries().length) throw new Error("ET: the range already has a validation (Delete it first)");
    if (!formula1) throw new Error("ET: a list needs Formula1");
    const style = ({ 1: "Stop", 2: "Warning", 3: "Information" } as Record<number, string>)[num(alertStyle, "AlertStyle")];
    if (!style) throw new Error(`ET: bad AlertStyle ${alertStyle}`);
    this.range.sheet.validations.push({
      rect: { ...this.range.rect },
      list: formula1.split(","),
      errorAlert: { title: "", message: "", style },
    });
  }
  Delete(): void {
    this.host.tick("Validation.Delete", true);
    const mine = new Set(this.entries());
    this.range.sheet.validations = this.range.sheet.validations.filter((v) => !mine.has(v));
  }
  get Type(): number {
    this.host.tick("Validation.Type");
    return this.entry().list ? 3 : 0;
  }
  get Formula1(): string {
    this.host.tick("Validation.Formula1");
    return (this.entry().list ?? []).join(",");
  }
  get AlertStyle(): number {
    this.host.tick("Validation.AlertStyle");
    return ({ Stop: 1, Warning: 2, Information: 3 } as Record<string, number>)[this.entry().errorAlert?.style ?? "Stop"];
  }
  private flag(name: string): boolean {
    this.host.tick(`Validation.${name}`);
    this.entry();
    return true;
  }
  private setFlag(name: string, v: boolean): void {
    this.host.tick(`Validation.${name}=`, true);
    if (typeof v !== "boolean") throw new TypeError(`ET: ${name} is a boolean`);
    this.entry();
  }
  get InCellDropdown(): boolean {
    return this.flag("InCellDropdown");
  }
  set InCellDropdown(v: boolean) {
    this.setFlag("InCellDropdown", v);
  }
  get ShowInput(): boolean {
    return this.flag("ShowInput");
  }
  set ShowInput(v: boolean) {
    this.setFlag("ShowInput", v);
  }
  get ShowError(): boolean {
    return this.flag("ShowError");
  }
  set ShowError(v: boolean) {
    this.setFlag("ShowError", v);
  }
  private text(field: "prompt" | "errorAlert", part: "title" | "message", limit: number, v?: string): string {
    this.host.tick(`Validation.${field}.${part}${v === undefined ? "" : "="}`, v !== undefined);
    const e = this.entry();
    if (v === undefined) return e[field]?.[part] ?? "";
    if (v.length > limit) throw new Error(`ET: ${field} ${part} longer than ${limit} characters`);
    if (field === "prompt") e.prompt = { title: e.prompt?.title ?? "", message: e.prompt?.message ?? "", [part]: v };
    else
      e.errorAlert = {
        title: e.errorAlert?.title ?? "",
        message: e.errorAlert?.message ?? "",
        style: e.errorAlert?.style ?? "Stop",
        [part]: v,
      };
    return v;
  }
  get InputTitle(): string {
    return this.text("prompt", "title", 32);
  }
  set InputTitle(v: string) {
    this.text("prompt", "title", 32, v);
  }
  get InputMessage(): string {
    return this.text("prompt", "message", 255);
  }
  set InputMessage(v: string) {
    this.text("prompt", "message", 255, v);
  }
  get ErrorTitle(): string {
    return this.text("errorAlert", "title", 32);
  }
  set ErrorTitle(v: string) {
    this.text("errorAlert", "title", 32, v);
  }
  get ErrorMessage(): string {
    return this.text("errorAlert", "message", 225);
  }
  set ErrorMessage(v: string) {
    this.text("errorAlert", "message", 225, v);
  }
}

/** A fake `window.Application` over `opts.model`, or over a workbook seeded with `opts.sheets`. */
export function createFakeEtApplication(opts: FakeEtOptions = {}): FakeEtApplication {
  let model = opts.model;
  if (!model) {
    model = new FakeWorkbook();
    const seeds = Object.entries(opts.sheets ?? { Sheet1: [] });
    for (const [name, rows] of seeds) model.setValues(model.addSheet(name), rows);
  }
  const host = new EtHost(model, opts.wrapReads ?? false, opts.log ?? false);
  Object.assign(host.behaviour, opts.behaviour);
  return new FakeEtApplication(host);
}
