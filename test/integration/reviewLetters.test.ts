/**
 * `jixiao review --letters DIR` (issue 18): a folder of submissions from several departments (each
 * sending several workbooks, templates and forms, some with planted slips, plus broken files) gets
 * one 复核意见函 per unit. Each letter lists exactly that unit's forms and the checks raised on them
 * (each with its place and what to do), passes the OOXML checks and renders in LibreOffice on A4
 * portrait pages; 汇总 links every row to its unit's letter. PNG pages go to test-output/letters/.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { type BatchManifest, writeReviewBatch } from "../fixtures/reviewBatch";
import { SUMMARY_SHEETS } from "../../src/review/summaryWorkbook";
import { letterFileName } from "../../src/review/letters";
import { cli, tempDir } from "../support/workbooks";
import { ooxmlProblems } from "../support/ooxml";
import { convert, libreOfficeAvailable, pdfPageSizes, pdfText, renderPng } from "../support/libreoffice";

const OUT = path.join(__dirname, "../../test-output/letters");
const DEPARTMENTS = 4;
const dir = tempDir("letters");
const batch = path.join(dir, "submissions");
const letters = path.join(dir, "复核意见函");
const summary = path.join(dir, "SUMMARY.xlsx");
let manifest: BatchManifest;
let run: { code: number; stdout: string; stderr: string };
let formRows: Array<{ file: string; sheet: string; unit: string; letter: string; letterLink: string }>;
let issueRows: Array<{ file: string; cell: string; message: string }>;

const text = (v: ExcelJS.CellValue) => (v && typeof v === "object" && "text" in v ? String(v.text) : String(v ?? ""));
const rel = (file: string) => path.relative(batch, file).split(path.sep).join("/");
const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** A letter's paragraphs (outside tables) and its table rows, as text. */
async function letterText(file: string): Promise<{ paragraphs: string[]; rows: string[][] }> {
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file("word/document.xml")!.async("string");
  const runsOf = (s: string) => decode([...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => runsOf(tc[0])),
  );
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paragraphs = [...outside.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => runsOf(p[0])).filter(Boolean);
  return { paragraphs, rows };
}

