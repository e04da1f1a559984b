/**
 * A 复核意见函 (src/review/letterModel.ts) as a Word document, typeset as the report is
 * (typeset.ts): A4 portrait with the 公文 margins, 方正小标宋 title, 黑体/楷体 headings, 仿宋 body
 * on the 28 pt line pitch, a table of the forms reviewed with its header repeated, page numbers.
 */
import { AlignmentType, Document, LineRuleType, Paragraph, Table, TableLayoutType, TableRow, WidthType } from "docx";
import { PAGE_MARGINS_MM } from "../core/report";
import { titleLines } from "../core/report/typography";
import type { LetterModel, LetterTable } from "./letterModel";
import {
  A4,
  BODY_LINE,
  DOCUMENT_STYLES,
  TABLE_BORDERS,
  TITLE_LINE,
  TITLE_UNITS,
  cell,
  documentBytes,
  indent,
  portraitSection,
  runs,
  twips,
} from "../adapters/docx/typeset";

const body = (text: string, opts: { indented?: boolean; role?: "body" | "heading" | "subheading"; keepNext?: boolean } = {}) =>
  new Paragraph({
    indent: opts.indented === false ? undefined : indent(opts.role ?? "body"),
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    keepNext: opts.keepNext,
    children: runs(text, opts.role ?? "body"),
  });

const TEXT_WIDTH = A4.width - twips(PAGE_MARGINS_MM.left) - twips(PAGE_MARGINS_MM.right);

function letterTable(t: LetterTable): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const numeric = (i: number) => i === 0 || i >= 4;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.header.map((h, i) => cell(h, { width: widths[i], role: "tableHeader", align: "center", margin: 50 })),
      }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cell(v, { width: widths[i], align: numeric(i) ? "center" : "left", margin: 50 })),
          }),
      ),
    ],
  });
}

export function letterDocument(model: LetterModel): Document {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 560, line: TITLE_LINE, lineRule: LineRuleType.EXACT },
      children: runs(titleLines(model.title, TITLE_UNITS).join("\n"), "title"),
    }),
    body(`${model.addressee}：`, { indented: false }),
    body(model.opening),
  ];
  for (const section of model.sections) {
    children.push(body(section.heading, { role: "heading", keepNext: true }));
    for (const p of section.paragraphs)
      children.push(body(p.text, p.subheading ? { role: "subheading", keepNext: true } : { keepNext: !!section.table }));
    if (section.table) children.push(letterTable(section.table), body("", { indented: false }));
  }
  // The closing line goes with the signature: a page never holds the bureau's name alone.
  children.push(
    body(model.closing, { keepNext: true }),
    body("", { indented: false, keepNext: true }),
    body("", { indented: false, keepNext: true }),
    // The bureau's name and the date, right-aligned with four characters to spare (公文 成文日期).
    ...[model.signature, model.date].map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          indent: { right: 4 * 320 },
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
          keepNext: text === model.signature,
          children: runs(text, "body"),
        }),
    ),
  );
  return new Document({ title: model.title, styles: DOCUMENT_STYLES, sections: [portraitSection(children)] });
}

export async function letterDocx(model: LetterModel): Promise<Uint8Array> {
  return documentBytes(letterDocument(model));
}
