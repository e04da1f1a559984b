/**
 * The task pane: three actions, a profile picker, progress, the summary card (the template's, or
 * the forms card of forms.ts), and the list of errors and warnings (click one to select its cell).
 * All text comes from i18n.ts.
 */
import { reportDocx } from "../adapters/docx/reportDocx";
import { EVALUATION_TYPES, type EvaluationType } from "../core/contract";
import type { Command } from "../core/engine";
import { InputError } from "../core/issues";
import type { CellIssue } from "../core/issues";
import { PROFILES } from "../core/profiles";
import type { Summary } from "../core/summary";
import { type Stage, cleanLeftovers, insertTemplate, leftoverText, runScoring, selectCell } from "./actions";
import { el } from "./dom";
import { type FormChoice, renderFormCard, reportOptions } from "./forms";
import { type MessageKey, type Messages, format, messagesFor } from "./i18n";
import { formatRate } from "../core/format";

/** What the pane calls; the unit tests pass fakes. */
export interface PaneActions {
  runScoring: typeof runScoring;
  insertTemplate: typeof insertTemplate;
  selectCell: (cell: string) => Promise<void>;
  reportDocx: typeof reportDocx;
  cleanLeftovers?: () => ReturnType<typeof cleanLeftovers>;
}

const OFFICE_ACTIONS: PaneActions = {
  runScoring,
  insertTemplate,
  selectCell: (cell) => selectCell(cell),
  reportDocx,
  cleanLeftovers: () => cleanLeftovers(),
};

// The report's own rule (100%, 92.87%), so the card and the report never show a rate two ways.
const percent = (r: number | null, m: Messages) => (r === null ? m.notApplicable : formatRate(r));

