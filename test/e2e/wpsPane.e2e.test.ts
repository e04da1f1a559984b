/**
 * The WPS add-in end to end in Debian's Chromium: the production WPS build (webpack.wps.config.js,
 * ES2015 + shims) with a fake `window.Application` (the fake ET application, wpsPane.entry.ts)
 * loaded before it. The pane: 插入模板 on an empty workbook, the sample → 计算得分 (96.9, 优) →
 * 生成报告 → the .docx downloads and passes the OOXML checks; the ribbon's callbacks on the hidden
 * entry page run the commands without the pane and report a bad cell in a message box.
 * Screenshots: test-output/e2e/wps-*.png (the pane at WPS's default pane width).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { type StaticServer, serveFolder } from "../support/staticServer";
import { webBuild } from "../support/builds";
import { ooxmlProblems } from "../support/ooxml";

const ROOT = path.join(__dirname, "../..");
const OUT = path.join(ROOT, "test-output/e2e");
// The add-in as shipped, and the stand-in for WPS (wpsPane.entry.ts, a modern bundle: test code).
const BUILD = webBuild("wps");
const HARNESS = path.join(webBuild("harness"), "wps-pane.js");
const SAMPLE = path.join(ROOT, "assets/sample.xlsx");

let browser: Browser;
let server: StaticServer;
let base: string;
const blocked: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  // Every add-in page gets the fake Application before its own scripts, as WPS provides it.
  server = await serveFolder(BUILD, {
    html: (html) => html.replace(/<head>/i, '<head><script src="/harness.js"></script>'),
    files: { "harness.js": HARNESS },
  });
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(blocked).toEqual([]);
});

interface JxWps {
  open(b64: string): Promise<void>;
  fire(name: string): void;
  listeners(name: string): number;
  sheetNames(): string[];
  dump(): string[];
  settings(): Record<string, unknown>;
  panes(): Array<{ url: string; ID: string; Visible: boolean }>;
}
const wps = <T>(page: Page, f: (w: JxWps, arg: string) => T | Promise<T>, arg = "") =>
  page.evaluate(
    ([src, a]) => {
      const fn = new Function("w", "a", `return (${src})(w, a);`) as (w: unknown, a: string) => unknown;
      return fn((window as unknown as { jxWps: unknown }).jxWps, a);
    },
    [f.toString(), arg] as const,
  ) as Promise<T>;

async function openPage(file: string, errors: string[], dialogs: string[] = []): Promise<Page> {
  // WPS's pane is narrow: the width it opens at by default on a 1080p screen.
  const context = await browser.newContext({ viewport: { width: 360, height: 860 }, acceptDownloads: true, locale: "zh-CN" });
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1") return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  // Message boxes (window.alert) are recorded and closed, as the user would.
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/${file}`);
  return page;
}

const statusText = (page: Page) => page.locator("#jx-status .jx-bar-text").innerText();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `wps-${name}.png`), fullPage: true });
const sampleBase64 = () => fs.readFileSync(SAMPLE).toString("base64");

test("the WPS pane: 插入模板 → (the sample) 计算得分 → 生成报告 → the .docx downloads", async () => {
  const errors: string[] = [];
  const page = await openPage("taskpane.html", errors);
  await page.waitForSelector("#app header");
  expect(await page.locator("h1").innerText()).toBe("绩效自评助手");
  expect(await wps(page, (w) => w.sheetNames())).toEqual(["Sheet1"]);
  const settingsBefore = await wps(page, (w) => w.settings());

  await page.click("#jx-template");
  await page.waitForFunction(() => document.querySelector("#jx-status")?.textContent?.includes("已插入"));
  expect(await wps(page, (w) => w.sheetNames())).toEqual(["Sheet1", "基本信息", "预算执行", "绩效指标", "文字材料"]);
  // The pane listens to WPS's SheetChange and offers the next step.
  expect(await wps(page, (w) => w.listeners("SheetChange"))).toBe(1);
  await shot(page, "01-template");

  // The user fills the inputs in — here: the sample workbook is opened; SheetChange tells the pane.
  await wps(page, (w, b64) => w.open(b64), sampleBase64());
  await page.waitForFunction(() => document.getElementById("app")?.dataset.step === "score");
  const inputsBefore = await wps(page, (w) => w.dump());
  await page.click("#jx-score");
  await page.waitForSelector("#jx-total");
  expect(await page.locator("#jx-total").innerText()).toBe("96.9");
  expect(await page.locator("#jx-grade").innerText()).toBe("优");
  expect(await page.locator("#jx-rate-total").innerText()).toBe("100%");
  expect(await wps(page, (w) => w.sheetNames())).toContain("评分结果");
  await shot(page, "02-score");

  await page.click("#jx-report");
  await page.waitForSelector("#jx-docx:not([hidden])");
  expect(await statusText(page)).toMatch(/Word/);
  expect(await wps(page, (w) => w.sheetNames())).toEqual([
    "基本信息",
    "预算执行",
    "绩效指标",
    "文字材料",
    "评分结果",
    "自评报告",
    "自评报告附表",
  ]);
  // The inputs are untouched and WPS's settings are back as they were.
  expect((await wps(page, (w) => w.dump())).slice(0, 4)).toEqual(inputsBefore.slice(0, 4));
  expect(await wps(page, (w) => w.settings())).toEqual(settingsBefore);
  await shot(page, "03-report");

  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#jx-docx").click()]);
  expect(dl.suggestedFilename()).toMatch(/\.docx$/);
  const file = path.join(OUT, "wps-report.docx");
  await dl.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  expect(ooxmlProblems(file)).toBe("");
  expect(await statusText(page)).toContain(dl.suggestedFilename());
  await shot(page, "04-docx");
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

test("the ribbon on the hidden entry page: 计算得分 / 生成报告 without the pane, a bad cell in a message box, 打开助手 toggles", async () => {
  const errors: string[] = [];
  const dialogs: string[] = [];
  const page = await openPage("index.html", errors, dialogs);
  await page.waitForFunction(() => typeof (window as unknown as { OnAction?: unknown }).OnAction === "function");
  await wps(page, (w, b64) => w.open(b64), sampleBase64());

  const settingsBefore = await wps(page, (w) => w.settings());
  const act = (id: string) => page.evaluate((i) => (window as unknown as { OnAction(c: { Id: string }): unknown }).OnAction({ Id: i }), id);
  // Synchronous: true comes back at once, the work goes on.
  expect(await act("jxScore")).toBe(true);
  await page.waitForFunction(() => (window as unknown as { jxWps: { sheetNames(): string[] } }).jxWps.sheetNames().includes("评分结果"));
  expect(await act("jxReport")).toBe(true);
  // Done when every sheet is in place and WPS's settings are restored (the adapter's last step).
  await page.waitForFunction(() => {
    const w = (window as unknown as { jxWps: JxWps }).jxWps;
    return w.sheetNames().includes("自评报告附表") && w.settings().ScreenUpdating === true;
  });
  expect(await wps(page, (w) => w.settings())).toEqual(settingsBefore);

  // A bad 分值 cell: nothing written, a message box names the cell.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.getWorksheet("绩效指标")!;
  let cell = "";
  ws.eachRow((row, r) =>
    row.eachCell((c, col) => {
      if (!cell && c.value === "分值") {
        ws.getCell(r + 1, col).value = "abc";
        cell = `绩效指标!${ws.getCell(r + 1, col).address}`;
      }
    }),
  );
  await wps(page, (w, b64) => w.open(b64), Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"));
  const before = await wps(page, (w) => w.dump());
  expect(dialogs).toEqual([]);
  expect(await act("jxScore")).toBe(true);
  for (let i = 0; i < 100 && dialogs.length === 0; i++) await page.waitForTimeout(100);
  expect(dialogs).toHaveLength(1);
  expect(dialogs[0]).toContain("请先修正以下问题");
  expect(dialogs[0]).toContain(cell);
  expect(await wps(page, (w) => w.dump())).toEqual(before);

  expect(await act("jxPane")).toBe(true);
  expect(await wps(page, (w) => w.panes())).toEqual([{ url: `${base}/taskpane.html`, ID: "tp1", Visible: true, DockPosition: 2 }]);
  await act("jxPane");
  expect((await wps(page, (w) => w.panes()))[0].Visible).toBe(false);
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

test("诊断 in the WPS pane: every ET check on a scratch sheet, the report with WPS's version and engine", async () => {
  const errors: string[] = [];
  const page = await openPage("taskpane.html", errors);
  await page.waitForSelector("#app header");
  await wps(page, (w, b64) => w.open(b64), sampleBase64());
  const before = await wps(page, (w) => w.dump());
  await page.click("#jx-diagnostics summary");
  await page.click("#jx-diagnose");
  await page.waitForSelector("#jx-diagnostics-report:not([hidden])", { timeout: 30_000 });
  const report = await page.locator("#jx-diagnostics-report").inputValue();
  expect(report).toMatch(/^绩效自评助手 诊断报告/);
  expect(report).toMatch(/Version: 12\.1\.0\.fake/);
  expect(report).toMatch(/Engine: Mozilla/);
  expect(report).not.toMatch(/\[失败\]/);
  expect(await wps(page, (w) => w.dump())).toEqual(before);
  await page.locator("#jx-diagnostics").scrollIntoViewIfNeeded();
  await shot(page, "10-diagnostics");
  expect(errors).toEqual([]);
  await page.context().close();
}, 90_000);
