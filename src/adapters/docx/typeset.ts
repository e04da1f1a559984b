/**
 * The 公文 typesetting every Word document of Jixiao shares (report.md "Layout" and "Word export"):
 * A4 with the GB/T 9704 margins, the report's fonts with their East-Asian attributes and fallbacks,
 * the body's exact line pitch, page numbers in the footer, table cells. The report (reportDocx.ts)
 * and the review's 复核意见函 (letterDocx.ts) are both built from these, so they print alike.
 */
import {
  AlignmentType,
  BorderStyle,
  type Document,
  Footer,
  type ISectionOptions,
  Packer,
  PageNumber,
  Paragraph,
  TableCell,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from "docx";
import { type FontRole, LATIN_FONT, PAGE_MARGINS_MM, REPORT_FONTS } from "../../core/report";

const TWIPS_PER_MM = 1440 / 25.4;
export const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
export const A4 = { width: twips(210), height: twips(297) };
/** Half-width units a title line holds: the portrait text width (156 mm) at the title's size, less one character. */
export const TITLE_UNITS =
  Math.floor(((210 - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right) * 72) / 25.4 / (REPORT_FONTS.title.size / 2)) - 2;
/** 公文 body: 28 pt exact line pitch for 16 pt text (about 22 lines a page). */
export const BODY_LINE = 560;
/** The title's exact line pitch (22 pt text). */
export const TITLE_LINE = 700;

/** The portrait page's margins (the landscape section of the report sets its own). */
export const PORTRAIT_MARGINS = {
  top: twips(PAGE_MARGINS_MM.top),
  bottom: twips(PAGE_MARGINS_MM.bottom),
  left: twips(PAGE_MARGINS_MM.left),
  right: twips(PAGE_MARGINS_MM.right),
  header: twips(15),
  footer: twips(20),
};

/**
 * Runs' languages: Chinese for East-Asian text, English for the Latin digits beside it. Marked
 * zh-CN, LibreOffice breaks a line inside a number (99.|67, 1|00。); marked en-US it keeps it whole.
 */
const LANGUAGE = { value: "en-US", eastAsia: "zh-CN" };

export function runFont(role: FontRole) {
  const eastAsia = REPORT_FONTS[role].fonts[0];
  return { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia, cs: LATIN_FONT };
}

/** `points` overrides the role's size (the official form's table prints at 五号, FORM_TABLE_SIZE). */
export function runs(text: string, role: FontRole, bold?: boolean, points = REPORT_FONTS[role].size): TextRun[] {
  const size = points * 2;
  // A cell's line breaks (a numbered list in one 文字材料 cell) become line breaks.
  return text.split("\n").map(
    (line, i) =>
      new TextRun({
        text: line,
        break: i > 0 ? 1 : undefined,
        font: runFont(role),
        size,
        bold: bold ?? REPORT_FONTS[role].bold,
        language: LANGUAGE,
      }),
  );
}

/** Two characters of first-line indent (w:firstLineChars, with twips for readers that ignore it). */
export const indent = (role: FontRole) => ({ firstLineChars: 200, firstLine: REPORT_FONTS[role].size * 20 * 2 });

export interface CellOptions {
  role?: FontRole;
  align?: "left" | "center" | "right";
  bold?: boolean;
  rowSpan?: number;
  columnSpan?: number;
  /** Keep the cell's paragraphs with the next row (Word keeps a row with the next this way). */
  keepNext?: boolean;
  /** Font size in points, where not the role's. */
  size?: number;
  /**
   * A vertical merge spelled out cell by cell ("restart" on the first, "continue" below), where the
   * merged rows' cells need properties of their own (rowSpan leaves the continuing cells bare).
   */
  verticalMerge?: "restart" | "continue";
  /** Left indent of the cell's text, in twips. */
  indentLeft?: number;
}

/** Exact line pitch of table text in twips: 1.2 times the font size (12 pt text on 14.4 pt lines). */
export const tableLine = (points: number) => Math.round(points * 1.2 * 20);

/** `margin`: left and right, in twips; `vMargin`: top and bottom. */
export function cell(text: string, opts: CellOptions & { width: number; margin?: number; vMargin?: number }) {
  const alignment = opts.align === "right" ? AlignmentType.RIGHT : opts.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT;
  const role = opts.role ?? "table";
  const size = opts.size ?? REPORT_FONTS[role].size;
  return new TableCell({
    rowSpan: opts.rowSpan,
    verticalMerge:
      opts.verticalMerge === undefined ? undefined : VerticalMergeType[opts.verticalMerge === "restart" ? "RESTART" : "CONTINUE"],
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: { size: opts.width, type: WidthType.DXA },
    margins: { left: opts.margin ?? 80, right: opts.margin ?? 80, top: opts.vMargin ?? 30, bottom: opts.vMargin ?? 30 },
    // One paragraph per line of the text: a cell's line breaks are paragraphs of the form.
    children: text.split("\n").map(
      (line) =>
        new Paragraph({
          alignment,
          keepNext: opts.keepNext,
          indent: opts.indentLeft ? { left: opts.indentLeft } : undefined,
          spacing: { line: tableLine(size), lineRule: "exact" },
          children: runs(line, role, opts.bold, size),
        }),
    ),
  });
}

export const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
export const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** The footer of every page: 第 N 页 共 M 页, centred. */
export function pageNumberFooter(): Footer {
  return new Footer({
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
}

/** An A4 portrait section with the 公文 margins and page numbers. */
export function portraitSection(children: ISectionOptions["children"]): ISectionOptions {
  return { properties: { page: { size: A4, margin: PORTRAIT_MARGINS } }, footers: { default: pageNumberFooter() }, children };
}

/** The document defaults: body font and size, zh-CN. */
export const DOCUMENT_STYLES = {
  default: {
    document: { run: { font: runFont("body"), size: REPORT_FONTS.body.size * 2, language: LANGUAGE } },
  },
};

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

/** The document's bytes, with the 公文 font table. */
export async function documentBytes(doc: Document): Promise<Uint8Array> {
  const bytes = await Packer.toArrayBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
  return new Uint8Array(bytes);
}
