/**
 * All or nothing under failures at EVERY ET call: a dry run counts the calls of a run, then the
 * run is repeated failing at call k for each k. The workbook is as it was (or, once the run has
 * committed, complete), nothing temporary is left, and the application settings are as before.
 */
import { type EtWorkbookPort, withQuietHost } from "../../../src/adapters/wps/etWorkbook";
import { rememberBehaviour } from "../../../src/adapters/wps/etProbes";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { generatedWorkbook } from "../../../src/playground/generatedWorkbook";
import { type Step, etPort, runStep } from "./hosts";

/** A user's cover sheet and name over 评分结果 (what a re-run must keep pointing there). */
function addUserLinks(model: FakeWorkbook): void {
  const cover = model.addSheet("封面");
  model.cellForWrite(cover, 1, 1).formula = "=评分结果!B4";
  model.names.set("我的得分", "=评分结果!$B$4");
}

const snapshot = (model: FakeWorkbook) => ({ dump: model.dump(), active: model.activeSheetId, order: model.sheets.map((s) => s.name) });

/**
 * An Application that has answered the probes already (etProbes.ts): the sweep is about the run's
 * all-or-nothing; a failure inside the probe (which picks the documented path) is tested in probes.test.ts.
 */
function probed(model: FakeWorkbook) {
  const app = createFakeEtApplication({ model });
  rememberBehaviour(app, { formulaArrays: true, errorForm: "cverr" });
  return app;
}

async function sweep(seed: FakeWorkbook, step: Step, settings: Partial<Record<"Calculation" | "ScreenUpdating", unknown>> = {}) {
  const dry = probed(seed.clone());
  Object.assign(dry, settings);
  const initial = dry.settings;
  dry.calls = 0;
  await runStep(etPort(dry, "w"), step);
  const total = dry.calls;
  const completed = snapshot(dry.model);
  const before = snapshot(seed);
  let rolledBack = 0;
  let committed = 0;
  let retried = 0;
  for (let k = 1; k <= total; k++) {
    const app = probed(seed.clone());
    Object.assign(app, settings);
    app.calls = 0;
    app.failAt = k;
    const err = await runStep(etPort(app, "w"), step).then(
      () => null,
      (e: Error) => e,
    );
    const now = snapshot(app.model);
    // A failed restore of a setting is retried: the run stands, complete. Any other failure is reported.
    if (!err) {
      expect({ k, ...now }).toEqual({ k, ...completed });
      retried++;
      expect(app.settings).toEqual(initial);
      continue;
    }
    expect(err.message).toMatch(/injected failure/);
    if (JSON.stringify(now) === JSON.stringify(before)) rolledBack++;
    else if (JSON.stringify(now.dump) === JSON.stringify(completed.dump)) committed++;
    else expect({ k, total, ...now }).toEqual({ k, total, ...before });
    expect(app.model.sheets.filter((s) => s.name.startsWith("~jx")).map((s) => s.name)).toEqual([]);
    expect(app.settings).toEqual(initial);
  }
  return { total, rolledBack, committed, retried };
}

describe("a failure at any ET call leaves the workbook as it was", () => {
  test("计算得分, first run (new output sheets)", async () => {
    const seed = generatedWorkbook(2, 3);
    const { total, rolledBack, committed, retried } = await sweep(seed, "score");
    expect(total).toBeGreaterThan(200);
    // Only failures while deleting the last temporary sheets find the run complete.
    expect(committed).toBeLessThan(10);
    expect(retried).toBeLessThanOrEqual(4);
    expect(rolledBack + committed + retried).toBe(total);
  }, 300_000);

  test("插入模板 into an empty workbook (validations, comments, freeze panes)", async () => {
    const seed = new FakeWorkbook();
    seed.addSheet("Sheet1");
    const { total, rolledBack, committed, retried } = await sweep(seed, "template");
    expect(total).toBeGreaterThan(100);
    expect(committed).toBeLessThan(10);
    expect(retried).toBeLessThanOrEqual(4);
    expect(rolledBack + committed + retried).toBe(total);
  }, 300_000);

  test("生成报告 over owned sheets the user links to, with calculation already manual", async () => {
    const seed = generatedWorkbook(2, 3);
    const app = createFakeEtApplication({ model: seed });
    await runStep(etPort(app, "a"), "score");
    addUserLinks(seed);
    const { total, rolledBack, committed, retried } = await sweep(seed, "report", { Calculation: -4135 });
    expect(total).toBeGreaterThan(500);
    expect(committed).toBeLessThan(10);
    // Calculation was manual already: three settings to restore.
    expect(retried).toBeLessThanOrEqual(3);
    expect(rolledBack + committed + retried).toBe(total);
  }, 300_000);
});

