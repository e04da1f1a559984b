/**
 * Formulas whose saved value cannot be trusted: 评分结果 refers to the input cells with live
 * formulas, so an input number computed by a formula that points into a missing sheet, another
 * workbook, a #REF!, or round in a circle reads as its stale cached value here but recalculates to
 * #REF!/#NAME?/Err:522 in Excel or LibreOffice. Such a number is refused, naming its cell.
 */
import type { Grid } from "../grid";
import { columnNumber } from "../cells";

interface Ref {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX = { row: 1048576, col: 16384 };
/** Cells a circularity search visits at most (formulas in input sheets are few). */
const MAX_VISITS = 20000;

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!`;
const CELL = String.raw`\$?([A-Z]{1,3})\$?(\d+)`;
const AREA = String.raw`${CELL}(?::${CELL})?|\$?([A-Z]{1,3}):\$?([A-Z]{1,3})|\$?(\d+):\$?(\d+)`;
const REF_RE = new RegExp(String.raw`(?<![\p{L}\p{N}_.!$'\]])(?:${SHEET})?(?:${AREA})(?![\p{L}\p{N}_(!])`, "giu");

/** The cell ranges a formula refers to (sheet-qualified or on `here`); names and functions are not refs. */
function formulaRefs(formula: string, here: string): Ref[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const out: Ref[] = [];
  for (const m of code.matchAll(REF_RE)) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? here);
    if (m[3]) {
      const r1 = Number(m[4]);
      const c1 = columnNumber(m[3]);
      out.push({ sheet, r1, c1, r2: m[6] ? Number(m[6]) : r1, c2: m[5] ? columnNumber(m[5]) : c1 });
    } else if (m[7]) out.push({ sheet, r1: 1, c1: columnNumber(m[7]), r2: MAX.row, c2: columnNumber(m[8]) });
    else out.push({ sheet, r1: Number(m[9]), c1: 1, r2: Number(m[10]), c2: MAX.col });
  }
  return out;
}

function sheetsNamed(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...code.matchAll(new RegExp(SHEET, "gu"))].map((m) => (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]));
}

export class FormulaCheck {
  private readonly names: Set<string>;
  private readonly grids: Map<string, Grid>;
  private readonly formulaCells = new Map<string, Array<{ row: number; col: number }>>();

  constructor(sheetNames: readonly string[], grids: readonly Grid[]) {
    this.names = new Set(sheetNames.map((n) => n.toLowerCase()));
    this.grids = new Map(grids.map((g) => [g.name.toLowerCase(), g]));
  }

  /** Why the value of this formula cell cannot be used, or undefined. */
  problem(grid: Grid, row: number, col: number): string | undefined {
    const formula = grid.formula(row, col);
    if (!formula) return undefined;
    if (/#REF!/i.test(formula)) return "含无效引用 #REF!";
    if (/\[[^\]]*\]/.test(formula.replace(/"(?:[^"]|"")*"/g, '""'))) return "引用了其他工作簿，其值无法核对";
    const missing = sheetsNamed(formula).find((s) => !this.names.has(s.toLowerCase()));
    if (missing !== undefined) return `引用了不存在的工作表“${missing}”`;
    if (this.circular(grid.name, row, col)) return "循环引用（公式直接或间接引用了自身）";
    return undefined;
  }

  /** Whether following the formula's references from this cell leads back to it. */
  private circular(sheet: string, row: number, col: number): boolean {
    const start = `${sheet.toLowerCase()}!${row},${col}`;
    const seen = new Set<string>();
    const stack: Array<[string, number, number]> = [[sheet, row, col]];
    while (seen.size < MAX_VISITS) {
      const next = stack.pop();
      if (!next) break;
      const [s, r, c] = next;
      const grid = this.grids.get(s.toLowerCase());
      const formula = grid?.formula(r, c);
      if (!grid || !formula) continue;
      for (const ref of formulaRefs(formula, grid.name)) {
        for (const cell of this.formulasIn(ref)) {
          const key = `${ref.sheet.toLowerCase()}!${cell.row},${cell.col}`;
          if (key === start) return true;
          if (seen.has(key)) continue;
          seen.add(key);
          stack.push([ref.sheet, cell.row, cell.col]);
        }
      }
    }
    return false;
  }

  private formulasIn(ref: Ref): Array<{ row: number; col: number }> {
    const grid = this.grids.get(ref.sheet.toLowerCase());
    if (!grid) return [];
    let cells = this.formulaCells.get(grid.name);
    if (!cells) {
      cells = grid.data.cells.filter((c) => c.formula !== undefined).map((c) => ({ row: c.row, col: c.col }));
      this.formulaCells.set(grid.name, cells);
    }
    return cells.filter((c) => c.row >= ref.r1 && c.row <= ref.r2 && c.col >= ref.c1 && c.col <= ref.c2);
  }
}
