/**
 * The cell-value layer: the one place that decides what a cell holds — a number (or percent), an
 * amount, a target or actual value (with operator, unit, date, month or duration), words, nothing
 * (empty, spaces, a placeholder such as `—`), or something that must not be read at all (an error
 * value, a formula without a saved result or into a missing sheet / round a cycle, a date where a
 * number belongs, NaN or an absurd magnitude, text that numbers.md refuses). Every reader, the
 * template's and the forms', asks it; none classifies a cell on its own (test/unit/architecture).
 */
import type { Grid } from "../grid";
import type { NumberSource } from "../model";
import { type Direction, normalizeText, parseNumberText, parseTarget, parseYear } from "../numbers";
import { isCellError } from "../snapshot";
import { quote } from "../quote";
import type { IssueLog } from "../issues";
import type { CellRef } from "../problems";

/** Format codes without their literal parts (quoted text, [brackets], escaped characters). */
function formatCode(numFmt: string): string {
  return numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
}

/** A workbook has a handful of formats and every numeric cell asks: each is classified once. */
const percentFormats = new Map<string, boolean>();
const dateFormats = new Map<string, boolean>();

function isPercentFormat(numFmt: string): boolean {
  if (!numFmt.includes("%")) return false;
  let percent = percentFormats.get(numFmt);
  if (percent === undefined) {
    // A % outside quotes or brackets makes Excel show the value ×100.
    percent = formatCode(numFmt).includes("%");
    if (percentFormats.size < 1000) percentFormats.set(numFmt, percent);
  }
  return percent;
}

/** A date or time format: y, m, d, h or s outside literals ("General" and "0.00" are not). */
function isDateFormat(numFmt: string): boolean {
  if (!numFmt || numFmt === "General") return false;
  let date = dateFormats.get(numFmt);
  if (date === undefined) {
    // [h]:mm elapsed time is a time format too.
    date = !/^general$/i.test(numFmt) && (/\[[hms]+\]/i.test(numFmt) || /[ymdhs]/i.test(formatCode(numFmt).replace(/General/gi, "")));
    if (dateFormats.size < 1000) dateFormats.set(numFmt, date);
  }
  return date;
}

/** An Excel serial date as yyyy-mm-dd (1900 system). */
function serialDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

/**
 * The magnitudes the engine computes with: 0, or 1e-9 ≤ |x| < 1e15 (Excel keeps 15 significant
 * digits; ratios of two such numbers stay finite).
 */
const MAX_MAGNITUDE = 1e15;
const MIN_MAGNITUDE = 1e-9;

function inRange(x: number): boolean {
  const a = Math.abs(x);
  return Number.isFinite(x) && (a === 0 || (a >= MIN_MAGNITUDE && a < MAX_MAGNITUDE));
}

/** Multiplying by 1/10000 in binary drifts (0.07 元…); divide instead, as the formula does. */
function scaleValue(v: number, scale: number): number {
  return scale < 1 ? v / Math.round(1 / scale) : v * scale;
}

/**
 * "Nothing here" in an amount, 分值, 执行率 or 得分 cell (forms.md "Placeholders"): the fund block's
 * sub-rows and template lines are full of them.
 */
const PLACEHOLDER = /^(—+|－+|-+|―+|─+|\/|／|无|空|…+|\.{3,})$/;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(normalizeText(text).replace(/\s+/g, ""));
}

export type ReadResult =
  | { ok: true; source: NumberSource; percent: boolean }
  /**
   * blank: nothing there (empty, spaces, a placeholder). text: text or a logical value that is not
   * a number. invalid: a value that must not be read as a number (error value, formula without
   * result or with broken references, date, out of range). `shown` says what the cell holds.
   */
  | { ok: false; reason: "blank" | "text" | "invalid"; shown: string };

/** Why a formula cell's saved value cannot be used, as a message shows the cell; undefined when it can. */
function brokenFormula(grid: Grid, row: number, col: number): string | undefined {
  const formula = grid.formula(row, col);
  const problem = formula ? grid.formulaProblem?.(row, col) : undefined;
  return problem ? `公式 ${quote("=" + formula)}（${problem}，重新计算时会出错）` : undefined;
}

