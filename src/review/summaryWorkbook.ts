/**
 * SUMMARY.xlsx of `jixiao review` (cli.md): 汇总 (one row per form, an Excel table with filter and
 * sort buttons, frozen header, hyperlinks to the files, 万元 and % formats, conditional formatting on
 * differences and grades), 问题清单 (one row per check or error, also a table) and 统计, whose figures
 * are formulas over the two tables (with their values cached); every sheet printable on A4 landscape.
 *
 * The package is written directly as SpreadsheetML from the compact results: a fixed style sheet,
 * inline strings, one pass per row. A thousand forms take milliseconds, where a general workbook
 * library took a second on the main thread after the workers were done. No I/O here.
 */
import * as path from "path";
import { absRange, columnLetter, quoteSheet } from "../core/cells";
import { encodeXml } from "../adapters/exceljs/xlsxRead";
import { writeZip } from "../adapters/exceljs/zipEntries";
import { type FileResult, issueRow } from "./reviewFile";
import { DIFFERENCE_BANDS, GRADES, RATE_BANDS, type Stats, computeStats } from "./stats";

export const SUMMARY_SHEETS = { forms: "汇总", issues: "问题清单", stats: "统计" } as const;

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell formats (cellXfs indexes) of the fixed style sheet below. */
const XF = { body: 1, amount: 2, rate: 3, score: 4, center: 5, header: 6, link: 7, wrapTop: 8, title: 9, statsHeader: 10 } as const;
/** Differential formats of the conditional formatting. */
const DXF = { red: 0, amber: 1, green: 2, error: 3 } as const;

