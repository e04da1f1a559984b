/**
 * Parses the four input sheets (workbook.md) into an Input, or throws an InputError listing every
 * problem with its cell. Warnings that do not stop the run are returned beside the input.
 */
import {
  AMOUNT_UNITS,
  type AmountUnit,
  BASIC_INFO_HEADERS,
  BASIC_INFO_LABELS,
  BUDGET_HEADERS,
  CATEGORY,
  EVALUATION_TYPES,
  type EvaluationType,
  INDICATOR_HEADERS,
  NATURES,
  type Nature,
  SHEET,
  TEXT_HEADERS,
  TEXT_SECTIONS,
  type TextSection,
  TIER_ALIASES,
  type Tier,
} from "../contract";
import { Grid, findHeaderRow } from "../grid";
import { IssueLog, quote } from "../issues";
import { type CellRef, refName, sheetRef } from "../problems";
import { METHODS, type MethodId, WEIGHT_DECIMALS, hasWeightDecimals, isMethodId, tierRange, weightSumMatches } from "../methods";
import type { BasicInfo, BudgetLine, BudgetTotalRow, Indicator, Input, NumberSource } from "../model";
import { type Direction, parseDirection, parseTarget, parseYear } from "../numbers";
import { DEFAULT_PROFILE, PROFILES, type RuleProfile, findProfile } from "../profiles";
import { MAX_SHEET_CELLS, type SheetData, type WorkbookSnapshot, isCellError } from "../../port/workbook";
import { type ReadResult, readNumber } from "./readNumber";
import { excelRound } from "../format";
import { likelySheet } from "./sheetNames";
import { FormulaCheck } from "./formulas";

export interface ParseResult {
  input: Input;
  log: IssueLog;
}

export function parseWorkbook(snapshot: WorkbookSnapshot, options: { profileId?: string } = {}): ParseResult {
  const log = new IssueLog();
  const grids: Partial<Record<string, Grid>> = {};
  for (const name of [SHEET.basicInfo, SHEET.budget, SHEET.indicators]) {
    const data = snapshot.sheets[name];
    // A missing sheet is named at its A1, keeping every message in the sheet!cell form.
    if (!data) missingSheet(name, snapshot.sheetNames, log);
    else if (tooLarge(data, log)) continue;
    else grids[name] = new Grid(data);
  }
  let textsData: SheetData | undefined = snapshot.sheets[SHEET.texts];
  if (!textsData) {
    const near = likelySheet(SHEET.texts, snapshot.sheetNames);
    if (near) log.warn(sheetRef(SHEET.texts), "sheet.textsNear", { sheet: SHEET.texts, near: near.describe });
  } else if (tooLarge(textsData, log)) textsData = undefined;
  const check = new FormulaCheck(snapshot.sheetNames, Object.values(grids) as Grid[]);
  for (const grid of Object.values(grids) as Grid[]) grid.formulaProblem = (row, col) => check.problem(grid, row, col);

  const info = grids[SHEET.basicInfo] ? parseBasicInfo(grids[SHEET.basicInfo]!, log, options.profileId) : undefined;
  const amountScale = info?.amountUnit === "元" ? 1 / 10000 : 1;
  const budget = grids[SHEET.budget] ? parseBudget(grids[SHEET.budget]!, log, amountScale) : undefined;
  const { indicators, weightHeader } = grids[SHEET.indicators] ? parseIndicators(grids[SHEET.indicators]!, log) : { indicators: [] };
  const texts = textsData ? parseTexts(new Grid(textsData), log) : {};
  if (info && weightHeader && log.errors.length === 0) checkWeightSum(indicators, info.profile, weightHeader, log);
  log.throwIfErrors();
  return { input: { source: "template", info: info!, budgetLines: budget!.lines, budgetTotals: budget!.totals, indicators, texts }, log };
}

/** A missing sheet is named at its A1, keeping every problem at a cell. */
function missingSheet(name: string, sheetNames: readonly string[], log: IssueLog): void {
  const near = likelySheet(name, sheetNames);
  if (near) log.error(sheetRef(name), "sheet.missingNear", { sheet: name, near: near.describe });
  else log.error(sheetRef(name), "sheet.missing", { sheet: name });
}

