/** The pane's strings: both locales complete and alike, and none hard-coded in the UI code. */
import * as fs from "fs";
import * as path from "path";
import { enUS, format, messagesFor, zhCN } from "../../../src/app/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("zh-CN and en-US have the same keys, none empty, with the same placeholders", () => {
  expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  for (const [k, zh] of Object.entries(zhCN)) {
    const en = enUS[k as keyof typeof zhCN];
    expect(zh.trim()).not.toBe("");
    expect(en.trim()).not.toBe("");
    expect([k, placeholders(en)]).toEqual([k, placeholders(zh)]);
  }
});

test("Office's display language picks the strings; Chinese unless English", () => {
  expect(messagesFor("zh-CN")).toBe(zhCN);
  expect(messagesFor("zh-TW")).toBe(zhCN);
  expect(messagesFor("en-US")).toBe(enUS);
  expect(messagesFor("en-GB")).toBe(enUS);
  expect(messagesFor(undefined)).toBe(zhCN);
  expect(format(zhCN.templateCreated, { sheets: "基本信息" })).toBe("已插入：基本信息");
});

test("no Chinese UI text is hard-coded in the pane or the ribbon code (comments aside)", () => {
  for (const file of [
    "src/taskpane/taskpane.ts",
    "src/app/pane/pane.ts",
    "src/app/pane/diagnostics.ts",
    "src/app/actions.ts",
    "src/app/pane/forms.ts",
    "src/app/pane/dom.ts",
    "src/commands/commands.ts",
    "src/commands/dialog.ts",
  ]) {
    const code = fs
      .readFileSync(path.join(__dirname, "../../..", file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    expect([file, code.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g)]).toEqual([file, null]);
  }
});
