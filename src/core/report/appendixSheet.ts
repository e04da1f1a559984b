/**
 * The 附表 as its own sheet (自评报告附表): the official 自评表 form on A4 landscape (Excel sets the
 * orientation per sheet, and 自评报告 is portrait). Nine columns carry every block of the form:
 *
 *     A label | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 | I 偏差原因…
 *     fund:   A label | B:C row | D 年初预算数 | E 全年预算数 | F 全年执行数 | G 分值 | H 执行率 | I 得分
 *     goals:  A label | B:E 预期目标 | F:I 实际完成情况
 *
 * The sheet paginates itself: row heights are computed (LibreOffice does not grow rows, Excel
 * cannot fit merged wrapped cells), and the labels merged down a block (绩效指标, 一级, 二级) restart
 * on each page, so no merged label straddles a page break and the indicator header, repeated as
 * print titles, stands alone.
 */
import { SHEET } from "../contract";
import { rangeA1 } from "../cells";
import type { CellStyle, PlanCell, SheetPlan } from "../plan";
import { SheetBuilder, formula, text } from "../plan";
import type { OfficialForm } from "./officialForm";
import { excelRound, formatAmount } from "../format";
import { type Figure, figureText } from "./parts";
import { MM_PER_INCH, PAGE_MARGINS_MM, reportPageSetup, roleFont } from "./sheet";
import { type FontRole, REPORT_FONTS, columnPixels, rowHeight, splitParagraph, titleLines, unitsPerLine, wrappedLines } from "./typography";

/** Amounts on the form: 万元 with two decimals, the sheet's number format and the .docx text alike. */
const FORM_AMOUNT_FORMAT = "#,##0.00";

/** A figure as the form prints it: amounts to two decimals (3,432.30), the rest as in the report. */
export function formFigureText(f: Figure): string {
  if (f.kind !== "amount") return figureText(f);
  const [int, frac = ""] = formatAmount(excelRound(Number(f.value), 2)).split(".");
  return `${int}.${frac.padEnd(2, "0")}`;
}

/**
 * Column widths in characters; together 913 px, inside the 918 px printable width of A4 landscape.
 * A holds four characters of a block label per line, B a 一级 label (满意度指标), H a rate (100.00%).
 */
const WIDTHS = [10, 12, 12, 19, 15, 15, 8, 10, 23];
const COLS = WIDTHS.length;
const PX = WIDTHS.map(columnPixels);
/** The columns' printed widths, for the .docx table on the same grid. */
export const APPENDIX_COLUMN_PIXELS: readonly number[] = PX;
/** Printable height of an A4 landscape page in points, less a margin for the host's rounding. */
const PAGE_BODY_PT = ((210 - PAGE_MARGINS_MM.top - PAGE_MARGINS_MM.bottom) / MM_PER_INCH) * 72 * 0.95;
/**
 * A text longer than this many lines continues in the next row: a row never splits across pages,
 * and shorter pieces fill the page under the fund block.
 */
const MAX_LINES_PER_ROW = 8;
/** A breakdown row's name indent, in Excel's indent steps (the .docx indents by one em). */
const BREAKDOWN_INDENT = 1;
/** Pixels one indent step takes from a cell's text (Excel: three spaces; one table-font em covers it). */
const INDENT_STEP_PX = (REPORT_FONTS.table.size * 96) / 72;

const table = (h: "left" | "center" | "right", extra: Partial<CellStyle> = {}, bold?: boolean): CellStyle => ({
  font: roleFont("table", bold),
  align: { h, v: "middle", wrap: true },
  border: "thin",
  ...extra,
});

const STYLES: Record<string, CellStyle> = {
  title: { font: roleFont("title"), align: { h: "center", v: "middle" } },
  period: { font: roleFont("body"), align: { h: "center", v: "middle" } },
  th: { font: roleFont("tableHeader"), align: { h: "center", v: "middle", wrap: true }, border: "thin" },
  // The user's text: Text format, so a retyped "=1+1" stays text.
  label: table("center", { numFmt: "@" }),
  text: table("left", { numFmt: "@" }),
  // A breakdown row's name (其中…, （1）…): one step in from the scored rows' names.
  breakdownName: { ...table("left", { numFmt: "@" }), align: { h: "left", v: "middle", wrap: true, indent: BREAKDOWN_INDENT } },
  textCenter: table("center", { numFmt: "@" }),
  goals: { ...table("left", { numFmt: "@" }), align: { h: "left", v: "top", wrap: true } },
  // 万元 to the fen, as the forms print them (the cell keeps every decimal).
  amount: table("right", { numFmt: FORM_AMOUNT_FORMAT }),
  rate: table("center", { numFmt: "0.00%" }),
  // Scores are ROUNDed on 评分结果: General shows 96.9 and 10 as the report does.
  score: table("center", { numFmt: "General" }),
  dash: table("center"),
  totalLabel: table("center", {}, true),
  totalScore: table("center", { numFmt: "General" }, true),
};

