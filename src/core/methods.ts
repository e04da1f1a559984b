/**
 * Scoring methods (scoring.md "Methods"). Each method is one declaration: the Expr below is both
 * the TypeScript computation and the Excel formula, so the cached value and the live cell agree.
 * Variables: A actual, T target, W weight, S the user's 自评得分, R execution rate.
 */
import { type Expr, div, eq, ge, iff, le, max, min, mul, num, ref, round, sub } from "./expr";
import type { RuleProfile } from "./profiles";

export const METHOD_IDS = ["正向比例", "反向比例", "等于", "执行率", "定性分档", "扣分", "直接评分"] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export type MethodVar = "A" | "T" | "W" | "S" | "R";

const A = ref("A");
const T = ref("T");
const W = ref("W");
const S = ref("S");
const R = ref("R");

const scaled = (ratio: Expr): Expr => round(mul(ratio, W), 2);

const positive: Expr = iff(ge(A, T), W, scaled(div(A, T)));

/**
 * A score given by hand, kept within [0, W]: the template refuses one outside its range, but a
 * form's filled 得分 above its 分值 is only a warning, and the rule score never exceeds the weight.
 */
const byHand: Expr = round(max(num(0), min(S, W)), 2);

export interface MethodDef {
  id: MethodId;
  /** The variables the formula reads; the parser guarantees each is present and valid. */
  vars: readonly MethodVar[];
  /** Whether the score is computed from data (a 自评得分 is then only cross-checked). */
  computed: boolean;
  score(profile: RuleProfile): Expr;
  /** 完成率: how far the target was met (A/T, T/A for ≤ limits, the rate); absent for scored-by-hand methods. */
  completion?: Expr;
}

export const METHODS: Record<MethodId, MethodDef> = {
  正向比例: { id: "正向比例", vars: ["A", "T", "W"], computed: true, score: () => positive, completion: div(A, T) },
  反向比例: {
    id: "反向比例",
    vars: ["A", "T", "W"],
    computed: true,
    score: (p) => iff(le(A, T), W, p.reverseVariant === "B" ? scaled(max(num(0), sub(num(1), div(sub(A, T), T)))) : scaled(div(T, A))),
  },
  等于: {
    id: "等于",
    vars: ["A", "T", "W"],
    computed: true,
    score: () => iff(eq(T, num(0)), iff(le(A, num(0)), W, num(0)), positive),
    completion: div(A, T),
  },
  执行率: { id: "执行率", vars: ["R", "W"], computed: true, score: () => scaled(min(R, num(1))), completion: R },
  // The tier range is checked when parsing; the cell shows the user's score as given.
  定性分档: { id: "定性分档", vars: ["S", "W"], computed: false, score: () => byHand },
  扣分: { id: "扣分", vars: ["S", "W"], computed: false, score: () => round(max(num(0), sub(W, S)), 2) },
  直接评分: { id: "直接评分", vars: ["S", "W"], computed: false, score: () => byHand },
};

/**
 * Weights have at most two decimals: every score is ROUND(…, 2) of a fraction of its weight, and
 * only then can rounding never lift a score above its weight (9.9999 × 100% would round to 10).
 */
export const WEIGHT_DECIMALS = 2;

export function hasWeightDecimals(w: number): boolean {
  return Math.abs(w * 10 ** WEIGHT_DECIMALS - Math.round(w * 10 ** WEIGHT_DECIMALS)) < 1e-6;
}

/**
 * The weight-sum rule: the weights (each of at most two decimals) with the item a profile adds must
 * sum to the profile's total exactly, compared after rounding the sum to two decimals (which only
 * removes binary noise such as 33.33 + 33.33 + 33.34 = 99.99999999999999).
 */
export function weightSumMatches(sum: number, total: number): boolean {
  return Math.round(sum * 10 ** WEIGHT_DECIMALS) === Math.round(total * 10 ** WEIGHT_DECIMALS);
}

/** Grade bands of 财预〔2020〕10号: 优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差. */
export const GRADE_BANDS: ReadonlyArray<[number, string]> = [
  [90, "优"],
  [80, "良"],
  [60, "中"],
];
export const LOWEST_GRADE = "差";

export function gradeExpr(total: Expr): Expr {
  return GRADE_BANDS.reduceRight<Expr>((otherwise, [bound, grade]) => iff(ge(total, num(bound)), { k: "str", v: grade }, otherwise), {
    k: "str",
    v: LOWEST_GRADE,
  });
}

/** Execution rate = spent / budget, 0 when the budget is 0 (the JSON reports null then). */
export function rateExpr(spent: Expr, budget: Expr): Expr {
  return { k: "fn", name: "IFERROR", args: [div(spent, budget), num(0)] };
}

/** 定性分档 ranges: 达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w); bounds rounded to 2 decimals. */
export function tierRange(tier: "achieved" | "partly" | "missed", w: number): { lo: number; hi: number; hiInclusive: boolean } {
  const r = (x: number) => Math.round(x * 100) / 100;
  if (tier === "achieved") return { lo: r(0.8 * w), hi: r(w), hiInclusive: true };
  if (tier === "partly") return { lo: r(0.6 * w), hi: r(0.8 * w), hiInclusive: false };
  return { lo: 0, hi: r(0.6 * w), hiInclusive: false };
}
