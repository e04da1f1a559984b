/**
 * The one indicator-row reader: the template's 绩效指标 and every form's indicator block are
 * tables of the same rows, located by a vocabulary (the template's with one word per field). Per
 * row: carry-down of 一级/二级, name prefixes, the cells through the cell-value layer, method
 * (a 评分方法 column, else inferred), tier, and the row checks. Where the two paths differ —
 * what an unnamed or incomplete row is, whether a problem stops the run — the `RowPolicy` says.
 */
import { METHODS, METHOD_IDS, type MethodId, WEIGHT_DECIMALS, hasWeightDecimals } from "../methods";
import { NATURES, type Nature, type Tier, oneOf } from "../contract";
import type { Grid } from "../grid";
import type { IssueLog } from "../issues";
import type { Indicator, NumberSource } from "../model";
import { type Direction, normalizeText, parseDirection } from "../numbers";
import type { CellRef, Severity } from "../problems";
import { quote } from "../quote";
import { type ReadResult, type ValueRead, readNumber, readValue } from "./cell";
import { TIER_LABEL, checkTierScore, inferMethod, looksLikeUnitMismatch, methodOf, parseTier, tierFromWords, tierRangeText } from "./rules";

export type IndicatorField =
  | "level1"
  | "level2"
  | "name"
  | "nature"
  | "direction"
  | "target"
  | "unit"
  | "actual"
  | "weight"
  | "method"
  | "tier"
  | "score"
  | "review"
  | "deviation";

/** The columns of a block: its 三级指标 (which makes a row an indicator's) and those found beside it. */
export type IndicatorCols = Partial<Record<IndicatorField, number>> & { name: number };

export interface RowPolicy {
  /**
   * "template": every row under the header is an indicator; an empty name, level, 分值, target or
   * actual is an error. "form": unused template lines, subtotal and breakdown rows are skipped; a
   * row with an empty 分值, target or actual is read on (flagged, its filled 得分 as 直接评分); a
   * target without a number beside words is 定性, its tier read from the words.
   */
  kind: "template" | "form";
  /** A 定性 得分 outside its tier's range. */
  tierRange: Severity;
  /** False: the form has neither 分值 nor 得分 (completion reported, scores empty). */
  scored?: boolean;
  /** False: the form's 完成值 and 得分 are all still blank (not yet evaluated). */
  evaluated?: boolean;
}

export const TEMPLATE_ROWS: RowPolicy = { kind: "template", tierRange: "error" };
export const FORM_ROWS: RowPolicy = { kind: "form", tierRange: "warning" };

/** A row shown but never scored: `其中…`, `含…`, `（1）…` or under a `★` row, with no 分值 of its own. */
export interface BreakdownRow {
  row: number;
  name: string;
  targetText: string;
  actualText: string;
}

/** A weight stated in a 一级 label (`产出指标（50分）`) and the rows under it. */
export interface LabelWeight {
  label: string;
  weight: number;
  ref: CellRef;
  rows: Indicator[];
}

export interface RowsRead {
  items: Indicator[];
  breakdown: BreakdownRow[];
  labelWeights: LabelWeight[];
  /** The row read as the execution item (`预算执行率` among the indicators), if any. */
  execution?: Indicator;
  /** Rows with a target or actual: none → the form is not yet evaluated. */
  anyActual: boolean;
}

/** Unused template lines: 指标1：, 指标2, ……, … */
const PLACEHOLDER_ONLY = /^(…+|\.{3,}|—+|-+|无)$/;
/** A numbered heading line: 一、产出指标 … */
const NUMBERED_LINE = /^[一二三四五六七八九十]+[、.．]/;
/** Prefixes stripped for display (forms.md): 指标1：, 指标1, ★, 1. */
const NAME_PREFIX = /^(?:指标\s*\d+\s*[：:]?|★|☆|\d{1,2}\s*[.．、](?!\d))\s*/;
const BREAKDOWN = /^(其中|含|[（(]\s*\d+\s*[)）])/;
/** An indicator row that is the execution item itself (forms.md "Frameworks"). */
const EXECUTION_NAME = /^(预算|资金|项目资金|财政资金)?(预算)?执行率$|^预算执行(情况)?$/;

/** 产出指标（50分） → 产出指标. */
function stripWeight(label: string): string {
  return label.replace(/\s*[（(]\s*\d+(\.\d+)?\s*分\s*[)）]\s*$/, "").trim();
}

