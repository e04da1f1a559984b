/**
 * What a run does to a workbook, for every host adapter — as data. The office.js adapter
 * (officeWorkbook.ts) and the ET adapter (etWorkbook.ts) only execute these steps, batched the way
 * their host wants (office.js: a few syncs; ET: one synchronous call each).
 *
 * - **The run lock**: a hidden workbook-level defined name (`_jx_run_lock`, `="jx-run <owner> <ms>"`)
 *   held from the first write of a run to its last. A read that sees a live lock of another run never
 *   cleans up (the `~jx…` sheets are that run's) and the run refuses to start; a lock older than
 *   LOCK_STALE_MS (a crashed run: the pane closed, the connection lost) is stale, cleaned with the
 *   leftovers, and the user told. Defined names are what both hosts have: office.js `names.add`
 *   (ExcelApi 1.4), `NamedItem.formula` (1.7) and `visible` (1.1); ET `Names.Add(name, refersTo,
 *   Visible)`. A custom XML part would need ExcelApi 1.5 and has no ET counterpart we could confirm.
 * - **The commit**: every sheet built complete under `~jx<tag>+<i>` (request 1); then new sheets
 *   take their names, each owned sheet is backed up to `~jx<tag>-<name>` and overwritten in place
 *   over the plan's area, the names set, the temporaries and backups deleted, the lock released
 *   (request 2).
 * - **Recovery** after a failure, and **cleanup** of an interrupted run's leftovers on the next read.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS, oneOf } from "../../core/contract";
import { quoteSheet } from "../../core/cells";
import type { DefinedName, SheetPlan, WorkbookPlan } from "../../core/plan";
import { ALL_SHEETS, type SheetSelection } from "../../port/workbook";
import { type LeftoverReport, TEMP_PREFIX, backupName, leftoverKind, tempName } from "./ownedSheets";
import { type Rect, cellRect } from "./planRects";

const lower = (s: string) => s.toLowerCase();
const isOutput = (n: string) => oneOf(OUTPUT_SHEETS, n) !== undefined;

// ---------------------------------------------------------------------------------------------
// Reads

/** The sheets a user sees: every sheet but a run's `~jx…` ones. */
export function userSheets(sheetNames: readonly string[]): string[] {
  return sheetNames.filter((n) => leftoverKind(n) === null);
}

/**
 * The sheets a read asks for, in order: for ALL_SHEETS every sheet but the add-in's output sheets
 * (never an input) and `~jx…` ones, the template's sheets first; otherwise the named sheets that exist.
 */
export function sheetsToRead(which: SheetSelection, sheetNames: readonly string[]): string[] {
  const present = userSheets(sheetNames);
  if (which !== ALL_SHEETS) return which.filter((n) => present.some((x) => lower(x) === lower(n)));
  const wanted = present.filter((n) => !isOutput(n));
  const inputs: readonly string[] = INPUT_SHEETS;
  return [...inputs.filter((n) => wanted.includes(n)), ...wanted.filter((n) => !inputs.includes(n))];
}

// ---------------------------------------------------------------------------------------------
// The run lock

/** The hidden defined name that marks a run in progress. */
export const RUN_LOCK_NAME = "_jx_run_lock";
/**
 * A lock not renewed for this long belongs to a run that died. A run renews it with every request
 * it sends, so only a single request slower than this (none measured comes near) could be mistaken.
 */
export const LOCK_STALE_MS = 5 * 60_000;

export interface RunLock {
  /** Who holds it: the host and the run's tag ("excel:k3x9qa"). */
  owner: string;
  /** When it was last renewed (ms since 1970). */
  at: number;
}

/** The lock as the name's formula (a text constant: nothing recalculates it). */
export function lockFormula(lock: RunLock): string {
  return `="jx-run ${lock.owner} ${lock.at}"`;
}

/** The lock a name's formula holds; a name of ours that does not parse is a stale lock. */
export function parseLock(formula: string | null | undefined): RunLock | null {
  if (formula === null || formula === undefined) return null;
  const m = /^=?"jx-run (\S*) (\d+)"$/.exec(formula.trim());
  return m ? { owner: m[1], at: Number(m[2]) } : { owner: "", at: 0 };
}

