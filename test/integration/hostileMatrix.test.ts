/**
 * The hostile matrix (issue 16 "Prove it"; forms.md "Hostile cells in a form", "More that published
 * forms do"; docs/numbers.md): every kind of cell a form or the template is read from × every
 * hostile value class × the template and five form layouts, generated here. One engine call per
 * case (runCommand over the exceljs adapter, the workbook built in memory), and each case asserts
 * its outcome:
 *
 * - refused at that cell: the run throws, an error names the cell, 评分结果 is not written;
 * - flagged at that cell: the run goes on, a warning names the cell, and every figure is the
 *   baseline's but for the documented change;
 * - read as the documented value: no error, no warning at the cell, figures as documented;
 * - as blank: a placeholder (`—` `－` `-` `/` `／` `无` `空`) or an empty text gives exactly what the
 *   empty cell gives (same problems at the same cells, same figures).
 *
 * Then, for the cell kinds both paths have, the same cell rule must give the same outcome on the
 * template and on the national form.
 *
 * Where forms.md leaves the outcome open, the decision is the `DECISION` comment at the rule.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { cli, tempDir } from "../support/workbooks";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { INPUT_SHEETS, SHEET } from "../../src/core/contract";
import { runCommand } from "../support/run";
import { InputError } from "../../src/core/issues";
import { type InputData, buildInputSheets } from "../../src/core/sheets/inputSheets";
import type { Summary } from "../../src/core/summary";
import { buildFormWorkbook, fundBlock, indicatorBlock, projectInfo } from "../../src/sample/forms/build";
import { CORPUS } from "../fixtures/forms/corpus";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";

// ── Value classes ──────────────────────────────────────────────────────────────────────────────

type Group = "invalid" | "text" | "negative" | "blank" | "emptyText" | "placeholder";

interface ValueClass {
  name: string;
  group: Group;
  /** Puts the hostile value in the cell; `base` is what the cell held. */
  put(cell: ExcelJS.Cell, base: ExcelJS.CellValue): void;
}

const scalar = (base: ExcelJS.CellValue): number | string => (typeof base === "number" || typeof base === "string" ? base : 0);
const setFormat = (cell: ExcelJS.Cell, numFmt: string) => (cell.style = { ...cell.style, numFmt });

const ERROR_VALUES = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];
const PLACEHOLDERS = ["—", "－", "-", "/", "／", "无", "空"];

const CLASSES: ValueClass[] = [
  ...ERROR_VALUES.map((e): ValueClass => ({
    name: `error value ${e}`,
    group: "invalid",
    put: (c) => (c.value = { error: e } as ExcelJS.CellErrorValue),
  })),
  {
    name: "formula whose result is #DIV/0!",
    group: "invalid",
    put: (c) => (c.value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue),
  },
  { name: "formula with no saved result", group: "invalid", put: (c) => (c.value = { formula: "SUM(1,2)" } as ExcelJS.CellFormulaValue) },
  {
    name: "formula into a missing sheet (cached value kept)",
    group: "invalid",
    put: (c, base) => (c.value = { formula: "无此表!A1", result: scalar(base) } as ExcelJS.CellFormulaValue),
  },
  {
    name: "circular formula with a cached value",
    group: "invalid",
    put: (c, base) => {
      const b = scalar(base);
      c.value = { formula: typeof b === "number" ? `${c.address}+0` : `${c.address}&""`, result: b } as ExcelJS.CellFormulaValue;
    },
  },
  {
    name: "date where a number belongs",
    group: "invalid",
    put: (c) => {
      c.value = new Date(Date.UTC(2023, 0, 1));
      setFormat(c, "yyyy-mm-dd");
    },
  },
  {
    name: "formula into another workbook (cached value kept)",
    group: "invalid",
    put: (c, base) => (c.value = { formula: "[1]Sheet1!A1", result: scalar(base) } as ExcelJS.CellFormulaValue),
  },
  {
    name: "formula holding #REF! (cached value kept)",
    group: "invalid",
    put: (c, base) =>
      (c.value = { formula: typeof scalar(base) === "number" ? "#REF!+0" : '#REF!&""', result: scalar(base) } as ExcelJS.CellFormulaValue),
  },
  { name: "logical value TRUE", group: "invalid", put: (c) => (c.value = true) },
  { name: "non-finite number NaN", group: "invalid", put: (c) => (c.value = NaN) },
  { name: "non-finite number -Infinity", group: "invalid", put: (c) => (c.value = -Infinity) },
  { name: "out-of-range number 1e300", group: "invalid", put: (c) => (c.value = 1e300) },
  { name: "out-of-range number 1e15", group: "invalid", put: (c) => (c.value = 1e15) },
  { name: "out-of-range number 1e-12", group: "invalid", put: (c) => (c.value = 1e-12) },
  ...["1e3", "1 234,56", "9\n5"].map((t): ValueClass => ({
    name: `refused text ${JSON.stringify(t)}`,
    group: "text",
    put: (c) => (c.value = t),
  })),
  {
    name: "negative number -5",
    group: "negative",
    put: (c) => {
      c.value = -5;
      setFormat(c, "General");
    },
  },
  { name: "blank cell", group: "blank", put: (c) => (c.value = null) },
  { name: "empty string", group: "emptyText", put: (c) => (c.value = "") },
  { name: "spaces only", group: "emptyText", put: (c) => (c.value = "   ") },
  ...PLACEHOLDERS.map((p): ValueClass => ({ name: `placeholder ${p}`, group: "placeholder", put: (c) => (c.value = p) })),
];
const BLANK = CLASSES.find((c) => c.group === "blank")!;