const FONT = '<sz val="10"/><name val="等线"/><family val="2"/><charset val="134"/>';
const solid = (argb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill>`;

const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS}">` +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.00%"/><numFmt numFmtId="166" formatCode="0.00"/></numFmts>' +
  '<fonts count="5">' +
  '<font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  `<font>${FONT}</font>` +
  `<font><b/>${FONT}</font>` +
  '<font><u/><sz val="10"/><color rgb="FF0563C1"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  '<font><b/><sz val="12"/><name val="等线"/><family val="2"/><charset val="134"/></font>' +
  "</fonts>" +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="11">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="166" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="4">' +
  `<dxf>${solid("FFFFC7CE")}</dxf><dxf>${solid("FFFFEB9C")}</dxf><dxf>${solid("FFC6EFCE")}</dxf>` +
  `<dxf><font><b/><color rgb="FF9C0006"/></font>${solid("FFFFC7CE")}</dxf>` +
  "</dxfs>" +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

interface ColumnSpec {
  header: string;
  width: number;
  xf?: number;
}

const FORM_COLUMNS: ColumnSpec[] = [
  { header: "文件", width: 30 },
  { header: "工作表", width: 12 },
  { header: "单位", width: 24 },
  { header: "项目", width: 22 },
  { header: "年度", width: 7, xf: XF.center },
  { header: "类型", width: 12 },
  { header: "预算数（万元）", width: 13, xf: XF.amount },
  { header: "执行数（万元）", width: 13, xf: XF.amount },
  { header: "执行率", width: 9, xf: XF.rate },
  { header: "填报总分", width: 9, xf: XF.score },
  { header: "规则总分", width: 9, xf: XF.score },
  { header: "差异", width: 8, xf: XF.score },
  { header: "差异项数", width: 8, xf: XF.center },
  { header: "等级", width: 6, xf: XF.center },
  { header: "问题数", width: 7, xf: XF.center },
];
/** 汇总 columns the 统计 formulas count over. */
const FORM_COL = { file: 1, sheet: 2, budget: 7, spent: 8, rate: 9, rule: 11, difference: 12, grade: 14 } as const;

const ISSUE_COLUMNS: ColumnSpec[] = [
  { header: "文件", width: 30 },
  { header: "位置", width: 18 },
  { header: "严重程度", width: 9, xf: XF.center },
  { header: "说明", width: 90, xf: XF.wrapTop },
];
const ISSUE_COL = { file: 1, severity: 3 } as const;

/** A path as a relative link from the summary's folder (forward slashes, each segment URI-encoded). */
export function fileLink(file: string, summaryDir: string): string {
  const rel = path.relative(summaryDir, path.resolve(file)).split(path.sep);
  return rel.map(encodeURIComponent).join("/");
}

type Value = string | number | boolean | null | undefined;

/** Text as XML character data: characters XML 1.0 cannot carry become the _xHHHH_ escapes Excel reads back. */
function xmlText(s: string): string {
  return encodeXml(s.replace(/_(?=x[0-9a-fA-F]{4}_)/g, "_x005F_")).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** One cell: a number, logical or inline string, a formula with its cached value, or an empty styled cell. */
function cellXml(ref: string, value: Value, xf: number, formula?: string): string {
  const f = formula === undefined ? "" : `<f>${encodeXml(formula)}</f>`;
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}" s="${xf}">${f}<v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}" s="${xf}" t="b">${f}<v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string" && (value !== "" || formula !== undefined)) {
    if (formula !== undefined) return `<c r="${ref}" s="${xf}" t="str">${f}<v>${xmlText(value)}</v></c>`;
    const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
    return `<c r="${ref}" s="${xf}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }
  return `<c r="${ref}" s="${xf}">${f}</c>`;
}

interface SheetPart {
  name: string;
  xml: string;
  /** External hyperlink targets, relationship rId1, rId2… in this order. */
  links: string[];
  /** The table part's XML, if the sheet has a table. */
  table?: string;
  printTitles: boolean;
}

/** A worksheet's XML around its rows (element order of CT_Worksheet). */
function worksheetXml(o: {
  columns: readonly number[];
  rows: string;
  lastRow: number;
  lastCol: number;
  frozen: boolean;
  selected: boolean;
  onePage: boolean;
  footer: string;
  conditional?: string;
  hyperlinks?: string;
  table: boolean;
}): string {
  const pane = o.frozen
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : "";
  const cols = o.columns.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS}" xmlns:r="${REL}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${columnLetter(o.lastCol)}${Math.max(1, o.lastRow)}"/>` +
    `<sheetViews><sheetView${o.selected ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="14.25"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${o.rows}</sheetData>` +
    (o.conditional ?? "") +
    (o.hyperlinks ? `<hyperlinks>${o.hyperlinks}</hyperlinks>` : "") +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="${o.onePage ? 1 : 0}"/>` +
    `<headerFooter><oddFooter>${encodeXml(o.footer)}</oddFooter></headerFooter>` +
    (o.table ? '<tableParts count="1"><tablePart r:id="rIdTable"/></tableParts>' : "") +
    "</worksheet>"
  );
}

/** Hyperlinks to files, one relationship per distinct target. */
class Links {
  readonly targets: string[] = [];
  private readonly ids = new Map<string, string>();
  readonly xml: string[] = [];

  constructor(private readonly summaryDir: string) {}

  add(ref: string, file: string, tooltip = ""): void {
    // Keyed by the file as the batch names it: a file's several rows resolve its path once.
    let id = this.ids.get(file);
    if (id === undefined) this.ids.set(file, (id = `rId${this.targets.push(fileLink(file, this.summaryDir))}`));
    this.xml.push(`<hyperlink ref="${ref}" r:id="${id}"${tooltip ? ` tooltip="${tooltip}"` : ""}/>`);
  }
}

/** The rows of 汇总 or 问题清单, rendered as the files' results come in (in the files' order). */
class TableRows {
  readonly links: Links;
  readonly rows: string[];
  private readonly letters: string[];

  constructor(
    private readonly columns: readonly ColumnSpec[],
    summaryDir: string,
  ) {
    this.links = new Links(summaryDir);
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.rows = [`<row r="1">${columns.map((c, i) => cellXml(`${this.letters[i]}1`, c.header, XF.header)).join("")}</row>`];
  }

  get count(): number {
    return this.rows.length - 1;
  }

  add(file: string, values: readonly Value[]): void {
    const r = this.rows.length + 1;
    let xml = `<row r="${r}">${cellXml(`A${r}`, file, XF.link)}`;
    for (let c = 1; c < this.columns.length; c++) xml += cellXml(`${this.letters[c]}${r}`, values[c - 1], this.columns[c].xf ?? XF.body);
    this.rows.push(xml + "</row>");
    this.links.add(`A${r}`, file, "打开文件");
  }
}

/** 汇总 and 问题清单: a header, one row per item, the file column linked; an Excel table when not empty. */
function tableSheet(
  name: string,
  table: { name: string; id: number },
  columns: readonly ColumnSpec[],
  rows: TableRows,
  selected: boolean,
  conditional: (last: number) => string,
): SheetPart {
  const last = rows.count + 1;
  const ref = `A1:${columnLetter(columns.length)}${last}`;
  const tableXml =
    rows.count === 0
      ? undefined
      : XML_HEAD +
        `<table xmlns="${NS}" id="${table.id}" name="${table.name}" displayName="${table.name}" ref="${ref}" totalsRowShown="0">` +
        `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">` +
        columns.map((c, i) => `<tableColumn id="${i + 1}" name="${encodeXml(c.header)}"/>`).join("") +
        '</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
  return {
    name,
    links: rows.links.targets,
    table: tableXml,
    printTitles: true,
    xml: worksheetXml({
      columns: columns.map((c) => c.width),
      rows: rows.rows.join(""),
      lastRow: last,
      lastCol: columns.length,
      frozen: true,
      selected,
      onePage: false,
      footer: `&C${name} 第 &P 页，共 &N 页`,
      conditional: rows.count > 0 ? conditional(last) : "",
      hyperlinks: rows.links.xml.join(""),
      table: !!tableXml,
    }),
  };
}

function expressionRules(ref: string, rules: ReadonlyArray<[formula: string, dxf: number]>, priority: number): string {
  const body = rules
    .map(([f, dxf], i) => `<cfRule type="expression" dxfId="${dxf}" priority="${priority + i}"><formula>${encodeXml(f)}</formula></cfRule>`)
    .join("");
  return `<conditionalFormatting sqref="${ref}">${body}</conditionalFormatting>`;
}

/**
 * The summary built as the results come in: `add` each file's result in the files' order (the
 * review renders a file's rows while the workers read the next ones), then `finish` for the bytes.
 */
export class SummaryBuilder {
  private readonly summaryDir: string;
  private readonly results: FileResult[] = [];
  private readonly forms: TableRows;
  private readonly issues: TableRows;

  constructor(summaryFile: string) {
    this.summaryDir = path.dirname(path.resolve(summaryFile));
    this.forms = new TableRows(FORM_COLUMNS, this.summaryDir);
    this.issues = new TableRows(ISSUE_COLUMNS, this.summaryDir);
  }

  add(r: FileResult): void {
    this.results.push(r);
    for (const f of r.forms) {
      const values = [f.sheet, f.unit, f.project, f.year, f.type, f.budget, f.spent, f.rate, f.filled, f.rule];
      this.forms.add(r.file, [...values, f.difference, f.differingRows, f.grade, f.checks]);
    }
    for (const i of r.issues) {
      const row = issueRow(i);
      this.issues.add(r.file, [row.cell, row.severity, row.message]);
    }
  }

  finish(): Buffer {
    const forms = tableSheet(SUMMARY_SHEETS.forms, { name: "Forms", id: 1 }, FORM_COLUMNS, this.forms, true, (last) =>
      [
        expressionRules(
          `L2:L${last}`,
          [
            ["AND(ISNUMBER(L2),ABS(L2)>=1)", DXF.red],
            ["AND(ISNUMBER(L2),L2<>0)", DXF.amber],
          ],
          1,
        ),
        expressionRules(`M2:M${last}`, [["M2>0", DXF.amber]], 3),
        expressionRules(
          `N2:N${last}`,
          [
            ['N2="优"', DXF.green],
            ['N2="中"', DXF.amber],
            ['N2="差"', DXF.red],
          ],
          4,
        ),
        expressionRules(`O2:O${last}`, [["O2>0", DXF.amber]], 7),
      ].join(""),
    );
    const issues = tableSheet(SUMMARY_SHEETS.issues, { name: "Issues", id: 2 }, ISSUE_COLUMNS, this.issues, false, (last) =>
      expressionRules(`C2:C${last}`, [['C2="错误"', DXF.error]], 1),
    );
    const stats = statsSheet(computeStats(this.results), this.forms.count + 1, this.issues.count + 1, this.summaryDir);
    return packageOf([forms, issues, stats]);
  }
}

/** The summary workbook's bytes, from every file's result. */
export function buildSummary(results: readonly FileResult[], summaryFile: string): Buffer {
  const builder = new SummaryBuilder(summaryFile);
  for (const r of results) builder.add(r);
  return builder.finish();
}

/**
 * 统计: each figure a formula over the 汇总 and 问题清单 columns (COUNTIFS, SUMPRODUCT, AVERAGE), so it
 * follows edits to those sheets; the value the review computed is cached in it. The list of the
 * largest differences is a list of forms, kept as values with links.
 */
function statsSheet(stats: Stats, formsLast: number, issuesLast: number, summaryDir: string): SheetPart {
  const column = (sheet: string, c: number, last: number) => `${quoteSheet(sheet)}!${absRange(2, c, Math.max(2, last), c)}`;
  const F = (c: number) => column(SUMMARY_SHEETS.forms, c, formsLast);
  const I = (c: number) => column(SUMMARY_SHEETS.issues, c, issuesLast);
  const rows: string[] = [];
  const links = new Links(summaryDir);
  let row = 1;
  const put = (cells: ReadonlyArray<readonly [Value, number, string?]>) => {
    rows.push(`<row r="${row}">${cells.map(([v, xf, f], i) => cellXml(`${columnLetter(i + 1)}${row}`, v, xf, f)).join("")}</row>`);
    return row++;
  };
  const title = (text: string) => put([[text, XF.title]]);
  const header = (...texts: string[]) => put(texts.map((t) => [t, XF.statsHeader] as const));
  const figure = (label: string, value: Value, xf: number, formula: string) =>
    put([
      [label, XF.body],
      [value, xf, formula],
    ]);

  title("复核概况");
  // Distinct files: a readable file has rows in 汇总; a failed one has only 错误 rows in 问题清单.
  const failed =
    issuesLast < 2
      ? "0"
      : `SUMPRODUCT((${I(ISSUE_COL.severity)}="错误")/COUNTIFS(${I(ISSUE_COL.file)},${I(ISSUE_COL.file)},${I(ISSUE_COL.severity)},${I(ISSUE_COL.severity)}))`;
  const read = formsLast < 2 ? "0" : `SUMPRODUCT(1/COUNTIF(${F(FORM_COL.file)},${F(FORM_COL.file)}))`;
  figure("文件数", stats.files, XF.body, `${read}+${failed}`);
  const total = `$B$${figure("自评表数", stats.forms, XF.body, `COUNTA(${F(FORM_COL.sheet)})`)}`;
  figure("无法读取或有错误的文件", stats.failedFiles, XF.body, failed);
  figure("问题（提示）", stats.warnings, XF.body, `COUNTIF(${I(ISSUE_COL.severity)},"提示")`);
  figure("问题（错误）", stats.errors, XF.body, `COUNTIF(${I(ISSUE_COL.severity)},"错误")`);
  figure("预算数合计（万元）", stats.budget, XF.amount, `SUM(${F(FORM_COL.budget)})`);
  figure("执行数合计（万元）", stats.spent, XF.amount, `SUM(${F(FORM_COL.spent)})`);
  const average = (c: number) => `IF(COUNT(${F(c)})=0,"",AVERAGE(${F(c)}))`;
  figure("平均执行率", stats.averageRate ?? "", XF.rate, average(FORM_COL.rate));
  figure("平均规则总分", stats.averageRule ?? "", XF.score, average(FORM_COL.rule));
  row++;

  const counted = (label: string, value: number, formula: string) =>
    put([
      [label, XF.body],
      [value, XF.body, formula],
      [stats.forms > 0 ? value / stats.forms : "", XF.rate, `IF(${total}=0,"",B${row}/${total})`],
    ]);
  title("按自评等级（规则总分）");
  header("等级", "自评表数", "占比");
  for (const g of GRADES) counted(g, stats.byGrade[g], `COUNTIF(${F(FORM_COL.grade)},"${g}")`);
  row++;
  title("按预算执行率");
  header("执行率", "自评表数", "占比");
  const rate = F(FORM_COL.rate);
  const rateFormulas: Record<(typeof RATE_BANDS)[number], string> = {
    "低于 60%": `COUNTIFS(${rate},"<0.6")`,
    "60%–90%": `COUNTIFS(${rate},">=0.6",${rate},"<0.9")`,
    "90% 及以上": `COUNTIFS(${rate},">=0.9")`,
    无预算: `${total}-COUNT(${rate})`,
  };
  for (const b of RATE_BANDS) counted(b, stats.byRate[b], rateFormulas[b]);
  row++;
  title("按得分差异（填报总分 − 规则总分）");
  header("差异", "自评表数", "占比");
  const d = F(FORM_COL.difference);
  const differenceFormulas: Record<(typeof DIFFERENCE_BANDS)[number], string> = {
    无差异: `COUNTIFS(${d},0)`,
    "小于 1 分": `COUNTIFS(${d},">-1",${d},"<1")-COUNTIFS(${d},0)`,
    "1–5 分": `COUNTIFS(${d},">=1",${d},"<5")+COUNTIFS(${d},"<=-1",${d},">-5")`,
    "5 分及以上": `COUNTIFS(${d},">=5")+COUNTIFS(${d},"<=-5")`,
    未填总分: `${total}-COUNT(${d})`,
  };
  for (const b of DIFFERENCE_BANDS) counted(b, stats.byDifference[b], differenceFormulas[b]);
  row++;
  title(`差异最大的自评表（前 ${stats.largest.length} 张）`);
  header("文件", "工作表", "单位", "项目", "填报总分", "规则总分", "差异");
  for (const { file, form } of stats.largest) {
    const r = put([
      [file, XF.link],
      [form.sheet, XF.body],
      [form.unit, XF.body],
      [form.project, XF.body],
      [form.filled, XF.score],
      [form.rule, XF.score],
      [form.difference, XF.score],
    ]);
    links.add(`A${r}`, file);
  }
  return {
    name: SUMMARY_SHEETS.stats,
    links: links.targets,
    printTitles: false,
    xml: worksheetXml({
      columns: [30, 14, 24, 22, 10, 10, 10],
      rows: rows.join(""),
      lastRow: row - 1,
      lastCol: 7,
      frozen: false,
      selected: false,
      onePage: true,
      footer: `&C${SUMMARY_SHEETS.stats} 第 &P 页，共 &N 页`,
      hyperlinks: links.xml.join(""),
      table: false,
    }),
  };
}

/** The package around the sheets: workbook, relationships, content types, styles, tables, properties. */
function packageOf(sheets: readonly SheetPart[]): Buffer {
  const overrides: string[] = [];
  const override = (part: string, type: string) =>
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}"/>`);
  const relsXml = (items: string[]) => `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${items.join("")}</Relationships>`;
  const rel = (id: string, type: string, target: string, external = false) =>
    `<Relationship Id="${id}" Type="${type.startsWith("http") ? type : `${REL}/${type}`}" Target="${encodeXml(target)}"${external ? ' TargetMode="External"' : ""}/>`;

  override("xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml");
  override("xl/styles.xml", "officedocument.spreadsheetml.styles+xml");
  override("docProps/core.xml", "package.core-properties+xml");
  override("docProps/app.xml", "officedocument.extended-properties+xml");
  const sheetParts: Array<[string, string]> = [];
  let tables = 0;
  sheets.forEach((s, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    override(part, "officedocument.spreadsheetml.worksheet+xml");
    sheetParts.push([part, s.xml]);
    const items = s.links.map((target, k) => rel(`rId${k + 1}`, "hyperlink", target, true));
    if (s.table) {
      const table = `xl/tables/table${++tables}.xml`;
      override(table, "officedocument.spreadsheetml.table+xml");
      sheetParts.push([table, s.table]);
      items.push(rel("rIdTable", "table", `../tables/table${tables}.xml`));
    }
    if (items.length) sheetParts.push([`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relsXml(items)]);
  });
  const names = sheets
    .map((s, i) =>
      s.printTitles
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${encodeXml(quoteSheet(s.name))}!$1:$1</definedName>`
        : "",
    )
    .join("");
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr/>` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" activeTab="0"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${encodeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : "") +
    '<calcPr calcId="171027"/></workbook>';
  const workbookRels = relsXml([
    ...sheets.map((_, i) => rel(`rId${i + 1}`, "worksheet", `worksheets/sheet${i + 1}.xml`)),
    rel(`rId${sheets.length + 1}`, "styles", "styles.xml"),
  ]);
  const types =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.join("") +
    "</Types>";
  const core =
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    "<dc:title>绩效自评复核汇总</dc:title><dc:creator>Jixiao 绩效自评助手</dc:creator>" +
    '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created></cp:coreProperties>';
  const app =
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Jixiao</Application></Properties>';
  const rootRels = relsXml([
    rel("rId1", "officeDocument", "xl/workbook.xml"),
    rel("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    rel("rId3", "extended-properties", "docProps/app.xml"),
  ]);
  return writeZip([
    ["[Content_Types].xml", types],
    ["_rels/.rels", rootRels],
    ["docProps/core.xml", core],
    ["docProps/app.xml", app],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", workbookRels],
    ["xl/styles.xml", STYLES],
    ...sheetParts,
  ]);
}
