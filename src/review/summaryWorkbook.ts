/**
 * SUMMARY.xlsx of `jixiao review` (cli.md): 汇总 (one row per form, an Excel table with filter and
 * sort buttons, frozen header, hyperlinks to the files, 万元 and % formats, conditional formatting on
 * differences and grades), 问题清单 (one row per check or error, also a table) and 统计, whose figures
 * are formulas over the two tables (with their values cached); every sheet printable on A4 landscape.
 *
 * The package is written directly as SpreadsheetML from the compact results, with the cell and text
 * writers every Jixiao sheet shares (adapters/xlsx/sheetXml.ts): a fixed style sheet, inline
 * strings, one pass per row. Each row is rendered as its file's result arrives and appended
 * to a temporary file (with its hyperlink and relationship), and the package is then streamed
 * from those files: a province's 50,000 forms cost the main thread milliseconds per thousand and no
 * memory that grows with the batch.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { absRange, columnLetter, quoteSheet } from "../core/cells";
import { NS, REL, XML_HEAD, type XmlValue, cellXml } from "../adapters/xlsx/sheetXml";
import { encodeXml } from "../adapters/xlsx/xlsxRead";
import { type ZipChunk, writeZipFile } from "../adapters/xlsx/zipEntries";
import { type FileResult, issueRow } from "./reviewFile";
import { DIFFERENCE_BANDS, GRADES, RATE_BANDS, type Stats, StatsAccumulator } from "./stats";

export const SUMMARY_SHEETS = { forms: "汇总", issues: "问题清单", stats: "统计" } as const;

const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

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
  hidden?: boolean;
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
const FORM_COL = { sheet: 2, budget: 7, spent: 8, rate: 9, rule: 11, difference: 12, grade: 14 } as const;
/** With --letters: 汇总's link to the form's 复核意见函. */
const LETTER_COLUMN: ColumnSpec = { header: "复核意见函", width: 26 };
/**
 * The last column of 汇总 and 问题清单, hidden: 1 on the first row of each file (in 问题清单, of
 * each file that could not be read), else 0. 统计 counts files as its SUM — linear, where counting
 * distinct names (SUMPRODUCT(1/COUNTIF(…))) is quadratic — and a value, so sorting keeps it true.
 */
const FILE_COUNT_COLUMN: ColumnSpec = { header: "文件计数", width: 6, xf: XF.center, hidden: true };

const ISSUE_COLUMNS: ColumnSpec[] = [
  { header: "文件", width: 30 },
  { header: "位置", width: 18 },
  { header: "严重程度", width: 9, xf: XF.center },
  { header: "说明", width: 90, xf: XF.wrapTop },
  FILE_COUNT_COLUMN,
];
const ISSUE_COL = { severity: 3, fileCount: 5 } as const;

/** A path as a relative link from the summary's folder (forward slashes, each segment URI-encoded). */
export function fileLink(file: string, summaryDir: string): string {
  const rel = path.relative(summaryDir, path.resolve(file)).split(path.sep);
  return rel.map(encodeURIComponent).join("/");
}

/** Text appended to a temporary file in large writes; `chunk` names the file for writeZipFile. */
class Spool {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Whether anything was written. */
  empty = true;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "w");
  }

  write(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    this.empty = false;
    if (this.pendingLength > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    fs.writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Flushes and closes; the file is then a chunk of the package. */
  close(): ZipChunk {
    this.flush();
    fs.closeSync(this.fd);
    return { file: this.file };
  }
}

interface SheetPart {
  name: string;
  xml: ZipChunk[];
  /** The sheet's relationships (hyperlinks, table), as <Relationship> elements; none: no part. */
  rels: ZipChunk[];
  /** The table part's XML, if the sheet has a table. */
  table?: string;
  printTitles: boolean;
}

/** A worksheet's XML around its rows and hyperlinks (element order of CT_Worksheet). */
function worksheetXml(o: {
  columns: readonly ColumnSpec[];
  rows: ZipChunk;
  lastRow: number;
  frozen: boolean;
  selected: boolean;
  onePage: boolean;
  footer: string;
  conditional?: string;
  hyperlinks?: ZipChunk;
  table: boolean;
}): ZipChunk[] {
  const pane = o.frozen
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : "";
  const cols = o.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.hidden ? ' hidden="1"' : ""} customWidth="1"/>`)
    .join("");
  return [
    XML_HEAD +
      `<worksheet xmlns="${NS}" xmlns:r="${REL}">` +
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
      `<dimension ref="A1:${columnLetter(o.columns.length)}${Math.max(1, o.lastRow)}"/>` +
      `<sheetViews><sheetView${o.selected ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="14.25"/>' +
      `<cols>${cols}</cols>` +
      "<sheetData>",
    o.rows,
    "</sheetData>" + (o.conditional ?? "") + (o.hyperlinks ? "<hyperlinks>" : ""),
    ...(o.hyperlinks ? [o.hyperlinks, "</hyperlinks>"] : []),
    '<printOptions horizontalCentered="1"/>' +
      '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="${o.onePage ? 1 : 0}"/>` +
      `<headerFooter><oddFooter>${encodeXml(o.footer)}</oddFooter></headerFooter>` +
      (o.table ? '<tableParts count="1"><tablePart r:id="rIdTable"/></tableParts>' : "") +
      "</worksheet>",
  ];
}

