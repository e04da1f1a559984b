/**
 * Reads one official 自评表 form into the engine's Input (forms.md, docs/forms.md), every value
 * with its source cell, so scoring, 评分结果's formulas and the report work on it unchanged.
 * Problems go to the log: errors stop the run, warnings are the reviewer's checks the reading finds.
 */
import type { AmountUnit, EvaluationType, TextSection } from "../contract";
import { type Grid, headerKey } from "../grid";
import { type IssueLog, quote } from "../issues";
import type { CellRef } from "../problems";
import { readNumber } from "../input/readNumber";
import { tierRange } from "../methods";
import type { BudgetLine, FormInfo, FundRow, Indicator, Input, NumberSource } from "../model";
import { normalizeText } from "../numbers";
import { executionIndicator } from "../evaluate";
import { DEFAULT_PROFILE, PROFILES, type RuleProfile, findProfile } from "../profiles";
import { type FormRegion, rowFields, synonymIndex } from "./locate";
import { inferMethod, readAmount, readFormValue, tierFromWords } from "./values";
import {
  FUND_FIELDS,
  FUND_ROW_KINDS,
  type FundField,
  INFO_LABELS,
  NUMBERED_LINE,
  PLACEHOLDER_ONLY,
  PLACEHOLDER_PREFIX,
  TITLE_WORDS,
  UNIT_LABELS,
} from "./vocabulary";

const FUND_INDEX = synonymIndex(FUND_FIELDS);
/** Above this many 万元 a form's unstated unit is taken to be 元 (forms.md "Amounts"). */
const WAN_YUAN_CEILING = 1_000_000;
/** The execution item's weight on a 项目支出 form that states none (财预〔2020〕10号). */
const DEFAULT_EXECUTION_WEIGHT = 10;

const TIER_LABEL = { achieved: "达成", partly: "部分达成", missed: "未达成" } as const;

export interface FormOptions {
  profileId?: string;
}

/** Reads the form in `region` of `grid`; undefined when its errors make it unreadable (they are logged). */
export function readForm(grid: Grid, region: FormRegion, log: IssueLog, options: FormOptions = {}): Input | undefined {
  const errorsBefore = log.errors.length;
  const head = readTitleArea(grid, region);
  if (head.year === undefined) log.error(head.titleCell, "form.yearMissing", {});
  const type: EvaluationType = /部门整体|整体支出/.test(head.title) ? "部门整体支出" : "项目支出";
  const profileId = options.profileId || DEFAULT_PROFILE[type];
  const profile = findProfile(profileId);
  if (!profile) log.error(head.titleCell, "profile.unknown", { profile: profileId, allowed: PROFILES.map((p) => p.id).join("、") });
  const year = head.year ?? 0;

  const fund = readFundBlock(grid, region, head, type, log);
  const indicators = readIndicators(grid, region, year, log);
  if (!fund || !indicators || !profile || log.errors.length > errorsBefore) return undefined;

  const execution = executionItem(grid, fund, type, head, log);
  const all = execution ? [execution, ...indicators.items] : indicators.items;
  checkWeightSum(all, indicators, log);

  const unitName = UNIT_LABELS.map((l) => head.info.find((i) => i.label === l)?.value).find(Boolean) ?? "";
  const projectName = head.info.find((i) => i.label === "项目名称")?.value ?? "";
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
    filledTotal: indicators.filledTotal,
    totalScoreCell: indicators.totalScoreCell,
    totalWeightCell: indicators.totalWeightCell,
    hasScoreColumn: indicators.hasScoreColumn,
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
  info: Array<{ label: string; value: string }>;
  /** Every text of the area, for a 单位：元 line. */
  texts: string[];
}

function readTitleArea(grid: Grid, region: FormRegion): TitleArea {
  const out: TitleArea = { title: "", titleCell: grid.ref(region.header.row, grid.firstCol), info: [], texts: [] };
  const labels = new Map(INFO_LABELS.map((l) => [headerKey(normalizeText(l)), l]));
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
      if (y) {
        if (folded.includes("自评表") || /^[(（]?\d{4}年度[)）]?$/.test(folded)) yearFromTitle ??= Number(y[1]);
        else yearElsewhere ??= Number(y[1]);
      }
      // 项目名称 | value, or 部门：value in one cell.
      const inline = /^([^：:]{2,12})[：:](.+)$/.exec(folded);
      const label = labels.get(headerKey(grid.key(row, col))) ?? (inline ? labels.get(headerKey(inline[1])) : undefined);
      if (!label || out.info.some((i) => i.label === label)) continue;
      const value = inline && labels.has(headerKey(inline[1])) ? text.replace(/^[^：:]*[：:]\s*/, "") : nextText(grid, row, col);
      if (value) out.info.push({ label, value });
    }
  }
  out.year = yearFromTitle ?? yearElsewhere;
  return out;
}

