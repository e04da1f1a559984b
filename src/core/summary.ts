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
}

export interface Summary {
  unit: string;
  year: number;
  type: string;
  profile: string;
  budget: { total: number; basic: number; project: number };
  spent: { total: number; basic: number; project: number };
  executionRate: { total: number | null; basic: number | null; project: number | null };
  score: { total: number; max: number; grade: string };
  indicators: IndicatorSummary[];
  warnings: CellIssue[];
  errors: CellIssue[];
}

export function summarize(ev: Evaluation): Summary {
  const { info } = ev.input;
  return {
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
