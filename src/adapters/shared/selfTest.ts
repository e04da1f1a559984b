/**
 * The pane's self-test (诊断): one click runs every host API the adapters use on a scratch sheet
 * and reports, line by line, what works, what fell back to a documented slower path and what
 * failed, with the host's version, platform and requirement sets (or WPS build and browser engine).
 * It is what the first person with a real Excel or WPS sends back: the tests only know our models
 * of the hosts. Each host implements the checks (src/adapters/officejs/selfTest.ts,
 * src/adapters/wps/etSelfTest.ts); this module holds what they share: the check list and the runner
 * that turns an exception into a failed line (the report's text is the pane's: app/pane/diagnostics.ts).
 */

/**
 * The scratch sheets. Not `~jx…` names: a pane or ribbon read while the test runs (its own writes
 * fire change events) would clean those up as a crashed run's leftovers. An interrupted self-test
 * leaves these two, and the next one removes them first.
 */
export const SCRATCH_SHEETS = ["jx诊断临时表1", "jx诊断临时表2"] as const;

/** Every line of the report, in order; both hosts run all of them (skipped where a host has no such API). */
export const CHECKS = [
  "sheet",
  "values",
  "formulas",
  "errors",
  "formats",
  "validation",
  "names",
  "copy",
  "inPlace",
  "pageSetup",
  "events",
  "calculation",
  "download",
  "cleanup",
] as const;
export type CheckId = (typeof CHECKS)[number];

/** ok: works as the adapter uses it; fallback: the host answered the other way and the documented slower path is used; skipped: the host lacks the API (the adapter does without, the pane says so). */
export type CheckStatus = "ok" | "fallback" | "skipped" | "failed";

export interface CheckLine {
  id: CheckId;
  status: CheckStatus;
  /** What was seen, in plain words (API names, values read back, the error's message). */
  detail: string;
}

export interface SelfTestReport {
  host: "excel" | "wps";
  /** Label → value: host, version, platform, requirement sets or WPS build, browser engine. */
  environment: Array<[string, string]>;
  lines: CheckLine[];
  /** When it ran (ISO). */
  at: string;
}

/** What a check returns: its status and detail (a thrown error becomes a failed line). */
export type CheckOutcome = { status: Exclude<CheckStatus, "failed">; detail: string } | { status: "failed"; detail: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs the checks in CHECKS order; each is independent: one failing does not stop the others. */
export async function runChecks(checks: Record<CheckId, () => Promise<CheckOutcome> | CheckOutcome>): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  for (const id of CHECKS) {
    try {
      const { status, detail } = await checks[id]();
      lines.push({ id, status, detail });
    } catch (e) {
      lines.push({ id, status: "failed", detail: message(e) });
    }
  }
  return lines;
}

/** Throws unless `ok` (a check's assertion): its message is what the report shows. */
export function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}