const relationship = (id: string, type: string, target: string, external = false) =>
  `<Relationship Id="${id}" Type="${type.startsWith("http") ? type : `${REL}/${type}`}" Target="${encodeXml(target)}"${external ? ' TargetMode="External"' : ""}/>`;

/**
 * A sheet's hyperlinks to files (relative to the summary), spooled: the <hyperlink> elements and
 * their relationships. Rows that follow each other with the same target (a file's several forms or
 * checks) share one relationship, so nothing is remembered beyond the last target of each kind.
 */
class Links {
  /** Excel keeps at most 65,530 hyperlinks a worksheet; a province's 汇总 with letters has more. */
  static readonly MAX = 65_530;
  private count = 0;
  private links = 0;
  private readonly last = new Map<string, { target: string; id: string }>();

  constructor(
    private readonly summaryDir: string,
    private readonly xml: Spool,
    private readonly rels: Spool,
  ) {}

  get empty(): boolean {
    return this.count === 0;
  }

  /** Links the cell; past Excel's limit the cell keeps its text, unlinked. */
  add(ref: string, file: string, tooltip = "", kind = "file"): void {
    if (this.links++ >= Links.MAX) return;
    const last = this.last.get(kind);
    let id = last?.target === file ? last.id : undefined;
    if (id === undefined) {
      id = `rId${++this.count}`;
      this.rels.write(relationship(id, "hyperlink", fileLink(file, this.summaryDir), true));
      this.last.set(kind, { target: file, id });
    }
    this.xml.write(`<hyperlink ref="${ref}" r:id="${id}"${tooltip ? ` tooltip="${tooltip}"` : ""}/>`);
  }
}

/** A sheet being written: its rows, hyperlinks and relationships spooled to files in `dir`. */
class SheetSpool {
  readonly rows: Spool;
  readonly links: Links;
  private readonly hyperlinks: Spool;
  private readonly rels: Spool;

  constructor(dir: string, name: string, summaryDir: string) {
    this.rows = new Spool(path.join(dir, `${name}.rows`));
    this.hyperlinks = new Spool(path.join(dir, `${name}.links`));
    this.rels = new Spool(path.join(dir, `${name}.rels`));
    this.links = new Links(summaryDir, this.hyperlinks, this.rels);
  }

  close(): { rows: ZipChunk; hyperlinks?: ZipChunk; rels: ZipChunk[] } {
    const empty = this.links.empty;
    const rows = this.rows.close();
    const hyperlinks = this.hyperlinks.close();
    const rels = this.rels.close();
    return { rows, hyperlinks: empty ? undefined : hyperlinks, rels: empty ? [] : [rels] };
  }
}

/** The rows of 汇总 or 问题清单, rendered as the files' results come in (in the files' order). */
class TableRows {
  readonly sheet: SheetSpool;
  private readonly letters: string[];
  private rowCount = 0;

  constructor(
    readonly columns: readonly ColumnSpec[],
    dir: string,
    name: string,
    summaryDir: string,
  ) {
    this.sheet = new SheetSpool(dir, name, summaryDir);
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.sheet.rows.write(`<row r="1">${columns.map((c, i) => cellXml(`${this.letters[i]}1`, c.header, XF.header)).join("")}</row>`);
  }

  get count(): number {
    return this.rowCount;
  }

