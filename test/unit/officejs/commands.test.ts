/**
 * The ribbon handlers run without the pane: they always call event.completed(), and a problem
 * opens the message dialog with the cell-addressed list in Chinese.
 */
import { FakeWorkbook, fakeExcelRun } from "../../../src/playground/fakeExcel";
import { loadXlsx } from "../../../src/playground/xlsxBridge";
import { generatedWorkbook } from "./fixtures";
import { formWorkbookBytes } from "./formWorkbook";

let model: FakeWorkbook;
const dialogs: string[] = [];
const g = globalThis as unknown as Record<string, unknown>;
g.window = { location: { href: "https://localhost:3000/commands.html" } };
g.Excel = { run: <T>(batch: (c: unknown) => Promise<T>) => fakeExcelRun(model)(batch) };
const associated: Record<string, unknown> = {};
g.Office = {
  onReady: (cb: () => void) => Promise.resolve().then(cb),
  actions: { associate: (name: string, f: unknown) => (associated[name] = f) },
  context: {
    displayLanguage: "zh-CN",
    ui: { displayDialogAsync: (url: string, _o: unknown, cb: () => void) => (dialogs.push(url), cb()) },
  },
};

// Imported after the globals it uses at load time.
const commands = require("../../../src/commands/commands") as typeof import("../../../src/commands/commands");

const event = () => {
  const e = { completed: jest.fn() };
  return e as unknown as Office.AddinCommands.Event & { completed: jest.Mock };
};

beforeEach(() => (dialogs.length = 0));

test("the three functions named in the manifest are associated", async () => {
  await Promise.resolve();
  expect(Object.keys(associated).sort()).toEqual(["computeScore", "generateReport", "insertTemplate"]);
});

test("计算得分 and 生成报告 write their sheets and complete", async () => {
  model = generatedWorkbook(10, 10);
  const e1 = event();
  await commands.scoreCommand(e1);
  expect(e1.completed).toHaveBeenCalledTimes(1);
  expect(model.findSheet("评分结果")).toBeDefined();
  const e2 = event();
  await commands.reportCommand(e2);
  expect(e2.completed).toHaveBeenCalledTimes(1);
  expect(model.findSheet("自评报告")).toBeDefined();
  // 计算得分 after 生成报告 refreshes the report: no reference is left dangling (#REF!).
  const e3 = event();
  await commands.scoreCommand(e3);
  expect(e3.completed).toHaveBeenCalledTimes(1);
  for (const sheet of model.sheets) for (const cell of sheet.cells.values()) expect(cell.formula ?? "").not.toContain("#REF!");
  expect(dialogs).toEqual([]);
});

test("official forms: 计算得分 and 生成报告 from the ribbon; the report is the first form's, the forms untouched", async () => {
  model = await loadXlsx(await formWorkbookBytes());
  const before = model.dump();
  const e1 = event();
  await commands.scoreCommand(e1);
  expect(e1.completed).toHaveBeenCalledTimes(1);
  expect(dialogs.map((d) => new URL(d).searchParams.get("lines"))).toEqual([]);
  expect(model.findSheet("评分结果")).toBeDefined();
  const e2 = event();
  await commands.reportCommand(e2);
  expect(e2.completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toEqual([]);
  const report = model.findSheet("自评报告")!;
  expect(report).toBeDefined();
  const text = [...report.cells.values()].map((c) => String(c.value)).join("\n");
  expect(text).toContain("举办党建培训班不少于10期");
  expect(text).not.toContain("社区治理试点");
  expect(model.dump().slice(0, 2)).toEqual(before);
});

test("bad input: completed anyway, the dialog lists the cells in Chinese, nothing written", async () => {
  model = generatedWorkbook(10, 10);
  model.cellForWrite(model.findSheet("绩效指标")!, 2, 8).value = "abc";
  const e = event();
  await commands.scoreCommand(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toHaveLength(1);
  const url = new URL(dialogs[0]);
  expect(url.pathname).toBe("/dialog.html");
  expect(url.searchParams.get("title")).toContain("请先修正");
  expect(JSON.parse(url.searchParams.get("lines")!).join("\n")).toMatch(/^绩效指标!H2 · \S+：分值应为/m);
  expect(model.findSheet("评分结果")).toBeUndefined();
});

test("插入模板 on a blank workbook adds the four input sheets; an Excel failure still completes", async () => {
  model = new FakeWorkbook();
  model.addSheet("Sheet1");
  const e = event();
  await commands.templateCommand(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1", "基本信息", "预算执行", "绩效指标", "文字材料"]);

  model = generatedWorkbook(10, 10);
  const failing = event();
  g.Excel = { run: () => Promise.reject(new Error("GeneralException")) };
  await commands.scoreCommand(failing);
  expect(failing.completed).toHaveBeenCalledTimes(1);
  expect(JSON.parse(new URL(dialogs[0]).searchParams.get("lines")!)[0]).toContain("操作失败");
});