// ── Cell kinds and layouts ─────────────────────────────────────────────────────────────────────

type Kind =
  | "年初预算数"
  | "全年预算数"
  | "全年执行数"
  | "来源行金额"
  | "执行率"
  | "执行分值"
  | "执行得分"
  | "分值"
  | "得分"
  | "年度指标值"
  | "实际完成值"
  | "总分分值"
  | "总分得分"
  | "表头自评得分";

const AMOUNTS: Kind[] = ["年初预算数", "全年预算数", "全年执行数", "来源行金额"];
const WEIGHTS: Kind[] = ["执行分值", "分值", "总分分值"];

interface Layout {
  name: string;
  path: "template" | "form";
  build(): Promise<ExcelJS.Workbook>;
  sheetOf(kind: Kind): string;
  /** The cell of each kind this layout has, with what it holds in the baseline (checked below). */
  cells: Partial<Record<Kind, [string, ExcelJS.CellValue]>>;
  /** The indicator row the row kinds sit on (its name as shown). */
  row: string;
  /** The execution item's weight is also printed in a label (`预算执行情况（10分）`). */
  executionWeightInLabel?: boolean;
  /** The rule total and the filled total a reviewer computes by hand (corpus.ts; SAMPLE_DATA's 96.9). */
  baseline: { total: number; filled: number | null };
}

const corpus = (name: string) => {
  const entry = CORPUS.find((c) => c.name === name);
  if (!entry) throw new Error(`no corpus entry ${name}`);
  return () => entry.build();
};

/** The template (workbook.md): the bundled sample, the first indicator given a 自评得分 of full marks. */
function templateData(): InputData {
  const data = JSON.parse(JSON.stringify(SAMPLE_DATA)) as InputData;
  data.indicators[0].selfScore = 5;
  return data;
}

async function buildTemplate(): Promise<ExcelJS.Workbook> {
  const port = ExcelJsWorkbook.empty();
  await port.apply({ sheets: buildInputSheets("部门整体支出", templateData()), activate: INPUT_SHEETS[0] });
  return port.workbook;
}

/** A national form with no 总分 row, its filled total on the 项目名称 line (`自评得分 100`). */
function buildHeaderTotalForm(): Promise<ExcelJS.Workbook> {
  return Promise.resolve(
    buildFormWorkbook([
      {
        name: "Sheet1",
        forms: [
          {
            title: "项目支出绩效自评表",
            period: "（2023年度）",
            info: [
              [
                ["项目名称", "机关党建阵地维护项目"],
                ["自评得分", 100],
              ],
              ...projectInfo("", "市直机关党员活动中心").slice(1),
            ],
            fund: fundBlock({ initial: 40, budget: 40, spent: 40, weight: 10, score: 10 }, [["其中：当年财政拨款", 40, 40, 40]]),
            indicators: indicatorBlock(
              [
                { level1: "产出指标", level2: "数量指标", name: "维护党建阵地", target: "≥5个", actual: "5个", weight: 50, score: 50 },
                { level1: "效益指标", level2: "社会效益指标", name: "阵地使用率", target: "≥80%", actual: "86%", weight: 30, score: 30 },
                {
                  level1: "满意度指标",
                  level2: "服务对象满意度指标",
                  name: "党员满意度",
                  target: "≥90%",
                  actual: "95%",
                  weight: 10,
                  score: 10,
                },
              ],
              {},
              { total: null },
            ),
          },
        ],
      },
    ]),
  );
}