/** A table above the adapters' reading limit cannot be scored: say so, naming the sheet and the limit. */
function tooLarge(data: SheetData, log: IssueLog): boolean {
  if (!data.truncated) return false;
  log.error(sheetRef(data.name), "sheet.tooLarge", { sheet: data.name, limit: MAX_SHEET_CELLS.toLocaleString("en-US") });
  return true;
}

function missingHeaders(grid: Grid, headers: readonly string[], log: IssueLog): void {
  log.error(grid.ref(grid.firstRow, grid.firstCol), "header.missing", { headers: headers.map((h) => `“${h}”`).join("、") });
}

function reportDuplicate(log: IssueLog) {
  return (header: string, first: CellRef, second: CellRef) => log.error(second, "header.duplicate", { header, first: refName(first) });
}

// ── 基本信息 ────────────────────────────────────────────────────────────────────────────────

function parseBasicInfo(grid: Grid, log: IssueLog, profileOverride?: string): BasicInfo | undefined {
  const header = findHeaderRow(grid, BASIC_INFO_HEADERS, ["label", "value"], reportDuplicate(log));
  if (!header) {
    missingHeaders(grid, Object.values(BASIC_INFO_HEADERS), log);
    return undefined;
  }
  const labelCol = header.cols.label!;
  const valueCol = header.cols.value!;
  const found = new Map<string, number>();
  for (const row of grid.rows(header.row)) {
    const label = grid.key(row, labelCol);
    if (label && !found.has(label)) found.set(label, row);
  }
  const cellOf = (label: string) => grid.ref(found.get(label) ?? header.row + 1, valueCol);
  const textOf = (label: string) => (found.has(label) ? grid.text(found.get(label)!, valueCol) : "");
  const keyOf = (label: string) => (found.has(label) ? grid.key(found.get(label)!, valueCol) : "");

  const unitName = textOf(BASIC_INFO_LABELS.unitName);
  if (!found.has(BASIC_INFO_LABELS.unitName))
    log.error(grid.ref(header.row + 1, labelCol), "info.labelMissing", { label: BASIC_INFO_LABELS.unitName });
  else if (!unitName) log.error(cellOf(BASIC_INFO_LABELS.unitName), "info.unitNameEmpty", {});

  let year: number | undefined;
  if (!found.has(BASIC_INFO_LABELS.year))
    log.error(grid.ref(header.row + 1, labelCol), "info.labelMissing", { label: BASIC_INFO_LABELS.year });
  else {
    year = parseYear(grid.value(found.get(BASIC_INFO_LABELS.year)!, valueCol));
    if (year === undefined)
      log.error(cellOf(BASIC_INFO_LABELS.year), "info.yearInvalid", { shown: grid.shown(found.get(BASIC_INFO_LABELS.year)!, valueCol) });
  }

  const typeText = keyOf(BASIC_INFO_LABELS.evaluationType) || "部门整体支出";
  const evaluationType = (EVALUATION_TYPES as readonly string[]).includes(typeText) ? (typeText as EvaluationType) : undefined;
  if (!evaluationType)
    log.error(cellOf(BASIC_INFO_LABELS.evaluationType), "info.typeInvalid", {
      allowed: EVALUATION_TYPES.join(" 或 "),
      shown: quote(typeText),
    });

  const unitText = keyOf(BASIC_INFO_LABELS.amountUnit) || "万元";
  const amountUnit = (AMOUNT_UNITS as readonly string[]).includes(unitText) ? (unitText as AmountUnit) : undefined;
  if (!amountUnit) log.error(cellOf(BASIC_INFO_LABELS.amountUnit), "info.amountUnitInvalid", { shown: quote(unitText) });

  const profileId = profileOverride || keyOf(BASIC_INFO_LABELS.profile) || (evaluationType ? DEFAULT_PROFILE[evaluationType] : "");
  const profile = findProfile(profileId);
  if (!profile && profileId) {
    // A profile given as an option is no cell's: the problem is the run's, at 基本信息's A1.
    const where = profileOverride ? sheetRef(SHEET.basicInfo) : cellOf(BASIC_INFO_LABELS.profile);
    log.error(where, "profile.unknown", { profile: profileId, allowed: PROFILES.map((p) => p.id).join("、") });
  }
  if (!unitName || !year || !evaluationType || !amountUnit || !profile) return undefined;
  return { unitName, year, evaluationType, profile, amountUnit };
}

