/** The 自评报告 sheet (report.md): the report model rendered as a sheet. */
import type { Evaluation } from "../evaluate";
import type { SheetPlan } from "../plan";
import { type ScoreSheetLayout, buildScoreSheet } from "../sheets/scoreSheet";
import { type ReportModel, buildReportModel } from "./model";
import { renderReportSheet } from "./sheet";

export function buildReportSheet(ev: Evaluation, layout: ScoreSheetLayout): SheetPlan {
  return renderReportSheet(buildReportModel(ev, layout));
}

/** The model alone (the .docx, the task pane): laid out against the 评分结果 the engine writes. */
export function reportModel(ev: Evaluation): ReportModel {
  return buildReportModel(ev, buildScoreSheet(ev).layout);
}

export { buildReportModel, renderReportSheet };
export type { ReportModel };
export type { AppendixRow, AppendixTable, Block } from "./model";
export { type Figure, type Paragraph, type Part, figureText, partsFormula, partsText } from "./parts";
export { PAGE_MARGINS_MM } from "./sheet";
export { type FontRole, LATIN_FONT, REPORT_FONTS } from "./typography";
