/**
 * `jixiao review` over a generated year of submissions (test/fixtures/reviewBatch.ts): 200 workbooks
 * (templates and forms, 1–3 forms each) with planted slips, and 10 broken files. Every slip is in
 * 问题清单 once with its file and cell, clean forms raise nothing, broken files are listed with their
 * errors, the inputs are byte-identical afterwards, and SUMMARY.xlsx is a valid, printable workbook.
 */
import { createHash } from "crypto";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type BatchManifest, SLIP_KINDS, writeReviewBatch } from "../fixtures/reviewBatch";
import { SUMMARY_SHEETS } from "../../src/review/summaryWorkbook";
import { cli, tempDir } from "../support/workbooks";
import { builtCli } from "../support/builds";
import { ooxmlProblems } from "../support/ooxml";
import { convert, libreOfficeAvailable, pdfPageSizes, pdfText, recalculate, renderPng } from "../support/libreoffice";

const dir = tempDir("review");
const batch = path.join(dir, "submissions");
const summary = path.join(dir, "SUMMARY.xlsx");
let manifest: BatchManifest;
let hashes: Map<string, string>;
let run: { code: number; stdout: string; stderr: string };

interface IssueRow {
  file: string;
  cell: string;
  severity: string;
  message: string;
}
let issueRows: IssueRow[];
let formRows: ExcelJS.CellValue[][];
let wb: ExcelJS.Workbook;

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const rel = (file: string) => path.relative(batch, file).split(path.sep).join("/");
const unquote = (cell: string) => cell.replace(/'/g, "");
const text = (v: ExcelJS.CellValue) => (v && typeof v === "object" && "text" in v ? String(v.text) : String(v ?? ""));

function hashAll(): Map<string, string> {
  return new Map(manifest.files.map((f) => [f, sha(path.join(batch, f))]));
}

beforeAll(async () => {
  manifest = await writeReviewBatch(batch, { count: 200, seed: 11 });
  hashes = hashAll();
  run = await cli("review", batch, "-o", summary);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const rows = (name: string) =>
    (wb.getWorksheet(name)!.getSheetValues().slice(2) as ExcelJS.CellValue[][]).filter(Boolean).map((r) => r.slice(1));
  issueRows = rows(SUMMARY_SHEETS.issues).map(([file, cell, severity, message]) => ({
    file: rel(text(file)),
    cell: unquote(text(cell)),
    severity: text(severity),
    message: text(message),
  }));
  formRows = rows(SUMMARY_SHEETS.forms);
}, 300_000);

test("the batch is what the issue asks: ≥ 200 workbooks, templates and forms, every slip kind, 10 broken files", () => {
  const readable = Object.keys(manifest.forms);
  expect(readable.length).toBeGreaterThanOrEqual(200);
  expect(manifest.broken).toHaveLength(10);
  const kinds = new Set(manifest.slips.map((s) => s.kind));
  for (const k of [...SLIP_KINDS, "templateSelfScore", "templateShortfall"]) expect(kinds).toContain(k);
  expect(Object.values(manifest.forms).some((n) => n > 1)).toBe(true);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/^复核 210 个文件：\d+ 张自评表，提示 \d+ 条，10 个文件无法读取或有错误。/m);
});

test("every planted slip is in 问题清单 exactly once, with its file and cell", () => {
  const missed = manifest.slips.filter(
    (s) =>
      issueRows.filter((i) => i.file === s.file && i.cell === s.cell && i.severity === "提示" && i.message.includes(s.includes)).length !==
      1,
  );
  expect(missed).toEqual([]);
});

test("clean forms raise nothing: every 提示 is a planted slip", () => {
  const planted = (i: IssueRow) => manifest.slips.some((s) => s.file === i.file && s.cell === i.cell && i.message.includes(s.includes));
  expect(issueRows.filter((i) => i.severity === "提示" && !planted(i))).toEqual([]);
  expect(issueRows.filter((i) => i.severity === "提示")).toHaveLength(manifest.slips.length);
  const slipped = new Set(manifest.slips.map((s) => s.file));
  const cleanFiles = Object.keys(manifest.forms).filter((f) => !slipped.has(f));
  expect(cleanFiles.length).toBeGreaterThan(50);
  for (const f of cleanFiles) expect(issueRows.filter((i) => i.file === f)).toEqual([]);
});

