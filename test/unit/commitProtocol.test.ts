/**
 * The commit protocol both host adapters execute (src/adapters/shared/commitProtocol.ts): the run
 * lock's verdicts, which sheets a read takes, the steps of a run, its recovery and the cleanup.
 */
import {
  LOCK_STALE_MS,
  RUN_LOCK_NAME,
  buildSteps,
  cleanupSteps,
  holdsLock,
  isCommitted,
  judgeLock,
  lockFormula,
  nameFormula,
  parseLock,
  planArea,
  recoverySteps,
  sheetsToRead,
  startCommit,
  swapSteps,
} from "../../src/adapters/shared/commitProtocol";
import type { SheetPlan, WorkbookPlan } from "../../src/core/plan";
import { INPUT_SHEETS } from "../../src/core/contract";
import { ALL_SHEETS } from "../../src/port/workbook";

const sheet = (name: string, rows = 2, cols = 3): SheetPlan =>
  ({
    name,
    cells: Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({ v: 1 }))),
    styles: {},
    columnWidths: [],
    rowHeights: {},
    merges: [],
    validations: [],
    notes: [],
  }) as unknown as SheetPlan;

const plan: WorkbookPlan = {
  sheets: [sheet("评分结果"), sheet("自评报告", 4, 2)],
  names: [{ name: "自评得分", sheet: "评分结果", address: "$B$16" }],
} as unknown as WorkbookPlan;

describe("run lock", () => {
  test("a lock round-trips through its name's formula and is live until LOCK_STALE_MS", () => {
    const lock = parseLock(lockFormula({ owner: "excel:abc", at: 1000 }));
    expect(lock).toEqual({ owner: "excel:abc", at: 1000 });
    expect(judgeLock(lock, 1000 + LOCK_STALE_MS - 1).state).toBe("live");
    expect(judgeLock(lock, 1000 + LOCK_STALE_MS).state).toBe("stale");
    expect(judgeLock(null, 0).state).toBe("free");
    // WPS may hand RefersTo back without "=": still ours.
    expect(parseLock('"jx-run wps:x 5"')).toEqual({ owner: "wps:x", at: 5 });
    // A name of ours that does not parse (edited by hand) is a stale lock, not a live one.
    expect(judgeLock(parseLock("=1"), 10).state).toBe("stale");
    expect(RUN_LOCK_NAME.startsWith("_")).toBe(true);
  });
});

describe("reads", () => {
  test("all sheets: inputs first, never output or ~jx sheets; named sheets only where they exist", () => {
    const names = ["封面", "评分结果", "~jxab+0", "绩效指标", "预算执行", "~jxab-评分结果"];
    expect(sheetsToRead(ALL_SHEETS, names)).toEqual([...INPUT_SHEETS.filter((n) => names.includes(n)), "封面"]);
    expect(sheetsToRead(["绩效指标", "无"], names)).toEqual(["绩效指标"]);
  });
});

