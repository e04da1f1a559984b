/**
 * The task pane end to end: the production build of the playground (the real taskpane.js over the
 * fake Excel object model) in Debian's Chromium. Empty workbook → 插入模板; the sample → 计算得分
 * (96.9, 优) → 生成报告 → the downloaded workbook recalculated by LibreOffice gives the CLI's
 * figures; a bad workbook lists cell-addressed errors, selects the cell on click, changes nothing.
 * Official 自评表 forms: 计算得分 lists the forms found with rule and filled totals side by side, a
 * difference selects its 得分 cell, the picked form and 填报得分 go to 生成报告 (.docx downloaded).
 * Screenshots of each step go to test-output/e2e/ (the forms steps also as the 340 px pane alone).
 */
import { launchChromium } from "../support/chromium";
import { type StaticServer, serveFolder } from "../support/staticServer";
import { webBuild } from "../support/builds";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import type { Summary } from "../../src/core/summary";
import { recalculate, valueRightOf } from "../support/libreoffice";
import { cli, tempDir } from "../support/workbooks";
import { FORM_WORKBOOK, formWorkbookBytes } from "../unit/officejs/formWorkbook";

const ROOT = path.join(__dirname, "../..");
const OUT = path.join(ROOT, "test-output/e2e");
// The production build, as shipped (the playground page runs the same taskpane.js).
const BUILD = webBuild("addin");
const SAMPLE = path.join(ROOT, "assets/sample.xlsx");
const SAMPLE_FORM = path.join(ROOT, "assets/sample-form.xlsx");

let browser: Browser;
let server: StaticServer;
let base: string;
const blocked: string[] = [];

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

async function openPage(query: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: "zh-CN" });
  // First: nothing leaves the machine (the most recently registered route runs first, so any
  // later route still sees only loopback requests).
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1" || host === "localhost") return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/index.html${query}`);
  await page.waitForSelector("#app header");
  expect(errors).toEqual([]);
  return page;
}

