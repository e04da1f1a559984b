/**
 * Re-runs keep every link (issue 10), in the office.js adapter: the key figures have workbook-level
 * names, repointed on re-runs; an interrupted run's `~jx…` sheets are cleaned up (the owned sheet
 * restored from its backup) by the next read. That a user's links survive re-runs and that an
 * interrupted run is cleaned up are shown for both hosts at once, in test/unit/hostScenarios.test.ts.
 */
import { KEY_FIGURES, type Command } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { backupName, tempName } from "../../../src/adapters/shared/ownedSheets";
import type { FakeWorkbook } from "../../../src/playground/excel/model";
import { FakeRequestContext, fakeExcelRun } from "../../../src/playground/excel/context";
import { sampleWorkbook } from "./fixtures";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;

async function run(model: FakeWorkbook, command: Command, tag = "t") {
  const port = new OfficeJsWorkbook(excel(new FakeRequestContext(model)), { tag });
  return { port, result: await runCommand(port, command) };
}

test("the key figures get workbook-level names, repointed (never duplicated) on re-runs", async () => {
  const model = await sampleWorkbook();
  const { result } = await run(model, "score", "a");
  expect([...model.names.keys()].sort()).toEqual(KEY_FIGURES.map(([n]) => n).sort());
  for (const n of result.plan.names!) expect(model.names.get(n.name)).toBe(`='评分结果'!${n.address}`);
  // A name the user pointed elsewhere is pointed back at the figure; the user's own names stay.
  model.names.set("自评得分", "=基本信息!$A$1");
  model.names.set("我的名字", "=基本信息!$B$2");
  await run(model, "score", "b");
  expect(model.names.get("自评得分")).toBe(`='评分结果'!${result.plan.names!.find((n) => n.name === "自评得分")!.address}`);
  expect(model.names.get("我的名字")).toBe("=基本信息!$B$2");
  expect(model.names.size).toBe(KEY_FIGURES.length + 1);
});

describe("leftovers of an interrupted run", () => {
  test("a backup that is the only copy of an owned sheet (the old swap's `~jx…o0`) is renamed into place", async () => {
    const model = await sampleWorkbook();
    await run(model, "score", "a");
    model.renameSheet(model.findSheet("评分结果")!, "~jxold9o0");
    model.addSheet("~jxold9n0");
    const port = new OfficeJsWorkbook(excel(new FakeRequestContext(model)));
    const report = await port.cleanLeftovers();
    expect(report).toEqual({ restored: ["评分结果"], removed: ["~jxold9n0"] });
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith("~") || n === "评分结果")).toEqual(["评分结果"]);
  });

  test("nothing to clean: no extra round trip", async () => {
    const model = await sampleWorkbook();
    const context = new FakeRequestContext(model);
    const port = new OfficeJsWorkbook(excel(context));
    await port.read(["基本信息"]);
    expect(context.syncCount).toBe(1);
    expect(port.leftovers).toBeUndefined();
  });
});

describe("the pane tells the user", () => {
  // actions.ts is the pane's module; it reaches Excel only through the run function it is given.
  const { cleanLeftovers, leftoverText, runScoring } = require("../../../src/app/actions") as typeof import("../../../src/app/actions");
  const { zhCN, enUS } = require("../../../src/app/i18n") as typeof import("../../../src/app/i18n");

  async function interrupted(): Promise<FakeWorkbook> {
    const model = await sampleWorkbook();
    await run(model, "score", "a");
    model.renameSheet(model.copySheet(model.findSheet("评分结果")!), backupName("zz", "评分结果"));
    model.addSheet(tempName("zz", 1));
    return model;
  }

  test("when the pane opens: cleaned, and said in Chinese (English second)", async () => {
    const model = await interrupted();
    const report = await cleanLeftovers(fakeExcelRun(model) as never);
    expect(leftoverText(report, zhCN)).toBe("上次运行被中断，已清理：恢复了 评分结果，删除了 1 张临时工作表（~jx…）");
    expect(leftoverText(report, enUS)).toMatch(/^An interrupted earlier run was cleaned up: restored 评分结果, removed 1/);
    expect(model.sheets.some((s) => s.name.startsWith("~jx"))).toBe(false);
    expect(leftoverText(await cleanLeftovers(fakeExcelRun(model) as never), zhCN)).toBe("");
  });

  test("at the next run: the result carries what was cleaned", async () => {
    const model = await interrupted();
    const result = await runScoring("score", {}, undefined, fakeExcelRun(model) as never);
    expect(result.leftovers).toEqual({ restored: ["评分结果"], removed: [tempName("zz", 1)] });
  });
});