/** A corpus form whose 总分 row is cleared and whose filled total stands on the 项目名称 line. */
function headerTotal(
  entry: string,
  at: { infoRow: number; merged: string; label: string; value: string; total: number; totalRow: number },
): () => Promise<ExcelJS.Workbook> {
  return async () => {
    const wb = await corpus(entry)();
    const ws = wb.worksheets[0];
    ws.unMergeCells(at.merged);
    ws.getCell(at.label).value = at.label.startsWith("G") ? "自评总分" : "自评得分";
    ws.getCell(at.value).value = at.total;
    ws.getRow(at.totalRow).eachCell((c) => (c.value = null));
    return wb;
  };
}

const LAYOUTS: Layout[] = [
  {
    // workbook.md: 预算执行 row 3 = 人员经费; 绩效指标 row 3 = the first indicator (≥190项, 分值 5).
    name: "template",
    path: "template",
    build: buildTemplate,
    sheetOf: (k) => (AMOUNTS.includes(k) ? SHEET.budget : SHEET.indicators),
    cells: {
      年初预算数: ["C3", 2900],
      全年预算数: ["D3", 2981.52],
      全年执行数: ["E3", 2981.52],
      分值: ["I3", 5],
      得分: ["L3", 5],
      年度指标值: ["F3", 190],
      实际完成值: ["H3", 190],
    },
    row: "组织各单位开展党建课题调研",
    baseline: { total: 96.9, filled: null },
  },
  {
    // corpus national-form: fund total row 6, 上年结转资金 row 8, indicator row 13, 总分 row 23.
    name: "national 项目支出 form",
    path: "form",
    build: corpus("national-form"),
    sheetOf: () => "Sheet1",
    cells: {
      年初预算数: ["D6", 120],
      全年预算数: ["E6", 118.5],
      全年执行数: ["F6", 117.32],
      来源行金额: ["E8", null],
      执行分值: ["G6", 10],
      执行率: ["H6", 0.99],
      执行得分: ["I6", 9.9],
      年度指标值: ["E13", "≥10期"],
      实际完成值: ["F13", "10期"],
      分值: ["G13", 10],
      得分: ["H13", 10],
      总分分值: ["G23", 100],
      总分得分: ["H23", 96.48],
    },
    row: "举办培训班期数",
    baseline: { total: 96.48, filled: 96.48 },
  },
  {
    // corpus gongkai14-two-row-header: 权重 before 性质 | 指标值 | 度量单位, 完成值; indicator row 14, 总分 20.
    name: "公开14表 two-row header",
    path: "form",
    build: corpus("gongkai14-two-row-header"),
    sheetOf: () => "公开14表",
    cells: {
      年初预算数: ["D6", 80],
      全年预算数: ["E6", 80],
      全年执行数: ["F6", 76.5],
      来源行金额: ["E8", null],
      执行分值: ["G6", 10],
      执行率: ["H6", 0.95625],
      执行得分: ["I6", 9.56],
      分值: ["E14", 20],
      年度指标值: ["G14", 190],
      实际完成值: ["I14", 190],
      得分: ["J14", 20],
      总分分值: ["E20", 100],
      总分得分: ["J20", 97.56],
    },
    row: "组织开展党建课题调研",
    baseline: { total: 96.73, filled: 97.56 },
  },
  {
    // corpus sichuan-weights-in-block-labels: 预算执行情况（10分）, 权重 | 得分, 其他资金 row 8, 合计 row 17.
    name: "四川 layout with weights in block labels",
    path: "form",
    build: corpus("sichuan-weights-in-block-labels"),
    sheetOf: () => "510000_0013zp",
    cells: {
      年初预算数: ["D5", 238.93],
      全年预算数: ["E5", 251.89],
      全年执行数: ["F5", 251.89],
      来源行金额: ["E8", null],
      执行率: ["G5", "100.00%"],
      执行分值: ["H5", 10],
      执行得分: ["I5", 10],
      年度指标值: ["F16", 90],
      实际完成值: ["H16", 95],
      分值: ["I16", 10],
      得分: ["J16", 10],
      总分分值: ["I17", 100],
      总分得分: ["J17", 98.8],
    },
    row: "党员满意度",
    executionWeightInLabel: true,
    baseline: { total: 98.8, filled: 98.8 },
  },
  {
    // corpus dept-weights-in-labels: 部门整体, no 分值 columns, weights in 一级 labels; total row 5, row 11, 总分 14.
    name: "部门整体 form with weights in labels",
    path: "form",
    build: corpus("dept-weights-in-labels"),
    sheetOf: () => "整体支出",
    cells: {
      全年预算数: ["D5", 3970.64],
      全年执行数: ["E5", 3970.64],
      执行率: ["F5", 1],
      执行得分: ["G5", 20],
      年度指标值: ["E11", "≥190项"],
      实际完成值: ["F11", "190项"],
      得分: ["G11", 40],
      总分得分: ["G14", 100],
    },
    row: "开展党建课题调研",
    baseline: { total: 100, filled: 100 },
  },
  {
    // 10 + 50 + 30 + 10 = 100, the header line's 自评得分 100.
    name: "national form with its total on the header line",
    path: "form",
    build: buildHeaderTotalForm,
    sheetOf: () => "Sheet1",
    cells: { 表头自评得分: ["F3", 100] },
    row: "维护党建阵地",
    baseline: { total: 100, filled: 100 },
  },
  // forms.md "Header lines carrying results": three corpus forms with their 总分 row taken away and
  // the filled total written beside 项目名称 instead.
  {
    name: "national form, 自评总分 beside 项目名称",
    path: "form",
    build: headerTotal("national-form", { infoRow: 3, merged: "B3:I3", label: "G3", value: "H3", total: 96.48, totalRow: 23 }),
    sheetOf: () => "Sheet1",
    cells: { 表头自评得分: ["H3", 96.48] },
    row: "举办培训班期数",
    baseline: { total: 96.48, filled: 96.48 },
  },
  {
    name: "公开14表, 自评得分 beside 项目名称",
    path: "form",
    build: headerTotal("gongkai14-two-row-header", { infoRow: 3, merged: "B3:K3", label: "I3", value: "J3", total: 97.56, totalRow: 20 }),
    sheetOf: () => "公开14表",
    cells: { 表头自评得分: ["J3", 97.56] },
    row: "组织开展党建课题调研",
    baseline: { total: 96.73, filled: 97.56 },
  },
  {
    name: "四川 layout, 自评得分 beside 项目名称",
    path: "form",
    build: headerTotal("sichuan-weights-in-block-labels", {
      infoRow: 2,
      merged: "B2:K2",
      label: "I2",
      value: "J2",
      total: 98.8,
      totalRow: 17,
    }),
    sheetOf: () => "510000_0013zp",
    cells: { 表头自评得分: ["J2", 98.8] },
    row: "党员满意度",
    executionWeightInLabel: true,
    baseline: { total: 98.8, filled: 98.8 },
  },
];

