/**
 * Scores a parsed Input (scoring.md): execution rates, each indicator's score by its method, the
 * total, the grade and the warnings. Values come from the same Exprs the 评分结果 formulas print.
 */
import { type Expr, evaluate, evaluateNumber, iferror, num, str } from "./expr";
import { excelRound, formatAmount, formatRate } from "./format";
import type { CellIssue } from "./issues";
import { type CellRef, sheetRef, warningIssue } from "./problems";
import { METHODS, type MethodVar, gradeExpr, rateExpr } from "./methods";
import type { Indicator, Input } from "./model";
import { rateDenominator } from "./profiles";
import { SHEET } from "./contract";

export interface Amounts {
  total: number;
  basic: number;
  project: number;
}
export interface Rates {
  total: number | null;
  basic: number | null;
  project: number | null;
}

export interface ScoredItem {
  indicator: Indicator;
  weight: number;
  score: number;
  /** 完成率 (MethodDef.completion), null where undefined (T = 0, or a method scored by hand). */
  completion: number | null;
  /** The formula variables' values, for the sheet's cached cells. */
  env: Record<MethodVar, number>;
  expr: Expr;
}

export interface Evaluation<I extends Input = Input> {
  input: I;
  budget: Amounts;
  spent: Amounts;
  initialBudget: Amounts;
  rates: Rates;
  /** The rate a 执行率 item scores on (denominator per profile). */
  scoringRate: number;
  items: ScoredItem[];
  maxScore: number;
  totalScore: number;
  grade: string;
  warnings: CellIssue[];
}

/** Under-execution needs a reason below this rate (四川 rule). */
export const LOW_EXECUTION_RATE = 0.9;
/** Actual ≥ 130% of a ≥ target suggests a target set too low (广西 rule). */
export const OVER_ACHIEVEMENT = 1.3;

/** The total is the sum of the lines, or a form's 年度资金总额 row where there is one (its split rows only split it). */
function sumAmounts(input: Input, pick: (l: Input["budgetLines"][number]) => number | undefined): Amounts {
  const out = { total: 0, basic: 0, project: 0, lines: 0 };
  for (const line of input.budgetLines) {
    const v = pick(line) ?? 0;
    if (line.category === "total") out.total += v;
    else {
      out[line.category] += v;
      out.lines += v;
    }
  }
  const hasTotalRow = input.budgetLines.some((l) => l.category === "total");
  return { total: tidy(hasTotalRow ? out.total : out.lines), basic: tidy(out.basic), project: tidy(out.project) };
}

/** Sums of decimal amounts carry binary noise (2981.52 + 450.78); amounts have at most 6 decimals. */
function tidy(x: number): number {
  return excelRound(x, 8);
}

export function rateOf(spent: number, budget: number): number {
  return evaluateNumber(rateExpr(num(spent), num(budget)), {});
}

export function evaluateInput<I extends Input>(input: I, parseWarnings: CellIssue[] = []): Evaluation<I> {
  const profile = input.info.profile;
  const budget = sumAmounts(input, (l) => l.budget.value);
  const spent = sumAmounts(input, (l) => l.spent.value);
  const initialBudget = sumAmounts(input, (l) => l.initialBudget?.value);
  const rates: Rates = {
    total: budget.total > 0 ? rateOf(spent.total, budget.total) : null,
    basic: budget.basic > 0 ? rateOf(spent.basic, budget.basic) : null,
    project: budget.project > 0 ? rateOf(spent.project, budget.project) : null,
  };
  const denominator = rateDenominator(profile) === "年初预算数" ? initialBudget.total : budget.total;
  const scoringRate = rateOf(spent.total, denominator);

  const indicators = [...input.indicators];
  if (profile.executionRateItem) indicators.push(executionRateIndicator(profile.executionRateItem));
  const items = indicators.map((indicator) => scoreIndicator(indicator, scoringRate, profile));
  // An item outside a form's printed 总分 is scored and shown, not summed.
  const counted = items.filter((i) => !i.indicator.outsideTotal);
  const maxScore = excelRound(
    counted.reduce((s, i) => s + i.weight, 0),
    2,
  );
  const totalScore = excelRound(
    counted.reduce((s, i) => s + i.score, 0),
    2,
  );
  const grade = String(evaluate(gradeExpr(num(totalScore)), {}));

  const warnings = [...parseWarnings, ...budgetWarnings(input, budget, spent), ...indicatorWarnings(items, input.source)];
  return { input, budget, spent, initialBudget, rates, scoringRate, items, maxScore, totalScore, grade, warnings };
}

