/** The parsed input: what the engine knows after reading the four input sheets. */
import type { AmountUnit, BudgetCategory, EvaluationType, Nature, TextSection, Tier } from "./contract";
import type { MethodId } from "./methods";
import type { Direction } from "./numbers";
import type { RuleProfile } from "./profiles";
import type { CellRef } from "./problems";

/**
 * A number read from a cell. A numeric cell is referenced by the formulas (so editing it updates
 * the scores); a number typed as text is written into 评分结果 as the parsed constant.
 */
export interface NumberSource {
  value: number;
  sheet: string;
  row: number;
  col: number;
  /** "cell": a numeric cell, referenced; "text": parsed from the text in `text`. */
  kind: "cell" | "text";
  text?: string;
  /** What the cell's own number is multiplied by to give `value` (100 for a percent-formatted cell). */
  scale: number;
  /**
   * Text whose number stands at a fixed place (`10期`, `≥ 95 %`, `"3,724,055.00"`): characters
   * before and after it. 评分结果 then reads it live with MID/VALUE, so editing the text to `12期`
   * moves the score; without it the parsed constant is written.
   */
  extract?: { before: number; after: number };
}

export interface BasicInfo {
  unitName: string;
  year: number;
  evaluationType: EvaluationType;
  profile: RuleProfile;
  amountUnit: AmountUnit;
}

export interface BudgetLine {
  /** The sheet the line is on (预算执行, or a form's sheet). */
  sheet: string;
  row: number;
  category: BudgetCategory;
  item: string;
  initialBudget?: NumberSource;
  budget: NumberSource;
  spent: NumberSource;
  remark: string;
  remarkCell: CellRef;
}

/** A 合计 row: checked against the sum of lines, never added. */
export interface BudgetTotalRow {
  row: number;
  budget?: NumberSource;
  spent?: NumberSource;
}

export interface Indicator {
  /** The sheet the row is on (绩效指标, or a form's sheet). */
  sheet: string;
  /** Its row there; null for an item the profile adds (预算执行率). */
  row: number | null;
  level1: string;
  level2: string;
  name: string;
  nature: Nature;
  direction: Direction;
  method: MethodId;
  targetText: string;
  actualText: string;
  unit: string;
  target?: NumberSource;
  actual?: NumberSource;
  weight: NumberSource | { value: number; kind: "profile" };
  tier?: Tier;
  selfScore?: NumberSource;
  /**
   * A form row listed but not scored: its form is not yet evaluated (完成值 and 得分 all blank), or
   * has neither 分值 nor 得分 (completion reported, scores empty). Its score is null in the summary.
   */
  unscored?: "notEvaluated" | "noWeights";
  /** Shown and scored but outside the form's printed 总分 (an execution item the 总分 leaves out). */
  outsideTotal?: boolean;
  /** A form's reviewer's score (复核得分 / 财政审核评分): read and shown, never scored. */
  review?: NumberSource;
  deviation: string;
  /** The cells problems about the row point at: target, actual, weight, selfScore, deviation, name. */
  cells: { target: CellRef; actual: CellRef; weight: CellRef; selfScore: CellRef; deviation: CellRef; name?: CellRef };
}

interface InputBase {
  info: BasicInfo;
  budgetLines: BudgetLine[];
  budgetTotals: BudgetTotalRow[];
  indicators: Indicator[];
  /** 文字材料 paragraphs per 栏目, in sheet order. */
  texts: Partial<Record<TextSection, string[]>>;
}

/** Jixiao's template sheets. */
export interface TemplateInput extends InputBase {
  source: "template";
  form?: undefined;
}

/** An official 自评表 form (forms.md): where the form is and what it says beyond the scored rows. */
export interface FormInput extends InputBase {
  source: "form";
  form: FormInfo;
}

export type Input = TemplateInput | FormInput;

/** A 资金 row of a form as typed (for the appendix and the fund checks). */
export interface FundRow {
  row: number;
  label: string;
  kind: "total" | "source" | "basic" | "project" | "other";
  initial?: NumberSource;
  budget?: NumberSource;
  spent?: NumberSource;
}

export interface FormInfo {
  sheet: string;
  /** The title as typed (`2023年度项目支出绩效自评表`) and its cell. */
  title: string;
  titleCell: CellRef;
  projectName: string;
  /** Label/value pairs of the title area as typed (项目名称, 主管部门, 实施单位 …). */
  info: Array<{ label: string; value: string }>;
  fundLabel: string;
  fundRows: FundRow[];
  /** The total row's filled 执行率 and 得分 (checked, never used). */
  filledRate?: NumberSource;
  filledRateCell?: CellRef;
  goals: { planned: string; actual: string } | null;
  /** The 总分 row's filled 得分, else a header line's (`自评得分 98`); null where none. */
  filledTotal: NumberSource | null;
  /** A reviewer's total on a header line (`财政审核评分 95`): shown, never mixed in. */
  reviewTotal?: NumberSource;
  /** Rows under a scored row (`其中…`, `（1）…`): shown, never scored. */
  breakdown?: Array<{ row: number; name: string; targetText: string; actualText: string }>;
  totalScoreCell: CellRef;
  totalWeightCell: CellRef;
  /** The indicator header's 得分 column is missing: filled scores unknown. */
  hasScoreColumn: boolean;
}
