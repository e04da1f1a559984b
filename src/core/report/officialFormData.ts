/**
 * The official 自评表 (officialForm.ts) filled from an evaluation of the input template: the fund
 * block from the 评分结果 summary, the goals from 文字材料, the indicators from the indicator table.
 * Every figure points at its 评分结果 cell, so the form stays live in the workbook.
 */
import { a1 } from "../cells";
import type { Evaluation } from "../evaluate";
import { formatAmount } from "../format";
import type { NumberSource } from "../model";
import type { ScoreSheetLayout } from "../sheets/scoreSheet";
import type { OfficialForm, OfficialFormFundRow, OfficialFormIndicator } from "./officialForm";
import { type Figure, type FigureKind, scoreSheetFigure } from "./parts";

const FORM_TITLES = { 部门整体支出: "部门整体支出绩效自评表", 项目支出: "项目支出绩效自评表" } as const;
const FUND_LABELS = { 部门整体支出: "部门资金（万元）", 项目支出: "项目资金（万元）" } as const;

/**
 * A target or actual as the user sees it in their cell: the text as typed, except a number in a
 * percent-formatted cell, whose raw text (0.935) is not what the cell shows (93.5%).
 */
function shown(typed: string, source: NumberSource | undefined): string {
  return source?.kind === "cell" && source.scale === 100 ? `${formatAmount(source.value)}%` : typed;
}

export function buildOfficialForm(ev: Evaluation, layout: ScoreSheetLayout): OfficialForm {
  const { info, texts, budgetLines } = ev.input;
  const fig = (kind: FigureKind, v: number | string, address: string): Figure => scoreSheetFigure(kind, v, address);
  // Relative references into the indicator table: one R1C1 formula down a run of rows.
  const itemFigure = (index: number, col: number, v: number) => fig("score", v, a1(layout.indicatorFirstRow + index, col));

  const unit = { label: "单位名称", value: info.unitName };
  const projects = budgetLines.filter((l) => l.category === "project");
  const infoLines =
    info.evaluationType === "项目支出"
      ? [[{ label: "项目名称", value: projects.length === 1 ? projects[0].item : info.unitName }], [unit]]
      : [[unit]];

  // The 年初预算数 column is optional in 预算执行: no line with it, no figure.
  const hasInitial = budgetLines.some((l) => l.initialBudget);
  const rows: OfficialFormFundRow[] = [
    {
      label: "年度资金总额",
      initial: hasInitial ? fig("amount", ev.initialBudget.total, layout.initialBudgetTotal) : null,
      budget: fig("amount", ev.budget.total, layout.budgetTotal),
      spent: fig("amount", ev.spent.total, layout.spentTotal),
    },
  ];
  // 评分结果 sums 年初预算数 only in total, so the category rows have none.
  const categories = [
    { name: "基本支出", key: "basic", budget: layout.budgetBasic, spent: layout.spentBasic },
    { name: "项目支出", key: "project", budget: layout.budgetProject, spent: layout.spentProject },
  ] as const;
  for (const c of categories.filter((x) => ev.budget[x.key] || ev.spent[x.key])) {
    rows.push({
      // "其中：" once, the later rows indented under it by its width.
      label: (rows.length === 1 ? "其中：" : "\u3000\u3000\u3000") + c.name,
      initial: null,
      budget: fig("amount", ev.budget[c.key], c.budget),
      spent: fig("amount", ev.spent[c.key], c.spent),
    });
  }

  // The fund block's 分值/得分: the profile's own 预算执行率 item (no input row) before any typed one.
  const rates = ev.items.flatMap((item, i) => (item.indicator.method === "执行率" ? [i] : []));
  const execution = rates.find((i) => ev.items[i].indicator.row === null) ?? rates[0] ?? -1;
  const cols = layout.indicatorCols;
  const fund: OfficialForm["fund"] =
    execution >= 0
      ? {
          rows,
          weight: itemFigure(execution, cols.weight, ev.items[execution].weight),
          rate: fig("rate", ev.scoringRate, layout.scoringRate),
          score: itemFigure(execution, cols.score, ev.items[execution].score),
        }
      : { rows, weight: null, rate: fig("rate", ev.rates.total ?? 0, layout.rateTotal), score: null };

  const goals = texts["部门整体支出绩效目标"] ?? [];
  const indicators: OfficialFormIndicator[] = [];
  ev.items.forEach((item, i) => {
    if (i === execution) return;
    const ind = item.indicator;
    indicators.push({
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      target: shown(ind.targetText, ind.target),
      actual: shown(ind.actualText, ind.actual),
      weight: itemFigure(i, cols.weight, item.weight),
      score: itemFigure(i, cols.score, item.score),
      deviation: ind.deviation,
    });
  });

  return {
    title: FORM_TITLES[info.evaluationType],
    period: `（${info.year}年度）`,
    info: infoLines,
    fundLabel: FUND_LABELS[info.evaluationType],
    fund,
    goals: goals.length ? { planned: goals.join("\n"), actual: "" } : null,
    indicators,
    total: { weight: fig("score", ev.maxScore, layout.maxScore), score: fig("score", ev.totalScore, layout.totalScore) },
  };
}
