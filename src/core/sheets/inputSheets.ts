/**
 * The input sheets (插入模板): headers, drop-downs and short notes, optionally filled with data —
 * the bundled sample and the test generators build their workbooks through the same code.
 */
import {
  AMOUNT_UNITS,
  BASIC_INFO_HEADERS,
  BASIC_INFO_LABELS,
  BUDGET_HEADERS,
  CATEGORY,
  EVALUATION_TYPES,
  type EvaluationType,
  INDICATOR_HEADERS,
  NATURES,
  SHEET,
  TEXT_HEADERS,
  TEXT_SECTIONS,
  TIERS,
} from "../contract";
import { a1, columnLetter } from "../cells";
import { METHOD_IDS } from "../methods";
import { DEFAULT_PROFILE, PROFILES } from "../profiles";
import { type PlanCell, type SheetPlan, SheetBuilder, text, value } from "../plan";
import { TABLE_STYLES, UI_FONT } from "./styles";

/** A value typed into an input cell; `numFmt` to give it a number format (0.95 shown as 95%). */
export type InputCell = string | number | null | { v: number; numFmt: string };

export type BudgetKey = keyof typeof BUDGET_HEADERS;
export type IndicatorKey = keyof typeof INDICATOR_HEADERS;

export interface InputData {
  basicInfo: { unitName: string; year: InputCell; type?: string; profile?: string; amountUnit?: string };
  budget: Array<Partial<Record<BudgetKey, InputCell>>>;
  indicators: Array<Partial<Record<IndicatorKey, InputCell>>>;
  texts: ReadonlyArray<readonly [string, string]>;
}

const HEADER_ROW = 2;
const FIRST_DATA_ROW = 3;
/** Drop-downs cover this many rows at least, so a blank template is ready to fill. */
const TEMPLATE_ROWS = 300;

const STYLES = {
  ...TABLE_STYLES,
  input: { font: { name: UI_FONT, size: 10 }, border: "thin" as const, align: { v: "top" as const, wrap: true } },
  title: { font: { name: UI_FONT, size: 12, bold: true } },
};

function inputCell(v: InputCell | undefined, b: SheetBuilder, row: number, col: number, fmtStyles: Map<string, string>): void {
  if (v === undefined || v === null || v === "") {
    b.set(row, col, value(null, "input"));
    return;
  }
  if (typeof v === "object") {
    let style = fmtStyles.get(v.numFmt);
    if (!style) {
      style = `input_fmt${fmtStyles.size}`;
      fmtStyles.set(v.numFmt, style);
    }
    b.set(row, col, value(v.v, style));
    return;
  }
  b.set(row, col, typeof v === "number" ? value(v, "input") : text(v, "input"));
}

/** A table sheet: title row, header row, data rows, drop-downs by column key. */
function tableSheet<K extends string>(
  name: string,
  title: string,
  columns: ReadonlyArray<{ key: K; header: string; width: number; list?: readonly string[]; note?: string }>,
  rows: ReadonlyArray<Partial<Record<K, InputCell>>>,
): SheetPlan {
  const fmtStyles = new Map<string, string>();
  const b = new SheetBuilder(name, { ...STYLES });
  b.set(1, 1, text(title, "title"));
  b.row(
    HEADER_ROW,
    1,
    columns.map((c) => text(c.header)),
    "header",
  );
  rows.forEach((r, i) => columns.forEach((c, j) => inputCell(r[c.key], b, FIRST_DATA_ROW + i, j + 1, fmtStyles)));
  const lastRow = FIRST_DATA_ROW + Math.max(TEMPLATE_ROWS, rows.length) - 1;
  columns.forEach((c, j) => {
    const col = columnLetter(j + 1);
    if (c.list) b.validate({ range: `${col}${FIRST_DATA_ROW}:${col}${lastRow}`, list: c.list });
    if (c.note) b.note(a1(HEADER_ROW, j + 1), c.note);
  });
  b.widths(columns.map((c) => c.width));
  b.freeze(HEADER_ROW);
  const plan = b.build();
  for (const [numFmt, style] of fmtStyles) plan.styles[style] = { ...STYLES.input, numFmt };
  return plan;
}

export function buildInputSheets(type: EvaluationType, data?: InputData): SheetPlan[] {
  return [basicInfoSheet(type, data), budgetSheet(data), indicatorSheet(data), textSheet(data)];
}

