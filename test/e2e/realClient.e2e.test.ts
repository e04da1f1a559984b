/**
 * Microsoft's own Excel JavaScript client in the tests (issue 10): `@microsoft/office-js`'s
 * `excel-web-16.00.js` in Chromium, driving the office.js adapter through `new
 * Excel.RequestContext(url)` against a local server that answers ProcessQuery from the fake
 * workbook model (src/playground/processQuery.ts). Request construction, batching, load/sync and
 * null objects are Microsoft's code; syncs and bytes are counted from the actual HTTP traffic, for
 * 计算得分 and 生成报告 at 10 and 10,000 rows; the workbook must equal the one the fake alone produces.
 * Nothing leaves the machine: every non-loopback request is blocked and recorded.
 */
import * as fs from "fs";
import { webBuild } from "../support/builds";
import { launchChromium } from "../support/chromium";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { type Command } from "../../src/core/engine";
import { runCommand } from "../support/run";
import { OfficeJsWorkbook } from "../../src/adapters/officejs/officeWorkbook";
import type { FakeWorkbook } from "../../src/playground/excel/model";
import { REQUEST_LIMIT_BYTES, compareVersions } from "../../src/playground/excel/batching";
import { FakeRequestContext } from "../../src/playground/excel/context";
import { processQuery } from "../../src/playground/processQuery";
import { generatedWorkbook } from "../../src/playground/generatedWorkbook";
import { sampleWorkbook } from "../unit/officejs/fixtures";

const ROOT = path.join(__dirname, "../..");
/** The page's bundle (realClient.entry.ts), built before jest. */
const HARNESS = path.join(webBuild("harness"), "real-client.js");
/** What the suite writes: the traffic figures (scripts/bench-addin.js reads them) and the self-test's report. */
const OUT = path.join(ROOT, "test-output/real-client");
const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/package.json"));
export const RESULTS = path.join(OUT, "traffic.json");

/** The workbook the server answers from, and the ExcelApi set it plays; each test sets them. */
let model: FakeWorkbook;
let apiVersion: string | undefined;
let traffic: Array<{ request: number; response: number }> = [];
let browser: Browser;
let page: Page;
let server: http.Server;
let base: string;
const blocked: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/api/ProcessQuery") {
        const body = Buffer.concat(chunks).toString("utf8");
        void processQuery(model, body, apiVersion).then((reply) => {
          traffic.push({ request: Buffer.byteLength(body), response: Buffer.byteLength(reply.body) });
          res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8" }).end(reply.body);
        });
        return;
      }
      const files: Record<string, string> = {
        "/": "",
        "/excel-web-16.00.js": path.join(OFFICE_JS, "dist/excel-web-16.00.js"),
        "/harness.js": HARNESS,
      };
      const file = files[url.pathname];
      if (file === undefined) return void res.writeHead(404).end();
      if (file === "") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return void res.end(
          '<!doctype html><meta charset="utf-8"><script src="/excel-web-16.00.js"></script><script src="/harness.js"></script>',
        );
      }
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.route(
    (u) => !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u.href),
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto(base + "/");
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** Runs the command through the real client; traffic counted from the HTTP exchanges. */
async function viaRealClient(workbook: FakeWorkbook, command: Command, tag: string, version?: string) {
  model = workbook;
  apiVersion = version;
  traffic = [];
  const result = await page.evaluate(([url, c, t, v]) => window.jxRealClient(url, c as Command, t, v), [
    `${base}/api`,
    command,
    tag,
    version,
  ] as const);
  return { result, traffic: [...traffic] };
}

/** The same command through the fake alone (the reference workbook). */
async function viaFake(workbook: FakeWorkbook, command: Command, tag: string, version?: string) {
  const context = new FakeRequestContext(workbook);
  context.apiVersion = version;
  const apiSupport = (v: string) => version === undefined || compareVersions(version, v) >= 0;
  await runCommand(new OfficeJsWorkbook(context as unknown as Excel.RequestContext, { tag, apiSupport }), command);
  return context;
}

const figures: Record<string, unknown> = {};

/**
 * The row counts each command runs at. 生成报告 at 10,000 rows writes everything 计算得分 writes and
 * more (the largest requests), so the suite runs 计算得分 at 10 rows only; the bench
 * (scripts/bench-addin.js, JIXIAO_BENCH=1) measures both at 10,000 for its traffic figures.
 */
