/**
 * Reads one official 自评表 form into the engine's Input (forms.md, docs/forms.md), every value
 * with its source cell, so scoring, 评分结果's formulas and the report work on it unchanged. Cells
 * are read through the cell-value layer (core/read/cell.ts) and indicator rows by the one
 * indicator-row reader (core/read/indicators.ts), as the template's are.
 * Problems go to the log: errors make the form unreadable, warnings are the reviewer's checks.
 */
import type { AmountUnit, EvaluationType, TextSection } from "../contract";
import { type Grid, headerKey } from "../grid";
import type { IssueLog } from "../issues";
import type { BudgetLine, FormInfo, FormInput, FundRow, Indicator, NumberSource } from "../model";
import { normalizeText } from "../numbers";
import { executionIndicator } from "../evaluate";
import type { CellRef } from "../problems";
import { DEFAULT_PROFILE, PROFILES, type RuleProfile, findProfile } from "../profiles";
import { type ReadResult, isPlaceholder, readNumber, readValue } from "../read/cell";
import { FORM_FUND, fundUnit, readFundRows, unitScale } from "../read/fundBlock";
import { FORM_ROWS, type IndicatorCols, type RowsRead, labelWeight, readIndicatorRows } from "../read/indicators";
import { checkWeightSum } from "../read/rules";
import { type FormRegion, rowFields, synonymIndex, totalRow, vocabularyKey } from "./locate";
import {
  FUND_FIELDS,
  type FundField,
  HEADER_REVIEW_LABELS,
  HEADER_TOTAL_LABELS,
  INFO_LABELS,
  TITLE_WORDS,
  UNIT_LABELS,
} from "./vocabulary";

const FUND_INDEX = synonymIndex(FUND_FIELDS);
/** The execution item's weight on a 项目支出 form that states none (财预〔2020〕10号). */
const DEFAULT_EXECUTION_WEIGHT = 10;

export interface FormOptions {
  profileId?: string;
}

