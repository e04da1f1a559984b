/**
 * The report as a Word document (report.md "Word export"), rendered from the same report model as
 * the 自评报告 sheet. Runs in Node (CLI) and in the browser (task pane download): only the docx
 * package, and the bytes come from Packer.toArrayBuffer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { CommandResult } from "../../core/engine";
import {
  APPENDIX_COLUMN_PIXELS,
  type Block,
  type Figure,
  type FontRole,
  LATIN_FONT,
  type OfficialForm,
  PAGE_MARGINS_MM,
  REPORT_FONTS,
  type ReportModel,
  formFigureText,
  partsText,
  reportModel,
} from "../../core/report";
import { titleLines } from "../../core/report/typography";

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const A4 = { width: twips(210), height: twips(297) };
/** Half-width units a title line holds: the portrait text width (156 mm) at the title's size, less one character. */
const TITLE_UNITS = Math.floor(((210 - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right) * 72) / 25.4 / (REPORT_FONTS.title.size / 2)) - 2;
/** 公文 body: 28 pt exact line pitch for 16 pt text (about 22 lines a page). */
const BODY_LINE = 560;

function runFont(role: FontRole) {
  const eastAsia = REPORT_FONTS[role].fonts[0];
  return { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia, cs: LATIN_FONT };
}

function runs(text: string, role: FontRole, bold?: boolean): TextRun[] {
  const size = REPORT_FONTS[role].size * 2;
  // A cell's line breaks (a numbered list in one 文字材料 cell) become line breaks.
  return text.split("\n").map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        font: runFont(role),
        size,
        bold: bold ?? REPORT_FONTS[role].bold,
        language: { value: "zh-CN", eastAsia: "zh-CN" },
      }),
  );
}

/** Two characters of first-line indent (w:firstLineChars, with twips for readers that ignore it). */
const indent = (role: FontRole) => ({ firstLineChars: 200, firstLine: REPORT_FONTS[role].size * 20 * 2 });

function blockParagraphs(block: Block): Array<Paragraph | Table> {
  switch (block.kind) {
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 560, line: 700, lineRule: LineRuleType.EXACT },
          // Lines broken at a phrase boundary (after the unit's name), never inside a word.
          children: runs(titleLines(block.text, TITLE_UNITS).join("\n"), "title"),
        }),
      ];
    case "heading": {
      const role = block.level === 1 ? "heading" : "subheading";
      return [
        new Paragraph({
          indent: indent(role),
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          keepNext: true,
          children: runs(block.text, role),
        }),
      ];
    }
    case "paragraph":
      return [
        new Paragraph({
          // Not JUSTIFIED: LibreOffice 7.4 then drops a comma that hangs at a line end.
          alignment: AlignmentType.LEFT,
          indent: indent("body"),
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          children: runs(partsText(block.parts), "body"),
        }),
      ];
    case "appendix":
      // The body ends with the 附表 line, as a 公文 lists its 附件; the form follows in its own section.
      return [
        new Paragraph({ spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, children: [] }),
        new Paragraph({
          indent: indent("body"),
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          children: runs(block.title, "body"),
        }),
      ];
  }
}

interface CellOptions {
  role?: FontRole;
  align?: "left" | "center" | "right";
  bold?: boolean;
  rowSpan?: number;
  columnSpan?: number;
}

function cell(text: string, opts: CellOptions & { width: number; margin?: number }) {
  const alignment = opts.align === "right" ? AlignmentType.RIGHT : opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new TableCell({
    rowSpan: opts.rowSpan,
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: opts.width, type: WidthType.DXA },
    margins: { left: opts.margin ?? 80, right: opts.margin ?? 80, top: 40, bottom: 40 },
    // One paragraph per line of the text: a cell's line breaks are paragraphs of the form.
    children: text.split("\n").map((line) => new Paragraph({ alignment, children: runs(line, opts.role ?? "table", opts.bold) })),
  });
}