// ── 预算执行 ────────────────────────────────────────────────────────────────────────────────

function parseBudget(grid: Grid, log: IssueLog, amountScale: number): { lines: BudgetLine[]; totals: BudgetTotalRow[] } {
  const header = findHeaderRow(grid, BUDGET_HEADERS, ["category", "budget", "spent"], reportDuplicate(log));
  const lines: BudgetLine[] = [];
  const totals: BudgetTotalRow[] = [];
  if (!header) {
    missingHeaders(grid, [BUDGET_HEADERS.category, BUDGET_HEADERS.budget, BUDGET_HEADERS.spent], log);
    return { lines, totals };
  }
  const c = header.cols;
  const amount = (row: number, col: number | undefined, label: string, required: boolean): NumberSource | undefined => {
    if (col === undefined) return undefined;
    const r = readNumber(grid, row, col, amountScale);
    if (!r.ok) {
      if (r.reason !== "blank") log.error(grid.ref(row, col), "cell.notNumber", { label, shown: r.shown });
      else if (required) log.error(grid.ref(row, col), "cell.empty", { label });
      return undefined;
    }
    if (r.percent) {
      log.error(grid.ref(row, col), "cell.percentAmount", { label });
      return undefined;
    }
    if (r.source.value < 0) {
      log.error(grid.ref(row, col), "cell.negative", { label, shown: grid.shown(row, col) });
      return undefined;
    }
    return r.source;
  };
  const tableCols = Object.values(c) as number[];
  for (const row of grid.rows(header.row)) {
    if (grid.isBlankRow(row, tableCols)) continue;
    const categoryText = grid.key(row, c.category!);
    if (categoryText === CATEGORY.total) {
      totals.push({
        row,
        budget: amount(row, c.budget, BUDGET_HEADERS.budget, false),
        spent: amount(row, c.spent, BUDGET_HEADERS.spent, false),
      });
      continue;
    }
    const category = categoryText === CATEGORY.basic ? "basic" : categoryText === CATEGORY.project ? "project" : undefined;
    if (!category) {
      log.error(grid.ref(row, c.category!), "budget.categoryInvalid", { shown: grid.shown(row, c.category!) });
      continue;
    }
    const item = c.item !== undefined ? grid.text(row, c.item) : "";
    if (category === "project" && !item) {
      log.error(
        grid.ref(row, c.item ?? c.category!),
        c.item === undefined ? "budget.projectNameColumnMissing" : "budget.projectNameEmpty",
        {},
      );
    }
    const budget = amount(row, c.budget, BUDGET_HEADERS.budget, true);
    const spent = amount(row, c.spent, BUDGET_HEADERS.spent, true);
    const initialBudget = amount(row, c.initialBudget, BUDGET_HEADERS.initialBudget, false);
    const remarkCol = c.remark ?? c.spent!;
    if (budget && spent) {
      lines.push({
        sheet: grid.name,
        row,
        category,
        item,
        budget,
        spent,
        initialBudget,
        remark: c.remark ? grid.text(row, c.remark) : "",
        remarkCell: grid.ref(row, remarkCol),
      });
    }
  }
  if (lines.length === 0 && !log.hasErrorOn(grid.name)) {
    log.error(grid.ref(header.row + 1, c.category!), "budget.noRows", {});
  }
  return { lines, totals };
}

// ── 绩效指标 ────────────────────────────────────────────────────────────────────────────────

function parseTier(text: string): Tier | undefined {
  const s = text.replace(/\s+/g, "");
  for (const [alias, tier] of TIER_ALIASES) if (s === alias) return tier;
  return undefined;
}

/** The weights, with the item a profile adds, must sum to the profile's total (100). */
function checkWeightSum(indicators: Indicator[], profile: RuleProfile, cell: CellRef, log: IssueLog): void {
  const added = profile.executionRateItem?.weight ?? 0;
  const sum = indicators.reduce((s, i) => s + i.weight.value, 0) + added;
  if (!weightSumMatches(sum, profile.weightSum)) {
    const detail = added ? `（含评分规则自动添加的预算执行率 ${added} 分）` : "";
    log.error(cell, "weight.sum", { sum: String(excelRound(sum, WEIGHT_DECIMALS)), detail, total: profile.weightSum, profile: profile.id });
  }
}

