/**
 * Writes a SheetPlan onto an ET worksheet, synchronously: number formats and styles per rectangle
 * of cells that share them (the same grouping as the office.js adapter), the cells as one 2-D
 * Formula array (or, where the host refuses one, `Value2` blocks and R1C1 runs: writeCellsDocumented),
 * then sizes, merges, validations, comments and the sheet-level settings.
 *
 * Text that starts with "=" (or reads as a number) stays text: its cells get NumberFormat "@"
 * before the array arrives, as in the office.js adapter, rather than a leading apostrophe (which
 * WPS would keep as a prefix character only on some paths, and which a copy of the value carries).
 */
import type { CellStyle, PlanCell, SheetPlan } from "../../core/plan";
import { columnLetter } from "../../core/cells";
import { type Rect, MAX_PAGE_BREAKS, formulaEntry, formulaRuns, keyedRects, numberFormatOf, rectA1, runs } from "../shared/planRects";
import { type EtApplication, type EtRange, type EtWorksheet, XL } from "./etTypes";

/** "RRGGBB" → the BGR integer ET takes. */
function bgr(rgb: string): number {
  const n = parseInt(rgb.replace(/^#/, ""), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

const POINTS_PER_INCH = 72;
/** The grey of the CLI's workbooks (and the office.js adapter's) for thin borders. */
const BORDER_RGB = "808080";

const H_ALIGN = { left: XL.hAlignLeft, center: XL.hAlignCenter, right: XL.hAlignRight } as const;
const V_ALIGN = { top: XL.vAlignTop, middle: XL.vAlignCenter, bottom: XL.vAlignBottom, justify: XL.vAlignJustify } as const;

/** Each format property on its own, so cells sharing a value share a rectangle whatever their style. */
const PROPERTIES: Array<{
  of: (s: CellStyle) => string | number | boolean | undefined;
  set: (r: EtRange, v: never, rect: Rect) => void;
}> = [
  { of: (s) => s.font?.name, set: (r, v: string) => (r.Font.Name = v) },
  { of: (s) => s.font?.size, set: (r, v: number) => (r.Font.Size = v) },
  { of: (s) => s.font?.bold, set: (r, v: boolean) => (r.Font.Bold = v) },
  { of: (s) => s.font?.color, set: (r, v: string) => (r.Font.Color = bgr(v)) },
  { of: (s) => s.fill, set: (r, v: string) => (r.Interior.Color = bgr(v)) },
  { of: (s) => s.align?.h, set: (r, v: keyof typeof H_ALIGN) => (r.HorizontalAlignment = H_ALIGN[v]) },
  { of: (s) => s.align?.v, set: (r, v: keyof typeof V_ALIGN) => (r.VerticalAlignment = V_ALIGN[v]) },
  { of: (s) => s.align?.wrap, set: (r, v: boolean) => (r.WrapText = v) },
  { of: (s) => s.align?.indent || undefined, set: (r, v: number) => (r.IndentLevel = v) },
  {
    of: (s) => s.border,
    set: (r, _v, rect) => {
      const edges: number[] = [XL.edgeTop, XL.edgeBottom, XL.edgeLeft, XL.edgeRight];
      // Inside edges exist only where the range has more than one row / column.
      if (rect.r2 > rect.r1) edges.push(XL.insideHorizontal);
      if (rect.c2 > rect.c1) edges.push(XL.insideVertical);
      for (const edge of edges) {
        const b = r.Borders.Item(edge);
        b.LineStyle = XL.continuous;
        b.Weight = XL.thin;
        b.Color = bgr(BORDER_RGB);
      }
    },
  },
];

/** Rows per `Value2` block where `Formula` arrays are refused: bounded calls, each well under any IPC message limit. */
export const VALUE_BLOCK_ROWS = 500;

/**
 * The cells without `Formula = [[…]]` (a host that refuses it, see etProbes.ts), the documented way:
 * constants as `Value2` 2-D arrays in blocks of VALUE_BLOCK_ROWS rows (text cells are "@" by now, so
 * text stays text; formula cells are left empty), then each formula that repeats down a column as
 * one R1C1 formula over its run (VBA: "setting the formula of a multiple-cell range fills all cells
 * in the range"), and every other formula one cell at a time (`Formula` with a single value).
 */
export function writeCellsDocumented(
  ws: EtWorksheet,
  cells: SheetPlan["cells"],
  renames: ReadonlyMap<string, string>,
  width: number,
): void {
  const { fills, filled } = formulaRuns(cells, renames);
  for (let start = 0; start < cells.length; start += VALUE_BLOCK_ROWS) {
    const block = cells.slice(start, start + VALUE_BLOCK_ROWS);
    const grid = block.map((row) =>
      Array.from({ length: width }, (_, c) => {
        const cell = row[c];
        return cell && cell.f === undefined ? (cell.v ?? "") : "";
      }),
    );
    ws.Range(rectA1({ r1: start + 1, c1: 1, r2: start + block.length, c2: width })).Value2 = grid;
  }
  for (const { rect, f } of fills) ws.Range(rectA1(rect)).FormulaR1C1 = "=" + f;
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.f !== undefined && !filled.has(`${r}:${c}`))
        ws.Range(`${columnLetter(c + 1)}${r + 1}`).Formula = formulaEntry(cell, renames);
    }),
  );
}

/**
 * Everything of `plan` that a whole-sheet copy carries (cells, formats, sizes, merges, validations,
 * comments) onto `ws`, a fresh sheet. `renames` maps final sheet names to temporary ones. Without
 * `formulaArrays` (the host refused `Formula = [[…]]`), the cells go the documented way instead.
 */
