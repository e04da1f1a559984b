/**
 * Moves a workbook between an .xlsx (exceljs) and the fake Excel model, for the playground's
 * load and download and for tests. Playground and tests only: exceljs never enters the task pane.
 */
import ExcelJS from "exceljs";
import { plainValue } from "../adapters/xlsx/exceljsWorkbook";
import { charsToPoints } from "../adapters/shared/planRects";
import { NOT_CALCULATED, isCellError } from "../core/snapshot";
import {
  type FakeCell,
  type FakeFormat,
  type FakeSheet,
  FakeWorkbook,
  keyCell,
  parseAddress,
  pointsToChars,
  rectAddress,
} from "./excel/model";

const rgb = (argb?: string) => (argb ? argb.slice(-6).toUpperCase() : undefined);

type ExcelJsInternals = { model: { merges?: string[] } };
type DataValidations = { model: Record<string, ExcelJS.DataValidation>; add(address: string, v: ExcelJS.DataValidation): void };

export async function loadXlsx(data: ArrayBuffer | Uint8Array): Promise<FakeWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return fromExcelJs(wb);
}

export function fromExcelJs(wb: ExcelJS.Workbook): FakeWorkbook {
  const model = new FakeWorkbook();
  for (const ws of wb.worksheets) {
    const sheet = model.addSheet(ws.name);
    ws.columns?.forEach((col, i) => {
      if (col.width) sheet.columnWidths.set(i + 1, charsToPoints(col.width));
    });
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (row.height) sheet.rowHeights.set(r, row.height);
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        const target = model.cellForWrite(sheet, r, c);
        const v = plainValue(cell.value);
        target.value = v === null ? "" : isCellError(v) ? (v.error === NOT_CALCULATED ? "" : v.error) : v;
        const f = cell.formula;
        if (f) target.formula = "=" + f;
        target.numberFormat = cell.numFmt || "General";
        target.format = formatOf(cell.style);
      });
    });
    for (const m of (ws as unknown as ExcelJsInternals).model.merges ?? []) sheet.merges.push(parseAddress(m).rect);
    const dv = (ws as unknown as { dataValidations: DataValidations }).dataValidations.model;
    for (const [address, v] of Object.entries(dv)) {
      const rect = parseAddress(address.split(" ")[0]).rect;
      sheet.validations.push({
        rect,
        list:
          v.type === "list"
            ? String(v.formulae?.[0] ?? "")
                .replace(/^"|"$/g, "")
                .split(",")
            : undefined,
        prompt: v.prompt ? { title: v.promptTitle ?? "", message: v.prompt } : undefined,
      });
    }
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const note = cell.note;
        if (!note) return;
        const text = typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
        sheet.validations.push({ rect: { r1: r, c1: c, r2: r, c2: c }, prompt: { title: "", message: text } });
      }),
    );
    const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    if (view?.state === "frozen") sheet.freeze = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
    sheet.tabColor = rgb(ws.properties.tabColor?.argb) ?? "";
  }
  return model;
}

function formatOf(style: Partial<ExcelJS.Style>): FakeFormat {
  const f: FakeFormat = { font: {}, borders: {} };
  const font = style.font;
  if (font) {
    if (font.name) f.font.name = font.name;
    if (font.size) f.font.size = font.size;
    if (font.bold) f.font.bold = true;
    if (font.color?.argb) f.font.color = rgb(font.color.argb);
  }
  const fill = style.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === "pattern" && fill.fgColor?.argb) f.fill = rgb(fill.fgColor.argb);
  const a = style.alignment;
  if (a?.horizontal) f.horizontal = a.horizontal[0].toUpperCase() + a.horizontal.slice(1);
  if (a?.vertical) f.vertical = a.vertical === "middle" ? "Center" : a.vertical[0].toUpperCase() + a.vertical.slice(1);
  if (a?.wrapText) f.wrap = true;
  if (a?.indent) f.indent = a.indent;
  const b = style.border;
  if (b) f.borders = { top: !!b.top?.style, bottom: !!b.bottom?.style, left: !!b.left?.style, right: !!b.right?.style };
  return f;
}

