/**
 * A generated year of submissions for `jixiao review` (its tests and its benchmark): seeded
 * workbooks in county folders — Jixiao templates and official 项目支出绩效自评表 (national layout
 * and a synonym layout; one to three forms per workbook, on one sheet or several) — with known
 * slips planted on some forms, and broken files (not xlsx, truncated, no form, bad input).
 *
 * The manifest says, per file, which check each slip must raise and at which cell; clean forms are
 * built to raise none (met targets, full marks, exact rates). Cells are computed from the builder's
 * fixed layout (src/sample/forms/build.ts): title, period, two info lines, the fund block (header,
 * total row, three source rows), 年度总体目标 (two rows), the indicator header, rows, 总分.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import { columnLetter } from "../core/cells";
import { excelRound } from "../core/format";
import { ExcelJsWorkbook } from "../adapters/exceljs/exceljsWorkbook";
import { buildInputSheets, type InputData } from "../core/sheets/inputSheets";
import {
  type Column,
  type FormSpec,
  type FundKey,
  type IndicatorKey,
  type IndicatorRow,
  type SheetSpec,
  buildFormWorkbook,
  fundBlock,
  pct,
  projectInfo,
} from "./forms/build";
import { rng } from "./generate";

export const SLIP_KINDS = ["filledNeRule", "totalNeSum", "wrongRate", "weightSum", "shortfall", "qualOutsideTier"] as const;
export type SlipKind = (typeof SLIP_KINDS)[number] | "templateSelfScore" | "templateShortfall";

/** What each slip's check says (docs/forms.md "Checks"). */
const SLIP_MESSAGES: Record<SlipKind, string> = {
  filledNeRule: "按规则应为",
  totalNeSum: "各项填报得分之和",
  wrongRate: "填报执行率",
  weightSum: "分值合计为",
  shortfall: "偏差原因",
  qualOutsideTier: "得分范围",
  templateSelfScore: "自评得分",
  templateShortfall: "偏差原因",
};

export interface PlantedSlip {
  /** Relative to the batch folder, `/`-separated. */
  file: string;
  kind: SlipKind;
  /** `Sheet1!H14` (unquoted). */
  cell: string;
  includes: string;
}

export interface BrokenFile {
  file: string;
  what: string;
  /** The cell of the error ("" for the file itself) and a fragment of its message. */
  cell: string;
  includes: string;
}

export interface BatchManifest {
  /** Every file written, relative, in review order. */
  files: string[];
  /** Forms per readable file. */
  forms: Record<string, number>;
  slips: PlantedSlip[];
  broken: BrokenFile[];
  /** The unit (单位名称) of each readable file's forms. */
  units: Record<string, string>;
}

export interface BatchOptions {
  /** Readable workbooks (templates and forms); broken files come on top. */
  count?: number;
  seed?: number;
  /** Every `templateEvery`-th workbook is a template (0: none). */
  templateEvery?: number;
  /** Indicators per form, inclusive range. */
  indicators?: [number, number];
  /** At most this many forms per workbook. */
  maxForms?: number;
  /** Share of forms carrying one slip. */
  slipRate?: number;
  broken?: boolean;
  /** Departments the workbooks come from, in turn (several files each); default one per file. */
  departments?: number;
}

const FORM_YEAR = 2023;
const GOALS = { expected: "按年度计划完成各项任务，资金使用规范高效。", actual: "年度任务全部完成，资金按计划支出。" };

type Layout = { indicators: Column<IndicatorKey>[]; fund: Column<FundKey>[] };
const LAYOUTS: Layout[] = [
  {
    indicators: ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"],
    fund: ["initial", "budget", "spent", "weight", "rate", "score"],
  },
  {
    indicators: [
      "level1",
      "level2",
      "name",
      ["weight", "权重"],
      ["target", "目标值"],
      ["actual", "全年实际值"],
      ["score", "自评得分"],
      ["deviation", "偏差原因"],
    ],
    fund: [["budget", "调整后预算数"], ["spent", "实际支出"], ["rate", "预算执行率"], "weight", "score"],
  },
];

const key = <K extends string>(c: Column<K>): K => (Array.isArray(c) ? c[0] : c);
const indicatorCol = (layout: Layout, k: IndicatorKey) => columnLetter(2 + layout.indicators.findIndex((c) => key(c) === k));
const fundCol = (layout: Layout, k: FundKey) => columnLetter(4 + layout.fund.findIndex((c) => key(c) === k));

/** Rows a form takes in the builder's layout (title … 总分) and where its parts are, from its first row. */
function formRows(first: number, n: number) {
  return { fundTotal: first + 5, firstIndicator: first + 12, total: first + 12 + n, end: first + 12 + n };
}

