/**
 * The task pane's card for official 自评表 forms (forms.md): one line per form found, the picker
 * of the form to report (when there are several), its rule and filled totals side by side with
 * both grades, the rows where the two differ (click one to select its 得分 cell), and which scores
 * the report states. Pure DOM over a Summary; the pane owns the state object and the actions.
 */
import { formatRate, formatScore } from "../../core/format";
import { type CellRef, refName } from "../../core/problems";
import type { FormSummary, Summary } from "../../core/summary";
import { el } from "./dom";
import { type Messages, format } from "../i18n";

export type ReportScores = "rule" | "filled";

/** What the user chose in the card, kept by the pane for the next 生成报告. */
export interface FormChoice {
  /** The sheet of the form to report; undefined: the engine's default (the first in tab order). */
  formSheet?: string;
  scores: ReportScores;
}

export interface Difference {
  name: string;
  filled: number;
  rule: number;
  /** The form's 得分 cell, else the row's first cell. */
  ref: CellRef;
}

/** Scores are rounded to 2 decimals; anything below this is the same score. */
const SAME = 0.005;

/** `Sheet1：项目支出绩效自评表 · 某某项目 · 2023年度` (部门整体 forms without a project name their unit). */
export function formLine(f: FormSummary, m: Messages): string {
  const details = [f.title, f.project || f.unit, f.year ? format(m.formYear, { year: f.year }) : ""].filter((s) => s);
  return format(m.formLine, { sheet: f.sheet, details: details.join(m.formSeparator) });
}

/** The rows whose filled 得分 differs from the rule score, in form order. */
export function differencesOf(f: FormSummary): Difference[] {
  const out: Difference[] = [];
  for (const i of f.indicators) {
    if (i.filledScore === null || i.filledScore === undefined || i.score === null) continue;
    if (Math.abs(i.filledScore - i.score) < SAME) continue;
    const ref = i.filledRef ?? i.ref;
    if (!ref) continue;
    out.push({ name: i.name, filled: i.filledScore, rule: i.score, ref });
  }
  return out;
}

/** The form the card shows and 生成报告 reports: the chosen one if it is still there, else the reported one, else the first. */
export function pickedForm(summary: Summary, choice: FormChoice): FormSummary | undefined {
  const forms = summary.forms ?? [];
  return (
    forms.find((f) => f.sheet === choice.formSheet) ??
    forms.find((f) => f.sheet === summary.sheet) ??
    (forms.length > 0 ? forms[0] : undefined)
  );
}

/** The run options the choice gives 生成报告: only a form that exists in the last summary is named. */
export function reportOptions(summary: Summary | null, choice: FormChoice): { formSheet?: string; scores?: ReportScores } {
  if (!summary || summary.source !== "form") return {};
  const form = pickedForm(summary, choice);
  return { formSheet: form?.sheet, scores: choice.scores };
}

export interface FormCardHandlers {
  /** A difference was clicked: select this cell in the workbook. */
  selectCell(ref: CellRef): void;
}

/**
 * Fills `card` with the forms of `summary` (source "form"). Changing the picker or the toggle
 * updates `choice` in place; the picker also redraws the card for the newly picked form.
 */
export function renderFormCard(card: HTMLElement, summary: Summary, choice: FormChoice, m: Messages, handlers: FormCardHandlers): void {
  const forms = summary.forms ?? [];
  const form = pickedForm(summary, choice);
  if (form && forms.length > 1) choice.formSheet = form.sheet;
  const redraw = () => renderFormCard(card, summary, choice, m, handlers);

  const found = el("h2", {}, format(m.formsFound, { count: forms.length }));
  const lines = el("ul", { class: "jx-form-lines" }, ...forms.map((f) => el("li", { class: "jx-form-line" }, formLine(f, m))));

  let picker: HTMLElement | null = null;
  if (forms.length > 1) {
    const select = el(
      "select",
      { id: "jx-form-pick" },
      ...forms.map((f) =>
        el(
          "option",
          { value: f.sheet, selected: f === form },
          format(m.formOption, { sheet: f.sheet, name: f.project || f.unit || f.title }),
        ),
      ),
    );
    select.value = form?.sheet ?? "";
    select.addEventListener("change", () => {
      choice.formSheet = select.value;
      redraw();
    });
    picker = el("div", { class: "jx-field" }, el("label", { for: "jx-form-pick" }, m.formPick), select);
  }

  card.replaceChildren(found, lines, ...(picker ? [picker] : []), ...(form ? formDetails(form, choice, m, handlers) : []));
}

function formDetails(form: FormSummary, choice: FormChoice, m: Messages, handlers: FormCardHandlers): HTMLElement[] {
  const score = (x: number | null) => (x === null ? m.notApplicable : formatScore(x));
  const figure = (id: string, label: string, total: string, grade: string) =>
    el(
      "div",
      { class: `jx-total jx-total-${id}` },
      el("span", { class: "jx-total-label" }, label),
      el("strong", { id: `jx-${id}-total` }, total),
      el("span", { class: "jx-grade", id: `jx-${id}-grade`, title: m.grade }, grade),
    );
  const totals = el(
    "div",
    { class: "jx-totals" },
    figure("rule", m.ruleScore, score(form.score.total), form.score.grade ?? m.notApplicable),
    figure("filled", m.filledScore, score(form.score.filled), form.score.filledGrade ?? m.notApplicable),
  );
  const rate = form.executionRate.total;
  const facts = el(
    "dl",
    { class: "jx-rates" },
    el("dt", {}, m.executionRate),
    el("dd", { id: "jx-form-rate" }, rate === null ? m.notApplicable : formatRate(rate)),
    el("dt", {}, m.differencesLabel),
    el("dd", { id: "jx-diff-count" }, format(m.differencesCount, { count: form.differences })),
  );

  const diffs = differencesOf(form);
  const diffList =
    diffs.length === 0
      ? null
      : el(
          "div",
          { class: "jx-diffs" },
          el("h3", {}, m.differencesTitle),
          el(
            "ul",
            {},
            ...diffs.map((d) => {
              const cell = refName(d.ref);
              const b = el(
                "button",
                { type: "button", class: "jx-diff", title: format(m.differenceHint, { cell }), "data-cell": cell },
                el("span", { class: "jx-diff-name" }, d.name),
                el(
                  "span",
                  { class: "jx-diff-scores" },
                  format(m.differenceScores, { filled: formatScore(d.filled), rule: formatScore(d.rule) }),
                ),
              );
              b.addEventListener("click", () => handlers.selectCell(d.ref));
              return el("li", {}, b);
            }),
          ),
        );

  const radio = (value: ReportScores, label: string) => {
    const input = el("input", { type: "radio", name: "jx-scores", id: `jx-scores-${value}`, value, checked: choice.scores === value });
    input.checked = choice.scores === value;
    input.addEventListener("change", () => {
      if (input.checked) choice.scores = value;
    });
    return el("label", { class: "jx-radio", for: `jx-scores-${value}` }, input, label);
  };
  const toggle = el(
    "div",
    { class: "jx-scores", id: "jx-scores", role: "radiogroup", "aria-labelledby": "jx-scores-label" },
    el("span", { class: "jx-scores-label", id: "jx-scores-label" }, m.reportScores),
    radio("rule", m.ruleScore),
    radio("filled", m.filledScore),
  );
  return [totals, facts, ...(diffList ? [diffList] : []), toggle];
}
