/**
 * The pane's 诊断 section: a button that runs the host's self-test (selfTest.ts), the report as
 * text the user can read, copy or save (to send to whoever supports them), and a one-line result.
 */
import { el } from "./dom";
import { type Messages, format } from "../i18n";
import type { CheckId, CheckStatus, SelfTestReport } from "../../adapters/shared/selfTest";

type CheckMessages = Pick<Messages, "selfTestTitle" | "selfTestLine" | "selfTestSummary"> &
  Record<`check${Capitalize<CheckId>}`, string> &
  Record<`status${Capitalize<CheckStatus>}`, string>;

const cap = <S extends string>(s: S) => (s.charAt(0).toUpperCase() + s.slice(1)) as Capitalize<S>;

/** The report as plain text (to copy into an e-mail or save as .txt), in the pane's language. */
export function reportText(report: SelfTestReport, m: CheckMessages): string {
  const count = (s: CheckStatus) => report.lines.filter((l) => l.status === s).length;
  const head = [
    m.selfTestTitle,
    report.at,
    ...report.environment.map(([k, v]) => `${k}: ${v}`),
    format(m.selfTestSummary, { ok: count("ok"), fallback: count("fallback"), skipped: count("skipped"), failed: count("failed") }),
    "",
  ];
  const lines = report.lines.map((l) =>
    format(m.selfTestLine, { status: m[`status${cap(l.status)}`], check: m[`check${cap(l.id)}`], detail: l.detail }),
  );
  return [...head, ...lines].join("\n");
}

export interface DiagnosticsActions {
  selfTest: () => Promise<SelfTestReport>;
  saveFile: (bytes: Uint8Array, name: string) => unknown;
}

/** Copies `text`: the async clipboard where the webview allows it, else a selected textarea and execCommand (older engines). */
async function copyText(text: string, area: HTMLTextAreaElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    area.select();
    document.execCommand("copy");
  }
}

/**
 * The collapsible 诊断 section; `guard` keeps it from running beside a run (the pane's busy flag),
 * `announce` speaks through the pane's one status region (the section has none of its own).
 */
export function diagnosticsSection(
  m: Messages,
  actions: DiagnosticsActions,
  guard: (work: () => Promise<void>) => Promise<void>,
  announce: (text: string, kind: "busy" | "ok" | "info") => void,
): HTMLElement {
  const run = el("button", { id: "jx-diagnose", type: "button" }, m.selfTestRun);
  const result = el("p", { id: "jx-diagnose-result", class: "jx-hint" });
  const report = el("textarea", {
    id: "jx-diagnostics-report",
    class: "jx-report-text",
    "aria-label": m.selfTestTitle,
    readonly: true,
    rows: "14",
    hidden: true,
  });
  const copy = el("button", { id: "jx-diagnose-copy", type: "button", hidden: true }, m.selfTestCopy);
  const save = el("button", { id: "jx-diagnose-save", type: "button", hidden: true }, m.selfTestSave);
  run.addEventListener(
    "click",
    () =>
      void guard(async () => {
        result.textContent = m.selfTestBusy;
        announce(m.selfTestBusy, "busy");
        const r = await actions.selfTest();
        const count = (s: string) => r.lines.filter((l) => l.status === s).length;
        report.value = reportText(r, m);
        report.hidden = copy.hidden = save.hidden = false;
        result.textContent = format(m.selfTestDone, {
          ok: count("ok"),
          fallback: count("fallback"),
          skipped: count("skipped"),
          failed: count("failed"),
        });
        announce(result.textContent, count("failed") ? "info" : "ok");
      }),
  );
  copy.addEventListener(
    "click",
    () =>
      void copyText(report.value, report).then(() => {
        result.textContent = m.selfTestCopied;
        announce(m.selfTestCopied, "ok");
      }),
  );
  save.addEventListener("click", () => actions.saveFile(new TextEncoder().encode(report.value), m.selfTestFileName));
  return el(
    "details",
    { class: "jx-settings jx-diagnostics", id: "jx-diagnostics" },
    el("summary", {}, m.selfTestHeading),
    el("p", { class: "jx-hint" }, m.selfTestIntro),
    run,
    result,
    report,
    el("div", { class: "jx-diagnostics-actions" }, copy, save),
  );
}