const ROWS = { score: process.env.JIXIAO_BENCH ? [10, 10_000] : [10], report: [10, 10_000] } as const;

describe("the adapter through Microsoft's Excel client", () => {
  for (const command of ["score", "report"] as const) {
    for (const rows of ROWS[command]) {
      test(`${command} at ${rows} indicator rows: the fake's workbook, syncs and bytes measured, every message under 5 MB`, async () => {
        const lines = Math.max(2, rows / 5);
        const real = generatedWorkbook(lines, rows);
        const reference = generatedWorkbook(lines, rows);
        const { result, traffic: t } = await viaRealClient(real, command, "h");
        expect(result.error).toBeUndefined();
        const fake = await viaFake(reference, command, "h");
        expect(real.dump()).toEqual(reference.dump());
        expect(t.length).toBe(fake.syncCount);
        expect(Math.max(...t.map((x) => x.request))).toBeLessThan(REQUEST_LIMIT_BYTES);
        expect(Math.max(...t.map((x) => x.response))).toBeLessThan(REQUEST_LIMIT_BYTES);
        figures[`${command}@${rows}`] = {
          syncs: t.length,
          requestBytes: t.reduce((a, x) => a + x.request, 0),
          responseBytes: t.reduce((a, x) => a + x.response, 0),
          largestRequest: Math.max(...t.map((x) => x.request)),
          largestResponse: Math.max(...t.map((x) => x.response)),
        };
      }, 300_000);
    }
  }

  // ExcelApi 1.7 (volume-licensed Office 2019), 1.8 (Microsoft 365 from Version 1808), 1.9 (from 1903; volume-licensed
  // Office 2021 has up to 1.14): the server refuses what the set lacks.
  for (const [version, skipped] of [
    ["1.7", ["validations", "pageSetup", "pageBreaks"]],
    ["1.8", ["pageSetup", "pageBreaks"]],
    ["1.9", []],
  ] as const) {
    test(`ExcelApi ${version}: 生成报告 twice through the real client gives the fake's workbook; skips ${skipped.join(", ") || "nothing"}`, async () => {
      const real = generatedWorkbook(20, 100);
      const reference = generatedWorkbook(20, 100);
      for (const tag of ["a", "b"]) {
        const { result, traffic: t } = await viaRealClient(real, "report", tag, version);
        expect(result.error).toBeUndefined();
        expect([...(result.skipped ?? [])].sort()).toEqual([...skipped].sort());
        const fake = await viaFake(reference, "report", tag, version);
        expect(t.length).toBe(fake.syncCount);
      }
      expect(real.dump()).toEqual(reference.dump());
      expect(real.findSheet("自评报告")!.pageLayout.paperSize === "A4").toBe(version === "1.9");
    }, 300_000);
  }

  test("10,000 budget lines and 10,000 indicators: the first read round trip stays under the 4 MB budget", async () => {
    const real = generatedWorkbook(10_000, 10_000);
    const reference = generatedWorkbook(10_000, 10_000);
    const { result, traffic: t } = await viaRealClient(real, "score", "w");
    expect(result.error).toBeUndefined();
    await viaFake(reference, "score", "w");
    expect(real.dump()).toEqual(reference.dump());
    // Both sheets' first 10,240 rows in one response, measured on the wire.
    expect(t[0].response).toBeGreaterThan(2 * 1024 * 1024);
    expect(t[0].response).toBeLessThan(4 * 1024 * 1024);
    figures["firstRead@10000+10000"] = { response: t[0].response };
  }, 300_000);

  test("a 30,000-row read: row blocks, every response under 5 MB (Excel's size error never met), the fake's workbook", async () => {
    const real = generatedWorkbook(6000, 30_000);
    const reference = generatedWorkbook(6000, 30_000);
    // Weights of 0 at 30,000 rows: the read completes and the run stops at the input check, nothing written.
    const { result, traffic: t } = await viaRealClient(real, "score", "h");
    const fake = await viaFake(reference, "score", "h").catch((e: Error) => e);
    expect(fake).toBeInstanceOf(Error);
    expect(result.error).toMatch(/分值/);
    expect(real.dump()).toEqual(reference.dump());
    expect(t.length).toBeGreaterThan(1);
    expect(Math.max(...t.map((x) => x.response))).toBeLessThan(REQUEST_LIMIT_BYTES);
    const responseBytes = t.reduce((a, x) => a + x.response, 0);
    expect(t.length).toBeLessThanOrEqual(2 + Math.ceil(responseBytes / (4 * 1024 * 1024)));
    figures["read@30000"] = { syncs: t.length, responses: t.map((x) => x.response), responseBytes };
  }, 300_000);

  test("re-runs keep a cover sheet's link, a name and a chart series; an interrupted run's leftovers are cleaned", async () => {
    const workbook = await sampleWorkbook();
    await viaRealClient(workbook, "report", "a");
    const score = [...workbook.names].find(([n]) => n === "自评得分")![1].replace(/^='评分结果'!/, "");
    const cover = workbook.addSheet("封面");
    workbook.cellForWrite(cover, 1, 1).formula = `=评分结果!${score}`;
    workbook.names.set("我的得分", `=评分结果!${score}`);
    workbook.charts.push({ sheet: "封面", name: "图", series: [`=SERIES(,,评分结果!${score},1)`] });
    const ids = workbook.sheets.map((s) => s.id);
    for (const command of ["report", "score"] as const) {
      const { result } = await viaRealClient(workbook, command, command === "report" ? "b" : "c");
      expect(result.score).toBe(96.9);
      expect(workbook.sheets.map((s) => s.id)).toEqual(ids);
      expect(workbook.cell(cover, 1, 1)!.formula).toBe(`=评分结果!${score}`);
      expect(workbook.names.get("我的得分")).toBe(`=评分结果!${score}`);
      expect(workbook.charts[0].series).toEqual([`=SERIES(,,评分结果!${score},1)`]);
    }
    // Leftovers: a backup over a half-written 评分结果, and a temp sheet.
    const expected = workbook.clone().dump();
    const scores = workbook.findSheet("评分结果")!;
    workbook.renameSheet(workbook.copySheet(scores), "~jxdead-评分结果");
    scores.cells.clear();
    workbook.addSheet("~jxdead+1");
    const cleaned = await viaRealClient(workbook, "score", "d");
    expect(cleaned.result.error).toBeUndefined();
    expect(workbook.sheets.map((s) => s.name).filter((n) => n.startsWith("~jx"))).toEqual([]);
    expect(workbook.cell(cover, 1, 1)!.formula).toBe(`=评分结果!${score}`);
    expect(workbook.dump().length).toBe(expected.length);
  }, 120_000);

  test("a failure in Excel mid-request reaches the adapter as Microsoft's error and the workbook is as it was", async () => {
    const workbook = await sampleWorkbook();
    await viaRealClient(workbook, "report", "a");
    const before = workbook.dump();
    // The sheet the final request copies from is gone when that request runs: Excel fails it.
    const original = workbook.copySheet.bind(workbook);
    workbook.copySheet = () => {
      throw new Error("GeneralException: injected");
    };
    const { result } = await viaRealClient(workbook, "report", "e");
    workbook.copySheet = original;
    expect(result.code).toBe("GeneralException");
    expect(workbook.dump()).toEqual(before);
  }, 120_000);

  afterAll(() => {
    fs.writeFileSync(RESULTS, JSON.stringify({ blocked, figures }, null, 2));
    expect(blocked).toEqual([]);
  });
});