function parseIndicators(grid: Grid, log: IssueLog): { indicators: Indicator[]; weightHeader?: CellRef } {
  const H = INDICATOR_HEADERS;
  const header = findHeaderRow(grid, H, ["level1", "level2", "name", "target", "actual", "weight"], reportDuplicate(log));
  if (!header) {
    missingHeaders(grid, [H.level1, H.level2, H.name, H.target, H.actual, H.weight], log);
    return { indicators: [] };
  }
  const c = header.cols;
  const at = (row: number, col: number | undefined) => (col === undefined ? "" : grid.text(row, col));
  const keyAt = (row: number, col: number | undefined) => (col === undefined ? "" : grid.key(row, col));
  const cellAt = (row: number, col: number | undefined, fallback: number) => grid.ref(row, col ?? fallback);
  const out: Indicator[] = [];
  let level1 = "";
  let level2 = "";
  const tableCols = Object.values(c) as number[];
  const names = new Map<string, string>();
  for (const row of grid.rows(header.row)) {
    if (grid.isBlankRow(row, tableCols)) continue;
    // Blank 一级/二级 cells repeat the row above (tables pasted from merged cells).
    const l1 = at(row, c.level1);
    if (l1 && l1 !== level1) level2 = "";
    level1 = l1 || level1;
    level2 = at(row, c.level2) || level2;
    const name = at(row, c.name);
    const cells = {
      target: grid.ref(row, c.target!),
      actual: grid.ref(row, c.actual!),
      weight: grid.ref(row, c.weight!),
      selfScore: cellAt(row, c.selfScore, c.weight!),
      deviation: cellAt(row, c.deviation, c.actual!),
    };
    if (!name) {
      log.error(grid.ref(row, c.name!), "indicator.nameEmpty", {});
      continue;
    }
    const sameName = names.get(name);
    if (sameName) log.warn(grid.ref(row, c.name!), "indicator.duplicateName", { name, other: sameName }, name);
    else names.set(name, grid.cell(row, c.name!));
    if (!level1) log.error(grid.ref(row, c.level1!), "indicator.levelEmpty", { level: "一级指标" }, name);
    if (!level2) log.error(grid.ref(row, c.level2!), "indicator.levelEmpty", { level: "二级指标" }, name);

    const weightRead = readNumber(grid, row, c.weight!);
    let weight: NumberSource | undefined;
    if (!weightRead.ok || weightRead.percent) log.error(cells.weight, "weight.notNumber", { shown: grid.shown(row, c.weight!) }, name);
    else if (!(weightRead.source.value > 0)) log.error(cells.weight, "weight.notPositive", { value: weightRead.source.value }, name);
    else if (!hasWeightDecimals(weightRead.source.value))
      log.error(cells.weight, "weight.decimals", { decimals: WEIGHT_DECIMALS, value: weightRead.source.value }, name);
    else weight = weightRead.source;

    const targetText = at(row, c.target);
    const actualText = at(row, c.actual);
    const targetRead = targetValue(grid, row, c.target!);
    const target = targetRead.ok ? targetRead : undefined;
    if (!targetRead.ok && targetRead.invalid)
      log.error(cells.target, "cell.unreadable", { label: "年度指标值", shown: targetRead.shown }, name);
    const actualRead = actualValue(grid, row, c.actual!);

    const natureText = keyAt(row, c.nature);
    let nature: Nature | undefined;
    if (natureText) {
      nature = (NATURES as readonly string[]).includes(natureText) ? (natureText as Nature) : undefined;
      if (!nature) log.error(grid.ref(row, c.nature!), "indicator.natureInvalid", { shown: grid.shown(row, c.nature!) }, name);
    } else nature = target ? "定量" : "定性";

    const directionText = at(row, c.direction);
    let direction: Direction | undefined = directionText ? parseDirection(directionText) : undefined;
    if (directionText && !direction)
      log.error(grid.ref(row, c.direction!), "indicator.directionInvalid", { shown: grid.shown(row, c.direction!) }, name);
    direction = direction ?? target?.direction ?? ">=";

    const methodText = keyAt(row, c.method);
    let method: MethodId | undefined;
    if (methodText) {
      if (isMethodId(methodText)) method = methodText;
      else
        log.error(
          grid.ref(row, c.method!),
          "indicator.methodUnknown",
          { method: methodText, allowed: Object.keys(METHODS).join("、") },
          name,
        );
    } else method = nature === "定性" ? "定性分档" : direction === "<=" ? "反向比例" : direction === "=" ? "等于" : "正向比例";

    const tierText = keyAt(row, c.tier);
    const tier = tierText ? parseTier(tierText) : undefined;
    if (tierText && !tier) log.error(grid.ref(row, c.tier!), "indicator.tierInvalid", { shown: grid.shown(row, c.tier!) }, name);

    const selfRead: ReadResult =
      c.selfScore !== undefined ? readNumber(grid, row, c.selfScore) : { ok: false, reason: "blank", shown: "空" };
    if (!selfRead.ok && selfRead.reason !== "blank")
      log.error(cells.selfScore, "cell.notNumber", { label: "自评得分", shown: selfRead.shown }, name);
    const selfScore = selfRead.ok ? selfRead.source : undefined;

    let actual: NumberSource | undefined;
    if (method && ["正向比例", "反向比例", "等于"].includes(method)) {
      const targetShown = grid.shown(row, c.target!);
      if (!targetRead.ok) {
        if (!targetRead.invalid) log.error(cells.target, "target.notNumber", { method, shown: targetShown }, name);
      } else if (method !== "等于" && !(targetRead.source.value > 0))
        log.error(cells.target, "target.notPositive", { method, shown: targetShown }, name);
      else if (method === "等于" && targetRead.source.value < 0)
        log.error(cells.target, "cell.negative", { label: "年度指标值", shown: targetShown }, name);
      if (!actualRead.ok) log.error(cells.actual, "actual.notNumber", { method, shown: actualRead.shown }, name);
      else if (actualRead.source.value < 0)
        log.error(cells.actual, "cell.negative", { label: "实际完成值", shown: grid.shown(row, c.actual!) }, name);
      else actual = actualRead.source;
      if (
        target &&
        actual &&
        actualRead.ok &&
        target.percent !== actualRead.percent &&
        looksLikeUnitMismatch(target.source.value, actual.value)
      ) {
        log.warn(cells.actual, "indicator.unitMismatch", { target: quote(targetText), actual: quote(actualText) }, name);
      }
    } else if (actualRead.ok) actual = actualRead.source;
    else if (actualRead.reason === "invalid")
      log.error(cells.actual, "cell.unreadable", { label: "实际完成值", shown: actualRead.shown }, name);

    if (method === "定性分档") {
      // A target without a number is read as 定性; say so, the user may have meant a number.
      const inferredFrom = natureText || !targetText || (!targetRead.ok && targetRead.invalid) ? "" : quote(targetText);
      if (!tier)
        log.error(
          cellAt(row, c.tier, c.actual!),
          "qualitative.tierMissing",
          { target: inferredFrom, hasColumn: c.tier !== undefined },
          name,
        );
      else if (weight) checkTierScore(tier, weight.value, selfScore, cells.selfScore, log, name);
    }
    if (method === "扣分" || method === "直接评分") {
      if (!selfScore) log.error(cells.selfScore, "score.required", { method }, name);
      else if (selfScore.value < 0) log.error(cells.selfScore, "score.negative", {}, name);
      else if (method === "直接评分" && weight && selfScore.value > weight.value)
        log.error(cells.selfScore, "score.aboveWeight", { score: selfScore.value, weight: weight.value }, name);
    }
    if (!weight || !method || !nature) continue;
    out.push({
      sheet: grid.name,
      row,
      level1,
      level2,
      name,
      nature,
      direction,
      method,
      targetText,
      actualText,
      unit: at(row, c.unit) || target?.unit || (target?.percent ? "%" : ""),
      target: target?.source,
      actual,
      weight,
      tier,
      selfScore,
      deviation: at(row, c.deviation),
      cells,
    });
  }
  if (out.length === 0 && !log.hasErrorOn(grid.name)) {
    log.error(grid.ref(header.row + 1, c.name!), "indicator.noRows", {});
  }
  return { indicators: out, weightHeader: grid.ref(header.row, c.weight!) };
}