test("the production task pane bundle holds no exceljs, HyperFormula or test code", () => {
  const pane = fs.readFileSync(path.join(BUILD, "taskpane.js"), "utf8");
  const playground = fs.readFileSync(path.join(BUILD, "playground.js"), "utf8");
  // The markers are real: the playground bundle (which has exceljs and the fake) contains them.
  for (const marker of ["ExcelJS", "injected failure"]) {
    expect(playground).toContain(marker);
    expect(pane).not.toContain(marker);
  }
  expect(pane).not.toMatch(/HyperFormula|hyperformula|describe\(|expect\(/);
  const html = fs.readFileSync(path.join(BUILD, "taskpane.html"), "utf8");
  const remote = [...html.matchAll(/(?:src|href)=["']?(https?:[^"'\s>]+)/g)].map((m) => m[1]);
  expect(remote).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`) });
const sheetNames = (page: Page) =>
  page.evaluate(() => (window as unknown as { jixiaoPlayground: { sheetNames(): string[] } }).jixiaoPlayground.sheetNames());
const dump = (page: Page) => page.evaluate(() => (window as unknown as { jixiaoPlayground: { dump(): string[] } }).jixiaoPlayground.dump());
const statusText = (page: Page) => page.locator("#jx-status .jx-bar-text").innerText();
const paneShot = (page: Page, name: string) => page.locator(".pg-pane").screenshot({ path: path.join(OUT, `${name}.png`) });
const selection = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { jixiaoPlayground: { selection(): { sheet: string; address: string } | null } }).jixiaoPlayground.selection(),
  );
/** Waits for a command to finish: no spinner, a done (or failed) status. */
const settled = (page: Page) =>
  page.waitForFunction(() => {
    const s = document.querySelector("#jx-status");
    return !!s && !s.querySelector(".jx-spinner") && (s.textContent ?? "") !== "";
  });
/** The status line and the error list, so a failed command shows its messages in the assertion. */
const outcome = async (page: Page) => ({
  status: await statusText(page),
  errors: await page.locator(".jx-issue.jx-error").allInnerTexts(),
});
const downloadDocx = async (page: Page, file: string) => {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#jx-docx").click()]);
  await dl.saveAs(file);
  return fs.readFileSync(file);
};

test("empty workbook → 插入模板 creates the four input sheets", async () => {
  const page = await openPage("?empty");
  expect(await sheetNames(page)).toEqual(["Sheet1"]);
  await page.click("#jx-template");
  await page.waitForFunction(() => document.querySelector("#jx-status")?.textContent?.includes("已插入"));
  expect(await sheetNames(page)).toEqual(["Sheet1", "基本信息", "预算执行", "绩效指标", "文字材料"]);
  await shot(page, "01-template");
  // A second click changes nothing and says so.
  const before = await dump(page);
  await page.click("#jx-template");
  await page.waitForFunction(() => document.querySelector("#jx-status")?.textContent?.includes("均已存在"));
  expect(await dump(page)).toEqual(before);
  await page.context().close();
}, 60_000);

test("the sample → 计算得分 → 生成报告 → download; LibreOffice agrees with the CLI", async () => {
  const page = await openPage("");
  await page.waitForFunction(() =>
    (window as unknown as { jixiaoPlayground: { sheetNames(): string[] } }).jixiaoPlayground.sheetNames().includes("绩效指标"),
  );
  const inputsBefore = await dump(page);
  await page.click("#jx-score");
  await page.waitForSelector("#jx-total");
  expect(await page.locator("#jx-total").innerText()).toBe("96.9");
  expect(await page.locator("#jx-max").innerText()).toBe("/ 100");
  expect(await page.locator("#jx-grade").innerText()).toBe("优");
  expect(await page.locator("#jx-rate-total").innerText()).toBe("100%");
  expect(await sheetNames(page)).toContain("评分结果");
  await shot(page, "02-score");

  await page.click("#jx-report");
  await page.waitForFunction(() => {
    const s = document.querySelector("#jx-status");
    return !!s && !s.querySelector(".jx-spinner") && /已写入|Word/.test(s.textContent ?? "");
  });
  expect(await sheetNames(page)).toEqual(["基本信息", "预算执行", "绩效指标", "文字材料", "评分结果", "自评报告", "自评报告附表"]);
  // The input sheets are byte-for-byte what they were.
  expect((await dump(page)).slice(0, 4)).toEqual(inputsBefore.slice(0, 4));
  await shot(page, "03-report");
  const docx = page.locator("#jx-docx");
  if (await docx.count()) {
    const [dl] = await Promise.all([page.waitForEvent("download"), docx.click()]);
    const file = path.join(OUT, "report.docx");
    await dl.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  } else {
    // The Word export reports its own failure in the status line, never silently.
    expect(await statusText(page)).toMatch(/Word/);
  }

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pg-download")]);
  const xlsx = path.join(OUT, "playground-report.xlsx");
  await download.saveAs(xlsx);
  await page.context().close();

  const dir = tempDir("e2e");
  const run = await cli("report", SAMPLE, "-o", path.join(dir, "cli.xlsx"), "--json", "-");
  expect(run.code).toBe(0);
  const expected = JSON.parse(run.stdout) as Summary;
  const [sheets] = recalculate([xlsx]);
  const grid = sheets["评分结果"];
  expect(grid).toBeDefined();
  const num = (t: string | undefined) => (t?.trim().endsWith("%") ? Number(t.trim().slice(0, -1)) / 100 : Number(t));
  expect(num(valueRightOf(grid, "自评得分"))).toBeCloseTo(expected.score.total, 6);
  expect(valueRightOf(grid, "自评等级")).toBe(expected.score.grade);
  expect(num(valueRightOf(grid, "预算执行率"))).toBeCloseTo(expected.executionRate.total ?? 0, 6);
  expect(num(valueRightOf(grid, "基本支出执行率"))).toBeCloseTo(expected.executionRate.basic ?? 0, 6);
  expect(num(valueRightOf(grid, "项目支出执行率"))).toBeCloseTo(expected.executionRate.project ?? 0, 6);
  // The report's live figures point at 评分结果 (no #REF! after the temp-sheet swap).
  const report = sheets["自评报告"];
  expect(report).toBeDefined();
  expect(report.flat().join("\n")).not.toMatch(/#REF!|Err:|#NAME\?/);
  expect(report.flat().join("")).toContain(`自评得分${expected.score.total}分`);
}, 180_000);

test("a bad workbook: cell-addressed errors, click selects the cell, nothing changes", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.getWorksheet("绩效指标")!;
  let header = 0;
  let weightCol = 0;
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (!header && cell.value === "分值") {
        header = r;
        weightCol = c;
      }
    });
  });
  expect(header).toBeGreaterThan(0);
  ws.getCell(header + 1, weightCol).value = "abc";
  const badCell = `绩效指标!${ws.getCell(header + 1, weightCol).address}`;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");

  const page = await openPage("?empty");
  await page.evaluate(
    (b64) => (window as unknown as { jixiaoPlayground: { loadBase64(s: string): Promise<void> } }).jixiaoPlayground.loadBase64(b64),
    bytes,
  );
  const before = await dump(page);
  await page.click("#jx-score");
  await page.waitForSelector(".jx-issue.jx-error");
  const items = await page.locator(".jx-issue.jx-error code").allInnerTexts();
  expect(items).toContain(badCell);
  expect(items.every((c) => /^.+!([A-Z]+\d+)$/.test(c))).toBe(true);
  expect(await page.locator("#jx-summary").isHidden()).toBe(true);
  expect(await dump(page)).toEqual(before);
  expect(await sheetNames(page)).not.toContain("评分结果");

  await page.locator(".jx-issue.jx-error", { hasText: badCell }).first().click();
  await page.waitForFunction((cell) => {
    const sel = (
      window as unknown as { jixiaoPlayground: { selection(): { sheet: string; address: string } | null } }
    ).jixiaoPlayground.selection();
    return !!sel && `${sel.sheet}!${sel.address}` === cell;
  }, badCell);
  await shot(page, "04-errors");
  await page.context().close();
}, 60_000);

test("official forms → 计算得分: the forms found, both totals, a difference selects its cell; the picked form → 生成报告 → .docx", async () => {
  const page = await openPage("?empty");
  const bytes = (await formWorkbookBytes()).toString("base64");
  await page.evaluate(
    (b64) => (window as unknown as { jixiaoPlayground: { loadBase64(s: string): Promise<void> } }).jixiaoPlayground.loadBase64(b64),
    bytes,
  );
  expect(await sheetNames(page)).toEqual(FORM_WORKBOOK.sheets);
  const formsBefore = await dump(page);

  await page.click("#jx-score");
  await settled(page);
  expect(await outcome(page)).toEqual({ status: "已写入“评分结果”表", errors: [] });
  expect(await page.locator(".jx-form-line").allInnerTexts()).toEqual(FORM_WORKBOOK.lines);
  expect(await page.locator("#jx-form-pick").inputValue()).toBe("Sheet1");
  expect(await page.locator("#jx-rule-total").innerText()).toBe(FORM_WORKBOOK.rule.total);
  expect(await page.locator("#jx-rule-grade").innerText()).toBe(FORM_WORKBOOK.rule.grade);
  expect(await page.locator("#jx-filled-total").innerText()).toBe(FORM_WORKBOOK.filled.total);
  expect(await page.locator("#jx-filled-grade").innerText()).toBe(FORM_WORKBOOK.filled.grade);
  expect(await page.locator("#jx-diff-count").innerText()).toBe(`${FORM_WORKBOOK.differences.length} 处`);
  const diffs = page.locator(".jx-diff");
  expect(await diffs.evaluateAll((bs) => bs.map((b) => b.getAttribute("data-cell")))).toEqual(FORM_WORKBOOK.differences.map((d) => d.cell));
  for (const d of FORM_WORKBOOK.differences) {
    const item = diffs.filter({ hasText: d.name });
    expect(await item.locator(".jx-diff-scores").innerText()).toBe(`${d.filled} → ${d.rule}`);
  }
  expect(await sheetNames(page)).toContain("评分结果");
  // The forms are never written to.
  expect((await dump(page)).slice(0, 2)).toEqual(formsBefore);
  await shot(page, "07-forms-score");
  await paneShot(page, "07-forms-score-pane");

  // A click on a difference selects the form's 得分 cell.
  const target = FORM_WORKBOOK.differences[1];
  await diffs.filter({ hasText: target.name }).click();
  await page.waitForFunction((cell) => {
    const sel = (
      window as unknown as { jixiaoPlayground: { selection(): { sheet: string; address: string } | null } }
    ).jixiaoPlayground.selection();
    return !!sel && `${sel.sheet}!${sel.address}` === cell;
  }, target.cell);
  expect(await selection(page)).toEqual({ sheet: "Sheet1", address: "H18" });
  await shot(page, "08-forms-difference");

  // The other form: its own totals, no differences.
  await page.selectOption("#jx-form-pick", "项目B");
  expect(await page.locator("#jx-rule-total").innerText()).toBe("100");
  expect(await page.locator("#jx-diff-count").innerText()).toBe("0 处");
  expect(await page.locator(".jx-diff").count()).toBe(0);
  await paneShot(page, "09-forms-other-pane");

  // Back to Sheet1, report the filled scores: the picker and toggle go to 生成报告.
  await page.selectOption("#jx-form-pick", "Sheet1");
  await page.check("#jx-scores-filled");
  await page.click("#jx-report");
  await page.waitForSelector("#jx-docx");
  await settled(page);
  expect(await statusText(page)).toBe("已写入“评分结果”和“自评报告”表（Sheet1，填报得分）。Word 报告已生成");
  expect(await sheetNames(page)).toEqual(expect.arrayContaining([...FORM_WORKBOOK.sheets, "评分结果", "自评报告"]));
  expect((await dump(page)).slice(0, 2)).toEqual(formsBefore);
  expect(await page.locator("#jx-form-pick").inputValue()).toBe("Sheet1");
  expect(await page.locator("#jx-scores-filled").isChecked()).toBe(true);
  await shot(page, "10-forms-report");
  await paneShot(page, "10-forms-report-pane");
  const [formDl] = await Promise.all([page.waitForEvent("download"), page.locator("#jx-docx").click()]);
  expect(formDl.suggestedFilename()).toBe("2023年度市直机关党建品牌建设项目绩效自评报告.docx");
  await formDl.saveAs(path.join(OUT, "forms-report.docx"));
  const docx = fs.readFileSync(path.join(OUT, "forms-report.docx"));
  expect(docx.subarray(0, 2).toString()).toBe("PK");
  await page.context().close();
}, 120_000);

(fs.existsSync(SAMPLE_FORM) ? test : test.skip)(
  "the playground's ?sample=form: 计算得分 finds its forms, 生成报告 → .docx",
  async () => {
    const page = await openPage("?sample=form");
    await page.waitForFunction(
      () => (window as unknown as { jixiaoPlayground: { sheetNames(): string[] } }).jixiaoPlayground.sheetNames().join() !== "Sheet1",
    );
    await page.click("#jx-score");
    await settled(page);
    expect(await outcome(page)).toEqual({ status: "已写入“评分结果”表", errors: [] });
    const lines = await page.locator(".jx-form-line").allInnerTexts();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^.+：.*自评表.* · .+ · \d{4}年度$/);
    expect(await page.locator("#jx-rule-total").innerText()).toMatch(/^\d+(\.\d+)?$/);
    expect(await page.locator("#jx-rule-grade").innerText()).toMatch(/^[优良中差]$/);
    await shot(page, "11-sample-form");
    await paneShot(page, "11-sample-form-pane");
    const diff = page.locator(".jx-diff").first();
    if (await diff.count()) {
      const cell = (await diff.getAttribute("data-cell"))!;
      await diff.click();
      await page.waitForFunction((c) => {
        const sel = (
          window as unknown as { jixiaoPlayground: { selection(): { sheet: string; address: string } | null } }
        ).jixiaoPlayground.selection();
        return !!sel && `${sel.sheet}!${sel.address}` === c.replace(/^'(.*)'!/, "$1!");
      }, cell);
    }
    await page.click("#jx-report");
    await page.waitForSelector("#jx-docx");
    await settled(page);
    expect(await statusText(page)).toMatch(/^已写入“评分结果”和“自评报告”表/);
    const docx = await downloadDocx(page, path.join(OUT, "sample-form-report.docx"));
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    await page.context().close();
  },
  120_000,
);

test("English Office gets English; a host below ExcelApi 1.7 gets a clear message; 1.8 runs and says what it skipped", async () => {
  const en = await openPage("?empty&lang=en-US");
  expect(await en.locator("#jx-template").innerText()).toBe("Insert template");
  expect(await en.locator("#jx-score").innerText()).toBe("Calculate score");
  await shot(en, "05-english");
  await en.context().close();

  const old = await openPage("?empty&api=1.6");
  expect(await old.locator("#jx-status .jx-bar-text").innerText()).toMatch(/ExcelApi 1\.7/);
  expect(await old.locator("#jx-score").count()).toBe(0);
  await shot(old, "06-unsupported");
  await old.context().close();

  // ExcelApi 1.8 (a Microsoft 365 build 1808–1902; volume-licensed Office 2019 stops at 1.7): 生成报告 works;
  // page setup and breaks are skipped, and the pane says what to do.
  const api18 = await openPage("?api=1.8");
  await api18.waitForFunction(() =>
    (window as unknown as { jixiaoPlayground: { sheetNames(): string[] } }).jixiaoPlayground.sheetNames().includes("绩效指标"),
  );
  await api18.click("#jx-report");
  await api18.waitForSelector("#jx-docx");
  await settled(api18);
  const said = await statusText(api18);
  expect(said).toMatch(/^已写入“评分结果”和“自评报告”表/);
  expect(said).toMatch(/已跳过：页面设置.*分页符.*请手动完成：.*页面布局/);
  expect(said).not.toMatch(/数据验证/);
  await shot(api18, "06-excel-api-1.8");
  await api18.context().close();
  expect(blocked).toEqual([]);
}, 60_000);

/** Three indicators a user enters over the template's first example rows (A3:I5). */
const PASTED = [
  ["产出指标", "数量指标", "举办业务培训班", "定量", "≥", "12", "期", "12", "15"],
  ["", "质量指标", "培训合格率", "定量", "≥", "95", "%", "97", "15"],
];
const TYPED = ["", "时效指标", "培训按期完成率", "定量", "≥", "100", "%", "100", "10"];

/** Pastes PASTED at 绩效指标!A3 (a paste event carrying text/plain TSV) and types TYPED into row 5 with Tab and Enter. */
async function enterIndicators(page: Page): Promise<void> {
  await page.locator("#pg-tabs button", { hasText: "绩效指标" }).click();
  await page.locator('#pg-grid td[data-cell="A3"]').click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("pg-editor");
  const tsv = PASTED.map((row) => row.join("\t")).join("\r\n") + "\r\n";
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
  await page.locator('#pg-grid td[data-cell="B5"]').click();
  for (const [i, text] of TYPED.slice(1).entries()) {
    await page.keyboard.type(text);
    await page.keyboard.press(i === TYPED.length - 2 ? "Enter" : "Tab");
  }
  // Escape drops an entry: the cell keeps what it had.
  await page.keyboard.type("作废");
  await page.keyboard.press("Escape");
  const cells = await page.evaluate(() => {
    const text = (a: string) => document.querySelector(`#pg-grid td[data-cell="${a}"]`)?.textContent ?? "";
    const cols = "ABCDEFGHI".split("");
    return [3, 4, 5, 6].map((r) => cols.map((c) => text(`${c}${r}`)));
  });
  expect(cells.slice(0, 3)).toEqual([...PASTED, TYPED].map((row, i) => (i === 2 ? ["", ...row.slice(1)] : row)));
  // Row 6 is the template's fourth example, untouched by the cancelled entry.
  expect(cells[3][2]).not.toBe("作废");
}

/** What the grid shows of the active sheet: formula cells, any showing formula text, label → value on its right. */
const gridState = (page: Page) =>
  page.evaluate(() => {
    const tds = Array.from(document.querySelectorAll<HTMLElement>("#pg-grid td[data-cell]"));
    const rightOf: Record<string, string> = {};
    for (const td of tds) {
      const next = td.nextElementSibling as HTMLElement | null;
      if (td.textContent && next && !(td.textContent in rightOf)) rightOf[td.textContent] = next.textContent ?? "";
    }
    const formulas = tds.filter((td) => td.classList.contains("pg-formula"));
    return {
      formulaCells: formulas.length,
      formulaTexts: formulas.map((td) => td.textContent ?? "").filter((t) => t.startsWith("=")),
      rightOf,
      allText: tds.map((td) => td.textContent).join("\n"),
    };
  });

/** The id of the one primary button of the pane, and how many there are. */
const primary = async (page: Page) => {
  const ids = await page.locator("#app button.jx-primary:visible").evaluateAll((bs) => bs.map((b) => b.id));
  expect(ids).toHaveLength(1);
  return ids[0];
};
/** The bounding box of `selector` lies inside the pane's visible area. */
const inView = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const pane = document.querySelector(".pg-pane")!.getBoundingClientRect();
    const b = document.querySelector(sel)!.getBoundingClientRect();
    return b.width > 0 && b.top >= pane.top && b.bottom <= pane.bottom && b.left >= pane.left && b.right <= pane.right;
  }, selector);

for (const size of [
  { width: 320, height: 600 },
  { width: 400, height: 800 },
]) {
  test(`${size.width}×${size.height}: empty workbook → 插入模板 → paste and type three indicators → 计算得分 → 生成报告 → .docx in ≤ 5 clicks, the next step always the one primary button`, async () => {
    const page = await openPage(`?empty&pane=${size.width}`, { width: 900 + size.width, height: size.height });
    const name = (step: string) => `journey-${size.width}x${size.height}-${step}`;
    let clicks = 0;
    const click = async (selector: string) => {
      clicks++;
      await page.click(selector);
    };
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "template");
    expect(await primary(page)).toBe("jx-template");
    expect(await inView(page, "#jx-template")).toBe(true);
    await paneShot(page, name("1-empty"));

    await click("#jx-template");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
    expect(await primary(page)).toBe("jx-score");
    expect(await sheetNames(page)).toEqual(["Sheet1", "基本信息", "预算执行", "绩效指标", "文字材料"]);
    await paneShot(page, name("2-template"));

    // The user's own indicators over the first example rows, in the grid (clicks there are not
    // pane clicks): two pasted as copied from a spreadsheet, the third typed cell by cell.
    await enterIndicators(page);
    await shot(page, name("2b-typed"));

    await click("#jx-score");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "report");
    await settled(page);
    expect(await primary(page)).toBe("jx-report");
    expect(await outcome(page)).toMatchObject({ errors: [] });
    // The grid shows 评分结果 computed: numbers, never formula text; its total is the card's.
    const grid = await gridState(page);
    expect(grid.formulaCells).toBeGreaterThan(20);
    expect(grid.formulaTexts).toEqual([]);
    expect(grid.rightOf["自评得分"]).toBe(await page.locator("#jx-total").innerText());
    expect(grid.allText).toContain(TYPED[2][2]);
    await shot(page, name("3b-scored-grid"));
    // Every figure on the card is the one 评分结果 holds.
    const figures = await page.evaluate(() => {
      const cells = (window as unknown as { jixiaoPlayground: { dump(): string[] } }).jixiaoPlayground.dump().join("\n");
      return cells;
    });
    const total = await page.locator("#jx-total").innerText();
    expect(figures).toContain(total);
    await paneShot(page, name("3-score"));

    await click("#jx-report");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "download");
    await settled(page);
    expect(await primary(page)).toBe("jx-docx");
    expect(await inView(page, "#jx-docx")).toBe(true);
    // Focus moved to the download.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("jx-docx");
    await paneShot(page, name("4-report"));

    clicks++;
    const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#jx-docx").click()]);
    const file = path.join(OUT, `${name("5")}.docx`);
    await dl.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    expect(dl.suggestedFilename()).toMatch(/^\d{4}年度.+绩效自评报告\.docx$/);
    // The report scores the indicators the user entered.
    const body = await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")!.async("string");
    for (const row of [...PASTED, TYPED]) expect(body).toContain(row[2]);
    expect(clicks).toBeLessThanOrEqual(5);
    await paneShot(page, name("5-downloaded"));
    await page.context().close();
  }, 120_000);
}

