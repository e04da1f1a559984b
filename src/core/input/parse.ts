/**
 * Parses the four input sheets (workbook.md) into an Input, or throws an InputError listing every
 * problem with its cell. Warnings that do not stop the run are returned beside the input.
 */
import {
  AMOUNT_UNITS,
  BASIC_INFO_HEADERS,
  BASIC_INFO_LABELS,
  BUDGET_HEADERS,
  EVALUATION_TYPES,
  INDICATOR_HEADERS,
  SHEET,
  TEXT_HEADERS,
  TEXT_SECTIONS,
  type TextSection,
  oneOf,
} from "../contract";
import { Grid, findHeaderRow } from "../grid";
import { IssueLog, quote } from "../issues";
import { type CellRef, refName, sheetRef } from "../problems";
import type { BasicInfo, BudgetLine, BudgetTotalRow, Indicator, TemplateInput } from "../model";
import { DEFAULT_PROFILE, PROFILES, type RuleProfile, findProfile } from "../profiles";
import { MAX_SHEET_CELLS, type SheetData, type WorkbookSnapshot } from "../snapshot";
import { readText, readYear } from "../read/cell";
import { TEMPLATE_FUND, readFundRows, unitScale } from "../read/fundBlock";
import { type IndicatorCols, TEMPLATE_ROWS, readIndicatorRows } from "../read/indicators";
import { checkWeightSum } from "../read/rules";
import { likelySheet } from "./sheetNames";
import { FormulaCheck } from "../read/formulas";

export interface ParseResult {
  input: TemplateInput;
  log: IssueLog;
}

