/** The JSON summary of cli.md: amounts in 万元, rates as fractions (null where the budget is 0). */
import type { CellIssue } from "./issues";
import type { Evaluation } from "./evaluate";
import type { MethodId } from "./methods";
import type { FormInput } from "./model";
import { sheetRef } from "./cells";
import { type CellRef, refName } from "./problems";
import { differingItems, filledTotal, gradeOf } from "./forms/filled";

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
  /** Forms with a reviewer's column (复核得分 / 财政审核评分): that score, shown beside, never mixed in. */
  reviewScore?: number;
  /** Forms only: the places of `cell` and `filledCell`, for hosts that select them. */
  ref?: CellRef;
  filledRef?: CellRef;
}

/** A form's row: weight and score null where the row is listed but not scored (a form not yet evaluated, or with neither 分值 nor 得分). */
export interface FormIndicatorSummary extends Omit<IndicatorSummary, "weight" | "score"> {
  weight: number | null;
  score: number | null;
}

/** One official form found in the workbook (cli.md "Forms"). */
export interface FormSummary {
  sheet: string;
  /** The title as the form has it, and where: `Sheet1!A1`. */
  title: string;
  titleCell: string;
  unit: string;
  project: string;
  /** null where the form prints no year and no 填报日期 tells it (forms.md "No year printed"). */
  year: number | null;
  type: string;
  budget: { total: number; basic: number; project: number };
  spent: { total: number; basic: number; project: number };
  executionRate: { total: number | null; basic: number | null; project: number | null };
  /** total, max and grade are null for a form read but not scored (forms.md: “its scores are empty”). */
  score: { total: number | null; filled: number | null; max: number | null; grade: string | null; filledGrade: string | null };
  /** A reviewer's total on a header line (`财政审核评分 95`): shown, never mixed in. */
  reviewTotal?: number;
  /** Rows (execution item included) where the filled 得分 differs from the rule score. */
  differences: number;
  indicators: FormIndicatorSummary[];
}

export interface Summary {
  /** What the workbook held: Jixiao's input template, or official 自评表 forms. */
  source: "template" | "form";
  unit: string;
  /** Forms: the reported form's sheet and project name. */
  sheet?: string;
  project?: string;
  year: number | null;
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
    year: info.year || null,
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

/** A form's row cell as cli.md names it: the row's first cell, sheet quoted (`'Sheet1'!D14`). */
function indicatorSummary(i: Evaluation["items"][number]): IndicatorSummary {
  const ind = i.indicator;
  return {
    row: ind.row,
    level1: ind.level1,
    level2: ind.level2,
    name: ind.name,
    method: ind.method,
    weight: i.weight,
    score: i.score,
    completion: ind.unscored === "notEvaluated" ? null : i.completion,
    cell: ind.cells.name && ind.row !== null ? sheetRef(ind.sheet, ind.cells.name.row, ind.cells.name.col) : undefined,
    filledScore: ind.selfScore ? ind.selfScore.value : null,
    filledCell: refName(ind.cells.selfScore),
    ...(ind.review ? { reviewScore: ind.review.value } : {}),
    ...(ind.cells.name && ind.row !== null ? { ref: ind.cells.name } : {}),
    filledRef: ind.cells.selfScore,
  };
}

/** A form read but not scored: its indicator rows are listed without scores. */
function unscored(ev: Evaluation): boolean {
  return ev.input.indicators.some((i) => i.unscored);
}

function formSummary(ev: Evaluation<FormInput>): FormSummary {
  const form = ev.input.form;
  const filled = filledTotal(ev);
  return {
    sheet: form.sheet,
    title: form.title,
    titleCell: refName(form.titleCell),
    unit: ev.input.info.unitName,
    project: form.projectName,
    year: ev.input.info.year || null,
    type: ev.input.info.evaluationType,
    budget: { ...ev.budget },
    spent: { ...ev.spent },
    executionRate: { ...ev.rates },
    score: unscored(ev)
      ? { total: null, filled, max: null, grade: null, filledGrade: filled === null ? null : gradeOf(filled) }
      : { total: ev.totalScore, filled, max: ev.maxScore, grade: ev.grade, filledGrade: filled === null ? null : gradeOf(filled) },
    ...(form.reviewTotal ? { reviewTotal: form.reviewTotal.value } : {}),
    differences: differingItems(ev).length,
    indicators: ev.items.map((i): FormIndicatorSummary => {
      const row = indicatorSummary(i);
      const u = i.indicator.unscored;
      return { ...row, weight: u === "noWeights" ? null : row.weight, score: u ? null : row.score };
    }),
  };
}

/** The summary of a forms workbook: the reported form on top, every form in `forms`. */
export function summarizeForms(
  evaluations: readonly Evaluation<FormInput>[],
  chosen: Evaluation<FormInput>,
  reported: Evaluation,
  warnings: CellIssue[],
  scores: "rule" | "filled",
  errors: CellIssue[] = [],
): Summary {
  const base = summarize(reported);
  const form = chosen.input.form;
  return {
    ...base,
    source: "form",
    sheet: form.sheet,
    project: form.projectName,
    score: { ...base.score, filled: filledTotal(chosen) },
    reportedScores: scores,
    indicators: chosen.items.map(indicatorSummary),
    warnings,
    errors,
    forms: evaluations.map(formSummary),
  };
}