export type LockVerdict = { state: "free" } | { state: "live" | "stale"; lock: RunLock };

/** Whether a run holds the workbook now. */
export function judgeLock(lock: RunLock | null, now: number): LockVerdict {
  if (!lock) return { state: "free" };
  if (!lock.owner) return { state: "stale", lock };
  return { state: now - lock.at < LOCK_STALE_MS && lock.at <= now + LOCK_STALE_MS ? "live" : "stale", lock };
}

/** What the user reads when another run holds the workbook. */
export class RunInProgressError extends Error {
  constructor(readonly lock: RunLock) {
    super("另一次“计算得分”或“生成报告”正在写入此工作簿（可能来自功能区按钮或另一个窗格），请等它完成后再试。");
    this.name = "RunInProgressError";
  }
}

/** Whether the lock a name's formula holds is this commit's (recovery releases only its own). */
export function holdsLock(commit: Commit, formula: string | null | undefined): boolean {
  return parseLock(formula)?.owner === commit.owner;
}

/** Throws when another run holds the lock. */
export function assertFree(verdict: LockVerdict): void {
  if (verdict.state === "live") throw new RunInProgressError(verdict.lock);
}

// ---------------------------------------------------------------------------------------------
// Steps

/** One thing an adapter does to the workbook. */
export type Step =
  /** Take (or renew) the run lock: add the hidden name, or set its formula when `exists`. */
  | { kind: "lock"; formula: string; exists: boolean }
  /** Release the run lock (delete the name). */
  | { kind: "unlock" }
  /** Add an empty sheet at the end. */
  | { kind: "add"; sheet: string }
  /** Write plan.sheets[index] onto `sheet` (fresh); with `settings`, its sheet-level settings too. */
  | { kind: "write"; sheet: string; index: number; settings: boolean }
  | { kind: "rename"; from: string; to: string }
  /** Copy `sheet` (whole: cells, sizes, settings) to a new last sheet named `as`. */
  | { kind: "backup"; sheet: string; as: string }
  /**
   * Update `sheet` in place with what `from` holds for plan.sheets[index]: clear it (cells, panes,
   * page breaks), copy `area` of `from` onto the same cells (null: nothing to copy), write the plan's
   * column widths and row heights explicitly (a range copy need not carry them), then its settings.
   */
  | { kind: "overwrite"; sheet: string; from: string; index: number; area: Rect | null }
  /** Make `sheet` again what `backup` holds (cells, sizes, settings), in place; delete `backup`. */
  | { kind: "restore"; sheet: string; backup: string }
  /** Point a workbook-level name at `formula` (add it unless `exists`). */
  | { kind: "setName"; name: string; formula: string; exists: boolean }
  | { kind: "deleteName"; name: string }
  | { kind: "activate"; sheet: string }
  | { kind: "delete"; sheet: string };

/** A defined name's formula as the plan wants it. */
export const nameFormula = (n: DefinedName): string => `=${quoteSheet(n.sheet)}!${n.address}`;

/** The cells a sheet plan covers: its cells, merges, validations and notes (null: none). */
export function planArea(sheet: SheetPlan): Rect | null {
  const rects: Rect[] = [];
  const width = sheet.cells.reduce((m, r) => Math.max(m, r.length), 0);
  if (sheet.cells.length && width) rects.push({ r1: 1, c1: 1, r2: sheet.cells.length, c2: width });
  for (const a of [...sheet.merges, ...sheet.validations.map((v) => v.range), ...sheet.notes.map((n) => n.address)])
    rects.push(cellRect(a));
  if (!rects.length) return null;
  return {
    r1: 1,
    c1: 1,
    r2: Math.max(...rects.map((r) => r.r2)),
    c2: Math.max(...rects.map((r) => r.c2)),
  };
}

