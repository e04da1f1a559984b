/**
 * The 评分结果 sheet: the computation as live formulas (workbook.md "Output sheets"). A summary
 * block of label/value pairs, the indicator table and the budget table. Numeric input cells are
 * referenced; numbers typed as text are written as the parsed constant with a note beside them.
 */
import { TIER_LABEL } from "../read/rules";
import { CATEGORY, SHEET } from "../contract";
import { a1, absRange, rangeA1 } from "../cells";
import { sourceFormula } from "../sourceFormula";
import { type Evaluation, type ScoredItem, rateOf } from "../evaluate";
import { iferror, ref, str, toFormula } from "../expr";
import { excelRound } from "../format";
import { differingItems, filledTotal, gradeOf } from "../forms/filled";
import type { CellIssue } from "../issues";
import { rateDenominator } from "../profiles";
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
  /** Forms: the filled total, its grade and the count of rows where filled ≠ rule. */
  filledScore?: string;
  /** Forms with a reviewer's column or total (复核得分 / 财政审核评分): the reviewer's total. */
  reviewScore?: string;
  filledGrade?: string;
  differences?: string;
  /** First row of the indicator table's data, and the columns the report's appendix reads. */
  indicatorFirstRow: number;
  indicatorCols: { weight: number; score: number; filled?: number };
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
/** A form's summary adds what the department filled beside the rule's figures. */
const FORM_SUMMARY = [
  ["填报得分", "filledScore"],
  ["填报等级", "filledGrade"],
  ["差异项数", "differences"],
] as const;
/** A form with a reviewer's column adds the reviewer's total after them (forms.md "Two score columns"). */
const REVIEW_SUMMARY = ["复核得分", "reviewScore"] as const;
type FormSummaryKey = (typeof FORM_SUMMARY)[number][1] | (typeof REVIEW_SUMMARY)[1];

/** Which extra columns a section's indicator table has: a form's 填报得分 and 差异, a reviewer's 复核得分. */
interface TableKind {
  form: boolean;
  review: boolean;
}

/**
 * Column of each field in the indicator table; a form's table adds 差异 after 填报得分, and a form
 * with a reviewer's column its 复核得分 between them, beside the department's own score.
 */