/**
 * An actual: a number, or text with the unit trailing it (`190项`, `12次`, `98%`) or the target's
 * operator before it (`≥266米`: met at that value), as workbook.md allows.
 */
function actualValue(grid: Grid, row: number, col: number): ReadResult {
  const r = readNumber(grid, row, col);
  if (r.ok || r.reason !== "text") return r;
  const t = targetValue(grid, row, col);
  return t.ok ? { ok: true, source: t.source, percent: t.percent } : r;
}

type TargetRead =
  | { ok: true; source: NumberSource; direction?: Direction; percent: boolean; unit: string }
  /** invalid: the cell holds something that must not be read as a number (an error value, a date …). */
  | { ok: false; invalid: boolean; shown: string };

/** A target cell: a number, or text such as "≥95%" (its direction and unit come along). */
function targetValue(grid: Grid, row: number, col: number): TargetRead {
  const r = readNumber(grid, row, col);
  if (r.ok) return { ok: true, source: r.source, percent: r.percent, unit: "" };
  const raw = grid.value(row, col);
  const t = typeof raw === "string" ? parseTarget(raw) : undefined;
  if (!t || typeof raw !== "string") return { ok: false, invalid: r.reason === "invalid", shown: r.shown };
  return {
    ok: true,
    source: { sheet: grid.name, row, col, kind: "text", text: raw, value: t.value, scale: 1 },
    direction: t.direction,
    percent: t.percent,
    unit: t.unit || (t.percent ? "%" : ""),
  };
}

