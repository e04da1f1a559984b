/**
 * The 评分结果 sheet: the computation as live formulas (workbook.md "Output sheets"). A summary
 * block of label/value pairs, the indicator table and the budget table. Numeric input cells are
 * referenced; numbers typed as text are written as the parsed constant with a note beside them.
 */
import { CATEGORY, SHEET } from "../contract";
import { a1, absRange, rangeA1, sheetRef } from "../cells";
import { type Evaluation, type ScoredItem, rateOf } from "../evaluate";
import { iferror, ref, str, toFormula } from "../expr";
import { METHODS, gradeExpr, rateExpr } from "../methods";
import type { BudgetLine, NumberSource } from "../model";
import { type PlanCell, type SheetPlan, SheetBuilder, formula, text, value } from "../plan";
import { TABLE_STYLES } from "./styles";

/** Addresses of the summary values, for the report's live sentences (absolute, on 评分结果). */
export interface ScoreSheetLayout {
  budgetTotal: string;
  budgetBasic: string;
  budgetProject: string;
  spentTotal: string;
  spentBasic: string;
  spentProject: string;
  rateTotal: string;
  rateBasic: string;
  rateProject: string;
  initialBudgetTotal: string;
  scoringRate: string;
  maxScore: string;
  totalScore: string;
  grade: string;
  /** First row of the indicator table's data, and the columns the report's appendix reads. */
  indicatorFirstRow: number;
  indicatorCols: { weight: number; score: number };
}

/** Summary rows: label, layout key; values filled in below. */
const SUMMARY = [
  ["全年预算数", "budgetTotal"],
  ["基本支出预算数", "budgetBasic"],
  ["项目支出预算数", "budgetProject"],
  ["全年执行数", "spentTotal"],
  ["基本支出执行数", "spentBasic"],
  ["项目支出执行数", "spentProject"],
  ["预算执行率", "rateTotal"],
  ["基本支出执行率", "rateBasic"],
  ["项目支出执行率", "rateProject"],
  ["年初预算数", "initialBudgetTotal"],
  ["计分执行率", "scoringRate"],
  ["自评总分", "maxScore"],
  ["自评得分", "totalScore"],
  ["自评等级", "grade"],
] as const;
type SummaryKey = (typeof SUMMARY)[number][1];

const SUMMARY_FIRST_ROW = 4;
const IND = {
  no: 1,
  level1: 2,
  level2: 3,
  name: 4,
  method: 5,
  target: 6,
  actual: 7,
  weight: 8,
  completion: 9,
  score: 10,
  self: 11,
  source: 12,
  note: 13,
};
const IND_HEADERS = [
  "序号",
  "一级指标",
  "二级指标",
  "三级指标",
  "评分方法",
  "指标值",
  "实际值",
  "分值",
  "完成率",
  "得分",
  "自评得分",
  "来源",
  "说明",
];
const BUD = { no: 1, category: 2, item: 3, initial: 4, budget: 5, spent: 6, rate: 7, source: 8, note: 9 };
const BUD_HEADERS = [
  "序号",
  "支出类别",
  "项目名称",
  "年初预算数（万元）",
  "全年预算数（万元）",
  "全年执行数（万元）",
  "执行率",
  "来源",
  "说明",
];

/** A number from the input: a reference to its cell, or the constant parsed from its text. */
function numberCell(source: NumberSource | undefined, style: string, notes: string[], label: string): PlanCell {
  if (!source) return value(null, style);
  if (source.kind === "text") {
    notes.push(`${label}由文本“${source.text}”解析`);
    return value(source.value, style);
  }
  const cell = sheetRef(source.sheet, source.row, source.col);
  const f = source.scale === 1 ? cell : source.scale > 1 ? `${cell}*${source.scale}` : `${cell}/${Math.round(1 / source.scale)}`;
  return formula(f, source.value, style);
}