// ── Outcomes ───────────────────────────────────────────────────────────────────────────────────

interface Problem {
  cell: string;
  message: string;
}

interface Outcome {
  refused: boolean;
  errors: Problem[];
  warnings: Problem[];
  figures?: Figures;
  /** 评分结果 exists after the run. */
  wrote: boolean;
}

interface Item {
  name: string;
  method: string;
  weight: number;
  score: number;
  filled: number | null;
}

interface Figures {
  budget: number;
  spent: number;
  rate: number | null;
  total: number;
  max: number;
  filled: number | null;
  items: Item[];
}

/** `'Sheet 1'!$A$1` → `Sheet 1!A1`. */
const plainCell = (cell: string) => cell.replace(/^'(.*)'!/, "$1!").replace(/\$/g, "");
const problem = (p: { cell: string; message: string }): Problem => ({ cell: plainCell(p.cell), message: p.message });

function figuresOf(s: Summary): Figures {
  const form = s.forms?.[0];
  const f = form ?? s;
  return {
    budget: f.budget.total,
    spent: f.spent.total,
    rate: f.executionRate.total,
    // Null (a form read but not scored) fails the checks below that want numbers.
    total: f.score.total as number,
    max: f.score.max as number,
    filled: form ? form.score.filled : null,
    items: f.indicators.map((i) => ({
      name: i.name,
      method: i.method,
      weight: i.weight as number,
      score: i.score as number,
      filled: i.filledScore ?? null,
    })),
  };
}

