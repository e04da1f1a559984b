/**
 * LibreOffice as the independent reader: the 自评报告 sheet and the .docx render to A4 PDFs holding
 * the sentences with every glyph (the 附表: appendixRender.test.ts); after an input edit and a
 * forced recalculation the （四） sentence follows; = + - @ paragraphs stay text. PNG pages are kept
 * in test-output/report/ for a look.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { reportDocx } from "../../src/adapters/docx/reportDocx";
import { BUDGET_HEADERS, SHEET } from "../../src/core/contract";
import { type ReportModel, partsText } from "../../src/core/report";
import { FIRST_LINE_INDENT } from "../../src/core/report/typography";
import { convert, libreOfficeAvailable, pdfFonts, pdfPageSizes, pdfText, recalculate, renderPng } from "../support/libreoffice";
import { ooxmlProblems } from "../support/ooxml";
import { tempDir } from "../support/workbooks";
import {
  INJECTIONS,
  SEED_CONCLUSION,
  SEED_FINANCE,
  buildReport,
  injectionData,
  projectData,
  reportOf,
  sampleData,
  squash,
  writeReportOnly,
  written,
} from "./fixtures";

const OUT = path.join(__dirname, "../../test-output/report");
const dir = tempDir("report");
const A4 = { width: 595.3, height: 841.9 };
const run = libreOfficeAvailable() ? describe : describe.skip;

/** PDF text without whitespace or the page footers, so paragraphs read through page breaks. */
const flat = (pdf: string) => squash(pdfText(pdf)).replace(/第\d+页共\d+页/g, "");
const cjk = (s: string) => [...new Set([...s].filter((ch) => /\p{Script=Han}/u.test(ch)))];

function paragraphsOf(model: ReportModel): string[] {
  return model.blocks.flatMap((b) => (b.kind === "paragraph" ? [partsText(b.parts)] : b.kind === "heading" ? [b.text] : []));
}

/** The fixed computed sentences, in report order: （四）, then 自评结论. */
const computedSentences = (model: ReportModel): string[] =>
  model.blocks.flatMap((b) => (b.kind === "paragraph" && b.origin === "computed" ? [partsText(b.parts)] : []));

run("report rendered by LibreOffice", () => {
  const files = {
    sheet: path.join(dir, "sample-sheet.xlsx"),
    docx: path.join(dir, "sample-report.docx"),
    projectSheet: path.join(dir, "project-sheet.xlsx"),
    projectDocx: path.join(dir, "project-report.docx"),
  };
  const pdf = (file: string) => path.join(dir, path.basename(file).replace(/\.\w+$/, ".pdf"));
  let sample: ReportModel;
  let project: ReportModel;

  beforeAll(async () => {
    const s = await buildReport(sampleData());
    sample = reportOf(s.result);
    fs.writeFileSync(files.docx, await reportDocx(s.result));
    await writeReportOnly(s, files.sheet);
    const p = await buildReport(projectData());
    project = reportOf(p.result);
    fs.writeFileSync(files.projectDocx, await reportDocx(p.result));
    await writeReportOnly(p, files.projectSheet);
    convert(Object.values(files), "pdf", dir);
    fs.mkdirSync(OUT, { recursive: true });
    for (const file of Object.values(files)) {
      const stem = path.basename(file).replace(/\.\w+$/, "");
      for (const old of fs.readdirSync(OUT).filter((f) => f.startsWith(stem + "-"))) fs.unlinkSync(path.join(OUT, old));
      renderPng(pdf(file), path.join(OUT, stem), 60);
    }
  });

  test.each([
    ["sheet", "sheet"],
    ["docx", "docx"],
  ] as const)("the %s PDF holds the title, the sentences and every paragraph, with every glyph", (_label, key) => {
    const text = flat(pdf(files[key]));
    expect(text).not.toContain("\uFFFD");
    for (const s of [squash(sample.title), SEED_FINANCE, SEED_CONCLUSION]) {
      expect(text).toContain(s);
      expect(cjk(s).filter((ch) => !text.includes(ch))).toEqual([]);
    }
    // Rows tall enough and nothing cut: every paragraph's text is in the PDF, in order.
    let at = 0;
    for (const p of paragraphsOf(sample)) {
      const i = text.indexOf(squash(p), at);
      if (i < 0) throw new Error(`${key}: missing or out of order: ${p.slice(0, 40)}`);
      at = i;
    }
    // Chinese is drawn with an embedded CJK font, not boxes.
    const fonts = pdfFonts(pdf(files[key]));
    expect(fonts.some((f) => /CJK/i.test(f.name) && f.embedded)).toBe(true);
  });

  test("the report pages are A4 portrait; the .docx ends with its 附表 on A4 landscape", () => {
    for (const key of Object.keys(files) as Array<keyof typeof files>) {
      const sizes = pdfPageSizes(pdf(files[key]));
      expect(sizes.length).toBeGreaterThan(0);
      const landscape = sizes.filter((s) => s.width > s.height);
      if (files[key].endsWith(".docx")) expect(landscape.length).toBeGreaterThan(0);
      else expect(landscape).toEqual([]);
      // The 附表 section comes last: no portrait page after the first landscape one.
      const body = sizes.slice(0, sizes.length - landscape.length);
      for (const s of body) {
        expect(Math.abs(s.width - A4.width)).toBeLessThan(1);
        expect(Math.abs(s.height - A4.height)).toBeLessThan(1);
      }
      for (const s of landscape) {
        expect(Math.abs(s.width - A4.height)).toBeLessThan(1);
        expect(Math.abs(s.height - A4.width)).toBeLessThan(1);
      }
    }
  });

  test("every file written passes the OOXML checks", () => {
    for (const file of Object.values(files)) expect(ooxmlProblems(file)).toBe("");
  });

  test("the project report renders with its own title", () => {
    const text = flat(pdf(files.projectDocx));
    expect(text).toContain(squash(project.title));
    expect(flat(pdf(files.projectSheet))).toContain(squash(project.title));
  });
});

