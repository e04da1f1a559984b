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
import { type SheetPlan, SheetBuilder, text, value } from "../plan";
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

/**
 * The input sheets. Without `data` (插入模板) they hold editable example rows that teach by example:
 * the standard indicator tree with one 三级 per 二级 and weights summing to the profile's total,
 * a budget, and the 文字材料 栏目 in report order.
 */
export function buildInputSheets(type: EvaluationType, data?: InputData, year?: number): SheetPlan[] {
  const d = data ?? exampleData(type, year ?? new Date().getFullYear() - 1);
  return [basicInfoSheet(type, d), budgetSheet(d), indicatorSheet(d), textSheet(d)];
}

/** The example a new template holds: a small department (or project) that scores, to be typed over. */
function exampleData(type: EvaluationType, year: number): InputData {
  const profile = DEFAULT_PROFILE[type];
  const project = type === "项目支出";
  // The indicators carry the profile's total less what it adds itself (项目支出's 预算执行率, 10 分).
  const share = (profile.weightSum - (profile.executionRateItem?.weight ?? 0)) / 100;
  const w = (x: number) => Math.round(x * share * 100) / 100;
  const indicators: InputData["indicators"] = [
    {
      level1: "产出指标",
      level2: "数量指标",
      name: project ? "举办业务培训" : "完成年度重点工作任务",
      direction: "≥",
      target: 12,
      unit: project ? "期" : "项",
      actual: 12,
      weight: w(15),
    },
    {
      level2: "质量指标",
      name: project ? "培训合格率" : "重点工作按标准完成率",
      direction: "≥",
      target: 95,
      unit: "%",
      actual: 96,
      weight: w(15),
    },
    {
      level2: "时效指标",
      name: project ? "培训按计划完成率" : "重点工作按期完成率",
      direction: "=",
      target: 100,
      unit: "%",
      actual: 100,
      weight: w(10),
    },
    {
      level2: "成本指标",
      name: project ? "人均培训成本" : "“三公”经费控制在预算以内",
      direction: "≤",
      target: project ? 800 : 20,
      unit: project ? "元" : "万元",
      actual: project ? 760 : 18.5,
      weight: w(10),
    },
    {
      level1: "效益指标",
      level2: "经济效益指标",
      name: project ? "节约培训场地租赁费用" : "预算资金节约率",
      direction: "≥",
      target: 5,
      unit: "%",
      actual: 5,
      weight: w(5),
    },
    {
      level2: "社会效益指标",
      name: project ? "学员所在单位业务水平提升" : "履职成效得到上级认可",
      nature: "定性",
      target: "明显提升",
      actual: "明显提升",
      tier: TIERS.achieved,
      weight: w(15),
    },
    {
      level2: "生态效益指标",
      name: "推行无纸化办公",
      nature: "定性",
      target: "有效推行",
      actual: "有效推行",
      tier: TIERS.achieved,
      weight: w(5),
    },
    {
      level2: "可持续影响指标",
      name: project ? "培训成果持续应用" : "长效管理制度健全",
      nature: "定性",
      target: "长期",
      actual: "长期",
      tier: TIERS.achieved,
      weight: w(15),
    },
    {
      level1: "满意度指标",
      level2: "服务对象满意度指标",
      name: project ? "学员满意度" : "服务对象满意度",
      direction: "≥",
      target: 90,
      unit: "%",
      actual: 93,
      weight: w(10),
    },
  ];
  const budget: InputData["budget"] = project
    ? [{ category: CATEGORY.project, item: "示例项目（请改为本项目名称）", initialBudget: 50, budget: 50, spent: 48.6 }]
    : [
        { category: CATEGORY.basic, item: "人员经费", initialBudget: 300, budget: 310, spent: 310 },
        { category: CATEGORY.basic, item: "公用经费", initialBudget: 60, budget: 60, spent: 58.2 },
        { category: CATEGORY.project, item: "示例项目（请改为本单位项目名称）", initialBudget: 50, budget: 50, spent: 48.6 },
      ];
  return {
    basicInfo: { unitName: "示例单位（请改为本单位全称）", year, type, profile: profile.name, amountUnit: "万元" },
    budget,
    indicators,
    texts: TEXT_SECTIONS.map((section) => [section, ""] as const),
  };
}

function basicInfoSheet(type: EvaluationType, data?: InputData): SheetPlan {
  const info = data?.basicInfo;
  const rows: Array<[string, InputCell, string, readonly string[] | undefined]> = [
    [BASIC_INFO_LABELS.unitName, info?.unitName ?? "", "单位全称，将出现在报告标题中", undefined],
    [BASIC_INFO_LABELS.year, info?.year ?? "", "四位年份，如 2023", undefined],
    [BASIC_INFO_LABELS.evaluationType, info?.type ?? type, "部门整体支出 或 项目支出", EVALUATION_TYPES],
    [
      BASIC_INFO_LABELS.profile,
      info?.profile ?? DEFAULT_PROFILE[type].name,
      `可选：${PROFILES.map((p) => p.name).join("；")}（也可填其编号 ${PROFILES.map((p) => p.id).join("、")}）`,
      PROFILES.map((p) => p.name),
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
      { key: "initialBudget", header: H.initialBudget, width: 14, note: "年初批复的预算数" },
      { key: "budget", header: H.budget, width: 14, note: "调整后预算数" },
      { key: "spent", header: H.spent, width: 14, note: "全年实际支出，与决算一致" },
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
      { key: "level1", header: H.level1, width: 12, note: "产出指标、效益指标、满意度指标；留空表示同上一行" },
      { key: "level2", header: H.level2, width: 12, note: "如 数量指标、质量指标、时效指标、成本指标；留空表示同上一行" },
      { key: "name", header: H.name, width: 42, note: "具体指标名称，如 培训合格率" },
      { key: "nature", header: H.nature, width: 9, list: NATURES, note: "定量（有数值目标）或 定性；留空时按目标值判断" },
      { key: "direction", header: H.direction, width: 9, list: ["≥", "≤", "="], note: "≥ 越大越好，≤ 越小越好，= 须正好达到" },
      { key: "target", header: H.target, width: 12, note: "如 95、≥95%、≤90万元；定性指标填文字" },
      { key: "unit", header: H.unit, width: 9, note: "如 %、人次、万元" },
      { key: "actual", header: H.actual, width: 12, note: "与年度指标值同单位的实际数；定性指标填文字" },
      { key: "weight", header: H.weight, width: 8, note: "本指标满分；各指标分值之和应等于评分规则的总分" },
      { key: "method", header: H.method, width: 11, list: METHOD_IDS, note: "留空时按指标性质和方向自动确定" },
      { key: "tier", header: H.tier, width: 16, list: [TIERS.achieved, TIERS.partly, TIERS.missed], note: "定性指标必填" },
      { key: "selfScore", header: H.selfScore, width: 9, note: "定性部分达成/未达成、扣分、直接评分时必填" },
      { key: "deviation", header: H.deviation, width: 50, note: "未完成目标时必填：原因和改进措施" },
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
      { key: "section", header: TEXT_HEADERS.section, width: 26, list: TEXT_SECTIONS, note: "按报告顺序排列的栏目名" },
      { key: "content", header: TEXT_HEADERS.content, width: 100, note: "本栏目的文字；留空则由数据生成或略去" },
    ],
    rows,
  );
  // Paragraphs are text even when they begin with = + - @.
  for (const r of plan.cells.slice(FIRST_DATA_ROW - 1)) {
    const c = r[1];
    if (c && typeof c.v === "string") r[1] = { ...c, s: "textFormat" };
  }
  return plan;
}