async function run(wb: ExcelJS.Workbook): Promise<Outcome> {
  const port = new ExcelJsWorkbook(wb);
  const wrote = () => wb.getWorksheet(SHEET.scores) !== undefined;
  try {
    const { summary } = await runCommand(port, "score");
    const errors = (summary.errors ?? []).map(problem);
    // One form per workbook here: a form reported unreadable in the summary is a refusal too.
    const refused = errors.length > 0 && (summary.forms?.length ?? 1) === 0;
    return { refused, errors, warnings: summary.warnings.map(problem), figures: refused ? undefined : figuresOf(summary), wrote: wrote() };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { refused: true, errors: e.issues.map(problem), warnings: [], wrote: wrote() };
  }
}

const outcomes = new Map<string, Promise<Outcome>>();

/** The outcome of one layout with one cell changed (cached: the parity and as-blank checks reuse it). */
function outcomeOf(layout: Layout, kind: Kind | null, cls: ValueClass | null): Promise<Outcome> {
  const key = `${layout.name}|${kind}|${cls?.name}`;
  let o = outcomes.get(key);
  if (!o) {
    o = (async () => {
      const wb = await layout.build();
      if (kind && cls) {
        const [address, base] = layout.cells[kind]!;
        const cell = wb.getWorksheet(layout.sheetOf(kind))!.getCell(address);
        expect({ address, base: cell.value }).toEqual({ address, base });
        cls.put(cell, base);
      }
      return run(wb);
    })();
    outcomes.set(key, o);
  }
  return o;
}

// ── The expected outcome of each combination ──────────────────────────────────────────────────

/** How the figures differ from the baseline's. */
type Change =
  | { type: "none" }
  | { type: "rowFilled"; value: number | null }
  | { type: "executionFilled"; value: number | null }
  | { type: "totalFilled"; value: number | null }
  /** The row's 得分 stands as 直接评分: nothing to verify it against (forms.md). */
  | { type: "rowDirect" }
  /** `无` as the actual of a ≥ target is 0 (forms.md "Year-only deadlines … `无` as the actual"). */
  | { type: "rowZero" };

type Expectation =
  | { outcome: "refused" }
  | { outcome: "flagged"; change: Change }
  | { outcome: "read"; change: Change }
  /** Flagged or refused at the cell: the path's policy decides (issue 16: "a policy passed in"). */
  | { outcome: "named" }
  | { outcome: "asBlank" };

const refused: Expectation = { outcome: "refused" };
const flagged = (change: Change = { type: "none" }): Expectation => ({ outcome: "flagged", change });
const read = (change: Change = { type: "none" }): Expectation => ({ outcome: "read", change });

