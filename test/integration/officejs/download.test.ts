/**
 * The Word download (issue 17): blob downloads are not supported in desktop webviews (Microsoft's
 * docs for WebView2; WKWebView ignores them), so desktop hosts hand the file to the browser through
 * openBrowserWindow → download.html, within the URL length the platform takes; beyond it, the pane
 * says what to do. Measured at the 10,000-indicator report.
 */
import { reportDocx } from "../../../src/adapters/docx/reportDocx";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { runCommand } from "../../support/run";
import { FakeRequestContext } from "../../../src/playground/excel/context";
import { HANDOFF_URL_LIMITS, type SaveHost, handoffUrl, parseHandoff, saveFile } from "../../../src/adapters/shared/download";
import { messagesFor } from "../../../src/app/i18n";
import { generatedWorkbook } from "../../unit/officejs/fixtures";

const PAGE = "https://addin.example/download.html";

/** A desktop host whose webview ignores blob downloads (what Microsoft documents for WebView2), and the user's browser. */
function desktop(platform: string) {
  const ignored: string[] = [];
  const opened: string[] = [];
  const host: SaveHost = {
    platform,
    downloadPage: PAGE,
    openBrowserWindow: (url) => opened.push(url),
    anchor: (_bytes, name) => ignored.push(name),
  };
  /** What the user ends up with: the file download.html rebuilds from the browser's URL. */
  const saved = () => opened.map((url) => parseHandoff(new URL(url).hash));
  return { host, ignored, opened, saved };
}

async function reportBytes(budgetLines: number, indicators: number): Promise<Uint8Array> {
  const model = generatedWorkbook(budgetLines, indicators);
  const port = new OfficeJsWorkbook(new FakeRequestContext(model) as unknown as Excel.RequestContext, { tag: "d" });
  return reportDocx(await runCommand(port, "report"));
}

test.each(["PC", "Mac", "iOS"])(
  "%s: a webview that ignores blob downloads still saves the report, through the browser",
  async (platform) => {
    const bytes = await reportBytes(2, 10);
    const d = desktop(platform);
    expect(saveFile(bytes, "2024年度示例单位绩效自评报告.docx", d.host)).toBe("browser");
    expect(d.ignored).toEqual([]);
    expect(d.saved()).toEqual([{ name: "2024年度示例单位绩效自评报告.docx", bytes }]);
  },
);

test("Excel on the web (a real browser) and hosts without openBrowserWindow keep the blob anchor", () => {
  const bytes = new Uint8Array([80, 75, 3, 4]);
  for (const host of [{ ...desktop("OfficeOnline").host }, { ...desktop("PC").host, openBrowserWindow: undefined }]) {
    const anchored: string[] = [];
    expect(saveFile(bytes, "a.docx", { ...host, anchor: (_b, n) => anchored.push(n) })).toBe("anchor");
    expect(anchored).toEqual(["a.docx"]);
  }
});

test("a report whose hand-off URL passes Windows' limit but not a Mac's: the browser on a Mac, a clear message on Windows", async () => {
  // 600 indicators: past Windows' command line, far below Chromium's URL cap. (The URL's length at
  // 10 and 10,000 indicators is a figure of `npm run bench`: scripts/bench-addin.js.)
  const small = await reportBytes(2, 10);
  const large = await reportBytes(120, 600);
  const urlOf = (bytes: Uint8Array) => handoffUrl(PAGE, "x.docx", bytes).length;
  expect(urlOf(small)).toBeLessThan(HANDOFF_URL_LIMITS.PC);
  expect(urlOf(large)).toBeGreaterThan(HANDOFF_URL_LIMITS.PC);
  expect(urlOf(large)).toBeLessThan(HANDOFF_URL_LIMITS.Mac);
  const mac = desktop("Mac");
  expect(saveFile(large, "大.docx", mac.host)).toBe("browser");
  expect(mac.opened.length).toBe(1);
  const pc = desktop("PC");
  expect(saveFile(large, "大.docx", pc.host)).toBe("tooLarge");
  // Too large: no URL the browser would cut short; the anchor is tried and the pane explains.
  expect([pc.opened.length, pc.ignored]).toEqual([0, ["大.docx"]]);
  const m = messagesFor("zh-CN");
  expect(m.docxTooLarge).toMatch(/Excel 网页版/);
  expect(messagesFor("en-US").docxTooLarge).toMatch(/Excel on the web/);
}, 120_000);