function nextText(grid: Grid, row: number, col: number): string {
  for (const c of grid.cols(row)) {
    if (c <= col) continue;
    const t = grid.text(row, c);
    if (t) return labelsContain(t) ? "" : t;
  }
  return "";
}

function labelsContain(text: string): boolean {
  return INFO_LABELS.some((l) => headerKey(normalizeText(l)) === headerKey(normalizeText(text).replace(/\s+/g, "")));
}

// ── Fund block ─────────────────────────────────────────────────────────────────────────────

interface FundBlock {
  label: string;
  unit: AmountUnit;
  rows: FundRow[];
  lines: BudgetLine[];
  total?: FundRow;
  cols: Partial<Record<FundField, number>>;
  totalRow: number;
  headerTexts: string[];
  filledRate?: NumberSource;
  rateCell?: CellRef;
  goals: { planned: string; actual: string } | null;
}

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
  if (cols.spent === undefined || cols.budget === undefined) {
    const missing = cols.spent === undefined ? "全年执行数" : "全年预算数";
    log.error(firstCell, "fund.columnMissing", { column: missing, row: headerRow });
    return undefined;
  }
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
    if (rowLabel || cols.budget !== undefined) rowsRaw.push({ row, label: rowLabel.replace(/^其中[：:]\s*/, "").replace(/\s+/g, "") });
  }

  const texts = [...head.texts, ...headerTexts];
  const stated = statedUnit(texts);
  // The unit decides the scale, and may itself depend on the total's size.
  const totalRaw = rowsRaw.find((r) => kindOf(r.label) === "total") ?? rowsRaw[0];
  let unit: AmountUnit = stated ?? "万元";
  if (!stated && totalRaw) {
    const t = readAmount(grid, totalRaw.row, cols.budget, 1);
    const big =
      typeof t === "object" && t.kind === "cell"
        ? t.value > WAN_YUAN_CEILING
        : typeof t === "object" && t.scale === 1 && !/万/.test(t.text ?? "") && t.value > WAN_YUAN_CEILING;
    unit = big ? "元" : "万元";
    if (big) log.warn(grid.ref(totalRaw.row, cols.budget), "fund.unitAssumedYuan", { ceiling: WAN_YUAN_CEILING.toLocaleString("en-US") });
    else log.warn(grid.ref(totalRaw.row, cols.budget), "fund.unitAssumedWan", {});
  }
  const scale = unit === "元" ? 1 / 10000 : 1;

  const rows: FundRow[] = [];
  for (const { row, label: rowLabel } of rowsRaw) {
    const amount = (field: FundField) => {
      const a = readAmount(grid, row, cols[field], scale);
      if (a === "text") {
        log.error(
          grid.ref(row, cols[field]!),
          "cell.notAmount",
          { label: FUND_FIELDS[field][0], shown: grid.shown(row, cols[field]!) },
          rowLabel,
        );
        return undefined;
      }
      return a;
    };
    const fr: FundRow = {
      row,
      label: rowLabel,
      kind: kindOf(rowLabel),
      initial: amount("initial"),
      budget: amount("budget"),
      spent: amount("spent"),
    };
    if (!rowLabel && !fr.budget && !fr.spent && !fr.initial) continue;
    rows.push(fr);
  }
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
      remarkCell: grid.ref(r.row, cols.spent!),
    };
  };
  if (total) {
    for (const [field, what] of [
      ["budget", "全年预算数"],
      ["spent", "全年执行数"],
    ] as const) {
      if (!total[field] && !log.hasErrorAt(grid.ref(total.row, cols[field]!)))
        log.error(grid.ref(total.row, cols[field]!), "fund.totalEmpty", { label: total.label || "年度资金总额", field: what }, total.label);
    }
    const project = head.info.find((i) => i.label === "项目名称")?.value ?? total.label;
    const l = line(total, splits.length || type === "部门整体支出" ? "total" : "project", splits.length ? total.label : project);
    if (l) lines.push(l);
    for (const s of splits) {
      const sl = line(s, s.kind === "basic" ? "basic" : "project", s.label);
      if (sl) lines.push(sl);
    }
  } else if (splits.length) {
    for (const s of splits) {
      const sl = line(s, s.kind === "basic" ? "basic" : "project", s.label);
      if (sl) lines.push(sl);
    }
  }
  if (lines.length === 0) {
    if (!log.errors.length) log.error(firstCell, "fund.noTotal", {});
    return undefined;
  }

  let filledRate: NumberSource | undefined;
  const totalRowNo = total?.row ?? lines[0].row;
  if (cols.rate !== undefined) {
    const r = readNumber(grid, totalRowNo, cols.rate);
    // A bare 96.85 means 96.85%; a fraction in a percent cell reads as points already.
    if (r.ok)
      filledRate = r.percent
        ? r.source
        : r.source.value > 1.5
          ? r.source
          : { ...r.source, value: r.source.value * 100, scale: r.source.scale * 100 };
  }
  return {
    label,
    unit,
    rows,
    lines,
    total,
    cols,
    totalRow: totalRowNo,
    headerTexts,
    filledRate,
    rateCell: cols.rate !== undefined ? grid.ref(totalRowNo, cols.rate) : undefined,
    goals: goalsRow !== undefined ? readGoals(grid, goalsRow, region.header.row) : null,
  };
}