export function writeEtSheet(ws: EtWorksheet, plan: SheetPlan, renames: ReadonlyMap<string, string>, formulaArrays = true): void {
  writeEtWidths(ws, plan);

  // Number formats before values: a text cell must be "@" when its value arrives.
  for (const { rect, key } of keyedRects(plan.cells, (c) => numberFormatOf(c, plan.styles))) ws.Range(rectA1(rect)).NumberFormat = key;
  for (const p of PROPERTIES) {
    const valueOf = (c: PlanCell | null) => {
      const style = c?.s ? plan.styles[c.s] : undefined;
      const v = style ? p.of(style) : undefined;
      return v === undefined ? undefined : JSON.stringify(v);
    };
    for (const { rect, key } of keyedRects(plan.cells, valueOf)) p.set(ws.Range(rectA1(rect)), JSON.parse(key) as never, rect);
  }

  const rows = plan.cells.length;
  const width = plan.cells.reduce((m, r) => Math.max(m, r.length), 0);
  if (rows > 0 && width > 0 && !formulaArrays) writeCellsDocumented(ws, plan.cells, renames, width);
  else if (rows > 0 && width > 0) {
    const grid = plan.cells.map((row) => Array.from({ length: width }, (_, c) => formulaEntry(row[c] ?? null, renames)));
    ws.Range(rectA1({ r1: 1, c1: 1, r2: rows, c2: width })).Formula = grid;
  }

  writeEtHeights(ws, plan);
  for (const m of plan.merges) ws.Range(m).Merge(false);
  for (const v of plan.validations) {
    const dv = ws.Range(v.range).Validation;
    dv.Add(XL.validateList, XL.validAlertWarning, XL.between, v.list.join(","));
    dv.InCellDropdown = true;
    dv.ShowError = true;
    dv.ErrorTitle = "提示";
    dv.ErrorMessage = `请从下拉列表选择：${v.list.join("、")}`.slice(0, 225);
    if (v.prompt) {
      dv.ShowInput = true;
      dv.InputTitle = "";
      dv.InputMessage = v.prompt.slice(0, 255);
    }
  }
  // Notes are comments in WPS (office.js, before notes existed in its API, uses input messages).
  for (const n of plan.notes) ws.Range(n.address).AddComment(n.text);
}

/** The plan's column widths; ColumnWidth is in characters, like the plan: no conversion (office.js converts to points). */
function writeEtWidths(ws: EtWorksheet, plan: SheetPlan): void {
  const widths = plan.columnWidths.map((w, i): [number, number] => [i + 1, w]).filter(([, w]) => w > 0);
  for (const [c1, c2, w] of runs(widths)) ws.Range(`${columnLetter(c1)}:${columnLetter(c2)}`).ColumnWidth = w;
}

function writeEtHeights(ws: EtWorksheet, plan: SheetPlan): void {
  for (const [r1, r2, h] of runs(Object.entries(plan.rowHeights).map(([r, h]): [number, number] => [Number(r), h]))) {
    ws.Range(`${r1}:${r2}`).RowHeight = h;
  }
}

/** The plan's column widths and row heights, explicitly (an in-place update, after its copy). */
export function writeEtSizes(ws: EtWorksheet, plan: SheetPlan): void {
  writeEtWidths(ws, plan);
  writeEtHeights(ws, plan);
}

/** Freezes the top `rows` rows and left `cols` columns of `ws` (ET keeps panes on the active window). */
export function freezeEt(app: EtApplication, ws: EtWorksheet, rows: number, cols: number): void {
  ws.Activate();
  const win = app.ActiveWindow;
  win.FreezePanes = false;
  if (!rows && !cols) return;
  // Splits count from the top-left visible cell: scroll home first.
  win.ScrollRow = 1;
  win.ScrollColumn = 1;
  win.SplitColumn = cols;
  win.SplitRow = rows;
  win.FreezePanes = true;
}

/** The sheet-level settings of `plan` (freeze panes, tab colour, page setup, page breaks) on `ws`. */
export function writeEtSheetSettings(app: EtApplication, ws: EtWorksheet, plan: SheetPlan): void {
  const fz = plan.freeze;
  if (fz && (fz.rows || fz.cols)) freezeEt(app, ws, fz.rows, fz.cols);
  if (plan.tabColor) ws.Tab.Color = bgr(plan.tabColor);
  const p = plan.pageSetup;
  if (p) {
    const ps = ws.PageSetup;
    ps.Orientation = p.orientation === "landscape" ? XL.landscape : XL.portrait;
    ps.PaperSize = XL.paperA4;
    ps.PrintArea = p.printArea;
    ps.TopMargin = p.margins.top * POINTS_PER_INCH;
    ps.BottomMargin = p.margins.bottom * POINTS_PER_INCH;
    ps.LeftMargin = p.margins.left * POINTS_PER_INCH;
    ps.RightMargin = p.margins.right * POINTS_PER_INCH;
    ps.HeaderMargin = p.margins.header * POINTS_PER_INCH;
    ps.FooterMargin = p.margins.footer * POINTS_PER_INCH;
    ps.CenterHorizontally = true;
    if (p.fitToWidth) {
      // Zoom off first, or the fit is ignored; one page wide, any number tall.
      ps.Zoom = false;
      ps.FitToPagesWide = 1;
      ps.FitToPagesTall = false;
    }
    if (p.centerFooter) ps.CenterFooter = p.centerFooter;
    if (p.printTitleRows) ps.PrintTitleRows = p.printTitleRows.replace(/(\d+)/g, "$$$1");
  }
  // A break "after row r" stands above row r + 1.
  const rows = (plan.pageBreaksAfter ?? []).slice(0, MAX_PAGE_BREAKS);
  const breaks = rows.length ? ws.HPageBreaks : null;
  for (const row of rows) breaks?.Add(ws.Range(`A${row + 1}`));
}
