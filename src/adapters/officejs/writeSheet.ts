/**
 * Queues a SheetPlan's writes on an office.js worksheet: number formats and styles per rectangle
 * of same-styled cells (never cell by cell), then the cells as one 2-D formulas array (row chunks
 * only when the request budget demands it), then sizes, merges, validations and page setup.
 */
import type { CellStyle, PlanCell, SheetPlan } from "../../core/plan";
import { type RequestBudget, estimateBytes } from "./requestBudget";
import { columnLetter } from "../../core/cells";
import {
  MAX_PAGE_BREAKS,
  charsToPoints,
  formulaEntry,
  formulaRuns,
  gridOf,
  keyedRects,
  numberFormatOf,
  rectA1,
  runs,
} from "../shared/planRects";
import { Features } from "./apiSupport";

/** Every feature used (a host with every requirement set). */
const ALL_FEATURES = new Features(() => true);

type Setter = () => void;

/** Queues one command after reserving its estimated size. */
async function put(budget: RequestBudget, args: unknown, set: Setter): Promise<void> {
  await budget.reserve(estimateBytes(args));
  set();
}

/**
 * Each format property on its own: cells that share a property value share a rectangle whatever
 * their style id, so a bordered table gets its borders in one rectangle, not one per style.
 */
const PROPERTIES: Array<{
  name: string;
  of: (s: CellStyle) => string | number | boolean | undefined;
  set: (f: Excel.RangeFormat, v: never) => void;
}> = [
  { name: "fontName", of: (s) => s.font?.name, set: (f, v: string) => (f.font.name = v) },
  { name: "fontSize", of: (s) => s.font?.size, set: (f, v: number) => (f.font.size = v) },
  { name: "bold", of: (s) => s.font?.bold, set: (f, v: boolean) => (f.font.bold = v) },
  { name: "color", of: (s) => s.font?.color, set: (f, v: string) => (f.font.color = "#" + v) },
  { name: "fill", of: (s) => s.fill, set: (f, v: string) => (f.fill.color = "#" + v) },
  {
    name: "h",
    of: (s) => s.align?.h,
    set: (f, v: "left" | "center" | "right") => (f.horizontalAlignment = ({ left: "Left", center: "Center", right: "Right" } as const)[v]),
  },
  {
    name: "v",
    of: (s) => s.align?.v,
    set: (f, v: "top" | "middle" | "bottom" | "justify") =>
      (f.verticalAlignment = ({ top: "Top", middle: "Center", bottom: "Bottom", justify: "Justify" } as const)[v]),
  },
  { name: "wrap", of: (s) => s.align?.wrap, set: (f, v: boolean) => (f.wrapText = v) },
  { name: "indent", of: (s) => s.align?.indent || undefined, set: (f, v: number) => (f.indentLevel = v) },
  {
    name: "border",
    of: (s) => s.border,
    set: (f) => {
      for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
        const b = f.borders.getItem(edge);
        b.style = "Continuous";
        // The grey of the CLI's workbooks (exceljs adapter), not Excel's default black.
        b.color = "#808080";
      }
    },
  },
];

/**
 * Queues every write of `plan` on `ws` (a fresh, empty sheet). `renames` maps the final names of
 * the plan's sheets to their temporary names, for formulas that point across them. Without
 * `settings`, only what a range copy carries is written (cells, formats, merges, validations; sizes
 * too, though the in-place update writes them again with writeSizes); the sheet-level settings are
 * then written by writeSheetSettings on the final sheet.
 * `features` says what the host has (validations need ExcelApi 1.8) and records what was skipped.
 */