test("the card greys out when the workbook changes, and clears when another workbook is loaded", async () => {
  const page = await openPage("?pane=320", { width: 1220, height: 600 });
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
  await page.click("#jx-score");
  await page.waitForSelector("#jx-total");
  await settled(page);
  expect(await page.locator("#jx-summary").getAttribute("class")).not.toContain("jx-stale");
  // A value typed into the grid: the playground fires worksheets.onChanged, as Excel does.
  await page.locator("#pg-tabs button", { hasText: "绩效指标" }).click();
  await page.locator('#pg-grid td[data-cell="H3"]').dblclick();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("1");
  await page.keyboard.press("Enter");
  expect(await page.locator('#pg-grid td[data-cell="H3"]').innerText()).toBe("1");
  await page.waitForFunction(() => document.querySelector("#jx-summary")?.classList.contains("jx-stale"));
  expect(await page.locator(".jx-stale-badge").innerText()).toBe("需要重新计算");
  await paneShot(page, "stale-320x600");
  await page.click("#pg-blank");
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "template");
  expect(await page.locator("#jx-summary").isHidden()).toBe(true);

  // 打开 .xlsx… by keyboard: Tab reaches the button, Enter opens the file picker. (The listener
  // goes first: Playwright starts intercepting file choosers only when one is awaited.)
  const chooser = page.waitForEvent("filechooser");
  await page.focus("#pg-sample-form");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("pg-open");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles(SAMPLE);
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
  await page.locator("#pg-tabs button", { hasText: "绩效指标" }).click();
  // Fixed height: the grid scrolls inside, the sheet tabs stay on screen; columns as wide as the sheet says.
  const layout = await page.evaluate(() => {
    const grid = document.querySelector("#pg-grid")!;
    const tabs = document.querySelector("#pg-tabs")!.getBoundingClientRect();
    const widths = Array.from(grid.querySelectorAll("col"))
      .slice(1)
      .map((c) => c.getBoundingClientRect().width);
    return { scrolls: grid.scrollHeight > grid.clientHeight, tabsBottom: tabs.bottom, tabsTop: tabs.top, widths, height: innerHeight };
  });
  expect(layout.scrolls).toBe(true);
  expect(layout.tabsTop).toBeGreaterThan(0);
  expect(layout.tabsBottom).toBeLessThanOrEqual(layout.height);
  const sheet = JSON.parse((await dump(page))[2]) as { name: string; columnWidths: [number, number][] };
  expect(sheet.name).toBe("绩效指标");
  expect(sheet.columnWidths.length).toBeGreaterThan(3);
  for (const [col, pt] of sheet.columnWidths)
    if (col <= layout.widths.length) expect(layout.widths[col - 1]).toBeCloseTo(Math.round(pt / 0.75), 0);
  await shot(page, "playground-opened-by-keyboard");
  // A sheet longer than the window the stand-in draws says so under the grid.
  expect(await page.locator("#pg-grid .pg-clipped").count()).toBe(0);
  await page.locator('#pg-grid td[data-cell="A3"]').click();
  await page.evaluate(
    (text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    Array.from({ length: 400 }, (_, i) => `第${i + 1}行`).join("\n"),
  );
  expect(await page.locator("#pg-grid .pg-clipped").innerText()).toMatch(/只显示前 300 行.*共 402 行/);
  await page.locator("#pg-grid .pg-clipped").scrollIntoViewIfNeeded();
  await shot(page, "playground-clipped");
  await page.context().close();
}, 60_000);

