/** Synthetic summaries for the pane's unit tests: a template run and a workbook of two forms. */
import { cellRef, warningIssue } from "../../../src/core/problems";
import type { FormSummary, IndicatorSummary, Summary } from "../../../src/core/summary";

const indicator = (
  name: string,
  weight: number,
  score: number,
  filledScore: number | null,
  row: number,
  sheet = "Sheet1",
): IndicatorSummary => ({
  row,
  level1: "产出指标",
  level2: "数量指标",
  name,
  method: "正向比例",
  weight,
  score,
  completion: null,
  cell: `${sheet}!D${row}`,
  filledScore,
  filledCell: `${sheet}!H${row}`,
  ref: cellRef(sheet, row, 4),
  filledRef: cellRef(sheet, row, 8),
});

export function formA(): FormSummary {
  return {
    sheet: "Sheet1",
    title: "项目支出绩效自评表",
    titleCell: "Sheet1!A1",
    unit: "市直机关党建研究会",
    project: "市直机关党建品牌建设项目",
    year: 2023,
    type: "项目支出",
    budget: { total: 118.5, basic: 0, project: 118.5 },
    spent: { total: 117.32, basic: 0, project: 117.32 },
    executionRate: { total: 0.99004, basic: null, project: 0.99004 },
    score: { total: 89.3, filled: 96.9, max: 100, grade: "良", filledGrade: "优" },
    differences: 2,
    indicators: [
      indicator("预算执行率", 10, 9.9, 9.9, 6),
      indicator("举办培训班期数", 20, 20, 20, 13),
      indicator("培训合格率", 20, 16.84, 20, 15),
      indicator("培训人次", 10, 10, null, 16),
      indicator("学员满意度", 20, 15.56, 20, 18),
    ],
  };
}

export function formB(): FormSummary {
  return {
    ...formA(),
    sheet: "项目B",
    titleCell: "项目B!A1",
    project: "城市社区治理试点项目",
    unit: "市民政局",
    score: { total: 100, filled: 100, max: 100, grade: "优", filledGrade: "优" },
    differences: 0,
    indicators: [indicator("试点社区数", 40, 40, 40, 13, "项目B")],
  };
}

export function formsSummary(forms: FormSummary[] = [formA(), formB()], reported = forms[0]): Summary {
  return {
    source: "form",
    unit: reported.unit,
    sheet: reported.sheet,
    project: reported.project,
    year: reported.year,
    type: reported.type,
    profile: "mof-2020-project",
    budget: reported.budget,
    spent: reported.spent,
    executionRate: reported.executionRate,
    score: { total: reported.score.total!, max: 100, grade: reported.score.grade!, filled: reported.score.filled },
    reportedScores: "rule",
    indicators: reported.indicators as IndicatorSummary[],
    warnings: [
      warningIssue(
        cellRef("Sheet1", 18, 8),
        "filled.differs",
        { name: "学员满意度", filled: 20, rule: "15.56", why: "正向比例" },
        "学员满意度",
      ),
    ],
    errors: [],
    forms,
  };
}

export function templateSummary(): Summary {
  return {
    source: "template",
    unit: "某某局",
    year: 2024,
    type: "部门整体支出",
    profile: "dept-overall",
    budget: { total: 3970.64, basic: 1000, project: 2970.64 },
    spent: { total: 3970.64, basic: 1000, project: 2970.64 },
    executionRate: { total: 1, basic: 1, project: 1 },
    score: { total: 96.9, max: 100, grade: "优" },
    indicators: [],
    warnings: [],
    errors: [],
  };
}
