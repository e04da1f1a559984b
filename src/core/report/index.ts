/** The 自评报告 sheet (report.md): the report model rendered as a sheet. */
import type { Evaluation } from "../evaluate";
import type { SheetPlan } from "../plan";
import { type ScoreSheetLayout, buildScoreSheet } from "../sheets/scoreSheet";
import { APPENDIX_COLUMN_PIXELS, formFigureText, renderAppendixSheet } from "./appendixSheet";
import { type ReportModel, buildReportModel } from "./model";
import { buildOfficialForm } from "./officialFormData";
import { renderReportSheet } from "./sheet";

export function buildReportSheet(ev: Evaluation, layout: ScoreSheetLayout): SheetPlan {
  return renderReportSheet(buildReportModel(ev, layout));
}

/** The 附表 sheet (自评报告附表): the official 自评表 form, landscape, figures live on 评分结果. */
export function buildAppendixSheet(ev: Evaluation, layout: ScoreSheetLayout): SheetPlan {
  return renderAppendixSheet(buildOfficialForm(ev, layout));
}

/** The model alone (the .docx, the task pane): laid out against the 评分结果 the engine writes. */
export function reportModel(ev: Evaluation): ReportModel {
  return buildReportModel(ev, buildScoreSheet(ev).layout);
}

export { APPENDIX_COLUMN_PIXELS, buildOfficialForm, formFigureText, buildReportModel, renderAppendixSheet, renderReportSheet };
export type { ReportModel };
export type { Block } from "./model";
export type { OfficialForm, OfficialFormFundRow, OfficialFormIndicator } from "./officialForm";
export { type Figure, type Paragraph, type Part, figureText, partsFormula, partsText } from "./parts";
export { PAGE_MARGINS_MM } from "./sheet";
export { type FontRole, LATIN_FONT, REPORT_FONTS } from "./typography";