/** The landscape text width, shared by the form's columns in the sheet's proportions. */
const LANDSCAPE_TEXT_WIDTH = A4.height - twips(PAGE_MARGINS_MM.left) - twips(PAGE_MARGINS_MM.right);

function formColumnWidths(): number[] {
  const total = APPENDIX_COLUMN_PIXELS.reduce((s, w) => s + w, 0);
  const widths = APPENDIX_COLUMN_PIXELS.map((w) => Math.floor((w / total) * LANDSCAPE_TEXT_WIDTH));
  widths[widths.length - 1] += LANDSCAPE_TEXT_WIDTH - widths.reduce((s, w) => s + w, 0);
  return widths;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function formTable(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows,
  });
}

/**
 * The official 自评表 (report.md): title, 年度, the unit, the fund block and 年度总体目标 in one
 * table; the indicator block in a second one on the same grid, so its header row alone repeats
 * on each page (Word repeats only a table's first rows).
 */
function officialFormContent(form: OfficialForm): Array<Paragraph | Table> {
  const w = formColumnWidths();
  const span = (from: number, n: number) => w.slice(from, from + n).reduce((s, x) => s + x, 0);
  const c = (text: string, from: number, n = 1, opts: CellOptions = {}) =>
    // Narrow margins: the form's label column holds four characters a line, as on the sheet.
    cell(text, { ...opts, columnSpan: n > 1 ? n : undefined, width: span(from, n), margin: 50 });
  const fig = (f: Figure | null, from: number, align: "right" | "center", dash = "—") =>
    c(f ? formFigureText(f) : dash, from, 1, { align });
  const th = (text: string, from: number, n = 1) => c(text, from, n, { role: "tableHeader", align: "center" });

  const top: TableRow[] = [];
  for (const pairs of form.info) {
    const cells =
      pairs.length === 1
        ? [c(pairs[0].label, 0, 3, { align: "center" }), c(pairs[0].value, 3, 6)]
        : pairs.length === 2
          ? [
              c(pairs[0].label, 0, 3, { align: "center" }),
              c(pairs[0].value, 3, 3),
              c(pairs[1].label, 6, 2, { align: "center" }),
              c(pairs[1].value, 8),
            ]
          : [c(pairs.map((p) => `${p.label}：${p.value}`).join("　　"), 0, 9)];
    top.push(new TableRow({ cantSplit: true, children: cells }));
  }
  const { fund } = form;
  top.push(
    new TableRow({
      cantSplit: true,
      children: [
        c(form.fundLabel, 0, 1, { align: "center", rowSpan: fund.rows.length + 1 }),
        c("", 1, 2),
        ...["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].map((h, i) => th(h, 3 + i)),
      ],
    }),
  );
  fund.rows.forEach((r, i) =>
    top.push(
      new TableRow({
        cantSplit: true,
        children: [
          c(r.label, 1, 2),
          fig(r.initial, 3, "right", ""),
          fig(r.budget, 4, "right", ""),
          fig(r.spent, 5, "right", ""),
          i === 0 ? fig(fund.weight, 6, "center") : c("—", 6, 1, { align: "center" }),
          i === 0 ? fig(fund.rate, 7, "center") : c("—", 7, 1, { align: "center" }),
          i === 0 ? fig(fund.score, 8, "center") : c("—", 8, 1, { align: "center" }),
        ],
      }),
    ),
  );
  if (form.goals) {
    top.push(
      new TableRow({
        cantSplit: true,
        children: [c("年度总体目标", 0, 1, { align: "center", rowSpan: 2 }), th("预期目标", 1, 4), th("实际完成情况", 5, 4)],
      }),
      new TableRow({ children: [c(form.goals.planned, 1, 4), c(form.goals.actual, 5, 4)] }),
    );
  }

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"].map((h, i) =>
      th(h, i),
    ),
  });
  const inds = form.indicators;
  const runLength = (from: number, same: (a: number, b: number) => boolean) => {
    let n = 1;
    while (from + n < inds.length && same(from, from + n)) n++;
    return n;
  };
  const same1 = (a: number, b: number) => inds[a].level1 === inds[b].level1;
  const same2 = (a: number, b: number) => same1(a, b) && inds[a].level2 === inds[b].level2;
  const body = inds.map((ind, i) => {
    const cells: TableCell[] = [];
    if (i === 0) cells.push(c("绩效指标", 0, 1, { align: "center", rowSpan: inds.length }));
    if (i === 0 || !same1(i - 1, i)) cells.push(c(ind.level1, 1, 1, { align: "center", rowSpan: runLength(i, same1) }));
    if (i === 0 || !same2(i - 1, i)) cells.push(c(ind.level2, 2, 1, { align: "center", rowSpan: runLength(i, same2) }));
    cells.push(
      c(ind.name, 3),
      c(ind.target, 4, 1, { align: "center" }),
      c(ind.actual, 5, 1, { align: "center" }),
      fig(ind.weight, 6, "center"),
      fig(ind.score, 7, "center"),
      c(ind.deviation, 8),
    );
    return new TableRow({ cantSplit: true, children: cells });
  });
  const total = new TableRow({
    cantSplit: true,
    children: [
      c("总分", 0, 6, { align: "center", bold: true }),
      c(formFigureText(form.total.weight), 6, 1, { align: "center", bold: true }),
      c(formFigureText(form.total.score), 7, 1, { align: "center", bold: true }),
      c("", 8),
    ],
  });

  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120, line: 700, lineRule: LineRuleType.EXACT },
      keepNext: true,
      children: runs(form.title, "title"),
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, keepNext: true, children: runs(form.period, "body") }),
    formTable(w, top),
    // Keeps the two tables apart (adjacent tables merge into one) without a visible gap.
    new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: "", size: 2 })] }),
    formTable(w, [header, ...body, total]),
  ];
}

