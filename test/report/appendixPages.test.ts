/**
 * The .docx report's 附表 as the officer prints it (issue 18): LibreOffice renders the landscape
 * section and the pages are read back one by one (pdftotext per page). The sample form's appendix
 * is one page; a 30-indicator form's two, the indicator header row on both; a 40-indicator form,
 * whose rows end exactly at a page foot, carries its last indicator row over with 总分 rather than
 * leaving 总分 alone on a page. PNG pages are kept in test-output/appendix/.
 */
import * as fs from "fs";
import * as path from "path";
import { writeReviewBatch } from "../fixtures/reviewBatch";
import { convert, libreOfficeAvailable, pdfPageSizes, pdfText, renderPng } from "../support/libreoffice";
import { cli, tempDir } from "../support/workbooks";

const ROOT = path.join(__dirname, "../..");
const OUT = path.join(ROOT, "test-output/appendix");
const dir = tempDir("appendix-pages");
/** The generated forms' indicator names (test/fixtures/reviewBatch.ts). */
const INDICATOR_ROW = /完成工作量|质量合格率|项目成本控制|社会效益\s*\d|服务对象满意度/;
const HEADER = /一级指标\s+二级指标\s+三级指标\s+年度指标值\s+实际完成值\s+分值\s+得分/;

/** The appendix's pages (the landscape ones) as text, one entry per page. */
const appendixPages: Record<string, string[]> = {};

async function reportDocx(input: string, name: string): Promise<string> {
  const docx = path.join(dir, `${name}.docx`);
  const run = await cli("report", input, "-o", path.join(dir, `${name}.xlsx`), "--docx", docx);
  expect(run.code).toBe(0);
  return docx;
}

/** A one-form workbook of `n` indicators (no slips), generated. */
async function generatedForm(n: number): Promise<string> {
  const batch = path.join(dir, `form-${n}`);
  const manifest = await writeReviewBatch(batch, {
    count: 1,
    seed: 5,
    templateEvery: 0,
    maxForms: 1,
    indicators: [n, n],
    broken: false,
    slipRate: 0,
  });
  return path.join(batch, manifest.files[0]);
}

const lo = libreOfficeAvailable() ? describe : describe.skip;

lo("the 附表 on rendered pages", () => {
  beforeAll(async () => {
    const docs = {
      sample: await reportDocx(path.join(ROOT, "assets/sample-form.xlsx"), "sample"),
      thirty: await reportDocx(await generatedForm(30), "thirty"),
      forty: await reportDocx(await generatedForm(40), "forty"),
    };
    fs.rmSync(OUT, { recursive: true, force: true });
    convert(Object.values(docs), "pdf", OUT);
    for (const name of Object.keys(docs)) {
      const pdf = path.join(OUT, `${name}.pdf`);
      const sizes = pdfPageSizes(pdf);
      appendixPages[name] = sizes.flatMap((s, i) => (s.width > s.height ? [pdfText(pdf, "layout", i + 1)] : []));
      renderPng(pdf, path.join(OUT, name), 50);
    }
  }, 300_000);

  test("the sample form's appendix is one landscape page: title, fund block, every indicator and 总分", () => {
    const [page, ...more] = appendixPages.sample;
    expect(more).toEqual([]);
    const flat = page.replace(/\s+/g, "");
    for (const text of ["项目支出绩效自评表", "年度资金总额", "年度总体目标", "举办党务干部培训班", "参训学员满意度", "总分"])
      expect(flat).toContain(text);
    expect(page).toMatch(HEADER);
  });

  test("a 30-indicator form's appendix is two pages, the header row on both, 总分 on the second", () => {
    const pages = appendixPages.thirty;
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page).toMatch(HEADER);
    expect(pages[0]).toContain("年度资金总额");
    expect(pages[0]).not.toMatch(/总\s*分/);
    expect(pages[1]).toMatch(/总\s*分/);
    // Every indicator is printed once across the two pages.
    const rows = pages.join("\n").match(new RegExp(INDICATOR_ROW.source, "g")) ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  test("no page holds 总分 alone: the page with 总分 also holds an indicator row", () => {
    for (const name of ["thirty", "forty"]) {
      const pages = appendixPages[name];
      const last = pages[pages.length - 1];
      expect([name, /总\s*分/.test(last), INDICATOR_ROW.test(last)]).toEqual([name, true, true]);
    }
  });
});
