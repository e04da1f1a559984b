/**
 * One run at a time per workbook (issue 17): the run lock (a hidden defined name) keeps the pane's
 * re-reads — on every change event, on focus — and a second run away from a run in progress; a
 * crashed run's stale lock is released with the user told; the fake fires onChanged for the
 * add-in's own writes (triggerSource ThisLocalAddin), as Excel does; the in-place update copies a
 * bounded rectangle and writes sizes itself.
 */
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { LOCK_STALE_MS, RUN_LOCK_NAME, RunInProgressError, lockFormula } from "../../../src/adapters/shared/commitProtocol";
import { backupName, tempName } from "../../../src/adapters/shared/ownedSheets";
import { runCommand } from "../../support/run";
import type { FakeChangeEvent, FakeWorkbook } from "../../../src/playground/excel/model";
import { COPY_CELL_LIMIT } from "../../../src/playground/excel/range";
import { FakeRequestContext, fakeExcelRun } from "../../../src/playground/excel/context";
import { cleanLeftovers, inspectWorkbook, leftoverText, runScoring, watchChanges } from "../../../src/app/actions";
import type { ExcelRun } from "../../../src/app/host";
import { zhCN } from "../../../src/app/i18n";
import { generatedWorkbook } from "../../unit/officejs/fixtures";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;
const paneRun = (model: FakeWorkbook) => fakeExcelRun(model) as unknown as ExcelRun;
const temporaries = (model: FakeWorkbook) => model.sheets.filter((s) => s.name.startsWith("~jx")).map((s) => s.name);

/** A workbook scored once (so 生成报告 updates 评分结果 in place), and the result of an undisturbed 生成报告 on a copy. */
async function scoredWithReference(budgetRows: number, indicators: number) {
  const seed = generatedWorkbook(budgetRows, indicators);
  await runCommand(new OfficeJsWorkbook(excel(new FakeRequestContext(seed)), { tag: "s" }), "score");
  const reference = seed.clone();
  await runCommand(new OfficeJsWorkbook(excel(new FakeRequestContext(reference)), { tag: "r" }), "report");
  return { seed, reference };
}

describe("the pane never breaks a run", () => {
  test("a pane read between every two syncs of a 2,000-row 生成报告: the run completes, the workbook equals the undisturbed one", async () => {
    // Each pane read is a whole read of the workbook; the property does not depend on its size.
    const { seed: model, reference } = await scoredWithReference(400, 2_000);
    const context = new FakeRequestContext(model);
    const sync = context.sync.bind(context);
    let reads = 0;
    let readsMidRun = 0;
    // The pane's look(): a full read through the pane's own actions, on its own context.
    context.sync = async () => {
      await sync();
      if (temporaries(model).length) readsMidRun++;
      await inspectWorkbook(paneRun(model));
      reads++;
    };
    await runCommand(new OfficeJsWorkbook(excel(context), { tag: "r" }), "report");
    expect(reads).toBe(context.syncCount);
    // The reads did land while the run's temporary sheets and backups existed (without the lock,
    // each would have deleted them).
    expect(readsMidRun).toBeGreaterThanOrEqual(1);
    expect(model.dump()).toEqual(reference.dump());
    expect(model.names.has(RUN_LOCK_NAME)).toBe(false);
  }, 120_000);

  test("Excel's change events for the add-in's own writes reach the pane marked as its own; a user's edit is not", async () => {
    const { seed: model } = await scoredWithReference(2, 10);
    const events: Array<{ own: boolean }> = [];
    const stop = await watchChanges((change) => events.push(change), paneRun(model));
    await runScoring("report", {}, undefined, paneRun(model));
    await new Promise((r) => setTimeout(r, 10));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.own)).toBe(true);
    model.notifyChanged(model.sheets[0], "A1");
    await new Promise((r) => setTimeout(r, 10));
    expect(events[events.length - 1]).toEqual({ own: false });
    // Removed the documented way (Excel.run on the context it was added with): no handler is left.
    await stop?.();
    expect(model.changeHandlers.size).toBe(0);
  });

  test("a ribbon command while the pane is open: the pane's reads leave it alone, the pane's own run is refused, the ribbon's completes", async () => {
    const { seed: model, reference } = await scoredWithReference(20, 200);
    const refusals: string[] = [];
    // The ribbon's run (its own Excel.run), with the pane looking and trying 生成报告 after each of its syncs.
    const ribbon = fakeExcelRun(model, (context) => {
      const sync = context.sync.bind(context);
      context.sync = async () => {
        await sync();
        await inspectWorkbook(paneRun(model));
        if (model.names.has(RUN_LOCK_NAME)) {
          await runScoring("report", {}, undefined, paneRun(model)).catch((e: Error) => refusals.push(e.message));
        }
      };
    }) as unknown as ExcelRun;
    await runScoring("report", {}, undefined, ribbon);
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    expect(refusals[0]).toMatch(/另一次“计算得分”或“生成报告”正在写入此工作簿/);
    // The refused runs wrote nothing, and the ribbon's run stands as if alone (its tag aside: temporaries are gone).
    expect(model.dump()).toEqual(reference.dump());
  });
});