interface GeneratedForm {
  spec: FormSpec;
  /** The slip's cell from the form's first row. */
  slip?: { kind: SlipKind; cell: (first: number) => string };
  n: number;
}

type Rand = () => number;

function makeForm(
  r: Rand,
  id: string,
  n: number,
  layout: Layout,
  slip: (typeof SLIP_KINDS)[number] | undefined,
  unit = `测试单位${id.split("-")[0]}`,
): GeneratedForm {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  // Row kinds in their groups: 数量 (≥ counts), 质量 (≥ %), 成本 (≤ 万元), 社会效益 (定性), 满意度 (≥ %).
  const sat = 1;
  const cost = 1;
  const qual = Math.max(1, Math.floor(n * 0.2));
  const pctRows = Math.max(1, Math.floor(n * 0.2));
  const count = n - sat - cost - qual - pctRows;
  const weights = Array.from({ length: n }, (_, i) => Math.floor(90 / n) + (i < 90 % n ? 1 : 0));
  const rows: IndicatorRow[] = [];
  const kinds: string[] = [];
  const push = (kind: string, row: IndicatorRow) => {
    kinds.push(kind);
    rows.push(row);
  };
  for (let i = 0; i < count; i++) {
    const t = int(5, 500);
    push("count", {
      ...(i === 0 ? { level1: "产出指标", level2: "数量指标" } : {}),
      name: `完成工作量${id}-${i + 1}`,
      target: `≥${t}个`,
      actual: `${t}个`,
    });
  }
  for (let i = 0; i < pctRows; i++)
    push("pct", { ...(i === 0 ? { level2: "质量指标" } : {}), name: `质量合格率${i + 1}`, target: "≥95%", actual: `${int(95, 100)}%` });
  const limit = int(20, 300);
  push("cost", { level2: "成本指标", name: "项目成本控制", target: `≤${limit}万元`, actual: `${limit - int(0, 10)}万元` });
  for (let i = 0; i < qual; i++)
    push("qual", {
      ...(i === 0 ? { level1: "效益指标", level2: "社会效益指标" } : {}),
      name: `社会效益${i + 1}`,
      target: "有效提升",
      actual: "达到预期",
    });
  push("sat", { level1: "满意度指标", level2: "服务对象满意度指标", name: "服务对象满意度", target: "≥90%", actual: `${int(90, 99)}%` });
  rows.forEach((row, i) => {
    row.weight = weights[i];
    row.score = weights[i];
  });

  const budget = int(5000, 80000) / 100;
  const spent = r() < 0.4 ? budget : Math.round(budget * (0.9 + r() * 0.1) * 100) / 100;
  const rate = spent / budget;
  let filledRate = rate;
  let totalWeight = 100;
  let totalExtra = 0;
  let slipCell: ((first: number) => string) | undefined;
  const rowOf = (first: number, i: number) => formRows(first, n).firstIndicator + i;
  const firstCount = kinds.indexOf("count");
  switch (slip) {
    case "filledNeRule":
      rows[firstCount].score = weights[firstCount] - 1;
      slipCell = (first) => `${indicatorCol(layout, "score")}${rowOf(first, firstCount)}`;
      break;
    case "totalNeSum":
      totalExtra = 2;
      slipCell = (first) => `${indicatorCol(layout, "score")}${formRows(first, n).total}`;
      break;
    case "wrongRate":
      filledRate = rate - 0.05;
      slipCell = (first) => `${fundCol(layout, "rate")}${formRows(first, n).fundTotal}`;
      break;
    case "weightSum":
      rows[firstCount].weight = weights[firstCount] - 2;
      rows[firstCount].score = weights[firstCount] - 2;
      totalWeight = 98;
      slipCell = (first) => `${indicatorCol(layout, "weight")}${formRows(first, n).total}`;
      break;
    case "shortfall": {
      rows[firstCount].target = "≥100个";
      rows[firstCount].actual = "80个";
      rows[firstCount].score = excelRound((80 / 100) * weights[firstCount], 2);
      slipCell = (first) => `${indicatorCol(layout, "deviation")}${rowOf(first, firstCount)}`;
      break;
    }
    case "qualOutsideTier": {
      const q = kinds.indexOf("qual");
      rows[q].score = excelRound(weights[q] * 0.5, 2);
      rows[q].deviation = "部分工作延后至下年度。";
      slipCell = (first) => `${indicatorCol(layout, "score")}${rowOf(first, q)}`;
      break;
    }
  }
  const execScore = excelRound(10 * Math.min(rate, 1), 2);
  const filledSum = excelRound(execScore + rows.reduce((s, row) => s + Number(row.score), 0), 2);
  const spec: FormSpec = {
    title: "项目支出绩效自评表",
    period: `（${FORM_YEAR}年度）`,
    info: projectInfo(`专项项目${id}`, unit),
    fund: fundBlock(
      { initial: budget, budget, spent, weight: 10, rate: pct(filledRate), score: execScore },
      [["其中：当年财政拨款", budget, budget, spent]],
      {
        columns: layout.fund,
      },
    ),
    goals: GOALS,
    indicators: {
      label: "绩效指标",
      columns: layout.indicators,
      rows,
      total: { weight: totalWeight, score: excelRound(filledSum + totalExtra, 2) },
    },
  };
  return { spec, n, slip: slip && slipCell ? { kind: slip, cell: slipCell } : undefined };
}

