/**
 * Finding official 自评表 forms on a sheet (docs/forms.md "Finding a form"): each form is anchored
 * on its indicator header row; its title area and fund block lie above it, its rows below it down
 * to the 总分 row. Several forms may be stacked on one sheet.
 */
import { type Grid, headerKey } from "../grid";
import { INDICATOR_FIELDS, type IndicatorField, TOTAL_LABELS } from "./vocabulary";
import { holdsNumber } from "../read/cell";

/**
 * How a header cell is matched against a vocabulary: no spaces or line breaks (`分\n值`), no
 * bracketed parts (`全年(调整)预算数`, `调整预算数（A）`, `预算执行率（B/A×100%）`), no trailing colon.
 */
export function vocabularyKey(s: string): string {
  return headerKey(s.replace(/\s+/g, "").replace(/[（(][^（()）]*[)）]/g, ""));
}

/** The field each synonym names, for one vocabulary. */
export function synonymIndex<F extends string>(fields: Readonly<Record<F, readonly string[]>>): Map<string, F> {
  const index = new Map<string, F>();
  for (const field in fields) for (const word of fields[field]) index.set(vocabularyKey(word), field);
  return index;
}

const INDICATOR_INDEX = synonymIndex(INDICATOR_FIELDS);

/** Columns of each field found in one row. */
export function rowFields<F extends string>(grid: Grid, row: number, index: Map<string, F>): Map<F, number> {
  const out = new Map<F, number>();
  for (const col of grid.cols(row)) {
    const f = index.get(vocabularyKey(grid.key(row, col)));
    if (f !== undefined && !out.has(f)) out.set(f, col);
  }
  return out;
}

export interface IndicatorHeader {
  /** The row holding 三级指标, and the last header row (a second row of 指标性质 | 指标值 | 度量单位). */
  row: number;
  lastRow: number;
  cols: Partial<Record<IndicatorField, number>> & { name: number };
}

function isIndicatorHeader(fields: Map<IndicatorField, number>): boolean {
  return fields.has("name") && (fields.has("level1") || fields.has("level2"));
}

/** Header words in a row beside the main header row: part of a two-row header when it holds no number. */
function headerNeighbour(grid: Grid, row: number): Map<IndicatorField, number> | undefined {
  if (row < grid.firstRow || row > grid.lastRow) return undefined;
  const fields = rowFields(grid, row, INDICATOR_INDEX);
  if (fields.size === 0 || isIndicatorHeader(fields)) return undefined;
  for (const col of grid.cols(row)) if (holdsNumber(grid, row, col)) return undefined;
  return fields;
}

function indicatorHeaders(grid: Grid): IndicatorHeader[] {
  const out: IndicatorHeader[] = [];
  let skipTo = 0;
  for (const row of grid.rows()) {
    if (row <= skipTo) continue;
    const fields = rowFields(grid, row, INDICATOR_INDEX);
    const name = fields.get("name");
    if (name === undefined || !isIndicatorHeader(fields)) continue;
    const cols: IndicatorHeader["cols"] = { ...Object.fromEntries(fields), name };
    let lastRow = row;
    const below = headerNeighbour(grid, row + 1);
    if (below) {
      // 年度指标值 split into 指标性质 | 指标值 | 度量单位: the child columns win.
      for (const [f, c] of below) if (cols[f] === undefined || f === "target" || f === "actual") cols[f] = c;
      lastRow = row + 1;
    }
    const above = out.length && out[out.length - 1].lastRow >= row - 1 ? undefined : headerNeighbour(grid, row - 1);
    if (above) for (const [f, c] of above) if (cols[f] === undefined) cols[f] = c;
    out.push({ row, lastRow, cols });
    skipTo = lastRow;
  }
  return out;
}

/** The 总分 row after a header: a total label left of the target column. */
export function totalRow(grid: Grid, header: IndicatorHeader, until: number): number | undefined {
  const lastLabelCol = Math.max(header.cols.name, header.cols.level2 ?? 1, header.cols.level1 ?? 1);
  for (const row of grid.rowsBetween(header.lastRow + 1, until)) {
    for (const col of grid.cols(row)) {
      if (col > lastLabelCol) break;
      const k = headerKey(grid.key(row, col));
      if (TOTAL_LABELS.includes(k)) return row;
    }
  }
  return undefined;
}

export interface FormRegion {
  /** First row of the form's area (title, fund block) and its first indicator header. */
  top: number;
  header: IndicatorHeader;
  /** Every indicator header of the form: one, or several blocks (产出 and 效益 each with its header). */
  headers: IndicatorHeader[];
  /** The 总分 row, when there is one; the last row of the indicator block. */
  total?: number;
  last: number;
}

/** Every form on the sheet, top to bottom. */
export function formRegions(grid: Grid): FormRegion[] {
  // A repeated indicator header with no new title or fund block above it continues the same form.
  const groups: IndicatorHeader[][] = [];
  for (const header of indicatorHeaders(grid)) {
    const current = groups[groups.length - 1];
    const previous = current?.[current.length - 1];
    if (previous && nextFormTop(grid, previous.lastRow + 1, header.row - 1) > header.row - 1) current.push(header);
    else groups.push([header]);
  }
  const out: FormRegion[] = [];
  let top = grid.firstRow;
  groups.forEach((headers, i) => {
    const header = headers[headers.length - 1];
    const next = groups[i + 1]?.[0];
    // The next form's title and fund block sit above its header: this form ends at its 总分 row.
    const limit = next ? next.row - 1 : grid.lastRow;
    const total = totalRow(grid, header, limit);
    const last = total ?? (next ? nextFormTop(grid, header.lastRow + 1, limit) - 1 : grid.lastRow);
    out.push({ top, header: headers[0], headers, total, last });
    top = last + 1;
  });
  return out;
}

/** Without a 总分 row, a stacked form begins at the first row with a title or a fund header. */
function nextFormTop(grid: Grid, from: number, limit: number): number {
  for (const row of grid.rowsBetween(from, limit)) {
    for (const col of grid.cols(row)) {
      const t = grid.key(row, col);
      if (/自评表|资金（|资金\(|年度资金总额|资金情况|资金投入情况/.test(t)) return row;
    }
  }
  return limit + 1;
}
