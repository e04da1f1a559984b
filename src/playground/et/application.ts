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
import { MAX_COL, MAX_ROW } from "../../core/cells";
import type {
  EtApplication,
  EtHPageBreak,
  EtHPageBreaks,
  EtName,
  EtNames,
  EtPageSetup,
  EtRange,
  EtTab,
  EtWindow,
  EtWorkbook,
  EtWorksheet,
  EtWorksheets,
} from "../../adapters/wps/etTypes";
import { type FakeSheet, type FakeValue, FakeWorkbook, PAGE_DEFAULTS, POINTS_PER_INCH, parseAddress } from "../excel/model";
import { EtHost, type FakeEtBehaviour, fromBgr, num, toBgr } from "./host";
import { FakeEtRange } from "./range";

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
const sheetOf = (ws: EtWorksheet | null | undefined): FakeSheet | undefined => (ws instanceof FakeEtWorksheet ? ws.sheet : undefined);

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
  /** What the name refers to; it fails once the name is deleted. */
  private check(): string {
    const refersTo = this.host.model.names.get(this.Name);
    if (refersTo === undefined) throw new Error(`ET: name ${this.Name} was deleted`);
    return refersTo;
  }
  get RefersTo(): string {
    this.host.tick("Name.RefersTo");
    return this.check();
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

const ORIENTATIONS: Record<number, string> = { 1: "Portrait", 2: "Landscape" };
const PAPER_SIZES: Record<number, string> = { 1: "Letter", 9: "A4" };

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
    return Math.round((this.p.margins ?? PAGE_DEFAULTS.margins)[k] * POINTS_PER_INCH * 1e6) / 1e6;
  }
  private setMargin(k: string, points: number): void {
    this.host.tick(`PageSetup.${k}Margin=`, true);
    const inches = Math.round((num(points, "a margin") / POINTS_PER_INCH) * 1e6) / 1e6;
    this.p.margins = { ...(this.p.margins ?? PAGE_DEFAULTS.margins), [k]: inches };
  }
  get Orientation(): number {
    this.host.tick("PageSetup.Orientation");
    return this.p.orientation === "Landscape" ? 2 : 1;
  }
  set Orientation(v: number) {
    this.host.tick("PageSetup.Orientation=", true);
    const o = ORIENTATIONS[num(v, "Orientation")];
    if (!o) throw new Error(`ET: bad Orientation ${v}`);
    this.p.orientation = o;
  }
  get PaperSize(): number {
    this.host.tick("PageSetup.PaperSize");
    return this.p.paperSize === "A4" ? 9 : 1;
  }
  set PaperSize(v: number) {
    this.host.tick("PageSetup.PaperSize=", true);
    const s = PAPER_SIZES[num(v, "PaperSize")];
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
    const target = before;
    if (!(target instanceof FakeEtRange) || target.sheet !== sheet) throw new Error("ET: a page break's cell is on its sheet");
    if (sheet.pageBreaks.length >= 1026) throw new Error("ET: too many page breaks");
    if (!sheet.pageBreaks.includes(target.rect.r1)) sheet.pageBreaks.push(target.rect.r1);
    return this.breakAt(sheet, target.rect.r1);
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