describe("a crashed run's lock", () => {
  /** A run that died mid-swap: its backup, a temporary sheet and its lock (renewed at `at`). */
  async function crashed(at: number) {
    const { seed: model } = await scoredWithReference(2, 10);
    const before = model.clone();
    model.renameSheet(model.copySheet(model.findSheet("评分结果")!), backupName("zz", "评分结果"));
    model.addSheet(tempName("zz", 1));
    model.names.set(RUN_LOCK_NAME, lockFormula({ owner: "excel:zz", at }));
    model.hiddenNames.add(RUN_LOCK_NAME);
    return { model, before };
  }

  test("stale (older than the bound): the pane cleans up, releases it and says so in Chinese", async () => {
    const at = Date.now() - LOCK_STALE_MS - 1000;
    const { model, before } = await crashed(at);
    const report = await cleanLeftovers(paneRun(model));
    expect(report).toEqual({ restored: ["评分结果"], removed: [tempName("zz", 1)], staleLockSince: at });
    expect(leftoverText(report, zhCN)).toBe(
      `上次运行（${new Date(at).toLocaleString()} 最后一次写入）未正常结束，已解除它对工作簿的占用。上次运行被中断，已清理：恢复了 评分结果，删除了 1 张临时工作表（~jx…）`,
    );
    expect(model.dump()).toEqual(before.dump());
    expect(model.names.has(RUN_LOCK_NAME)).toBe(false);
  });

  test("live (renewed within the bound): reads leave its sheets alone and a run is refused, until the bound passes", async () => {
    const start = Date.now();
    const { model } = await crashed(start);
    const held = model.clone();
    expect(await cleanLeftovers(paneRun(model))).toEqual({ restored: [], removed: [] });
    const snapshot = await inspectWorkbook(paneRun(model));
    expect(snapshot).toBeDefined();
    expect(model.dump()).toEqual(held.dump());
    await expect(runScoring("score", {}, undefined, paneRun(model))).rejects.toBeInstanceOf(RunInProgressError);
    expect(model.dump()).toEqual(held.dump());
    // Past the bound, the same read cleans up and the run goes through.
    const later = new OfficeJsWorkbook(excel(new FakeRequestContext(model)), { clock: () => start + LOCK_STALE_MS + 1 });
    await runCommand(later, "score");
    expect(later.leftovers?.staleLockSince).toBe(start);
    expect(temporaries(model)).toEqual([]);
    expect(model.names.has(RUN_LOCK_NAME)).toBe(false);
  });

  test("the lock is a hidden name while a run holds it", async () => {
    const { seed: model } = await scoredWithReference(2, 10);
    const context = new FakeRequestContext(model);
    const sync = context.sync.bind(context);
    const hidden: boolean[] = [];
    context.sync = async () => {
      await sync();
      if (model.names.has(RUN_LOCK_NAME)) hidden.push(model.hiddenNames.has(RUN_LOCK_NAME));
    };
    await runCommand(new OfficeJsWorkbook(excel(context)), "report");
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((h) => h)).toBe(true);
  });
});

describe("the in-place update copies a bounded area and writes sizes itself", () => {
  test("the fake refuses a sheet-wide copy, as Excel on the web does over 33,554,000 cells", async () => {
    const { seed: model } = await scoredWithReference(2, 10);
    const context = new FakeRequestContext(model);
    const ws = excel(context).workbook.worksheets.getItem("评分结果");
    expect(() => ws.getRange().copyFrom("'~jx'!A1:XFD1048576", "All")).toThrow(/OperationCellsExceedLimit/);
    expect(COPY_CELL_LIMIT).toBe(33_554_000);
  });

  test("a re-run gives an owned sheet the plan's widths and heights, whatever the user left there (the copy carries none)", async () => {
    const { seed: model, reference } = await scoredWithReference(2, 10);
    const sheet = model.findSheet("评分结果")!;
    sheet.columnWidths.set(1, 300);
    sheet.columnWidths.set(40, 300);
    sheet.rowHeights.set(2, 99);
    sheet.rowHeights.set(5000, 99);
    await runCommand(new OfficeJsWorkbook(excel(new FakeRequestContext(model)), { tag: "r" }), "report");
    expect(model.dump()).toEqual(reference.dump());
  });

  test("a failure after the overwrite restores the owned sheet's sizes from its backup", async () => {
    const { seed: model } = await scoredWithReference(2, 10);
    const sheet = model.findSheet("评分结果")!;
    sheet.columnWidths.set(40, 123);
    sheet.rowHeights.set(3, 77);
    const before = model.clone();
    // Fail late in the final request: after the owned sheet was cleared, resized and overwritten.
    const dry = model.clone();
    const dryContext = new FakeRequestContext(dry);
    await runCommand(new OfficeJsWorkbook(excel(dryContext), { tag: "r" }), "report");
    let rolledBack = 0;
    for (const k of [dryContext.writesRun - 8, dryContext.writesRun - 30]) {
      const copy = before.clone();
      const context = new FakeRequestContext(copy);
      context.failAtWrite = k;
      await expect(runCommand(new OfficeJsWorkbook(excel(context), { tag: "r" }), "report")).rejects.toThrow(/injected/);
      expect(temporaries(copy)).toEqual([]);
      expect(copy.names.has(RUN_LOCK_NAME)).toBe(false);
      const done = JSON.stringify(copy.dump());
      if (done === JSON.stringify(before.dump())) rolledBack++;
      // Either rolled back (as before, sizes included) or finished (as an undisturbed run).
      if (done !== JSON.stringify(before.dump()) && done !== JSON.stringify(dry.dump())) {
        const sizes = (m: FakeWorkbook) => {
          const s = m.findSheet("评分结果")!;
          return { w: [...s.columnWidths], h: [...s.rowHeights], n: m.sheets.map((x) => x.name), names: [...m.names.keys()] };
        };
        expect({ k, ...sizes(copy) }).toEqual({ k, ...sizes(before) });
        expect(done).toBe(JSON.stringify(before.dump()));
      }
    }
    // At least one failure came after the overwrite and before the point of no return: a real restore.
    expect(rolledBack).toBeGreaterThanOrEqual(1);
  });
});

// Keep the type import honest: the fake's event shape is what host.ts reads.
export type { FakeChangeEvent };
