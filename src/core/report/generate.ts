/**
 * Text for the analysis sections the user left empty (report.md): facts from the data only —
 * indicators that lost points (target, actual, points lost, the reason given), over-achieved ones,
 * execution by category and the lines under 90% with their 备注. No judgement words are added.
 *
 * The execution-rate sentence has a fixed shape and is live (figures over 评分结果); the lists
 * are static text, since which indicators they name depends on the data: the sheet marks them.
 */
import { CATEGORY, TIERS } from "../contract";
import { type Evaluation, LOW_EXECUTION_RATE, OVER_ACHIEVEMENT, type ScoredItem, rateOf } from "../evaluate";
import { excelRound, formatAmount, formatRate, formatScore } from "../format";
import type { BudgetLine } from "../model";
import type { ScoreSheetLayout } from "../sheets/scoreSheet";
import { type Paragraph, type Part, paragraph, scoreSheetFigure } from "./parts";
import { chineseNumber } from "./typography";

const DIRECTION_SIGN = { ">=": "≥", "<=": "≤", "=": "" } as const;

function targetText(item: ScoredItem): string {
  const ind = item.indicator;
  if (ind.method === "执行率") return "100%";
  if (!ind.target || ind.nature === "定性") return ind.targetText;
  return DIRECTION_SIGN[ind.direction] + formatAmount(ind.target.value) + ind.unit;
}

function actualText(item: ScoredItem): string {
  const ind = item.indicator;
  if (ind.method === "执行率") return formatRate(item.completion ?? 0);
  if (!ind.actual || ind.nature === "定性") return ind.actualText;
  return formatAmount(ind.actual.value) + ind.unit;
}

const lost = (item: ScoredItem): number => excelRound(item.weight - item.score, 2);
const withoutStop = (s: string): string => s.trim().replace(/[。；;.]+$/, "");

/** Items that lost points, in sheet order. */
export function shortfalls(ev: Evaluation): ScoredItem[] {
  return ev.items.filter((i) => i.score < i.weight);
}

/** ≥ items whose actual is at least 130% of the target (scoring.md, 广西 rule). */
export function overAchieved(ev: Evaluation): ScoredItem[] {
  return ev.items.filter((i) => i.indicator.method === "正向比例" && i.completion !== null && i.completion >= OVER_ACHIEVEMENT);
}

export function underExecuted(ev: Evaluation): BudgetLine[] {
  return ev.input.budgetLines.filter((l) => l.budget.value > 0 && rateOf(l.spent.value, l.budget.value) < LOW_EXECUTION_RATE);
}

const lineName = (l: BudgetLine): string => l.item || (l.category === "basic" ? CATEGORY.basic : CATEGORY.project);

function facts(item: ScoredItem): string {
  const ind = item.indicator;
  if (ind.nature === "定性" && ind.tier) {
    return `年度指标值为“${targetText(item)}”，实际完成情况为“${actualText(item)}”，评定为${TIERS[ind.tier]}`;
  }
  return `年度指标值${targetText(item)}，实际完成值${actualText(item)}`;
}

/** The reason given for a shortfall: its 偏差原因; for an execution-rate item, the 备注 of the lines under 90%. */
function reasonOf(ev: Evaluation, item: ScoredItem): string {
  if (item.indicator.deviation) return `偏差原因分析及改进措施：${withoutStop(item.indicator.deviation)}。`;
  if (item.indicator.method === "执行率") {
    const remarks = underExecuted(ev).filter((l) => l.remark);
    if (remarks.length) return `预算执行备注：${remarks.map((l) => `“${lineName(l)}”${withoutStop(l.remark)}`).join("；")}。`;
  }
  return "未填写偏差原因分析。";
}

