/**
 * A tiny expression language for scoring rules. Every rule is declared once as an Expr; the same
 * tree is evaluated in TypeScript (the cached value, the JSON, the report) and printed as an Excel
 * formula (the live cell). Only functions that Excel and LibreOffice evaluate alike are offered.
 */
import { excelRound } from "./format";

export type Value = number | string | boolean;

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "var"; name: string }
  | { k: "bin"; op: "+" | "-" | "*" | "/"; a: Expr; b: Expr }
  | { k: "cmp"; op: ">=" | "<=" | ">" | "<" | "=" | "<>"; a: Expr; b: Expr }
  | { k: "if"; c: Expr; t: Expr; e: Expr }
  | { k: "fn"; name: "ROUND" | "MIN" | "MAX" | "IFERROR" | "AND"; args: Expr[] };

export const num = (v: number): Expr => ({ k: "num", v });
export const str = (v: string): Expr => ({ k: "str", v });
export const ref = (name: string): Expr => ({ k: "var", name });
const bin =
  (op: "+" | "-" | "*" | "/") =>
  (a: Expr, b: Expr): Expr => ({ k: "bin", op, a, b });
export const add = bin("+");
export const sub = bin("-");
export const mul = bin("*");
export const div = bin("/");
const cmp =
  (op: ">=" | "<=" | ">" | "<" | "=" | "<>") =>
  (a: Expr, b: Expr): Expr => ({ k: "cmp", op, a, b });
export const ge = cmp(">=");
export const le = cmp("<=");
export const lt = cmp("<");
export const eq = cmp("=");
export const iff = (c: Expr, t: Expr, e: Expr): Expr => ({ k: "if", c, t, e });
export const round = (x: Expr, digits: number): Expr => ({ k: "fn", name: "ROUND", args: [x, num(digits)] });
export const min = (...args: Expr[]): Expr => ({ k: "fn", name: "MIN", args });
export const max = (...args: Expr[]): Expr => ({ k: "fn", name: "MAX", args });
export const and = (...args: Expr[]): Expr => ({ k: "fn", name: "AND", args });
export const iferror = (x: Expr, fallback: Expr): Expr => ({ k: "fn", name: "IFERROR", args: [x, fallback] });

class FormulaError extends Error {}

function asNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new FormulaError("#VALUE!");
}

function compare(op: string, a: Value, b: Value): boolean {
  const x = typeof a === "string" ? a : asNumber(a);
  const y = typeof b === "string" ? b : asNumber(b);
  switch (op) {
    case ">=":
      return x >= y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case "<":
      return x < y;
    case "=":
      return x === y;
    default:
      return x !== y;
  }
}

/** Evaluates with Excel semantics (lazy IF, #DIV/0! caught by IFERROR). */
export function evaluate(e: Expr, env: Readonly<Record<string, number>>): Value {
  switch (e.k) {
    case "num":
    case "str":
      return e.v;
    case "var": {
      const v = env[e.name];
      if (v === undefined) throw new Error(`no value for ${e.name}`);
      return v;
    }
    case "bin": {
      const a = asNumber(evaluate(e.a, env));
      const b = asNumber(evaluate(e.b, env));
      if (e.op === "/" && b === 0) throw new FormulaError("#DIV/0!");
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : a / b;
    }
    case "cmp":
      return compare(e.op, evaluate(e.a, env), evaluate(e.b, env));
    case "if":
      return evaluate(e.c, env) ? evaluate(e.t, env) : evaluate(e.e, env);
    case "fn": {
      if (e.name === "IFERROR") {
        try {
          return evaluate(e.args[0], env);
        } catch (err) {
          if (err instanceof FormulaError) return evaluate(e.args[1], env);
          throw err;
        }
      }
      const args = e.args.map((a) => evaluate(a, env));
      switch (e.name) {
        case "ROUND":
          return excelRound(asNumber(args[0]), asNumber(args[1]));
        case "MIN":
          return Math.min(...args.map(asNumber));
        case "MAX":
          return Math.max(...args.map(asNumber));
        case "AND":
          return args.every((a) => Boolean(a));
      }
    }
  }
  throw new Error("unreachable");
}

export function evaluateNumber(e: Expr, env: Readonly<Record<string, number>>): number {
  return asNumber(evaluate(e, env));
}

const PRECEDENCE: Record<string, number> = { "=": 1, "<>": 1, ">=": 1, "<=": 1, ">": 1, "<": 1, "+": 2, "-": 2, "*": 3, "/": 3 };

function precedence(e: Expr): number {
  return e.k === "bin" || e.k === "cmp" ? PRECEDENCE[e.op] : 9;
}

function formatNumber(v: number): string {
  return String(v);
}

/**
 * Prints an Excel formula body (without "="). `refs` maps each variable to a cell address or to a
 * literal; a variable without a ref is printed as its value from `consts`.
 */
export function toFormula(e: Expr, refs: Readonly<Record<string, string>>): string {
  switch (e.k) {
    case "num":
      return formatNumber(e.v);
    case "str":
      return `"${e.v.replace(/"/g, '""')}"`;
    case "var": {
      const r = refs[e.name];
      if (r === undefined) throw new Error(`no reference for ${e.name}`);
      return r;
    }
    case "bin":
    case "cmp": {
      const p = precedence(e);
      const left = toFormula(e.a, refs);
      const right = toFormula(e.b, refs);
      const l = precedence(e.a) < p ? `(${left})` : left;
      // Right side: equal precedence needs parentheses for - and / (a-(b-c)).
      const r = precedence(e.b) < p || (precedence(e.b) === p && (e.op === "-" || e.op === "/")) ? `(${right})` : right;
      return `${l}${e.op}${r}`;
    }
    case "if":
      return `IF(${toFormula(e.c, refs)},${toFormula(e.t, refs)},${toFormula(e.e, refs)})`;
    case "fn":
      return `${e.name}(${e.args.map((a) => toFormula(a, refs)).join(",")})`;
  }
}
