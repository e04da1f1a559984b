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

/**
 * The bullets of forms.md "More that published forms do", each by its bold opening words as forms.md
 * has them: the corpus holds one workbook per bullet, built after a published table (README.md).
 */
export const MORE = {
  placeholders: "Placeholders",
  headerWords: "More header words",
  fundBlocks: "Fund blocks",
  headerTotals: "Header lines carrying results",
  severalBlocks: "Several indicator blocks in one form",
  frameworks: "Frameworks beside 产出/效益/满意度",
  blockWeights: "Weights only on a block label",
  totalWithoutExecution: "A 总分 that leaves the execution item out",
  breakdown: "Breakdown rows",
  twoScores: "Two score columns",
  bareRate: "A bare rate",
  yearOnly: "Year-only deadlines",
  tierNotes: "Tier notes",
  smallerHabits: "Smaller habits",
  noYear: "No year printed",
  oneUnreadable: "One form that cannot be read never sinks the others.",
  nothingToScore: "A form with no 分值 and no 得分 at all",
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

export type Variant = (typeof VARIES)[keyof typeof VARIES] | (typeof MORE)[keyof typeof MORE] | (typeof ALSO)[keyof typeof ALSO];

export interface ExpectedIndicator {
  /** As shown: without an `指标1：` prefix. */
  name: string;
  method: MethodId;
  /** null: the form has no weights to give (forms.md "A form with no 分值 and no 得分 at all"). */
  weight: number | null;
  /** The rule score (ROUND(x, 2)); null where the form is not scored (no 分值, or not yet evaluated). */
  score: number | null;
  /** The department's 得分 as typed, null where blank. */
  filled: number | null;
  /** Where asserted: the target met (完成率 ≥ 100%) or not; null: completion unknown (not yet evaluated). */
  met?: boolean | null;
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
  /**
   * rule: sum of the rounded items; filled: the 总分 row's 得分 (null where blank); max: the sum of 分值.
   * null: the form is read but not scored (its score total and filled total are null).
   */
  total: { rule: number; filled: number | null; max: number; grade: "优" | "良" | "中" | "差" } | null;
  /** The printed 总分 leaves the execution item out: rule and max are the indicators' alone. */
  executionOutsideTotal?: boolean;
  /** Rows (execution included) whose filled 得分 is given and differs from the rule score. */
  differences: number;
  /**
   * A reviewer's column (复核得分 / 财政审核评分): its total and each indicator's score in order
   * (execution left out), shown beside the department's, never mixed in.
   */
  review?: { total: number; indicators: Array<number | null> };
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

export type Expected =
  | {
      forms: ExpectedForm[];
      warnings: ExpectedIssue[];
      /** Forms that cannot be read beside forms that can: reported with their cells, the run goes on (exit 0). */
      errors?: ExpectedIssue[];
      /** Warnings that must not be given (a check that would misread the form). */
      absent?: ExpectedIssue[];
    }
  | { error: ExpectedIssue[] };

export interface CorpusEntry {
  name: string;
  /** The forms.md bullets (and checks) this workbook covers, quoted. */
  variants: Variant[];
  build(): Promise<ExcelJS.Workbook>;
  expected: Expected;
}