/** 履职效能分析 (项目: 产出和效益分析): what each indicator reached, the shortfalls in detail. */
export function generatedPerformance(ev: Evaluation, subject: string): Paragraph[] {
  const short = shortfalls(ev);
  const n = ev.items.length;
  const out: Paragraph[] = [];
  out.push(
    paragraph(
      [
        short.length
          ? `本年度${subject}共设置绩效指标${n}个，其中${n - short.length}个指标得满分，${short.length}个指标未得满分：`
          : `本年度${subject}共设置绩效指标${n}个，均得满分。`,
      ],
      "generated",
    ),
  );
  short.forEach((item, i) => {
    const reason = reasonOf(ev, item);
    out.push(
      paragraph(
        [
          `${i + 1}.“${item.indicator.name}”：${facts(item)}，得分${formatScore(item.score)}分` +
            `（分值${formatScore(item.weight)}分，扣${formatScore(lost(item))}分）。${reason}`,
        ],
        "generated",
      ),
    );
  });
  const over = overAchieved(ev);
  if (over.length) {
    const list = over
      .map((item) => `“${item.indicator.name}”（${facts(item)}，为年度指标值的${formatRate(item.completion ?? 0)}）`)
      .join("；");
    out.push(paragraph([`实际完成值达到年度指标值130%及以上的指标${over.length}个：${list}。`], "generated"));
  }
  return out;
}

/** 管理效率分析: execution by category (live), then the lines under 90% with their 备注. */
export function generatedEfficiency(ev: Evaluation, layout: ScoreSheetLayout): Paragraph[] {
  const rate = (v: number | null, address: string) => scoreSheetFigure("rate", v ?? 0, address);
  const parts: Part[] =
    ev.input.info.evaluationType === "项目支出"
      ? ["项目预算执行率", rate(ev.rates.total, layout.rateTotal), "。"]
      : ["部门预算执行率", rate(ev.rates.total, layout.rateTotal)];
  if (ev.input.info.evaluationType !== "项目支出") {
    // A category without budget has no rate to report.
    const categories: Array<[string, number | null, string]> = [
      [CATEGORY.basic, ev.rates.basic, layout.rateBasic],
      [CATEGORY.project, ev.rates.project, layout.rateProject],
    ];
    categories
      .filter(([, r]) => r !== null)
      .forEach(([label, r, address], i) => parts.push(i === 0 ? `，其中：${label}执行率` : `，${label}执行率`, rate(r, address)));
    parts.push("。");
  }
  const out = [paragraph(parts, "computed")];
  const low = underExecuted(ev);
  out.push(
    paragraph(
      [
        low.length
          ? `执行率低于90%的预算项目${low.length}个：` +
            low
              .map(
                (l) =>
                  `“${lineName(l)}”全年预算数${formatAmount(l.budget.value)}万元，全年执行数${formatAmount(l.spent.value)}万元，` +
                  `执行率${formatRate(rateOf(l.spent.value, l.budget.value))}，${l.remark ? `备注：${withoutStop(l.remark)}` : "未填写备注"}`,
              )
              .join("；") +
            "。"
          : "各预算项目执行率均不低于90%。",
      ],
      "generated",
    ),
  );
  return out;
}

/** 存在的主要问题: the deviations, each with the reason given (or that none was given). */
export function generatedProblems(ev: Evaluation): Paragraph[] {
  const items: string[] = [
    ...shortfalls(ev).map(
      (item) => `“${item.indicator.name}”未得满分（${facts(item)}，扣${formatScore(lost(item))}分），${withoutStop(reasonOf(ev, item))}`,
    ),
    ...underExecuted(ev).map(
      (l) =>
        `“${lineName(l)}”预算执行率${formatRate(rateOf(l.spent.value, l.budget.value))}，低于90%` +
        (l.remark ? `，备注：${withoutStop(l.remark)}` : "，未说明原因"),
    ),
    ...overAchieved(ev).map(
      (item) => `“${item.indicator.name}”实际完成值为年度指标值的${formatRate(item.completion ?? 0)}，年度指标值设置可能偏低`,
    ),
  ];
  if (!items.length) return [paragraph(["各项绩效指标均得满分，各预算项目执行率均不低于90%，未发现指标偏差。"], "generated")];
  return items.map((s, i) => paragraph([`${chineseNumber(i + 1)}是${s}。`], "generated"));
}
