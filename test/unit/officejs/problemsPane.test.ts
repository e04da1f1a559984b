/**
 * The pane's problem list renders typed problems (core/problems.ts): the place from `ref`, the
 * message from `code` in the pane's locale. Over the fake Excel with the pane's real actions, a run
 * on bad input lists its problems, and a click selects the problem's cell — also when the message's
 * wording changes (another locale, a reworded catalogue entry) and when the problems' display
 * strings (`cell`, `message`) say something else entirely: the pane reads neither.
 */
import type { CommandResult } from "../../../src/core/engine";
import { InputError } from "../../../src/core/issues";
import { cellRef, errorIssue } from "../../../src/core/problems";
import * as problems from "../../../src/core/problems";
import type { FakeWorkbook } from "../../../src/playground/excel/model";
import { fakeExcelRun } from "../../../src/playground/excel/context";
import { type ExcelRun, excelHost } from "../../../src/app/host";
import { type Messages, enUS, zhCN } from "../../../src/app/i18n";
import { generatedWorkbook } from "./fixtures";
import { formsSummary } from "./paneSummaries";
import { type MiniElement, asHtml, installMiniDom } from "./miniDom";

const body = installMiniDom();
const g = globalThis as unknown as Record<string, unknown>;
// taskpane.ts registers Office.onReady at load; the tests start the pane themselves.
g.Office = { onReady: () => undefined };
const { paneActions, startPane } = require("../../../src/app/pane/pane") as typeof import("../../../src/app/pane/pane");

const flush = () => new Promise((r) => setTimeout(r, 0));
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error("timed out");
};

/** The template workbook with two problems: 分值 of 指标2 (绩效指标!H3) empty, 全年预算数 of 项目3 (预算执行!C4) negative. */
function badWorkbook(): FakeWorkbook {
  const model = generatedWorkbook(10, 10);
  model.cellForWrite(model.findSheet("绩效指标")!, 3, 8).value = "";
  model.cellForWrite(model.findSheet("预算执行")!, 4, 3).value = -5;
  return model;
}

/** The pane over the fake Excel with its real actions; `wrap` may stand between the pane and runScoring. */
async function failedRun(m: Messages, wrap?: (e: InputError) => InputError) {
  const model = badWorkbook();
  const root = document.createElement("div") as unknown as MiniElement;
  body.replaceChildren(root);
  const actions = paneActions(excelHost(fakeExcelRun(model) as unknown as ExcelRun));
  const runScoring = actions.runScoring;
  if (wrap)
    actions.runScoring = (...args) =>
      runScoring(...args).catch((e: unknown) => {
        throw e instanceof InputError ? wrap(e) : e;
      });
  const stop = startPane(asHtml(root), m, true, actions);
  await until(() => root.dataset.step === "score");
  root.querySelector("#jx-score")!.click();
  await until(() => root.querySelectorAll(".jx-issue.jx-error").length > 0);
  const items = root.querySelectorAll(".jx-issue.jx-error");
  /** Clicks the item whose place reads `place` and returns what Excel selected. */
  const click = async (place: string) => {
    const item = items.find((i) => i.querySelector("code")!.textContent === place);
    if (!item) throw new Error(`no problem at ${place}: ${items.map((i) => i.textContent).join(" | ")}`);
    model.selection = null;
    item.click();
    await until(() => model.selection !== null);
    return { ...model.selection!, active: model.sheets.find((s) => s.id === model.activeSheetId)!.name };
  };
  return { items: items.map((i) => i.textContent), click, stop };
}

afterEach(() => jest.restoreAllMocks());

test("zh-CN: each problem names its cell and row and says what is wrong; a click selects that cell", async () => {
  const { items, click, stop } = await failedRun(zhCN);
  expect(items).toContain("绩效指标!H3 · 指标2：分值未填写");
  expect(items).toContain("预算执行!C4 · 项目3：全年预算数不能为负数，现为“-5”");
  expect(await click("绩效指标!H3")).toEqual({ sheet: "绩效指标", address: "H3", active: "绩效指标" });
  expect(await click("预算执行!C4")).toEqual({ sheet: "预算执行", address: "C4", active: "预算执行" });
  stop();
});

test("en-US words the same problem in English; the click still selects its cell", async () => {
  const { items, click, stop } = await failedRun(enUS);
  expect(items).toContain("预算执行!C4 · 项目3: 全年预算数 cannot be negative; found “-5”");
  expect(await click("预算执行!C4")).toEqual({ sheet: "预算执行", address: "C4", active: "预算执行" });
  stop();
});

test("a reworded catalogue and display strings that say something else: the pane words from code, selects from ref", async () => {
  // The catalogue entry reworded after the problems were made: their `message` keeps the old words.
  const render = problems.renderProblem;
  jest
    .spyOn(problems, "renderProblem")
    .mockImplementation((p, locale) => (p.code === "cell.negative" ? `改写后的措辞（${String(p.params.label)}）` : render(p, locale)));
  const seen: InputError[] = [];
  const { items, click, stop } = await failedRun(zhCN, (e) => {
    seen.push(e);
    // Display strings that name another cell and say another thing: the pane must use neither.
    return new InputError(e.issues.map((i) => ({ ...i, cell: "文字材料!A1", message: "不相干的文字" })));
  });
  expect(seen[0].issues.find((i) => i.code === "cell.negative")?.message).toBe("全年预算数不能为负数，现为“-5”");
  expect(items).toContain("预算执行!C4 · 项目3：改写后的措辞（全年预算数）");
  expect(items.join("\n")).not.toContain("不相干的文字");
  expect(items.join("\n")).not.toContain("文字材料!A1");
  expect(await click("预算执行!C4")).toEqual({ sheet: "预算执行", address: "C4", active: "预算执行" });
  expect(await click("绩效指标!H3")).toEqual({ sheet: "绩效指标", address: "H3", active: "绩效指标" });
  await flush();
  stop();
});

test("a form that could not be read while the others were scored: its errors listed, a click selects its cell", async () => {
  const unreadable = errorIssue(cellRef("Sheet3", 2, 1), "form.unreadable", { sheet: "Sheet3", count: 1 }, "Sheet3");
  const summary = { ...formsSummary(), errors: [unreadable] };
  const root = document.createElement("div") as unknown as MiniElement;
  body.replaceChildren(root);
  const selected: string[] = [];
  const stop = startPane(asHtml(root), zhCN, true, {
    runScoring: async () => ({ summary, plan: { sheets: [{ name: "评分结果" }] } }) as unknown as CommandResult,
    insertTemplate: async () => ({ created: [], existing: [] }),
    selectCell: async (ref) => void selected.push(problems.refName(ref)),
    reportDocx: async () => new Uint8Array(),
    inspect: async () => ({ hasInputs: false, hasForms: true, scored: false, reported: false, fingerprint: "f" }),
    watch: async () => null,
    saveFile: () => "anchor",
  });
  await until(() => root.dataset.step === "score");
  root.querySelector("#jx-score")!.click();
  await until(() => root.querySelectorAll(".jx-issue.jx-error").length > 0);
  const error = root.querySelectorAll(".jx-issue.jx-error");
  expect(error.map((e) => e.textContent)).toEqual([
    "Sheet3!A2 · Sheet3：工作表“Sheet3”上的绩效自评表有 1 处错误，未评分（其他自评表照常评分）",
  ]);
  expect(root.querySelectorAll(".jx-issue.jx-warning")).toHaveLength(1);
  error[0].click();
  await flush();
  expect(selected).toEqual(["Sheet3!A2"]);
  stop();
});
