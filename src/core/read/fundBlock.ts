/**
 * The one fund-block reader: the template's 预算执行 and every form's fund block are rows of
 * amounts (年初预算数 / 全年预算数 / 全年执行数) under a header its caller finds by a vocabulary (the
 * template's BUDGET_HEADERS, one word per column; a form's FUND_FIELDS synonyms). Per row: its kind
 * (total / basic / project / source / other) from its label, each amount through the cell-value
 * layer's one amount rule at the block's unit scale, and which amounts a row must have. Where the
 * two paths differ — which labels name a row, which amounts are required, whether a problem names
 * its row — the `FundLayout` says.
 */
import { type AmountUnit, BUDGET_HEADERS, CATEGORY } from "../contract";
import type { Grid } from "../grid";
import type { IssueLog } from "../issues";
import type { FundRow, NumberSource } from "../model";
import { normalizeText } from "../numbers";
import { FUND_FIELDS, FUND_ROW_KINDS } from "../forms/vocabulary";
import { logAmountRefused, readAmount } from "./cell";

export type FundAmount = "initial" | "budget" | "spent";
export type FundAmountCols = Partial<Record<FundAmount, number>>;
export type FundRowKind = FundRow["kind"];

export interface FundLayout {
  /** Each amount's name in a message. */
  labels: Readonly<Record<FundAmount, string>>;
  /** The amounts read on a row of this kind, in the order their problems are told, and whether a blank one is an error. */
  amounts(kind: FundRowKind): ReadonlyArray<{ field: FundAmount; required: boolean }>;
  /** The row's kind from its label; undefined: not a row of the block (an error at the label's cell). */
  kindOf(label: string): FundRowKind | undefined;
  /** Problems name the row by its label (a form's 上年结转…); the template's cells speak for themselves. */
  labelAsSubject: boolean;
  /** Rows of these kinds must name their project in the name column (the template's 项目支出). */
  namedKinds: readonly FundRowKind[];
}

const TEMPLATE_TOTAL_AMOUNTS = [
  { field: "budget", required: false },
  { field: "spent", required: false },
] as const;
const TEMPLATE_LINE_AMOUNTS = [
  { field: "budget", required: true },
  { field: "spent", required: true },
  { field: "initial", required: false },
] as const;

/** 预算执行 of the template: 合计 | 基本支出 | 项目支出 in 支出类别, 全年预算数 and 全年执行数 required on a line. */
export const TEMPLATE_FUND: FundLayout = {
  labels: { initial: BUDGET_HEADERS.initialBudget, budget: BUDGET_HEADERS.budget, spent: BUDGET_HEADERS.spent },
  amounts: (kind) => (kind === "total" ? TEMPLATE_TOTAL_AMOUNTS : TEMPLATE_LINE_AMOUNTS),
  kindOf: (label) =>
    label === CATEGORY.total ? "total" : label === CATEGORY.basic ? "basic" : label === CATEGORY.project ? "project" : undefined,
  labelAsSubject: false,
  namedKinds: ["project"],
};

const FORM_AMOUNTS = (["initial", "budget", "spent"] as const).map((field) => ({ field, required: false }));

/** A form's fund block: any label (FUND_ROW_KINDS, else "other"), no amount required on a row. */
export const FORM_FUND: FundLayout = {
  labels: { initial: FUND_FIELDS.initial[0], budget: FUND_FIELDS.budget[0], spent: FUND_FIELDS.spent[0] },
  amounts: () => FORM_AMOUNTS,
  kindOf: (label) => {
    const l = normalizeText(label).replace(/\s+/g, "");
    for (const [re, kind] of FUND_ROW_KINDS) if (re.test(l)) return kind;
    return "other";
  },
  labelAsSubject: true,
  namedKinds: [],
};

/** 元 → 万元: the engine computes in 万元. */
export function unitScale(unit: AmountUnit): number {
  return unit === "元" ? 1 / 10000 : 1;
}

/** A row of the block as its layout locates it: the row, its label, and the cell the label is in. */
export interface FundRowAt {
  row: number;
  label: string;
  labelCol?: number;
}

export interface FundRowsContext {
  grid: Grid;
  rows: readonly FundRowAt[];
  cols: FundAmountCols;
  /** The project-name column, for layouts with `namedKinds` (undefined: the layout has none). */
  nameCol?: number;
  scale: number;
  layout: FundLayout;
  log: IssueLog;
}

/** A fund row with, for layouts that name their projects, the name typed. */
export type FundRowRead = FundRow & { name?: string };

/** Reads the rows of one fund block; rows with neither label nor amount are no rows. */
export function readFundRows(ctx: FundRowsContext): FundRowRead[] {
  const { grid, cols, layout, log } = ctx;
  const out: FundRowRead[] = [];
  for (const { row, label, labelCol } of ctx.rows) {
    const kind = layout.kindOf(label);
    if (kind === undefined) {
      const col = labelCol ?? grid.firstCol;
      log.error(grid.ref(row, col), "budget.categoryInvalid", { shown: grid.shown(row, col) });
      continue;
    }
    const named = layout.namedKinds.length > 0;
    const name = named && ctx.nameCol !== undefined ? grid.text(row, ctx.nameCol) : "";
    if (layout.namedKinds.includes(kind) && !name) {
      log.error(
        grid.ref(row, ctx.nameCol ?? labelCol ?? grid.firstCol),
        ctx.nameCol === undefined ? "budget.projectNameColumnMissing" : "budget.projectNameEmpty",
        {},
      );
    }
    const read: FundRowRead = { row, label, kind };
    for (const { field, required } of layout.amounts(kind)) {
      const col = cols[field];
      if (col === undefined) continue;
      const amount = readFundAmount(ctx, row, col, field, required, label);
      if (amount) read[field] = amount;
    }
    if (!label && !read.budget && !read.spent && !read.initial) continue;
    if (named) read.name = name;
    out.push(read);
  }
  return out;
}

function readFundAmount(
  { grid, scale, layout, log }: FundRowsContext,
  row: number,
  col: number,
  field: FundAmount,
  required: boolean,
  rowLabel: string,
): NumberSource | undefined {
  const a = readAmount(grid, row, col, scale);
  if (a.ok) return a.source;
  const label = layout.labels[field];
  if (a.reason === "refused")
    logAmountRefused(log, grid.ref(row, col), label, a, layout.labelAsSubject ? rowLabel || undefined : undefined);
  else if (required) log.error(grid.ref(row, col), "cell.empty", { label });
  return undefined;
}

/** Above this many 万元 a form's unstated unit is taken to be 元 (forms.md "Amounts"). */
const WAN_YUAN_CEILING = 1_000_000;

/**
 * The unit of a block: as its texts state it (单位：元, 项目资金（万元）, 全年预算数（元）), else from
 * the size of its total's budget (warned at that cell): more than a million 万元 is a sum in 元.
 */
export function fundUnit(grid: Grid, texts: readonly string[], total: { row: number; col: number } | undefined, log: IssueLog): AmountUnit {
  const stated = statedUnit(texts);
  if (stated || !total) return stated ?? "万元";
  const t = readAmount(grid, total.row, total.col, 1);
  const big = t.ok && (t.source.kind === "cell" || !/万/.test(t.source.text ?? "")) && t.source.value > WAN_YUAN_CEILING;
  if (big) log.warn(grid.ref(total.row, total.col), "fund.unitAssumedYuan", { ceiling: WAN_YUAN_CEILING.toLocaleString("en-US") });
  else log.warn(grid.ref(total.row, total.col), "fund.unitAssumedWan", {});
  return big ? "元" : "万元";
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
