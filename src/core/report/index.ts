/** The 自评报告 sheet (report.md): the report model rendered as a sheet. */
import type { SheetPlan } from "../plan";
import { APPENDIX_COLUMN_PIXELS, formFigureText, renderAppendixSheet } from "./appendixSheet";
import { type ReportModel, buildReportModel } from "./model";
import { buildOfficialForm } from "./officialFormData";
import { renderReportSheet } from "./sheet";

/** The 自评报告 sheet and its 附表 sheet (自评报告附表: the official 自评表 form, landscape), both from the one model. */
export function renderReportSheets(model: ReportModel): SheetPlan[] {
  const sheets = [renderReportSheet(model)];
  for (const block of model.blocks) if (block.kind === "appendix") sheets.push(renderAppendixSheet(block.form));
  return sheets;
}

export { APPENDIX_COLUMN_PIXELS, buildOfficialForm, formFigureText, buildReportModel, renderAppendixSheet, renderReportSheet };
export type { ReportModel };
export type { Block } from "./model";
export type { OfficialForm, OfficialFormFundRow, OfficialFormIndicator } from "./officialForm";
export { type Figure, type Paragraph, type Part, figureText, partsFormula, partsText } from "./parts";
export { PAGE_MARGINS_MM } from "./sheet";
export { type FontRole, LATIN_FONT, REPORT_FONTS } from "./typography";