/** Reads the form in `region` of `grid`; undefined when its errors make it unreadable (they are logged). */
export function readForm(grid: Grid, region: FormRegion, log: IssueLog, options: FormOptions = {}): FormInput | undefined {
  const errorsBefore = log.errors.length;
  const head = readTitleArea(grid, region, log);
  if (head.year === undefined) {
    if (head.dateYear !== undefined) log.warn(head.titleCell, "form.yearFromDate", { year: head.dateYear });
    else log.warn(head.titleCell, "form.yearUnknown", {});
  }
  const type: EvaluationType = /部门整体|整体支出/.test(head.title) ? "部门整体支出" : "项目支出";
  const profileId = options.profileId || DEFAULT_PROFILE[type].id;
  const profile = findProfile(profileId);
  if (!profile) log.error(head.titleCell, "profile.unknown", { profile: profileId, allowed: PROFILES.map((p) => p.id).join("、") });
  const year = head.year ?? head.dateYear ?? 0;

  const fund = readFundBlock(grid, region, head, type, log);
  const block = readIndicatorBlock(grid, region, year, log);
  if (!fund || !block || !profile || log.errors.length > errorsBefore) return undefined;

  const filledTotal = block.filledTotal ?? head.filledTotal ?? null;
  // A form with no 分值 and no 得分 anywhere states no execution item either: none is assumed.
  const statesNoScores = !block.scored && fund.cols.weight === undefined && fund.cols.score === undefined;
  let execution = block.rows.execution ?? (statesNoScores ? undefined : executionItem(grid, fund, type, head, log));
  const indicatorWeights = round2(block.rows.items.reduce((s, i) => s + i.weight.value, 0));
  // A 总分 whose 分值 is the indicators' alone: the form's total is honoured, the execution item left out.
  if (execution && !block.rows.execution && block.totalWeight !== undefined && block.weightsKnown) {
    if (indicatorWeights === block.totalWeight && round2(indicatorWeights + execution.weight.value) !== block.totalWeight) {
      log.warn(block.totalWeightCell, "execution.outsideTotal", {
        total: String(block.totalWeight),
        weight: String(execution.weight.value),
      });
      execution = { ...execution, outsideTotal: true };
    }
  }
  const all = execution ? [execution, ...block.rows.items] : block.rows.items;
  if (block.weightsKnown) {
    const sum = all.reduce((s, i) => s + (i.outsideTotal ? 0 : i.weight.value), 0);
    const detail = execution && !execution.outsideTotal ? "（含预算执行率）" : "";
    checkWeightSum(log, "warning", block.totalWeightCell, sum, { total: 100, detail, profile: "" });
  }

  const unitName = UNIT_LABELS.map((l) => head.info.find((i) => i.label === l)?.value).find(Boolean) ?? "";
  const projectName = ["项目名称", "专项资金名称"].map((l) => head.info.find((i) => i.label === l)?.value).find(Boolean) ?? "";
  const texts: Partial<Record<TextSection, string[]>> = {};
  if (fund.goals?.planned) texts["部门整体支出绩效目标"] = [fund.goals.planned];
  if (fund.goals?.actual) (texts["部门整体支出绩效目标"] ??= []).push(`实际完成情况：${fund.goals.actual}`);

  const form: FormInfo = {
    sheet: grid.name,
    title: head.title || `${type}绩效自评表`,
    titleCell: head.titleCell,
    projectName,
    info: head.info,
    fundLabel: fund.label,
    fundRows: fund.rows,
    filledRate: fund.filledRate,
    filledRateCell: fund.rateCell,
    goals: fund.goals,
    filledTotal,
    reviewTotal: block.reviewTotal ?? head.reviewTotal,
    totalScoreCell: block.filledTotal ? block.totalScoreCell : head.filledTotal ? refOf(head.filledTotal) : block.totalScoreCell,
    totalWeightCell: block.totalWeightCell,
    hasScoreColumn: block.hasScoreColumn,
    breakdown: block.rows.breakdown,
  };
  return {
    source: "form",
    info: {
      unitName: unitName || projectName || grid.name,
      year,
      evaluationType: type,
      profile: formProfile(profile),
      amountUnit: fund.unit,
    },
    budgetLines: fund.lines,
    budgetTotals: [],
    indicators: all,
    texts,
    form,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const refOf = (s: NumberSource): CellRef => ({ sheet: s.sheet, row: s.row, col: s.col });

/** A form states its own execution item (or none): the profile adds nothing. */
function formProfile(profile: RuleProfile): RuleProfile {
  const denominator = profile.executionRateItem?.denominator ?? profile.executionRateDenominator;
  return { ...profile, executionRateItem: null, executionRateDenominator: denominator };
}

// ── Title area ─────────────────────────────────────────────────────────────────────────────

interface TitleArea {
  title: string;
  titleCell: CellRef;
  year?: number;
  /** The year before a 填报日期 (a form that prints no year of its own). */
  dateYear?: number;
  info: Array<{ label: string; value: string }>;
  /** Every text of the area, for a 单位：元 line. */
  texts: string[];
  /** `自评得分 98` / `自评总分：99.68` on a header line; the reviewer's `财政审核评分`. */
  filledTotal?: NumberSource;
  reviewTotal?: NumberSource;
}

const INFO_KEYS = new Map(INFO_LABELS.map((l) => [vocabularyKey(normalizeText(l)), l]));
const TOTAL_KEYS = new Set(HEADER_TOTAL_LABELS.map(vocabularyKey));
const REVIEW_KEYS = new Set(HEADER_REVIEW_LABELS.map(vocabularyKey));

function readTitleArea(grid: Grid, region: FormRegion, log: IssueLog): TitleArea {
  const out: TitleArea = { title: "", titleCell: grid.ref(region.header.row, grid.firstCol), info: [], texts: [] };
  let yearFromTitle: number | undefined;
  let yearElsewhere: number | undefined;
  for (const row of grid.rowsBetween(region.top, region.header.row - 1)) {
    for (const col of grid.cols(row)) {
      const text = grid.text(row, col);
      if (!text) continue;
      out.texts.push(text);
      const folded = normalizeText(text).replace(/\s+/g, "");
      if (!out.title && TITLE_WORDS.some((w) => folded.includes(w))) {
        out.title = text.replace(/\s+/g, "");
        out.titleCell = grid.ref(row, col);
      }
      const y = /((?:19|20)\d{2})年度?/.exec(folded);
      if (y && !/填报日期|日期/.test(folded)) {
        if (folded.includes("自评表") || /^[(（]?\d{4}年度[)）]?$/.test(folded)) yearFromTitle ??= Number(y[1]);
        else yearElsewhere ??= Number(y[1]);
      }
      const date = /填报日期[：:]?((?:19|20)\d{2})/.exec(folded);
      if (date) out.dateYear ??= Number(date[1]) - 1;
      // 项目名称 | value, or 部门：value in one cell.
      const inline = /^([^：:]{2,12})[：:](.*)$/.exec(folded);
      const key = vocabularyKey(grid.key(row, col));
      const inlineKey = inline ? vocabularyKey(inline[1]) : "";
      if (TOTAL_KEYS.has(key) || TOTAL_KEYS.has(inlineKey) || REVIEW_KEYS.has(key) || REVIEW_KEYS.has(inlineKey)) {
        const review = REVIEW_KEYS.has(key) || REVIEW_KEYS.has(inlineKey);
        const total = headerLineNumber(grid, row, col, inline ? inline[2] : undefined, log);
        if (total) {
          if (review) out.reviewTotal ??= total;
          else out.filledTotal ??= total;
        }
        continue;
      }
      if (/填报日期/.test(key)) continue;
      const label = INFO_KEYS.get(key) ?? (inline ? INFO_KEYS.get(inlineKey) : undefined);
      if (!label || out.info.some((i) => i.label === label)) continue;
      const value = inline && INFO_KEYS.has(inlineKey) ? text.replace(/^[^：:]*[：:]\s*/, "") : nextText(grid, row, col);
      if (value) out.info.push({ label, value });
    }
  }
  out.year = yearFromTitle ?? yearElsewhere;
  // A form that prints no year: the year before its 填报日期, in the footer under the 总分 row.
  if (out.year === undefined && out.dateYear === undefined) {
    const from = (region.total ?? region.last) + 1;
    for (const row of grid.rowsBetween(from, from + 4))
      for (const col of grid.cols(row)) {
        const date = /填报日期[：:]?((?:19|20)\d{2})/.exec(normalizeText(grid.text(row, col)).replace(/\s+/g, ""));
        if (date) out.dateYear ??= Number(date[1]) - 1;
      }
  }
  return out;
}

/** The number of a header line's total: after the colon in its own cell, else the next cell. */
function headerLineNumber(grid: Grid, row: number, col: number, inline: string | undefined, log: IssueLog): NumberSource | undefined {
  const label = grid.text(row, col).replace(/[：:].*$/, "");
  if (inline !== undefined && inline !== "") {
    const r = readNumber(grid, row, col);
    // `自评总分：99.68` in one cell: the number after the colon, as text.
    const n = /^[^：:]*[：:]\s*(.+)$/.exec(grid.text(row, col));
    const value = n ? Number(normalizeText(n[1])) : NaN;
    if (n && !r.ok && Number.isFinite(value) && /^\s*\d+(\.\d+)?\s*$/.test(normalizeText(n[1])))
      return { sheet: grid.name, row, col, kind: "text", text: grid.text(row, col), value, scale: 1 };
    if (n) log.error(grid.ref(row, col), "cell.notNumber", { label, shown: grid.shown(row, col) });
    return undefined;
  }
  for (const c of grid.cols(row)) {
    if (c <= col) continue;
    const r = readNumber(grid, row, c);
    if (r.ok && !r.percent) return r.source;
    if (!r.ok && r.reason === "blank") continue;
    log.error(grid.ref(row, c), "cell.notNumber", { label, shown: r.ok ? grid.shown(row, c) : r.shown });
    return undefined;
  }
  return undefined;
}

function nextText(grid: Grid, row: number, col: number): string {
  for (const c of grid.cols(row)) {
    if (c <= col) continue;
    const t = grid.text(row, c);
    if (t) return INFO_KEYS.has(vocabularyKey(normalizeText(t))) ? "" : t;
  }
  return "";
}

// ── Fund block ─────────────────────────────────────────────────────────────────────────────

interface FundBlock {
  label: string;
  unit: AmountUnit;
  rows: FundRow[];
  lines: BudgetLine[];
  total?: FundRow;
  /** The block's columns: 全年预算数 (or the 年初预算数 standing for it) and 全年执行数 always. */
  cols: Partial<Record<FundField, number>> & { budget: number; spent: number };
  totalRow: number;
  headerTexts: string[];
  filledRate?: NumberSource;
  rateCell?: CellRef;
  goals: { planned: string; actual: string } | null;
}

/** An information line: label and amount in one text cell (`按收入性质分：2030.12`), never a fund row. */
const INFO_LINE = /[：:]\s*[\d,.]+\s*(万元|元)?$/;

function readFundBlock(grid: Grid, region: FormRegion, head: TitleArea, type: EvaluationType, log: IssueLog): FundBlock | undefined {
  let headerRow: number | undefined;
  let cols: Partial<Record<FundField, number>> = {};
  for (const row of grid.rowsBetween(region.top, region.header.row - 1)) {
    if (headerRow !== undefined) break;
    const fields = rowFields(grid, row, FUND_INDEX);
    if (fields.has("budget") || fields.has("spent")) {
      headerRow = row;
      cols = Object.fromEntries(fields);
    }
  }
  const firstCell = grid.ref(headerRow ?? region.top, grid.firstCol);
  if (headerRow === undefined) {
    log.error(head.titleCell, "fund.missing", {});
    return undefined;
  }
  // 年初预算数 | 全年执行数 only: the budget is the 年初预算数 (forms.md "Fund blocks").
  const budgetCol = cols.budget ?? cols.initial;
  const spentCol = cols.spent;
  if (spentCol === undefined || budgetCol === undefined) {
    log.error(firstCell, "fund.columnMissing", { column: spentCol === undefined ? "全年执行数" : "全年预算数", row: headerRow });
    return undefined;
  }
  if (cols.budget === undefined) log.warn(grid.ref(headerRow, budgetCol), "fund.budgetFromInitial", { row: headerRow });
  const amountCols = { initial: cols.budget === undefined ? undefined : cols.initial, budget: budgetCol, spent: spentCol };
  const firstAmountCol = Math.min(...Object.values(cols).filter((c): c is number => c !== undefined));
  const headerTexts: string[] = [];
  for (const col of grid.cols(headerRow)) if (grid.text(headerRow, col)) headerTexts.push(grid.text(headerRow, col));
  const label = headerTexts.find((t) => /资金/.test(t)) ?? `资金`;

  // Rows down to the 年度总体目标 block (or the indicator header).
  let goalsRow: number | undefined;
  const rowsRaw: Array<{ row: number; label: string }> = [];
  for (const row of grid.rowsBetween(headerRow + 1, region.header.row - 1)) {
    const keys = grid.cols(row).map((col) => grid.key(row, col));
    if (keys.some((k) => /总体目标|绩效目标$|预期目标/.test(k))) {
      goalsRow = row;
      break;
    }
    let rowLabel = "";
    for (const col of grid
      .cols(row)
      .filter((c) => c < firstAmountCol)
      .reverse()) {
      const t = grid.text(row, col);
      if (t && !/资金[（(]/.test(t)) {
        rowLabel = t;
        break;
      }
    }
    if (INFO_LINE.test(normalizeText(rowLabel))) continue;
    rowsRaw.push({ row, label: rowLabel.replace(/^其中[：:]\s*/, "").replace(/\s+/g, "") });
  }

  const texts = [...head.texts, ...headerTexts];
  // The unit decides the scale, and may itself depend on the total's size.
  const totalRaw = rowsRaw.find((r) => FORM_FUND.kindOf(r.label) === "total") ?? rowsRaw[0];
  const unit = fundUnit(grid, texts, totalRaw && { row: totalRaw.row, col: budgetCol }, log);
  const rows: FundRow[] = readFundRows({ grid, rows: rowsRaw, cols: amountCols, scale: unitScale(unit), layout: FORM_FUND, log });
  const total = rows.find((r) => r.kind === "total") ?? (rows.length === 1 || rows[0]?.kind === "other" ? rows[0] : undefined);
  if (total && total.kind === "other") total.kind = "total";
  const splits = rows.filter((r) => r.kind === "basic" || r.kind === "project");

  const lines: BudgetLine[] = [];
  const line = (r: FundRow, category: BudgetLine["category"], item: string): BudgetLine | undefined => {
    if (!r.budget || !r.spent) return undefined;
    return {
      sheet: grid.name,
      row: r.row,
      category,
      item,
      budget: r.budget,
      spent: r.spent,
      initialBudget: r.initial,
      remark: "",
      remarkCell: grid.ref(r.row, spentCol),
    };
  };
  if (total) {
    for (const [field, what, col] of [
      ["budget", "全年预算数", budgetCol],
      ["spent", "全年执行数", spentCol],
    ] as const) {
      if (!total[field] && !log.hasErrorAt(grid.ref(total.row, col)))
        log.error(grid.ref(total.row, col), "fund.totalEmpty", { label: total.label || "年度资金总额", field: what }, total.label);
    }
    const project = head.info.find((i) => i.label === "项目名称")?.value ?? total.label;
    const l = line(total, splits.length || type === "部门整体支出" ? "total" : "project", splits.length ? total.label : project);
    if (l) lines.push(l);
  }
  if (total || splits.length)
    for (const s of splits) {
      const sl = line(s, s.kind === "basic" ? "basic" : "project", s.label);
      if (sl) lines.push(sl);
    }
  if (lines.length === 0) {
    if (!log.errors.length) log.error(firstCell, "fund.noTotal", {});
    return undefined;
  }

  let filledRate: NumberSource | undefined;
  const totalRowNo = total?.row ?? lines[0].row;
  if (cols.rate !== undefined) {
    const r = readNumber(grid, totalRowNo, cols.rate);
    // A bare rate is a fraction up to 1.5 (`0.9658`, `1`) and a percent above it (`96.85`).
    if (r.ok)
      filledRate = r.percent
        ? r.source
        : r.source.value > 1.5
          ? r.source
          : { ...r.source, value: r.source.value * 100, scale: r.source.scale * 100 };
    else if (r.reason !== "blank") log.error(grid.ref(totalRowNo, cols.rate), "cell.notNumber", { label: "执行率", shown: r.shown });
  }
  return {
    label,
    unit,
    rows,
    lines,
    total,
    cols: { ...cols, budget: budgetCol, spent: spentCol },
    totalRow: totalRowNo,
    headerTexts,
    filledRate,
    rateCell: cols.rate !== undefined ? grid.ref(totalRowNo, cols.rate) : undefined,
    goals: goalsRow !== undefined ? readGoals(grid, goalsRow, region.header.row) : null,
  };
}

/** 年度总体目标: texts under 预期目标 and 实际完成情况 (or the two cells right of the label). */
function readGoals(grid: Grid, row: number, before: number): { planned: string; actual: string } | null {
  let plannedCol: number | undefined;
  let actualCol: number | undefined;
  for (const col of grid.cols(row)) {
    const k = headerKey(grid.key(row, col));
    if (/预期目标/.test(k)) plannedCol = col;
    else if (/实际完成情况|实际完成/.test(k)) actualCol = col;
  }
  const below = (col: number | undefined) => {
    if (col === undefined) return "";
    for (const r of grid.rowsBetween(row + 1, before - 1)) if (grid.text(r, col)) return grid.text(r, col);
    return "";
  };
  if (plannedCol !== undefined || actualCol !== undefined) {
    const planned = below(plannedCol);
    const actual = below(actualCol);
    return planned || actual ? { planned, actual } : null;
  }
  // 年度总体目标 | text | text on one row.
  const texts: string[] = [];
  for (const col of grid.cols(row)) {
    const t = grid.text(row, col);
    if (t && !/总体目标/.test(t)) texts.push(t);
  }
  return texts.length ? { planned: texts[0], actual: texts[1] ?? "" } : null;
}

// ── Execution item ─────────────────────────────────────────────────────────────────────────

function executionItem(grid: Grid, fund: FundBlock, type: EvaluationType, head: TitleArea, log: IssueLog): Indicator | undefined {
  const row = fund.totalRow;
  const at = (c: number | undefined) => (c === undefined ? undefined : grid.ref(row, c));
  const readCell = (col: number | undefined, label: string): NumberSource | undefined => {
    if (col === undefined) return undefined;
    const r: ReadResult = readNumber(grid, row, col);
    if (r.ok && !r.percent) return r.source;
    if (r.ok || r.reason !== "blank")
      log.error(grid.ref(row, col), "cell.notNumber", { label, shown: r.ok ? grid.shown(row, col) : r.shown });
    return undefined;
  };
  const filledWeight = readCell(fund.cols.weight, "分值");
  let weight: Indicator["weight"] | undefined = filledWeight;
  if (filledWeight && !(filledWeight.value > 0)) {
    log.error(refOf(filledWeight), "weight.notPositive", { value: filledWeight.value });
    weight = undefined;
  }
  if (!weight) {
    const stated = labelWeight([...fund.headerTexts, fund.label, ...head.texts.filter((t) => /执行率|预算执行/.test(t))]);
    if (stated !== undefined) weight = { value: stated, kind: "profile" };
  }
  const weightCell = at(fund.cols.weight) ?? at(fund.cols.score) ?? grid.ref(row, fund.cols.spent);
  if (!weight) {
    if (type === "部门整体支出" || log.hasErrorAt(weightCell)) return undefined;
    weight = { value: DEFAULT_EXECUTION_WEIGHT, kind: "profile" };
    log.warn(weightCell, "execution.weightDefault", { weight: DEFAULT_EXECUTION_WEIGHT });
  }
  const selfScore = readCell(fund.cols.score, "得分");
  const review = readCell(fund.cols.review, "复核得分");
  const rateCell = fund.rateCell ?? grid.ref(row, fund.cols.spent);
  return {
    ...executionIndicator({
      sheet: grid.name,
      row,
      level1: "预算执行",
      level2: "预算执行率",
      weight,
      selfScore,
      cells: { target: rateCell, actual: rateCell, weight: weightCell, selfScore: at(fund.cols.score) ?? weightCell, deviation: rateCell },
    }),
    review,
  };
}

// ── Indicator block ────────────────────────────────────────────────────────────────────────

interface IndicatorBlock {
  rows: RowsRead;
  filledTotal: NumberSource | null;
  /** The 总分 row's reviewer's total (复核得分 column): shown, never mixed in. */
  reviewTotal?: NumberSource;
  totalWeight?: number;
  totalScoreCell: CellRef;
  totalWeightCell: CellRef;
  hasScoreColumn: boolean;
  weightsKnown: boolean;
  /** The block has a 分值 or a 得分 column. */
  scored: boolean;
}

function readIndicatorBlock(grid: Grid, region: FormRegion, year: number, log: IssueLog): IndicatorBlock | undefined {
  const first = region.header.cols;
  const headerCell = grid.ref(region.header.row, grid.firstCol);
  const hasWeight = region.headers.some((h) => h.cols.weight !== undefined);
  const hasScore = region.headers.some((h) => h.cols.score !== undefined);
  const end = region.total !== undefined ? region.total - 1 : region.last;
  const errorsBefore = log.errors.length;
  // A block without a single number (only template lines and words) is one problem, not one per row.
  const anyNumber = region.headers.some((h) =>
    grid
      .rowsBetween(h.lastRow + 1, end)
      .some(
        (r) =>
          [h.cols.weight, h.cols.score].some((c) => c !== undefined && readNumber(grid, r, c).ok) ||
          [h.cols.target, h.cols.actual].some((c) => readValue(grid, r, c, year).kind === "value"),
      ),
  );
  if (!anyNumber) {
    log.error(headerCell, "form.noNumbers", { row: region.header.row });
    return undefined;
  }
  const merged: RowsRead = { items: [], breakdown: [], labelWeights: [], anyActual: false };
  // Nothing filled yet (every 完成值 and 得分 blank): read as not yet evaluated.
  const evaluated = region.headers.some((h, i) => {
    const stop = region.headers[i + 1]?.row ?? end + 1;
    return grid
      .rowsBetween(h.lastRow + 1, stop - 1)
      .some((r) => [h.cols.actual, h.cols.score].some((c) => c !== undefined && grid.text(r, c) !== "" && !isPlaceholder(grid.text(r, c))));
  });
  const policy = { ...FORM_ROWS, scored: hasWeight || hasScore, evaluated: evaluated || !(hasWeight || hasScore) };
  region.headers.forEach((header, i) => {
    const next = region.headers[i + 1];
    const last = next ? next.row - 1 : end;
    // A block's own 合计 line (several blocks in one form) is not an indicator.
    const subTotal = next ? totalRow(grid, header, last) : undefined;
    const rows = grid.rowsBetween(header.lastRow + 1, subTotal !== undefined ? subTotal - 1 : last);
    const cols: IndicatorCols = { ...header.cols };
    const read = readIndicatorRows({ grid, cols, rows, year, policy, log });
    merged.items.push(...read.items);
    merged.breakdown.push(...read.breakdown);
    merged.labelWeights.push(...read.labelWeights);
    merged.execution ??= read.execution;
    merged.anyActual ||= read.anyActual;
  });
  if (log.errors.length > errorsBefore) return undefined;
  if (merged.items.length === 0 && !merged.execution) {
    log.error(headerCell, "form.noIndicators", { row: region.header.row });
    return undefined;
  }
  const scoreCol = first.score ?? region.headers.find((h) => h.cols.score !== undefined)?.cols.score;
  const weightCol = first.weight ?? region.headers.find((h) => h.cols.weight !== undefined)?.cols.weight;
  const reviewCol = first.review ?? region.headers.find((h) => h.cols.review !== undefined)?.cols.review;
  if (!hasWeight && !hasScore) log.warn(headerCell, "form.nothingScored", {});
  else if (!evaluated) log.warn(headerCell, "form.notEvaluated", {});
  const weightsKnown = hasWeight;
  if (!weightsKnown && scoreCol !== undefined) {
    // A weight in a 一级 label belongs to an indicator standing alone under it; the others' weights
    // are unknown, their filled 得分 stand (直接评分), and the label's weight bounds their sum.
    let unknown = 0;
    for (const group of merged.labelWeights) {
      if (group.rows.length === 1) group.rows[0].weight = { value: group.weight, kind: "profile" };
      else {
        const sum = round2(group.rows.reduce((s, r) => s + (r.selfScore?.value ?? 0), 0));
        if (sum > group.weight)
          log.warn(group.ref, "weight.blockSum", { label: group.label, sum: String(sum), weight: String(group.weight) });
      }
    }
    for (const i of merged.items) {
      if (merged.labelWeights.some((g) => g.rows.length === 1 && g.rows[0] === i)) continue;
      if (!i.selfScore) unknown++;
      i.method = "直接评分";
    }
    log.warn(grid.ref(region.header.row, scoreCol), "form.noWeightColumn", { unscored: unknown });
  }
  const totalRowNo = region.total;
  let filledTotal: NumberSource | null = null;
  let reviewTotal: NumberSource | undefined;
  let totalWeight: number | undefined;
  if (totalRowNo !== undefined) {
    const read = (col: number | undefined, label: string): NumberSource | undefined => {
      if (col === undefined) return undefined;
      const r = readNumber(grid, totalRowNo, col);
      if (r.ok && !r.percent) return r.source;
      if (r.ok || r.reason !== "blank")
        log.error(grid.ref(totalRowNo, col), "cell.notNumber", { label, shown: r.ok ? grid.shown(totalRowNo, col) : r.shown });
      return undefined;
    };
    filledTotal = read(scoreCol, "总分得分") ?? null;
    reviewTotal = read(reviewCol, "总分复核得分");
    const w = read(weightCol, "总分分值");
    if (w && !(w.value > 0)) log.error(refOf(w), "weight.notPositive", { value: w.value });
    else totalWeight = w?.value;
    if (log.errors.length > errorsBefore) return undefined;
  }
  const totalRowOr = totalRowNo ?? region.header.row;
  return {
    rows: merged,
    filledTotal,
    reviewTotal,
    totalWeight,
    totalScoreCell: grid.ref(totalRowOr, scoreCol ?? weightCol ?? first.name),
    totalWeightCell: grid.ref(totalRowOr, weightCol ?? scoreCol ?? first.name),
    hasScoreColumn: hasScore,
    weightsKnown,
    scored: hasWeight || hasScore,
  };
}