export async function writeSheet(
  ws: Excel.Worksheet,
  plan: SheetPlan,
  renames: ReadonlyMap<string, string>,
  budget: RequestBudget,
  settings = true,
  features: Features = ALL_FEATURES,
): Promise<void> {
  // Column widths first (whole columns, grouped).
  await writeWidths(ws, plan, budget);

  // Number formats before values: a text cell must be "@" when its value arrives.
  for (const { rect, key } of keyedRects(plan.cells, (c) => numberFormatOf(c, plan.styles))) {
    const grid = gridOf(rect, key);
    await put(budget, grid, () => (ws.getRange(rectA1(rect)).numberFormat = grid));
  }
  // Formats, property by property, over rectangles of cells that share the value.
  for (const p of PROPERTIES) {
    // RangeFormat.indentLevel is ExcelApi 1.9: an older host gets the cells without indents.
    if (
      p.name === "indent" &&
      plan.cells.some((row) => row.some((c) => c?.s && plan.styles[c.s]?.align?.indent)) &&
      !features.use("indent")
    )
      continue;
    const valueOf = (c: PlanCell | null) => {
      const style = c?.s ? plan.styles[c.s] : undefined;
      const v = style ? p.of(style) : undefined;
      return v === undefined ? undefined : JSON.stringify(v);
    };
    for (const { rect, key } of keyedRects(plan.cells, valueOf)) {
      const value = JSON.parse(key) as never;
      // Borders are 12 commands (style and colour of 6 edges), the others one.
      await budget.reserve(estimateBytes([p.name, rect, value]) * (p.name === "border" ? 12 : 1));
      p.set(ws.getRange(rectA1(rect)).format, value);
    }
  }

  // Formulas that repeat down a column (the same in R1C1 terms) are written once per run, as
  // formulasR1C1 after the grid: a 10,000-row table costs a few commands, not 10,000 formulas.
  const { fills, filled } = formulaRuns(plan.cells, renames);
  const width = plan.cells.reduce((m, r) => Math.max(m, r.length), 0);

  // Everything else: one 2-D formulas array per block of rows.
  const rows = plan.cells.length;
  if (rows > 0 && width > 0) {
    let start = 0;
    let block: Array<Array<string | number | boolean>> = [];
    let blockBytes = 0;
    const send = async (first: number, grid: Array<Array<string | number | boolean>>, bytes: number) => {
      await budget.reserve(bytes + 60);
      ws.getRange(rectA1({ r1: first + 1, c1: 1, r2: first + grid.length, c2: width })).formulas = grid;
    };
    for (let i = 0; i < rows; i++) {
      const src = plan.cells[i];
      const row: Array<string | number | boolean> = [];
      for (let c = 0; c < width; c++) row.push(filled.has(`${i}:${c}`) ? "" : formulaEntry(src[c] ?? null, renames));
      const bytes = estimateBytes(row);
      // Close the block when it would not fit what is left of this request.
      if (block.length > 0 && blockBytes + bytes + 60 > budget.remaining) {
        await send(start, block, blockBytes);
        start = i;
        block = [];
        blockBytes = 0;
      }
      block.push(row);
      blockBytes += bytes;
    }
    await send(start, block, blockBytes);
  }
  // After the grid, whose "" entries would otherwise blank the filled cells.
  for (const { rect, f } of fills) {
    const grid = gridOf(rect, "=" + f);
    await put(budget, grid, () => (ws.getRange(rectA1(rect)).formulasR1C1 = grid));
  }

  // Row heights (grouped), merges, validations, notes.
  await writeHeights(ws, plan, budget);
  for (const m of plan.merges) await put(budget, ["merge", m], () => ws.getRange(m).merge(false));
  const validations = plan.validations.length + plan.notes.length > 0 && features.use("validations");
  for (const v of validations ? plan.validations : []) {
    const source = v.list.join(",");
    await put(budget, ["dv", v.range, source, v.prompt], () => {
      const dv = ws.getRange(v.range).dataValidation;
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.errorAlert = { showAlert: true, style: "Warning", title: "提示", message: `请从下拉列表选择：${v.list.join("、")}`.slice(0, 225) };
      if (v.prompt) dv.prompt = { showPrompt: true, title: "", message: v.prompt.slice(0, 255) };
    });
  }
  // Notes become input messages (ExcelApi 1.8): shown when the cell is selected, no comment thread.
  for (const n of validations ? plan.notes : []) {
    await put(budget, ["note", n.address, n.text], () => {
      ws.getRange(n.address).dataValidation.prompt = { showPrompt: true, title: "说明", message: n.text.slice(0, 255) };
    });
  }
  if (settings) await writeSheetSettings(ws, plan, budget, features);
}

