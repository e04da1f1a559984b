/** The JSON summary of cli.md: amounts in 万元, rates as fractions (null where the budget is 0). */
import type { CellIssue } from "./issues";
import type { Evaluation } from "./evaluate";
import type { MethodId } from "./methods";

export interface IndicatorSummary {
  row: number | null;
  level1: string;
  level2: string;
  name: string;
  method: MethodId;
  weight: number;
  score: number;
  completion: number | null;
  /** Forms only: the row's first cell (`'Sheet1'!D14`), the filled 得分 (null where blank) and its cell. */
  cell?: string;
  filledScore?: number | null;
  filledCell?: string;
}

/** One official form found in the workbook (cli.md "Forms"). */
export interface FormSummary {
  sheet: string;
  /** The title as the form has it, and where: `Sheet1!A1`. */
  title: string;
  titleCell: string;
  unit: string;
  project: string;
  year: number;
  type: string;
  budget: { total: number; basic: number; project: number };
  spent: { total: number; basic: number; project: number };
  executionRate: { total: number | null; basic: number | null; project: number | null };
  score: { total: number; filled: number | null; max: number; grade: string; filledGrade: string | null };
  /** Rows (execution item included) where the filled 得分 differs from the rule score. */
  differences: number;
  indicators: IndicatorSummary[];
}

export interface Summary {
  /** What the workbook held: Jixiao's input template, or official 自评表 forms. */
  source: "template" | "form";
  unit: string;
  /** Forms: the reported form's sheet and project name. */
  sheet?: string;
  project?: string;
  year: number;
  type: string;
  profile: string;
  budget: { total: number; basic: number; project: number };
  spent: { total: number; basic: number; project: number };
  executionRate: { total: number | null; basic: number | null; project: number | null };
  score: { total: number; max: number; grade: string; filled?: number | null };
  /** Which scores the report states (forms: `--scores filled` reports the department's own). */
  reportedScores?: "rule" | "filled";
  indicators: IndicatorSummary[];
  warnings: CellIssue[];
  errors: CellIssue[];
  /** Forms: every form found, in tab order. */
  forms?: FormSummary[];
}

export function summarize(ev: Evaluation): Summary {
  const { info } = ev.input;
  return {
    source: "template",
    unit: info.unitName,
    year: info.year,
    type: info.evaluationType,
    profile: info.profile.id,
    budget: { ...ev.budget },
    spent: { ...ev.spent },
    executionRate: { ...ev.rates },
    score: { total: ev.totalScore, max: ev.maxScore, grade: ev.grade },
    indicators: ev.items.map((i) => ({
      row: i.indicator.row,
      level1: i.indicator.level1,
      level2: i.indicator.level2,
      name: i.indicator.name,
      method: i.indicator.method,
      weight: i.weight,
      score: i.score,
      completion: i.completion,
    })),
    warnings: ev.warnings,
    errors: [],
  };
}