/** （20分）, 20分*执行率, 权重 10, 执行率权重10 in a label. */
export function labelWeight(texts: readonly string[]): number | undefined {
  for (const raw of texts) {
    const t = normalizeText(raw).replace(/\s+/g, "");
    const m = /(\d+(?:\.\d+)?)分/.exec(t) ?? /权重[:：]?(\d+(?:\.\d+)?)/.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

function displayName(raw: string): string {
  let name = raw.trim();
  for (let i = 0; i < 2; i++) name = name.replace(NAME_PREFIX, "");
  return name.trim();
}

/** The reader's context: the form's year (for months), the scoring execution item's row. */
export interface RowContext {
  grid: Grid;
  cols: IndicatorCols;
  rows: readonly number[];
  year: number;
  policy: RowPolicy;
  log: IssueLog;
}

export function readIndicatorRows(ctx: RowContext): RowsRead {
  const { grid, cols: c, policy, log } = ctx;
  const form = policy.kind === "form";
  const text = (row: number, col: number | undefined) => (col === undefined ? "" : grid.text(row, col));
  const ref = (row: number, col: number | undefined, fallback: number) => grid.ref(row, col ?? fallback);
  const nameCol = c.name;
  const out: RowsRead = { items: [], breakdown: [], labelWeights: [], anyActual: false };
  const names = new Map<string, string>();
  let level1 = "";
  let level2 = "";
  let starred = false;
  let currentLabel: LabelWeight | undefined;
  for (const row of ctx.rows) {
    const l1raw = text(row, c.level1);
    const l2raw = text(row, c.level2);
    if (l1raw && stripWeight(l1raw) !== level1) {
      level1 = stripWeight(l1raw);
      level2 = "";
      currentLabel = undefined;
    }
    if (l1raw) {
      const w = labelWeight([l1raw]);
      if (w !== undefined && l1raw !== currentLabel?.label) {
        currentLabel = { label: level1, weight: w, ref: ref(row, c.level1, nameCol), rows: [] };
        out.labelWeights.push(currentLabel);
      }
    }
    if (l2raw) level2 = stripWeight(l2raw);
    const rawName = text(row, nameCol);
    // The template names its rows as typed (`指标12` is a name there); a form's `指标1：` alone is an unused line.
    const name = displayName(rawName) || (form ? "" : rawName.trim());
    const targetText = text(row, c.target);
    const actualText = text(row, c.actual);
    const weightRead: ReadResult = c.weight !== undefined ? readNumber(grid, row, c.weight) : blankRead;
    const scoreRead: ReadResult = c.score !== undefined ? readNumber(grid, row, c.score) : blankRead;
    const hasData = Boolean(targetText || actualText);
    const cells = {
      target: ref(row, c.target, nameCol),
      actual: ref(row, c.actual, nameCol),
      weight: ref(row, c.weight, c.score ?? nameCol),
      selfScore: ref(row, c.score, c.weight ?? nameCol),
      deviation: ref(row, c.deviation, c.actual ?? nameCol),
      name: grid.ref(row, nameCol),
    };

    if (form) {
      // Unused template lines (指标2：, ……, a bare 二级 label) and subtotal lines are not indicators.
      if (!name || PLACEHOLDER_ONLY.test(name) || (NUMBERED_LINE.test(name) && !hasData)) {
        if (name && hasData) log.error(cells.name, "indicator.namePlaceholder", { shown: quote(rawName) });
        continue;
      }
      if (!hasData && isBlank(weightRead) && isBlank(scoreRead)) continue;
      // Breakdown rows carry a target and an actual but no 分值: shown, never scored.
      const breakdown = (BREAKDOWN.test(rawName) || starred) && isBlank(weightRead) && c.weight !== undefined;
      if (breakdown) {
        out.breakdown.push({ row, name, targetText, actualText });
        continue;
      }
      starred = /★/.test(rawName);
    } else if (!rawName) {
      log.error(cells.name, "indicator.nameEmpty", {});
      continue;
    }
    if (!form) {
      const sameName = names.get(name);
      if (sameName) log.warn(cells.name, "indicator.duplicateName", { name, other: sameName }, name);
      else names.set(name, grid.cell(row, nameCol));
      if (!level1) log.error(ref(row, c.level1, nameCol), "indicator.levelEmpty", { level: "一级指标" }, name);
      if (!level2) log.error(ref(row, c.level2, nameCol), "indicator.levelEmpty", { level: "二级指标" }, name);
    }

    // ── 分值 and 得分
    let weight: Indicator["weight"] | undefined;
    let weightMissing = false;
    if (c.weight !== undefined) {
      if (weightRead.ok && !weightRead.percent) {
        const w = weightRead.source.value;
        if (!(w > 0)) log.error(cells.weight, "weight.notPositive", { value: w }, name);
        else if (!hasWeightDecimals(w)) log.error(cells.weight, "weight.decimals", { decimals: WEIGHT_DECIMALS, value: w }, name);
        else weight = weightRead.source;
      } else if (!weightRead.ok && weightRead.reason === "blank" && form) weightMissing = true;
      else log.error(cells.weight, "weight.notNumber", { shown: grid.shown(row, c.weight) }, name);
    }
    let selfScore: NumberSource | undefined;
    if (scoreRead.ok && !scoreRead.percent) selfScore = scoreRead.source;
    else if (scoreRead.ok || scoreRead.reason !== "blank")
      log.error(
        cells.selfScore,
        "cell.notNumber",
        { label: form ? "得分" : "自评得分", shown: scoreRead.ok ? grid.shown(row, cells.selfScore.col) : scoreRead.shown },
        name,
      );
    let review: NumberSource | undefined;
    if (c.review !== undefined) {
      const r = readNumber(grid, row, c.review);
      if (r.ok && !r.percent) review = r.source;
      else if (r.ok || r.reason !== "blank")
        log.error(
          grid.ref(row, c.review),
          "cell.notNumber",
          { label: "复核得分", shown: r.ok ? grid.shown(row, c.review) : r.shown },
          name,
        );
    }

    // ── The execution item written as an indicator row
    const executionWeight = weight ?? (selfScore && { value: selfScore.value, kind: "profile" as const });
    if (form && EXECUTION_NAME.test(name.replace(/\s+/g, "")) && executionWeight) {
      const item: Indicator = {
        sheet: grid.name,
        row,
        level1,
        level2,
        name: "预算执行率",
        nature: "定量",
        direction: ">=",
        method: "执行率",
        targetText,
        actualText,
        unit: "%",
        weight: executionWeight,
        selfScore,
        review,
        deviation: text(row, c.deviation),
        cells,
      };
      out.execution = item;
      continue;
    }

    // ── Target and actual, through the cell layer
    const targetRead = readValue(grid, row, c.target, ctx.year);
    const actualRead = readValue(grid, row, c.actual, ctx.year);
    if (actualRead.kind !== "blank") out.anyActual = true;
    const natureText = text(row, c.nature);
    const directionText = text(row, c.direction);
    const methodText = c.method !== undefined ? grid.key(row, c.method) : "";
    // A cell that cannot be read is refused at that cell, naming the method that needs its number.
    const failedValue = (which: "target" | "actual", read: ValueRead, other: ValueRead): boolean => {
      const at = cells[which];
      const label = which === "target" ? "年度指标值" : "实际完成值";
      const needs = () => {
        const explicit = oneOf(METHOD_IDS, methodText);
        const dir = parseDirection(directionText) ?? (targetRead.kind === "value" ? targetRead.value.direction : undefined);
        return { method: explicit ?? methodOf(dir ?? ">="), shown: grid.shown(at.row, at.col) };
      };
      if (read.kind === "invalid") {
        if (which === "target") log.error(at, "cell.unreadable", { label, shown: read.shown }, name);
        else log.error(at, "actual.notNumber", { ...needs(), shown: read.shown }, name);
      } else if (read.kind === "unreadable" && (other.kind === "value" || other.kind === "unreadable"))
        log.error(at, which === "target" ? "target.notNumber" : "actual.notNumber", needs(), name);
      else if (read.kind === "value" && read.value.dateCell && !(other.kind === "value" && other.value.time === "month")) {
        const shown = `日期 ${read.value.source.text}（此处应为数字，不能是日期）`;
        if (which === "target") log.error(at, "cell.unreadable", { label, shown }, name);
        else log.error(at, "actual.notNumber", { ...needs(), shown }, name);
      } else if (read.kind === "value" && read.value.source.value < 0)
        log.error(at, "cell.negative", { label, shown: grid.shown(at.row, at.col) }, name);
      else return false;
      return true;
    };
    const targetFailed = failedValue("target", targetRead, actualRead);
    const actualFailed = failedValue("actual", actualRead, targetRead);
    if (targetFailed || actualFailed) continue;
    const target = targetRead.kind === "value" ? targetRead.value : undefined;
    const actual = actualRead.kind === "value" ? actualRead.value : undefined;

    if (policy.evaluated === false) {
      // Not yet evaluated: the rows are listed with their weights and methods, completion unknown.
      if (!weight) continue;
      const natureDirection = parseDirection(text(row, c.nature)) ?? (/反向/.test(text(row, c.nature)) ? "<=" : undefined);
      const direction = natureDirection ?? target?.direction ?? (target?.time ? "<=" : ">=");
      out.items.push({
        sheet: grid.name,
        row,
        level1,
        level2,
        name,
        nature: target ? "定量" : "定性",
        direction,
        method: target ? methodOf(direction) : "定性分档",
        targetText,
        actualText,
        unit: text(row, c.unit) || target?.unit || "",
        target: target?.source,
        weight,
        deviation: text(row, c.deviation),
        cells,
        unscored: "notEvaluated",
      });
      continue;
    }

    // ── Method: the 评分方法 column, else 指标性质 / 指标方向, else inferred from the values
    let nature: Nature | undefined;
    let direction: Direction | undefined = directionText ? parseDirection(directionText) : undefined;
    if (directionText && !direction && !form) {
      const at = ref(row, c.direction, nameCol);
      log.error(at, "indicator.directionInvalid", { shown: grid.shown(at.row, at.col) }, name);
    }
    if (natureText && c.nature !== undefined) nature = oneOf(NATURES, grid.key(row, c.nature));
    if (natureText && !nature) {
      const at = ref(row, c.nature, nameCol);
      if (!form) log.error(at, "indicator.natureInvalid", { shown: grid.shown(at.row, at.col) }, name);
      // A form's 指标性质 column may say 定性, or give the direction (正向 / 反向 / ≥ …).
      else if (/定性/.test(natureText)) nature = "定性";
      else if (/正向|反向|[≥≤=]|定量/.test(natureText) && target && actual) {
        nature = "定量";
        direction ??= /反向|≤|<=/.test(natureText) ? "<=" : /正向|≥|>=/.test(natureText) ? ">=" : /[=]/.test(natureText) ? "=" : undefined;
      }
    }
    let method: MethodId | undefined;
    if (methodText) {
      method = oneOf(METHOD_IDS, methodText);
      if (!method)
        log.error(
          ref(row, c.method, nameCol),
          "indicator.methodUnknown",
          { method: methodText, allowed: Object.keys(METHODS).join("、") },
          name,
        );
    }
    const inferred = inferMethod(level2, target, actual);
    if (!nature) {
      // The template: a number target makes the row 定量 (its actual must then be a number too).
      if (!form && target && target.time !== "month") nature = "定量";
      else nature = inferred.nature;
    }
    direction = direction ?? target?.direction ?? inferred.direction;
    if (!method)
      method =
        nature === "定性"
          ? "定性分档"
          : target && actual
            ? direction === inferred.direction
              ? inferred.method
              : methodOf(direction)
            : methodOf(direction);

    if (!form && method !== "扣分" && method !== "直接评分" && (targetRead.kind === "blank" || actualRead.kind === "blank")) {
      // The template: every indicator states its target and its actual.
      const blank = targetRead.kind === "blank" ? "target" : "actual";
      if (method === "定性分档") log.error(cells[blank], "cell.empty", { label: blank === "target" ? "年度指标值" : "实际完成值" }, name);
      else log.error(cells[blank], blank === "target" ? "target.notNumber" : "actual.notNumber", { method, shown: "空" }, name);
      continue;
    }

    // ── Rows with nothing to verify the 得分 against
    let tier: Tier | undefined;
    const quantitative = ["正向比例", "反向比例", "等于"].includes(method);
    if (form && !targetText && !actualText) {
      method = "直接评分";
      if (selfScore) log.warn(cells.selfScore, "indicator.directScore", { name, score: selfScore.value }, name);
    } else if (form && (weightMissing || (targetRead.kind === "blank") !== (actualRead.kind === "blank"))) {
      // An empty 分值, target or actual on a row of a form: read on, the filled 得分 stands.
      const at = weightMissing ? cells.weight : targetRead.kind === "blank" ? cells.target : cells.actual;
      const label = weightMissing ? "分值" : targetRead.kind === "blank" ? "年度指标值" : "实际完成值";
      log.warn(at, "row.cellMissing", { name, label }, name);
      method = "直接评分";
    } else if (quantitative) {
      if (!target) {
        log.error(cells.target, "target.notNumber", { method, shown: grid.shown(cells.target.row, cells.target.col) }, name);
        continue;
      }
      if (!actual) {
        log.error(cells.actual, "actual.notNumber", { method, shown: grid.shown(cells.actual.row, cells.actual.col) }, name);
        continue;
      }
      if (method !== "等于" && !(target.source.value > 0) && !form) {
        log.error(cells.target, "target.notPositive", { method, shown: grid.shown(cells.target.row, cells.target.col) }, name);
        continue;
      }
      if (looksLikeUnitMismatch(target, actual))
        log.warn(cells.actual, "indicator.unitMismatch", { target: quote(targetText), actual: quote(actualText) }, name);
    } else if (method === "定性分档") {
      const tierText = c.tier !== undefined ? grid.key(row, c.tier) : "";
      tier = tierText ? parseTier(tierText) : form ? tierFromWords(actualText) : undefined;
      if (tierText && !tier) {
        const at = ref(row, c.tier, nameCol);
        log.error(at, "indicator.tierInvalid", { shown: grid.shown(at.row, at.col) }, name);
        continue;
      }
      if (!tier) {
        const from = natureText || !targetText ? "" : quote(targetText);
        log.error(
          ref(row, c.tier, c.actual ?? nameCol),
          "qualitative.tierMissing",
          { target: from, hasColumn: c.tier !== undefined },
          name,
        );
        continue;
      }
    }
    if ((method === "扣分" || method === "直接评分") && !form) {
      if (!selfScore) log.error(cells.selfScore, "score.required", { method }, name);
      else if (selfScore.value < 0) log.error(cells.selfScore, "score.negative", {}, name);
      else if (method === "直接评分" && weight && selfScore.value > weight.value)
        log.error(cells.selfScore, "score.aboveWeight", { score: selfScore.value, weight: weight.value }, name);
    }
    if (method === "定性分档" && tier && !selfScore && tier !== "achieved" && policy.scored !== false) {
      if (form) log.error(cells.selfScore, "qualitative.scoreRequired", { name, actual: actualText ? quote(actualText) : "空" }, name);
      else if (weight)
        log.error(cells.selfScore, "tier.scoreRequired", { tier: TIER_LABEL[tier], range: tierRangeText(tier, weight.value).text }, name);
      continue;
    }
    if (method === "直接评分" && form && !selfScore && policy.scored !== false) {
      log.error(cells.selfScore, "qualitative.scoreRequired", { name, actual: actualText ? quote(actualText) : "空" }, name);
      continue;
    }

    const unscored = policy.scored === false ? ("noWeights" as const) : undefined;
    if (!weight) {
      if (c.weight !== undefined && !weightMissing) continue;
      // No 分值 of its own: the filled 得分 stands as its own weight until a label gives one.
      weight = { value: selfScore?.value ?? 0, kind: "profile" };
    }
    const indicator: Indicator = {
      sheet: grid.name,
      row,
      level1,
      level2,
      name,
      nature: method === "定性分档" ? "定性" : "定量",
      direction,
      method,
      targetText,
      actualText,
      unit: text(row, c.unit) || target?.unit || actual?.unit || (target?.percent ? "%" : ""),
      target: target?.source,
      actual: actual?.source,
      weight,
      tier,
      selfScore,
      review,
      deviation: text(row, c.deviation),
      cells,
      ...(unscored ? { unscored } : {}),
    };
    if (tier && selfScore && weight.value > 0)
      checkTierScore(log, policy.tierRange, cells.selfScore, {
        name,
        tier,
        weight: weight.value,
        score: selfScore.value,
        actual: quote(actualText),
        fromWords: form && c.tier === undefined,
      });
    currentLabel?.rows.push(indicator);
    out.items.push(indicator);
  }
  return out;
}

const blankRead: ReadResult = { ok: false, reason: "blank", shown: "空" };

const isBlank = (r: ReadResult) => !r.ok && r.reason === "blank";
