/**
 * The exceljs adapter: the WorkbookPort over an in-memory exceljs Workbook, for tests, fixtures and
 * the playground (the CLI reads with xlsxRead.ts and writes with sheetXml.ts). Atomicity comes for
 * free here: the caller writes the workbook to disk only after apply succeeds.
 */
import ExcelJS from "exceljs";
import { OUTPUT_SHEETS } from "../../core/contract";
import type { CellStyle, SheetPlan, WorkbookPlan } from "../../core/plan";
import { ALL_SHEETS, type SheetSelection, type WorkbookPort } from "../../port/workbook";
import {
  type CellValue,
  MAX_SHEET_CELLS,
  NOT_CALCULATED,
  type SheetCell,
  type SheetData,
  type WorkbookSnapshot,
} from "../../core/snapshot";

export class ExcelJsWorkbook implements WorkbookPort {
  constructor(readonly workbook: ExcelJS.Workbook) {}

  static async fromBuffer(data: Buffer | ArrayBuffer): Promise<ExcelJsWorkbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as ArrayBuffer);
    return new ExcelJsWorkbook(wb);
  }

  static empty(): ExcelJsWorkbook {
    return new ExcelJsWorkbook(new ExcelJS.Workbook());
  }

  async read(which: SheetSelection): Promise<WorkbookSnapshot> {
    const sheets: Record<string, SheetData> = {};
    const names =
      which === ALL_SHEETS
        ? this.workbook.worksheets.map((w) => w.name).filter((n) => !(OUTPUT_SHEETS as readonly string[]).includes(n))
        : which;
    for (const name of names) {
      const ws = this.workbook.getWorksheet(name);
      if (ws) sheets[name] = readSheet(ws);
    }
    return { sheetNames: this.workbook.worksheets.map((w) => w.name), sheets };
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    for (const sheet of plan.sheets) {
      const old = this.workbook.getWorksheet(sheet.name);
      if (old) this.workbook.removeWorksheet(old.id);
      writeSheet(this.workbook.addWorksheet(sheet.name), sheet);
    }
    if (plan.activate) {
      const index = this.workbook.worksheets.findIndex((w) => w.name === plan.activate);
      this.workbook.views = [
        { activeTab: Math.max(0, index), x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: "visible" },
      ];
    }
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }
}

/** Days from Excel's day 0 (1899-12-30, the 1900 date system) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

/** A Date exceljs made from a date-formatted cell → the serial number Excel stores. */
export function excelSerial(d: Date): number {
  return d.getTime() / 86400000 + EXCEL_EPOCH_DAYS;
}

/**
 * exceljs cell values → port values. Formulas give their cached result; a formula without one,
 * and an error value, are CellErrors (never blank, never 0). Dates go back to serial numbers.
 */
export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return excelSerial(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      // exceljs drops a cached result of 0 when reading, so a formula without a result is ambiguous
      // here; the CLI reads files with the bounded reader (xlsxRead.ts), which tells them apart.
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return { error: NOT_CALCULATED };
      return plainValue(result as ExcelJS.CellValue);
    }
    if ("error" in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** The sheet's non-empty cells, visiting only the rows and cells exceljs holds. */
function readSheet(ws: ExcelJS.Worksheet): SheetData {
  const cells: SheetCell[] = [];
  let truncated = false;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (truncated) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Merged cells repeat the master's value in exceljs; only the master holds it.
      if (truncated || (cell.isMerged && cell.master !== cell)) return;
      const value = plainValue(cell.value);
      if (value === null || value === "") return;
      if (cells.length >= MAX_SHEET_CELLS) {
        truncated = true;
        return;
      }
      const out: SheetCell = { row: r, col: c, value };
      if (typeof value === "number" && cell.numFmt && cell.numFmt !== "General") out.numberFormat = cell.numFmt;
      else if (cell.value instanceof Date) out.numberFormat = "yyyy-mm-dd";
      if (cell.formula) out.formula = cell.formula;
      cells.push(out);
    });
  });
  return truncated ? { name: ws.name, cells, truncated } : { name: ws.name, cells };
}

function toExcelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (s.font) {
    style.font = {
      name: s.font.name,
      size: s.font.size,
      bold: s.font.bold,
      color: s.font.color ? { argb: "FF" + s.font.color } : undefined,
    };
  }
  if (s.align) {
    style.alignment = {
      horizontal: s.align.h,
      vertical: s.align.v,
      wrapText: s.align.wrap,
      indent: s.align.indent,
    };
  }
  if (s.numFmt) style.numFmt = s.numFmt;
  if (s.border) {
    const thin: ExcelJS.Border = { style: "thin", color: { argb: "FF808080" } };
    style.border = { top: thin, bottom: thin, left: thin, right: thin };
  }
  if (s.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + s.fill } };
  return style;
}

function writeSheet(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  const styles = new Map(Object.entries(plan.styles).map(([k, v]) => [k, toExcelStyle(v)]));
  // Column widths first: exceljs column styles would overwrite cell styles set before them.
  plan.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  plan.cells.forEach((cells, r) => {
    if (!cells.some((c) => c)) return;
    const row = ws.getRow(r + 1);
    cells.forEach((c, i) => {
      if (!c) return;
      const cell = row.getCell(i + 1);
      if (c.f !== undefined) cell.value = { formula: c.f, result: c.v as number | string | boolean } as ExcelJS.CellFormulaValue;
      else cell.value = c.v;
      const style = c.s ? styles.get(c.s) : undefined;
      if (style) cell.style = style;
    });
  });
  for (const [row, h] of Object.entries(plan.rowHeights)) ws.getRow(Number(row)).height = h;
  for (const m of plan.merges) ws.mergeCells(m);
  for (const v of plan.validations) {
    (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(v.range, {
      type: "list",
      allowBlank: true,
      formulae: [`"${v.list.join(",")}"`],
      showInputMessage: Boolean(v.prompt),
      prompt: v.prompt,
      showErrorMessage: true,
      errorStyle: "warning",
      error: `请从下拉列表选择：${v.list.join("、")}`,
    });
  }
  for (const n of plan.notes) ws.getCell(n.address).note = n.text;
  if (plan.freeze && (plan.freeze.rows || plan.freeze.cols)) {
    ws.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  }
  if (plan.tabColor) ws.properties.tabColor = { argb: "FF" + plan.tabColor };
  const p = plan.pageSetup;
  if (p) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: p.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: p.printArea,
      printTitlesRow: p.printTitleRows,
      margins: p.margins,
      horizontalCentered: true,
    };
    if (p.centerFooter) ws.headerFooter = { ...ws.headerFooter, oddFooter: p.centerFooter, evenFooter: p.centerFooter };
  }
  // exceljs's row break sits after the row it is added to.
  for (const row of plan.pageBreaksAfter ?? []) ws.getRow(row).addPageBreak();
}
