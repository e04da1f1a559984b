/**
 * The playground's calculator: a small Excel formula evaluator for the functions Jixiao's plans
 * write (ROUND, MIN, MAX, IF, IFERROR, AND, SUM, SUMIF, SUMPRODUCT, INT, TEXT, VALUE, SUBSTITUTE,
 * MID, LEN and the operators), so the fake workbook shows numbers, not formula text, and edited
 * inputs recompute. It is not Excel: a formula using anything else keeps the value it was loaded
 * with (an .xlsx's cached result) or shows #NAME?.
 */
import { excelRound } from "../core/format";
import { parseA1 } from "../core/cells";
import { CLASSIC_ERRORS, isErrorText } from "../port/errorValues";
import { type FakeSheet, type FakeValue, type FakeWorkbook, keyCell } from "./excel/model";

interface Err {
  error: string;
}
type Scalar = number | string | boolean | null | Err;
type Val = Scalar | Scalar[][];

const err = (error: string): Err => ({ error });
const isErr = (v: unknown): v is Err => typeof v === "object" && v !== null && !Array.isArray(v) && "error" in v;

/** Thrown (then caught per cell) for a function this evaluator does not have. */
class Unsupported extends Error {}

type Node =
  | { k: "lit"; v: Scalar }
  | { k: "ref"; sheet?: string; r1: number; c1: number; r2: number; c2: number }
  | { k: "name"; name: string }
  | { k: "un"; op: string; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "fn"; name: string; args: Node[] };

// ---------------------------------------------------------------- parsing

/** Excel's classic error values as the tokenizer's alternative ("#DIV/0!" …), from the one list. */
const ERROR_TOKEN = CLASSIC_ERRORS.map((e) => e.replace(/[/?!]/g, "\\$&")).join("|");
const TOKEN = new RegExp(
  String.raw`\s*(?:("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(?![\w(])|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)|` +
    `(#(?:${ERROR_TOKEN}))` +
    String.raw`|([A-Za-z_][\w.]*)(\()?|(<>|<=|>=|[-+*/^&=<>%(),:]))`,
  "y",
);

type Token = { t: "str" | "ref" | "num" | "err" | "id" | "fn" | "op"; v: string; sheet?: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) throw new SyntaxError(`cannot read formula at "${src.slice(TOKEN.lastIndex, TOKEN.lastIndex + 10)}"`);
    if (m[1] !== undefined) out.push({ t: "str", v: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) {
      const sheet = m[2]?.slice(0, -1);
      out.push({ t: "ref", v: m[3], sheet: sheet?.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet });
    } else if (m[4] !== undefined) out.push({ t: "num", v: m[4] });
    else if (m[5] !== undefined) out.push({ t: "err", v: m[5] });
    else if (m[6] !== undefined) out.push({ t: m[7] ? "fn" : "id", v: m[6].toUpperCase() });
    else out.push({ t: "op", v: m[8] });
  }
  return out;
}

const cellOf = (a1: string) => {
  const { row, col } = parseA1(a1);
  return { r: row, c: col };
};

/** Excel's precedence, loosest first: comparison, &, + -, * /, ^ (then unary minus and %). */
const LEVELS = [["=", "<>", "<", ">", "<=", ">="], ["&"], ["+", "-"], ["*", "/"], ["^"]];

