/** The parsed input: what the engine knows after reading the four input sheets. */
import type { AmountUnit, BudgetCategory, EvaluationType, Nature, TextSection, Tier } from "./contract";
import type { MethodId } from "./methods";
import type { Direction } from "./numbers";
import type { RuleProfile } from "./profiles";

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
}

export interface BasicInfo {
  unitName: string;
  year: number;
  evaluationType: EvaluationType;
  profile: RuleProfile;
  amountUnit: AmountUnit;
}

export interface BudgetLine {
  row: number;
  category: BudgetCategory;
  item: string;
  initialBudget?: NumberSource;
  budget: NumberSource;
  spent: NumberSource;
  remark: string;
  remarkCell: string;
}

/** A 合计 row: checked against the sum of lines, never added. */
export interface BudgetTotalRow {
  row: number;
  budget?: NumberSource;
  spent?: NumberSource;
}

export interface Indicator {
  /** Row in 绩效指标; null for an item the profile adds (预算执行率). */
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
  deviation: string;
  /** Cell names for messages: target, actual, weight, selfScore, deviation. */
  cells: { target: string; actual: string; weight: string; selfScore: string; deviation: string };
}

export interface Input {
  info: BasicInfo;
  budgetLines: BudgetLine[];
  budgetTotals: BudgetTotalRow[];
  indicators: Indicator[];
  /** 文字材料 paragraphs per 栏目, in sheet order. */
  texts: Partial<Record<TextSection, string[]>>;
}
