/**
 * The 自评报告 sheet, rendered from the report model: one wide wrapped text column A with computed
 * row heights (no wrapped merged cells), the 附表 as a tree in A with 分值/得分 in B and C, and the
 * A4 page setup. Column A plus the two score columns fill the printable width of A4 portrait with
 * the 公文 margins; the text gives up the width of the score columns.
 */
import { SHEET } from "../contract";
import { a1 } from "../cells";
import type { CellStyle, PlanCell, SheetPlan } from "../plan";
import { SheetBuilder, formula, text } from "../plan";
import type { AppendixTable, Block, ReportModel } from "./model";
import { type Figure, type Paragraph, partsFormula, partsText } from "./parts";
import {
  FIRST_LINE_INDENT,
  type FontRole,
  REPORT_FONTS,
  columnPixels,
  rowHeight,
  splitParagraph,
  titleLines,
  unitsPerLine,
  wrappedLines,
} from "./typography";

/** Column widths in characters: text/indicator column, 分值, 得分. */
const WIDTHS = [64, 8, 8];
const TEXT_PX = columnPixels(WIDTHS[0]);
const PAGE_PX = WIDTHS.reduce((s, w) => s + columnPixels(w), 0);
/** A paragraph longer than this many lines continues in the next row (rows never split across pages). */
const MAX_LINES_PER_ROW = 10;
/** Excel indents by about three characters of the default font per level. */
const INDENT_PX = 21;

const MM_PER_INCH = 25.4;
/** 公文 margins (report.md "Word export"), the same for the printed sheet. */
export const PAGE_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 };
/** Printable height of an A4 page in points, less a margin for rounding in the host's layout. */
const PAGE_BODY_PT = ((297 - PAGE_MARGINS_MM.top - PAGE_MARGINS_MM.bottom) / MM_PER_INCH) * 72 * 0.95;
export const FOOTER = "&C第 &P 页 共 &N 页";

const font = (role: FontRole, bold?: boolean): CellStyle["font"] => ({
  name: REPORT_FONTS[role].sheet,
  size: REPORT_FONTS[role].size,
  bold: bold ?? REPORT_FONTS[role].bold,
});

const STYLES: Record<string, CellStyle> = {
  title: { font: font("title"), align: { h: "center", v: "middle" } },
  heading: { font: font("heading"), align: { h: "left", v: "middle", wrap: true } },
  subheading: { font: font("subheading"), align: { h: "left", v: "middle", wrap: true } },
  // Live sentences: General, so the formula stays a formula when the cell is edited.
  body: { font: font("body"), align: { h: "left", v: "top", wrap: true } },
  // Written paragraphs: Text format, so a retyped "=1+1" stays text too.
  bodyText: { font: font("body"), align: { h: "left", v: "top", wrap: true }, numFmt: "@" },
  // A paragraph split over rows: the first row sits at the bottom of its (safely estimated)
  // height and middle rows spread their lines, so spare space falls before the paragraph and
  // after it, never inside it.
  bodyTextLead: { font: font("body"), align: { h: "left", v: "bottom", wrap: true }, numFmt: "@" },
  bodyTextMiddle: { font: font("body"), align: { h: "left", v: "justify", wrap: true }, numFmt: "@" },
  th: { font: font("tableHeader"), align: { h: "center", v: "middle", wrap: true }, border: "thin" },
  level1: { font: font("table", true), align: { h: "left", v: "middle", wrap: true }, border: "thin", numFmt: "@" },
  level2: { font: font("table"), align: { h: "left", v: "middle", wrap: true, indent: 1 }, border: "thin", numFmt: "@" },
  level3: { font: font("table"), align: { h: "left", v: "middle", wrap: true, indent: 2 }, border: "thin", numFmt: "@" },
  num: { font: font("table"), align: { h: "right", v: "middle" }, border: "thin" },
  totalLabel: { font: font("table", true), align: { h: "center", v: "middle" }, border: "thin" },
  totalNum: { font: font("table", true), align: { h: "right", v: "middle" }, border: "thin" },
  empty: { font: font("table"), border: "thin" },
};

const GENERATED_NOTE = "本段根据评分结果生成，为静态文字：修改数据后请重新生成报告；如需自行撰写，请在“文字材料”中填写本栏目。";

/**
 * A figure of the 附表: a plain reference to its 评分结果 cell, as a number (评分结果 shows scores
 * in General format, so 96.9 stays 96.9 where LibreOffice lets the reference inherit the format).
 */
const figureCell = (f: Figure, style: string): PlanCell => formula(f.ref, Number(f.value), style);

class ReportSheetWriter {
  readonly b = new SheetBuilder(SHEET.report, STYLES);
  row = 0;
  readonly breaks: number[] = [];
  private lastOrigin = "";

  put(cell: PlanCell, height: number): number {
    this.row++;
    this.b.set(this.row, 1, cell);
    this.b.height(this.row, height);
    return this.row;
  }

  lines(s: string, role: FontRole, pixels = TEXT_PX): number {
    return wrappedLines(s, unitsPerLine(pixels, REPORT_FONTS[role].size));
  }

  title(s: string): void {
    const size = REPORT_FONTS.title.size;
    // Centred over the whole page width, one merged (never wrapped) row per line.
    const maxUnits = Math.floor(unitsPerLine(PAGE_PX, size) / 0.92) - 2;
    for (const line of titleLines(s, maxUnits)) {
      const r = this.put(text(line, "title"), rowHeight(1, size));
      this.b.merge(`A${r}:C${r}`);
    }
    this.put(text(""), 12);
  }

