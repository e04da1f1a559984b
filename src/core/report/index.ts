/** The 自评报告 sheet (report.md). Placeholder until the report issue lands: title only. */
import { SHEET } from "../contract";
import type { Evaluation } from "../evaluate";
import { SheetBuilder, type SheetPlan, text } from "../plan";
import type { ScoreSheetLayout } from "../sheets/scoreSheet";

export function buildReportSheet(ev: Evaluation, layout: ScoreSheetLayout): SheetPlan {
  void layout;
  const { info } = ev.input;
  const b = new SheetBuilder(SHEET.report, { title: { font: { size: 22 } } });
  b.set(1, 1, text(`${info.year}年度${info.unitName}${info.evaluationType}绩效自评报告`, "title"));
  return b.build();
}