export function parseFormula(formula: string): Node {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (v: string) => peek()?.t === "op" && peek().v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new SyntaxError(`expected ${v}`);
    i++;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let a = level(n + 1);
    while (peek()?.t === "op" && LEVELS[n].includes(peek().v)) {
      const op = tokens[i++].v;
      a = { k: "bin", op, a, b: level(n + 1) };
    }
    return a;
  };
  const unary = (): Node => {
    if (isOp("-") || isOp("+")) {
      const op = tokens[i++].v;
      return { k: "un", op, a: unary() };
    }
    let a = primary();
    while (isOp("%")) {
      i++;
      a = { k: "bin", op: "/", a, b: { k: "lit", v: 100 } };
    }
    return a;
  };
  const primary = (): Node => {
    const t = tokens[i++];
    if (!t) throw new SyntaxError("unexpected end");
    switch (t.t) {
      case "num":
        return { k: "lit", v: Number(t.v) };
      case "str":
        return { k: "lit", v: t.v };
      case "err":
        return { k: "lit", v: err(t.v) };
      case "ref": {
        const [from, to = from] = t.v.split(":");
        const a = cellOf(from);
        const b = cellOf(to);
        return {
          k: "ref",
          sheet: t.sheet,
          r1: Math.min(a.r, b.r),
          c1: Math.min(a.c, b.c),
          r2: Math.max(a.r, b.r),
          c2: Math.max(a.c, b.c),
        };
      }
      case "id":
        return t.v === "TRUE" || t.v === "FALSE" ? { k: "lit", v: t.v === "TRUE" } : { k: "name", name: t.v };
      case "fn": {
        const args: Node[] = [];
        if (!isOp(")")) {
          do {
            if (isOp(",")) i++;
            args.push(level(0));
          } while (isOp(","));
        }
        expect(")");
        return { k: "fn", name: t.v, args };
      }
      case "op":
        if (t.v === "(") {
          const inner = level(0);
          expect(")");
          return inner;
        }
    }
    throw new SyntaxError(`unexpected ${t.v}`);
  };
  const node = level(0);
  if (i < tokens.length) throw new SyntaxError(`unexpected ${tokens[i].v}`);
  return node;
}

// ---------------------------------------------------------------- values

function toNumber(v: Scalar): number | Err {
  if (isErr(v)) return v;
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = textNumber(v);
  return n === null ? err("#VALUE!") : n;
}

/** Numeric text as Excel reads it: "1,234.5", " 12 ", "12%". */
function textNumber(s: string): number | null {
  const t = s.trim().replace(/,/g, "");
  if (t === "") return null;
  const pct = t.endsWith("%");
  const n = Number(pct ? t.slice(0, -1) : t);
  return Number.isFinite(n) ? (pct ? n / 100 : n) : null;
}

function toText(v: Scalar): string | Err {
  if (isErr(v)) return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return generalNumber(v);
  return v;
}

/** A number as General shows it: up to 15 significant digits, no binary noise. */
function generalNumber(n: number): string {
  return String(Number(n.toPrecision(15)));
}

const scalar = (v: Val): Scalar => (Array.isArray(v) ? (v.length === 1 && v[0].length === 1 ? v[0][0] : err("#VALUE!")) : v);

function compare(op: string, a: Scalar, b: Scalar): boolean | Err {
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  // A blank compares as "" against text and as 0 against a number.
  const blankAs = (x: Scalar, other: Scalar) => (x !== null ? x : typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const x = blankAs(a, b);
  const y = blankAs(b, a);
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let d: number;
  if (rank(x) !== rank(y)) d = rank(x) - rank(y);
  else if (typeof x === "string" && typeof y === "string") d = x.toLowerCase().localeCompare(y.toLowerCase());
  else d = Number(x) - Number(y);
  switch (op) {
    case "=":
      return d === 0;
    case "<>":
      return d !== 0;
    case "<":
      return d < 0;
    case ">":
      return d > 0;
    case "<=":
      return d <= 0;
    default:
      return d >= 0;
  }
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (["=", "<>", "<", ">", "<=", ">="].includes(op)) return compare(op, a, b);
  if (op === "&") {
    const x = toText(a);
    const y = toText(b);
    return isErr(x) ? x : isErr(y) ? y : x + y;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (isErr(x)) return x;
  if (isErr(y)) return y;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "^":
      return x ** y;
    default:
      return y === 0 ? err("#DIV/0!") : x / y;
  }
}

/** Element by element over arrays (SUMPRODUCT's (range<>"")*(range<>0)), a scalar spread over an array. */
function lift(a: Val, b: Val, f: (x: Scalar, y: Scalar) => Scalar): Val {
  if (!Array.isArray(a) && !Array.isArray(b)) return f(a, b);
  const rows = Math.max(Array.isArray(a) ? a.length : 1, Array.isArray(b) ? b.length : 1);
  const cols = Math.max(Array.isArray(a) ? a[0].length : 1, Array.isArray(b) ? b[0].length : 1);
  const at = (v: Val, r: number, c: number): Scalar => {
    if (!Array.isArray(v)) return v;
    const x = v[r]?.[c];
    return x === undefined ? err("#N/A") : x;
  };
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(at(a, r, c), at(b, r, c))));
}

