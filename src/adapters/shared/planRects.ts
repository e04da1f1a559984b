/**
 * Host-neutral helpers for writing a SheetPlan in rectangles, shared by the office.js and the WPS
 * adapters: both hosts take 2-D arrays per range and formats per rectangle, never cell by cell.
 */
import type { CellStyle, PlanCell } from "../../core/plan";
import { columnLetter, parseA1 } from "../../core/cells";
import { fromR1C1, renameSheetRefs, toR1C1 } from "./formulaRefs";

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function rectA1(r: Rect): string {
  return `${columnLetter(r.c1)}${r.r1}:${columnLetter(r.c2)}${r.r2}`;
}

/** The rectangle of an A1 address on a sheet ("B2:H9", "B2"). */
export function cellRect(address: string): Rect {
  const [a, b = a] = address.replace(/\$/g, "").split(":");
  const p = parseA1(a);
  const q = parseA1(b);
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
}

/** A constant string: written as text ("@" first) so "=1+1" or "-5" stays what it says. */
const isText = (c: PlanCell | null): boolean => c !== null && c.f === undefined && typeof c.v === "string";

export interface KeyedRect {
  rect: Rect;
  key: string;
}

/**
 * Groups cells with the same key into rectangles: runs along each row, then runs of rows with the
 * same run. A table of 10,000 uniform rows gives one rectangle per column, not 130,000 cells.
 */
export function keyedRects(
  cells: ReadonlyArray<ReadonlyArray<PlanCell | null>>,
  keyOf: (c: PlanCell | null) => string | undefined,
): KeyedRect[] {
  const done: KeyedRect[] = [];
  let open = new Map<string, KeyedRect>();
  cells.forEach((row, i) => {
    const r = i + 1;
    const next = new Map<string, KeyedRect>();
    let c = 0;
    while (c < row.length) {
      const key = keyOf(row[c]);
      if (key === undefined) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < row.length && keyOf(row[end + 1]) === key) end++;
      const id = `${c}:${end}:${key}`;
      const prev = open.get(id);
      if (prev && prev.rect.r2 === r - 1) {
        prev.rect.r2 = r;
        open.delete(id);
        next.set(id, prev);
      } else next.set(id, { rect: { r1: r, c1: c + 1, r2: r, c2: end + 1 }, key });
      c = end + 1;
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  });
  for (const rect of open.values()) done.push(rect);
  return done;
}

/** The number format a cell needs: "@" for constant text, else its style's, none for General. */
export function numberFormatOf(c: PlanCell | null, styles: Record<string, CellStyle>): string | undefined {
  if (!c) return undefined;
  if (isText(c)) return "@";
  const f = c.s ? styles[c.s]?.numFmt : undefined;
  return f && f !== "General" ? f : undefined;
}

/** A 2-D array of `v` in the shape of `r`: what office.js and ET take for a multi-cell range (a scalar is not reliable there). */
export function gridOf<T>(r: Rect, v: T): T[][] {
  return Array.from({ length: r.r2 - r.r1 + 1 }, () => new Array<T>(r.c2 - r.c1 + 1).fill(v));
}

/** Excel column width in characters → points (7 px per character plus 5 px padding, at 96 dpi). */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/** Excel keeps at most 1,026 manual page breaks per direction; beyond that add() fails. */
export const MAX_PAGE_BREAKS = 1026;

/** Runs of equal numbers by 1-based index: [first, last, value]. */
export function runs(values: ReadonlyArray<[number, number]>): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const [i, v] of [...values].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && last[1] === i - 1 && last[2] === v) last[1] = i;
    else out.push([i, i, v]);
  }
  return out;
}

/** The cell as a formulas array entry (both hosts' `Range.Formula(s)`): "=…" with the run's temporary sheet names, or the constant. */
export function formulaEntry(c: PlanCell | null, renames: ReadonlyMap<string, string>): string | number | boolean {
  if (!c) return "";
  if (c.f !== undefined) return "=" + renameSheetRefs(c.f, renames);
  return c.v ?? "";
}

/** Formulas that repeat down a column (the same in R1C1 terms): one R1C1 formula per rectangle. */
export interface FormulaRuns {
  /** Each run of two or more cells: its rectangle and its R1C1 formula (without "="). */
  fills: Array<{ rect: Rect; f: string }>;
  /** The cells the runs cover, as "row0:col0" (0-based): a grid write leaves them "". */
  filled: Set<string>;
}

/**
 * The column runs of `cells` whose formulas are the same in R1C1 terms (only formulas that convert
 * both ways exactly), with the run's temporary sheet names: a 10,000-row table costs a few
 * commands, not 10,000 formulas, on either host.
 */
export function formulaRuns(cells: ReadonlyArray<ReadonlyArray<PlanCell | null>>, renames: ReadonlyMap<string, string>): FormulaRuns {
  const filled = new Set<string>();
  const fills: Array<{ rect: Rect; f: string }> = [];
  const width = cells.reduce((m, r) => Math.max(m, r.length), 0);
  for (let c = 0; c < width; c++) {
    let run: { r1: number; r2: number; f: string } | null = null;
    const close = () => {
      if (run && run.r2 > run.r1) {
        for (let r = run.r1; r <= run.r2; r++) filled.add(`${r}:${c}`);
        fills.push({ rect: { r1: run.r1 + 1, c1: c + 1, r2: run.r2 + 1, c2: c + 1 }, f: run.f });
      }
      run = null;
    };
    for (let r = 0; r < cells.length; r++) {
      const cell = cells[r][c];
      let f: string | null = null;
      if (cell && cell.f !== undefined) {
        const a1 = renameSheetRefs(cell.f, renames);
        const r1c1 = toR1C1(a1, r + 1, c + 1);
        if (fromR1C1(r1c1, r + 1, c + 1) === a1) f = r1c1;
      }
      if (run && f !== null && run.f === f && run.r2 === r - 1) run.r2 = r;
      else {
        close();
        if (f !== null) run = { r1: r, r2: r, f };
      }
    }
    close();
  }
  return { fills, filled };
}
