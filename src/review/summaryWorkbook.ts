/**
 * SUMMARY.xlsx of `jixiao review` (cli.md): 汇总 (one row per form, an Excel table with filter and
 * sort buttons, frozen header, hyperlinks to the files, 万元 and % formats, conditional formatting on
 * differences and grades), 问题清单 (one row per check or error, also a table) and 统计; every sheet
 * printable on A4 landscape. Built with exceljs from the compact results; no I/O here.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import type { FileResult } from "./reviewFile";
import { DIFFERENCE_BANDS, GRADES, RATE_BANDS, type Stats, computeStats } from "./stats";

export const SUMMARY_SHEETS = { forms: "汇总", issues: "问题清单", stats: "统计" } as const;

const FONT = "等线";
const AMOUNT = "#,##0.00";
const RATE = "0.00%";
const SCORE = "0.00";
const LINK_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 10, color: { argb: "FF0563C1" }, underline: true };
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", bgColor: { argb }, fgColor: { argb } });
const RED = fill("FFFFC7CE");
const AMBER = fill("FFFFEB9C");
const GREEN = fill("FFC6EFCE");
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };

interface ColumnSpec {
  header: string;
  width: number;
  numFmt?: string;
  center?: boolean;
}

const FORM_COLUMNS: ColumnSpec[] = [
  { header: "文件", width: 30 },
  { header: "工作表", width: 12 },
  { header: "单位", width: 24 },
  { header: "项目", width: 22 },
  { header: "年度", width: 7, center: true },
  { header: "类型", width: 12 },
  { header: "预算数（万元）", width: 13, numFmt: AMOUNT },
  { header: "执行数（万元）", width: 13, numFmt: AMOUNT },
  { header: "执行率", width: 9, numFmt: RATE },
  { header: "填报总分", width: 9, numFmt: SCORE },
  { header: "规则总分", width: 9, numFmt: SCORE },
  { header: "差异", width: 8, numFmt: SCORE },
  { header: "差异项数", width: 8, center: true },
  { header: "等级", width: 6, center: true },
  { header: "问题数", width: 7, center: true },
];

const ISSUE_COLUMNS: ColumnSpec[] = [
  { header: "文件", width: 30 },
  { header: "位置", width: 18 },
  { header: "严重程度", width: 9, center: true },
  { header: "说明", width: 90 },
];

/** A path as a relative link from the summary's folder (forward slashes, each segment URI-encoded). */
export function fileLink(file: string, summaryDir: string): string {
  const rel = path.relative(summaryDir, path.resolve(file)).split(path.sep);
  return rel.map(encodeURIComponent).join("/");
}

function printSetup(ws: ExcelJS.Worksheet, titleRows?: string, onePage = false): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: onePage ? 1 : 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: `&C${ws.name} 第 &P 页，共 &N 页` };
}

function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  tableName: string,
  columns: ColumnSpec[],
  rows: ExcelJS.CellValue[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, activeCell: "A2" }] });
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  if (rows.length > 0) {
    ws.addTable({
      name: tableName,
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: columns.map((c) => ({ name: c.header, filterButton: true })),
      rows,
    });
  } else columns.forEach((c, i) => (ws.getCell(1, i + 1).value = c.header));
  columns.forEach((_, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.font = { name: FONT, size: 10, bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  for (let r = 2; r <= rows.length + 1; r++) {
    columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.font = { name: FONT, size: 10 };
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.center) cell.alignment = { horizontal: "center" };
    });
  }
  printSetup(ws, "1:1");
  return ws;
}

/** The file column: a hyperlink to the file, relative to the summary. */
function linkFiles(ws: ExcelJS.Worksheet, files: readonly string[], summaryDir: string): void {
  files.forEach((file, i) => {
    const cell = ws.getCell(i + 2, 1);
    cell.value = { text: file, hyperlink: fileLink(file, summaryDir), tooltip: "打开文件" };
    cell.font = LINK_FONT;
  });
}

