/**
 * The fake ET's Range (values, formulas, formats, sizes, merges, notes, Find, Copy) and Validation.
 */
import { fromR1C1 } from "../../adapters/shared/formulaRefs";
import { charsToPoints } from "../../adapters/shared/planRects";
import { MAX_COL, MAX_ROW, a1 } from "../../core/cells";
import { CVERR_BASE, cvErrOf } from "../../port/errorValues";
import type {
  EtBorder,
  EtBorders,
  EtComment,
  EtFont,
  EtInterior,
  EtRange,
  EtRangeList,
  EtRead,
  EtValidation,
} from "../../adapters/wps/etTypes";
import {
  type FakeCell,
  type FakeFormat,
  type FakeSheet,
  type FakeValidation,
  type FakeValue,
  type FakeWorkbook,
  type Rect,
  keyCell,
  inRect,
  overlaps,
  pointsToChars,
  sameRect,
  setEntered,
} from "../excel/model";
import { calculateCell } from "../formulas";
import { type EtHost, fromBgr, num, toBgr } from "./host";

const H_ALIGN: Record<number, string> = { [-4131]: "Left", [-4108]: "Center", [-4152]: "Right", 1: "General" };
const V_ALIGN: Record<number, string> = { [-4160]: "Top", [-4108]: "Center", [-4107]: "Bottom", [-4130]: "Justify" };
const ALERT_STYLES: Record<number, string> = { 1: "Stop", 2: "Warning", 3: "Information" };
const ALERT_STYLE_NUMBERS: Record<string, number> = { Stop: 1, Warning: 2, Information: 3 };
const EDGES: Record<number, string> = { 7: "left", 8: "top", 9: "bottom", 10: "right", 11: "insideVertical", 12: "insideHorizontal" };

const isWholeSheet = (r: Rect) => r.r1 === 1 && r.c1 === 1 && r.r2 === MAX_ROW && r.c2 === MAX_COL;

/** A comment, as the fake Excel keeps a note: prompt only, empty title, one cell. */
export const isComment = (v: FakeValidation): boolean =>
  !v.list && !v.errorAlert && v.prompt?.title === "" && v.rect.r1 === v.rect.r2 && v.rect.c1 === v.rect.c2;

export class FakeEtRange implements EtRange {
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
  private grid(read: (cell: FakeCell | undefined) => FakeValue | undefined): EtRead {
    const { r1, c1 } = this.rect;
    const at = (r: number, c: number) => read(this.model.cell(this.s, r1 + r, c1 + c));
    if (this.rows === 1 && this.cols === 1) return at(0, 0);
    if (this.rows * this.cols > 20_000_000) throw new Error("ET: out of memory reading the range");
    const rows = Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => at(r, c)));
    return this.host.wrapReads ? { Item: (r: number, c: number) => rows[r - 1][c - 1] } : rows;
  }

  /** What is common to the range, or null where cells differ (ET's mixed read). */
  private uniform<V>(read: (cell: FakeCell | undefined) => V): V | null {
    const { r1, c1, r2, c2 } = this.rect;
    let first: { v: V } | undefined;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        const v = read(this.model.cell(this.s, r, c));
        if (!first) first = { v };
        else if (v !== first.v) return null;
      }
    return first ? first.v : null;
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
      x.forEach((row: unknown[], r) => row.forEach((v, c) => setEntered(this.model.cellForWrite(sheet, r1 + r, c1 + c), v, true)));
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
    return this.uniform((cell) => cell?.numberFormat ?? "General");
  }
  set NumberFormat(x: string | null | unknown[][]) {
    this.host.tick("Range.NumberFormat=", true);
    const { r1, c1 } = this.rect;
    if (Array.isArray(x))
      x.forEach((row, r) => row.forEach((f, c) => (this.model.cellForWrite(this.s, r1 + r, c1 + c).numberFormat = String(f))));
    else if (typeof x === "string") this.eachCell((cell) => (cell.numberFormat = x));
    else throw new TypeError("ET: NumberFormat is a string");
  }
  get Text(): string | null {
    this.host.tick("Range.Text");
    return this.uniform((cell) => (cell?.value === undefined ? "" : String(cell.value)));
  }
  get HasFormula(): boolean | null {
    this.host.tick("Range.HasFormula");
    return this.uniform((cell) => Boolean(cell?.formula));
  }
  get Font(): EtFont {
    this.host.tick("Range.Font");
    const range = this;
    const host = this.host;
    const read = <K extends "name" | "size" | "bold">(name: K) => {
      host.tick(`Font.${name}`);
      return range.uniform((cell) => cell?.format.font[name] ?? null);
    };
    const write = (name: "name" | "size" | "bold", v: unknown, check: (v: unknown) => string | number | boolean) => {
      host.tick(`Font.${name}=`, true);
      const value = check(v);
      range.format((fmt) => Object.assign(fmt.font, { [name]: value }));
    };
    return {
      get Name() {
        return read("name");
      },
      set Name(v: string | null) {
        write("name", v, String);
      },
      get Size() {
        return read("size");
      },
      set Size(v: number | null) {
        write("size", v, (x) => num(x, "Font.Size"));
      },
      get Bold() {
        return read("bold");
      },
      set Bold(v: boolean | null) {
        write("bold", v, Boolean);
      },
      get Color() {
        host.tick("Font.Color");
        const c = range.uniform((cell) => cell?.format.font.color ?? "000000");
        return c === null ? null : toBgr(c);
      },
      set Color(v: number | null) {
        host.tick("Font.Color=", true);
        const rgb = fromBgr(v);
        range.format((fmt) => (fmt.font.color = rgb));
      },
    };
  }
  get Interior(): EtInterior {
    this.host.tick("Range.Interior");
    const range = this;
    const host = this.host;
    return {
      get Color(): number | null {
        host.tick("Interior.Color");
        const c = range.uniform((cell) => cell?.format.fill ?? "FFFFFF");
        return c === null ? null : toBgr(c);
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
    return this.uniform((cell) => Boolean(cell?.format.wrap));
  }
  set WrapText(v: boolean | null) {
    this.host.tick("Range.WrapText=", true);
    this.format((fmt) => (fmt.wrap = Boolean(v)));
  }
  get IndentLevel(): number | null {
    this.host.tick("Range.IndentLevel");
    return this.uniform((cell) => cell?.format.indent ?? 0);
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
    for (const [k, cell] of this.s.cells) {
      if (cell.value === "" && !cell.formula) continue;
      const { r, c } = keyCell(k);
      if (!inRect(this.rect, r, c)) continue;
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
    this.model.clearRect(this.s, this.rect);
  }
  /** Onto the same cells of another sheet (all this adapter does); a whole sheet brings its sizes. */
  Copy(destination?: EtRange): void {
    this.host.tick("Range.Copy", true);
    if (!destination) throw new Error("fake ET: copying to the clipboard is not modelled");
    if (!(destination instanceof FakeEtRange)) throw new Error("fake ET: Copy onto a range of this workbook only");
    const to = destination;
    const from = this.s;
    const sheet = to.s;
    const r = this.rect;
    if (!sameRect(r, to.rect)) throw new Error("fake ET: Copy onto the same address only");
    this.model.copyCells(from, sheet, r);
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
    const style = ALERT_STYLES[num(alertStyle, "AlertStyle")];
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
    return ALERT_STYLE_NUMBERS[this.entry().errorAlert?.style ?? "Stop"];
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