test("a failed run: problems as an error MessageBar naming cell and subject, focus on the first", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.getWorksheet("绩效指标")!;
  let header = 0;
  let weightCol = 0;
  let nameCol = 0;
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (!header && cell.value === "分值") [header, weightCol] = [r, c];
      if (cell.value === "三级指标") nameCol = c;
    }),
  );
  ws.getCell(header + 1, weightCol).value = null;
  const subject = String(ws.getCell(header + 1, nameCol).value);
  const cell = `绩效指标!${ws.getCell(header + 1, weightCol).address}`;
  const page = await openPage("?empty&pane=320", { width: 1220, height: 600 });
  await page.evaluate(
    (b64) => (window as unknown as { jixiaoPlayground: { loadBase64(s: string): Promise<void> } }).jixiaoPlayground.loadBase64(b64),
    Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
  );
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
  await page.click("#jx-score");
  await page.waitForSelector(".jx-issue.jx-error");
  const first = page.locator(".jx-issue.jx-error").first();
  expect(await first.innerText()).toBe(`${cell} · ${subject}：分值未填写`);
  expect(await page.evaluate(() => document.activeElement?.classList.contains("jx-issue"))).toBe(true);
  expect(await page.locator("#jx-status svg.jx-icon").count()).toBe(1);
  expect(await page.locator("#jx-status .jx-sr").innerText()).toBe("错误：");
  await paneShot(page, "failure-320x600");
  await page.context().close();
}, 60_000);