export function buildSummaryWorkbook(results: readonly FileResult[], summaryFile: string): ExcelJS.Workbook {
  const summaryDir = path.dirname(path.resolve(summaryFile));
  const wb = new ExcelJS.Workbook();
  wb.creator = "Jixiao 绩效自评助手";
  wb.created = new Date(0);

  // 汇总 ------------------------------------------------------------------------------------------
  const formFiles: string[] = [];
  const formRows: ExcelJS.CellValue[][] = [];
  for (const r of results)
    for (const f of r.forms) {
      formFiles.push(r.file);
      formRows.push([
        r.file,
        f.sheet,
        f.unit,
        f.project,
        f.year,
        f.type,
        f.budget,
        f.spent,
        f.rate,
        f.filled,
        f.rule,
        f.difference,
        f.differingRows,
        f.grade,
        f.checks,
      ]);
    }
  const forms = tableSheet(wb, SUMMARY_SHEETS.forms, "Forms", FORM_COLUMNS, formRows);
  linkFiles(forms, formFiles, summaryDir);
  if (formRows.length > 0) {
    const last = formRows.length + 1;
    forms.addConditionalFormatting({
      ref: `L2:L${last}`,
      rules: [
        { type: "expression", priority: 1, formulae: ["AND(ISNUMBER(L2),ABS(L2)>=1)"], style: { fill: RED } },
        { type: "expression", priority: 2, formulae: ["AND(ISNUMBER(L2),L2<>0)"], style: { fill: AMBER } },
      ],
    });
    forms.addConditionalFormatting({
      ref: `M2:M${last}`,
      rules: [{ type: "expression", priority: 3, formulae: ["M2>0"], style: { fill: AMBER } }],
    });
    forms.addConditionalFormatting({
      ref: `N2:N${last}`,
      rules: [
        { type: "expression", priority: 4, formulae: ['N2="优"'], style: { fill: GREEN } },
        { type: "expression", priority: 5, formulae: ['N2="中"'], style: { fill: AMBER } },
        { type: "expression", priority: 6, formulae: ['N2="差"'], style: { fill: RED } },
      ],
    });
    forms.addConditionalFormatting({
      ref: `O2:O${last}`,
      rules: [{ type: "expression", priority: 7, formulae: ["O2>0"], style: { fill: AMBER } }],
    });
  }

  // 问题清单 --------------------------------------------------------------------------------------
  const issueFiles: string[] = [];
  const issueRows: ExcelJS.CellValue[][] = [];
  for (const r of results)
    for (const i of r.issues) {
      issueFiles.push(r.file);
      issueRows.push([r.file, i.cell, i.severity, i.message]);
    }
  const issues = tableSheet(wb, SUMMARY_SHEETS.issues, "Issues", ISSUE_COLUMNS, issueRows);
  linkFiles(issues, issueFiles, summaryDir);
  for (let r = 2; r <= issueRows.length + 1; r++) issues.getCell(r, 4).alignment = { wrapText: true, vertical: "top" };
  if (issueRows.length > 0)
    issues.addConditionalFormatting({
      ref: `C2:C${issueRows.length + 1}`,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: ['C2="错误"'],
          style: { fill: RED, font: { color: { argb: "FF9C0006" }, bold: true } },
        },
      ],
    });

  statsSheet(wb, computeStats(results), summaryDir);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return wb;
}

function statsSheet(wb: ExcelJS.Workbook, stats: Stats, summaryDir: string): void {
  const ws = wb.addWorksheet(SUMMARY_SHEETS.stats);
  [30, 14, 24, 22, 10, 10, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let row = 1;
  const title = (text: string) => {
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = { name: FONT, size: 12, bold: true };
    row++;
  };
  const header = (...texts: string[]) => {
    texts.forEach((t, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = t;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: { style: "thin" } };
    });
    row++;
  };
  const line = (values: ExcelJS.CellValue[], formats: Array<string | undefined> = []) => {
    values.forEach((v, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = v;
      cell.font = { name: FONT, size: 10 };
      if (formats[i]) cell.numFmt = formats[i]!;
    });
    row++;
  };
  const share = (n: number) => (stats.forms > 0 ? n / stats.forms : null);

  title("复核概况");
  line(["文件数", stats.files]);
  line(["自评表数", stats.forms]);
  line(["无法读取或有错误的文件", stats.failedFiles]);
  line(["问题（提示）", stats.warnings]);
  line(["问题（错误）", stats.errors]);
  row++;
  title("按自评等级（规则总分）");
  header("等级", "自评表数", "占比");
  for (const g of GRADES) line([g, stats.byGrade[g], share(stats.byGrade[g])], [undefined, undefined, RATE]);
  row++;
  title("按预算执行率");
  header("执行率", "自评表数", "占比");
  for (const b of RATE_BANDS) line([b, stats.byRate[b], share(stats.byRate[b])], [undefined, undefined, RATE]);
  row++;
  title("按得分差异（填报总分 − 规则总分）");
  header("差异", "自评表数", "占比");
  for (const b of DIFFERENCE_BANDS) line([b, stats.byDifference[b], share(stats.byDifference[b])], [undefined, undefined, RATE]);
  row++;
  title(`差异最大的自评表（前 ${stats.largest.length} 张）`);
  header("文件", "工作表", "单位", "项目", "填报总分", "规则总分", "差异");
  for (const { file, form } of stats.largest) {
    line(
      [file, form.sheet, form.unit, form.project, form.filled, form.rule, form.difference],
      [undefined, undefined, undefined, undefined, SCORE, SCORE, SCORE],
    );
    const cell = ws.getCell(row - 1, 1);
    cell.value = { text: file, hyperlink: fileLink(file, summaryDir) };
    cell.font = LINK_FONT;
  }
  printSetup(ws, undefined, true);
}