/** 0.96 typed beside "95%" is most likely 96%, not 0.96 points. */
function looksLikeUnitMismatch(target: number, actual: number): boolean {
  const ratio = target === 0 || actual === 0 ? 1 : actual / target;
  return ratio > 20 || ratio < 0.05;
}

function checkTierScore(tier: Tier, w: number, selfScore: NumberSource | undefined, cell: CellRef, log: IssueLog, name: string): void {
  const { lo, hi, hiInclusive } = tierRange(tier, w);
  const label = tier === "achieved" ? "达成" : tier === "partly" ? "部分达成" : "未达成";
  const rangeText = `[${lo}, ${hi}${hiInclusive ? "]" : ")"}`;
  if (!selfScore) {
    if (tier !== "achieved") log.error(cell, "tier.scoreRequired", { tier: label, range: rangeText }, name);
    return;
  }
  const s = selfScore.value;
  if (s < lo || s > hi || (!hiInclusive && s >= hi))
    log.error(cell, "tier.scoreOutside", { tier: label, range: rangeText, score: s }, name);
}

// ── 文字材料 ────────────────────────────────────────────────────────────────────────────────

function parseTexts(grid: Grid, log: IssueLog): Partial<Record<TextSection, string[]>> {
  const header = findHeaderRow(grid, TEXT_HEADERS, ["section", "content"], reportDuplicate(log));
  const out: Partial<Record<TextSection, string[]>> = {};
  if (!header) {
    missingHeaders(grid, Object.values(TEXT_HEADERS), log);
    return out;
  }
  let section: TextSection | undefined;
  for (const row of grid.rows(header.row)) {
    const name = grid.key(row, header.cols.section!);
    const raw = grid.value(row, header.cols.content!);
    if (isCellError(raw)) {
      log.error(grid.ref(row, header.cols.content!), "texts.contentInvalid", { shown: grid.shown(row, header.cols.content!) });
      continue;
    }
    const content = raw === null ? "" : String(raw).replace(/\r\n?/g, "\n").trim();
    if (name) {
      if (!(TEXT_SECTIONS as readonly string[]).includes(name)) {
        log.error(grid.ref(row, header.cols.section!), "texts.sectionUnknown", { shown: quote(name), allowed: TEXT_SECTIONS.join("、") });
        section = undefined;
        continue;
      }
      section = name as TextSection;
    }
    if (!content) continue;
    if (!section) {
      log.error(grid.ref(row, header.cols.section!), "texts.sectionEmpty", {});
      continue;
    }
    (out[section] ??= []).push(content);
  }
  return out;
}
