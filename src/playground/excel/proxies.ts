/**
 * The fake Excel's workbook-level proxies: the application, defined names, the worksheet
 * collection, worksheets, page layout, headers and footers, page breaks (ranges: ./range).
 */
import { MAX_PAGE_BREAKS } from "../../adapters/shared/planRects";
import { MAX_COL, MAX_ROW } from "../../core/cells";
import { type BatchingContext, FakeProxy } from "./batching";
import { type FakePageLayout, type FakeSheet, type FakeWorkbook, PAGE_DEFAULTS, POINTS_PER_INCH, parseAddress } from "./model";
import { FakeRange } from "./range";

class FakeApplication {
  constructor(private readonly context: BatchingContext) {}
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

export class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  readonly names: FakeNamedItemCollection;
  constructor(readonly context: BatchingContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.application = new FakeApplication(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

/** Workbook-level defined names (ExcelApi 1.4 add, 1.7 formula). */
class FakeNamedItemCollection extends FakeProxy<FakeWorkbook, { items: FakeNamedItem[] }> {
  constructor(context: BatchingContext) {
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
    return this.get("items");
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

class FakeNamedItem extends FakeProxy<{ name: string }, { name: string; formula: string }> {
  constructor(
    context: BatchingContext,
    private readonly itemName: string,
    existing = false,
  ) {
    super(context, () => (context.model.names.has(itemName) ? { name: itemName } : null), existing);
  }
  protected read(t: { name: string }, prop: string): unknown {
    if (prop === "name") return t.name;
    if (prop === "formula") return this.context.model.names.get(t.name);
    throw new Error(`fake: cannot load ${prop} on a name`);
  }
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
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

class FakeWorksheetCollection extends FakeProxy<FakeWorkbook, { items: FakeWorksheet[] }> {
  /** ExcelApi 1.9: the handler runs after each change (registered at the next sync). */
  readonly onChanged: {
    add(handler: Parameters<FakeWorkbook["changeHandlers"]["add"]>[0]): { context: BatchingContext; remove(): void };
  };

  constructor(context: BatchingContext) {
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
    return this.get("items");
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

class FakeWorksheet extends FakeProxy<FakeSheet, { name: string; position: number; tabColor: string }> {
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

  constructor(context: BatchingContext, resolver: () => FakeSheet | null) {
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
          s.freeze = { rows: r.r2 === MAX_ROW ? 0 : r.r2, cols: r.c2 === MAX_COL ? 0 : r.c2 };
        }),
      unfreeze: () => this.write("unfreeze", (s) => (s.freeze = null)),
      getLocationOrNullObject: () =>
        new FakeRange(this.context, () => {
          const s = this.resolve();
          if (!s?.freeze || (!s.freeze.rows && !s.freeze.cols)) return null;
          return { sheet: s, rect: { r1: 1, c1: 1, r2: s.freeze.rows || MAX_ROW, c2: s.freeze.cols || MAX_COL } };
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

  protected read(s: FakeSheet, prop: string): unknown {
    if (prop === "name") return s.name;
    if (prop === "position") return this.context.model.sheets.indexOf(s);
    if (prop === "tabColor") return s.tabColor;
    throw new Error(`fake: cannot load ${prop} on a worksheet`);
  }

  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.write(["name", name], (s) => this.context.model.renameSheet(s, name));
  }

  get position(): number {
    return this.get("position");
  }
  set position(p: number) {
    this.write(["position", p], (s) => {
      const sheets = this.context.model.sheets.filter((x) => x !== s);
      sheets.splice(Math.min(p, sheets.length), 0, s);
      this.context.model.sheets = sheets;
    });
  }

  get tabColor(): string {
    return this.get("tabColor");
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
      return { sheet: s, rect: address ? parseAddress(address).rect : { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL } };
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
type Zoom = { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
type PageLayoutProps = { orientation: string; paperSize: string; centerHorizontally: boolean; zoom: Zoom } & Record<
  `${"top" | "bottom" | "left" | "right" | "header" | "footer"}Margin`,
  number
>;
type PageBreak = { rowIndex: number; columnIndex: number };

class FakePageLayoutProxy extends FakeProxy<FakeSheet, PageLayoutProps> {
  readonly headersFooters: { defaultForAllPages: FakeHeaderFooter };
  constructor(
    context: BatchingContext,
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
    return this.get("orientation");
  }
  get paperSize(): string {
    return this.get("paperSize");
  }
  get centerHorizontally(): boolean {
    return this.get("centerHorizontally");
  }
  get zoom(): Zoom {
    return this.get("zoom");
  }
  get topMargin(): number {
    return this.get("topMargin");
  }
  get bottomMargin(): number {
    return this.get("bottomMargin");
  }
  get leftMargin(): number {
    return this.get("leftMargin");
  }
  get rightMargin(): number {
    return this.get("rightMargin");
  }
  get headerMargin(): number {
    return this.get("headerMargin");
  }
  get footerMargin(): number {
    return this.get("footerMargin");
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
  set zoom(z: Zoom) {
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

class FakeHeaderFooter extends FakeProxy<FakeSheet, { centerFooter: string }> {
  constructor(
    context: BatchingContext,
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
    return this.get("centerFooter");
  }
  set centerFooter(v: string) {
    this.run(["centerFooter", v], (p) => (p.centerFooter = v || undefined));
  }
}

/** worksheet.horizontalPageBreaks (ExcelApi 1.9): add, removePageBreaks, items/rowIndex (0-based). */
class FakePageBreaks extends FakeProxy<FakeSheet, { items: PageBreak[] }> {
  constructor(
    context: BatchingContext,
    resolver: () => FakeSheet | null,
    private readonly writeOn: (args: unknown, run: (s: FakeSheet) => void) => void,
  ) {
    super(context, resolver);
  }
  protected read(s: FakeSheet, prop: string): unknown {
    if (!prop.startsWith("items")) throw new Error(`fake: cannot load ${prop} on page breaks`);
    return s.pageBreaks.map((r) => ({ rowIndex: r - 1, columnIndex: 0 }));
  }
  get items(): PageBreak[] {
    return this.get("items");
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