/** The names of one run, decided from the sheets that exist when it starts. */
export interface Commit {
  tag: string;
  /** The lock's owner ("excel:<tag>"). */
  owner: string;
  /** Per plan sheet: the existing sheet it updates in place (its spelling), or undefined for a new one. */
  owned: Array<string | undefined>;
  /** Per plan sheet: where it is built. */
  temps: string[];
  /** Final name → temporary name, for formulas that point at a new sheet while it is being built. */
  renames: Map<string, string>;
}

export function startCommit(plan: WorkbookPlan, existing: readonly string[], tag: string, host: string): Commit {
  const owned = plan.sheets.map((s) => existing.find((n) => lower(n) === lower(s.name)));
  const temps = plan.sheets.map((_, i) => tempName(tag, i));
  // Formulas point at the final names of owned sheets (updated in place) and at the temporary
  // names of new ones (hosts carry such references along when a sheet is renamed).
  const renames = new Map(plan.sheets.flatMap((s, i): Array<[string, string]> => (owned[i] ? [] : [[s.name, temps[i]]])));
  return { tag, owner: `${host}:${tag}`, owned, temps, renames };
}

/** The lock step of a commit at `now` (taken with request 1, renewed with every later request). */
export function lockStep(commit: Commit, now: number, exists: boolean): Step {
  return { kind: "lock", formula: lockFormula({ owner: commit.owner, at: now }), exists };
}

/**
 * Request 1: the lock, every temporary sheet (all exist before any formula that points across them
 * is written), then each sheet's cells; a new sheet gets its settings now, an owned one after the swap.
 */
export function buildSteps(commit: Commit, plan: WorkbookPlan, now: number, lockExists: boolean): Step[] {
  return [
    lockStep(commit, now, lockExists),
    ...commit.temps.map((sheet): Step => ({ kind: "add", sheet })),
    ...plan.sheets.map((_, index): Step => ({ kind: "write", sheet: commit.temps[index], index, settings: !commit.owned[index] })),
  ];
}

/**
 * Request 2: new sheets take their names; each owned sheet is backed up, then overwritten in place;
 * the names; the sheet to show; the temporaries and backups deleted last (a failure before that can
 * still roll back); the lock released. `namesBefore`: lower-case name → formula, as read in request 1.
 */
export function swapSteps(commit: Commit, plan: WorkbookPlan, namesBefore: ReadonlyMap<string, string>, activate?: string): Step[] {
  const { owned, temps, tag } = commit;
  const steps: Step[] = [];
  plan.sheets.forEach((s, i) => {
    if (!owned[i]) steps.push({ kind: "rename", from: temps[i], to: s.name });
  });
  plan.sheets.forEach((s, i) => {
    const sheet = owned[i];
    if (sheet) steps.push({ kind: "backup", sheet, as: backupName(tag, s.name) });
  });
  plan.sheets.forEach((s, i) => {
    const sheet = owned[i];
    if (sheet) steps.push({ kind: "overwrite", sheet, from: temps[i], index: i, area: planArea(s) });
  });
  for (const n of plan.names ?? []) {
    const old = namesBefore.get(lower(n.name));
    if (old !== nameFormula(n)) steps.push({ kind: "setName", name: n.name, formula: nameFormula(n), exists: old !== undefined });
  }
  const show = plan.activate ?? activate;
  if (show) steps.push({ kind: "activate", sheet: show });
  plan.sheets.forEach((s, i) => {
    if (owned[i]) steps.push({ kind: "delete", sheet: temps[i] });
  });
  plan.sheets.forEach((s, i) => {
    if (owned[i]) steps.push({ kind: "delete", sheet: backupName(tag, s.name) });
  });
  steps.push({ kind: "unlock" });
  return steps;
}

/**
 * Whether a failed run had got past the point of no return: some owned sheet's temporary is gone,
 * so every owned sheet holds its new content (request 2 deletes temporaries only after the overwrites).
 */
export function isCommitted(commit: Commit, sheetsNow: readonly string[]): boolean {
  const has = (n: string) => sheetsNow.some((x) => lower(x) === lower(n));
  return commit.owned.some((o, i) => o !== undefined && !has(commit.temps[i]));
}

