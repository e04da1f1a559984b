/**
 * The checks a reviewer makes on a filled form (forms.md "Checks a reviewer would make"), on the
 * evaluated form: what the department typed beside what the rules give. Warnings only.
 */
import type { Evaluation, ScoredItem } from "../evaluate";
import { cellOf, rateOf } from "../evaluate";
import { excelRound, formatAmount, formatRate, formatScore } from "../format";
import type { CellIssue } from "../issues";
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
      filledSum += filled.value;
      filledCount++;
      if (filled.value > item.weight + 1e-9)
        out.push({ cell: ind.cells.selfScore, message: `“${ind.name}”填报得分 ${filled.value} 超过分值 ${formatScore(item.weight)}` });
      else if (filled.value < 0) out.push({ cell: ind.cells.selfScore, message: `“${ind.name}”填报得分不能为负数（${filled.value}）` });
      if (METHODS[ind.method].computed && excelRound(filled.value, 2) !== item.score)
        out.push({
          cell: ind.cells.selfScore,
          message: `“${ind.name}”填报得分 ${filled.value}，按规则应为 ${formatScore(item.score)}（${why(item, ev)}）`,
        });
    }
    // 定性 rows scored below full need a reason as much as quantitative ones short of target.
    if (ind.method !== "执行率" && ind.nature === "定性" && ind.tier === "achieved" && item.score < item.weight && !ind.deviation)
      out.push({
        cell: ind.cells.deviation,
        message: `“${ind.name}”得分 ${item.score}/${formatScore(item.weight)} 未得满分，请填写偏差原因分析及改进措施`,
      });
  }
  if (form.filledTotal && filledCount > 0 && excelRound(filledSum, 2) !== excelRound(form.filledTotal.value, 2))
    out.push({
      cell: form.totalScoreCell,
      message: `填报总分 ${form.filledTotal.value} 与各项填报得分之和 ${formatScore(excelRound(filledSum, 2))} 不符`,
    });
  if (form.filledRate && form.filledRateCell && ev.budget.total > 0) {
    const rate = rateOf(ev.spent.total, ev.budget.total);
    if (Math.abs(form.filledRate.value - rate * 100) >= 0.01 + 1e-9)
      out.push({
        cell: form.filledRateCell,
        message: `填报执行率 ${excelRound(form.filledRate.value, 4)}% 与全年执行数 ÷ 全年预算数 ${formatRate(rate)} 不符`,
      });
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
        out.push({
          cell: cellOf(t),
          message: `资金来源分项（${sources.map((s) => s.label).join("、")}）${field === "budget" ? "全年预算数" : "全年执行数"}之和 ${formatAmount(sum)} 万元与年度资金总额 ${formatAmount(t.value)} 万元不符`,
        });
    }
  }
  return out;
}