const flat = (v: Val): Scalar[] => (Array.isArray(v) ? v.flat() : [v]);

// ---------------------------------------------------------------- number formats (TEXT, the grid)

/**
 * A number in a simple Excel format: "0", "0.00", "#,##0.##", "0.00%", "@", "General"; the first
 * section only. Anything else falls back to General.
 */
export function formatNumber(n: number, format: string): string {
  const section = format.split(";")[0].replace(/\[[^\]]*\]|\\|"/g, "");
  const m = /^([^#0,.]*)([#0,]*)(?:\.([0#]*))?(%?)(.*)$/.exec(section);
  if (!m || !/[0#]/.test(m[2] + (m[3] ?? "")) || /[0#]/.test(m[1] + m[5])) return generalNumber(n);
  const [, prefix, intPart, frac = undefined, pct, suffix] = m;
  const x = pct ? n * 100 : n;
  const required = (frac ?? "").replace(/#/g, "").length;
  const digits = (frac ?? "").length;
  const r = excelRound(Math.abs(x), digits);
  let [int, dec = ""] = r.toFixed(digits).split(".");
  while (dec.length > required && dec.endsWith("0")) dec = dec.slice(0, -1);
  if (int === "0" && !intPart.includes("0")) int = "";
  if (intPart.includes(",")) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = x < 0 && r !== 0 ? "-" : "";
  return `${sign}${prefix}${int}${frac !== undefined ? "." + dec : ""}${pct}${suffix}`;
}

/** What a cell shows: its value in its number format. */
export function displayText(value: FakeValue, numberFormat: string): string {
  if (typeof value === "number")
    return numberFormat === "General" || numberFormat === "@" ? generalNumber(value) : formatNumber(value, numberFormat);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

// ---------------------------------------------------------------- functions

type Eval = (n: Node) => Val;

function numbersIn(vals: Val[], direct: Node[]): number[] | Err {
  const out: number[] = [];
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (Array.isArray(v) || direct[i].k === "ref") {
      // In a range only numbers count; text and blanks are skipped, errors propagate.
      for (const x of flat(v)) {
        if (isErr(x)) return x;
        if (typeof x === "number") out.push(x);
      }
    } else {
      const x = toNumber(v);
      if (isErr(x)) return x;
      out.push(x);
    }
  }
  return out;
}

function criteriaTest(criteria: Scalar): (v: Scalar) => boolean {
  const text = isErr(criteria) ? "" : String(criteria ?? "");
  const m = /^(<>|<=|>=|=|<|>)?(.*)$/.exec(text)!;
  const op = m[1] ?? "=";
  const n = textNumber(m[2]);
  const target: Scalar = typeof criteria === "number" ? criteria : n !== null ? n : m[2];
  return (v) => {
    if (isErr(v)) return false;
    if (typeof target === "number" && typeof v !== "number") return op === "<>";
    const r = compare(op, v, target);
    return r === true;
  };
}

function callFunction(name: string, args: Node[], ev: Eval): Val {
  const scalarArg = (i: number): Scalar => (i < args.length ? scalar(ev(args[i])) : null);
  const numArg = (i: number) => toNumber(scalarArg(i));
  const textArg = (i: number) => toText(scalarArg(i));
  switch (name) {
    case "IF": {
      const c = scalarArg(0);
      if (isErr(c)) return c;
      const t = toNumber(c);
      if (isErr(t) && typeof c === "string") return err("#VALUE!");
      return (isErr(t) ? false : t !== 0) ? (args[1] ? ev(args[1]) : true) : args[2] ? ev(args[2]) : false;
    }
    case "IFERROR": {
      const v = ev(args[0]);
      return isErr(scalar(v)) ? ev(args[1]) : v;
    }
    case "AND":
    case "OR": {
      const xs = args.flatMap((a) => flat(ev(a))).map(toNumber);
      const bad = xs.find(isErr);
      if (bad) return bad;
      return name === "AND" ? xs.every((x) => x !== 0) : xs.some((x) => x !== 0);
    }
    case "NOT": {
      const x = numArg(0);
      return isErr(x) ? x : x === 0;
    }
    case "SUM":
    case "MIN":
    case "MAX": {
      const xs = numbersIn(args.map(ev), args);
      if (isErr(xs)) return xs;
      if (name === "SUM") return xs.reduce((s, x) => s + x, 0);
      return xs.length === 0 ? 0 : name === "MIN" ? Math.min(...xs) : Math.max(...xs);
    }
    case "SUMIF": {
      const range = ev(args[0]);
      const sumRange = args[2] ? ev(args[2]) : range;
      const test = criteriaTest(scalarArg(1));
      const cells = flat(range);
      const sums = flat(sumRange);
      let total = 0;
      cells.forEach((v, i) => {
        const s = sums[i];
        if (test(v) && typeof s === "number") total += s;
      });
      return total;
    }
    case "SUMPRODUCT": {
      const arrays = args.map((a) => flat(ev(a)));
      let total = 0;
      for (let i = 0; i < arrays[0].length; i++) {
        let p = 1;
        for (const arr of arrays) {
          const x = arr[i];
          if (isErr(x)) return x;
          // Text and blanks count as 0, booleans from comparisons as 1/0 only through arithmetic.
          p *= typeof x === "number" ? x : 0;
        }
        total += p;
      }
      return total;
    }
    case "ROUND": {
      const x = numArg(0);
      const d = numArg(1);
      return isErr(x) ? x : isErr(d) ? d : excelRound(x, Math.trunc(d));
    }
    case "INT":
    case "ABS": {
      const x = numArg(0);
      return isErr(x) ? x : name === "INT" ? Math.floor(x) : Math.abs(x);
    }
    case "TEXT": {
      const v = scalarArg(0);
      const f = textArg(1);
      if (isErr(f)) return f;
      if (isErr(v)) return v;
      const n = typeof v === "string" ? textNumber(v) : toNumber(v);
      return n === null || isErr(n) ? toText(v) : formatNumber(n, f);
    }
    case "VALUE": {
      const v = scalarArg(0);
      if (isErr(v) || typeof v === "number") return v;
      const n = textNumber(String(v ?? ""));
      return n === null ? err("#VALUE!") : n;
    }
    case "LEN": {
      const s = textArg(0);
      return isErr(s) ? s : [...s].length;
    }
    case "MID": {
      const s = textArg(0);
      const start = numArg(1);
      const len = numArg(2);
      if (isErr(s)) return s;
      if (isErr(start)) return start;
      if (isErr(len)) return len;
      if (start < 1 || len < 0) return err("#VALUE!");
      return [...s].slice(Math.trunc(start) - 1, Math.trunc(start) - 1 + Math.trunc(len)).join("");
    }
    case "SUBSTITUTE": {
      const s = textArg(0);
      const from = textArg(1);
      const to = textArg(2);
      if (isErr(s)) return s;
      if (isErr(from)) return from;
      if (isErr(to)) return to;
      return from === "" ? s : s.split(from).join(to);
    }
    case "CONCATENATE":
      return args.reduce<Scalar>((acc, a) => binary("&", acc, scalar(ev(a))), "");
  }
  throw new Unsupported(name);
}

// ---------------------------------------------------------------- the workbook

/**
 * Computes every formula cell of the workbook into its value, as Excel does after each change.
 * A formula this evaluator cannot read keeps the value it had (a loaded .xlsx's cached result).
 */
export function recalculate(model: FakeWorkbook): void {
  const cellValue = calculator(model);
  for (const sheet of model.sheets) {
    for (const [k, cell] of sheet.cells) {
      if (!cell.formula) continue;
      const { r, c } = keyCell(k);
      const v = cellValue(sheet, r, c);
      cell.value = v === null ? 0 : isErr(v) ? v.error : v;
    }
  }
}

/** Computes one cell's formula (and what it depends on) into its value, as a host does when a formula is entered. */
export function calculateCell(model: FakeWorkbook, sheet: FakeSheet, r: number, c: number): void {
  const cell = model.cell(sheet, r, c);
  if (!cell?.formula) return;
  const v = calculator(model)(sheet, r, c);
  cell.value = v === null ? 0 : isErr(v) ? v.error : v;
}

/** A memoising evaluator of the workbook's cells. */
function calculator(model: FakeWorkbook): (sheet: FakeSheet, r: number, c: number) => Scalar {
  const parsed = new Map<string, Node | null>();
  const done = new Map<string, Scalar>();
  const busy = new Set<string>();
  const sheetByName = (name: string | undefined, home: FakeSheet) => (name === undefined ? home : model.findSheet(name));

  const cellValue = (sheet: FakeSheet, r: number, c: number): Scalar => {
    const cell = model.cell(sheet, r, c);
    if (!cell) return null;
    if (!cell.formula) return cell.value === "" ? null : isErrorText(cell.value) ? err(cell.value) : cell.value;
    const key = `${sheet.id}:${r}:${c}`;
    if (done.has(key)) return done.get(key)!;
    if (busy.has(key)) return 0; // a circular reference: Excel warns and shows 0
    busy.add(key);
    let node = parsed.get(cell.formula);
    if (node === undefined) {
      try {
        node = parseFormula(cell.formula);
      } catch {
        node = null;
      }
      parsed.set(cell.formula, node);
    }
    let v: Scalar;
    try {
      v = node ? scalar(evaluateNode(node, sheet)) : err("#NAME?");
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      v = cell.value === "" ? err("#NAME?") : cell.value;
    }
    busy.delete(key);
    done.set(key, v);
    return v;
  };

  const evaluateNode = (n: Node, home: FakeSheet): Val => {
    const ev = (x: Node) => evaluateNode(x, home);
    switch (n.k) {
      case "lit":
        return n.v;
      case "ref": {
        const sheet = sheetByName(n.sheet, home);
        if (!sheet) return err("#REF!");
        const rows: Scalar[][] = [];
        for (let r = n.r1; r <= n.r2; r++) {
          const row: Scalar[] = [];
          for (let c = n.c1; c <= n.c2; c++) row.push(cellValue(sheet, r, c));
          rows.push(row);
        }
        return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
      }
      case "name": {
        const f = [...model.names].find(([k]) => k.toUpperCase() === n.name)?.[1];
        if (!f) return err("#NAME?");
        return evaluateNode(parseFormula(f), home);
      }
      case "un": {
        const v = ev(n.a);
        return lift(v, 0, (x) => {
          const y = toNumber(x);
          return isErr(y) ? y : n.op === "-" ? -y : y;
        });
      }
      case "bin":
        return lift(ev(n.a), ev(n.b), (x, y) => binary(n.op, x, y));
      case "fn":
        return callFunction(n.name, n.args, ev);
    }
  };

  return cellValue;
}