/**
 * After a failure: the workbook put back as it was — every sheet the run added deleted, the names
 * it added deleted and the ones it repointed pointed back (`namesBefore` undefined: it had not
 * touched any), each owned sheet restored in place from its backup (last: a host may need a
 * round trip before it), the lock released. When `committed`, the run is finished instead: only the
 * leftovers go. `namesNow`: lower-case name → formula as they are now.
 */
export function recoverySteps(
  commit: Commit,
  plan: WorkbookPlan,
  existing: readonly string[],
  sheetsNow: readonly string[],
  committed: boolean,
  namesBefore: ReadonlyMap<string, string> | undefined,
  namesNow: ReadonlyMap<string, string>,
): Step[] {
  const before = new Set(existing.map(lower));
  // Another run's `~jx…` sheets (two runs that started together) are that run's to clean.
  const ours = (n: string) => leftoverKind(n) === null || lower(n).startsWith(lower(`${TEMP_PREFIX}${commit.tag}`));
  const added = sheetsNow.filter((n) => !before.has(lower(n)) && ours(n));
  const steps: Step[] = [];
  if (committed) {
    const kept = new Set(plan.sheets.map((s) => lower(s.name)));
    for (const sheet of added.filter((n) => !kept.has(lower(n)))) steps.push({ kind: "delete", sheet });
    steps.push({ kind: "unlock" });
    return steps;
  }
  const has = (n: string) => sheetsNow.some((x) => lower(x) === lower(n));
  const restores: Array<Extract<Step, { kind: "restore" }>> = [];
  plan.sheets.forEach((s, i) => {
    const backup = backupName(commit.tag, s.name);
    const sheet = commit.owned[i];
    if (sheet && has(backup)) restores.push({ kind: "restore", sheet, backup });
  });
  const backups = new Set(restores.map((r) => lower(r.backup)));
  for (const sheet of added.filter((n) => !backups.has(lower(n)))) steps.push({ kind: "delete", sheet });
  for (const n of namesBefore ? (plan.names ?? []) : []) {
    const now = namesNow.get(lower(n.name));
    const old = namesBefore?.get(lower(n.name));
    if (now === undefined) continue;
    if (old === undefined) steps.push({ kind: "deleteName", name: n.name });
    else if (now !== old) steps.push({ kind: "setName", name: n.name, formula: old, exists: true });
  }
  steps.push({ kind: "unlock" });
  return [...steps, ...restores];
}

// ---------------------------------------------------------------------------------------------
// Cleanup of an interrupted run

/**
 * What a read does about an earlier run's leftovers, given the sheets and the lock it found. Null:
 * nothing to do — no leftovers and no lock, or a live run holds them (never touched: they are its
 * temporaries and backups). Otherwise each backup is restored over its owned sheet (or renamed into
 * place where it is the only copy), every other `~jx…` sheet deleted, a stale lock released.
 */
export function cleanupSteps(sheetNames: readonly string[], verdict: LockVerdict): { steps: Step[]; report: LeftoverReport } | null {
  if (verdict.state === "live") return null;
  const leftovers = sheetNames.filter((n) => leftoverKind(n) !== null);
  if (!leftovers.length && verdict.state === "free") return null;
  const report: LeftoverReport = { restored: [], removed: [] };
  if (verdict.state === "stale") report.staleLockSince = verdict.lock.at;
  const present = new Set(sheetNames.map(lower));
  const steps: Step[] = [];
  const restores: Step[] = [];
  for (const n of leftovers) {
    const of = leftoverKind(n)?.backupOf;
    if (of && present.has(lower(of))) restores.push({ kind: "restore", sheet: of, backup: n });
    else if (of) {
      steps.push({ kind: "rename", from: n, to: of });
      present.add(lower(of));
    } else steps.push({ kind: "delete", sheet: n });
    if (of) report.restored.push(of);
    else report.removed.push(n);
  }
  if (verdict.state === "stale") steps.push({ kind: "unlock" });
  return { steps: [...steps, ...restores], report };
}
