/**
 * The checks a reviewer makes on a filled form (forms.md "Checks a reviewer would make"), on the
 * evaluated form: what the department typed beside what the rules give. Warnings only.
 */
import type { Evaluation, ScoredItem } from "../evaluate";
import { rateOf, refOf } from "../evaluate";
import { excelRound, formatAmount, formatRate, formatScore } from "../format";
import type { CellIssue } from "../issues";
import { warningIssue } from "../problems";
import { METHODS } from "../methods";

function why(item: ScoredItem, ev: Evaluation): string {
  const ind = item.indicator;
  if (ind.method === "执行率") return `执行率 ${formatRate(ev.scoringRate)} × 分值 ${formatScore(item.weight)}`;
  const met = item.score >= item.weight ? "已达到" : "未达到";
  return `实际 ${ind.actualText} ${met}目标 ${ind.targetText}，${ind.method}`;
}

export function formChecks(ev: Evaluation): CellIssue[] {
  const form = ev.input.form;
  if (!form) return [];
  const out: CellIssue[] = [];
  let filledSum = 0;
  let filledCount = 0;
  for (const item of ev.items) {
    const ind = item.indicator;
    const filled = ind.selfScore;
    if (filled) {
      // An item outside the printed 总分 is not in its sum.
      if (!ind.outsideTotal) {
        filledSum += filled.value;
        filledCount++;
      }
      const params = { name: ind.name, filled: filled.value };
      if (filled.value > item.weight + 1e-9)
        out.push(warningIssue(ind.cells.selfScore, "filled.aboveWeight", { ...params, weight: formatScore(item.weight) }, ind.name));
      else if (filled.value < 0) out.push(warningIssue(ind.cells.selfScore, "filled.negative", params, ind.name));
      if (METHODS[ind.method].computed && excelRound(filled.value, 2) !== item.score)
        out.push(
          warningIssue(ind.cells.selfScore, "filled.differs", { ...params, rule: formatScore(item.score), why: why(item, ev) }, ind.name),
        );
    }
    // 定性 rows scored below full need a reason as much as quantitative ones short of target.
    if (ind.method !== "执行率" && ind.nature === "定性" && ind.tier === "achieved" && item.score < item.weight && !ind.deviation)
      out.push(
        warningIssue(
          ind.cells.deviation,
          "deviation.belowFull",
          { name: ind.name, score: item.score, weight: formatScore(item.weight) },
          ind.name,
        ),
      );
  }
  if (form.filledTotal && filledCount > 0 && excelRound(filledSum, 2) !== excelRound(form.filledTotal.value, 2))
    out.push(
      warningIssue(form.totalScoreCell, "filled.totalDiffers", {
        total: form.filledTotal.value,
        sum: formatScore(excelRound(filledSum, 2)),
      }),
    );
  if (form.filledRate && form.filledRateCell && ev.budget.total > 0) {
    const rate = rateOf(ev.spent.total, ev.budget.total);
    if (Math.abs(form.filledRate.value - rate * 100) >= 0.01 + 1e-9)
      out.push(
        warningIssue(form.filledRateCell, "filled.rateDiffers", { filled: excelRound(form.filledRate.value, 4), rate: formatRate(rate) }),
      );
  }
  const total = form.fundRows.find((r) => r.kind === "total");
  const sources = form.fundRows.filter((r) => r.kind === "source");
  if (total && sources.length) {
    for (const field of ["budget", "spent"] as const) {
      const t = total[field];
      if (!t) continue;
      const parts = sources.map((s) => s[field]?.value ?? 0);
      const sum = excelRound(
        parts.reduce((a, b) => a + b, 0),
        6,
      );
      if (sources.some((s) => s[field]) && Math.abs(sum - t.value) > 5e-7)
        out.push(
          warningIssue(refOf(t), "fund.sourcesDiffer", {
            sources: sources.map((s) => s.label).join("、"),
            field: field === "budget" ? "全年预算数" : "全年执行数",
            sum: formatAmount(sum),
            total: formatAmount(t.value),
          }),
        );
    }
  }
  return out;
}