function indicatorColumns({ form, review }: TableKind) {
  const base = { no: 1, level1: 2, level2: 3, name: 4, method: 5, target: 6, actual: 7, weight: 8, completion: 9, score: 10, self: 11 };
  if (!form) return { ...base, review: 0, diff: 0, source: 12, note: 13 };
  return review ? { ...base, review: 12, diff: 13, source: 14, note: 15 } : { ...base, review: 0, diff: 12, source: 13, note: 14 };
}
type IndicatorColumns = ReturnType<typeof indicatorColumns>;
const indicatorHeaders = ({ form, review }: TableKind) => [
  "序号",
  "一级指标",
  "二级指标",
  "三级指标",
  "评分方法",
  "指标值",
  "实际值",
  "分值",
  "完成率",
  form ? "规则得分" : "得分",
  form ? "填报得分" : "自评得分",
  ...(review ? ["复核得分"] : []),
  ...(form ? ["差异"] : []),
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
/** A form's 年度资金总额 line in the budget table (SUMIF reads it by this text). */
const TOTAL_LINE = "年度资金总额";

/** A number from the input: a reference to its cell, the text read live, or the constant parsed from it. */
function numberCell(source: NumberSource | undefined, style: string, notes: string[], label: string): PlanCell {
  if (!source) return value(null, style);
  if (source.kind === "text") notes.push(`${label}由文本“${source.text}”解析`);
  const f = sourceFormula(source);
  return f === null ? value(source.value, style) : formula(f, source.value, style);
}

export interface ScoreSheetResult {
  sheet: SheetPlan;
  /** One layout per evaluation, in order. */
  layouts: ScoreSheetLayout[];
}

/**
 * 评分结果 for one evaluation (the template) or one section per form (forms.md "What Jixiao
 * writes"), with a line per form on top when there are several. `warnings` are listed at the end.
 */
export function buildScoreSheet(evs: readonly Evaluation[], warnings?: readonly CellIssue[]): ScoreSheetResult {
  const b = new SheetBuilder(SHEET.scores, TABLE_STYLES);
  const first = evs[0];
  const { info } = first.input;
  const isForm = first.input.source === "form";
  b.set(1, 1, text("评分结果", "title"));
  const subtitle = isForm
    ? `${evs.length} 张绩效自评表 · 规则得分为按评分规则由表中数字计算，填报得分为表中所填`
    : `${info.unitName} · ${info.year}年度${info.evaluationType}绩效自评 · 评分规则：${info.profile.name}（${info.profile.id}）`;
  b.set(2, 1, text(subtitle, "subtitle"));

  const overviewRows = isForm && evs.length > 1 ? evs.length + 3 : 0;
  let top = 3 + overviewRows;
  const layouts: ScoreSheetLayout[] = [];
  for (const ev of evs) {
    const { layout, next } = writeSection(b, ev, top);
    layouts.push(layout);
    top = next;
  }
  if (overviewRows) writeOverview(b, evs, layouts);

  // The checks (scoring.md "warnings", forms.md checks), so the workbook itself says what to look at.
  const all = warnings ?? evs.flatMap((e) => e.warnings);
  const checkRow = top + 1;
  b.set(checkRow - 1, 1, text(`校验提示（${all.length} 条）`, "section"));
  b.row(checkRow, 1, [text("单元格"), text("提示")], "header");
  if (all.length === 0) b.row(checkRow + 1, 1, [text("—", "label"), text("无", "text")]);
  all.forEach((w, i) => b.row(checkRow + 1 + i, 1, [text(w.cell, "label"), text(w.message, "text")]));

  const scoreWidths = isForm ? (evs.some(hasReviewColumn) ? [9, 9, 8] : [9, 8]) : [9];
  b.widths([16, 12, 14, 44, 10, 12, 12, 8, 10, 8, ...scoreWidths, 14, 60]);
  return { sheet: b.build(), layouts };
}

/** One line per form: sheet, title, project and its figures, each a reference to its section. */
function writeOverview(b: SheetBuilder, evs: readonly Evaluation[], layouts: ScoreSheetLayout[]): void {
  b.set(3, 1, text("表单汇总", "section"));
  const headers = [
    "序号",
    "工作表",
    "表名",
    "项目名称",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "规则得分",
    "填报得分",
    "规则等级",
    "差异项数",
  ];
  b.row(
    4,
    1,
    headers.map((h) => text(h)),
    "header",
  );
  b.height(4, 30);
  evs.forEach((ev, i) => {
    const l = layouts[i];
    // The overview lists forms only (several of them).
    const form = ev.input.form;
    if (!form) return;
    b.row(5 + i, 1, [
      value(i + 1, "label"),
      text(form.sheet, "text"),
      text(form.title, "text"),
      text(form.projectName, "text"),
      formula(l.budgetTotal, ev.budget.total, "amount"),
      formula(l.spentTotal, ev.spent.total, "amount"),
      formula(l.rateTotal, ev.rates.total ?? 0, "percent"),
      formula(l.totalScore, ev.totalScore, "scoreBold"),
      l.filledScore ? formula(`IF(${l.filledScore}="","",${l.filledScore})`, filledTotal(ev) ?? "", "score") : value(null, "score"),
      formula(l.grade, ev.grade, "grade"),
      l.differences ? formula(l.differences, differingItems(ev).length, "score") : value(0, "score"),
    ]);
  });
}

/** A form whose reviewer filled a column of their own (复核得分 / 财政审核评分) beside the 得分. */
function hasReviewColumn(ev: Evaluation): boolean {
  return Boolean(ev.input.form && ev.input.indicators.some((i) => i.review));
}

function writeSection(b: SheetBuilder, ev: Evaluation, top: number): { layout: ScoreSheetLayout; next: number } {
  const form = ev.input.form;
  const kind: TableKind = { form: Boolean(form), review: hasReviewColumn(ev) };
  // The reviewer's total: beside a reviewer's column, or alone where a header line states it.
  const reviewTotal = kind.review || Boolean(form?.reviewTotal);
  const IND = indicatorColumns(kind);
  const formSummary = reviewTotal ? [...FORM_SUMMARY, REVIEW_SUMMARY] : FORM_SUMMARY;
  const extra = form ? formSummary.length : 0;
  const summaryFirst = top + 1;
  const items = ev.items;
  const indHeaderRow = summaryFirst + SUMMARY.length + extra + 2;
  const indFirst = indHeaderRow + 1;
  const indLast = indFirst + items.length - 1;
  const indTotalRow = indLast + 1;
  const budHeaderRow = indTotalRow + 3;
  const budFirst = budHeaderRow + 1;
  const budLast = budFirst + ev.input.budgetLines.length - 1;

  b.set(
    top,
    1,
    text(
      form ? `${form.sheet}：${form.title}${form.projectName ? ` · ${form.projectName}` : ""} · ${ev.input.info.year}年度` : "汇总",
      "section",
    ),
  );
  const addr = {} as Record<SummaryKey | FormSummaryKey, string>;
  SUMMARY.forEach(([, key], i) => (addr[key] = a1(summaryFirst + i, 2, true)));
  formSummary.forEach(([, key], i) => (addr[key] = a1(summaryFirst + SUMMARY.length + i, 2, true)));

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
  const sumIf = (c: number, category: string) => `SUMIF(${col(BUD.category)},"${category}",${col(c)})`;
  // A form's 年度资金总额 line is the total; 基本支出/项目支出 lines beside it only split it.
  const sumOf = (c: number) => (ev.input.budgetLines.some((l) => l.category === "total") ? sumIf(c, TOTAL_LINE) : `SUM(${col(c)})`);

  // Summary block.
  const rate = (spent: string, budget: string) => toFormula(rateExpr(ref("s"), ref("b")), { s: spent, b: budget });
  const rateValue = (r: number | null) => r ?? 0;
  const unscoredForm = ev.input.indicators.some((i) => i.unscored);
  // An item outside the form's 总分 (forms.md "A 总分 that leaves the execution item out") is shown, not summed.
  const outside = items.flatMap((it, i) => (it.indicator.outsideTotal ? [indFirst + i] : []));
  const sumOfItems = (c: number) => `SUM(${rangeA1(indFirst, c, indLast, c)})${outside.map((r) => `-${a1(r, c)}`).join("")}`;
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
      rateDenominator(ev.input.info.profile) === "年初预算数" ? rate(addr.spentTotal, addr.initialBudgetTotal) : addr.rateTotal,
      ev.scoringRate,
      "percent",
    ),
    maxScore: formula(sumOfItems(IND.weight), ev.maxScore, "scoreBold"),
    totalScore: formula(`ROUND(${sumOfItems(IND.score)},2)`, ev.totalScore, "scoreBold"),
    grade: formula(toFormula(gradeExpr(ref("t")), { t: addr.totalScore }), ev.grade, "grade"),
  };
  // A form read but not scored (not yet evaluated; no 分值 and no 得分) states no total and no grade.
  if (unscoredForm) {
    summary.maxScore = value(null, "scoreBold");
    summary.totalScore = value(null, "scoreBold");
    summary.grade = value(null, "grade");
  }
  const summaryNotes: Partial<Record<SummaryKey | FormSummaryKey, string>> = {
    rateTotal: "全年执行数 ÷ 全年预算数",
    scoringRate: "执行率类指标计分所用的执行率",
    totalScore: form ? "规则得分：各指标按评分规则计算的得分（保留两位小数）之和" : "各指标得分（保留两位小数）之和",
    grade: "优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差（财预〔2020〕10号）",
    filledScore: "表中“总分”行所填得分",
    differences: "填报得分与规则得分不同的项数",
    reviewScore: "复核（审核）方所评总分，列示不计入",
  };
  SUMMARY.forEach(([label, key], i) => {
    b.row(summaryFirst + i, 1, [text(label, "label"), summary[key], text(summaryNotes[key] ?? "", "aside")]);
  });
  if (form) {
    const diffRange = rangeA1(indFirst, IND.diff, indLast, IND.diff);
    const notes: string[] = [];
    const filled = form.filledTotal ? numberCell(form.filledTotal, "scoreBold", notes, "填报得分") : value("", "scoreBold");
    const filledGrade = toFormula(gradeExpr(ref("t")), { t: addr.filledScore });
    const formCells: Record<FormSummaryKey, PlanCell> = {
      filledScore: filled,
      filledGrade: formula(
        `IF(${addr.filledScore}="","",${filledGrade})`,
        form.filledTotal ? gradeOf(form.filledTotal.value) : "",
        "grade",
      ),
      differences: formula(`SUMPRODUCT((${diffRange}<>"")*(${diffRange}<>0))`, differingItems(ev).length, "score"),
      reviewScore: form.reviewTotal ? numberCell(form.reviewTotal, "scoreBold", notes, "复核得分") : value("", "scoreBold"),
    };
    formSummary.forEach(([label, key], i) => {
      b.row(summaryFirst + SUMMARY.length + i, 1, [text(label, "label"), formCells[key], text(summaryNotes[key] ?? "", "aside")]);
    });
  }

  // Indicator table.
  b.set(indHeaderRow - 1, 1, text("绩效指标评分", "section"));
  const headers = indicatorHeaders(kind);
  b.row(
    indHeaderRow,
    1,
    headers.map((h) => text(h)),
    "header",
  );
  items.forEach((item, i) => b.row(indFirst + i, 1, indicatorRow(item, indFirst + i, i + 1, addr.scoringRate, IND)));
  const totalCells: PlanCell[] = Array.from({ length: headers.length }, () => text("", "label"));
  totalCells[0] = text("合计", "label");
  if (!unscoredForm) {
    totalCells[IND.weight - 1] = formula(sumOfItems(IND.weight), ev.maxScore, "scoreBold");
    totalCells[IND.score - 1] = formula(`ROUND(${sumOfItems(IND.score)},2)`, ev.totalScore, "scoreBold");
  }
  b.row(indTotalRow, 1, totalCells);
  b.height(indHeaderRow, 30).height(budHeaderRow, 30);

  const layout: ScoreSheetLayout = {
    ...(addr as Record<SummaryKey, string>),
    ...(form ? { filledScore: addr.filledScore, filledGrade: addr.filledGrade, differences: addr.differences } : {}),
    ...(reviewTotal ? { reviewScore: addr.reviewScore } : {}),
    indicatorFirstRow: indFirst,
    indicatorCols: { weight: IND.weight, score: IND.score, filled: form ? IND.self : undefined },
  };
  return { layout, next: budLast + 2 };
}