test("the self-test (诊断) through Microsoft's client: every line ok or a named fallback, the workbook as it was", async () => {
  const { recalculate } = await import("../../src/playground/formulas");
  model = generatedWorkbook(3, 4);
  model.calculate = () => recalculate(model);
  apiVersion = undefined;
  const before = model.dump();
  traffic = [];
  const report = await page.evaluate((url) => window.jxSelfTest(url), `${base}/api`);
  // Events only: Microsoft's client registers a handler through Office's host channel, which a bare
  // RequestContext(url) page does not have (the fake's own events are tested in the unit tests).
  const failed = report.lines.filter((l) => l.status === "failed");
  expect(failed.map((l) => l.id).filter((id) => id !== "events")).toEqual([]);
  expect(report.lines.map((l) => l.status)).toContain("ok");
  expect(model.sheets.filter((s) => s.name.startsWith("~jx"))).toEqual([]);
  expect(model.dump()).toEqual(before);
  // Each check its own round trip (so one failure does not hide the next).
  expect(traffic.length).toBeGreaterThanOrEqual(report.lines.length);
  fs.writeFileSync(
    path.join(OUT, "selftest.json"),
    JSON.stringify({ syncs: traffic.length, environment: report.environment, lines: report.lines }, null, 2),
  );
  expect(blocked).toEqual([]);
}, 120_000);
