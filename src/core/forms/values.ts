/**
 * Targets and actuals as forms have them (forms.md "What varies", docs/forms.md "Method
 * inference"): numbers with operators and units, percent, `无`/`零`, dates and months, durations.
 */
import type { Grid } from "../grid";
import type { MethodId } from "../methods";
import type { NumberSource } from "../model";
import { type Direction, normalizeText, parseNumberText, parseTarget } from "../numbers";
import { isDateFormat, readNumber, serialDate } from "../input/readNumber";

export interface FormValue {
  source: NumberSource;
  direction?: Direction;
  percent: boolean;
  unit: string;
  /** A date or month (months from the start of the form's year), or a duration. */
  time?: "month" | "duration";
}

const ZERO_WORDS = /^(无|零|没有|未发生|0起|无发生)$/;
const DURATION_UNIT = /^(个)?(工作日|天|日|小时|分钟|周|个月)/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const MONTH = /^(?:(\d{4})年)?(\d{1,2})月(?:份)?(上旬|中旬|下旬|底|末)?(?:(\d{1,2})日)?(?:前|以前|之前|底前|末前|内|完成|前完成)?$/;

/**
 * Months from the start of `year`: 2023年12月 = 12, 2024年3月 = 15, 12月15日 = 11 + 15/30 (a month
 * counts 30 days, so a reviewer gets the same figure by hand). A month without a day means its end
 * (a deadline "9月前" is met in September).
 */
export function monthValue(text: string, year: number): number | undefined {
  const s = normalizeText(text).replace(/\s+/g, "");
  const iso = ISO_DATE.exec(s);
  const m = iso ? [s, iso[1], iso[2], undefined, iso[3]] : MONTH.exec(s);
  if (!m) return undefined;
  const y = m[1] ? Number(m[1]) : year;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
  let inMonth = 1;
  if (m[4]) {
    const d = Number(m[4]);
    if (d < 1 || d > days) return undefined;
    inMonth = Math.min(d / 30, 1);
  } else if (m[3] === "上旬") inMonth = 1 / 3;
  else if (m[3] === "中旬") inMonth = 2 / 3;
  return Math.round(((y - year) * 12 + month - 1 + inMonth) * 1e6) / 1e6;
}

/** Where the number stands in text typed with ASCII digits, so 评分结果 can read it live. */
export function numberPlace(raw: string, value: number): NumberSource["extract"] {
  const m = /[+-]?\d[\d,]*(?:\.\d+)?/.exec(raw);
  if (!m || Number(m[0].replace(/,/g, "")) !== value) return undefined;
  // The only number in the text: the rest is operator and unit.
  if (/\d/.test(raw.slice(m.index + m[0].length))) return undefined;
  return { before: m.index, after: raw.length - m.index - m[0].length };
}

/** Reads a target or an actual cell; undefined when it holds no number, date or duration. */
export function readFormValue(grid: Grid, row: number, col: number | undefined, year: number, amountScale = 1): FormValue | undefined {
  if (col === undefined) return undefined;
  const base = { sheet: grid.name, row, col };
  const plain = readNumber(grid, row, col, amountScale);
  if (plain.ok) {
    const source = plain.source.kind === "text" ? withPlace(plain.source, plain.source.value / amountScale) : plain.source;
    return { source, percent: plain.percent, unit: plain.percent ? "%" : "" };
  }
  const cell = grid.value(row, col);
  // A date cell is a time target or actual (forms.md): read as its date, never as a number.
  const raw = typeof cell === "number" && isDateFormat(grid.numberFormat(row, col)) ? serialDate(cell) : cell;
  if (typeof raw !== "string" || !raw.trim()) return undefined;
  const text = (value: number, scale = 1): NumberSource => ({ ...base, kind: "text", text: raw, value, scale });
  const month = monthValue(raw, year);
  if (month !== undefined) return { source: text(month), direction: "<=", percent: false, unit: "", time: "month" };
  if (ZERO_WORDS.test(normalizeText(raw).replace(/\s+/g, ""))) return { source: text(0), percent: false, unit: "" };
  const t = parseTarget(raw);
  if (!t) return undefined;
  const source = withPlace(text(t.value), t.value);
  const duration = DURATION_UNIT.test(t.unit);
  return { source, direction: t.direction, percent: t.percent, unit: t.unit, time: duration ? "duration" : undefined };
}

function withPlace(source: NumberSource, unscaled: number): NumberSource {
  const extract = source.text !== undefined ? numberPlace(source.text, unscaled) : undefined;
  return extract ? { ...source, extract } : source;
}

/** An amount as typed: a number, or text ("3,724,055.00", "864.2万": 万 means 万元 whatever the block's unit). */
export function readAmount(grid: Grid, row: number, col: number | undefined, amountScale: number): NumberSource | undefined | "text" {
  if (col === undefined) return undefined;
  const r = readNumber(grid, row, col, amountScale);
  if (r.ok) return r.percent ? "text" : r.source.kind === "text" ? withPlace(r.source, r.source.value / amountScale) : r.source;
  if (r.reason === "blank") return undefined;
  const raw = String(grid.value(row, col));
  const wan = /^(.*?)\s*万元?$/.exec(normalizeText(raw));
  const n = wan ? parseNumberText(wan[1]) : undefined;
  if (!n || n.percent) return "text";
  return withPlace({ sheet: grid.name, row, col, kind: "text", text: raw, value: n.value, scale: 1 }, n.value);
}

export interface Inferred {
  method: MethodId;
  direction: Direction;
  nature: "定量" | "定性";
}

/** forms.md "Method inference": the form has no 评分方法 column. */
export function inferMethod(level2: string, target: FormValue | undefined, actual: FormValue | undefined): Inferred {
  if (!target || !actual || Boolean(target.time) !== Boolean(actual.time) || target.time !== actual.time) {
    return { method: "定性分档", direction: ">=", nature: "定性" };
  }
  // Durations (30个工作日) and dates are deadlines unless an operator says otherwise.
  let direction = target.direction ?? (target.time ? "<=" : ">=");
  // Under 成本指标 a bare amount is a ceiling.
  if (!target.direction && /成本/.test(level2)) direction = "<=";
  const method: MethodId = direction === "<=" ? "反向比例" : direction === "=" ? "等于" : "正向比例";
  return { method, direction, nature: "定量" };
}

/** The tier a 定性 actual's words state (docs/forms.md): 未/没有/较差/不 → missed, 部分/基本/一定 → partly. */
export function tierFromWords(actualText: string): "achieved" | "partly" | "missed" {
  const s = actualText.replace(/\s+/g, "");
  if (/部分|基本|一定|有所/.test(s)) return "partly";
  if (/未(完成|达到|达成|实现|开展)|没有|较差|不(足|达|到|满意|合格)/.test(s)) return "missed";
  return "achieved";
}