test("Excel on Mac: the download goes through the browser (openBrowserWindow → download.html), same bytes and name", async () => {
  const page = await openPage("?pane=320&platform=Mac", { width: 1220, height: 600 });
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
  await page.click("#jx-report");
  await page.waitForSelector("#jx-docx:visible");
  await settled(page);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#jx-docx")]);
  expect(new URL(popup.url()).pathname).toBe("/download.html");
  const dl = await popup.waitForEvent("download");
  const file = path.join(OUT, "mac-handoff.docx");
  await dl.saveAs(file);
  expect(dl.suggestedFilename()).toMatch(/^\d{4}年度.+绩效自评报告\.docx$/);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  expect(await statusText(page)).toMatch(/浏览器/);
  await popup.screenshot({ path: path.join(OUT, "mac-handoff-page.png") });
  await paneShot(page, "mac-handoff-pane");
  await page.context().close();
}, 90_000);

test("accessibility: every control named, one status region", async () => {
  const page = await openPage("?pane=320", { width: 1220, height: 600 });
  await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
  await page.click("#jx-score");
  await page.waitForSelector("#jx-total");
  const unnamed = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#app button, #app select, #app input"))
      .filter((e) => !(e as HTMLElement).hidden)
      .filter((e) => {
        const labelled = e.id && document.querySelector(`label[for="${e.id}"]`);
        return !(e.getAttribute("aria-label") || labelled || (e.textContent ?? "").trim());
      })
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
  expect(await page.locator("#app [role=status], #app [aria-live]").count()).toBe(1);
  const snapshot = await page.locator("#app").ariaSnapshot();
  fs.writeFileSync(path.join(OUT, "aria-320.yml"), snapshot);
  expect(snapshot).toContain('button "生成报告"');
  await page.context().close();
}, 60_000);

