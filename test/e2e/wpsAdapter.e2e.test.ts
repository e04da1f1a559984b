/**
 * The WPS adapter and the fake ET in Chromium: bundled for the browser by webpack before jest
 * (scripts/build-test.js; a node module in their imports would fail that build), 计算得分 then 生成报告 run in the page give the same
 * workbook, the same number of ET calls and no write while the screen updates, as under node.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import { runCommand } from "../support/run";
import { createEtWorkbook } from "../../src/adapters/wps/etWorkbook";
import { createFakeEtApplication } from "../../src/playground/et/application";
import { generatedWorkbook } from "../../src/playground/generatedWorkbook";
import { webBuild } from "../support/builds";
import { launchChromium } from "../support/chromium";

const SCRIPT = path.join(webBuild("harness"), "wps-adapter.js");
let browser: Browser;
let script = "";

beforeAll(async () => {
  script = fs.readFileSync(SCRIPT, "utf8");
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

test("计算得分 then 生成报告 in Chromium: the workbook and the ET calls of the same run under node", async () => {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><meta charset=utf-8><body></body>");
  await page.addScriptTag({ content: script });
  const inPage = await page.evaluate((rows) => window.jxWps(rows), 20);
  await page.close();

  const app = createFakeEtApplication({ model: generatedWorkbook(20, 20), wrapReads: true });
  await runCommand(createEtWorkbook(app, { tag: "b" }), "score");
  const result = await runCommand(createEtWorkbook(app, { tag: "b" }), "report");
  expect(inPage.score).toBe(result.summary.score.total);
  expect(inPage.calls).toBe(app.calls);
  expect(inPage.writesWhileUpdating).toBe(0);
  expect(inPage.dump).toEqual(app.model.dump());
  expect(inPage.dump.length).toBeGreaterThan(5);
});