function indicatorRow(item: ScoredItem, row: number, no: number, scoringRate: string, IND: IndicatorColumns): PlanCell[] {
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
  // The reviewer's score, beside the department's own: shown, never used.
  if (IND.review) cells[IND.review - 1] = numberCell(ind.review, "score", notes, "复核得分");

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

  if (ind.method === "定性分档" && ind.tier) notes.unshift(`完成情况：${TIER_LABEL[ind.tier]}`);
  if (ind.unit) notes.unshift(`单位：${ind.unit}`);
  if (ind.direction && usesTarget) notes.unshift(`方向：${ind.direction === ">=" ? "≥" : ind.direction === "<=" ? "≤" : "="}`);
  if (IND.diff) {
    const diff = `IF(${at(IND.self)}="","",ROUND(${at(IND.score)}-${at(IND.self)},2))`;
    cells[IND.diff - 1] = formula(diff, ind.selfScore ? excelRound(item.score - excelRound(ind.selfScore.value, 2), 2) : "", "score");
  }
  cells[IND.source - 1] = text(ind.row === null ? "评分规则自动添加" : `${ind.sheet}!${ind.row}行`, "note");
  cells[IND.note - 1] = text(notes.join("；"), "note");
  return cells;
}

function budgetRow(line: BudgetLine, row: number, no: number): PlanCell[] {
  const notes: string[] = [];
  const cells: PlanCell[] = [];
  cells[BUD.no - 1] = value(no, "label");
  cells[BUD.category - 1] = text(line.category === "total" ? TOTAL_LINE : CATEGORY[line.category], "text");
  cells[BUD.item - 1] = text(line.item, "text");
  cells[BUD.initial - 1] = numberCell(line.initialBudget, "amount", notes, "年初预算数");
  cells[BUD.budget - 1] = numberCell(line.budget, "amount", notes, "全年预算数");
  cells[BUD.spent - 1] = numberCell(line.spent, "amount", notes, "全年执行数");
  const rateF = toFormula(rateExpr(ref("s"), ref("b")), { s: a1(row, BUD.spent), b: a1(row, BUD.budget) });
  cells[BUD.rate - 1] = formula(rateF, rateOf(line.spent.value, line.budget.value), "percent");
  cells[BUD.source - 1] = text(`${line.sheet}!${line.row}行`, "note");
  if (line.remark) notes.push(`备注：${line.remark}`);
  cells[BUD.note - 1] = text(notes.join("；"), "note");
  return cells;
}