export function parseWorkbook(snapshot: WorkbookSnapshot, options: { profileId?: string } = {}): ParseResult {
  const log = new IssueLog();
  const grids = new Map<string, Grid>();
  for (const name of [SHEET.basicInfo, SHEET.budget, SHEET.indicators]) {
    const data = snapshot.sheets[name];
    // A missing sheet is named at its A1, keeping every message in the sheet!cell form.
    if (!data) missingSheet(name, snapshot.sheetNames, log);
    else if (tooLarge(data, log)) continue;
    else grids.set(name, new Grid(data));
  }
  let textsData: SheetData | undefined = snapshot.sheets[SHEET.texts];
  if (!textsData) {
    const near = likelySheet(SHEET.texts, snapshot.sheetNames);
    if (near) log.warn(sheetRef(SHEET.texts), "sheet.textsNear", { sheet: SHEET.texts, near: near.describe });
  } else if (tooLarge(textsData, log)) textsData = undefined;
  const check = new FormulaCheck(snapshot.sheetNames, [...grids.values()]);
  for (const grid of grids.values()) grid.formulaProblem = (row, col) => check.problem(grid, row, col);

  const infoGrid = grids.get(SHEET.basicInfo);
  const info = infoGrid ? parseBasicInfo(infoGrid, log, options.profileId) : undefined;
  const amountScale = unitScale(info?.amountUnit ?? "万元");
  const budgetGrid = grids.get(SHEET.budget);
  const budget = budgetGrid ? parseBudget(budgetGrid, log, amountScale) : undefined;
  const indicatorGrid = grids.get(SHEET.indicators);
  const { indicators, weightHeader } = indicatorGrid ? parseIndicators(indicatorGrid, log, info?.year ?? 0) : { indicators: [] };
  const texts = textsData ? parseTexts(new Grid(textsData), log) : {};
  if (info && weightHeader && log.errors.length === 0) weightSum(indicators, info.profile, weightHeader, log);
  log.throwIfErrors();
  // Without errors both were read: a sheet missing or unreadable, or a bad 基本信息 value, is an error.
  if (!info || !budget) throw new Error("parseWorkbook: 基本信息 or 预算执行 unread without an error");
  return { input: { source: "template", info, budgetLines: budget.lines, budgetTotals: budget.totals, indicators, texts }, log };
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
  const { label: labelCol, value: valueCol } = header.cols;
  const found = new Map<string, number>();
  for (const row of grid.rows(header.row)) {
    const label = grid.key(row, labelCol);
    if (label && !found.has(label)) found.set(label, row);
  }
  const cellOf = (label: string) => grid.ref(found.get(label) ?? header.row + 1, valueCol);
  const textOf = (label: string) => {
    const row = found.get(label);
    return row === undefined ? "" : grid.text(row, valueCol);
  };
  const keyOf = (label: string) => {
    const row = found.get(label);
    return row === undefined ? "" : grid.key(row, valueCol);
  };

  const unitName = textOf(BASIC_INFO_LABELS.unitName);
  if (!found.has(BASIC_INFO_LABELS.unitName))
    log.error(grid.ref(header.row + 1, labelCol), "info.labelMissing", { label: BASIC_INFO_LABELS.unitName });
  else if (!unitName) log.error(cellOf(BASIC_INFO_LABELS.unitName), "info.unitNameEmpty", {});

  let year: number | undefined;
  const yearRow = found.get(BASIC_INFO_LABELS.year);
  if (yearRow === undefined) log.error(grid.ref(header.row + 1, labelCol), "info.labelMissing", { label: BASIC_INFO_LABELS.year });
  else {
    year = readYear(grid, yearRow, valueCol);
    if (year === undefined) log.error(cellOf(BASIC_INFO_LABELS.year), "info.yearInvalid", { shown: grid.shown(yearRow, valueCol) });
  }

  const typeText = keyOf(BASIC_INFO_LABELS.evaluationType) || "部门整体支出";
  const evaluationType = oneOf(EVALUATION_TYPES, typeText);
  if (!evaluationType)
    log.error(cellOf(BASIC_INFO_LABELS.evaluationType), "info.typeInvalid", {
      allowed: EVALUATION_TYPES.join(" 或 "),
      shown: quote(typeText),
    });

  const unitText = keyOf(BASIC_INFO_LABELS.amountUnit) || "万元";
  const amountUnit = oneOf(AMOUNT_UNITS, unitText);
  if (!amountUnit) log.error(cellOf(BASIC_INFO_LABELS.amountUnit), "info.amountUnitInvalid", { shown: quote(unitText) });

  const profileId = profileOverride || keyOf(BASIC_INFO_LABELS.profile) || (evaluationType ? DEFAULT_PROFILE[evaluationType].id : "");
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
  const rows = grid
    .rows(header.row)
    .filter((row) => !grid.isBlankRow(row, header.columns))
    .map((row) => ({ row, label: grid.key(row, c.category), labelCol: c.category }));
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
        remarkCell: grid.ref(r.row, c.remark ?? c.spent),
      });
  }
  if (lines.length === 0 && !log.hasErrorOn(grid.name)) {
    log.error(grid.ref(header.row + 1, c.category), "budget.noRows", {});
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
  const rows = grid.rows(header.row).filter((row) => !grid.isBlankRow(row, header.columns));
  const { items } = readIndicatorRows({ grid, cols, rows, year, policy: TEMPLATE_ROWS, log });
  if (items.length === 0 && !log.hasErrorOn(grid.name)) log.error(grid.ref(header.row + 1, cols.name), "indicator.noRows", {});
  return { indicators: items, weightHeader: grid.ref(header.row, header.cols.weight) };
}

// ── 文字材料 ────────────────────────────────────────────────────────────────────────────────

function parseTexts(grid: Grid, log: IssueLog): Partial<Record<TextSection, string[]>> {
  const header = findHeaderRow(grid, TEXT_HEADERS, ["section", "content"], reportDuplicate(log));
  const out: Partial<Record<TextSection, string[]>> = {};
  if (!header) {
    missingHeaders(grid, Object.values(TEXT_HEADERS), log);
    return out;
  }
  const { section: sectionCol, content: contentCol } = header.cols;
  let section: TextSection | undefined;
  for (const row of grid.rows(header.row)) {
    const name = grid.key(row, sectionCol);
    const read = readText(grid, row, contentCol);
    if (!read.ok) {
      log.error(grid.ref(row, contentCol), "texts.contentInvalid", { shown: read.shown });
      continue;
    }
    const content = read.text;
    if (name) {
      section = oneOf(TEXT_SECTIONS, name);
      if (!section) {
        log.error(grid.ref(row, sectionCol), "texts.sectionUnknown", { shown: quote(name), allowed: TEXT_SECTIONS.join("、") });
        continue;
      }
    }
    if (!content) continue;
    if (!section) {
      log.error(grid.ref(row, sectionCol), "texts.sectionEmpty", {});
      continue;
    }
    (out[section] ??= []).push(content);
  }
  return out;
}