/**
 * Reads a number cell (an amount, 分值, 执行率, 得分, 总分). `scale` converts the unit (1/10000 for
 * 元 → 万元). A percent cell or text gives percentage points (0.95 formatted as % → 95), so target
 * and actual compare alike.
 */
export function readNumber(grid: Grid, row: number, col: number, scale = 1): ReadResult {
  const v = grid.value(row, col);
  const base = { sheet: grid.name, row, col };
  const fail = (reason: "blank" | "text" | "invalid", shown = grid.shown(row, col)): ReadResult => ({ ok: false, reason, shown });
  if (isCellError(v)) return fail("invalid");
  const broken = brokenFormula(grid, row, col);
  if (broken) return fail("invalid", broken);
  if (typeof v === "number") {
    const numFmt = grid.numberFormat(row, col);
    if (Number.isNaN(v)) return fail("invalid", "无效的数值（NaN）");
    if (!inRange(v)) return fail("invalid", `超出可计算范围的数值（${String(v)}）`);
    if (isDateFormat(numFmt)) return fail("invalid", `日期 ${serialDate(v)}（此处应为数字，不能是日期）`);
    const percent = isPercentFormat(numFmt);
    const s = (percent ? 100 : 1) * scale;
    return { ok: true, percent, source: { ...base, kind: "cell", value: scaleValue(v, s), scale: s } };
  }
  if (v === null || (typeof v === "string" && (v.trim() === "" || isPlaceholder(v)))) return fail("blank", "空");
  if (typeof v === "boolean") return fail("text", `逻辑值 ${v ? "TRUE" : "FALSE"}`);
  const parsed = parseNumberText(v);
  if (!parsed) return fail("text");
  if (!inRange(parsed.value)) return fail("invalid", `超出可计算范围的数值 ${grid.shown(row, col)}`);
  return {
    ok: true,
    percent: parsed.percent,
    source: withPlace({ ...base, kind: "text", text: v, value: scaleValue(parsed.value, scale), scale }, parsed.value),
  };
}

export type AmountRead =
  | { ok: true; source: NumberSource }
  /** blank: nothing there. refused: not an amount (what the cell holds in `shown`, why in `why`). */
  | { ok: false; reason: "blank" }
  | { ok: false; reason: "refused"; why: "notNumber" | "percent" | "negative"; shown: string };

/**
 * An amount (预算数, 执行数): a number ≥ 0, or text ("3,724,055.00"; "864.2万": 万 means 万元
 * whatever the block's unit). A percent is not an amount.
 */
export function readAmount(grid: Grid, row: number, col: number, scale: number): AmountRead {
  const r = readNumber(grid, row, col, scale);
  const refused = (why: "notNumber" | "percent" | "negative", shown = grid.shown(row, col)): AmountRead => ({
    ok: false,
    reason: "refused",
    why,
    shown,
  });
  let source: NumberSource | undefined;
  if (r.ok) {
    if (r.percent) return refused("percent");
    source = r.source;
  } else if (r.reason === "blank") return { ok: false, reason: "blank" };
  else if (r.reason === "invalid") return refused("notNumber", r.shown);
  else {
    const raw = String(grid.value(row, col));
    // 万 / 亿 in the text state the unit whatever the block's: the value is in 万元.
    const unit = /^(.*?)\s*(万|亿)元?$/.exec(normalizeText(raw));
    const n = unit ? parseNumberText(unit[1]) : undefined;
    if (!unit || !n || n.percent || !inRange(n.value)) return refused("notNumber", r.shown);
    const factor = unit[2] === "亿" ? 10000 : 1;
    source = { sheet: grid.name, row, col, kind: "text", text: raw, value: n.value * factor, scale: factor };
    if (factor === 1) source = withPlace(source, n.value);
  }
  if (source.value < 0) return refused("negative");
  return { ok: true, source };
}