  heading(s: string, level: 1 | 2): void {
    const role = level === 1 ? "heading" : "subheading";
    const value = FIRST_LINE_INDENT + s;
    this.put(text(value, role), rowHeight(this.lines(value, role), REPORT_FONTS[role].size));
  }

  paragraph(p: Paragraph): void {
    const size = REPORT_FONTS.body.size;
    const f = partsFormula(p.parts, FIRST_LINE_INDENT);
    if (f !== null) {
      const value = FIRST_LINE_INDENT + partsText(p.parts);
      this.put(formula(f, value, "body"), rowHeight(this.lines(value, "body"), size));
      this.lastOrigin = p.origin;
      return;
    }
    const maxUnits = unitsPerLine(TEXT_PX, size) * MAX_LINES_PER_ROW;
    // The indent is typed as two ideographic spaces: a cell has no first-line indent of its own.
    const pieces = splitParagraph(partsText(p.parts), maxUnits);
    pieces.forEach((piece, i) => {
      const value = i === 0 ? FIRST_LINE_INDENT + piece : piece;
      const style = pieces.length === 1 || i === pieces.length - 1 ? "bodyText" : i === 0 ? "bodyTextLead" : "bodyTextMiddle";
      const r = this.put(text(value, style), rowHeight(this.lines(value, "body"), size));
      if (i === 0 && p.origin === "generated" && this.lastOrigin !== "generated") this.b.note(a1(r, 1), GENERATED_NOTE);
    });
    this.lastOrigin = p.origin;
  }

  appendix(title: string, table: AppendixTable): void {
    // The 附表 starts on a new page.
    if (this.row > 0) this.breaks.push(this.row);
    const titleHeight = rowHeight(1, REPORT_FONTS.heading.size) + 8;
    this.put(text(title, "heading"), titleHeight);
    const size = REPORT_FONTS.table.size;
    const header = `指标（${table.header.level1}／${table.header.level2}／${table.header.name}）`;
    const headerHeight = rowHeight(this.lines(header, "tableHeader"), size);
    const emit = (cells: PlanCell[], height: number) => {
      this.row++;
      this.b.row(this.row, 1, cells);
      this.b.height(this.row, height);
    };
    const headerCells = [text(header, "th"), text(table.header.weight, "th"), text(table.header.score, "th")];
    emit(headerCells, headerHeight);

    // Rows of the tree: 一级 and 二级 group rows, then each indicator with its figures.
    const rows: Array<{ cells: PlanCell[]; height: number; keepWithNext?: boolean }> = [];
    const empty = [text("", "empty"), text("", "empty")];
    const treeRow = (label: string, style: "level1" | "level2" | "level3", indent: number, figures: PlanCell[]) =>
      rows.push({
        cells: [text(label, style), ...figures],
        height: rowHeight(this.lines(label, "table", TEXT_PX - indent * INDENT_PX), size),
        keepWithNext: style !== "level3",
      });
    let level1: string | undefined;
    let level2: string | undefined;
    for (const row of table.rows) {
      if (row.level1 !== level1) {
        treeRow(row.level1, "level1", 0, empty);
        level1 = row.level1;
        level2 = undefined;
      }
      if (row.level2 !== level2) {
        treeRow(row.level2, "level2", 1, empty);
        level2 = row.level2;
      }
      treeRow(row.name, "level3", 2, [figureCell(row.weight, "num"), figureCell(row.score, "num")]);
    }
    const t = table.total;
    rows.push({
      cells: [text(t.label, "totalLabel"), figureCell(t.weight, "totalNum"), figureCell(t.score, "totalNum")],
      height: rowHeight(1, size),
    });

    // Print titles would repeat on the text pages too: the table paginates itself and repeats its header.
    let used = titleHeight + headerHeight;
    rows.forEach((row, i) => {
      // A group row stays on the page of its first indicator.
      let block = row.height;
      for (let j = i; rows[j].keepWithNext && j + 1 < rows.length; j++) block += rows[j + 1].height;
      if (used + block > PAGE_BODY_PT) {
        this.breaks.push(this.row);
        emit(headerCells, headerHeight);
        used = headerHeight;
      }
      emit(row.cells, row.height);
      used += row.height;
    });
  }
}

export function renderReportSheet(model: ReportModel): SheetPlan {
  const w = new ReportSheetWriter();
  const render: { [K in Block["kind"]]: (b: Extract<Block, { kind: K }>) => void } = {
    title: (b) => w.title(b.text),
    heading: (b) => w.heading(b.text, b.level),
    paragraph: (b) => w.paragraph(b),
    appendix: (b) => w.appendix(b.title, b.table),
  };
  for (const block of model.blocks) (render[block.kind] as (b: Block) => void)(block);
  w.b.widths(WIDTHS);
  const inch = (mm: number) => Math.round((mm / MM_PER_INCH) * 1000) / 1000;
  w.b.page({
    paperSize: "A4",
    orientation: "portrait",
    printArea: `A1:C${w.row}`,
    fitToWidth: true,
    margins: {
      top: inch(PAGE_MARGINS_MM.top),
      bottom: inch(PAGE_MARGINS_MM.bottom),
      left: inch(PAGE_MARGINS_MM.left),
      right: inch(PAGE_MARGINS_MM.right),
      header: inch(15),
      footer: inch(20),
    },
    centerFooter: FOOTER,
  });
  const plan = w.b.build();
  if (w.breaks.length) plan.pageBreaksAfter = w.breaks;
  return plan;
}