test("broken files are rows of 问题清单 with their errors, never a stopped batch", () => {
  for (const b of manifest.broken) {
    const rows = issueRows.filter((i) => i.file === b.file);
    expect({ file: b.file, rows: rows.map((r) => [r.cell, r.severity]) }).toEqual({ file: b.file, rows: [[b.cell, "错误"]] });
    expect(rows[0].message).toContain(b.includes);
  }
  expect(issueRows.filter((i) => i.severity === "错误")).toHaveLength(10);
});

test("汇总 has one row per form, with the figures of the engine", () => {
  expect(formRows).toHaveLength(Object.values(manifest.forms).reduce((a, b) => a + b, 0));
  const header = wb.getWorksheet(SUMMARY_SHEETS.forms)!.getRow(1).values as string[];
  expect(header.slice(1)).toEqual([
    "文件",
    "工作表",
    "单位",
    "项目",
    "年度",
    "类型",
    "预算数（万元）",
    "执行数（万元）",
    "执行率",
    "填报总分",
    "规则总分",
    "差异",
    "差异项数",
    "等级",
    "问题数",
    "文件计数",
  ]);
  // A form with a wrong 总分 (+2 over the filled items): its difference is filled − rule ≠ 0.
  const totalSlip = manifest.slips.find((s) => s.kind === "totalNeSum")!;
  const sheet = totalSlip.cell.split("!")[0];
  const row = formRows.find((r) => rel(text(r[0])) === totalSlip.file && r[1] === sheet)!;
  expect(row[11]).not.toBe(0);
  expect(row[14]).toBeGreaterThanOrEqual(1);
  // Clean forms: rule = filled, no checks.
  const slipped = new Set(manifest.slips.map((s) => s.file));
  for (const r of formRows.filter((r) => !slipped.has(rel(text(r[0]))))) {
    expect(r[14]).toBe(0);
    if (r[9] !== null && r[9] !== undefined) expect(r[11]).toBe(0);
  }
});

test("the inputs are byte-identical afterwards", () => {
  expect(hashAll()).toEqual(hashes);
});

test("SUMMARY.xlsx: Excel tables with filters, frozen header, hyperlinks, formats, conditional formatting, A4 landscape", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(summary));
  const tables = await Promise.all(zip.file(/^xl\/tables\/table\d+\.xml$/).map((f) => f.async("string")));
  expect(tables).toHaveLength(2);
  expect(tables.join("")).toMatch(/<autoFilter ref="A1:P\d+"/);
  const forms = wb.getWorksheet(SUMMARY_SHEETS.forms)!;
  expect(forms.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(forms.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1 });
  expect(forms.getCell("G2").numFmt).toBe("#,##0.00");
  expect(forms.getCell("I2").numFmt).toBe("0.00%");
  const link = forms.getCell("A2").value as ExcelJS.CellHyperlinkValue;
  expect(fs.existsSync(path.join(dir, decodeURIComponent(link.hyperlink)))).toBe(true);
  const sheet1 = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  expect(sheet1).toMatch(/<conditionalFormatting sqref="L2:L\d+">/);
  expect(sheet1).toMatch(/<conditionalFormatting sqref="N2:N\d+">[\s\S]*?N2=&quot;差&quot;/);
  expect(ooxmlProblems(summary)).toBe("");
});

const lo = libreOfficeAvailable() ? test : test.skip;

/** 统计's formula cells with their cached values, from the sheet XML (exceljs drops a cached 0). */
async function statsFormulas(): Promise<Map<string, { row: number; col: number; cached: number | string }>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(summary));
  const xml = await zip.file("xl/worksheets/sheet3.xml")!.async("string");
  const cells = new Map<string, { row: number; col: number; cached: number | string }>();
  for (const m of xml.matchAll(/<c r="([A-Z])(\d+)"([^>]*)><f>[^<]*<\/f><v>([^<]*)<\/v><\/c>/g))
    cells.set(m[1] + m[2], { row: Number(m[2]), col: m[1].charCodeAt(0) - 64, cached: m[3].includes('t="str"') ? m[4] : Number(m[4]) });
  return cells;
}