  /** A row: the file (linked), then `values` for the other columns; `letter` links that column too. */
  add(file: string, values: readonly XmlValue[], letter?: { column: number; file: string }): void {
    const r = ++this.rowCount + 1;
    let xml = `<row r="${r}">${cellXml(`A${r}`, file, XF.link)}`;
    for (let c = 1; c < this.columns.length; c++)
      xml += cellXml(`${this.letters[c]}${r}`, values[c - 1], c === letter?.column ? XF.link : (this.columns[c].xf ?? XF.body));
    this.sheet.rows.write(xml + "</row>");
    this.sheet.links.add(`A${r}`, file, "打开文件");
    if (letter) this.sheet.links.add(`${this.letters[letter.column]}${r}`, letter.file, "打开复核意见函", "letter");
  }
}

/** 汇总 and 问题清单: a header, one row per item, the file column linked; an Excel table when not empty. */
function tableSheet(
  name: string,
  table: { name: string; id: number },
  rows: TableRows,
  selected: boolean,
  conditional: (last: number) => string,
): SheetPart {
  const { columns } = rows;
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
  const spooled = rows.sheet.close();
  return {
    name,
    rels: spooled.rels,
    table: tableXml,
    printTitles: true,
    xml: worksheetXml({
      columns,
      rows: spooled.rows,
      lastRow: last,
      frozen: true,
      selected,
      onePage: false,
      footer: `&C${name} 第 &P 页，共 &N 页`,
      conditional: rows.count > 0 ? conditional(last) : "",
      hyperlinks: spooled.hyperlinks,
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

export interface SummaryOptions {
  /** With --letters: the letter a form's unit gets (a path), linked from its 汇总 row. */
  letterOf?: (unit: string) => string;
}

/**
 * The summary built as the results come in: `add` each file's result in the files' order (the
 * review renders a file's rows while the workers read the next ones), then `finish` to write the
 * package, and `dispose` (always) to remove the spooled rows.
 */
export class SummaryBuilder {
  private readonly summaryDir: string;
  private readonly spoolDir: string;
  private readonly stats = new StatsAccumulator();
  private readonly forms: TableRows;
  private readonly issues: TableRows;
  private readonly letterColumn: number | undefined;

  constructor(
    summaryFile: string,
    private readonly options: SummaryOptions = {},
  ) {
    this.summaryDir = path.dirname(path.resolve(summaryFile));
    this.spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-summary-"));
    const formColumns = [...FORM_COLUMNS, ...(options.letterOf ? [LETTER_COLUMN] : []), FILE_COUNT_COLUMN];
    this.letterColumn = options.letterOf ? FORM_COLUMNS.length : undefined;
    this.forms = new TableRows(formColumns, this.spoolDir, "forms", this.summaryDir);
    this.issues = new TableRows(ISSUE_COLUMNS, this.spoolDir, "issues", this.summaryDir);
  }

  add(r: FileResult): void {
    this.stats.add(r);
    r.forms.forEach((f, i) => {
      const values: XmlValue[] = [f.sheet, f.unit, f.project, f.year, f.type, f.budget, f.spent, f.rate, f.filled, f.rule];
      values.push(f.difference, f.differingRows, f.grade, f.checks);
      const letterFile = this.options.letterOf?.(f.unit);
      if (letterFile !== undefined) values.push(path.basename(letterFile));
      values.push(i === 0 ? 1 : 0);
      const column = this.letterColumn;
      const letter = letterFile !== undefined && column !== undefined ? { column, file: letterFile } : undefined;
      this.forms.add(r.file, values, letter);
    });
    r.issues.forEach((i, k) => {
      const row = issueRow(i);
      this.issues.add(r.file, [row.cell, row.severity, row.message, r.failed && k === 0 ? 1 : 0]);
    });
  }

  /** The figures of 统计 so far (all of them after the last `add`). */
  figures(): Stats {
    return this.stats.result();
  }

  /** Writes the package to `file`. */
  async finish(file: string): Promise<void> {
    const forms = tableSheet(SUMMARY_SHEETS.forms, { name: "Forms", id: 1 }, this.forms, true, (last) =>
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
    const issues = tableSheet(SUMMARY_SHEETS.issues, { name: "Issues", id: 2 }, this.issues, false, (last) =>
      expressionRules(`C2:C${last}`, [['C2="错误"', DXF.error]], 1),
    );
    const stats = statsSheet(
      this.figures(),
      { last: this.forms.count + 1, fileCount: this.forms.columns.length },
      this.issues.count + 1,
      this.summaryDir,
      this.spoolDir,
    );
    await writeZipFile(file, packageParts([forms, issues, stats]));
  }

  /** Removes the spooled rows. */
  dispose(): void {
    fs.rmSync(this.spoolDir, { recursive: true, force: true });
  }
}

/**
 * 统计: each figure a formula over the 汇总 and 问题清单 columns (COUNTIF(S), SUM, AVERAGE — each
 * linear in the rows), so it follows edits to those sheets; the value the review computed is cached
 * in it. The list of the largest differences is a list of forms, kept as values with links.
 */
function statsSheet(
  stats: Stats,
  forms: { last: number; fileCount: number },
  issuesLast: number,
  summaryDir: string,
  spoolDir: string,
): SheetPart {
  const column = (sheet: string, c: number, last: number) => `${quoteSheet(sheet)}!${absRange(2, c, Math.max(2, last), c)}`;
  const F = (c: number) => column(SUMMARY_SHEETS.forms, c, forms.last);
  const I = (c: number) => column(SUMMARY_SHEETS.issues, c, issuesLast);
  const sheet = new SheetSpool(spoolDir, "stats", summaryDir);
  let row = 1;
  const put = (cells: ReadonlyArray<readonly [XmlValue, number, string?]>) => {
    sheet.rows.write(`<row r="${row}">${cells.map(([v, xf, f], i) => cellXml(`${columnLetter(i + 1)}${row}`, v, xf, f)).join("")}</row>`);
    return row++;
  };
  const title = (text: string) => put([[text, XF.title]]);
  const header = (...texts: string[]) => put(texts.map((t) => [t, XF.statsHeader] as const));
  const figure = (label: string, value: XmlValue, xf: number, formula: string) =>
    put([
      [label, XF.body],
      [value, xf, formula],
    ]);

  title("复核概况");
  // Files: a readable file has rows in 汇总, a failed one only 错误 rows in 问题清单; each marks its first row.
  const failed = issuesLast < 2 ? "0" : `SUM(${I(ISSUE_COL.fileCount)})`;
  const read = forms.last < 2 ? "0" : `SUM(${F(forms.fileCount)})`;
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
    sheet.links.add(`A${r}`, file);
  }
  const spooled = sheet.close();
  return {
    name: SUMMARY_SHEETS.stats,
    rels: spooled.rels,
    printTitles: false,
    xml: worksheetXml({
      columns: [30, 14, 24, 22, 10, 10, 10].map((width) => ({ header: "", width })),
      rows: spooled.rows,
      lastRow: row - 1,
      frozen: false,
      selected: false,
      onePage: true,
      footer: `&C${SUMMARY_SHEETS.stats} 第 &P 页，共 &N 页`,
      hyperlinks: spooled.hyperlinks,
      table: false,
    }),
  };
}

/** The package around the sheets: workbook, relationships, content types, styles, tables, properties. */
function packageParts(sheets: readonly SheetPart[]): Array<[string, ZipChunk[]]> {
  const overrides: string[] = [];
  const override = (part: string, type: string) =>
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}"/>`);
  const relsXml = (items: string[]) => `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${items.join("")}</Relationships>`;
  const rel = relationship;

  override("xl/workbook.xml", "officedocument.spreadsheetml.sheet.main+xml");
  override("xl/styles.xml", "officedocument.spreadsheetml.styles+xml");
  override("docProps/core.xml", "package.core-properties+xml");
  override("docProps/app.xml", "officedocument.extended-properties+xml");
  const sheetParts: Array<[string, ZipChunk[]]> = [];
  let tables = 0;
  sheets.forEach((s, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    override(part, "officedocument.spreadsheetml.worksheet+xml");
    sheetParts.push([part, s.xml]);
    const items: ZipChunk[] = [...s.rels];
    if (s.table) {
      const table = `xl/tables/table${++tables}.xml`;
      override(table, "officedocument.spreadsheetml.table+xml");
      sheetParts.push([table, [s.table]]);
      items.push(rel("rIdTable", "table", `../tables/table${tables}.xml`));
    }
    if (items.length)
      sheetParts.push([
        `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        [`${XML_HEAD}<Relationships xmlns="${PKG_REL}">`, ...items, "</Relationships>"],
      ]);
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
  return [
    ["[Content_Types].xml", [types]],
    ["_rels/.rels", [rootRels]],
    ["docProps/core.xml", [core]],
    ["docProps/app.xml", [app]],
    ["xl/workbook.xml", [workbook]],
    ["xl/_rels/workbook.xml.rels", [workbookRels]],
    ["xl/styles.xml", [STYLES]],
    ...sheetParts,
  ];
}