beforeAll(async () => {
  manifest = await writeReviewBatch(batch, { count: 18, seed: 7, departments: DEPARTMENTS, slipRate: 0.5 });
  run = await cli("review", batch, "-o", summary, "--letters", letters);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const forms = wb.getWorksheet(SUMMARY_SHEETS.forms)!;
  const header = (forms.getRow(1).values as string[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  formRows = [];
  forms.eachRow((row, r) => {
    if (r === 1) return;
    const link = row.getCell(col("复核意见函")).value as ExcelJS.CellHyperlinkValue;
    formRows.push({
      file: rel(text(row.getCell(1).value)),
      sheet: text(row.getCell(col("工作表")).value),
      unit: text(row.getCell(col("单位")).value),
      letter: text(link),
      letterLink: link.hyperlink,
    });
  });
  issueRows = [];
  wb.getWorksheet(SUMMARY_SHEETS.issues)!.eachRow((row, r) => {
    if (r > 1)
      issueRows.push({ file: rel(text(row.getCell(1).value)), cell: text(row.getCell(2).value), message: text(row.getCell(4).value) });
  });
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("one letter per unit: several departments, each with several files, templates and forms", () => {
  expect(run.code).toBe(0);
  const units = [...new Set(Object.values(manifest.units))].sort();
  expect(units).toHaveLength(DEPARTMENTS);
  // Each department sent several files; some a template (基本信息's 单位名称) beside forms (实施单位).
  for (const unit of units) expect(Object.values(manifest.units).filter((u) => u === unit).length).toBeGreaterThan(2);
  expect(formRows.filter((r) => r.sheet === "绩效指标").length).toBeGreaterThan(0);
  expect(fs.readdirSync(letters).sort()).toEqual(units.map(letterFileName).sort());
  expect(run.stderr).toContain(`复核意见函 ${units.length} 份`);
});

test("each letter lists exactly its unit's forms and the checks raised on them, each with its place and what to do", async () => {
  for (const unit of new Set(Object.values(manifest.units))) {
    const { paragraphs, rows } = await letterText(path.join(letters, letterFileName(unit)));
    expect(paragraphs[0]).toBe("关于2023年度绩效自评复核意见的函");
    expect(paragraphs[1]).toBe(`${unit}：`);
    // The table: a header, then one row per form of the unit (file name, sheet), in 汇总's order.
    const mine = formRows.filter((r) => r.unit === unit);
    expect(rows[0]).toEqual(["序号", "文件", "自评表", "项目", "填报总分", "复核总分", "差异", "等级"]);
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual(mine.map((r) => [path.basename(r.file), r.sheet]));
    // Every check of the unit's files, once, with its cell and a request; no other unit's.
    const files = new Set(mine.map((r) => r.file));
    const checks = issueRows.filter((i) => files.has(i.file));
    const listed = paragraphs.filter((p) => /^\d+\. /.test(p));
    expect(listed).toHaveLength(checks.length);
    for (const check of checks) {
      const line = listed.find((p) => p.includes(`${check.cell}：${check.message}`));
      expect([unit, check.cell, line]).toEqual([unit, check.cell, expect.stringMatching(/请.+。$/)]);
    }
    if (checks.length === 0) expect(paragraphs).toContain("经复核，未发现需要核实的问题。");
    expect(paragraphs).toContain("特此函告。");
    expect(paragraphs).toContain("（财政局名称）");
  }
  // Every planted slip is in its unit's letter, at its cell (as often as the unit's files have that slip there).
  expect(manifest.slips.length).toBeGreaterThan(3);
  for (const slip of manifest.slips) {
    const unit = manifest.units[slip.file];
    const { paragraphs } = await letterText(path.join(letters, letterFileName(unit)));
    const hit = paragraphs.filter((p) => p.replace(/'/g, "").includes(`${slip.cell}：`) && p.includes(slip.includes));
    const planted = manifest.slips.filter((x) => manifest.units[x.file] === unit && x.cell === slip.cell && x.includes === slip.includes);
    expect([slip.file, slip.cell, hit.length]).toEqual([slip.file, slip.cell, planted.length]);
  }
});

test("汇总 links every row to its unit's letter (a relative link that resolves)", () => {
  expect(formRows.length).toBeGreaterThan(18);
  for (const row of formRows) {
    expect(row.letter).toBe(letterFileName(row.unit));
    expect(row.letterLink).not.toMatch(/^(\/|[a-z]+:)/i);
    expect(fs.existsSync(path.join(dir, decodeURIComponent(row.letterLink)))).toBe(true);
  }
});

test("--letters must name a folder: a file there is a usage error (exit 2), nothing written", async () => {
  const out = path.join(dir, "not-written.xlsx");
  const bad = await cli("review", batch, "-o", out, "--letters", summary);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("--letters");
  expect(fs.existsSync(out)).toBe(false);
});

test("the letters and the summary pass the OOXML checks", () => {
  for (const f of fs.readdirSync(letters).slice(0, 4)) expect(ooxmlProblems(path.join(letters, f))).toBe("");
  expect(ooxmlProblems(summary)).toBe("");
});

(libreOfficeAvailable() ? test : test.skip)(
  "LibreOffice renders every letter (one start) on A4 portrait pages with the Chinese text intact",
  () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    const files = fs.readdirSync(letters).map((f) => path.join(letters, f));
    convert(files, "pdf", OUT);
    for (const file of files) {
      const pdf = path.join(OUT, path.basename(file).replace(/\.docx$/, ".pdf"));
      const sizes = pdfPageSizes(pdf);
      expect(sizes.length).toBeGreaterThanOrEqual(1);
      for (const s of sizes) expect([Math.round(s.width), Math.round(s.height)]).toEqual([595, 842]);
      const all = pdfText(pdf).replace(/\s+/g, "");
      expect(all).toContain("绩效自评复核意见的函");
      expect(all).toContain("特此函告。");
      expect(all).toMatch(/第1页共\d+页/);
      expect(renderPng(pdf, path.join(OUT, path.basename(pdf, ".pdf")), 50).length).toBe(sizes.length);
    }
  },
  300_000,
);
