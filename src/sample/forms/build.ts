/**
 * A small declarative builder for official 绩效自评表 workbooks (../shared/spec/forms.md "The forms"):
 * the USER's sheets as departments fill them, written with exceljs directly — not Jixiao's template.
 *
 * A form is laid out top to bottom: title, period, info lines, the fund block, 年度总体目标, the
 * indicator block with its 总分 row, 其他需要说明事项, footer lines. Every block shares one column
 * grid: the first column holds the merged block labels (项目资金（万元）, 年度总体目标, 绩效指标).
 */
import ExcelJS from "exceljs";

/** A percent-formatted number: the cell holds the fraction, the format shows `99.00%`. */
export interface Pct {
  pct: number;
  fmt?: string;
}
export type CellInput = string | number | null | undefined | Pct;

export const pct = (fraction: number, fmt = "0.00%"): Pct => ({ pct: fraction, fmt });

export type FundKey = "initial" | "budget" | "spent" | "weight" | "rate" | "score";
export type IndicatorKey =
  | "level1"
  | "level2"
  | "name"
  | "target"
  | "actual"
  | "weight"
  | "score"
  | "deviation"
  /** A reviewer's second score column (复核得分 / 复核分 / 财政审核评分). */
  | "review"
  /** A 得分计算方法 column: text only. */
  | "formula";

const FUND_HEADERS: Record<FundKey, string> = {
  initial: "年初预算数",
  budget: "全年预算数",
  spent: "全年执行数",
  weight: "分值",
  rate: "执行率",
  score: "得分",
};

const INDICATOR_HEADERS: Record<IndicatorKey, string> = {
  level1: "一级指标",
  level2: "二级指标",
  name: "三级指标",
  target: "年度指标值",
  actual: "实际完成值",
  weight: "分值",
  score: "得分",
  deviation: "偏差原因分析及改进措施",
  review: "复核得分",
  formula: "得分计算方法",
};

/** The national form's columns: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因. */
const NATIONAL_INDICATOR_COLUMNS: IndicatorKey[] = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"];
export const NATIONAL_FUND_COLUMNS: FundKey[] = ["initial", "budget", "spent", "weight", "rate", "score"];

/** A key, or a key with the header text this form uses for it. */
export type Column<K extends string> = K | [K, string];

export interface FundRow {
  label: string;
  values?: Partial<Record<FundKey, CellInput>>;
}

export interface FundBlock {
  /** The block label merged down the header and the rows (项目资金（万元）); null: no label column text. */
  label: string | null;
  /** Text over the row labels in the header row (`年度预算数（万元）`), blank by default. */
  rowHeader?: string;
  columns: Column<FundKey>[];
  /** The first row is the total row (年度资金总额); the others get `—` under 分值/执行率/得分 unless given. */
  rows: FundRow[];
}

export interface IndicatorRow {
  level1?: string;
  level2?: string;
  name?: string;
  /** The target as one cell (`≥10期`), or, under a two-row header, its 指标性质 / 指标值 / 度量单位. */
  target?: CellInput;
  nature?: string;
  value?: CellInput;
  unit?: string;
  actual?: CellInput;
  weight?: CellInput;
  score?: CellInput;
  deviation?: string;
  review?: CellInput;
  formula?: string;
}

export interface IndicatorBlock {
  /** The block label merged down from the header (绩效指标); null: the block has no label column. */
  label?: string | null;
  columns: Column<IndicatorKey>[];
  /** 一级/二级 merged down their group ("merged", the default) or given only on the group's first row. */
  group?: "merged" | "first";
  /** 年度指标值 split into 指标性质 | 指标值 | 度量单位 on a second header row, under the merged target header. */
  twoRow?: { nature?: string; value?: string; unit?: string };
  /** Rows; a row without level1/level2 continues the group above. */
  rows: IndicatorRow[];
  /** The 总分 row; null: none. */
  total?: { label?: string; weight?: CellInput; score?: CellInput; review?: CellInput } | null;
}

/** An info line: one text across the form (`单位：元`), or label/value pairs (项目名称 | …). */
export type InfoLine = string | Array<[string, CellInput]>;

export interface FormSpec {
  title: string | null;
  /** `（2023年度）`; null when the title says the year. */
  period?: string | null;
  info?: InfoLine[];
  fund?: FundBlock | null;
  goals?: { label?: string; expected: string; actual: string } | null;
  indicators: IndicatorBlock;
  /** Further indicator blocks, each with its own label and header, written after the first. */
  blocks?: IndicatorBlock[];
  /** The 其他需要说明事项 row's text. */
  notes?: string | null;
  /** Footer lines: one text, or two texts side by side (填报日期 | 联系人). */
  footer?: Array<string | [string, string]>;
}

export interface SheetSpec {
  name: string;
  /** One form, or several stacked with `gap` blank rows between them. */
  forms: FormSpec[];
  gap?: number;
  /** Rows left blank above the first form. */
  top?: number;
  /** Plain lines written in column A above the forms (a 填表说明 sheet has only these). */
  text?: string[];
}

