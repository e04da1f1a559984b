/**
 * The rules about an indicator row that both paths share, each written once: direction → method,
 * method inference, tier labels and words, the tier-range, unit-mismatch and weight-sum checks.
 * Where the template and a form differ it is severity, passed in by the reader's policy.
 */
import { TIER_ALIASES, type Tier } from "../contract";
import { excelRound } from "../format";
import type { IssueLog } from "../issues";
import { type MethodId, WEIGHT_DECIMALS, tierRange, weightSumMatches } from "../methods";
import type { Direction } from "../numbers";
import type { CellRef, Severity } from "../problems";
import type { TargetValue } from "./cell";

export const TIER_LABEL: Readonly<Record<Tier, string>> = { achieved: "达成", partly: "部分达成", missed: "未达成" };

/** The method a direction scores by. */
export function methodOf(direction: Direction): MethodId {
  return direction === "<=" ? "反向比例" : direction === "=" ? "等于" : "正向比例";
}

/** A 完成情况 cell: 达成 / 部分达成 / 未达成 or their full wording. */
export function parseTier(text: string): Tier | undefined {
  const s = text.replace(/\s+/g, "");
  for (const [alias, tier] of TIER_ALIASES) if (s === alias) return tier;
  return undefined;
}

/** The tier a 定性 actual's words state (docs/forms.md): 未/没有/较差/不 → missed, 部分/基本/一定 → partly. */
export function tierFromWords(actualText: string): Tier {
  const s = actualText.replace(/\s+/g, "");
  const exact = parseTier(s);
  if (exact) return exact;
  if (/部分|基本|一定|有所/.test(s)) return "partly";
  if (/未(完成|达到|达成|实现|开展)|没有|较差|不(足|达|到|满意|合格)/.test(s)) return "missed";
  return "achieved";
}

export interface Inferred {
  method: MethodId;
  direction: Direction;
  nature: "定量" | "定性";
}

/**
 * forms.md "Method inference" (no 评分方法 column): two numbers (or two times) → by the target's
 * operator; none → ≥ (a time: ≤). Under 成本指标 a bare amount is a ceiling — a percent there is a
 * rate scored by its operator. Anything else is 定性.
 */
export function inferMethod(level2: string, target: TargetValue | undefined, actual: TargetValue | undefined): Inferred {
  // A month compares with a month only; a duration is a number with a unit (2天以内 vs 1.5).
  if (!target || !actual || (target.time === "month") !== (actual.time === "month"))
    return { method: "定性分档", direction: ">=", nature: "定性" };
  let direction: Direction = target.direction ?? (target.time ? "<=" : ">=");
  if (!target.direction && !target.percent && /成本/.test(level2)) direction = "<=";
  return { method: methodOf(direction), direction, nature: "定量" };
}

export function tierRangeText(tier: Tier, weight: number): { lo: number; hi: number; text: string; inside: (s: number) => boolean } {
  const { lo, hi, hiInclusive } = tierRange(tier, weight);
  return {
    lo,
    hi,
    text: `[${lo}, ${hi}${hiInclusive ? "]" : ")"}`,
    inside: (s) => s >= lo && s <= hi && (hiInclusive || s < hi),
  };
}

/** A 定性 score outside its tier's range (scoring.md): an error on the template, a warning on a form. */
export function checkTierScore(
  log: IssueLog,
  severity: Severity,
  at: CellRef,
  row: { name: string; tier: Tier; weight: number; score: number; actual: string; fromWords: boolean },
): void {
  const range = tierRangeText(row.tier, row.weight);
  if (range.inside(row.score)) return;
  const add = severity === "error" ? log.error.bind(log) : log.warn.bind(log);
  if (row.fromWords)
    add(
      at,
      "tier.filledOutside",
      { name: row.name, actual: row.actual, tier: TIER_LABEL[row.tier], range: range.text, score: row.score },
      row.name,
    );
  else add(at, "tier.scoreOutside", { tier: TIER_LABEL[row.tier], range: range.text, score: row.score }, row.name);
}

/** 0.96 typed beside "95%" is most likely 96%, not 0.96 points. */
export function looksLikeUnitMismatch(target: TargetValue, actual: TargetValue): boolean {
  if (target.percent === actual.percent || target.time || actual.time) return false;
  const t = target.source.value;
  const a = actual.source.value;
  if (a === 0 || t === 0) return false;
  const ratio = a / t;
  return ratio > 20 || ratio < 0.05;
}

/**
 * The weights (with the execution item) must sum to the total at two decimals (numbers.md "The
 * weight-sum rule"): an error on the template, a reviewer's warning on a form.
 */
export function checkWeightSum(
  log: IssueLog,
  severity: Severity,
  at: CellRef,
  sum: number,
  expected: { total: number; detail: string; profile: string },
): void {
  if (weightSumMatches(sum, expected.total)) return;
  const add = severity === "error" ? log.error.bind(log) : log.warn.bind(log);
  add(at, "weight.sum", {
    sum: String(excelRound(sum, WEIGHT_DECIMALS)),
    detail: expected.detail,
    total: expected.total,
    profile: expected.profile,
  });
}
