/**
 * The workbook contract (shared/spec/workbook.md): sheet names, header texts and the fixed
 * vocabularies users type. These zh-CN strings are data the user sees in Excel, so they live in
 * one place and every parser, template and test takes them from here.
 */

export const SHEET = {
  basicInfo: "基本信息",
  budget: "预算执行",
  indicators: "绩效指标",
  texts: "文字材料",
  scores: "评分结果",
  report: "自评报告",
  /** The report's 附表, the official 自评表 form: a landscape sheet of its own. */
  appendix: "自评报告附表",
} as const;

export const INPUT_SHEETS = [SHEET.basicInfo, SHEET.budget, SHEET.indicators, SHEET.texts] as const;
export const OUTPUT_SHEETS = [SHEET.scores, SHEET.report, SHEET.appendix] as const;
/** The template's sheets that must all exist for a workbook to be read as the template (文字材料 is optional). */
export const TEMPLATE_SHEETS = [SHEET.basicInfo, SHEET.budget, SHEET.indicators] as const;

export const BASIC_INFO_HEADERS = { label: "项目", value: "内容" } as const;
export const BASIC_INFO_LABELS = {
  unitName: "单位名称",
  year: "年度",
  evaluationType: "评价类型",
  profile: "评分规则",
  amountUnit: "金额单位",
} as const;

export const BUDGET_HEADERS = {
  category: "支出类别",
  item: "项目名称",
  initialBudget: "年初预算数",
  budget: "全年预算数",
  spent: "全年执行数",
  remark: "备注",
} as const;

export const INDICATOR_HEADERS = {
  level1: "一级指标",
  level2: "二级指标",
  name: "三级指标",
  nature: "指标性质",
  direction: "指标方向",
  target: "年度指标值",
  unit: "计量单位",
  actual: "实际完成值",
  weight: "分值",
  method: "评分方法",
  tier: "完成情况",
  selfScore: "自评得分",
  deviation: "偏差原因分析及改进措施",
} as const;

export const TEXT_HEADERS = { section: "栏目", content: "内容" } as const;

export const EVALUATION_TYPES = ["部门整体支出", "项目支出"] as const;
export type EvaluationType = (typeof EVALUATION_TYPES)[number];

export const AMOUNT_UNITS = ["万元", "元"] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

export const CATEGORY = { basic: "基本支出", project: "项目支出", total: "合计" } as const;
/**
 * A template line is 基本支出 or 项目支出; a form's 年度资金总额 row is "total" (its execution rate is
 * the rate scored, forms.md), beside which 基本支出 / 项目支出 rows only split it.
 */
export type BudgetCategory = "basic" | "project" | "total";

export const NATURES = ["定量", "定性"] as const;
export type Nature = (typeof NATURES)[number];

export const TIERS = {
  achieved: "达成年度指标",
  partly: "部分达成年度指标并具有一定效果",
  missed: "未达成年度指标且效果较差",
} as const;
export type Tier = keyof typeof TIERS;
/** Short forms users type, mapped to the tier; longest first so 未达成 is not read as 达成. */
export const TIER_ALIASES: ReadonlyArray<[string, Tier]> = [
  [TIERS.partly, "partly"],
  [TIERS.missed, "missed"],
  [TIERS.achieved, "achieved"],
  ["部分达成", "partly"],
  ["未达成", "missed"],
  ["达成", "achieved"],
];

/** 文字材料 栏目 values, in report order. */
export const TEXT_SECTIONS = [
  "部门职能",
  "年度总体工作和重点工作任务",
  "部门整体支出绩效目标",
  "收支情况说明",
  "部门整体绩效管理情况",
  "履职效能分析",
  "管理效率分析",
  "存在的主要问题",
  "下一步改进措施",
] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** The member of a vocabulary a text names, typed as that vocabulary's (undefined: none). */
export function oneOf<T extends string>(vocabulary: readonly T[], text: string): T | undefined {
  return vocabulary.find((word) => word === text);
}