export function buildScoreSheet(ev: Evaluation): { sheet: SheetPlan; layout: ScoreSheetLayout } {
  const b = new SheetBuilder(SHEET.scores, TABLE_STYLES);
  const { info } = ev.input;
  b.set(1, 1, text("评分结果", "title"));
  b.set(
    2,
    1,
    text(
      `${info.unitName} · ${info.year}年度${info.evaluationType}绩效自评 · 评分规则：${info.profile.name}（${info.profile.id}）`,
      "subtitle",
    ),
  );
  b.set(3, 1, text("汇总", "section"));

  const items = ev.items;
  const indHeaderRow = SUMMARY_FIRST_ROW + SUMMARY.length + 2;
  const indFirst = indHeaderRow + 1;
  const indLast = indFirst + items.length - 1;
  const indTotalRow = indLast + 1;
  const budHeaderRow = indTotalRow + 3;
  const budFirst = budHeaderRow + 1;
  const budLast = budFirst + ev.input.budgetLines.length - 1;

  const addr = {} as Record<SummaryKey, string>;
  SUMMARY.forEach(([, key], i) => (addr[key] = a1(SUMMARY_FIRST_ROW + i, 2, true)));

  // Budget table.
  b.set(budHeaderRow - 1, 1, text("预算执行（金额单位：万元）", "section"));
  b.row(
    budHeaderRow,
    1,
    BUD_HEADERS.map((h) => text(h)),
    "header",
  );
  ev.input.budgetLines.forEach((line, i) => b.row(budFirst + i, 1, budgetRow(line, budFirst + i, i + 1)));
  const col = (c: number) => absRange(budFirst, c, budLast, c);
  const sumOf = (c: number) => `SUM(${col(c)})`;
  const sumIf = (c: number, category: string) => `SUMIF(${col(BUD.category)},"${category}",${col(c)})`;

  // Summary block.
  const rate = (spent: string, budget: string) => toFormula(rateExpr(ref("s"), ref("b")), { s: spent, b: budget });
  const rateValue = (r: number | null) => r ?? 0;
  const summary: Record<SummaryKey, PlanCell> = {
    budgetTotal: formula(sumOf(BUD.budget), ev.budget.total, "amount"),
    budgetBasic: formula(sumIf(BUD.budget, CATEGORY.basic), ev.budget.basic, "amount"),
    budgetProject: formula(sumIf(BUD.budget, CATEGORY.project), ev.budget.project, "amount"),
    spentTotal: formula(sumOf(BUD.spent), ev.spent.total, "amount"),
    spentBasic: formula(sumIf(BUD.spent, CATEGORY.basic), ev.spent.basic, "amount"),
    spentProject: formula(sumIf(BUD.spent, CATEGORY.project), ev.spent.project, "amount"),
    rateTotal: formula(rate(addr.spentTotal, addr.budgetTotal), rateValue(ev.rates.total), "percent"),
    rateBasic: formula(rate(addr.spentBasic, addr.budgetBasic), rateValue(ev.rates.basic), "percent"),
    rateProject: formula(rate(addr.spentProject, addr.budgetProject), rateValue(ev.rates.project), "percent"),
    initialBudgetTotal: formula(sumOf(BUD.initial), ev.initialBudget.total, "amount"),
    scoringRate: formula(
      ev.input.info.profile.executionRateItem?.denominator === "年初预算数" ||
        ev.input.info.profile.executionRateDenominator === "年初预算数"
        ? rate(addr.spentTotal, addr.initialBudgetTotal)
        : addr.rateTotal,
      ev.scoringRate,
      "percent",
    ),
    maxScore: formula(`SUM(${rangeA1(indFirst, IND.weight, indLast, IND.weight)})`, ev.maxScore, "scoreBold"),
    totalScore: formula(`ROUND(SUM(${rangeA1(indFirst, IND.score, indLast, IND.score)}),2)`, ev.totalScore, "scoreBold"),
    grade: formula(toFormula(gradeExpr(ref("t")), { t: addr.totalScore }), ev.grade, "grade"),
  };
  const summaryNotes: Partial<Record<SummaryKey, string>> = {
    rateTotal: "全年执行数 ÷ 全年预算数",
    scoringRate: "执行率类指标计分所用的执行率",
    totalScore: "各指标得分（保留两位小数）之和",
    grade: "优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差（财预〔2020〕10号）",
  };
  SUMMARY.forEach(([label, key], i) => {
    const row = SUMMARY_FIRST_ROW + i;
    b.row(row, 1, [text(label, "label"), summary[key], text(summaryNotes[key] ?? "", "aside")]);
  });

  // Indicator table.
  b.set(indHeaderRow - 1, 1, text("绩效指标评分", "section"));
  b.row(
    indHeaderRow,
    1,
    IND_HEADERS.map((h) => text(h)),
    "header",
  );
  items.forEach((item, i) => b.row(indFirst + i, 1, indicatorRow(item, indFirst + i, i + 1, addr.scoringRate)));
  b.row(indTotalRow, 1, [
    text("合计", "label"),
    ...Array.from({ length: IND.weight - 2 }, () => text("", "label")),
    formula(`SUM(${rangeA1(indFirst, IND.weight, indLast, IND.weight)})`, ev.maxScore, "scoreBold"),
    text("", "label"),
    formula(`ROUND(SUM(${rangeA1(indFirst, IND.score, indLast, IND.score)}),2)`, ev.totalScore, "scoreBold"),
    text("", "label"),
    text("", "label"),
    text("", "label"),
  ]);

  // The checks (scoring.md "warnings"), so the workbook itself says what to look at.
  const checkRow = budLast + 3;
  b.set(checkRow - 1, 1, text(`校验提示（${ev.warnings.length} 条）`, "section"));
  b.row(checkRow, 1, [text("单元格"), text("提示")], "header");
  if (ev.warnings.length === 0) b.row(checkRow + 1, 1, [text("—", "label"), text("无", "text")]);
  ev.warnings.forEach((w, i) => b.row(checkRow + 1 + i, 1, [text(w.cell, "label"), text(w.message, "text")]));

  b.height(indHeaderRow, 30).height(budHeaderRow, 30);
  b.widths([16, 12, 14, 44, 10, 12, 12, 8, 10, 8, 9, 14, 60]);
  const layout: ScoreSheetLayout = {
    ...addr,
    indicatorFirstRow: indFirst,
    indicatorCols: { weight: IND.weight, score: IND.score },
  };
  return { sheet: b.build(), layout };
}