// ── Targets and actuals ────────────────────────────────────────────────────────────────────────

export interface TargetValue {
  source: NumberSource;
  direction?: Direction;
  percent: boolean;
  unit: string;
  /** A date or month (months from the start of the form's year), or a duration. */
  time?: "month" | "duration";
  /** Read from a date cell (a number in a date format): only a time target makes it a value. */
  dateCell?: boolean;
}

export type ValueRead =
  | { kind: "blank" }
  | { kind: "value"; value: TargetValue }
  /** Words (`明显提升`, `达到预期`): a 定性 row's. */
  | { kind: "words"; text: string }
  /**
   * Text that looks like a number but is not one numbers.md accepts (`1e3`, `1 234,56`, `9↵5`):
   * refused wherever the row needs a number, words elsewhere.
   */
  | { kind: "unreadable"; text: string; shown: string }
  /** Must never be read: error value, formula without result or broken, out of range. */
  | { kind: "invalid"; shown: string };

const ZERO_WORDS = /^(无|零|没有|未发生|0起|无发生)$/;
const DURATION_UNIT = /^(个)?(工作日|天|日|小时|分钟|周|个月)/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const MONTH = /^(?:(\d{4})年)?(\d{1,2})月(?:份)?(上旬|中旬|下旬|底|末)?(?:(\d{1,2})日)?(?:前|以前|之前|底前|末前|内|完成|前完成)?$/;
/** `2019年`, `2019年底前`, `年底前`, `年内`: the year's last day (forms.md "Year-only deadlines"). */
const YEAR_END = /^(?:(\d{4})年度?|年|本年|本年度|年度)(?:底|末|内|终)?(?:前|以前|之前|完成|前完成)?$/;
/** Starts like a number (after an operator): refused text rather than words when it fails to read. */
const NUMBER_LIKE =
  /^(?:[≥≤<>=≧≦＞＜]+|大于|小于|不低于|不高于|不超过|不少于)?\s*(?:[+\-−]\s*)?[\d.,]|^[¥$￥]\s*\d|^[+-]?(?:infinity|nan)$/i;

/**
 * Months from the start of `year`: 2023年12月 = 12, 2024年3月 = 15, 12月15日 = 11 + 15/30 (a month
 * counts 30 days, so a reviewer gets the same figure by hand). A month without a day means its end
 * (a deadline "9月前" is met in September); a year alone, its last day.
 */