/** The plan's column widths (whole columns, runs of equal widths as one range). */
async function writeWidths(ws: Excel.Worksheet, plan: SheetPlan, budget: RequestBudget): Promise<void> {
  const widths = plan.columnWidths.map((w, i): [number, number] => [i + 1, w]).filter(([, w]) => w > 0);
  for (const [c1, c2, w] of runs(widths)) {
    await put(
      budget,
      ["colw", c1, c2, w],
      () => (ws.getRange(`${columnLetter(c1)}:${columnLetter(c2)}`).format.columnWidth = charsToPoints(w)),
    );
  }
}

/** The plan's row heights (runs of equal heights as one range). */
async function writeHeights(ws: Excel.Worksheet, plan: SheetPlan, budget: RequestBudget): Promise<void> {
  for (const [r1, r2, h] of runs(Object.entries(plan.rowHeights).map(([r, h]): [number, number] => [Number(r), h]))) {
    await put(budget, ["rowh", r1, r2, h], () => (ws.getRange(`${r1}:${r2}`).format.rowHeight = h));
  }
}

/**
 * The plan's column widths and row heights on `ws`, explicitly: what an in-place update writes after
 * a range copy, which need not carry them.
 */
export async function writeSizes(ws: Excel.Worksheet, plan: SheetPlan, budget: RequestBudget): Promise<void> {
  await writeWidths(ws, plan, budget);
  await writeHeights(ws, plan, budget);
}

/** The sheet-level settings of `plan` (freeze panes, tab colour; page setup and page breaks from ExcelApi 1.9) on `ws`. */
export async function writeSheetSettings(
  ws: Excel.Worksheet,
  plan: SheetPlan,
  budget: RequestBudget,
  features: Features = ALL_FEATURES,
): Promise<void> {
  const fz = plan.freeze;
  if (fz && (fz.rows || fz.cols)) {
    await put(budget, ["freeze", fz], () => {
      if (fz.rows && fz.cols) ws.freezePanes.freezeAt(rectA1({ r1: 1, c1: 1, r2: fz.rows, c2: fz.cols }));
      else if (fz.rows) ws.freezePanes.freezeRows(fz.rows);
      else ws.freezePanes.freezeColumns(fz.cols);
    });
  }
  if (plan.tabColor) await put(budget, ["tab", plan.tabColor], () => (ws.tabColor = "#" + plan.tabColor));
  const p = plan.pageSetup;
  if (p && features.use("pageSetup")) {
    await put(budget, ["page", p], () => {
      const layout = ws.pageLayout;
      layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
      layout.paperSize = "A4";
      layout.setPrintArea(p.printArea);
      layout.setPrintMargins("Inches", { ...p.margins });
      layout.centerHorizontally = true;
      // The whole zoom object (a partial one resets the missing fields): one page wide, any number tall.
      if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (p.centerFooter) layout.headersFooters.defaultForAllPages.centerFooter = p.centerFooter;
      if (p.printTitleRows) layout.setPrintTitleRows(p.printTitleRows.replace(/(\d+)/g, "$$$1"));
    });
  }
  // A break "after row r" stands before row r + 1 (horizontalPageBreaks, ExcelApi 1.9).
  const breaks = (plan.pageBreaksAfter ?? []).slice(0, MAX_PAGE_BREAKS);
  for (const row of breaks.length && features.use("pageBreaks") ? breaks : []) {
    await put(budget, ["break", row], () => ws.horizontalPageBreaks.add(`A${row + 1}`));
  }
}
