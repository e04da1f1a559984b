/**
 * The report as a Word document (report.md "Word export"), rendered from the report model the
 * command's result carries (CommandResult.report), the one the 自评报告 sheet was rendered from, so
 * the two state the same figures; typeset with the shared 公文 pieces (typeset.ts). Runs in Node
 * (CLI) and in the browser (task pane download): only the docx package, and the bytes come from
 * Packer.toArrayBuffer.
 */
import {
  AlignmentType,
  Document,
  LineRuleType,
  PageOrientation,
  Paragraph,
  Table,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { CommandResult } from "../../core/engine";
import {
  APPENDIX_COLUMN_PIXELS,
  type Block,
  type Figure,
  type OfficialForm,
  PAGE_MARGINS_MM,
  type ReportModel,
  formFigureText,
  partsText,
} from "../../core/report";
import { FORM_TABLE_SIZE, titleLines } from "../../core/report/typography";
import {
  A4,
  BODY_LINE,
  type CellOptions,
  DOCUMENT_STYLES,
  TABLE_BORDERS,
  TITLE_LINE,
  TITLE_UNITS,
  cell,
  documentBytes,
  indent,
  pageNumberFooter,
  portraitSection,
  runs,
  twips,
} from "./typeset";

function blockParagraphs(block: Block): Array<Paragraph | Table> {
  switch (block.kind) {
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 560, line: TITLE_LINE, lineRule: LineRuleType.EXACT },
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

/** The landscape text width, shared by the form's columns. */
const LANDSCAPE_TEXT_WIDTH = A4.height - twips(PAGE_MARGINS_MM.top) - twips(PAGE_MARGINS_MM.bottom);

/**
 * The form's columns in the document, as shares of the width: the sheet's grid (its 12 pt text)
 * with 三级指标 widened from the label and 偏差原因 columns, as the text is 五号 here — the
 * indicator names, the longest cells of a form, then take one or two lines instead of three.
 */
const FORM_COLUMN_SHARES = (() => {
  const sheet = APPENDIX_COLUMN_PIXELS.map((w) => w / APPENDIX_COLUMN_PIXELS.reduce((s, x) => s + x, 0));
  const moved = [-0.02, -0.01, 0, 0.06, -0.005, -0.005, 0, 0, -0.02];
  return sheet.map((share, i) => share + moved[i]);
})();

function formColumnWidths(): number[] {
  const widths = FORM_COLUMN_SHARES.map((share) => Math.floor(share * LANDSCAPE_TEXT_WIDTH));
  widths[widths.length - 1] += LANDSCAPE_TEXT_WIDTH - widths.reduce((s, w) => s + w, 0);
  return widths;
}

function formTable(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows,
  });
}

/**
 * The official 自评表 (report.md): title, 年度, the unit, the fund block and 年度总体目标 in one
 * table; the indicator block in a second one on the same grid, so its header row alone repeats
 * on each page (Word repeats only a table's first rows).
 */
/** A breakdown row's name (其中…, （1）…) is indented one em of the form's table font, as on the sheet. */
const BREAKDOWN_INDENT_TWIPS = FORM_TABLE_SIZE * 20;

function officialFormContent(form: OfficialForm): Array<Paragraph | Table> {
  const w = formColumnWidths();
  const span = (from: number, n: number) => w.slice(from, from + n).reduce((s, x) => s + x, 0);
  const c = (text: string, from: number, n = 1, opts: CellOptions = {}) =>
    // Narrow margins: the form's label column holds four characters a line, as on the sheet.
    cell(text, { ...opts, columnSpan: n > 1 ? n : undefined, width: span(from, n), margin: 50, vMargin: 20, size: FORM_TABLE_SIZE });
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
    // The last indicator row keeps with the 总分 row: no page holds 总分 alone. Word and LibreOffice
    // keep a row with the next when every paragraph of it (the merged cells' too) says keepNext,
    // so the group labels' vertical merges are spelled out cell by cell.
    const keepNext = i === inds.length - 1;
    const merged = (col: number, text: string, starts: boolean, length: number) =>
      starts
        ? c(text, col, 1, { align: "center", keepNext, verticalMerge: length > 1 ? "restart" : undefined })
        : c("", col, 1, { keepNext, verticalMerge: "continue" });
    return new TableRow({
      cantSplit: true,
      children: [
        merged(0, "绩效指标", i === 0, inds.length),
        merged(1, ind.level1, i === 0 || !same1(i - 1, i), runLength(i, same1)),
        merged(2, ind.level2, i === 0 || !same2(i - 1, i), runLength(i, same2)),
        c(ind.name, 3, 1, { keepNext, indentLeft: ind.breakdown ? BREAKDOWN_INDENT_TWIPS : undefined }),
        c(ind.target, 4, 1, { align: "center", keepNext }),
        c(ind.actual, 5, 1, { align: "center", keepNext }),
        // A breakdown row has no 分值 and no 得分: the cells stay empty.
        c(ind.weight ? formFigureText(ind.weight) : "", 6, 1, { align: "center", keepNext }),
        c(ind.score ? formFigureText(ind.score) : "", 7, 1, { align: "center", keepNext }),
        c(ind.deviation, 8, 1, { keepNext }),
      ],
    });
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
      spacing: { after: 0, line: FORM_TITLE_LINE, lineRule: LineRuleType.EXACT },
      keepNext: true,
      children: runs(form.title, "title"),
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 60, line: FORM_PERIOD_LINE, lineRule: LineRuleType.EXACT },
      keepNext: true,
      children: runs(form.period, "body"),
    }),
    formTable(w, top),
    // Keeps the two tables apart (adjacent tables merge into one) without a visible gap.
    new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: "", size: 2 })] }),
    formTable(w, [header, ...body, total]),
  ];
}

/** The form's title and （年度） lines, tighter than the report's: the form's page is a landscape one. */
const FORM_TITLE_LINE = 600;
const FORM_PERIOD_LINE = 400;

/**
 * The landscape pages of the 附表: the portrait type area turned with the page (GB/T 9704 横排表格:
 * 225 mm wide, 156 mm high), so the form gets the height a portrait page has across.
 */
const LANDSCAPE_MARGINS = {
  top: twips(PAGE_MARGINS_MM.left),
  bottom: twips(PAGE_MARGINS_MM.right),
  left: twips(PAGE_MARGINS_MM.top),
  right: twips(PAGE_MARGINS_MM.bottom),
  header: twips(10),
  footer: twips(12),
};

export function reportDocument(model: ReportModel): Document {
  const appendix = model.blocks.find((b): b is Extract<Block, { kind: "appendix" }> => b.kind === "appendix");
  return new Document({
    title: model.title,
    styles: DOCUMENT_STYLES,
    sections: [
      portraitSection(model.blocks.flatMap(blockParagraphs)),
      // The 附表 on A4 landscape pages of its own section (the library swaps width and height).
      ...(appendix
        ? [
            {
              properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGINS } },
              footers: { default: pageNumberFooter() },
              children: officialFormContent(appendix.form),
            },
          ]
        : []),
    ],
  });
}

/** The .docx of the report the command planned: its model, the one the 自评报告 sheet was rendered from. */
export async function reportDocx(result: CommandResult): Promise<Uint8Array> {
  if (!result.report) throw new Error("未生成自评报告：Word 报告随“生成报告”导出");
  return documentBytes(reportDocument(result.report));
}
