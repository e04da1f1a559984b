/**
 * The fake Excel's range proxies: Range (values, formulas, number formats, special cells, clear,
 * copyFrom, merge), RangeAreas, RangeFormat and DataValidation, queued like office.js (./batching).
 */
import { fromR1C1 } from "../../adapters/shared/formulaRefs";
import { MAX_COL, MAX_ROW } from "../../core/cells";
import { isErrorText } from "../../port/errorValues";
import { type BatchingContext, FakeProxy } from "./batching";
import {
  type FakeCell,
  type FakeFont,
  type FakeFormat,
  type FakeSheet,
  type FakeValidation,
  type FakeValue,
  type Rect,
  STANDARD_HEIGHT,
  STANDARD_WIDTH,
  cellForWrite,
  inRect,
  keyCell,
  overlaps,
  parseAddress,
  rectAddress,
  setEntered,
  sheetPrefix,
} from "./model";

/** Excel on the web's OperationCellsExceedLimit: the most cells one copy may take. */
export const COPY_CELL_LIMIT = 33_554_000;

export interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

type Grid = ReadonlyArray<ReadonlyArray<unknown>>;

export class FakeRange extends FakeProxy<
  RangeTarget,
  { address: string; values: FakeValue[][]; numberFormat: string[][]; valueTypes: string[][]; formulas: FakeValue[][] }