test("a run writes nothing while the screen updates, and restores the settings it found", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(3, 4) });
  app.Calculation = -4135;
  app.EnableEvents = false;
  const before = app.settings;
  const port = etPort(app) as EtWorkbookPort;
  await runStep(port, "score");
  await runStep(port, "report");
  expect(app.writesWhileUpdating).toBe(0);
  expect(app.settings).toEqual(before);
});

test("withQuietHost: the work's own error wins over a failed restore; every setting is tried", () => {
  const app = createFakeEtApplication();
  const restoreFailures = { left: 2 };
  const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app), "ScreenUpdating")!;
  // ScreenUpdating's restore fails twice (the retry too); the other settings are still put back.
  Object.defineProperty(app, "ScreenUpdating", {
    get: () => original.get!.call(app),
    set: (v: boolean) => {
      if (v && restoreFailures.left-- > 0) throw new Error("restore failed");
      original.set!.call(app, v);
    },
  });
  expect(() =>
    withQuietHost(app, () => {
      throw new Error("work failed");
    }),
  ).toThrow("work failed");
  expect(app.settings).toEqual({ ScreenUpdating: false, Calculation: -4105, DisplayAlerts: true, EnableEvents: true });
  app.ScreenUpdating = true;
  restoreFailures.left = 2;
  // Work that succeeded: the failed restore is what is reported.
  expect(() => withQuietHost(app, () => 1)).toThrow("restore failed");
  app.ScreenUpdating = true;
  expect(withQuietHost(app, () => 2)).toBe(2);
  expect(app.settings).toEqual({ ScreenUpdating: true, Calculation: -4105, DisplayAlerts: true, EnableEvents: true });
});

test("a rolled-back owned sheet without a tab colour gets none back the documented way (ColorIndex = xlColorIndexNone, never Color = false)", async () => {
  const seed = generatedWorkbook(2, 3);
  const first = createFakeEtApplication({ model: seed });
  await runStep(etPort(first, "a"), "score");
  const owned = seed.sheets.find((s) => s.name === "评分结果")!;
  owned.tabColor = "";
  // The re-run fails just after the owned sheet was backed up: the rollback restores it, tab colour "none" too.
  const dry = createFakeEtApplication({ model: seed.clone(), log: true });
  dry.calls = 0;
  await runStep(etPort(dry, "b"), "score");
  const backup = dry.log!.indexOf("Worksheet.Copy");
  expect(backup).toBeGreaterThan(0);
  const app = createFakeEtApplication({ model: seed.clone(), log: true });
  app.calls = 0;
  app.failAt = backup + 5;
  await expect(runStep(etPort(app, "b"), "score")).rejects.toThrow(/injected failure/);
  expect(app.model.sheets.find((s) => s.name === "评分结果")!.tabColor).toBe("");
  expect(app.log).toContain("Tab.ColorIndex=");
  // The fake refuses `false` as a colour, as ET's typings do (number only).
  expect(() => (app.ActiveWorkbook.Worksheets.Item("评分结果").Tab.Color = false)).toThrow(/BGR/);
});
