/** What the department filled, beside the rule's scores (forms.md "Two totals"). */
import type { Evaluation, ScoredItem } from "../evaluate";
import type { Input } from "../model";
import { evaluate, num } from "../expr";
import { excelRound } from "../format";
import { gradeExpr } from "../methods";

/** The rows whose filled 得分 differs from the rule score (both known, to 2 decimals). */
export function differingItems(ev: Evaluation): ScoredItem[] {
  return ev.items.filter((i) => i.indicator.selfScore && excelRound(i.indicator.selfScore.value, 2) !== i.score);
}

/** The filled total: the 总分 row's 得分 as typed, else null. */
export function filledTotal(ev: Evaluation): number | null {
  return ev.input.form?.filledTotal?.value ?? null;
}

export function gradeOf(total: number): string {
  return String(evaluate(gradeExpr(num(total)), {}));
}

/**
 * The evaluation as the department scored it (`--scores filled`): each row's filled 得分 where
 * there is one, the 总分 as filled (else their sum), its grade. The checks stay those of the rules.
 */
export function filledView<I extends Input>(ev: Evaluation<I>): Evaluation<I> {
  const items = ev.items.map((i) => (i.indicator.selfScore ? { ...i, score: excelRound(i.indicator.selfScore.value, 2) } : i));
  const sum = excelRound(
    items.reduce((s, i) => s + i.score, 0),
    2,
  );
  const total = filledTotal(ev) ?? sum;
  return { ...ev, items, totalScore: total, grade: gradeOf(total) };
}