/** One cell of a logical row: its value and how many columns it spans. */
interface Cell {
  cell: PlanCell;
  span?: number;
}

/** A label merged down consecutive rows of one key (restarted on each page). */
interface DownLabel {
  key: string;
  text: string;
  style: string;
}

interface FormRow {
  /** Cells from column A, or from column `from` when the left columns hold down labels. */
  cells: Cell[];
  from?: number;
  /** Down labels by column (1-based). */
  down?: Record<number, DownLabel>;
  height: number;
  keepWithNext?: boolean;
  /** The indicator header: repeated as print titles on every following page. */
  header?: boolean;
}

const pixels = (from: number, span: number) => PX.slice(from - 1, from - 1 + span).reduce((s, p) => s + p, 0);
const lines = (s: string, px: number, role: FontRole) => wrappedLines(s, unitsPerLine(px, REPORT_FONTS[role].size));

/** A height that holds every cell's text, each wrapped at its own width. */
function fit(cells: Cell[], from: number): number {
  let col = from;
  let most = 1;
  for (const { cell, span = 1 } of cells) {
    const role: FontRole = cell.s === "th" ? "tableHeader" : "table";
    const indent = (STYLES[cell.s ?? ""]?.align?.indent ?? 0) * INDENT_STEP_PX;
    if (typeof cell.v === "string" && cell.v) most = Math.max(most, lines(cell.v, pixels(col, span) - indent, role));
    col += span;
  }
  return rowHeight(most, REPORT_FONTS.table.size);
}

const t = (s: string, style: string, span?: number): Cell => ({ cell: text(s, style), span });
/** A figure: a live reference to 评分结果 with its value cached; none is a dash, or blank for an amount. */
const fig = (f: Figure | null, style: string): Cell =>
  f ? { cell: formula(f.ref, f.value, style) } : style === "amount" ? t("", style) : t("—", "dash");

function formRows(form: OfficialForm): FormRow[] {
  const rows: FormRow[] = [];
  const add = (cells: Cell[], opts: Omit<FormRow, "cells" | "height"> = {}) =>
    rows.push({ cells, height: fit(cells, opts.from ?? 1), ...opts });

  const titleSize = REPORT_FONTS.title.size;
  const titleUnits = Math.floor(unitsPerLine(pixels(1, COLS), titleSize) / 0.92) - 2;
  for (const line of titleLines(form.title, titleUnits))
    rows.push({ cells: [t(line, "title", COLS)], height: rowHeight(1, titleSize), keepWithNext: true });
  rows.push({ cells: [t(form.period, "period", COLS)], height: rowHeight(1, REPORT_FONTS.body.size) + 6, keepWithNext: true });

  // Info lines: one pair spans the width; two share it (主管部门 | … | 实施单位 | …); more are joined.
  for (const pairs of form.info) {
    const cells =
      pairs.length === 1
        ? [t(pairs[0].label, "label", 3), t(pairs[0].value, "text", 6)]
        : pairs.length === 2
          ? [t(pairs[0].label, "label", 3), t(pairs[0].value, "text", 3), t(pairs[1].label, "label", 2), t(pairs[1].value, "text")]
          : [t(pairs.map((p) => `${p.label}：${p.value}`).join("　　"), "text", COLS)];
    add(cells, { keepWithNext: true });
  }

  const fundLabel: DownLabel = { key: "fund", text: form.fundLabel, style: "label" };
  const fundHeads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
  add([t("", "label", 2), ...fundHeads.map((h) => t(h, "th"))], { from: 2, down: { 1: fundLabel }, keepWithNext: true });
  const { fund } = form;
  fund.rows.forEach((r, i) => {
    const first = i === 0;
    add(
      [
        t(r.label, "text", 2),
        fig(r.initial, "amount"),
        fig(r.budget, "amount"),
        fig(r.spent, "amount"),
        first ? fig(fund.weight, "score") : t("—", "dash"),
        first ? fig(fund.rate, "rate") : t("—", "dash"),
        first ? fig(fund.score, "score") : t("—", "dash"),
      ],
      { from: 2, down: { 1: fundLabel } },
    );
  });

  if (form.goals) {
    const goalsLabel: DownLabel = { key: "goals", text: "年度总体目标", style: "label" };
    add([t("预期目标", "th", 4), t("实际完成情况", "th", 4)], { from: 2, down: { 1: goalsLabel }, keepWithNext: true });
    const maxUnits = (from: number) => unitsPerLine(pixels(from, 4), REPORT_FONTS.table.size) * MAX_LINES_PER_ROW;
    const planned = splitParagraph(form.goals.planned, maxUnits(2));
    const actual = splitParagraph(form.goals.actual, maxUnits(6));
    for (let i = 0; i < Math.max(planned.length, actual.length); i++)
      add([t(planned[i] ?? "", "goals", 4), t(actual[i] ?? "", "goals", 4)], { from: 2, down: { 1: goalsLabel } });
  }

  const indLabel: DownLabel = { key: "ind", text: "绩效指标", style: "label" };
  const indHeads = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
  add([t("", "th"), ...indHeads.map((h) => t(h, "th"))], { header: true, keepWithNext: true });
  // Group keys: a 一级/二级 label is merged down its run of rows only (a label may recur later).
  let group1 = 0;
  let group2 = 0;
  form.indicators.forEach((ind, i) => {
    const prev = form.indicators[i - 1];
    if (prev && prev.level1 !== ind.level1) group1++;
    if (prev && (prev.level1 !== ind.level1 || prev.level2 !== ind.level2)) group2++;
    add(
      [
        t(ind.name, ind.breakdown ? "breakdownName" : "text"),
        t(ind.target, "textCenter"),
        t(ind.actual, "textCenter"),
        // A breakdown row has no 分值 and no 得分: the cells stay empty, not dashed.
        ind.weight ? fig(ind.weight, "score") : t("", "score"),
        ind.score ? fig(ind.score, "score") : t("", "score"),
        t(ind.deviation, "text"),
      ],
      {
        from: 4,
        down: {
          1: indLabel,
          2: { key: `1-${group1}`, text: ind.level1, style: "label" },
          3: { key: `2-${group2}`, text: ind.level2, style: "label" },
        },
      },
    );
  });
  add([t("总分", "totalLabel", 6), fig(form.total.weight, "totalScore"), fig(form.total.score, "totalScore"), t("", "text")]);
  return rows;
}

