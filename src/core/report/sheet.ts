/**
 * The 自评报告 sheet, rendered from the report model: one wrapped text column A, as wide as the
 * printable width of A4 portrait with the 公文 margins, with computed row heights (no wrapped merged
 * cells), and the A4 page setup. The 附表 is its own landscape sheet (appendixSheet.ts).
 */
import { SHEET } from "../contract";
import { a1 } from "../cells";
import type { CellStyle, PageSetup, PlanCell, SheetPlan } from "../plan";
import { SheetBuilder, formula, text } from "../plan";
import type { Block, ReportModel } from "./model";
import { type Paragraph, partsFormula, partsText } from "./parts";
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

/** The text column's width in characters: 156 mm of A4 portrait less the 公文 margins, about 28 characters of 16 pt. */
const WIDTHS = [82];
const TEXT_PX = columnPixels(WIDTHS[0]);
/** A paragraph longer than this many lines continues in the next row (rows never split across pages). */
const MAX_LINES_PER_ROW = 10;

export const MM_PER_INCH = 25.4;
/** 公文 margins (report.md "Word export"), the same for the printed sheets. */
export const PAGE_MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 };
export const FOOTER = "&C第 &P 页 共 &N 页";

/** A4 with the 公文 margins (in inches, as sheets take them) and page numbers in the footer. */
export function reportPageSetup(orientation: PageSetup["orientation"], printArea: string, printTitleRows?: string): PageSetup {
  const inch = (mm: number) => Math.round((mm / MM_PER_INCH) * 1000) / 1000;
  return {
    paperSize: "A4",
    orientation,
    printArea,
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
    ...(printTitleRows ? { printTitleRows } : {}),
  };
}

/** A cell font of a report role (the sheet's font name of that role). */
export const roleFont = (role: FontRole, bold?: boolean): CellStyle["font"] => ({
  name: REPORT_FONTS[role].sheet,
  size: REPORT_FONTS[role].size,
  bold: bold ?? REPORT_FONTS[role].bold,
});

const STYLES: Record<string, CellStyle> = {
  title: { font: roleFont("title"), align: { h: "center", v: "middle" } },
  heading: { font: roleFont("heading"), align: { h: "left", v: "middle", wrap: true } },
  subheading: { font: roleFont("subheading"), align: { h: "left", v: "middle", wrap: true } },
  // Live sentences: General, so the formula stays a formula when the cell is edited.
  body: { font: roleFont("body"), align: { h: "left", v: "top", wrap: true } },
  // Written paragraphs: Text format, so a retyped "=1+1" stays text too.
  bodyText: { font: roleFont("body"), align: { h: "left", v: "top", wrap: true }, numFmt: "@" },
  // A paragraph split over rows: the first row sits at the bottom of its (safely estimated)
  // height and middle rows spread their lines, so spare space falls before the paragraph and
  // after it, never inside it.
  bodyTextLead: { font: roleFont("body"), align: { h: "left", v: "bottom", wrap: true }, numFmt: "@" },
  bodyTextMiddle: { font: roleFont("body"), align: { h: "left", v: "justify", wrap: true }, numFmt: "@" },
};

const GENERATED_NOTE = "本段根据评分结果生成，为静态文字：修改数据后请重新生成报告；如需自行撰写，请在“文字材料”中填写本栏目。";

class ReportSheetWriter {
  readonly b = new SheetBuilder(SHEET.report, STYLES);
  row = 0;
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
    // Centred, one (never wrapped) row per line.
    const maxUnits = Math.floor(unitsPerLine(TEXT_PX, size) / 0.92) - 2;
    for (const line of titleLines(s, maxUnits)) this.put(text(line, "title"), rowHeight(1, size));
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

  /** The 附表 is a landscape sheet of its own: the report only says where it is. */
  appendixPointer(title: string): void {
    const value = `${FIRST_LINE_INDENT}${title}（见工作表“${SHEET.appendix}”）`;
    // A blank line before it, as before a 公文's 附件 line.
    this.put(text(""), rowHeight(1, REPORT_FONTS.body.size));
    this.put(text(value, "bodyText"), rowHeight(this.lines(value, "body"), REPORT_FONTS.body.size));
  }
}

export function renderReportSheet(model: ReportModel): SheetPlan {
  const w = new ReportSheetWriter();
  const render: { [K in Block["kind"]]: (b: Extract<Block, { kind: K }>) => void } = {
    title: (b) => w.title(b.text),
    heading: (b) => w.heading(b.text, b.level),
    paragraph: (b) => w.paragraph(b),
    appendix: (b) => w.appendixPointer(b.title),
  };
  for (const block of model.blocks) (render[block.kind] as (b: Block) => void)(block);
  w.b.widths(WIDTHS);
  w.b.page(reportPageSetup("portrait", `A1:A${w.row}`));
  return w.b.build();
}