function kindOf(label: string): FundRow["kind"] {
  const l = normalizeText(label).replace(/\s+/g, "");
  for (const [re, kind] of FUND_ROW_KINDS) if (re.test(l)) return kind;
  return "other";
}

/** 单位：元 / 项目资金（万元） / 全年预算数（元）. */
function statedUnit(texts: readonly string[]): AmountUnit | undefined {
  for (const raw of texts) {
    const t = normalizeText(raw).replace(/\s+/g, "");
    if (/单位[:：]?万元|[(（]万元[)）]/.test(t)) return "万元";
    if (/单位[:：]?元|[(（]元[)）]/.test(t)) return "元";
  }
  return undefined;
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
  let weight: Indicator["weight"] | undefined;
  if (fund.cols.weight !== undefined) {
    const w = readNumber(grid, row, fund.cols.weight);
    if (w.ok && !w.percent && w.source.value > 0) weight = w.source;
  }
  if (!weight) {
    const stated = labelWeight([...fund.headerTexts, fund.label, ...head.texts.filter((t) => /执行率/.test(t))]);
    if (stated !== undefined) weight = { value: stated, kind: "profile" };
  }
  const weightCell = at(fund.cols.weight) ?? at(fund.cols.score) ?? grid.ref(row, fund.cols.spent!);
  if (!weight) {
    if (type === "部门整体支出") return undefined;
    weight = { value: DEFAULT_EXECUTION_WEIGHT, kind: "profile" };
    log.warn(weightCell, "execution.weightDefault", { weight: DEFAULT_EXECUTION_WEIGHT });
  }
  let selfScore: NumberSource | undefined;
  if (fund.cols.score !== undefined) {
    const s = readNumber(grid, row, fund.cols.score);
    if (s.ok && !s.percent) selfScore = s.source;
  }
  const rateCell = fund.rateCell ?? grid.ref(row, fund.cols.spent!);
  return executionIndicator({
    sheet: grid.name,
    row,
    level1: "预算执行",
    level2: "预算执行率",
    weight,
    selfScore,
    cells: { target: rateCell, actual: rateCell, weight: weightCell, selfScore: at(fund.cols.score) ?? weightCell, deviation: rateCell },
  });
}