/** A workbook whose first indicator has no 分值: 计算得分 fails with an error MessageBar. */
async function missingWeightBase64(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const ws = wb.getWorksheet("绩效指标")!;
  let done = false;
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (!done && cell.value === "分值") {
        ws.getCell(r + 1, c).value = null;
        done = true;
      }
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

const loadBase64 = (page: Page, b64: string) =>
  page.evaluate(
    (s) => (window as unknown as { jixiaoPlayground: { loadBase64(s: string): Promise<void> } }).jixiaoPlayground.loadBase64(s),
    b64,
  );

/**
 * axe-core's WCAG 2.1 A/AA rules (colour contrast among them) and its best practices, on the
 * pane only: the playground's stand-in Excel around it is not the product.
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document.querySelector(".pg-pane")!, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Records each text the status region takes, to count announcements. */
const watchStatus = (page: Page) =>
  page.evaluate(() => {
    const region = document.querySelector("#app [role=status]")!;
    const seen: string[] = [];
    (window as unknown as { announced: string[] }).announced = seen;
    new MutationObserver(() => seen.push((region.textContent ?? "").trim())).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
const announced = (page: Page) => page.evaluate(() => (window as unknown as { announced: string[] }).announced);

for (const lang of ["zh-CN", "en-US"]) {
  test(`axe-core (${lang}): no violations in the empty, scored, reported and failed pane; one live region, each result announced once`, async () => {
    const q = lang === "en-US" ? "&lang=en-US" : "";
    const page = await openPage(`?empty&pane=320${q}`, { width: 1220, height: 600 });
    const shotName = (step: string) => `${lang === "en-US" ? "en" : "zh"}-320x600-${step}`;
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "template");
    // The check can fail: grey text on white in the pane is a contrast violation.
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.id = "low-contrast";
      p.style.color = "#bbb";
      p.textContent = "灰色说明文字";
      document.querySelector("#app")!.append(p);
    });
    expect(await axeViolations(page)).toEqual(["color-contrast: #low-contrast"]);
    await page.evaluate(() => document.querySelector("#low-contrast")!.remove());
    expect(await axeViolations(page)).toEqual([]);
    await paneShot(page, shotName("1-empty"));

    await page.click("#jx-template");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await paneShot(page, shotName("2-template"));

    await enterIndicators(page);
    await watchStatus(page);
    await page.click("#jx-score");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "report");
    await settled(page);
    // The result is announced once: the region takes its final text one time, not again on each look.
    await page.waitForTimeout(300);
    const done = await page.locator("#jx-status").evaluate((e) => (e.textContent ?? "").trim());
    expect(done).not.toBe("");
    const seen = await announced(page);
    expect({ done, times: seen.filter((t) => t === done).length, seen }).toMatchObject({ done, times: 1 });
    expect(await page.locator("#app [role=status], #app [role=alert], #app [aria-live]").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await paneShot(page, shotName("3-scored"));

    await page.click("#jx-report");
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "download");
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await paneShot(page, shotName("4-report"));

    await loadBase64(page, await missingWeightBase64());
    await page.waitForFunction(() => document.querySelector("#app")?.getAttribute("data-step") === "score");
    await page.click("#jx-score");
    await page.waitForSelector(".jx-issue.jx-error");
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);
    await paneShot(page, shotName("5-failed"));
    await page.context().close();
  }, 120_000);
}

