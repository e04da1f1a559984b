/**
 * WPS's ribbon says problems in a message box, worded from the typed problems as the Excel ribbon's
 * dialog words them: a failed run's, and those of a form that could not be read beside the others.
 */
import { InputError } from "../../../src/core/issues";
import { cellRef, errorIssue } from "../../../src/core/problems";

const alerts: string[] = [];
const g = globalThis as unknown as Record<string, unknown>;
Object.defineProperty(globalThis, "navigator", { value: { language: "zh-CN" }, configurable: true });
g.window = { alert: (text: string) => alerts.push(text), location: { href: "https://localhost/index.html" } };
// Imported after the globals it uses at load time.
const { runCommand } = require("../../../src/wps/main") as typeof import("../../../src/wps/main");

const unreadable = errorIssue(cellRef("项目B", 1, 1), "form.unreadable", { sheet: "项目B", count: 1 }, "项目B");
const negative = errorIssue(cellRef("项目B", 6, 4), "cell.negative", { label: "全年预算数", shown: "“-5”" });

beforeEach(() => (alerts.length = 0));

test("a run that scored with a form it could not read: the form and its cells are said", async () => {
  await runCommand(async () => ({ summary: { errors: [unreadable, negative] } }));
  expect(alerts).toHaveLength(1);
  expect(alerts[0].split("\n").slice(2)).toEqual([
    "项目B!A1 · 项目B：工作表“项目B”上的绩效自评表有 1 处错误，未评分（其他自评表照常评分）",
    "项目B!D6：全年预算数不能为负数，现为“-5”",
  ]);
});

test("a clean run says nothing; a failed run lists its problems, worded from their codes, not their display strings", async () => {
  await runCommand(async () => ({ summary: { errors: [] } }));
  await runCommand(async () => undefined);
  expect(alerts).toEqual([]);
  await runCommand(async () => {
    throw new InputError([{ ...negative, cell: "别处!Z9", message: "不相干的文字" }]);
  });
  expect(alerts[0]).toContain("项目B!D6：全年预算数不能为负数，现为“-5”");
  expect(alerts[0]).not.toContain("不相干");
});