export function startPane(root: HTMLElement, m: Messages, supported: boolean, actions: PaneActions = OFFICE_ACTIONS): void {
  document.title = m.title;
  document.documentElement.lang = m === messagesFor("en-US") ? "en-US" : "zh-CN";
  const status = el("div", { class: "jx-status", role: "status", "aria-live": "polite", id: "jx-status" });
  const header = el("header", { class: "jx-header" }, el("h1", {}, m.title), el("p", {}, m.subtitle));
  if (!supported) {
    status.className = "jx-status jx-error";
    status.textContent = m.unsupported;
    root.replaceChildren(header, status);
    return;
  }

  const profile = el(
    "select",
    { id: "jx-profile" },
    el("option", { value: "" }, m.profileAuto),
    ...PROFILES.map((p) => el("option", { value: p.id }, format(m.profileOption, { name: p.name, id: p.id }))),
  );
  const templateType = el("select", { id: "jx-template-type" }, ...EVALUATION_TYPES.map((t) => el("option", { value: t }, t)));
  const buttons = {
    template: el("button", { id: "jx-template", type: "button" }, m.insertTemplate),
    score: el("button", { id: "jx-score", type: "button", class: "jx-primary" }, m.score),
    report: el("button", { id: "jx-report", type: "button", class: "jx-primary" }, m.report),
  };
  const summary = el("section", { class: "jx-card", id: "jx-summary", hidden: true, "aria-live": "polite" });
  const issues = el("section", { class: "jx-issues", id: "jx-issues", hidden: true });
  const download = el("div", { id: "jx-download", hidden: true });

  root.replaceChildren(
    header,
    el("div", { class: "jx-field" }, el("label", { for: "jx-profile" }, m.profileLabel), profile),
    el("div", { class: "jx-buttons" }, buttons.score, buttons.report),
    el("div", { class: "jx-field" }, el("label", { for: "jx-template-type" }, m.templateTypeLabel), templateType),
    el("div", { class: "jx-buttons" }, buttons.template),
    status,
    summary,
    // The Word download right under the result, above a possibly long list of notes.
    download,
    issues,
  );

  let busy = false;
  let docxUrl: string | null = null;
  // Forms: the last summary and the user's choice of form and scores, kept for the next run.
  let lastSummary: Summary | null = null;
  const choice: FormChoice = { scores: "rule" };
  const setStatus = (text: string, kind: "busy" | "ok" | "error" | "idle") => {
    status.className = `jx-status${kind === "ok" ? " jx-ok" : kind === "error" ? " jx-error" : ""}`;
    status.replaceChildren(...(kind === "busy" ? [el("span", { class: "jx-spinner", "aria-hidden": "true" })] : []), text);
  };
  const stageText: Record<Stage, MessageKey> = { reading: "busyReading", computing: "busyComputing", writing: "busyWriting" };
  // An interrupted earlier run's leftovers, cleaned when the pane opens; the user is told.
  actions
    .cleanLeftovers?.()
    .then((r) => leftoverText(r, m) && setStatus(leftoverText(r, m), "ok"))
    .catch(() => undefined);

  const trySelect = (cell: string) => {
    actions.selectCell(cell).catch((e: unknown) => setStatus(format(m.selectFailed, { cell, message: errorText(e) }), "error"));
  };

  const showIssues = (errors: CellIssue[], warnings: CellIssue[]) => {
    const list = (title: string, items: CellIssue[], kind: "error" | "warning") =>
      items.length === 0
        ? null
        : el(
            "div",
            { class: `jx-issue-group jx-${kind}s` },
            el("h2", {}, title),
            el(
              "ul",
              {},
              ...items.map((i) => {
                const b = el(
                  "button",
                  { type: "button", class: `jx-issue jx-${kind}`, title: m.issueHint },
                  el("code", {}, i.cell),
                  el("span", {}, i.message),
                );
                b.addEventListener("click", () => trySelect(i.cell));
                return el("li", {}, b);
              }),
            ),
          );
    issues.replaceChildren(
      ...[list(m.errorsTitle, errors, "error"), list(m.warningsTitle, warnings, "warning")].filter((x): x is HTMLDivElement => !!x),
    );
    issues.hidden = errors.length + warnings.length === 0;
  };

  const showSummary = (s: Summary | null) => {
    lastSummary = s;
    summary.hidden = !s;
    summary.classList.toggle("jx-forms", s?.source === "form");
    if (!s) return summary.replaceChildren();
    if (s.source === "form") return renderFormCard(summary, s, choice, m, { selectCell: trySelect });
    summary.replaceChildren(
      el("h2", {}, m.summaryTitle),
      el(
        "div",
        { class: "jx-figures" },
        el("div", { class: "jx-figure" }, el("span", {}, m.totalScore), el("strong", { id: "jx-total" }, String(s.score.total))),
        el("div", { class: "jx-figure" }, el("span", {}, m.grade), el("strong", { id: "jx-grade" }, s.score.grade)),
      ),
      el(
        "dl",
        { class: "jx-rates", "aria-label": m.executionRate },
        el("dt", {}, m.rateTotal),
        el("dd", { id: "jx-rate-total" }, percent(s.executionRate.total, m)),
        el("dt", {}, m.rateBasic),
        el("dd", { id: "jx-rate-basic" }, percent(s.executionRate.basic, m)),
        el("dt", {}, m.rateProject),
        el("dd", { id: "jx-rate-project" }, percent(s.executionRate.project, m)),
      ),
    );
  };

  const clearDownload = () => {
    if (docxUrl) URL.revokeObjectURL(docxUrl);
    docxUrl = null;
    download.hidden = true;
    download.replaceChildren();
  };

  const guard = async (work: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    Object.values(buttons).forEach((b) => (b.disabled = true));
    try {
      await work();
    } catch (e) {
      if (e instanceof InputError) {
        showSummary(null);
        showIssues(e.issues, []);
        setStatus(format(m.errorsFound, { count: e.issues.length }), "error");
      } else {
        setStatus(format(m.failed, { message: errorText(e) }), "error");
      }
    } finally {
      busy = false;
      Object.values(buttons).forEach((b) => (b.disabled = false));
    }
  };

  const reportDone = (s: Summary) =>
    s.source === "form" && s.sheet
      ? format(m.reportDoneForm, { sheet: s.sheet, scores: (s.reportedScores ?? choice.scores) === "filled" ? m.filledScore : m.ruleScore })
      : m.reportDone;

  const runCommand = (command: Command) =>
    guard(async () => {
      clearDownload();
      showIssues([], []);
      // Forms: the picked form and scores go to 计算得分 too, which refreshes an existing 自评报告.
      const options = { profileId: profile.value, ...reportOptions(lastSummary, choice) };
      const result = await actions.runScoring(command, options, (s) => setStatus(m[stageText[s]], "busy"));
      showSummary(result.summary);
      showIssues([], result.summary.warnings);
      const wroteReport = result.plan.sheets.length > 1;
      const done = [!wroteReport ? m.scoreDone : reportDone(result.summary), leftoverText(result.leftovers, m)].filter(Boolean).join(" ");
      setStatus(done, "ok");
      if (command !== "report") return;
      setStatus(m.busyDocx, "busy");
      try {
        const bytes = await actions.reportDocx(result);
        docxUrl = URL.createObjectURL(
          new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }),
        );
        const { year, unit, project } = result.summary;
        const name =
          result.summary.source === "form"
            ? format(m.docxFileNameForm, { year, project: project || unit })
            : format(m.docxFileName, { year, unit });
        download.replaceChildren(el("a", { class: "jx-link", id: "jx-docx", href: docxUrl, download: name }, m.downloadDocx));
        download.hidden = false;
        setStatus(done, "ok");
      } catch (e) {
        setStatus(format(m.docxFailed, { message: errorText(e) }), "error");
      }
    });

  buttons.score.addEventListener("click", () => void runCommand("score"));
  buttons.report.addEventListener("click", () => void runCommand("report"));
  buttons.template.addEventListener("click", () =>
    guard(async () => {
      clearDownload();
      showSummary(null);
      showIssues([], []);
      setStatus(m.busyWriting, "busy");
      const out = await actions.insertTemplate(templateType.value as EvaluationType);
      setStatus(
        out.created.length > 0
          ? format(m.templateCreated, { sheets: out.created.join(m.listSeparator) })
          : format(m.templateExisting, { sheets: out.existing.join(m.listSeparator) }),
        "ok",
      );
    }),
  );
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

Office.onReady(() => {
  const m = messagesFor(Office.context?.displayLanguage);
  const supported = Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", "1.9"));
  startPane(document.getElementById("app") as HTMLElement, m, supported);
});