const columnKey = <K extends string>(c: Column<K>): K => (Array.isArray(c) ? c[0] : c);
const columnHeader = <K extends string>(c: Column<K>, defaults: Record<K, string>): string => (Array.isArray(c) ? c[1] : defaults[c]);

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

class SheetWriter {
  row: number;
  constructor(
    readonly ws: ExcelJS.Worksheet,
    start: number,
  ) {
    this.row = start;
  }

  put(row: number, col: number, v: CellInput, border = true): void {
    const cell = this.ws.getCell(row, col);
    if (v !== undefined && v !== null) {
      if (typeof v === "object") {
        cell.value = v.pct;
        cell.numFmt = v.fmt ?? "0.00%";
      } else cell.value = v;
    }
    if (border) cell.border = THIN;
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r2 > r1 || c2 > c1) this.ws.mergeCells(r1, c1, r2, c2);
  }
}

/** Columns of the indicator block, the label column included (1-based positions). */
function indicatorLayout(block: IndicatorBlock): { width: number; pos: Map<IndicatorKey, number> } {
  const pos = new Map<IndicatorKey, number>();
  let col = block.label === null ? 1 : 2;
  for (const c of block.columns) {
    const key = columnKey(c);
    pos.set(key, col);
    col += key === "target" && block.twoRow ? 3 : 1;
  }
  return { width: col - 1, pos };
}

function fundWidth(fund: FundBlock): number {
  return 3 + fund.columns.length;
}

function formWidth(form: FormSpec): number {
  const blocks = [form.indicators, ...(form.blocks ?? [])];
  return Math.max(...blocks.map((b) => indicatorLayout(b).width), form.fund ? fundWidth(form.fund) : 0, 4);
}

function writeForm(w: SheetWriter, form: FormSpec): void {
  const width = formWidth(form);
  const half = Math.floor(width / 2);
  const line = (text: string, border = false) => {
    w.put(w.row, 1, text, border);
    w.merge(w.row, 1, w.row, width);
    w.row++;
  };
  if (form.title !== null) {
    line(form.title);
    w.ws.getCell(w.row - 1, 1).font = { bold: true, size: 14 };
    w.ws.getCell(w.row - 1, 1).alignment = { horizontal: "center" };
  }
  if (form.period) {
    line(form.period);
    w.ws.getCell(w.row - 1, 1).alignment = { horizontal: "center" };
  }
  for (const info of form.info ?? []) {
    if (typeof info === "string") {
      line(info);
      continue;
    }
    // One pair: label | value across; two pairs: label | value | label | value, halves of the width.
    const spans: Array<[number, number]> =
      info.length === 1
        ? [[1, width]]
        : [
            [1, half],
            [half + 1, width],
          ];
    info.forEach(([label, value], i) => {
      const [from, to] = spans[i];
      w.put(w.row, from, label);
      w.put(w.row, from + 1, value);
      w.merge(w.row, from + 1, w.row, to);
    });
    w.row++;
  }
  if (form.fund) writeFund(w, form.fund);
  if (form.goals) {
    const g = form.goals;
    w.put(w.row, 1, g.label ?? "年度总体目标");
    w.merge(w.row, 1, w.row + 1, 1);
    const split = Math.max(2, half);
    w.put(w.row, 2, "预期目标");
    w.merge(w.row, 2, w.row, split);
    w.put(w.row, split + 1, "实际完成情况");
    w.merge(w.row, split + 1, w.row, width);
    w.put(w.row + 1, 2, g.expected);
    w.merge(w.row + 1, 2, w.row + 1, split);
    w.put(w.row + 1, split + 1, g.actual);
    w.merge(w.row + 1, split + 1, w.row + 1, width);
    w.row += 2;
  }
  writeIndicators(w, form.indicators);
  for (const block of form.blocks ?? []) writeIndicators(w, block);
  if (form.notes !== undefined && form.notes !== null) {
    w.put(w.row, 1, "其他需要说明事项");
    w.put(w.row, 2, form.notes);
    w.merge(w.row, 2, w.row, width);
    w.row++;
  }
  for (const f of form.footer ?? []) {
    if (typeof f === "string") w.put(w.row, 1, f, false);
    else {
      w.put(w.row, 1, f[0], false);
      w.put(w.row, half + 1, f[1], false);
    }
    w.row++;
  }
}

function writeFund(w: SheetWriter, fund: FundBlock): void {
  const top = w.row;
  const bottom = top + fund.rows.length;
  w.put(top, 1, fund.label);
  w.merge(top, 1, bottom, 1);
  w.put(top, 2, fund.rowHeader ?? null);
  w.merge(top, 2, top, 3);
  fund.columns.forEach((c, i) => w.put(top, 4 + i, columnHeader(c, FUND_HEADERS)));
  fund.rows.forEach((r, i) => {
    const row = top + 1 + i;
    w.put(row, 2, r.label);
    w.merge(row, 2, row, 3);
    fund.columns.forEach((c, j) => {
      const key = columnKey(c);
      const given = r.values && key in r.values;
      const dash = i > 0 && (key === "weight" || key === "rate" || key === "score");
      w.put(row, 4 + j, r.values && given ? r.values[key] : dash ? "—" : null);
    });
  });
  w.row = bottom + 1;
}

