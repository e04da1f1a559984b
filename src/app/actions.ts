/**
 * The three commands, shared by the task pane and the ribbon buttons of both hosts: read through
 * the host's adapter, plan with the core, apply. `onStage` reports progress to the pane. The last
 * argument is the host (host.ts); a bare Excel.run (tests, playground) means the Excel host.
 */
import type { LeftoverReport } from "../adapters/shared/ownedSheets";
import type { SkippedFeature } from "../adapters/officejs/apiSupport";
import type { EvaluationType } from "../core/contract";
import { type Command, type CommandResult, type RunOptions, planCommand, planTemplate } from "../core/engine";
import { InputError } from "../core/issues";
import type { CellRef } from "../core/problems";
import { ALL_SHEETS } from "../port/workbook";
import { type HostOrRun, type SheetChange, asHost } from "./host";
import { type WorkbookState, inspectSnapshot, withSubjects } from "./workflow";

export type Stage = "reading" | "computing" | "writing";

export interface TemplateOutcome {
  created: string[];
  existing: string[];
  /** What this host's ExcelApi version could not write (see skippedText). */
  skipped?: SkippedFeature[];
}

export { type ExcelRun, excelRun } from "./host";

/** Whether office.js refused the batch because a cell is being edited. */
export function isCellEditError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return /InvalidOperationInCellEditMode/.test(`${String(err?.code ?? "")} ${String(err?.message ?? "")}`);
}

/** An error as the user reads it: cell-edit mode named with its fix, anything else as the host said it. */
export function errorMessage(e: unknown, m: { cellEditMode: string }): string {
  if (isCellEditError(e)) return m.cellEditMode;
  return e instanceof Error ? e.message : String(e);
}

/**
 * 计算得分 / 生成报告. Every sheet is read: an official 自评表 may be on any sheet (forms.md);
 * `options` carries the profile override and, for forms, the form to report and which scores.
 */
export async function runScoring(
  command: Command,
  options: RunOptions = {},
  onStage: (s: Stage) => void = () => undefined,
  host?: HostOrRun,
): Promise<CommandResult & { leftovers?: LeftoverReport; skipped?: SkippedFeature[] }> {
  return asHost(host).workbook(async (port) => {
    onStage("reading");
    // The read first cleans up after an interrupted earlier run (port.leftovers says what it did).
    const snapshot = await port.read(ALL_SHEETS);
    onStage("computing");
    // planCommand also refreshes an existing 自评报告 on 计算得分 (its formulas read 评分结果).
    // The pane remembers the picked form; if its sheet was renamed or deleted since, the first form is reported.
    const formSheet = options.formSheet && snapshot.sheetNames.includes(options.formSheet) ? options.formSheet : undefined;
    let result: CommandResult;
    try {
      result = planCommand(snapshot, command, { ...options, formSheet, profileId: options.profileId || undefined });
    } catch (e) {
      // Each problem also names its row's subject (the 三级指标 …), read from the same snapshot.
      throw e instanceof InputError ? new InputError(withSubjects(e.issues, snapshot)) : e;
    }
    onStage("writing");
    await port.apply(result.plan);
    return { ...result, leftovers: port.leftovers, skipped: port.skipped ?? [] };
  });
}

/** When the pane opens: an interrupted earlier run's `~jx…` sheets cleaned up (restored or removed). */
export async function cleanLeftovers(host?: HostOrRun): Promise<LeftoverReport | undefined> {
  return asHost(host).workbook(async (port) => port.cleanLeftovers?.());
}

/** What the cleanup did, in the pane's words; "" when there was nothing to clean. */
export function leftoverText(
  r: LeftoverReport | undefined,
  m: { leftoversCleaned: string; staleLockCleared: string; listSeparator: string; sentenceSeparator: string },
): string {
  if (!r) return "";
  const parts: string[] = [];
  if (r.staleLockSince !== undefined) {
    const time = r.staleLockSince > 0 ? new Date(r.staleLockSince).toLocaleString() : "?";
    parts.push(m.staleLockCleared.replace("{time}", time));
  }
  if (r.restored.length + r.removed.length > 0) {
    const restored = r.restored.length ? r.restored.join(m.listSeparator) : "—";
    parts.push(m.leftoversCleaned.replace("{restored}", restored).replace("{removed}", String(r.removed.length)));
  }
  return parts.join(m.sentenceSeparator);
}

type SkipMessages = Record<"skipped" | "listSeparator" | "todoSeparator", string> &
  Record<`skipped${"Validations" | "PageSetup" | "PageBreaks" | "Indent"}${"" | "Todo"}`, string>;

/** What an older Excel could not write and what to do by hand, in the pane's words; "" when nothing was skipped. */
export function skippedText(skipped: readonly SkippedFeature[] | undefined, m: SkipMessages): string {
  if (!skipped?.length) return "";
  const key = { validations: "Validations", pageSetup: "PageSetup", pageBreaks: "PageBreaks", indent: "Indent" } as const;
  return m.skipped
    .replace("{features}", skipped.map((f) => m[`skipped${key[f]}`]).join(m.listSeparator))
    .replace("{todo}", skipped.map((f) => m[`skipped${key[f]}Todo`]).join(m.todoSeparator));
}

export async function insertTemplate(type: EvaluationType, host?: HostOrRun): Promise<TemplateOutcome> {
  return asHost(host).workbook(async (port) => {
    const snapshot = await port.read([]);
    const { plan, created, existing } = planTemplate(snapshot, type);
    if (created.length > 0) await port.apply(plan);
    return { created, existing, skipped: port.skipped ?? [] };
  });
}

/** Looks at the workbook (every sheet the engine reads) for the pane's next step and staleness. */
export async function inspectWorkbook(host?: HostOrRun): Promise<WorkbookState> {
  return asHost(host).workbook(async (port) => inspectSnapshot(await port.read(ALL_SHEETS)));
}

/** Calls `onChange` when a worksheet changes; resolves to a stop function, or null where the host has no such event. */
export async function watchChanges(onChange: (change: SheetChange) => void, host?: HostOrRun): Promise<(() => Promise<void>) | null> {
  return asHost(host).onChanged(onChange);
}

/** Selects the cell a problem is at, so the user lands on it. */
export async function selectCell(ref: CellRef, host?: HostOrRun): Promise<void> {
  await asHost(host).selectCell(ref);
}