export function monthValue(text: string, year: number): number | undefined {
  const s = normalizeText(text).replace(/\s+/g, "");
  const yearEnd = YEAR_END.exec(s);
  if (yearEnd && (yearEnd[1] || s !== "年")) return ((yearEnd[1] ? Number(yearEnd[1]) : year) - year) * 12 + 12;
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

function withPlace(source: NumberSource, unscaled: number): NumberSource {
  const extract = source.text !== undefined ? numberPlace(source.text, unscaled) : undefined;
  return extract ? { ...source, extract } : source;
}

/**
 * A 年度指标值 or 实际完成值 cell: a number; text with operator and unit (`≥95%`, `190项`, `≥266米`);
 * a date or month (`2023年12月`, `9月前`, `2019年`, `年底前`, a date cell), a duration (`2天以内`);
 * `无`/`零` (0); words; or nothing.
 */
export function readValue(grid: Grid, row: number, col: number | undefined, year: number): ValueRead {
  if (col === undefined) return { kind: "blank" };
  const cell = grid.value(row, col);
  const shown = grid.shown(row, col);
  if (isCellError(cell)) return { kind: "invalid", shown };
  const broken = brokenFormula(grid, row, col);
  if (broken) return { kind: "invalid", shown: broken };
  const base = { sheet: grid.name, row, col };
  if (typeof cell === "number") {
    // A date cell is a time value when the other side is a time (the row reader decides).
    if (isDateFormat(grid.numberFormat(row, col)) && inRange(cell)) {
      const text = serialDate(cell);
      const month = monthValue(text, year);
      if (month !== undefined)
        return {
          kind: "value",
          value: {
            source: { ...base, kind: "text", text, value: month, scale: 1 },
            direction: "<=",
            percent: false,
            unit: "",
            time: "month",
            dateCell: true,
          },
        };
    }
    const r = readNumber(grid, row, col);
    if (!r.ok) return { kind: "invalid", shown: r.shown };
    return { kind: "value", value: { source: r.source, percent: r.percent, unit: r.percent ? "%" : "" } };
  }
  if (typeof cell === "boolean") return { kind: "invalid", shown: `逻辑值 ${cell ? "TRUE" : "FALSE"}` };
  if (cell === null || cell.trim() === "") return { kind: "blank" };
  const folded = normalizeText(cell).replace(/\s+/g, "");
  if (ZERO_WORDS.test(folded))
    return { kind: "value", value: { source: { ...base, kind: "text", text: cell, value: 0, scale: 1 }, percent: false, unit: "" } };
  if (isPlaceholder(cell)) return { kind: "blank" };
  const plain = readNumber(grid, row, col);
  if (plain.ok) return { kind: "value", value: { source: plain.source, percent: plain.percent, unit: plain.percent ? "%" : "" } };
  if (plain.reason === "invalid") return { kind: "invalid", shown: plain.shown };
  const text = (value: number): NumberSource => ({ ...base, kind: "text", text: cell, value, scale: 1 });
  const month = monthValue(cell, year);
  if (month !== undefined)
    return { kind: "value", value: { source: text(month), direction: "<=", percent: false, unit: "", time: "month" } };
  const t = parseTarget(cell);
  if (t && inRange(t.value)) {
    const duration = DURATION_UNIT.test(t.unit);
    return {
      kind: "value",
      value: {
        source: withPlace(text(t.value), t.value),
        direction: t.direction,
        percent: t.percent,
        unit: t.unit,
        time: duration ? "duration" : undefined,
      },
    };
  }
  // The unit before the number (`每亩300元`): a number with its unit around it.
  const unitFirst = /^(每\p{Script=Han}{1,3})\s*(\d.*)$/u.exec(normalizeText(cell).trim());
  const u = unitFirst ? parseTarget(unitFirst[2]) : undefined;
  if (unitFirst && u && inRange(u.value))
    return {
      kind: "value",
      value: { source: text(u.value), direction: u.direction, percent: u.percent, unit: `${unitFirst[1]}${u.unit}` },
    };
  if (NUMBER_LIKE.test(normalizeText(cell).trim())) return { kind: "unreadable", text: cell, shown };
  return { kind: "words", text: grid.text(row, col) };
}

/** An amount the layer refused, logged at its cell (one wording on both paths). */
export function logAmountRefused(
  log: IssueLog,
  at: CellRef,
  label: string,
  r: Extract<AmountRead, { reason: "refused" }>,
  subject?: string,
): void {
  if (r.why === "percent") log.error(at, "cell.percentAmount", { label }, subject);
  else if (r.why === "negative") log.error(at, "cell.negative", { label, shown: r.shown }, subject);
  else log.error(at, "cell.notAmount", { label, shown: r.shown }, subject);
}

// ── Text, years, and whether a cell holds a number ─────────────────────────────────────────

export type TextRead = { ok: true; text: string } | { ok: false; shown: string };

/** A paragraph cell (文字材料 内容): its text with line breaks kept; an error value is not text. */
export function readText(grid: Grid, row: number, col: number): TextRead {
  const raw = grid.value(row, col);
  if (isCellError(raw)) return { ok: false, shown: grid.shown(row, col) };
  return { ok: true, text: raw === null ? "" : String(raw).replace(/\r\n?/g, "\n").trim() };
}

/** A year cell: 2023, "2023" or "2023年"; undefined otherwise. */
export function readYear(grid: Grid, row: number, col: number): number | undefined {
  return parseYear(grid.value(row, col));
}

/** Whether the cell holds a number (a header row holds none). */
export function holdsNumber(grid: Grid, row: number, col: number): boolean {
  return typeof grid.value(row, col) === "number";
}
