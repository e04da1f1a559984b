/**
 * The task pane. It looks at the workbook when it opens and after every action and offers the
 * next step as the one primary button (workflow.ts); the other actions stay as secondary buttons.
 * Then the status MessageBar, the Word download, the result card (the template's, or the forms
 * card of forms.ts; greyed "需要重新计算" once the workbook changes), the problems (click one to
 * select its cell) and the rule profile. All text comes from i18n.ts.
 */
import { reportDocx } from "../../adapters/docx/reportDocx";
import { EVALUATION_TYPES, oneOf } from "../../core/contract";
import type { Command } from "../../core/engine";
import { formatAmount, formatRate, formatScore } from "../../core/format";
import { InputError } from "../../core/issues";
import { type CellRef, placeName, refName } from "../../core/problems";
import { PROFILES } from "../../core/profiles";
import type { Summary } from "../../core/summary";
import {
  type Stage,
  cleanLeftovers,
  errorMessage,
  inspectWorkbook,
  insertTemplate,
  leftoverText,
  runScoring,
  selectCell,
  skippedText,
  watchChanges,
} from "../actions";
import type { SaveWay } from "../../adapters/shared/download";
import { diagnosticsSection } from "./diagnostics";
import type { SelfTestReport } from "../../adapters/shared/selfTest";
import { el } from "./dom";
import { type PaneHost, type SheetChange, excelHost } from "../host";
import { type FormChoice, renderFormCard, reportOptions } from "./forms";
import { type MessageKey, type Messages, format, messagesFor } from "../i18n";
import { problemMessage } from "../problemText";
import { type PaneProblem, type Step, type WorkbookState, nextStep } from "../workflow";

/** What the pane calls; the unit tests pass fakes. */
export interface PaneActions {
  runScoring: typeof runScoring;
  insertTemplate: typeof insertTemplate;
  selectCell: (ref: CellRef) => Promise<void>;
  reportDocx: typeof reportDocx;
  /** Looks at the workbook: what it holds and a fingerprint of its inputs. */
  inspect: () => Promise<WorkbookState>;
  /** Calls back on every change to the workbook; resolves to a stop function, or null without the event. */
  watch: (onChange: (change: SheetChange) => void) => Promise<(() => Promise<void>) | null>;
  saveFile: (bytes: Uint8Array, name: string) => SaveWay;
  /** Cleans up after an interrupted earlier run (`~jx…` sheets), when the pane opens. */
  cleanLeftovers?: () => ReturnType<typeof cleanLeftovers>;
  /** The host's self-test (诊断), where the host has one. */
  selfTest?: () => Promise<SelfTestReport>;
}

/** The pane's actions over a host (host.ts): Excel's or WPS's. */
export function paneActions(host: PaneHost): PaneActions {
  return {
    runScoring: (command, options, onStage) => runScoring(command, options, onStage, host),
    insertTemplate: (type) => insertTemplate(type, host),
    selectCell: (ref) => selectCell(ref, host),
    reportDocx,
    inspect: () => inspectWorkbook(host),
    cleanLeftovers: () => cleanLeftovers(host),
    watch: (onChange) => watchChanges(onChange, host),
    saveFile: (bytes, name) => host.saveFile(bytes, name),
    selfTest: host.selfTest?.bind(host),
  };
}

// The report's own rules (3,970.64 · 100% · 96.9), so the card, 评分结果 and the report agree.
const percent = (r: number | null, m: Messages) => (r === null ? m.notApplicable : formatRate(r));

/** MessageBar icons (Fluent's filled shapes): a different shape per kind, never colour alone. */
const ICONS: Record<"error" | "warning" | "success" | "info", string> = {
  error: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.6 3.7L8 7.3 5.4 4.7l-.7.7L7.3 8l-2.6 2.6.7.7L8 8.7l2.6 2.6.7-.7L8.7 8l2.6-2.6-.7-.7Z",
  warning: "M8 1.5 15 14H1L8 1.5Zm-.6 4.5v4.2h1.2V6H7.4Zm.6 5.3a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6Z",
  success: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.2 4.3L7 9.5 4.8 7.3l-.7.7L7 10.9l4.9-4.9-.7-.7Z",
  info: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.6 6v5h1.2V7H7.4ZM8 4.2a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6Z",
};

function icon(kind: keyof typeof ICONS): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "jx-icon");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", ICONS[kind]);
  svg.append(path);
  return svg;
}