function basicInfoSheet(type: EvaluationType, data?: InputData): SheetPlan {
  const info = data?.basicInfo;
  const rows: Array<[string, InputCell, string, readonly string[] | undefined]> = [
    [BASIC_INFO_LABELS.unitName, info?.unitName ?? "", "单位全称，将出现在报告标题中", undefined],
    [BASIC_INFO_LABELS.year, info?.year ?? "", "四位年份，如 2023", undefined],
    [BASIC_INFO_LABELS.evaluationType, info?.type ?? type, "部门整体支出 或 项目支出", EVALUATION_TYPES],
    [
      BASIC_INFO_LABELS.profile,
      info?.profile ?? DEFAULT_PROFILE[type],
      PROFILES.map((p) => `${p.id}：${p.name}`).join("；"),
      PROFILES.map((p) => p.id),
    ],
    [BASIC_INFO_LABELS.amountUnit, info?.amountUnit ?? "万元", "预算执行表中金额的单位；报告一律以万元表述", AMOUNT_UNITS],
  ];
  const b = new SheetBuilder(SHEET.basicInfo, { ...STYLES });
  const fmt = new Map<string, string>();
  b.set(1, 1, text("基本信息", "title"));
  b.row(HEADER_ROW, 1, [text(BASIC_INFO_HEADERS.label), text(BASIC_INFO_HEADERS.value), text("说明")], "header");
  rows.forEach(([label, v, note, list], i) => {
    const row = FIRST_DATA_ROW + i;
    b.set(row, 1, text(label, "label"));
    inputCell(v, b, row, 2, fmt);
    b.set(row, 3, text(note, "note"));
    if (list) b.validate({ range: a1(row, 2), list });
  });
  b.widths([14, 44, 60]);
  return b.build();
}

function budgetSheet(data?: InputData): SheetPlan {
  const H = BUDGET_HEADERS;
  return tableSheet<BudgetKey>(
    SHEET.budget,
    "预算执行（每行一条预算；合计行只作核对，不参与计算）",
    [
      { key: "category", header: H.category, width: 12, list: [CATEGORY.basic, CATEGORY.project, CATEGORY.total] },
      { key: "item", header: H.item, width: 30, note: "基本支出可填 人员经费、公用经费；项目支出填项目名称" },
      { key: "initialBudget", header: H.initialBudget, width: 14 },
      { key: "budget", header: H.budget, width: 14, note: "调整后预算数" },
      { key: "spent", header: H.spent, width: 14 },
      { key: "remark", header: H.remark, width: 40, note: "执行率低于 90% 时请说明原因" },
    ],
    data?.budget ?? [],
  );
}

function indicatorSheet(data?: InputData): SheetPlan {
  const H = INDICATOR_HEADERS;
  return tableSheet<IndicatorKey>(
    SHEET.indicators,
    "绩效指标（每行一个三级指标；一级、二级指标留空表示同上一行）",
    [
      { key: "level1", header: H.level1, width: 12 },
      { key: "level2", header: H.level2, width: 12 },
      { key: "name", header: H.name, width: 42 },
      { key: "nature", header: H.nature, width: 9, list: NATURES },
      { key: "direction", header: H.direction, width: 9, list: ["≥", "≤", "="] },
      { key: "target", header: H.target, width: 12, note: "如 95、≥95%、≤90万元；定性指标填文字" },
      { key: "unit", header: H.unit, width: 9 },
      { key: "actual", header: H.actual, width: 12 },
      { key: "weight", header: H.weight, width: 8 },
      { key: "method", header: H.method, width: 11, list: METHOD_IDS, note: "留空时按指标性质和方向自动确定" },
      { key: "tier", header: H.tier, width: 16, list: [TIERS.achieved, TIERS.partly, TIERS.missed], note: "定性指标必填" },
      { key: "selfScore", header: H.selfScore, width: 9, note: "定性部分达成/未达成、扣分、直接评分时必填" },
      { key: "deviation", header: H.deviation, width: 50 },
    ],
    data?.indicators ?? [],
  );
}

function textSheet(data?: InputData): SheetPlan {
  const rows = (data?.texts ?? []).map(([section, content]) => ({ section, content }));
  const plan = tableSheet<"section" | "content">(
    SHEET.texts,
    "文字材料（每行一段，按顺序写入报告；留空的栏目由数据生成或略去）",
    [
      { key: "section", header: TEXT_HEADERS.section, width: 26, list: TEXT_SECTIONS },
      { key: "content", header: TEXT_HEADERS.content, width: 100 },
    ],
    rows,
  );
  // Paragraphs are text even when they begin with = + - @.
  for (const r of plan.cells.slice(FIRST_DATA_ROW - 1)) {
    const c = r[1];
    if (c && typeof c.v === "string") r[1] = { ...(c as PlanCell), s: "textFormat" };
  }
  return plan;
}