/**
 * Page breaks before rows that would overflow the page, keeping rows marked keepWithNext with the
 * next; after the indicator header, every page starts under its repetition. Returns the index of
 * each page's first row, after the first page.
 */
function paginate(rows: FormRow[]): number[] {
  const starts: number[] = [];
  const header = rows.find((r) => r.header);
  let used = 0;
  let headerSeen = false;
  rows.forEach((row, i) => {
    let block = row.height;
    for (let j = i; rows[j].keepWithNext && j + 1 < rows.length; j++) block += rows[j + 1].height;
    if (used > 0 && used + block > PAGE_BODY_PT && !(i > 0 && rows[i - 1].keepWithNext)) {
      starts.push(i);
      used = headerSeen && header ? header.height : 0;
    }
    used += row.height;
    if (row.header) headerSeen = true;
  });
  return starts;
}

/** Runs of rows sharing a down label in one column and on one page: [first, last] indexes. */
function downRuns(rows: FormRow[], col: number, starts: number[]): Array<[number, number]> {
  const page = (i: number) => starts.filter((s) => s <= i).length;
  const runs: Array<[number, number]> = [];
  rows.forEach((row, i) => {
    const key = row.down?.[col]?.key;
    if (key === undefined) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1 && rows[i - 1].down?.[col]?.key === key && page(i - 1) === page(i)) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

export function renderAppendixSheet(form: OfficialForm): SheetPlan {
  const rows = formRows(form);
  // A down label may need more height than its rows have; growing rows may move page breaks, so
  // repeat until the layout is stable (it settles at once in practice).
  let starts = paginate(rows);
  for (let round = 0; round < 5; round++) {
    let grown = false;
    for (const col of [1, 2, 3]) {
      for (const [a, z] of downRuns(rows, col, starts)) {
        const label = rows[a].down?.[col];
        if (!label) continue;
        const need = rowHeight(lines(label.text, PX[col - 1], "table"), REPORT_FONTS.table.size);
        const have = rows.slice(a, z + 1).reduce((s, r) => s + r.height, 0);
        if (need > have) {
          rows[z].height += need - have;
          grown = true;
        }
      }
    }
    if (!grown) break;
    starts = paginate(rows);
  }

  const b = new SheetBuilder(SHEET.appendix, STYLES);
  // A spanned cell: the value in its first column, the rest styled alike so borders run through.
  const put = (r: number, col: number, c: PlanCell, span: number) => {
    b.set(r, col, c);
    for (let k = 1; k < span; k++) b.set(r, col + k, text("", c.s));
    if (span > 1) b.merge(rangeA1(r, col, r, col + span - 1));
  };
  rows.forEach((row, i) => {
    const r = i + 1;
    let col = row.from ?? 1;
    for (const { cell, span = 1 } of row.cells) {
      put(r, col, cell, span);
      col += span;
    }
    b.height(r, Math.ceil(row.height));
  });
  for (const col of [1, 2, 3]) {
    for (const [a, z] of downRuns(rows, col, starts)) {
      const label = rows[a].down?.[col];
      if (!label) continue;
      b.set(a + 1, col, text(label.text, label.style));
      for (let i = a + 1; i <= z; i++) b.set(i + 1, col, text("", label.style));
      if (z > a) b.merge(rangeA1(a + 1, col, z + 1, col));
    }
  }

  const headerRow = rows.findIndex((r) => r.header) + 1;
  b.widths(WIDTHS);
  b.page(reportPageSetup("landscape", rangeA1(1, 1, rows.length, COLS), `${headerRow}:${headerRow}`));
  const plan = b.build();
  if (starts.length) plan.pageBreaksAfter = starts;
  return plan;
}
