/**
 * What a careful reviewer computes by hand for each corpus workbook (forms.md, docs/forms.md,
 * scoring.md). Written as literals — never computed by the engine.
 */
import type ExcelJS from "exceljs";
import type { MethodId } from "../../core/methods";

/**
 * The bullets of forms.md "What varies in the forms people actually fill", each by its opening
 * words as forms.md has them: every corpus entry names the bullets it covers with these.
 */
export const VARIES = {
  names: "Sheet names, title wording",
  synonyms: "Header synonyms",
  twoRow: "Two-row headers",
  order: "Column order differs",
  operators: "Operators in targets and actuals",
  units: "Units trailing numbers in the target",
  amounts: "Amounts: numbers, or text",
  labelWeights: "Weights stated in labels rather than a 分值 column",
  rate: "执行率 as a number, a percent-formatted number",
  unused: "Unused template lines",
  operatorActual: "An actual written with the target's operator",
  noWeight: "No 分值 column and no weight in the labels",
  noTarget: "An indicator with a 分值 and a filled 得分 but neither target nor actual",
  several: "Several forms in one workbook",
} as const;

/** Narrower quotes of forms.md a corpus entry may name besides the bullets (checks, sub-cases). */
export const ALSO = {
  subtotals: "Subtotal lines",
  time: "Time targets",
  deptForm: "部门整体支出绩效自评表",
  wrongScore: "Filled 得分 ≠ rule score on a quantitative row",
  wrongTotal: "Filled 总分 ≠ the sum of the filled items",
  wrongRate: "filled 执行率 ≠ 执行数 / 预算数",
  wrongExecScore: "filled execution 得分 ≠ 分值 × min(rate, 1)",
  weightSum: "分值 (with the execution item) not summing to 100",
  aboveWeight: "an item's 得分 above its 分值",
  tier: "A 定性 得分 outside its tier",
  noReason: "a row short of target, or scored below full, with no 偏差原因",
  sources: "The sub-rows of the fund block",
  over130: "A target met by ≥ 130% with no explanation",
  missing: "Where no form and no template is found",
} as const;

export type Variant = (typeof VARIES)[keyof typeof VARIES] | (typeof ALSO)[keyof typeof ALSO];

export interface ExpectedIndicator {
  /** As shown: without an `指标1：` prefix. */
  name: string;
  method: MethodId;
  weight: number;
  /** The rule score (ROUND(x, 2)). */
  score: number;
  /** The department's 得分 as typed, null where blank. */
  filled: number | null;
}

export interface ExpectedForm {
  sheet: string;
  type: "项目支出" | "部门整体支出";
  year: number;
  /** 项目名称; null: not asserted (部门整体 forms have none). */
  project: string | null;
  unit: string;
  /** 万元, whatever the form's unit. */
  budget: number;
  spent: number;
  /** 部门整体 forms: the 基本支出 / 项目支出 split of budget and spent, where the form states it. */
  split?: { basic: [number, number]; project: [number, number] };
  /** A fraction; null where the budget is 0. */
  rate: number | null;
  /** The execution item (预算执行率, method 执行率); null: the form has none. */
  execution: { weight: number; score: number; filled: number | null } | null;
  indicators: ExpectedIndicator[];
  /** rule: sum of the rounded items; filled: the 总分 row's 得分 (null where blank); max: the sum of 分值. */
  total: { rule: number; filled: number | null; max: number; grade: "优" | "良" | "中" | "差" };
  /** Rows (execution included) whose filled 得分 is given and differs from the rule score. */
  differences: number;
}

/**
 * A warning or error: `cell` as users read it (`Sheet1!I12`, any of several where the rule allows
 * either), or a whole row (`Sheet1!12`) where docs/forms.md names no column; `includes` is a
 * fragment of the message from docs/forms.md's tables ("" where they give none).
 */
export interface ExpectedIssue {
  cell: string | string[];
  includes: string;
  /** Exactly this many matching issues (forms.md: "a warning says so once for the block"). */
  count?: number;
}

export type Expected = { forms: ExpectedForm[]; warnings: ExpectedIssue[] } | { error: ExpectedIssue[] };

export interface CorpusEntry {
  name: string;
  /** The forms.md bullets (and checks) this workbook covers, quoted. */
  variants: Variant[];
  build(): Promise<ExcelJS.Workbook>;
  expected: Expected;
}