run("report after LibreOffice recalculation", () => {
  const edited = path.join(dir, "edited.xlsx");
  const injected = path.join(dir, "injected.xlsx");
  let before: string;
  let expected: { finance: string; conclusion: string };
  let sheets: ReturnType<typeof recalculate>;

  beforeAll(async () => {
    const s = await buildReport(sampleData());
    before = computedSentences(reportOf(s.result))[0];
    // Edit 全年执行数 of the 公用经费 line in the output workbook, as a user would.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await written(s)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET.budget)!;
    let header = 0;
    ws.eachRow((row, r) => {
      if (!header && (row.values as unknown[]).includes(BUDGET_HEADERS.spent)) header = r;
    });
    const cols = ws.getRow(header).values as unknown[];
    const spentCol = cols.indexOf(BUDGET_HEADERS.spent);
    const itemCol = cols.indexOf(BUDGET_HEADERS.item);
    let edits = 0;
    ws.eachRow((row, r) => {
      if (r > header && row.getCell(itemCol).value === "公用经费") {
        row.getCell(spentCol).value = Number(row.getCell(spentCol).value) - 100;
        edits++;
      }
    });
    expect(edits).toBe(1);
    await wb.xlsx.writeFile(edited);
    // The engine's own sentences for the edited input: what the live formulas must now say.
    const data = sampleData();
    const line = data.budget.find((l) => l.item === "公用经费")!;
    line.spent = Number(line.spent) - 100;
    const e = reportOf((await buildReport(data)).result);
    const [finance, conclusion] = computedSentences(e);
    expected = { finance, conclusion };

    const inj = await buildReport(injectionData());
    fs.writeFileSync(injected, await written(inj));
    sheets = recalculate([edited, injected]);
  });

  test("editing 全年执行数 updates the （四） sentence and its execution rate", () => {
    const grid = sheets[0][SHEET.report];
    const shown = grid.flat().map((c) => c.replace(/^\u3000+/, ""));
    expect(expected.finance).not.toBe(before);
    expect(expected.finance).toMatch(/年度预算执行进度达\d+\.\d\d%。$/);
    expect(shown).toContain(expected.finance);
    expect(shown).toContain(expected.conclusion);
    expect(shown).not.toContain(before);
  });

  test("= + - @ paragraphs show as that text after recalculation", () => {
    const grid = sheets[1][SHEET.report];
    const cells = grid.flat();
    for (const s of INJECTIONS) expect(cells).toContain(FIRST_LINE_INDENT + s);
    expect(cells).not.toContain(FIRST_LINE_INDENT + "2");
    expect(cells).not.toContain("#NAME?");
  });
});