/** A clean template workbook (部门整体支出): budget fully spent, targets met, weights summing to 100. */
function makeTemplate(
  r: Rand,
  id: string,
  slip: "templateSelfScore" | "templateShortfall" | undefined,
  unit = `模板单位${id}`,
): { data: InputData; cell?: string } {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const n = int(4, 8);
  const weights = Array.from({ length: n }, (_, i) => Math.floor(100 / n) + (i < 100 % n ? 1 : 0));
  const indicators: InputData["indicators"] = weights.map((w, i) => {
    const t = int(5, 300);
    return {
      ...(i === 0 ? { level1: "产出指标", level2: "数量指标" } : {}),
      name: `年度任务${i + 1}`,
      direction: "≥",
      target: t,
      unit: "个",
      actual: t,
      weight: w,
    };
  });
  let cell: string | undefined;
  // 绩效指标: header on row 2, data from row 3; 实际完成值 H, 自评得分 L, 偏差原因 M.
  if (slip === "templateSelfScore") {
    indicators[0].selfScore = weights[0] - 1;
    cell = "绩效指标!L3";
  } else if (slip === "templateShortfall") {
    indicators[1].target = 100;
    indicators[1].actual = 80;
    cell = "绩效指标!M4";
  }
  const lines = int(2, 5);
  const budget: InputData["budget"] = Array.from({ length: lines }, (_, i) => {
    const b = int(1000, 500000) / 100;
    return { category: i === 0 ? "基本支出" : "项目支出", item: `预算项目${i + 1}`, initialBudget: b, budget: b, spent: b };
  });
  return {
    data: {
      basicInfo: { unitName: unit, year: FORM_YEAR, type: "部门整体支出", amountUnit: "万元" },
      budget,
      indicators,
      texts: [["部门职能", `模板单位${id}的职能。`]],
    },
    cell,
  };
}

async function writeWorkbook(file: string, wb: ExcelJS.Workbook | ExcelJsWorkbook): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const data = wb instanceof ExcelJsWorkbook ? await wb.toBuffer() : Buffer.from(await wb.xlsx.writeBuffer());
  await fs.writeFile(file, data);
}

export async function writeReviewBatch(dir: string, options: BatchOptions = {}): Promise<BatchManifest> {
  const { count = 200, seed = 11, templateEvery = 6, indicators = [5, 9], maxForms = 3, slipRate = 0.35, broken = true } = options;
  const r = rng(seed);
  const manifest: BatchManifest = { files: [], forms: {}, slips: [], broken: [], units: {} };
  const department = (i: number) => (options.departments ? `第${(i % options.departments) + 1}部门` : undefined);
  for (let i = 0; i < count; i++) {
    const county = `区县${String(1 + (i % 8)).padStart(2, "0")}`;
    const rel = `${county}/单位${String(i + 1).padStart(4, "0")}.xlsx`;
    const file = path.join(dir, rel);
    if (templateEvery > 0 && i % templateEvery === 0) {
      const roll = r();
      const slip = roll < 0.25 ? "templateSelfScore" : roll < 0.5 ? "templateShortfall" : undefined;
      const { data, cell } = makeTemplate(r, String(i + 1), slip, department(i));
      manifest.units[rel] = data.basicInfo.unitName;
      const wb = ExcelJsWorkbook.empty();
      await wb.apply({ sheets: buildInputSheets("部门整体支出", data) });
      await writeWorkbook(file, wb);
      if (slip && cell) manifest.slips.push({ file: rel, kind: slip, cell, includes: SLIP_MESSAGES[slip] });
      manifest.forms[rel] = 1;
      continue;
    }
    const formCount = 1 + Math.floor(r() * maxForms);
    const stacked = formCount > 1 && r() < 0.4;
    const sheets: SheetSpec[] = [];
    let next = 1;
    for (let f = 0; f < formCount; f++) {
      const layout = LAYOUTS[Math.floor(r() * LAYOUTS.length)];
      const n = indicators[0] + Math.floor(r() * (indicators[1] - indicators[0] + 1));
      const slip = r() < slipRate ? SLIP_KINDS[Math.floor(r() * SLIP_KINDS.length)] : undefined;
      const unit = department(i) ?? `测试单位${i + 1}`;
      const form = makeForm(r, `${i + 1}-${f + 1}`, n, layout, slip, unit);
      manifest.units[rel] = unit;
      const sheetName = stacked ? "自评表" : `项目${f + 1}`;
      if (!stacked || f === 0) {
        sheets.push({ name: sheetName, forms: [], gap: 2 });
        next = 1;
      }
      sheets[sheets.length - 1].forms.push(form.spec);
      if (form.slip)
        manifest.slips.push({
          file: rel,
          kind: form.slip.kind,
          cell: `${sheetName}!${form.slip.cell(next)}`,
          includes: SLIP_MESSAGES[form.slip.kind],
        });
      next = formRows(next, form.n).end + 1 + 2;
    }
    await writeWorkbook(file, buildFormWorkbook(sheets));
    manifest.forms[rel] = formCount;
  }
  if (broken) manifest.broken.push(...(await writeBroken(dir, r)));
  manifest.files = [...Object.keys(manifest.forms), ...manifest.broken.map((b) => b.file)].sort();
  return manifest;
}

