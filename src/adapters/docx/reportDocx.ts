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
  type AppendixTable,
  type Block,
  type FontRole,
  LATIN_FONT,
  PAGE_MARGINS_MM,
  REPORT_FONTS,
  type ReportModel,
  figureText,
  partsText,
  reportModel,
} from "../../core/report";

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const A4 = { width: twips(210), height: twips(297) };
const TEXT_WIDTH = A4.width - twips(PAGE_MARGINS_MM.left) - twips(PAGE_MARGINS_MM.right);
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
          children: runs(block.text, "title"),
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
      return [
        new Paragraph({
          pageBreakBefore: true,
          spacing: { after: 280, line: BODY_LINE, lineRule: LineRuleType.EXACT },
          keepNext: true,
          children: runs(block.title, "heading"),
        }),
        appendixTable(block.table),
      ];
  }
}

/** Column widths: 一级, 二级, 三级 (the rest), 分值, 得分. */
function columnWidths(): number[] {
  const fixed = [twips(24), twips(30), 0, twips(17), twips(17)];
  fixed[2] = TEXT_WIDTH - fixed.reduce((s, w) => s + w, 0);
  return fixed;
}

function cell(
  text: string,
  opts: { role?: FontRole; align?: "left" | "center" | "right"; bold?: boolean; rowSpan?: number; columnSpan?: number; width: number },
) {
  const alignment = opts.align === "right" ? AlignmentType.RIGHT : opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new TableCell({
    rowSpan: opts.rowSpan,
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: opts.width, type: WidthType.DXA },
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: [new Paragraph({ alignment, children: runs(text, opts.role ?? "table", opts.bold) })],
  });
}

/** The 附表 in the usual 自评表 form: one column per level, 一级/二级 cells spanning their rows. */
function appendixTable(table: AppendixTable): Table {
  const widths = columnWidths();
  const h = table.header;
  const header = new TableRow({
    tableHeader: true,
    children: [h.level1, h.level2, h.name, h.weight, h.score].map((t, i) =>
      cell(t, { role: "tableHeader", align: "center", width: widths[i] }),
    ),
  });
  const span = (from: number, key: "level1" | "level2") => {
    let n = 1;
    const same = (a: number, b: number) => table.rows[a][key] === table.rows[b][key] && table.rows[a].level1 === table.rows[b].level1;
    while (from + n < table.rows.length && same(from, from + n)) n++;
    return n;
  };
  const rows = table.rows.map((r, i) => {
    const cells: TableCell[] = [];
    const prev = table.rows[i - 1];
    if (!prev || prev.level1 !== r.level1) cells.push(cell(r.level1, { rowSpan: span(i, "level1"), width: widths[0] }));
    if (!prev || prev.level1 !== r.level1 || prev.level2 !== r.level2)
      cells.push(cell(r.level2, { rowSpan: span(i, "level2"), width: widths[1] }));
    cells.push(
      cell(r.name, { width: widths[2] }),
      cell(figureText(r.weight), { align: "right", width: widths[3] }),
      cell(figureText(r.score), { align: "right", width: widths[4] }),
    );
    return new TableRow({ cantSplit: true, children: cells });
  });
  const t = table.total;
  const total = new TableRow({
    children: [
      cell(t.label, { align: "center", bold: true, columnSpan: 3, width: widths[0] + widths[1] + widths[2] }),
      cell(figureText(t.weight), { align: "right", bold: true, width: widths[3] }),
      cell(figureText(t.score), { align: "right", bold: true, width: widths[4] }),
    ],
  });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...rows, total],
  });
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
  const footer = new Footer({
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
  return new Document({
    title: model.title,
    styles: {
      default: {
        document: { run: { font: runFont("body"), size: REPORT_FONTS.body.size * 2, language: { value: "zh-CN", eastAsia: "zh-CN" } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: twips(PAGE_MARGINS_MM.top),
              bottom: twips(PAGE_MARGINS_MM.bottom),
              left: twips(PAGE_MARGINS_MM.left),
              right: twips(PAGE_MARGINS_MM.right),
              header: twips(15),
              footer: twips(20),
            },
          },
        },
        footers: { default: footer },
        children: model.blocks.flatMap(blockParagraphs),
      },
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