function indicatorRow(item: ScoredItem, row: number, no: number, scoringRate: string): PlanCell[] {
  const ind = item.indicator;
  const notes: string[] = [];
  const cells: PlanCell[] = [];
  const isRate = ind.method === "执行率";
  cells[IND.no - 1] = value(no, "label");
  cells[IND.level1 - 1] = text(ind.level1, "text");
  cells[IND.level2 - 1] = text(ind.level2, "text");
  cells[IND.name - 1] = text(ind.name, "text");
  cells[IND.method - 1] = text(ind.method, "text");
  const usesTarget = !isRate && (ind.method === "正向比例" || ind.method === "反向比例" || ind.method === "等于");
  cells[IND.target - 1] = usesTarget ? numberCell(ind.target, "number", notes, "指标值") : text(ind.targetText, "text");
  cells[IND.actual - 1] = isRate
    ? formula(scoringRate, item.env.R, "percent")
    : usesTarget
      ? numberCell(ind.actual, "number", notes, "实际值")
      : text(ind.actualText, "text");
  cells[IND.weight - 1] =
    "kind" in ind.weight && ind.weight.kind === "profile"
      ? value(ind.weight.value, "score")
      : numberCell(ind.weight as NumberSource, "score", notes, "分值");
  const self = ind.selfScore ? numberCell(ind.selfScore, "score", notes, "自评得分") : value(null, "score");
  cells[IND.self - 1] = self;

  const at = (c: number) => a1(row, c);
  const refs = {
    A: at(IND.actual),
    T: at(IND.target),
    W: at(IND.weight),
    S: ind.selfScore ? at(IND.self) : at(IND.weight),
    R: scoringRate,
  };
  cells[IND.score - 1] = formula(toFormula(item.expr, refs), item.score, "score");
  const completion = METHODS[ind.method].completion;
  cells[IND.completion - 1] = completion
    ? formula(toFormula(iferror(completion, str("")), refs), item.completion ?? "", "percent")
    : value(null, "percent");

  if (ind.method === "定性分档" && ind.tier)
    notes.unshift(`完成情况：${ind.tier === "achieved" ? "达成" : ind.tier === "partly" ? "部分达成" : "未达成"}`);
  if (ind.unit) notes.unshift(`单位：${ind.unit}`);
  if (ind.direction && usesTarget) notes.unshift(`方向：${ind.direction === ">=" ? "≥" : ind.direction === "<=" ? "≤" : "="}`);
  cells[IND.source - 1] = text(ind.row === null ? "评分规则自动添加" : `${SHEET.indicators}!${ind.row}行`, "note");
  cells[IND.note - 1] = text(notes.join("；"), "note");
  return cells;
}

function budgetRow(line: BudgetLine, row: number, no: number): PlanCell[] {
  const notes: string[] = [];
  const cells: PlanCell[] = [];
  cells[BUD.no - 1] = value(no, "label");
  cells[BUD.category - 1] = text(line.category === "basic" ? CATEGORY.basic : CATEGORY.project, "text");
  cells[BUD.item - 1] = text(line.item, "text");
  cells[BUD.initial - 1] = numberCell(line.initialBudget, "amount", notes, "年初预算数");
  cells[BUD.budget - 1] = numberCell(line.budget, "amount", notes, "全年预算数");
  cells[BUD.spent - 1] = numberCell(line.spent, "amount", notes, "全年执行数");
  const rateF = toFormula(rateExpr(ref("s"), ref("b")), { s: a1(row, BUD.spent), b: a1(row, BUD.budget) });
  cells[BUD.rate - 1] = formula(rateF, rateOf(line.spent.value, line.budget.value), "percent");
  cells[BUD.source - 1] = text(`${SHEET.budget}!${line.row}行`, "note");
  if (line.remark) notes.push(`备注：${line.remark}`);
  cells[BUD.note - 1] = text(notes.join("；"), "note");
  return cells;
}
