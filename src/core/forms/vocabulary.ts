/**
 * The words official 自评表 forms use (forms.md "What varies", docs/forms.md "Header synonyms"):
 * every accepted header per field, and the labels of the fund block and the title area. Data, so a
 * province's new wording is one more string here.
 */

export const INDICATOR_FIELDS = {
  level1: ["一级指标"],
  level2: ["二级指标"],
  name: ["三级指标"],
  target: ["年度指标值", "指标值", "年度目标值", "目标值", "年度绩效指标值", "预期指标值"],
  actual: ["实际完成值", "实际值", "完成值", "全年实际值", "实际完成情况", "全年实际完成值", "实际完成指标值", "全年完成值", "完成情况"],
  weight: ["分值", "权重", "标准分", "分数", "权重分", "参考分值", "指标分值", "指标权重"],
  score: ["得分", "自评得分", "评分", "实际得分", "指标得分", "自评分"],
  /** A reviewer's score beside the department's: read and shown, never mixed in. */
  review: ["复核得分", "复核分", "财政审核评分", "审核得分", "复评得分", "财政复核得分"],
  deviation: [
    "偏差原因分析及改进措施",
    "偏差原因",
    "未完成原因和改进措施",
    "偏差原因分析",
    "未完成原因分析及改进措施",
    "未完成原因分析",
    "未完成原因",
    "偏差原因及改进措施",
  ],
  nature: ["指标性质"],
  unit: ["度量单位", "计量单位"],
  method: ["评分方法"],
} as const;
export type IndicatorField = keyof typeof INDICATOR_FIELDS;

export const FUND_FIELDS = {
  initial: ["年初预算数", "年初预算"],
  budget: ["全年预算数", "预算数", "调整后预算数", "全年预算", "调整预算数", "全年调整预算数"],
  spent: ["全年执行数", "执行数", "实际支出", "全年实际支出", "实际执行数", "预算执行数", "全年执行"],
  weight: ["分值", "权重", "执行率权重"],
  rate: ["执行率", "预算执行率"],
  score: ["得分", "自评得分", "执行率得分"],
  review: ["复核得分", "复核分", "财政审核评分", "审核得分"],
} as const;
export type FundField = keyof typeof FUND_FIELDS;

/** Fund rows by their label (after a leading 其中：). Checked in this order. */
export const FUND_ROW_KINDS: ReadonlyArray<[RegExp, "total" | "source" | "basic" | "project"]> = [
  [/^(年度资金总额|资金总额|年度资金合计|合计|总计|资金合计|总额|年度总金额|年度资金)$/, "total"],
  [/^基本支出/, "basic"],
  [/^项目支出/, "project"],
  [/财政拨款|上年结转|结转|其他资金|其他收入|自有资金|收入|资金$|财政资金|一般公共预算|财政专户|单位资金/, "source"],
];

/** Labels of the title area whose value sits in the next cell (or after a colon in the same cell). */
export const INFO_LABELS = [
  "项目名称",
  "主管部门",
  "实施单位",
  "单位名称",
  "部门名称",
  "部门",
  "填报单位",
  "预算单位",
  "部门（单位）名称",
  "项目单位",
  "主管部门及代码",
  "专项资金名称",
  "县级主管部门",
];
/** Which label names the unit, most specific first. */
export const UNIT_LABELS = ["实施单位", "单位名称", "部门名称", "部门（单位）名称", "填报单位", "预算单位", "项目单位", "部门", "主管部门"];

/** Rows that end an indicator block. */
export const TOTAL_LABELS = ["总分", "合计", "总计", "综合得分", "自评总分"];

/** A filled total on a header line (`自评得分 98`, `自评总分：99.68`): the department's own. */
export const HEADER_TOTAL_LABELS = ["自评得分", "自评总分", "自评分", "总得分"];
/** The reviewer's total on a header line. */
export const HEADER_REVIEW_LABELS = ["财政审核评分", "复核得分", "审核得分"];

/** A form's title contains one of these. */
export const TITLE_WORDS = ["自评表", "绩效自评"];