/**
 * The font table, declaring each 公文 font with its first fallback (w:altName) and the GB2312
 * character set, so Word substitutes 仿宋 for a missing 仿宋_GB2312 rather than any font.
 */
function fontTableXml(): string {
  const seen = new Set<string>();
  const fonts: string[] = [];
  for (const { fonts: names } of Object.values(REPORT_FONTS)) {
    if (seen.has(names[0])) continue;
    seen.add(names[0]);
    fonts.push(
      `<w:font w:name="${names[0]}"><w:altName w:val="${names[1]}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    );
  }
  fonts.push(
    `<w:font w:name="${LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join("")}</w:fonts>`
  );
}

export function reportDocument(model: ReportModel): Document {
  const footer = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"],
              font: runFont("body"),
              size: 28,
            }),
          ],
        }),
      ],
    });
  const margin = {
    top: twips(PAGE_MARGINS_MM.top),
    bottom: twips(PAGE_MARGINS_MM.bottom),
    left: twips(PAGE_MARGINS_MM.left),
    right: twips(PAGE_MARGINS_MM.right),
    header: twips(15),
    footer: twips(20),
  };
  const appendix = model.blocks.find((b): b is Extract<Block, { kind: "appendix" }> => b.kind === "appendix");
  return new Document({
    title: model.title,
    styles: {
      default: {
        document: { run: { font: runFont("body"), size: REPORT_FONTS.body.size * 2, language: { value: "zh-CN", eastAsia: "zh-CN" } } },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin } },
        footers: { default: footer() },
        children: model.blocks.flatMap(blockParagraphs),
      },
      // The 附表 on A4 landscape pages of its own section (the library swaps width and height).
      ...(appendix
        ? [
            {
              properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin } },
              footers: { default: footer() },
              children: officialFormContent(appendix.form),
            },
          ]
        : []),
    ],
  });
}

export async function reportDocxFromModel(model: ReportModel): Promise<Uint8Array> {
  const bytes = await Packer.toArrayBuffer(reportDocument(model), false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
  return new Uint8Array(bytes);
}

export async function reportDocx(result: CommandResult): Promise<Uint8Array> {
  return reportDocxFromModel(reportModel(result.evaluation));
}
