/**
 * The commands, host-agnostic and pure: a snapshot in, a plan out. `planCommand` is the whole
 * computation; port/run.ts adds the two port calls around it.
 *
 * A workbook holds either Jixiao's template (workbook.md) or official 自评表 forms (forms.md); both
 * become the same Input, so scoring, 评分结果 and the report do not care which.
 */
import { type EvaluationType, INPUT_SHEETS, OUTPUT_SHEETS, SHEET, TEMPLATE_SHEETS } from "./contract";
import { type Evaluation, evaluateInput } from "./evaluate";
import { explainNoForm, filledView, formChecks, readForms } from "./forms";
import { parseWorkbook } from "./input/parse";
import { type CellIssue, InputError, IssueLog } from "./issues";
import { errorIssue, sheetRef } from "./problems";
import type { WorkbookPlan } from "./plan";
import { type ReportModel, buildReportModel, renderReportSheets } from "./report";
import { buildInputSheets } from "./sheets/inputSheets";
import { type ScoreSheetLayout, buildScoreSheet } from "./sheets/scoreSheet";
import { type Summary, summarize, summarizeForms } from "./summary";
import type { WorkbookSnapshot } from "./snapshot";

export type Command = "score" | "report";

export interface RunOptions {
  /** Overrides the 评分规则 of 基本信息 (the pane's profile picker, the CLI's flag). */
  profileId?: string;
  /** Forms: the sheet of the form to report (the pane's picker, `--form`); default the first in tab order. */
  formSheet?: string;
  /** Forms: which scores the report states, the rule's (default) or the department's filled ones. */
  scores?: "rule" | "filled";
}

export interface CommandResult {
  plan: WorkbookPlan;
  /** The evaluation reported (a form's: the one chosen), as the report states it. */
  evaluation: Evaluation;
  /** Every form's evaluation (the template's alone otherwise). */
  evaluations: Evaluation[];
  summary: Summary;
  /**
   * The report as data, when the plan writes 自评报告 (`report`, or `score` refreshing one): the
   * sheets above were rendered from it, and the .docx renders it too, so the two state the same figures.
   */
  report?: ReportModel;
}

export function isTemplateWorkbook(snapshot: WorkbookSnapshot): boolean {
  return TEMPLATE_SHEETS.every((s) => snapshot.sheetNames.includes(s));
}

/** What scoring a workbook knows before anything is planned: every evaluation, the reported one, the summary. */
export interface WorkbookEvaluation {
  evaluations: Evaluation[];
  /** The evaluation reported (a form's: the one chosen), as the report states it. */
  reported: Evaluation;
  reportedIndex: number;
  summary: Summary;
  warnings: Evaluation["warnings"];
  /** Forms that could not be read (each named by a `form.unreadable` error, then its own errors); others were scored. */
  errors?: CellIssue[];
}

/**
 * Parses and scores the template or every form; throws InputError on bad input. No plan is built:
 * `jixiao review` needs only this, and planCommand adds the sheets.
 */
export function evaluateWorkbook(snapshot: WorkbookSnapshot, options: RunOptions = {}): WorkbookEvaluation {
  if (isTemplateWorkbook(snapshot)) {
    const { input, log } = parseWorkbook(snapshot, options);
    const evaluation = evaluateInput(input, log.warnings);
    return {
      evaluations: [evaluation],
      reported: evaluation,
      reportedIndex: 0,
      summary: summarize(evaluation),
      warnings: evaluation.warnings,
    };
  }
  const log = new IssueLog();
  const { forms, failed, found } = readForms(snapshot, log, options);
  if (!found) {
    // Part of the template: its own messages (the missing sheets). Else what was looked for as a form.
    if (TEMPLATE_SHEETS.some((s) => snapshot.sheetNames.includes(s))) parseWorkbook(snapshot, options);
    explainNoForm(snapshot, log);
  }
  // One form that cannot be read never sinks the others: exit 2 only when none can be scored, or
  // when the one asked for cannot.
  if (forms.length === 0) log.throwIfErrors();
  const askedFailed = options.formSheet && !forms.some((f) => f.input.form.sheet === options.formSheet);
  const askedErrors = failed.filter((f) => f.sheet === options.formSheet).flatMap((f) => f.errors);
  if (askedFailed && askedErrors.length) throw new InputError(askedErrors);
  const evaluations = forms.map(({ input, warnings }) => {
    const ev = evaluateInput(input, warnings);
    ev.warnings.push(...formChecks(ev));
    return ev;
  });
  const asked = options.formSheet;
  const chosen = asked ? evaluations.find((e) => e.input.form.sheet === asked) : evaluations[0];
  if (!chosen) {
    const sheets = evaluations.map((e) => `“${e.input.form.sheet}”`).join("、");
    throw new InputError([errorIssue(sheetRef(asked ?? ""), "form.notOnSheet", { sheet: asked ?? "", sheets })]);
  }
  const errors = failed.flatMap((f) => [
    errorIssue(f.titleCell, "form.unreadable", { sheet: f.sheet, count: f.errors.length }, f.sheet),
    ...f.errors,
  ]);
  const reported = options.scores === "filled" ? filledView(chosen) : chosen;
  const warnings = evaluations.flatMap((e) => e.warnings);
  const summary = summarizeForms(evaluations, chosen, reported, warnings, options.scores ?? "rule", errors);
  return { evaluations, reported, reportedIndex: evaluations.indexOf(chosen), summary, warnings, errors };
}

