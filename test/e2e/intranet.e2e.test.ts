/**
 * The intranet build (issue 10, items 4 and 6): `--env officeJs=local` serves Microsoft's office.js
 * (@microsoft/office-js) from the add-in's own host, so the pane loads with every request that
 * would leave the machine blocked; and the ES5 bootstrap shows a clear Chinese message, not a
 * blank pane, in a webview without what the bundle needs (IE11, old Edge: simulated by removing
 * Promise and fetch before any script runs).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium } from "../support/chromium";
import { type StaticServer, serveFolder } from "../support/staticServer";
import { webBuild } from "../support/builds";

const ROOT = path.join(__dirname, "../..");
const BUILD = webBuild("intranet");
const OUT = path.join(ROOT, "test-output/e2e");

let browser: Browser;
let server: StaticServer;
let base: string;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  server = await serveFolder(BUILD);
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A browser context that blocks (and records) every request not to this machine, and records the rest. */
async function isolated(): Promise<{ context: BrowserContext; blocked: string[]; local: string[] }> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 360, height: 640 } });
  const blocked: string[] = [];
  const local: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") {
      local.push(url.pathname);
      return route.continue();
    }
    blocked.push(url.href);
    return route.abort();
  });
  return { context, blocked, local };
}

test("the intranet build's pages load office.js from the add-in's own host, copied from @microsoft/office-js", () => {
  for (const page of ["taskpane.html", "commands.html", "dialog.html"]) {
    const html = fs.readFileSync(path.join(BUILD, page), "utf8");
    expect([page, [...html.matchAll(/src=["']?([^"'\s>]+)/g)].map((m) => m[1]).filter((s) => /office/.test(s))]).toEqual([
      page,
      ["office-js/office.js"],
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  }
  const dist = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
  // Unmodified copies of Microsoft's files: the loader, Excel's host files and the locale strings.
  for (const f of [
    "office.js",
    "excel-win32-16.01.js",
    "excel-web-16.00.js",
    "excel-mac-16.00.js",
    "zh-cn/office_strings.js",
    "en-us/office_strings.js",
  ])
    expect([f, fs.readFileSync(path.join(BUILD, "office-js", f)).equals(fs.readFileSync(path.join(dist, f)))]).toEqual([f, true]);
  expect(fs.existsSync(path.join(BUILD, "office-js/office.debug.js"))).toBe(false);
  expect(fs.existsSync(path.join(BUILD, "office-js/outlook-web-16.01.js"))).toBe(false);
});

test("taskpane.html with every non-loopback request blocked: office.js initialises, the bundle runs, nothing left the machine", async () => {
  const { context, blocked, local } = await isolated();
  const page = await context.newPage();
  await page.goto(`${base}/taskpane.html`);
  // Office.onReady resolves (outside Office: with no host), and the pane's bundle has drawn.
  const ready = await page.evaluate(async () => {
    const office = (window as unknown as { Office: typeof Office }).Office;
    const info = await office.onReady();
    return { host: info.host ?? null, hasContext: typeof office.context };
  });
  expect(ready.host).toBeNull();
  await page.waitForSelector("#app header");
  expect(local).toEqual(expect.arrayContaining(["/taskpane.html", "/office-js/office.js", "/bootstrap.js", "/taskpane.js"]));
  expect(blocked).toEqual([]);
  await page.screenshot({ path: path.join(OUT, "intranet-taskpane.png") });
  await context.close();
}, 120_000);

test("a webview without Promise and fetch (IE11, old Edge): a clear Chinese message, the bundle never loaded", async () => {
  const { context, blocked, local } = await isolated();
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.fetch;
    delete w.Promise;
  });
  const page = await context.newPage();
  await page.goto(`${base}/taskpane.html`);
  const box = page.locator("#jx-unsupported-browser");
  await box.waitFor();
  const text = await box.innerText();
  expect(text).toMatch(/无法在此 Excel 中运行/);
  expect(text).toMatch(/Internet Explorer 11/);
  expect(text).toMatch(/缺少：.*fetch/);
  expect(local).not.toContain("/taskpane.js");
  expect(blocked).toEqual([]);
  await page.screenshot({ path: path.join(OUT, "es5-webview.png") });
  await context.close();
}, 120_000);

test("a ribbon button on an old webview: the dialog shows the pane's message and the command completes once it is closed", async () => {
  const { context, local } = await isolated();
  // What old Edge lacks (fetch, TextEncoder); Promise stays for the test driver's own evaluate calls.
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    delete w.fetch;
    delete w.TextEncoder;
  });
  // Office's side of a function command, as a stub in place of office.js (callbacks only).
  await context.route("**/office-js/office.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `window.jxDialogs = []; window.jxAssociated = {};
        window.Office = {
          onReady: function (cb) { setTimeout(function () { cb({ host: "Excel" }); }, 0); },
          actions: { associate: function (name, f) { window.jxAssociated[name] = f; } },
          AsyncResultStatus: { Succeeded: "succeeded" },
          EventType: { DialogEventReceived: "dialogEventReceived", DialogMessageReceived: "dialogMessageReceived" },
          context: { ui: { displayDialogAsync: function (url, options, cb) {
            var handlers = {};
            window.jxDialogs.push(url);
            window.jxCloseDialog = function () { handlers.dialogEventReceived({ error: 12006 }); };
            cb({ status: "succeeded", value: { addEventHandler: function (t, h) { handlers[t] = h; }, close: function () {} } });
          } } }
        };`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${base}/commands.html`);
  await page.waitForFunction(() => Object.keys((window as unknown as { jxAssociated: object }).jxAssociated).length === 3);
  const run = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & { jxAssociated: Record<string, (e: unknown) => void> };
    const names = Object.keys(w.jxAssociated).sort();
    let completed = 0;
    w.jxAssociated.computeScore({ completed: () => completed++ });
    const beforeClose = completed;
    (w.jxCloseDialog as () => void)();
    // The global names too (older hosts call a function file's commands by name).
    const globals = names.map((n) => typeof w[n]);
    return { names, beforeClose, afterClose: completed, dialogs: w.jxDialogs as string[], globals };
  });
  expect(run).toEqual({
    names: ["computeScore", "generateReport", "insertTemplate"],
    beforeClose: 0,
    afterClose: 1,
    dialogs: [`${base}/dialog.html`],
    globals: ["function", "function", "function"],
  });
  expect(local).not.toContain("/commands.js");
  // The dialog, in the same old webview, says what the pane says.
  await page.goto(`${base}/dialog.html`);
  const text = await page.locator("#jx-unsupported-browser").innerText();
  expect(text).toMatch(/无法在此 Excel 中运行/);
  expect(text).toMatch(/缺少：.*fetch/);
  expect(local).not.toContain("/dialog.js");
  await page.screenshot({ path: path.join(OUT, "es5-ribbon-dialog.png") });
  await context.close();
}, 120_000);

test("the bootstrap is plain ES5 (es-check); the bundle it guards is not", () => {
  const esCheck = (file: string) =>
    spawnSync(process.execPath, [path.join(ROOT, "node_modules/es-check/lib/cli/index.js"), "es5", "--checkFeatures", file], {
      encoding: "utf8",
    });
  expect(esCheck(path.join(BUILD, "bootstrap.js")).status).toBe(0);
  expect(esCheck(path.join(ROOT, "src/taskpane/bootstrap.js")).status).toBe(0);
  expect(esCheck(path.join(BUILD, "taskpane.js")).status).not.toBe(0);
});
