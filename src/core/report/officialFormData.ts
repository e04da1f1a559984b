/**
 * The official 自评表 (officialForm.ts) filled from an evaluation: the fund block from the 评分结果
 * summary (a form's own fund rows from its cells), the goals from 文字材料 or the form, the
 * indicators from the indicator table. Every figure is live: a 评分结果 cell or the form's own.
 */
import { a1 } from "../cells";
import type { Evaluation } from "../evaluate";
import { formatAmount } from "../format";
import type { FormInfo, NumberSource } from "../model";
import { sourceFormula } from "../sourceFormula";
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

/** A form's amount as it stands in its cell (scaled to 万元), live; a text amount as its constant. */
function amountFigure(source: NumberSource | undefined): Figure | null {
  if (!source) return null;
  return { kind: "amount", value: source.value, ref: sourceFormula(source) ?? String(source.value) };
}

/** The form's title area: 项目名称 alone on its line, the other labels two to a line. */
function formInfoLines(pairs: ReadonlyArray<{ label: string; value: string }>): OfficialForm["info"] {
  const project = pairs.filter((p) => p.label === "项目名称");
  const others = pairs.filter((p) => p.label !== "项目名称");
  const lines: OfficialForm["info"] = project.map((p) => [p]);
  for (let i = 0; i < others.length; i += 2) lines.push(others.slice(i, i + 2));
  return lines;
}

/**
 * The scored rows with the form's breakdown rows (forms.md "Breakdown rows") merged in by sheet row:
 * each under the scored row above it, in that row's 一级/二级 group, with no 分值 and no 得分.
 */
function withBreakdown(
  scored: ReadonlyArray<{ row: number; entry: OfficialFormIndicator }>,
  breakdown: NonNullable<FormInfo["breakdown"]>,
): OfficialFormIndicator[] {
  if (breakdown.length === 0) return scored.map((r) => r.entry);
  const rows = [
    ...scored,
    ...breakdown.map((b) => ({
      row: b.row,
      entry: {
        level1: "",
        level2: "",
        name: b.name,
        target: b.targetText,
        actual: b.actualText,
        weight: null,
        score: null,
        deviation: "",
        breakdown: true,
      } satisfies OfficialFormIndicator,
    })),
  ].sort((a, b) => a.row - b.row);
  const out = rows.map((r) => ({ ...r.entry }));
  // A breakdown row belongs to the group of the scored row above it (below, for one heading a block).
  out.forEach((entry, i) => {
    if (!entry.breakdown) return;
    const owner =
      out
        .slice(0, i)
        .reverse()
        .find((e) => !e.breakdown) ?? out.slice(i).find((e) => !e.breakdown);
    if (owner) Object.assign(entry, { level1: owner.level1, level2: owner.level2 });
  });
  return out;
}

export function buildOfficialForm(ev: Evaluation, layout: ScoreSheetLayout): OfficialForm {
  const { info, texts, budgetLines } = ev.input;
  const fig = (kind: FigureKind, v: number | string, address: string): Figure => scoreSheetFigure(kind, v, address);
  // Relative references into the indicator table: one R1C1 formula down a run of rows.
  const itemFigure = (index: number, col: number, v: number) => fig("score", v, a1(layout.indicatorFirstRow + index, col));

  const form = ev.input.form;
  const unit = { label: "单位名称", value: info.unitName };
  const projects = budgetLines.filter((l) => l.category === "project");
  const infoLines = form
    ? formInfoLines(form.info)
    : info.evaluationType === "项目支出"
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
  if (form) {
    // The form's own rows under the total (其中：当年财政拨款 …), from its cells.
    const under = form.fundRows.filter((r) => r.kind !== "total");
    under.forEach((r, i) =>
      rows.push({
        label: (i === 0 ? "其中：" : "\u3000\u3000\u3000") + r.label,
        initial: amountFigure(r.initial),
        budget: amountFigure(r.budget),
        spent: amountFigure(r.spent),
      }),
    );
  }
  // 评分结果 sums 年初预算数 only in total, so the category rows have none.
  const categories = [
    { name: "基本支出", key: "basic", budget: layout.budgetBasic, spent: layout.spentBasic },
    { name: "项目支出", key: "project", budget: layout.budgetProject, spent: layout.spentProject },
  ] as const;
  for (const c of form ? [] : categories.filter((x) => ev.budget[x.key] || ev.spent[x.key])) {
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

  const goals = form ? [] : (texts["部门整体支出绩效目标"] ?? []);
  // Rows in the form's order: each breakdown row after the scored row above it.
  const placed: Array<{ row: number; entry: OfficialFormIndicator }> = [];
  ev.items.forEach((item, i) => {
    if (i === execution) return;
    const ind = item.indicator;
    placed.push({
      row: ind.row ?? 0,
      entry: {
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        target: shown(ind.targetText, ind.target),
        actual: shown(ind.actualText, ind.actual),
        weight: itemFigure(i, cols.weight, item.weight),
        score: itemFigure(i, cols.score, item.score),
        deviation: ind.deviation,
      },
    });
  });
  const indicators = withBreakdown(placed, form?.breakdown ?? []);

  return {
    title: FORM_TITLES[info.evaluationType],
    period: info.year ? `（${info.year}年度）` : "",
    info: infoLines,
    fundLabel: FUND_LABELS[info.evaluationType],
    fund,
    goals: form ? form.goals : goals.length ? { planned: goals.join("\n"), actual: "" } : null,
    indicators,
    total: { weight: fig("score", ev.maxScore, layout.maxScore), score: fig("score", ev.totalScore, layout.totalScore) },
  };
}