/** Parses, scores and plans the writes; throws InputError (nothing planned) on bad input. */
export function planCommand(snapshot: WorkbookSnapshot, command: Command, options: RunOptions = {}): CommandResult {
  return plan(snapshot, command, evaluateWorkbook(snapshot, options));
}

function plan(snapshot: WorkbookSnapshot, command: Command, e: WorkbookEvaluation): CommandResult {
  const { evaluations, reported, reportedIndex, summary } = e;
  // 评分结果 lists a form that could not be read (with its cells) before the checks of those scored.
  const { sheet, layouts } = buildScoreSheet(evaluations, [...(e.errors ?? []), ...e.warnings]);
  // The reported form's cells on 评分结果, which the report's figures and the key names point to.
  const layout = reported === evaluations[reportedIndex] ? layouts[reportedIndex] : filledLayout(layouts[reportedIndex]);
  const sheets = [sheet];
  let report: ReportModel | undefined;
  // A 自评报告 already in the workbook is refreshed by 计算得分 too: its formulas read 评分结果,
  // which is replaced whole (in Excel its references would otherwise become #REF!).
  if (command === "report" || snapshot.sheetNames.includes(SHEET.report)) {
    report = buildReportModel(reported, layout);
    sheets.push(...renderReportSheets(report));
  }
  const shown = sheets.find((s) => s.name === SHEET.report) ?? sheet;
  const names = KEY_FIGURES.map(([name, key]) => ({ name, sheet: SHEET.scores, address: layout[key] as string }));
  return { plan: { sheets, activate: shown.name, names }, evaluation: reported, evaluations, summary, report };
}

/**
 * The workbook-level names of the key figures on 评分结果 (README "Excel add-in"): of the reported
 * form when there are several. Users link to them; re-runs repoint them, never delete them.
 */
export const KEY_FIGURES = [
  ["全年预算数", "budgetTotal"],
  ["全年执行数", "spentTotal"],
  ["预算执行率", "rateTotal"],
  ["年初预算数", "initialBudgetTotal"],
  ["基本支出预算数", "budgetBasic"],
  ["项目支出预算数", "budgetProject"],
  ["基本支出执行数", "spentBasic"],
  ["项目支出执行数", "spentProject"],
  ["自评总分", "maxScore"],
  ["自评得分", "totalScore"],
  ["自评等级", "grade"],
] as const;

/** The report on filled scores reads the filled cells of 评分结果. */
function filledLayout(layout: ScoreSheetLayout): ScoreSheetLayout {
  return {
    ...layout,
    totalScore: layout.filledScore ?? layout.totalScore,
    grade: layout.filledGrade ?? layout.grade,
    indicatorCols: { ...layout.indicatorCols, score: layout.indicatorCols.filled ?? layout.indicatorCols.score },
  };
}

/**
 * 插入模板: plans the input sheets that are missing. Existing sheets are the user's and are never
 * replaced; `created` is empty when all four exist.
 */
export function planTemplate(
  snapshot: WorkbookSnapshot,
  type: EvaluationType,
): { plan: WorkbookPlan; created: string[]; existing: string[] } {
  const all = buildInputSheets(type);
  const missing = all.filter((s) => !snapshot.sheetNames.includes(s.name));
  return {
    plan: { sheets: missing, activate: missing[0]?.name },
    created: missing.map((s) => s.name),
    existing: all.filter((s) => snapshot.sheetNames.includes(s.name)).map((s) => s.name),
  };
}

export { INPUT_SHEETS, OUTPUT_SHEETS };