const STEP_ORDER: Step[] = ["template", "score", "report", "download"];

/** Starts the pane in `root`; returns a function that stops its listeners (a new workbook in the playground). */
export function startPane(root: HTMLElement, m: Messages, supported: boolean, actions: PaneActions = paneActions(excelHost())): () => void {
  document.title = m.title;
  document.documentElement.lang = m === messagesFor("en-US") ? "en-US" : "zh-CN";
  const status = el("div", { class: "jx-bar", role: "status", id: "jx-status" });
  const header = el("header", { class: "jx-header" }, el("h1", {}, m.title), el("p", {}, m.subtitle));
  const setStatus = (text: string, kind: "busy" | "ok" | "error" | "info" | "idle") => {
    status.className = `jx-bar${kind === "idle" ? "" : ` jx-bar-${kind}`}`;
    const lead =
      kind === "busy"
        ? [el("span", { class: "jx-spinner", "aria-hidden": "true" })]
        : kind === "ok"
          ? [icon("success"), el("span", { class: "jx-sr" }, m.kindSuccess)]
          : kind === "error"
            ? [icon("error"), el("span", { class: "jx-sr" }, m.kindError)]
            : kind === "info"
              ? [icon("info"), el("span", { class: "jx-sr" }, m.kindInfo)]
              : [];
    status.replaceChildren(...lead, el("span", { class: "jx-bar-text" }, text));
  };
  if (!supported) {
    root.replaceChildren(header, status);
    setStatus(m.unsupported, "error");
    return () => undefined;
  }
  // An interrupted earlier run's leftovers, cleaned when the pane opens; the user is told.
  actions
    .cleanLeftovers?.()
    .then((r) => leftoverText(r, m) && setStatus(leftoverText(r, m), "info"))
    .catch(() => undefined);

  // The rule profile, with its Chinese name; empty = the workbook's own choice.
  const profile = el(
    "select",
    { id: "jx-profile" },
    el("option", { value: "" }, m.profileAuto),
    ...PROFILES.map((p) => el("option", { value: p.id }, p.name)),
  );
  const templateType = el(
    "select",
    { id: "jx-template-type", "aria-label": m.templateTypeLabel },
    ...EVALUATION_TYPES.map((t) => el("option", { value: t }, t)),
  );
  const buttons = {
    template: el("button", { id: "jx-template", type: "button" }, m.insertTemplate),
    score: el("button", { id: "jx-score", type: "button" }, m.score),
    report: el("button", { id: "jx-report", type: "button" }, m.report),
    download: el("button", { id: "jx-docx", type: "button", hidden: true }, m.downloadDocx),
  };
  const templateGroup = el(
    "div",
    { class: "jx-template-group" },
    el("label", { for: "jx-template-type", class: "jx-template-label" }, m.templateTypeLabel),
    templateType,
    buttons.template,
  );
  const steps = el("ol", { class: "jx-steps", "aria-label": m.stepsLabel });
  const hint = el("p", { class: "jx-hint", id: "jx-hint" });
  const primarySlot = el("div", { class: "jx-next", id: "jx-next" });
  const secondary = el("div", { class: "jx-secondary", id: "jx-secondary" });
  const summary = el("section", { class: "jx-card", id: "jx-summary", hidden: true, "aria-labelledby": "jx-summary-title" });
  const issues = el("section", { class: "jx-issues", id: "jx-issues", hidden: true });
  const settings = el(
    "details",
    { class: "jx-settings" },
    el("summary", {}, m.profileLabel),
    el("div", { class: "jx-field" }, el("label", { for: "jx-profile" }, m.profileLabel), profile),
  );

  root.replaceChildren(header, steps, hint, primarySlot, secondary, status, summary, issues, settings);
  // 诊断: the host's self-test, while no run is in progress (it writes a scratch sheet).
  const selfTest = actions.selfTest;
  if (selfTest)
    root.append(
      diagnosticsSection(
        m,
        { selfTest, saveFile: actions.saveFile },
        async (work) => {
          if (busy) return;
          setBusy(true);
          try {
            await work();
          } catch (e) {
            setStatus(format(m.failed, { message: errorText(e, m) }), "error");
          } finally {
            setBusy(false);
          }
        },
        setStatus,
      ),
    );

  let busy = false;
  let stopped = false;
  let state: WorkbookState | null = null;
  /** The inputs' fingerprint when the card was computed: another one means the card is stale. */
  let cardFingerprint: string | null = null;
  let stale = false;
  let docx: { bytes: Uint8Array; name: string } | null = null;
  // Forms: the last summary and the user's choice of form and scores, kept for the next run.
  let lastSummary: Summary | null = null;
  const choice: FormChoice = { scores: "rule" };
  const stageText: Record<Stage, MessageKey> = { reading: "busyReading", computing: "busyComputing", writing: "busyWriting" };
  const stepText: Record<Step, MessageKey> = {
    template: "stepTemplate",
    score: "stepScore",
    report: "stepReport",
    download: "stepDownload",
  };
  const hintText: Record<Step, MessageKey> = {
    template: "hintTemplate",
    score: "hintScore",
    report: "hintReport",
    download: "hintDownload",
  };

  /** One primary button: the next step's; the others secondary, in workflow order. */
  const layout = () => {
    // Moving a button to its slot blurs it: a re-look (a change event, the pane's own run's included)
    // must not take the focus away from where the user or the last run put it.
    const focused = Object.values(buttons).find((b) => b === document.activeElement) ?? null;
    const step = nextStep(state, docx !== null && !stale);
    const primaryOf: Record<Step, HTMLElement> = {
      template: templateGroup,
      score: buttons.score,
      report: buttons.report,
      download: buttons.download,
    };
    for (const [k, b] of Object.entries(buttons)) b.classList.toggle("jx-primary", k === step);
    buttons.download.hidden = docx === null;
    primarySlot.replaceChildren(primaryOf[step]);
    secondary.replaceChildren(...STEP_ORDER.filter((s) => s !== step && (s !== "download" || docx !== null)).map((s) => primaryOf[s]));
    hint.textContent = m[hintText[step]];
    const current = STEP_ORDER.indexOf(step);
    steps.replaceChildren(
      ...STEP_ORDER.map((s, i) =>
        el(
          "li",
          { class: i < current ? "jx-step-done" : i === current ? "jx-step-current" : "", "aria-current": i === current ? "step" : false },
          m[stepText[s]],
        ),
      ),
    );
    root.dataset.step = step;
    if (focused && focused !== document.activeElement && !focused.hidden) focused.focus();
  };

  const setBusy = (on: boolean) => {
    busy = on;
    root.setAttribute("aria-busy", on ? "true" : "false");
    for (const c of [...Object.values(buttons), profile, templateType]) c.disabled = on;
    summary
      .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("button, select, input")
      .forEach((c) => (c.disabled = on));
  };

  const markStale = (on: boolean) => {
    stale = on;
    summary.classList.toggle("jx-stale", on);
    const badge = summary.querySelector<HTMLElement>(".jx-stale-badge");
    if (badge) badge.hidden = !on;
  };

  /**
   * Looks at the workbook again: the next step, and whether the card still matches it. Never while
   * this pane's own run is writing (its read would see the run half done); a run of the ribbon or
   * another pane is respected by the read itself (the run lock: it leaves that run's sheets alone).
   */
  const look = async () => {
    if (stopped || busy) return;
    try {
      state = await actions.inspect();
    } catch {
      return; // the workbook is busy or closed: keep what the pane shows
    }
    if (stopped || busy) return;
    if (cardFingerprint !== null && state.fingerprint !== cardFingerprint && !stale) markStale(true);
    layout();
  };
  let lookTimer: ReturnType<typeof setTimeout> | undefined;
  const lookSoon = () => {
    clearTimeout(lookTimer);
    lookTimer = setTimeout(() => void look(), 300);
  };

  const trySelect = (ref: CellRef) => {
    actions
      .selectCell(ref)
      .catch((e: unknown) => setStatus(format(m.selectFailed, { cell: refName(ref), message: errorText(e, m) }), "error"));
  };

  /** Each problem from its typed data: the place from `ref`, the message from `code` in the UI's locale. */
  const showIssues = (errors: PaneProblem[], warnings: PaneProblem[]) => {
    const list = (title: string, items: PaneProblem[], kind: "error" | "warning") =>
      items.length === 0
        ? null
        : el(
            "div",
            { class: `jx-issue-group jx-bar jx-bar-${kind === "error" ? "error" : "warning"} jx-${kind}s` },
            icon(kind),
            el(
              "div",
              { class: "jx-bar-body" },
              el("h2", {}, title),
              el(
                "ul",
                {},
                ...items.map((i) => {
                  // A problem with the file itself (ref null) has no cell to select.
                  const ref = i.ref;
                  const b = el(
                    "button",
                    { type: "button", class: `jx-issue jx-${kind}`, title: ref ? m.issueHint : false },
                    el("code", {}, placeName(i)),
                    i.subject ? el("span", { class: "jx-issue-subject" }, `${m.subjectSeparator}${i.subject}`) : null,
                    el("span", { class: "jx-issue-message" }, `${m.messageSeparator}${problemMessage(i, m)}`),
                  );
                  if (ref) b.addEventListener("click", () => trySelect(ref));
                  return el("li", {}, b);
                }),
              ),
            ),
          );
    issues.replaceChildren(
      ...[list(m.errorsTitle, errors, "error"), list(m.warningsTitle, warnings, "warning")].filter((x): x is HTMLDivElement => !!x),
    );
    issues.hidden = errors.length + warnings.length === 0;
  };

  const cardHead = () =>
    el(
      "div",
      { class: "jx-card-head" },
      el("h2", { id: "jx-summary-title" }, m.summaryTitle),
      el("span", { class: "jx-stale-badge", hidden: true }, m.stale),
    );

  /** 全年预算数 / 全年执行数 / 执行率 per row, the words of 评分结果's budget table. */
  const budgetTable = (s: Pick<Summary, "budget" | "spent" | "executionRate">) => {
    const row = (key: "total" | "basic" | "project", label: string) =>
      el(
        "tr",
        {},
        el("th", { scope: "row" }, label),
        el("td", { id: `jx-budget-${key}` }, formatAmount(s.budget[key])),
        el("td", { id: `jx-spent-${key}` }, formatAmount(s.spent[key])),
        el("td", { id: `jx-rate-${key}` }, percent(s.executionRate[key], m)),
      );
    return el(
      "table",
      { class: "jx-budget" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", { scope: "col" }, m.category),
          el("th", { scope: "col" }, m.budgetCol),
          el("th", { scope: "col" }, m.spentCol),
          el("th", { scope: "col" }, m.rateCol),
        ),
      ),
      el("tbody", {}, row("total", m.rowTotal), row("basic", m.rowBasic), row("project", m.rowProject)),
    );
  };

  const showSummary = (s: Summary | null) => {
    lastSummary = s;
    summary.hidden = !s;
    summary.classList.toggle("jx-forms", s?.source === "form");
    markStale(false);
    if (!s) return summary.replaceChildren();
    if (s.source === "form") {
      renderFormCard(summary, s, choice, m, { selectCell: trySelect });
      summary.prepend(cardHead());
      return;
    }
    summary.replaceChildren(
      cardHead(),
      el(
        "p",
        { class: "jx-headline" },
        // Each label stays with its figure when the line wraps (a narrow pane, English).
        el(
          "span",
          { class: "jx-pair" },
          el("span", { class: "jx-label" }, m.totalScore),
          el("strong", { id: "jx-total" }, formatScore(s.score.total)),
          el("span", { class: "jx-max", id: "jx-max" }, `/ ${formatScore(s.score.max)}`),
        ),
        el("span", { class: "jx-dot", "aria-hidden": "true" }, "·"),
        el("span", { class: "jx-pair" }, el("span", { class: "jx-label" }, m.grade), el("strong", { id: "jx-grade" }, s.score.grade)),
      ),
      budgetTable(s),
    );
  };

  /** The sentence the status announces after a run: the card's figures, said once. */
  const resultLine = (s: Summary) =>
    s.source === "form"
      ? ""
      : format(m.resultLine, { score: formatScore(s.score.total), max: formatScore(s.score.max), grade: s.score.grade });

  const guard = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    if (!summary.hidden) markStale(true);
    let focus: HTMLElement | null = null;
    try {
      await work();
    } catch (e) {
      if (e instanceof InputError) {
        showSummary(null);
        cardFingerprint = null;
        showIssues(e.issues, []);
        setStatus(format(m.errorsFound, { count: e.issues.length }), "error");
        focus = issues.querySelector<HTMLElement>(".jx-issue");
      } else {
        setStatus(format(m.failed, { message: errorText(e, m) }), "error");
      }
    } finally {
      setBusy(false);
    }
    await look();
    focus ??= docx && !stale && root.dataset.step === "download" && lastFocusDownload ? buttons.download : null;
    lastFocusDownload = false;
    focus?.focus();
  };
  let lastFocusDownload = false;

  const reportDone = (s: Summary) =>
    s.source === "form" && s.sheet
      ? format(m.reportDoneForm, { sheet: s.sheet, scores: (s.reportedScores ?? choice.scores) === "filled" ? m.filledScore : m.ruleScore })
      : m.reportDone;

  const runCommand = (command: Command) =>
    guard(async () => {
      docx = null;
      showIssues([], []);
      // Forms: the picked form and scores go to 计算得分 too, which refreshes an existing 自评报告.
      const options = { profileId: profile.value, ...reportOptions(lastSummary, choice) };
      const result = await actions.runScoring(command, options, (s) => setStatus(m[stageText[s]], "busy"));
      showSummary(result.summary);
      // Forms that could not be read while the others were scored are listed as errors, each at its cells.
      showIssues(result.summary.errors, result.summary.warnings);
      const wroteReport = result.plan.sheets.length > 1;
      const done = [
        !wroteReport ? m.scoreDone : reportDone(result.summary),
        resultLine(result.summary),
        leftoverText(result.leftovers, m),
        skippedText(result.skipped, m),
      ]
        .filter((x) => x)
        .join(m.sentenceSeparator);
      // The card now matches the workbook as it was read.
      cardFingerprint = (await actions.inspect().catch(() => null))?.fingerprint ?? null;
      if (command !== "report") return setStatus(done, "ok");
      setStatus(m.busyDocx, "busy");
      try {
        const bytes = await actions.reportDocx(result);
        const { unit, project } = result.summary;
        const { year } = result.summary;
        // A form that states no year: its file name has none either (a template always has one).
        const name =
          result.summary.source === "form"
            ? format(year === null ? m.docxFileNameFormNoYear : m.docxFileNameForm, { year: year ?? "", project: project || unit })
            : format(m.docxFileName, { year: year ?? "", unit });
        docx = { bytes, name };
        lastFocusDownload = true;
        setStatus(`${done}${m.sentenceSeparator}${m.docxReady}`, "ok");
      } catch (e) {
        setStatus(format(m.docxFailed, { message: errorText(e, m) }), "error");
      }
    });

  buttons.score.addEventListener("click", () => void runCommand("score"));
  buttons.report.addEventListener("click", () => void runCommand("report"));
  buttons.download.addEventListener("click", () => {
    if (!docx) return;
    try {
      const way = actions.saveFile(docx.bytes, docx.name);
      const size = `${Math.round(docx.bytes.length / 1024).toLocaleString("en-US")} KB`;
      if (way === "tooLarge") setStatus(format(m.docxTooLarge, { size }), "info");
      else setStatus(format(way === "browser" ? m.docxInBrowser : m.docxSaved, { name: docx.name }), way === "browser" ? "info" : "ok");
    } catch (e) {
      setStatus(format(m.docxFailed, { message: errorText(e, m) }), "error");
    }
  });
  buttons.template.addEventListener("click", () =>
    guard(async () => {
      docx = null;
      showSummary(null);
      cardFingerprint = null;
      showIssues([], []);
      setStatus(m.busyWriting, "busy");
      const out = await actions.insertTemplate(oneOf(EVALUATION_TYPES, templateType.value) ?? EVALUATION_TYPES[0]);
      const text =
        out.created.length > 0
          ? format(m.templateCreated, { sheets: out.created.join(m.listSeparator) })
          : format(m.templateExisting, { sheets: out.existing.join(m.listSeparator) });
      setStatus([text, skippedText(out.skipped, m)].filter((x) => x).join(m.sentenceSeparator), "ok");
    }),
  );

  // Look now, after every change (onChanged where the host has it) and whenever the pane is activated.
  layout();
  void look();
  let stopWatching: (() => Promise<void>) | null = null;
  void actions
    // The pane's own run fires change events too (Excel: triggerSource ThisLocalAddin): it looks
    // when the run is done. Anything else — the user, a ribbon command — is looked at.
    .watch((change) => (change.own && busy ? undefined : lookSoon()))
    .then((stop) => {
      if (stopped) void stop?.();
      else stopWatching = stop;
    })
    .catch(() => undefined);
  const onFocus = () => lookSoon();
  const onVisible = () => document.visibilityState === "visible" && lookSoon();
  window.addEventListener("focus", onFocus);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    stopped = true;
    clearTimeout(lookTimer);
    window.removeEventListener("focus", onFocus);
    document.removeEventListener("visibilitychange", onVisible);
    void stopWatching?.();
  };
}

export function errorText(e: unknown, m: Messages): string {
  return errorMessage(e, m);
}