function writeIndicators(w: SheetWriter, block: IndicatorBlock): void {
  const { pos } = indicatorLayout(block);
  const header = w.row;
  const headerRows = block.twoRow ? 2 : 1;
  const first = header + headerRows;
  const last = first + block.rows.length - 1;
  if (block.label !== null) {
    w.put(header, 1, block.label ?? "绩效指标");
    w.merge(header, 1, last, 1);
  }
  for (const c of block.columns) {
    const key = columnKey(c);
    const col = pos.get(key);
    if (col === undefined) continue;
    w.put(header, col, columnHeader(c, INDICATOR_HEADERS));
    if (key === "target" && block.twoRow) {
      w.merge(header, col, header, col + 2);
      w.put(header + 1, col, block.twoRow.nature ?? "指标性质");
      w.put(header + 1, col + 1, block.twoRow.value ?? "指标值");
      w.put(header + 1, col + 2, block.twoRow.unit ?? "度量单位");
    } else if (headerRows === 2) w.merge(header, col, header + 1, col);
  }
  const merged = (block.group ?? "merged") === "merged";
  const runs: Record<"level1" | "level2", number | null> = { level1: null, level2: null };
  const closeRun = (key: "level1" | "level2", end: number) => {
    const start = runs[key];
    const col = pos.get(key);
    if (start !== null && merged && col !== undefined) w.merge(start, col, end, col);
    runs[key] = null;
  };
  block.rows.forEach((r, i) => {
    const row = first + i;
    if (r.level1 !== undefined) {
      closeRun("level2", row - 1);
      closeRun("level1", row - 1);
      runs.level1 = row;
    }
    if (r.level2 !== undefined) {
      closeRun("level2", row - 1);
      runs.level2 = row;
    }
    const values: Record<IndicatorKey, CellInput> = {
      level1: r.level1,
      level2: r.level2,
      name: r.name,
      target: r.target,
      actual: r.actual,
      weight: r.weight,
      score: r.score,
      deviation: r.deviation,
      review: r.review,
      formula: r.formula,
    };
    for (const [key, col] of pos) {
      if (key === "target" && block.twoRow) {
        w.put(row, col, r.nature);
        w.put(row, col + 1, r.value);
        w.put(row, col + 2, r.unit);
      } else w.put(row, col, values[key]);
    }
  });
  const end = first + block.rows.length - 1;
  closeRun("level2", end);
  closeRun("level1", end);
  w.row = end + 1;
  if (block.total) {
    const t = block.total;
    w.put(w.row, 1, t.label ?? "总分");
    const totals: Partial<Record<IndicatorKey, CellInput>> = { weight: t.weight, score: t.score, review: t.review };
    for (const [key, col] of pos) w.put(w.row, col, totals[key] ?? null);
    w.row++;
  }
}

/** Builds the workbook: one worksheet per SheetSpec, its forms stacked top to bottom. */
export function buildFormWorkbook(sheets: SheetSpec[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    (s.text ?? []).forEach((line, i) => (ws.getCell(i + 1, 1).value = line));
    const w = new SheetWriter(ws, 1 + (s.text?.length ?? 0) + (s.top ?? 0));
    s.forms.forEach((form, i) => {
      if (i > 0) w.row += s.gap ?? 2;
      writeForm(w, form);
    });
    (ws.columns ?? []).forEach((col, i) => (col.width = i === 0 ? 16 : 14));
  }
  return wb;
}

// National-form helpers -------------------------------------------------------------------------

/** The 年度资金总额 row and its source rows (当年财政拨款, 上年结转资金, 其他资金). */
export function fundBlock(
  total: Partial<Record<FundKey, CellInput>>,
  sources: Array<[string, CellInput?, CellInput?, CellInput?]> = [],
  options: { label?: string | null; columns?: Column<FundKey>[]; totalLabel?: string } = {},
): FundBlock {
  const names = ["其中：当年财政拨款", "上年结转资金", "其他资金"];
  const rows = names.map((n) => sources.find((s) => s[0] === n) ?? [n]);
  return {
    label: options.label === undefined ? "项目资金（万元）" : options.label,
    columns: options.columns ?? NATIONAL_FUND_COLUMNS,
    rows: [
      { label: options.totalLabel ?? "年度资金总额", values: total },
      ...rows.map(([label, initial, budget, spent]) => ({ label, values: { initial, budget, spent } })),
    ],
  };
}

export function indicatorBlock(
  rows: IndicatorRow[],
  total: NonNullable<IndicatorBlock["total"]>,
  over: Partial<IndicatorBlock> = {},
): IndicatorBlock {
  return { label: "绩效指标", columns: NATIONAL_INDICATOR_COLUMNS, rows, total, ...over };
}

export function projectInfo(project: string, unit: string, dept = "中共广州市直属机关工作委员会"): InfoLine[] {
  return [
    [["项目名称", project]],
    [
      ["主管部门", dept],
      ["实施单位", unit],
    ],
  ];
}