describe("a run's steps", () => {
  const commit = startCommit(plan, ["预算执行", "评分结果"], "t", "excel");
  test("build: the lock first, every temporary before any write", () => {
    const steps = buildSteps(commit, plan, 42, false);
    expect(steps.map((s) => s.kind)).toEqual(["lock", "add", "add", "write", "write"]);
    expect(steps[0]).toEqual({ kind: "lock", formula: lockFormula({ owner: "excel:t", at: 42 }), exists: false });
    expect(steps[3]).toMatchObject({ sheet: "~jxt+0", settings: false });
    expect(steps[4]).toMatchObject({ sheet: "~jxt+1", settings: true });
    expect(commit.renames.get("自评报告")).toBe("~jxt+1");
  });
  test("swap: rename new, back up and overwrite owned over the plan's area, names, deletes, unlock last", () => {
    const steps = swapSteps(commit, plan, new Map(), "预算执行");
    expect(steps.map((s) => s.kind)).toEqual(["rename", "backup", "overwrite", "setName", "activate", "delete", "delete", "unlock"]);
    expect(steps[2]).toEqual({ kind: "overwrite", sheet: "评分结果", from: "~jxt+0", index: 0, area: { r1: 1, c1: 1, r2: 2, c2: 3 } });
    // A name already pointing right is left alone.
    const same = swapSteps(commit, plan, new Map([["自评得分", nameFormula(plan.names![0])]]));
    expect(same.some((s) => s.kind === "setName")).toBe(false);
  });
  test("the plan's area reaches its merges, validations and notes", () => {
    const s = { ...sheet("x", 2, 2), merges: ["A5:D5"], notes: [{ address: "F1", text: "n" }] } as SheetPlan;
    expect(planArea(s)).toEqual({ r1: 1, c1: 1, r2: 5, c2: 6 });
    expect(planArea(sheet("empty", 0, 0))).toBeNull();
  });
  test("recovery: added sheets and names go, owned sheets restored last, lock released", () => {
    const now = ["预算执行", "评分结果", "~jxt+0", "~jxt+1", "~jxt-评分结果"];
    expect(isCommitted(commit, now)).toBe(false);
    const steps = recoverySteps(commit, plan, ["预算执行", "评分结果"], now, false, new Map(), new Map([["自评得分", "=x"]]));
    expect(steps).toEqual([
      { kind: "delete", sheet: "~jxt+0" },
      { kind: "delete", sheet: "~jxt+1" },
      { kind: "deleteName", name: "自评得分" },
      { kind: "unlock" },
      { kind: "restore", sheet: "评分结果", backup: "~jxt-评分结果" },
    ]);
    // Another run's temporaries (two runs started together) are left to it, and its lock too.
    const raced = recoverySteps(commit, plan, ["预算执行", "评分结果"], [...now, "~jxq+0"], false, undefined, new Map());
    expect(raced.some((x) => x.kind === "delete" && x.sheet === "~jxq+0")).toBe(false);
    expect(holdsLock(commit, lockFormula({ owner: "excel:t", at: 1 }))).toBe(true);
    expect(holdsLock(commit, lockFormula({ owner: "excel:q", at: 1 }))).toBe(false);
    const done = ["预算执行", "评分结果", "自评报告", "~jxt-评分结果"];
    expect(isCommitted(commit, done)).toBe(true);
    expect(recoverySteps(commit, plan, ["预算执行", "评分结果"], done, true, new Map(), new Map())).toEqual([
      { kind: "delete", sheet: "~jxt-评分结果" },
      { kind: "unlock" },
    ]);
  });
});

describe("cleanup of an interrupted run", () => {
  const names = ["评分结果", "~jxq+0", "~jxq-评分结果", "~jxq-自评报告"];
  test("never while a live run holds the workbook", () => {
    expect(cleanupSteps(names, { state: "live", lock: { owner: "excel:q", at: 1 } })).toBeNull();
    expect(cleanupSteps(["评分结果"], { state: "free" })).toBeNull();
  });
  test("without a lock or with a stale one: restore, rename, delete; a stale lock released and reported", () => {
    const out = cleanupSteps(names, { state: "stale", lock: { owner: "excel:q", at: 7 } });
    expect(out?.steps).toEqual([
      { kind: "delete", sheet: "~jxq+0" },
      { kind: "rename", from: "~jxq-自评报告", to: "自评报告" },
      { kind: "unlock" },
      { kind: "restore", sheet: "评分结果", backup: "~jxq-评分结果" },
    ]);
    expect(out?.report).toEqual({ restored: ["评分结果", "自评报告"], removed: ["~jxq+0"], staleLockSince: 7 });
    expect(cleanupSteps(["评分结果"], { state: "stale", lock: { owner: "", at: 0 } })?.steps).toEqual([{ kind: "unlock" }]);
  });
});