test("统计 counts grades, rate bands and differences over every form", async () => {
  const values = wb.getWorksheet(SUMMARY_SHEETS.stats)!.getSheetValues() as ExcelJS.CellValue[][];
  const formulas = await statsFormulas();
  const after = (label: string) => formulas.get(`B${values.findIndex((r) => r && r[1] === label)}`)?.cached;
  expect(after("文件数")).toBe(210);
  expect(after("自评表数")).toBe(formRows.length);
  expect(after("无法读取或有错误的文件")).toBe(10);
  const grades = ["优", "良", "中", "差"].map((g) => after(g) as number);
  expect(grades.reduce((a, b) => a + b, 0)).toBe(formRows.length);
  expect(after("优")).toBe(formRows.filter((r) => r[13] === "优").length);
  expect(after("问题（错误）")).toBe(issueRows.filter((i) => i.severity === "错误").length);
});

lo(
  "统计's figures are live formulas over 汇总 and 问题清单: LibreOffice recalculates each to its cached value",
  async () => {
    const formulas = await statsFormulas();
    const grid = recalculate([summary])[0][SUMMARY_SHEETS.stats];
    for (const [address, { row, col, cached }] of formulas) {
      const shown = grid[row - 1][col - 1];
      const recalculated = shown === "" ? "" : shown.endsWith("%") ? Number(shown.slice(0, -1)) / 100 : Number(shown);
      if (typeof cached === "number") expect([address, recalculated]).toEqual([address, expect.closeTo(cached, 9)]);
      else expect([address, recalculated]).toEqual([address, cached]);
    }
    // Every figure: 9 in 复核概况, a count and a share for each of the 4 + 4 + 5 bands.
    expect(formulas.size).toBe(9 + 2 * (4 + 4 + 5));
  },
  300_000,
);

test("--strict exits 2 when a file failed; --json - prints every file's summary on stdout only", async () => {
  const broken = path.join(batch, manifest.broken[0].file);
  const one = path.join(batch, Object.keys(manifest.forms)[1]);
  const strict = await cli("review", one, broken, "-o", path.join(dir, "strict.xlsx"), "--strict", "--json", "-");
  expect(strict.code).toBe(2);
  const json = JSON.parse(strict.stdout);
  expect(json.files.map((f: { file: string }) => f.file)).toEqual([one, broken]);
  expect(json.files[0].summary.forms.length).toBe(manifest.forms[Object.keys(manifest.forms)[1]]);
  expect(json.files[1]).toMatchObject({ summary: null, errors: [{ cell: "", message: expect.stringContaining("不是有效的 Excel") }] });
  expect((await cli("review", one, "-o", path.join(dir, "ok.xlsx"), "--strict")).code).toBe(0);
  expect((await cli("review", "-o", path.join(dir, "none.xlsx"))).code).toBe(2);
  expect((await cli("review", one, "-o", one)).code).toBe(2);
});

test("the built CLI reviews over worker threads with the same result, no progress bar when stderr is not a terminal", () => {
  // Worker threads run compiled files: dist/, built before jest (scripts/build-test.js).
  const bin = builtCli();
  const out = path.join(dir, "threads.xlsx");
  const child = spawnSync(process.execPath, [bin, "review", batch, "-o", out, "--jobs", "2", "--json", "-"], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  expect(child.status).toBe(0);
  expect(child.stderr.trim().split("\n")).toHaveLength(1);
  const json = JSON.parse(child.stdout);
  const issues = json.issues.map((i: IssueRow) => ({ file: rel(i.file), cell: unquote(i.cell), severity: i.severity, message: i.message }));
  expect(issues).toEqual(issueRows);
  expect(hashAll()).toEqual(hashes);
}, 300_000);

lo(
  "the summary opens in LibreOffice and renders to A4 landscape PDF",
  () => {
    const pdfDir = path.join(dir, "pdf");
    convert([summary], "pdf", pdfDir);
    const pdf = path.join(pdfDir, "SUMMARY.pdf");
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThan(2);
    for (const s of sizes) expect(s.width).toBeGreaterThan(s.height);
    const all = pdfText(pdf);
    expect(all).toContain("规则总分");
    expect(all).toContain("严重程度");
    expect(all).toContain("复核概况");
    expect(renderPng(pdf, path.join(pdfDir, "page"), 50).length).toBe(sizes.length);
  },
  300_000,
);