/** Ten files that cannot be scored, each with the error it must be listed with. */
async function writeBroken(dir: string, r: Rand): Promise<BrokenFile[]> {
  const out: BrokenFile[] = [];
  const put = async (name: string, data: Buffer | ExcelJS.Workbook | ExcelJsWorkbook, what: string, cell: string, includes: string) => {
    const rel = `待核/${name}`;
    const file = path.join(dir, rel);
    if (Buffer.isBuffer(data)) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data);
    } else await writeWorkbook(file, data);
    out.push({ file: rel, what, cell, includes });
  };
  const notXlsx = "不是有效的 Excel 工作簿";
  const good = () => makeForm(r, "broken", 6, LAYOUTS[0], undefined).spec;
  const whole = Buffer.from(await buildFormWorkbook([{ name: "Sheet1", forms: [good()] }]).xlsx.writeBuffer());
  await put("01-文本文件.xlsx", Buffer.from("这是一份文字说明，不是 Excel 文件。\n", "utf8"), "not xlsx", "", notXlsx);
  await put("02-空文件.xlsx", Buffer.alloc(0), "empty file", "", notXlsx);
  await put("03-截断一半.xlsx", whole.subarray(0, Math.floor(whole.length / 2)), "truncated", "", notXlsx);
  await put("04-截断末尾.xlsx", whole.subarray(0, whole.length - 200), "truncated", "", notXlsx);
  const contacts = buildFormWorkbook([{ name: "通讯录", forms: [], text: ["姓名", "电话", "张三", "13800000000"] }]);
  await put("05-通讯录.xlsx", contacts, "no form", "通讯录!A1", "没有找到绩效自评表");
  await put("06-空白工作簿.xlsx", buildFormWorkbook([{ name: "Sheet1", forms: [] }]), "no form", "Sheet1!A1", "没有找到绩效自评表");
  // (A form without a year is read with a warning since forms.md "No year printed"; a negative budget is refused.)
  const negative = good();
  negative.fund = fundBlock({ initial: 100, budget: -100, spent: 90, weight: 10, score: 10 });
  await put("07-预算为负数.xlsx", buildFormWorkbook([{ name: "Sheet1", forms: [negative] }]), "negative budget", "Sheet1!E6", "不能为负数");
  const noSpent = good();
  noSpent.fund = fundBlock({ initial: 100, budget: 100, weight: 10, score: 10 }, [], { columns: ["initial", "budget", "weight", "score"] });
  await put("08-缺少执行数.xlsx", buildFormWorkbook([{ name: "Sheet1", forms: [noSpent] }]), "no 全年执行数", "Sheet1!A5", "全年执行数");
  const blankUnit = makeTemplate(r, "x", undefined).data;
  blankUnit.basicInfo.unitName = "";
  const tpl = ExcelJsWorkbook.empty();
  await tpl.apply({ sheets: buildInputSheets("部门整体支出", blankUnit) });
  await put("09-模板缺单位名称.xlsx", tpl, "template without 单位名称", "基本信息!B3", "单位名称不能为空");
  const badQual = good();
  const q = badQual.indicators.rows.findIndex((row) => row.target === "有效提升");
  badQual.indicators.rows[q].actual = "未完成";
  badQual.indicators.rows[q].score = undefined;
  await put(
    "10-定性未评分.xlsx",
    buildFormWorkbook([{ name: "Sheet1", forms: [badQual] }]),
    "定性 not achieved, no 得分",
    `Sheet1!H${13 + q}`,
    "须填写得分",
  );
  return out;
}
