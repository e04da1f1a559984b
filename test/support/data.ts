/** Small hand-made inputs for unit tests, built around one indicator or budget line at a time. */
import type { InputData } from "../../src/core/sheets/inputSheets";

type IndicatorRow = InputData["indicators"][number];

export function baseData(): InputData {
  return {
    basicInfo: { unitName: "测试单位", year: 2024, type: "部门整体支出", profile: "dept-overall", amountUnit: "万元" },
    budget: [
      { category: "基本支出", item: "人员经费", budget: 100, spent: 100 },
      { category: "项目支出", item: "项目甲", budget: 50, spent: 40, remark: "采购延期" },
    ],
    indicators: [],
    texts: [],
  };
}

/** Data with one indicator under test (weight w) and a filler row so the weights sum to 100. */
export function withIndicator(row: IndicatorRow, extra: Partial<InputData> = {}): InputData {
  const w = typeof row.weight === "number" ? row.weight : 10;
  const d = baseData();
  d.indicators = [
    { level1: "产出指标", level2: "数量指标", ...row },
    { level1: "产出指标", level2: "数量指标", name: "补足分值", target: 1, actual: 1, weight: 100 - w },
  ];
  return { ...d, ...extra };
}
