/** Read access to a SheetData by sheet coordinates, and header-row search. */
import type { CellValue, SheetData } from "../port/workbook";
import { normalizeText } from "./numbers";
import { cellName } from "./cells";

export class Grid {
  readonly lastCol: number;
  private readonly allCols: number[];

  constructor(readonly data: SheetData) {
    const width = data.values.reduce((m, r) => Math.max(m, r.length), 0);
    this.lastCol = data.startCol + width - 1;
    this.allCols = range(data.startCol, this.lastCol);
  }

  get name(): string {
    return this.data.name;
  }
  get firstRow(): number {
    return this.data.startRow;
  }
  get lastRow(): number {
    return this.data.startRow + this.data.values.length - 1;
  }

  value(row: number, col: number): CellValue {
    const r = this.data.values[row - this.data.startRow];
    const v = r?.[col - this.data.startCol];
    return v === undefined ? null : v;
  }

  numberFormat(row: number, col: number): string {
    return this.data.numberFormats[row - this.data.startRow]?.[col - this.data.startCol] ?? "General";
  }

  /** Cell text as the user typed it, trimmed; "" for empty. Names and paragraphs keep their punctuation. */
  text(row: number, col: number): string {
    const v = this.value(row, col);
    if (v === null) return "";
    return String(v).replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  }

  /** Cell text for matching a vocabulary (headers, 支出类别, 评分方法 …): full-width folded, no spaces. */
  key(row: number, col: number): string {
    return normalizeText(this.text(row, col)).replace(/\s+/g, "");
  }

  isBlankRow(row: number, cols?: readonly number[]): boolean {
    return (cols ?? this.allCols).every((c) => this.text(row, c) === "");
  }

  cell(row: number, col: number): string {
    return cellName(this.name, row, col);
  }
}

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

export interface HeaderMatch<K extends string> {
  row: number;
  /** Column of each header found. */
  cols: Partial<Record<K, number>>;
}

/**
 * Headers are compared without spaces, a trailing （…） and a trailing colon: "全年 预算数（A）" and
 * "全年预算数" are the same header.
 */
export function headerKey(s: string): string {
  return s
    .replace(/\s+/g, "")
    .replace(/[（(][^（()）]*[)）]$/, "")
    .replace(/[：:]$/, "");
}

/**
 * Finds the first row holding every required header text (title rows above it are allowed).
 * Returns undefined if none does; reports duplicates of a header in the header row.
 */
export function findHeaderRow<K extends string>(
  grid: Grid,
  headers: Readonly<Record<K, string>>,
  required: readonly NoInfer<K>[],
  onDuplicate: (header: string, first: string, second: string) => void,
): HeaderMatch<K> | undefined {
  const wanted = new Map<string, K>();
  for (const key of Object.keys(headers) as K[]) wanted.set(headerKey(headers[key]), key);
  for (let row = grid.firstRow; row <= grid.lastRow; row++) {
    const cols: Partial<Record<K, number>> = {};
    const dupes: Array<[string, number, number]> = [];
    for (let col = grid.data.startCol; col <= grid.lastCol; col++) {
      const key = wanted.get(headerKey(grid.key(row, col)));
      if (key === undefined) continue;
      if (cols[key] !== undefined) dupes.push([headers[key], cols[key]!, col]);
      else cols[key] = col;
    }
    if (required.every((k) => cols[k] !== undefined)) {
      for (const [h, c1, c2] of dupes) onDuplicate(h, grid.cell(row, c1), grid.cell(row, c2));
      return { row, cols };
    }
  }
  return undefined;
}