function expectation(layout: Layout, kind: Kind, cls: ValueClass): Expectation | null {
  const template = layout.path === "template";
  switch (cls.group) {
    // numbers.md: error values, formulas without a result, formulas into a missing sheet, another
    // workbook, #REF! or a cycle, dates where a number belongs, TRUE/FALSE, NaN, ±∞ and out-of-range
    // numbers — refused at the cell, on both paths
    // (forms.md "Hostile cells": "exactly the treatment … a template cell" gets).
    // DECISION: this holds for the form-only cells too (执行率, 总分, the header line's total): the
    // template refuses a hostile value in every number cell it reads, optional ones included
    // (年初预算数, 自评得分), so the form does the same for the cells it reads to check.
    case "invalid":
    // numbers.md: text that is not one number in the accepted forms is refused where a number is read.
    // DECISION: in 年度指标值 and 实际完成值 of a row whose other value is a number (`≥10期` / `10期`)
    // the row is quantitative, its method needs a number, so `1e3` is an error at its own cell
    // (numbers.md: "under a 评分方法 that needs a number it is an error"), never read as 定性.
    // eslint-disable-next-line no-fallthrough
    case "text":
      return refused;
    case "negative":
      // workbook.md: amounts ≥ 0; numbers.md: a 分值 is above 0 (the 总分's 分值 is a 分值 too);
      // the template refuses a target that is not positive and a negative actual.
      if (AMOUNTS.includes(kind) || WEIGHTS.includes(kind) || kind === "年度指标值" || kind === "实际完成值") return refused;
      // docs/forms.md checks: a 得分 below 0 is a warning at the 得分 (it is the department's figure,
      // shown beside the rule's). On the template a 自评得分 is refused or flagged by its policy.
      if (template) return { outcome: "named" };
      if (kind === "得分") return flagged({ type: "rowFilled", value: -5 });
      if (kind === "执行得分") return flagged({ type: "executionFilled", value: -5 });
      if (kind === "总分得分" || kind === "表头自评得分") return flagged({ type: "totalFilled", value: -5 });
      // DECISION: a filled 执行率 is checked, never used (docs/forms.md): a negative one is the
      // check's warning at its cell; the rate is computed from the amounts as before.
      return flagged();
    case "placeholder":
      // forms.md: `无` as the actual of a ≥ target is 0 (not met). A rule about a cell holds on both paths.
      if (kind === "实际完成值" && cls.name.endsWith(" 无")) return read({ type: "rowZero" });
      // Placeholders are named for amount, 分值, 执行率 and 得分 cells; a target has none.
      if (kind === "年度指标值") return null;
      return { outcome: "asBlank" };
    case "emptyText":
      // The port drops empty strings and readNumber trims: an empty or all-space text is an empty cell.
      return { outcome: "asBlank" };
    case "blank":
      return blankExpectation(layout, kind);
  }
}