/** （20分）, 20分*执行率, 权重 10, 执行率权重10 in a label. */
export function labelWeight(texts: readonly string[]): number | undefined {
  for (const raw of texts) {
    const t = normalizeText(raw).replace(/\s+/g, "");
    const m = /(\d+(?:\.\d+)?)分/.exec(t) ?? /权重[:：]?(\d+(?:\.\d+)?)/.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

// ── Indicator block ────────────────────────────────────────────────────────────────────────

interface IndicatorBlock {
  items: Indicator[];
  filledTotal: NumberSource | null;
  totalScoreCell: CellRef;
  totalWeightCell: CellRef;
  hasScoreColumn: boolean;
  weightsKnown: boolean;
}

function readIndicators(grid: Grid, region: FormRegion, year: number, log: IssueLog): IndicatorBlock | undefined {
  const c = region.header.cols;
  const headerCell = grid.ref(region.header.row, grid.firstCol);
  if (c.weight === undefined && c.score === undefined) {
    log.error(headerCell, "form.noWeightNoScore", { row: region.header.row });
    return undefined;
  }
  const text = (row: number, col: number | undefined) => (col === undefined ? "" : grid.text(row, col));
  const cell = (row: number, col: number | undefined, fallback: number) => grid.ref(row, col ?? fallback);
  const items: Indicator[] = [];
  const groupWeights = new Map<string, { weight: number; rows: Indicator[]; cell: CellRef }>();
  let level1 = "";
  let level2 = "";
  const end = region.total !== undefined ? region.total - 1 : region.last;
  // A block without a single number (only template lines and words) is one problem, not one per row.
  if (!blockHasNumber(grid, region, end, year)) {
    log.error(headerCell, "form.noNumbers", { row: region.header.row });
    return undefined;
  }
  const errorsBefore = log.errors.length;
  for (const row of grid.rowsBetween(region.header.lastRow + 1, end)) {
    const l1raw = text(row, c.level1);
    const l2raw = text(row, c.level2);
    if (l1raw) {
      level1 = stripWeight(l1raw);
      level2 = "";
      const w = labelWeight([l1raw]);
      if (w !== undefined) groupWeights.set(level1, { weight: w, rows: [], cell: grid.ref(row, c.level1!) });
    }
    if (l2raw) level2 = stripWeight(l2raw);
    const rawName = text(row, c.name);
    const name = rawName.replace(PLACEHOLDER_PREFIX, "").trim();
    const targetText = text(row, c.target);
    const actualText = text(row, c.actual);
    const weightRead = c.weight !== undefined ? readNumber(grid, row, c.weight) : undefined;
    const scoreRead = c.score !== undefined ? readNumber(grid, row, c.score) : undefined;
    const hasData = Boolean(targetText || actualText);
    // Unused template lines (指标2：, ……, a bare 二级 label) and subtotal lines are not indicators.
    if (!name || PLACEHOLDER_ONLY.test(name) || (NUMBERED_LINE.test(name) && !hasData)) {
      if (name && hasData) log.error(grid.ref(row, c.name!), "indicator.namePlaceholder", { shown: quote(rawName) });
      continue;
    }
    if (!hasData && !weightRead?.ok && !scoreRead?.ok) continue;

    let weight: Indicator["weight"] | undefined;
    if (c.weight !== undefined) {
      if (weightRead?.ok && !weightRead.percent && weightRead.source.value > 0) weight = weightRead.source;
      else log.error(grid.ref(row, c.weight), "weight.notNumber", { shown: grid.shown(row, c.weight) }, name);
    }
    let selfScore: NumberSource | undefined;
    if (c.score !== undefined && scoreRead) {
      if (scoreRead.ok && !scoreRead.percent) selfScore = scoreRead.source;
      else if (!scoreRead.ok && scoreRead.reason === "text" && !/^[—\-/／]+$/.test(text(row, c.score)))
        log.error(grid.ref(row, c.score), "cell.notNumber", { label: "得分", shown: grid.shown(row, c.score) }, name);
    }
    const cells = {
      target: cell(row, c.target, c.name!),
      actual: cell(row, c.actual, c.name!),
      weight: cell(row, c.weight, c.score ?? c.name!),
      selfScore: cell(row, c.score, c.weight ?? c.name!),
      deviation: cell(row, c.deviation, c.actual ?? c.name!),
      name: grid.ref(row, c.name!),
    };
    const natureText = text(row, c.nature);
    const unitText = text(row, c.unit);
    const target = readFormValue(grid, row, c.target, year);
    const actual = readFormValue(grid, row, c.actual, year);
    let inferred = inferMethod(level2, target, actual);
    if (/定性/.test(natureText)) inferred = { method: "定性分档", direction: ">=", nature: "定性" };
    else if (/正向|反向|[≥≤=]/.test(natureText)) {
      const direction = /反向|≤|<=/.test(natureText) ? "<=" : /正向|≥|>=/.test(natureText) ? ">=" : "=";
      if (target && actual)
        inferred = { method: direction === "<=" ? "反向比例" : direction === "=" ? "等于" : "正向比例", direction, nature: "定量" };
    }

    let method = inferred.method;
    let tier: Indicator["tier"];
    if (!targetText && !actualText) {
      method = "直接评分";
      if (selfScore) log.warn(cells.selfScore, "indicator.directScore", { name, score: selfScore.value }, name);
    }
    if (method === "直接评分" || method === "定性分档") {
      if (method === "定性分档") tier = tierFromWords(actualText);
      if (!selfScore && (method === "直接评分" || tier !== "achieved")) {
        log.error(cells.selfScore, "qualitative.scoreRequired", { name, actual: actualText ? quote(actualText) : "空" }, name);
        continue;
      }
    } else {
      const t = target!.source.value;
      const a = actual!.source.value;
      if (t < 0) log.error(cells.target, "cell.negative", { label: "年度指标值", shown: quote(targetText) }, name);
      if (a < 0) log.error(cells.actual, "cell.negative", { label: "实际完成值", shown: quote(actualText) }, name);
      if (target!.percent !== actual!.percent && !target!.time && (a / (t || 1) > 20 || a / (t || 1) < 0.05) && a !== 0)
        log.warn(cells.actual, "indicator.unitMismatch", { target: quote(targetText), actual: quote(actualText) }, name);
    }

    if (!weight && c.weight === undefined) weight = { value: selfScore?.value ?? 0, kind: "profile" };
    if (!weight) continue;
    const indicator: Indicator = {
      sheet: grid.name,
      row,
      level1,
      level2,
      name,
      nature: method === "定性分档" ? "定性" : "定量",
      direction: inferred.direction,
      method,
      targetText,
      actualText,
      unit: unitText || target?.unit || actual?.unit || "",
      target: target?.source,
      actual: actual?.source,
      weight,
      tier,
      selfScore,
      deviation: text(row, c.deviation),
      cells,
    };
    if (tier && selfScore && weight.value > 0) {
      const { lo, hi, hiInclusive } = tierRange(tier, weight.value);
      const s = selfScore.value;
      if (s < lo || s > hi || (!hiInclusive && s >= hi))
        log.warn(
          cells.selfScore,
          "tier.filledOutside",
          { name, actual: quote(actualText), tier: TIER_LABEL[tier], range: `[${lo}, ${hi}${hiInclusive ? "]" : ")"}`, score: s },
          name,
        );
    }
    groupWeights.get(level1)?.rows.push(indicator);
    items.push(indicator);
  }
  if (log.errors.length > errorsBefore) return undefined;
  if (items.length === 0) {
    log.error(headerCell, "form.noIndicators", { row: region.header.row });
    return undefined;
  }
  const weightsKnown = c.weight !== undefined;
  if (!weightsKnown) {
    // A weight in a 一级 label belongs to an indicator standing alone under it.
    let unknown = 0;
    for (const { weight, rows } of groupWeights.values()) if (rows.length === 1) rows[0].weight = { value: weight, kind: "profile" };
    for (const i of items) {
      if (![...groupWeights.values()].some((g) => g.rows.length === 1 && g.rows[0] === i)) {
        i.method = i.method === "定性分档" || i.method === "直接评分" ? i.method : "直接评分";
        if (i.method === "直接评分" && !i.selfScore) unknown++;
        i.method = "直接评分";
      }
    }
    log.warn(grid.ref(region.header.row, c.score!), "form.noWeightColumn", { unscored: unknown });
  }
  const totalRow = region.total;
  let filledTotal: NumberSource | null = null;
  if (totalRow !== undefined && c.score !== undefined) {
    const r = readNumber(grid, totalRow, c.score);
    if (r.ok) filledTotal = r.source;
  }
  const totalRowOr = totalRow ?? region.header.row;
  return {
    items,
    filledTotal,
    totalScoreCell: grid.ref(totalRowOr, c.score ?? c.weight!),
    totalWeightCell: grid.ref(totalRowOr, c.weight ?? c.score!),
    hasScoreColumn: c.score !== undefined,
    weightsKnown,
  };
}

function blockHasNumber(grid: Grid, region: FormRegion, end: number, year: number): boolean {
  const c = region.header.cols;
  for (const row of grid.rowsBetween(region.header.lastRow + 1, end)) {
    if ([c.weight, c.score].some((col) => col !== undefined && readNumber(grid, row, col).ok)) return true;
    if ([c.target, c.actual].some((col) => readFormValue(grid, row, col, year))) return true;
  }
  return false;
}

/** 产出指标（50分） → 产出指标. */
function stripWeight(label: string): string {
  return label.replace(/\s*[（(]\s*\d+(\.\d+)?\s*分\s*[)）]\s*$/, "").trim();
}

/** 分值 with the execution item should sum to 100 (a reviewer's check: a warning on a form). */
function checkWeightSum(all: Indicator[], block: IndicatorBlock, log: IssueLog): void {
  if (!block.weightsKnown) return;
  const sum = Math.round(all.reduce((s, i) => s + i.weight.value, 0) * 100) / 100;
  if (Math.abs(sum - 100) > 0.001)
    log.warn(block.totalWeightCell, "weight.sum", { sum: String(sum), detail: "（含预算执行率）", total: 100, profile: "" });
}