> {
  readonly format: FakeRangeFormat;
  private readonly validation: FakeDataValidation;
  /** ExcelApi 1.8. */
  get dataValidation(): FakeDataValidation {
    this.context.requireApi("1.8", "dataValidation");
    return this.validation;
  }

  constructor(context: BatchingContext, resolver: () => RangeTarget | null, existing = false) {
    super(context, resolver, existing);
    this.format = new FakeRangeFormat(
      (args, run) => this.write(args, run),
      (args, run) => this.context.enqueue(false, args, () => run(this.must())),
      (version, what) => context.requireApi(version, what),
    );
    this.validation = new FakeDataValidation((args, run) => this.write(args, run));
  }

  /** A property's value now (for a collection loading its items' properties in its own sync). */
  readNow(prop: string): unknown {
    return this.read(this.must(), prop);
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
    return this.get("address");
  }
  get values(): FakeValue[][] {
    return this.get("values");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get formulas(): FakeValue[][] {
    return this.get("formulas");
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
    if (rect.r2 === MAX_ROW || rect.c2 === MAX_COL) throw new Error("fake: cell writes to whole rows/columns are not supported");
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    const grid: Grid | null = Array.isArray(v) ? v : null;
    if (grid && (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols)))
      throw new Error(`InvalidArgument: the array does not match the range ${rectAddress(rect)}`);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const r = rect.r1 + i;
        const c = rect.c1 + j;
        f(this.context.model.cellForWrite(sheet, r, c), grid ? grid[i][j] : v, r, c);
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
        const { r, c } = keyCell(k);
        if (!inRect(rect, r, c)) continue;
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
      return t && { sheet: t.sheet, rect: { r1: t.rect.r1, c1: 1, r2: t.rect.r2, c2: MAX_COL } };
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
    this.write(["clear", applyTo], ({ sheet, rect }) => this.context.model.clearRect(sheet, rect));
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
      this.context.model.copyCells(from, sheet, r);
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

class FakeRangeAreas extends FakeProxy<AreasTarget, { cellCount: number }> {
  readonly areas: FakeRangeCollection;
  constructor(context: BatchingContext, resolver: () => AreasTarget | null) {
    super(context, resolver);
    this.areas = new FakeRangeCollection(context, () => this.resolve());
  }
  protected read(t: AreasTarget, prop: string): unknown {
    if (prop === "cellCount") return t.cellCount;
    if (prop === "address") return t.areas.map((a) => `${sheetPrefix(t.sheet.name)}!${rectAddress(a)}`).join(",");
    throw new Error(`fake: cannot load ${prop} on range areas`);
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
}

/** RangeAreas.areas: "items/values,items/address…" loads those properties of every area. */
class FakeRangeCollection extends FakeProxy<AreasTarget, { items: FakeRange[] }> {
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
    return this.get("items");
  }
}

function valueType(c: FakeCell | undefined): string {
  if (!c || c.value === "") return "Empty";
  if (typeof c.value === "number") return "Double";
  if (typeof c.value === "boolean") return "Boolean";
  return isErrorText(c.value) ? "Error" : "String";
}

type FormatRun = (args: unknown, run: (t: RangeTarget) => void) => void;
/** What a RangeFormat loads: null where the range's columns or rows differ. */
interface FormatLoads {
  columnWidth: number | null;
  rowHeight: number | null;
  useStandardWidth: boolean | null;
  useStandardHeight: boolean | null;
}

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
          Object.assign(fmt.font, { [name]: name === "color" ? String(v).replace(/^#/, "").toUpperCase() : v });
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
      if (rect.r2 === MAX_ROW) throw new Error("fake: row height of every row");
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

  private readonly loaded: Partial<FormatLoads> = {};
  /** Loads columnWidth, rowHeight, useStandardWidth, useStandardHeight (null where the range's differ). */
  load(props: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : props;
    this.read(list, ({ sheet, rect }) => {
      const cols = Array.from({ length: Math.min(rect.c2, MAX_COL) - rect.c1 + 1 }, (_, i) => rect.c1 + i);
      const rows = rect.r2 - rect.r1 + 1 > 100_000 ? null : Array.from({ length: rect.r2 - rect.r1 + 1 }, (_, i) => rect.r1 + i);
      const uniform = <T>(xs: T[] | null) => (xs && xs.every((x) => x === xs[0]) ? xs[0] : null);
      const loads: { [K in keyof FormatLoads]: () => FormatLoads[K] } = {
        columnWidth: () => uniform(cols.map((c) => sheet.columnWidths.get(c) ?? STANDARD_WIDTH)),
        useStandardWidth: () => uniform(cols.map((c) => !sheet.columnWidths.has(c))),
        rowHeight: () => uniform(rows && rows.map((r) => sheet.rowHeights.get(r) ?? STANDARD_HEIGHT)),
        useStandardHeight: () => uniform(rows && rows.map((r) => !sheet.rowHeights.has(r))),
      };
      const loadable = (p: string): p is keyof FormatLoads => Object.prototype.hasOwnProperty.call(loads, p);
      for (const p of list) {
        if (!loadable(p)) throw new Error(`fake: cannot load ${p} on a range format`);
        Object.assign(this.loaded, { [p]: loads[p]() });
      }
    });
    return this;
  }
  private got<K extends keyof FormatLoads>(prop: K): FormatLoads[K] {
    const value = this.loaded[prop];
    if (value === undefined) throw new Error(`PropertyNotLoaded: ${prop} (call load() and context.sync() first)`);
    return value;
  }
  get columnWidth(): number | null {
    return this.got("columnWidth");
  }
  get rowHeight(): number | null {
    return this.got("rowHeight");
  }
  get useStandardWidth(): boolean | null {
    return this.got("useStandardWidth");
  }
  get useStandardHeight(): boolean | null {
    return this.got("useStandardHeight");
  }
}

/** Cells of a range target, created when absent (formats live on cells in this model). */
function eachCell(t: RangeTarget, f: (fmt: FakeFormat, r: number, c: number) => void): void {
  const { rect, sheet } = t;
  if (rect.r2 === MAX_ROW || rect.c2 === MAX_COL) throw new Error("fake: cell formats on whole rows/columns are not supported");
  for (let r = rect.r1; r <= rect.r2; r++)
    for (let c = rect.c1; c <= rect.c2; c++) {
      f(cellForWrite(sheet, r, c).format, r, c);
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