test("诊断 (self-test): one click runs every check on a scratch sheet, the report shows in the pane, the workbook is as it was", async () => {
  const page = await openPage("?pane=360", { width: 1240, height: 900 });
  await page.waitForFunction(() =>
    (window as unknown as { jixiaoPlayground: { sheetNames(): string[] } }).jixiaoPlayground.sheetNames().includes("绩效指标"),
  );
  const before = await dump(page);
  await page.click("#jx-diagnostics summary");
  await page.click("#jx-diagnose");
  await page.waitForSelector("#jx-diagnostics-report:not([hidden])", { timeout: 30_000 });
  const report = await page.locator("#jx-diagnostics-report").inputValue();
  expect(report).toMatch(/^绩效自评助手 诊断报告/);
  expect(report).toMatch(/ExcelApi: 1\.17/);
  expect(report).not.toMatch(/\[失败\]/);
  for (const label of ["添加临时工作表", "写入公式", "原位更新", "下载 Word 报告的方式", "删除临时工作表"]) expect(report).toContain(label);
  expect(await page.locator("#jx-diagnose-result").innerText()).toMatch(/^诊断完成：正常 \d+ 项/);
  expect(await sheetNames(page)).toEqual(expect.not.arrayContaining(["jx诊断临时表1", "jx诊断临时表2"]));
  expect(await dump(page)).toEqual(before);
  await page.locator("#jx-diagnostics").scrollIntoViewIfNeeded();
  await paneShot(page, "10-diagnostics");
  await page.context().close();
  expect(blocked).toEqual([]);
}, 90_000);