function executionRateIndicator(item: NonNullable<Input["info"]["profile"]["executionRateItem"]>): Indicator {
  // Added by the profile, it stands on no row: problems about it point at 预算执行.
  const none = sheetRef(SHEET.budget);
  return executionIndicator({
    sheet: SHEET.budget,
    row: null,
    level1: item.level1,
    level2: item.level2,
    weight: { value: item.weight, kind: "profile" },
    cells: { target: none, actual: none, weight: none, selfScore: none, deviation: none },
  });
}

/** The 预算执行率 item (method 执行率, target 100%): the profile's, or a form's fund block's. */
export function executionIndicator(
  fields: Pick<Indicator, "sheet" | "row" | "level1" | "level2" | "weight" | "cells"> & { selfScore?: Indicator["selfScore"] },
): Indicator {
  return {
    ...fields,
    name: "预算执行率",
    nature: "定量",
    direction: ">=",
    method: "执行率",
    targetText: "100%",
    actualText: "",
    unit: "%",
    deviation: "",
  };
}

function scoreIndicator(indicator: Indicator, rate: number, profile: Input["info"]["profile"]): ScoredItem {
  const def = METHODS[indicator.method];
  const env: Record<MethodVar, number> = {
    A: indicator.actual?.value ?? 0,
    T: indicator.target?.value ?? 0,
    W: indicator.weight.value,
    S: indicator.selfScore?.value ?? (indicator.method === "定性分档" ? indicator.weight.value : 0),
    R: rate,
  };
  const expr = def.score(profile);
  const score = evaluateNumber(expr, env);
  const c = def.completion ? evaluate(iferror(def.completion, str("")), env) : "";
  const completion = typeof c === "number" ? c : null;
  return { indicator, weight: env.W, score, completion, env, expr };
}

function budgetWarnings(input: Input, budget: Amounts, spent: Amounts): CellIssue[] {
  const out: CellIssue[] = [];
  for (const line of input.budgetLines) {
    const name = line.item || (line.category === "basic" ? "基本支出" : "项目支出");
    if (line.spent.value > line.budget.value) {
      out.push(
        warningIssue(
          refOf(line.spent),
          "budget.overspent",
          { name, spent: formatAmount(line.spent.value), budget: formatAmount(line.budget.value) },
          name,
        ),
      );
    }
    const rate = line.budget.value > 0 ? rateOf(line.spent.value, line.budget.value) : null;
    // A form has no 备注 for its fund rows.
    if (input.source === "template" && rate !== null && rate < LOW_EXECUTION_RATE && !line.remark) {
      out.push(warningIssue(line.remarkCell, "budget.lowRate", { name, rate: formatRate(rate) }, name));
    }
  }
  for (const t of input.budgetTotals) {
    const checks: Array<[typeof t.budget, number, string]> = [
      [t.budget, budget.total, "全年预算数"],
      [t.spent, spent.total, "全年执行数"],
    ];
    for (const [source, sum, label] of checks) {
      if (source && Math.abs(source.value - sum) > 5e-7) {
        out.push(
          warningIssue(refOf(source), "budget.totalDiffers", { field: label, value: formatAmount(source.value), sum: formatAmount(sum) }),
        );
      }
    }
  }
  return out;
}

function indicatorWarnings(items: ScoredItem[], source: Input["source"]): CellIssue[] {
  const out: CellIssue[] = [];
  for (const { indicator: ind, score, weight, completion } of items) {
    if (ind.row === null || ind.unscored || (source === "form" && ind.method === "执行率")) continue;
    const short = score < weight;
    if (short && !ind.deviation && (ind.nature === "定量" || ind.tier !== "achieved")) {
      out.push(warningIssue(ind.cells.deviation, "deviation.short", { name: ind.name, score, weight }, ind.name));
    } else if (ind.nature === "定性" && ind.tier && ind.tier !== "achieved" && !ind.deviation) {
      out.push(warningIssue(ind.cells.deviation, "deviation.partly", { name: ind.name }, ind.name));
    }
    if (ind.method === "正向比例" && completion !== null && completion >= OVER_ACHIEVEMENT && !ind.deviation) {
      out.push(warningIssue(ind.cells.deviation, "deviation.overAchieved", { name: ind.name, rate: formatRate(completion) }, ind.name));
    }
    // A form's filled 得分 is checked with the form's other figures (forms/checks.ts).
    if (source === "template" && METHODS[ind.method].computed && ind.selfScore && excelRound(ind.selfScore.value, 2) !== score) {
      out.push(
        warningIssue(
          ind.cells.selfScore,
          "score.differs",
          { name: ind.name, filled: ind.selfScore.value, method: ind.method, score },
          ind.name,
        ),
      );
    }
  }
  return out;
}

/** The place a number was read from. */
export function refOf(source: { sheet: string; row: number; col: number }): CellRef {
  return { sheet: source.sheet, row: source.row, col: source.col };
}
