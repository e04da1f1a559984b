/**
 * The run lock on WPS (issue 17): the same hidden defined name as in Excel, through `Names.Add(name,
 * refersTo, Visible)`. A read never touches a live run's `~jx…` sheets, a run is refused while
 * another holds the workbook, a stale lock is released with the leftovers; SheetChange fires for
 * the add-in's own writes (the fake assumes WPS does not hold it back while EnableEvents is off).
 */
import { runCommand } from "../../support/run";
import { LOCK_STALE_MS, RUN_LOCK_NAME, RunInProgressError, lockFormula } from "../../../src/adapters/shared/commitProtocol";
import { backupName, tempName } from "../../../src/adapters/shared/ownedSheets";
import { type EtWorkbookPort, createEtWorkbook } from "../../../src/adapters/wps/etWorkbook";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { generatedWorkbook } from "../../../src/playground/generatedWorkbook";

async function crashedRun(at: number) {
  const app = createFakeEtApplication({ model: generatedWorkbook(2, 10) });
  await runCommand(createEtWorkbook(app, { tag: "s" }), "score");
  const model = app.model;
  const before = model.clone();
  model.renameSheet(model.copySheet(model.findSheet("评分结果")!), backupName("zz", "评分结果"));
  model.addSheet(tempName("zz", 1));
  app.ActiveWorkbook!.Names.Add(RUN_LOCK_NAME, lockFormula({ owner: "wps:zz", at }), false);
  return { app, model, before };
}

test("a live lock: the read leaves the run's sheets alone and hides them, a second run is refused", async () => {
  const now = 1_000_000_000_000;
  const { app, model } = await crashedRun(now);
  const held = model.clone();
  const port = createEtWorkbook(app, { clock: () => now + 1000 }) as EtWorkbookPort;
  const snapshot = await port.read(ALL_SHEETS);
  expect(snapshot.sheetNames.some((n) => n.startsWith("~jx"))).toBe(false);
  expect(model.dump()).toEqual(held.dump());
  await expect(runCommand(port, "score")).rejects.toBeInstanceOf(RunInProgressError);
  expect(model.dump()).toEqual(held.dump());
  expect(await port.cleanLeftovers()).toEqual({ restored: [], removed: [] });
});

test("a stale lock: released with the leftovers, the user told when it was last renewed, the run goes through", async () => {
  const now = 1_000_000_000_000;
  const { app, model, before } = await crashedRun(now);
  expect(model.hiddenNames.has(RUN_LOCK_NAME)).toBe(true);
  const port = createEtWorkbook(app, { clock: () => now + LOCK_STALE_MS + 1 }) as EtWorkbookPort;
  expect(await port.cleanLeftovers()).toEqual({ restored: ["评分结果"], removed: [tempName("zz", 1)], staleLockSince: now });
  expect(model.dump()).toEqual(before.dump());
  await runCommand(port, "score");
  expect(model.names.has(RUN_LOCK_NAME)).toBe(false);
});

test("SheetChange fires for the add-in's own writes; the lock is taken as a hidden name and gone after", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(2, 10) });
  let changes = 0;
  app.ApiEvent.AddApiEventListener("SheetChange", () => changes++);
  const hidden: string[] = [];
  const hide = app.model.hiddenNames.add.bind(app.model.hiddenNames);
  app.model.hiddenNames.add = (n: string) => {
    hidden.push(n);
    return hide(n);
  };
  await runCommand(createEtWorkbook(app), "score");
  await new Promise((r) => setTimeout(r, 10));
  expect(changes).toBeGreaterThan(0);
  expect(hidden).toContain(RUN_LOCK_NAME);
  expect(app.model.names.has(RUN_LOCK_NAME)).toBe(false);
  expect(app.model.hiddenNames.has(RUN_LOCK_NAME)).toBe(false);
});