/** What an empty cell of each kind gives. */
function blankExpectation(layout: Layout, kind: Kind): Expectation {
  const template = layout.path === "template";
  switch (kind) {
    case "年初预算数":
    case "来源行金额":
    case "执行率":
    case "总分分值":
      // Optional or checked-only cells: empty is nothing (forms.md: 执行率 "may be blank (it is computed anyway)").
      return read();
    case "全年预算数":
    case "全年执行数":
      // workbook.md: required. DECISION: on a form the total row's 全年预算数 / 全年执行数 left empty
      // leaves no execution rate to compute, so the form is refused at that cell as the template is.
      return refused;
    case "执行分值":
      // docs/forms.md: no 分值 → a number in a label, else 10 for 项目支出 with a warning.
      // DECISION: the warning names the empty 分值 cell of the total row.
      return layout.executionWeightInLabel ? read() : flagged();
    case "执行得分":
      return read({ type: "executionFilled", value: null });
    case "得分":
      // A quantitative row needs no 得分; the template's 自评得分 is not used on it either.
      return template ? read() : read({ type: "rowFilled", value: null });
    case "总分得分":
    case "表头自评得分":
      // docs/forms.md: the 总分 row's 得分 is the filled total, null where blank.
      return read({ type: "totalFilled", value: null });
    case "分值":
    case "年度指标值":
    case "实际完成值":
      // workbook.md: required on the template (every row is an indicator). DECISION: on a form a row
      // with its 分值, target or actual empty is read on (issue 16: a reviewer reads on), flagged at the
      // empty cell, and its filled 得分 stands as 直接评分 — forms.md's rule for rows with nothing to
      // verify the 得分 against (no 分值 of their own; neither target nor actual). Never 定性 with full marks.
      return template ? refused : flagged({ type: "rowDirect" });
    default:
      throw new Error(kind);
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const isExecution = (i: Item) => i.method === "执行率" && i.name === "预算执行率";

function applyChange(base: Figures, change: Change, row: string): Figures {
  const f: Figures = { ...base, items: base.items.map((i) => ({ ...i })) };
  const item = f.items.find((i) => i.name === row);
  switch (change.type) {
    case "none":
      break;
    case "rowFilled":
      item!.filled = change.value;
      break;
    case "executionFilled":
      f.items.find(isExecution)!.filled = change.value;
      break;
    case "totalFilled":
      f.filled = change.value;
      break;
    case "rowDirect":
      item!.method = "直接评分";
      item!.score = item!.filled ?? item!.score;
      break;
    case "rowZero":
      f.total = round2(f.total - item!.score);
      item!.score = 0;
      break;
  }
  return f;
}

// ── The cases ──────────────────────────────────────────────────────────────────────────────────

interface Case {
  title: string;
  layout: Layout;
  kind: Kind;
  cls: ValueClass;
  expected: Expectation;
}

const describeExpectation = (e: Expectation) => (e.outcome === "asBlank" ? "as an empty cell" : e.outcome);

const CASES: Case[] = LAYOUTS.flatMap((layout) =>
  (Object.keys(layout.cells) as Kind[]).flatMap((kind) =>
    CLASSES.flatMap((cls) => {
      const expected = expectation(layout, kind, cls);
      if (!expected) return [];
      const [address] = layout.cells[kind]!;
      const title = `${layout.name} · ${kind} (${layout.sheetOf(kind)}!${address}) ← ${cls.name}: ${describeExpectation(expected)}`;
      return [{ title, layout, kind, cls, expected }];
    }),
  ),
);

const at = (problems: Problem[], cell: string) => problems.filter((p) => p.cell === cell);
const cellOf = (layout: Layout, kind: Kind) => `${layout.sheetOf(kind)}!${layout.cells[kind]![0]}`;
const show = (o: Outcome) =>
  [...o.errors.map((p) => `error ${p.cell}: ${p.message}`), ...o.warnings.map((p) => `warning ${p.cell}: ${p.message}`)].join("\n");

/** What two outcomes share when one is "the same as the other": problems' cells and figures. */
const signature = (o: Outcome) => ({
  refused: o.refused,
  errors: [...new Set(o.errors.map((p) => p.cell))].sort(),
  warnings: [...new Set(o.warnings.map((p) => p.cell))].sort(),
  figures: o.figures,
});

describe("the baselines read cleanly", () => {
  test.each(LAYOUTS.map((l) => [l.name, l] as const))("%s", async (_name, layout) => {
    const o = await outcomeOf(layout, null, null);
    if (o.refused) throw new Error(`baseline refused:\n${show(o)}`);
    expect(o.errors).toEqual([]);
    expect(o.figures!.items.some((i) => i.name === layout.row)).toBe(true);
    expect({ total: o.figures!.total, filled: o.figures!.filled }).toEqual(layout.baseline);
  });
});

describe("hostile matrix", () => {
  test.each(CASES.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
    const cell = cellOf(c.layout, c.kind);
    const o = await outcomeOf(c.layout, c.kind, c.cls);
    const where = `${c.title}\n${show(o)}`;
    switch (c.expected.outcome) {
      case "refused":
        expect({ where, refused: o.refused, namesTheCell: at(o.errors, cell).length > 0, wrote: o.wrote }).toEqual({
          where,
          refused: true,
          namesTheCell: true,
          wrote: false,
        });
        return;
      case "named":
        expect({ where, named: at([...o.errors, ...o.warnings], cell).length > 0 }).toEqual({ where, named: true });
        if (o.refused) expect(o.wrote).toBe(false);
        return;
      case "asBlank": {
        const blank = await outcomeOf(c.layout, c.kind, BLANK);
        expect({ where, ...signature(o) }).toEqual({ where, ...signature(blank) });
        return;
      }
      case "flagged":
      case "read": {
        const base = await outcomeOf(c.layout, null, null);
        expect({ where, refused: o.refused, errors: o.errors }).toEqual({ where, refused: false, errors: [] });
        const warned = at(o.warnings, cell).length > 0;
        if (c.expected.outcome === "flagged") expect({ where, warned }).toEqual({ where, warned: true });
        else if (c.expected.change.type !== "rowZero") expect({ where, warned }).toEqual({ where, warned: false });
        // No figure changed silently: everything is the baseline's but the documented change.
        expect({ where, figures: o.figures }).toEqual({ where, figures: applyChange(base.figures!, c.expected.change, c.layout.row) });
        // Never a weight of 0, never a total turned null.
        expect(o.figures!.items.filter((i) => !(i.weight > 0))).toEqual([]);
        expect(typeof o.figures!.total).toBe("number");
        return;
      }
    }
  });
});

// ── One rule, both paths ───────────────────────────────────────────────────────────────────────

const TEMPLATE = LAYOUTS.find((l) => l.path === "template")!;
const NATIONAL = LAYOUTS.find((l) => l.name.startsWith("national 项目支出"))!;
const SHARED_KINDS = (Object.keys(TEMPLATE.cells) as Kind[]).filter((k) => NATIONAL.cells[k]);

type Verdict = "refused" | "flagged" | "read" | "refused elsewhere";

function verdict(o: Outcome, cell: string): Verdict {
  if (o.refused) return at(o.errors, cell).length > 0 ? "refused" : "refused elsewhere";
  return at(o.warnings, cell).length > 0 ? "flagged" : "read";
}

/**
 * Where the paths' policies differ by design (issue 16: "errors vs warnings … is a policy passed in"):
 * an empty 分值 / target / actual (the template requires them, a form reads on) and a negative 得分
 * (a check: a form warns). There both paths must name the cell; everywhere else the verdicts match.
 */
function policyDiffers(kind: Kind, cls: ValueClass): boolean {
  // `无` is an empty cell everywhere but in 实际完成值, where it is 0.
  const zero = kind === "实际完成值" && cls.name.endsWith(" 无");
  const emptyish = cls.group === "blank" || cls.group === "emptyText" || (cls.group === "placeholder" && !zero);
  return (emptyish && ["分值", "年度指标值", "实际完成值"].includes(kind)) || (cls.group === "negative" && kind === "得分");
}

const PARITY = SHARED_KINDS.flatMap((kind) =>
  CLASSES.filter((cls) => expectation(TEMPLATE, kind, cls) && expectation(NATIONAL, kind, cls)).map(
    (cls) => [`${kind} ← ${cls.name}`, kind, cls] as const,
  ),
);

describe("the same cell rule gives the same outcome on the template and on a form", () => {
  test.each(PARITY)("%s", async (_title, kind, cls) => {
    const t = verdict(await outcomeOf(TEMPLATE, kind, cls), cellOf(TEMPLATE, kind));
    const f = verdict(await outcomeOf(NATIONAL, kind, cls), cellOf(NATIONAL, kind));
    if (policyDiffers(kind, cls)) {
      expect({ template: ["refused", "flagged"].includes(t), form: ["refused", "flagged"].includes(f) }).toEqual({
        template: true,
        form: true,
      });
    } else expect({ template: t }).toEqual({ template: f });
  });
});

test("the matrix is the whole product: every kind × every class on ≥ 3 form layouts and the template", () => {
  const kinds = new Set(CASES.map((c) => c.kind));
  expect(kinds.size).toBe(14);
  for (const kind of kinds) {
    const layouts = new Set(CASES.filter((c) => c.kind === kind).map((c) => c.layout.name));
    const forms = LAYOUTS.filter((l) => l.path === "form" && layouts.has(l.name)).length;
    expect({ kind, forms: forms >= 3 }).toEqual({ kind, forms: true });
  }
  expect(new Set(CASES.map((c) => c.cls.name)).size).toBe(CLASSES.length);
  expect(CASES.length).toBeGreaterThan(300);
});

// ── Through the CLI, once per form layout ──────────────────────────────────────────────────────

describe("the CLI refuses a hostile amount at its cell: exit 2, `<sheet>!<cell>: …` on stderr, nothing written", () => {
  const dir = tempDir("hostile-matrix");
  const ERROR = CLASSES.find((c) => c.name === "error value #DIV/0!")!;
  const layouts = LAYOUTS.filter((l) => l.path === "form" && l.cells.全年执行数);
  test.each(layouts.map((l) => [`${l.name} · 全年执行数 ← ${ERROR.name}`, l] as const))("%s", async (_title, layout) => {
    const wb = await layout.build();
    const [address, base] = layout.cells.全年执行数!;
    ERROR.put(wb.getWorksheet(layout.sheetOf("全年执行数"))!.getCell(address), base);
    const input = path.join(dir, `${layout.sheetOf("全年执行数")}.xlsx`);
    const output = input.replace(/\.xlsx$/, "-out.xlsx");
    await wb.xlsx.writeFile(input);
    const before = fs.readFileSync(input);
    const run = await cli("score", input, "-o", output, "--json", "-");
    const cell = cellOf(layout, "全年执行数");
    const lines = run.stderr.split("\n").filter(Boolean);
    expect({ code: run.code, written: fs.existsSync(output), named: lines.some((l) => plainCell(l).startsWith(`${cell}: `)) }).toEqual({
      code: 2,
      written: false,
      named: true,
    });
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });
});
