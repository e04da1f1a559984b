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
  EVALUATION_TYPES,
  type EvaluationType,
  INDICATOR_HEADERS,
  SHEET,
  TEXT_HEADERS,
  TEXT_SECTIONS,
  type TextSection,
} from "../contract";
import { Grid, findHeaderRow } from "../grid";
import { IssueLog, quote } from "../issues";
import { type CellRef, refName, sheetRef } from "../problems";
import type { BasicInfo, BudgetLine, BudgetTotalRow, Indicator, Input } from "../model";
import { DEFAULT_PROFILE, PROFILES, type RuleProfile, findProfile } from "../profiles";
import { MAX_SHEET_CELLS, type SheetData, type WorkbookSnapshot } from "../snapshot";
import { readText, readYear } from "../read/cell";
import { TEMPLATE_FUND, readFundRows, unitScale } from "../read/fundBlock";
import { type IndicatorCols, TEMPLATE_ROWS, readIndicatorRows } from "../read/indicators";
import { checkWeightSum } from "../read/rules";
import { likelySheet } from "./sheetNames";
import { FormulaCheck } from "../read/formulas";

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
  const amountScale = unitScale(info?.amountUnit ?? "万元");
  const budget = grids[SHEET.budget] ? parseBudget(grids[SHEET.budget]!, log, amountScale) : undefined;
  const { indicators, weightHeader } = grids[SHEET.indicators]
    ? parseIndicators(grids[SHEET.indicators]!, log, info?.year ?? 0)
    : { indicators: [] };
  const texts = textsData ? parseTexts(new Grid(textsData), log) : {};
  if (info && weightHeader && log.errors.length === 0) weightSum(indicators, info.profile, weightHeader, log);
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
    year = readYear(grid, found.get(BASIC_INFO_LABELS.year)!, valueCol);
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
  const tableCols = Object.values(c) as number[];
  const rows = grid
    .rows(header.row)
    .filter((row) => !grid.isBlankRow(row, tableCols))
    .map((row) => ({ row, label: grid.key(row, c.category!), labelCol: c.category! }));
  const cols = { initial: c.initialBudget, budget: c.budget, spent: c.spent };
  for (const r of readFundRows({ grid, rows, cols, nameCol: c.item, scale: amountScale, layout: TEMPLATE_FUND, log })) {
    if (r.kind === "total") totals.push({ row: r.row, budget: r.budget, spent: r.spent });
    else if (r.budget && r.spent && (r.kind === "basic" || r.kind === "project"))
      lines.push({
        sheet: grid.name,
        row: r.row,
        category: r.kind,
        item: r.name ?? "",
        budget: r.budget,
        spent: r.spent,
        initialBudget: r.initial,
        remark: c.remark ? grid.text(r.row, c.remark) : "",
        remarkCell: grid.ref(r.row, c.remark ?? c.spent!),
      });
  }
  if (lines.length === 0 && !log.hasErrorOn(grid.name)) {
    log.error(grid.ref(header.row + 1, c.category!), "budget.noRows", {});
  }
  return { lines, totals };
}

// ── 绩效指标 ────────────────────────────────────────────────────────────────────────────────

/** The weights, with the item a profile adds, must sum to the profile's total (100). */
function weightSum(indicators: Indicator[], profile: RuleProfile, cell: CellRef, log: IssueLog): void {
  const added = profile.executionRateItem?.weight ?? 0;
  const sum = indicators.reduce((s, i) => s + i.weight.value, 0) + added;
  const detail = added ? `（含评分规则自动添加的预算执行率 ${added} 分）` : "";
  checkWeightSum(log, "error", cell, sum, { total: profile.weightSum, detail, profile: profile.id });
}

/** 绩效指标: the one indicator-row reader, on the template's layout (its headers a vocabulary of one word each). */
function parseIndicators(grid: Grid, log: IssueLog, year: number): { indicators: Indicator[]; weightHeader?: CellRef } {
  const H = INDICATOR_HEADERS;
  const header = findHeaderRow(grid, H, ["level1", "level2", "name", "target", "actual", "weight"], reportDuplicate(log));
  if (!header) {
    missingHeaders(grid, [H.level1, H.level2, H.name, H.target, H.actual, H.weight], log);
    return { indicators: [] };
  }
  const { selfScore, ...rest } = header.cols;
  const cols: IndicatorCols = { ...rest, score: selfScore };
  const tableCols = Object.values(header.cols) as number[];
  const rows = grid.rows(header.row).filter((row) => !grid.isBlankRow(row, tableCols));
  const { items } = readIndicatorRows({ grid, cols, rows, year, policy: TEMPLATE_ROWS, log });
  if (items.length === 0 && !log.hasErrorOn(grid.name)) log.error(grid.ref(header.row + 1, cols.name!), "indicator.noRows", {});
  return { indicators: items, weightHeader: grid.ref(header.row, cols.weight!) };
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
    const read = readText(grid, row, header.cols.content!);
    if (!read.ok) {
      log.error(grid.ref(row, header.cols.content!), "texts.contentInvalid", { shown: read.shown });
      continue;
    }
    const content = read.text;
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