function styleOf(cell: FakeCell): Partial<ExcelJS.Style> {
  const f = cell.format;
  const s: Partial<ExcelJS.Style> = {};
  if (cell.numberFormat !== "General") s.numFmt = cell.numberFormat;
  if (Object.values(f.font).some((v) => v !== undefined)) {
    s.font = { name: f.font.name, size: f.font.size, bold: f.font.bold, color: f.font.color ? { argb: "FF" + f.font.color } : undefined };
  }
  if (f.fill) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + f.fill } };
  if (f.horizontal || f.vertical || f.wrap || f.indent) {
    s.alignment = {
      horizontal: f.horizontal?.toLowerCase() as ExcelJS.Alignment["horizontal"],
      vertical: (f.vertical === "Center" ? "middle" : f.vertical?.toLowerCase()) as ExcelJS.Alignment["vertical"],
      wrapText: f.wrap,
      indent: f.indent,
    };
  }
  const thin: ExcelJS.Border = { style: "thin", color: { argb: "FF808080" } };
  const b = f.borders;
  if (b.top || b.bottom || b.left || b.right) {
    s.border = {
      top: b.top ? thin : undefined,
      bottom: b.bottom ? thin : undefined,
      left: b.left ? thin : undefined,
      right: b.right ? thin : undefined,
    };
  }
  return s;
}

export function toExcelJs(model: FakeWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const sheet of model.sheets) writeSheet(wb.addWorksheet(sheet.name), sheet);
  const active = model.sheets.findIndex((s) => s.id === model.activeSheetId);
  wb.views = [{ activeTab: Math.max(0, active), x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: "visible" }];
  return wb;
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: FakeSheet): void {
  // Column widths before cell styles: exceljs column styles overwrite cells styled earlier.
  for (const [c, pt] of sheet.columnWidths) ws.getColumn(c).width = pointsToChars(pt);
  for (const [k, cell] of sheet.cells) {
    const { r, c } = keyCell(k);
    const target = ws.getCell(r, c);
    if (cell.formula) {
      const result = cell.value === "" ? undefined : cell.value;
      target.value = { formula: cell.formula.slice(1), result } as ExcelJS.CellFormulaValue;
    } else if (cell.value !== "") target.value = cell.value;
    const style = styleOf(cell);
    if (Object.keys(style).length) target.style = style;
  }
  for (const [r, h] of sheet.rowHeights) ws.getRow(r).height = h;
  for (const m of sheet.merges) ws.mergeCells(rectAddress(m));
  const dv = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
  for (const v of sheet.validations) {
    const address = rectAddress(v.rect);
    if (v.list) {
      dv.add(address, {
        type: "list",
        allowBlank: true,
        formulae: [`"${v.list.join(",")}"`],
        showInputMessage: Boolean(v.prompt),
        prompt: v.prompt?.message,
        promptTitle: v.prompt?.title,
        showErrorMessage: true,
        errorStyle: "warning",
        error: v.errorAlert?.message,
      });
    } else if (v.prompt) ws.getCell(v.rect.r1, v.rect.c1).note = v.prompt.message;
  }
  if (sheet.freeze) ws.views = [{ state: "frozen", xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }];
  if (sheet.tabColor) ws.properties.tabColor = { argb: "FF" + sheet.tabColor };
  const p = sheet.pageLayout;
  if (p.paperSize || p.printArea) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: p.paperSize === "A4" ? 9 : undefined,
      orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
      fitToPage: Boolean(p.fitToWidth),
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: p.printArea,
      printTitlesRow: p.printTitleRows?.replace(/\$/g, ""),
      margins: p.margins as ExcelJS.Margins | undefined,
      horizontalCentered: p.centerHorizontally,
    } as ExcelJS.PageSetup;
    if (p.centerFooter) ws.headerFooter = { ...ws.headerFooter, oddFooter: p.centerFooter, evenFooter: p.centerFooter };
  }
  for (const row of sheet.pageBreaks) ws.getRow(row - 1).addPageBreak();
}

export async function saveXlsx(model: FakeWorkbook): Promise<Uint8Array> {
  return new Uint8Array(await toExcelJs(model).xlsx.writeBuffer());
}
