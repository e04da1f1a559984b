/**
 * The ribbon handlers run without the pane: they always call event.completed(), and a problem
 * opens the message dialog with the cell-addressed list in Chinese.
 */
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { fakeExcelRun } from "../../../src/playground/excel/context";
import { loadXlsx } from "../../../src/playground/xlsxBridge";
import { noticeLines, noticeOf, noticeQuery, problemLines } from "../../../src/app/notice";
import { InputError } from "../../../src/core/issues";
import { cellRef, errorIssue } from "../../../src/core/problems";
import { type Messages, enUS, zhCN } from "../../../src/app/i18n";
import { generatedWorkbook } from "./fixtures";
import { formWorkbookBytes } from "./formWorkbook";

let model: FakeWorkbook;
const dialogs: string[] = [];
const g = globalThis as unknown as Record<string, unknown>;
g.window = { location: { href: "https://localhost:3000/commands.html" } };
g.Excel = { run: <T>(batch: (c: unknown) => Promise<T>) => fakeExcelRun(model)(batch) };
const associated: Record<string, unknown> = {};
type DialogCallback = (r?: { status: string; value: unknown }) => void;
/** What displayDialogAsync hands its callback; undefined: a host that answers nothing. */
let dialogResult: (() => { status: string; value: unknown }) | undefined;
g.Office = {
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  EventType: { DialogEventReceived: "dialogEventReceived", DialogMessageReceived: "dialogMessageReceived" },
  onReady: (cb: () => void) => Promise.resolve().then(cb),
  actions: { associate: (name: string, f: unknown) => (associated[name] = f) },
  context: {
    displayLanguage: "zh-CN",
    ui: { displayDialogAsync: (url: string, _o: unknown, cb: DialogCallback) => (dialogs.push(url), cb(dialogResult?.())) },
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
  // The problems travel typed; the dialog words them from their codes.
  const problems = JSON.parse(url.searchParams.get("problems")!) as Array<Record<string, unknown>>;
  expect(problems[0]).toMatchObject({ ref: { sheet: "绩效指标", row: 2, col: 8 }, code: "weight.notNumber", severity: "error" });
  expect(problems[0]).not.toHaveProperty("message");
  expect(problems[0]).not.toHaveProperty("cell");
  expect(noticeLines(url.searchParams).join("\n")).toMatch(/^绩效指标!H2 · \S+：分值应为/m);
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
  expect(noticeLines(new URL(dialogs[0]).searchParams)[0]).toContain("操作失败");
});

/** A dialog that stays open until a test closes it. */
function openDialog() {
  const handlers: Record<string, (arg: unknown) => void> = {};
  const dialog = { addEventHandler: (type: string, h: (arg: unknown) => void) => (handlers[type] = h), close: jest.fn() };
  dialogResult = () => ({ status: "succeeded", value: dialog });
  return { handlers, dialog };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

test("the error dialog stays open: completed() only once the user closes it (× or the close button)", async () => {
  g.Excel = { run: () => Promise.reject(new Error("GeneralException")) };
  try {
    for (const how of ["x", "button"] as const) {
      dialogs.length = 0;
      const { handlers, dialog } = openDialog();
      const e = event();
      const done = commands.scoreCommand(e);
      await until(() => dialogs.length === 1 && Object.keys(handlers).length === 2);
      // Open, and waiting: the command is not completed while the user reads.
      await new Promise((r) => setTimeout(r, 50));
      expect(e.completed).not.toHaveBeenCalled();
      expect(new URL(dialogs[0]).searchParams.get("close")).toBe("关闭");
      if (how === "x") handlers.dialogEventReceived({ error: 12006 });
      else handlers.dialogMessageReceived({ message: "close" });
      await done;
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(dialog.close).toHaveBeenCalledTimes(how === "button" ? 1 : 0);
    }
  } finally {
    dialogResult = undefined;
  }
});

test("cell-edit mode: the dialog names the fix (Enter or Esc, then again)", async () => {
  const busy = Object.assign(new Error("The operation is not allowed while in cell edit mode."), {
    code: "InvalidOperationInCellEditMode",
  });
  g.Excel = { run: () => Promise.reject(busy) };
  const e = event();
  await commands.reportCommand(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  const line = JSON.parse(new URL(dialogs[0]).searchParams.get("lines")!)[0] as string;
  expect(line).toMatch(/正在编辑单元格.*Enter.*Esc.*再试一次/);
  // Any other failure keeps office.js's own words.
  dialogs.length = 0;
  g.Excel = { run: () => Promise.reject(new Error("GeneralException: boom")) };
  await commands.reportCommand(event());
  expect(JSON.parse(new URL(dialogs[0]).searchParams.get("lines")!)[0]).toContain("GeneralException: boom");
});

test("from ExcelApi 1.11 a run waits for a cell edit to end (delayForCellEdit); before it, plain Excel.run", async () => {
  const office = g.Office as { context: Record<string, unknown> };
  const calls: unknown[][] = [];
  model = generatedWorkbook(10, 10);
  const fake = fakeExcelRun(model);
  g.Excel = {
    run: (...args: unknown[]) => {
      calls.push(args);
      return fake(args[args.length - 1] as Parameters<typeof fake>[0]);
    },
  };
  try {
    for (const has of [true, false]) {
      calls.length = 0;
      office.context.requirements = {
        isSetSupported: (set: string, v: string) => has && set === "ExcelApi" && Number(v.split(".")[1]) <= 11,
      };
      const e = event();
      await commands.scoreCommand(e);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(calls.length).toBeGreaterThan(0);
      for (const args of calls) expect(args.length === 2 ? args[0] : null).toEqual(has ? { delayForCellEdit: true } : null);
    }
  } finally {
    delete office.context.requirements;
  }
});

test("the dialog and WPS's message box word the typed problems in the UI's language, from their codes", () => {
  const negative = errorIssue(cellRef("预算执行", 4, 3), "cell.negative", { label: "全年预算数", shown: "“-5”" }, "项目3");
  const error = new InputError([{ ...negative, cell: "不相干!A1", message: "不相干的文字" }]);
  const dialog = (m: Messages) => noticeLines(noticeQuery(noticeOf(error, m), m));
  expect(dialog(zhCN)).toEqual(["预算执行!C4 · 项目3：全年预算数不能为负数，现为“-5”"]);
  expect(dialog(enUS)).toEqual(["预算执行!C4 · 项目3: 全年预算数 cannot be negative; found “-5”"]);
  expect(problemLines(error, enUS).lines).toEqual(dialog(enUS));
});

test("a form that cannot be read beside one that can: the other is scored, the dialog names the failed form's cells", async () => {
  // The Excel of the tests above may be one that fails.
  g.Excel = { run: <T>(batch: (c: unknown) => Promise<T>) => fakeExcelRun(model)(batch) };
  dialogs.length = 0;
  model = await loadXlsx(await formWorkbookBytes());
  model.cellForWrite(model.findSheet("项目B")!, 6, 4).value = "abc";
  const e = event();
  await commands.scoreCommand(e);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(model.findSheet("评分结果")).toBeDefined();
  expect(dialogs).toHaveLength(1);
  const problems = JSON.parse(new URL(dialogs[0]).searchParams.get("problems")!) as Array<{ ref: { sheet: string }; code: string }>;
  expect(problems[0]).toMatchObject({ ref: { sheet: "项目B" }, code: "form.unreadable" });
  expect(problems.slice(1).map((p) => p.ref.sheet)).toEqual(problems.slice(1).map(() => "项目B"));
  expect(noticeLines(new URL(dialogs[0]).searchParams).join("\n")).toContain("项目B!D6");
});
