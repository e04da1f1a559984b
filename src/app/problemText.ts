/**
 * How the pane, the ribbon dialog and the WPS message box word a problem: its place from its
 * `ref`, its message from its `code` and `params` in the UI's locale (core/problems.ts). Nothing
 * here reads a message's wording or parses an address.
 */
import { type ProblemCode, bareProblem, placeName, renderProblem } from "../core/problems";
import { type Messages, format, localeOf } from "./i18n";
import type { PaneProblem } from "./workflow";

type Params = Record<string, string | number | boolean>;

/**
 * The field each "<field>应为…，现为<what the cell holds>" problem is about. When its cell is empty
 * the pane says `<field>未填写` (分值未填写), which reads faster than "应为数字，现为空".
 */
const FIELD_OF: Partial<Record<ProblemCode, (p: Params) => string>> = {
  "cell.notNumber": (p) => String(p.label),
  "cell.notAmount": (p) => String(p.label),
  "cell.unreadable": (p) => String(p.label),
  "weight.notNumber": () => "分值",
  "target.notNumber": () => "年度指标值",
  "actual.notNumber": () => "实际完成值",
  "info.yearInvalid": () => "年度",
  "info.typeInvalid": () => "评价类型",
  "info.amountUnitInvalid": () => "金额单位",
  "budget.categoryInvalid": () => "支出类别",
  "indicator.natureInvalid": () => "指标性质",
  "indicator.directionInvalid": () => "指标方向",
  "indicator.tierInvalid": () => "完成情况",
};

/** The message, in the UI's locale; an empty cell's problem as `<field>未填写`. */
export function problemMessage(p: PaneProblem, m: Messages): string {
  const field = p.blank ? FIELD_OF[p.code] : undefined;
  return field ? `${field(p.params)}${m.notFilled}` : renderProblem(p, localeOf(m));
}

/** The place, and the row's subject where there is one: `绩效指标!H5 · 培训人次`. */
function problemPlace(p: PaneProblem, m: Messages): string {
  const place = placeName(p);
  return p.subject ? `${place}${m.subjectSeparator}${p.subject}` : place;
}

/** One line of a list (the ribbon's dialog, WPS's message box): place · subject：message. */
export function problemLine(p: PaneProblem, m: Messages): string {
  return format(m.issueLine, { cell: problemPlace(p, m), message: problemMessage(p, m) });
}

/** What crosses into the ribbon's dialog: the typed problem and whether its cell was empty, no display text. */
export function portableProblem(p: PaneProblem): PaneProblem {
  return { ...bareProblem(p), ...(p.blank ? { blank: true } : {}) };
}
