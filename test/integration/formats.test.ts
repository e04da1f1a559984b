/**
 * Every format a form arrives in (issue 18): the sample's three forms as .xlsx, .xlsm, .xls, WPS .et,
 * a Word .docx in the national form's layout and a Word 97 .doc each score to the same figures and
 * the same checks as the .xlsx (a document names its places 表格N 第R行第C列); hostile files (a
 * truncated .xls, encrypted workbooks, a .docx without tables, a renamed text file) each exit 2 with
 * one clear line and write nothing; a review of a mixed folder lists every form once and every
 * unreadable file as one 错误 row.
 */
import * as fs from "fs";
import * as path from "path";
import type { Summary } from "../../src/core/summary";
import { ALL_SHEETS } from "../../src/port/workbook";
import { openInput } from "../../src/adapters/formats/inputFile";
import { problemsIn } from "../../src/core/places";
import { cellRef, placeName, warningIssue } from "../../src/core/problems";
import { SAMPLE_FORM_SHEETS } from "../../src/sample/forms/sampleForms";
import { buildFormWorkbook } from "../../src/sample/forms/build";
import { buildWordForms } from "../fixtures/forms/wordForms";
import { cli, tempDir } from "../support/workbooks";
import { ooxmlProblems } from "../support/ooxml";
import { convert, recalculate } from "../support/libreoffice";
import { type FormatFixtures, type HostileFiles, writeFormatFixtures, writeHostileFiles } from "../support/formatFixtures";

const dir = tempDir("formats");
let fixtures: FormatFixtures;
let hostile: HostileFiles;
let reference: Summary;

/** What must not depend on the format: every form's figures, the reported form's rows, the checks' messages. */
function figures(s: Summary) {
  // Places (sheet names, cells) differ by format: a document's sheets are its tables.
  const withoutPlaces = <T>(x: T): T =>
    JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === "sheet" || /[cC]ell$/.test(k) ? undefined : v)));
  return {
    forms: withoutPlaces(s.forms),
    indicators: s.indicators.map((i) => ({ name: i.name, method: i.method, weight: i.weight, score: i.score, completion: i.completion })),
    score: s.score,
    budget: s.budget,
    spent: s.spent,
    warnings: s.warnings.map((w) => w.message),
  };
}

async function scoreJson(file: string, out: string) {
  const run = await cli("score", file, "-o", out, "--json", "-");
  return { ...run, summary: run.code === 0 ? (JSON.parse(run.stdout) as Summary) : undefined };
}

beforeAll(async () => {
  fixtures = await writeFormatFixtures(path.join(dir, "fixtures"));
  hostile = await writeHostileFiles(path.join(dir, "hostile"), fixtures.xls);
  reference = (await scoreJson(fixtures.xlsx, path.join(dir, "xlsx-out.xlsx"))).summary!;
}, 180_000);

test("the reference: the .xlsx sample scores its three forms", () => {
  expect(reference.forms?.map((f) => [f.project, f.score.total, f.score.filled])).toEqual([
    ["市直机关党建品牌建设项目", 98.33, 100],
    ["机关作风建设（基层评议机关）", 99.67, 99.76],
    ["《作风建设在路上》电视问政", 98, 98],
  ]);
});

test.each(["xlsm", "xls", "et", "docx", "doc"] as const)(
  "a .%s of the sample scores to the .xlsx's figures; the output is a valid .xlsx",
  async (format) => {
    const out = path.join(dir, `${format}-out.xlsx`);
    const run = await scoreJson(fixtures[format], out);
    expect(run.code).toBe(0);
    expect(figures(run.summary!)).toEqual(figures(reference));
    // Said once: what came in, and that what went out is an .xlsx.
    expect(run.stderr.match(/结果写为 \.xlsx 工作簿/g)).toHaveLength(1);
    expect(ooxmlProblems(out)).toBe("");
    // The output holds the input's sheets beside 评分结果, its formulas over them.
    const again = await scoreJson(out, path.join(dir, `${format}-again.xlsx`));
    expect(figures(again.summary!)).toEqual(figures(reference));
  },
);

test("LibreOffice recalculates every format's 评分结果 to the .xlsx's: its formulas read the converted sheets", () => {
  const formats = ["xlsx", "xlsm", "xls", "et", "docx", "doc"];
  const grids = recalculate(formats.map((f) => path.join(dir, `${f}-out.xlsx`))).map((sheets) => sheets["评分结果"]);
  // A document's tables take the place of the workbook's sheets, at the same rows and columns; the
  // 说明 notes on numbers read from text (all of a Word table's) are left out of the comparison.
  const asWorkbook = (grid: string[][]) =>
    JSON.stringify(grid)
      .replace(/；?[^；"“”]*由文本“[^”]*”解析/g, "")
      .replace(/表格1/g, "党建品牌")
      .replace(/表格2/g, "公开14表")
      .replace(/表格3/g, "Sheet3");
  expect(grids[0].length).toBeGreaterThan(30);
  for (const [i, grid] of grids.entries()) expect([formats[i], asWorkbook(grid)]).toEqual([formats[i], asWorkbook(grids[0])]);
}, 180_000);

test("an -o named for another format is written as .xlsx, said once", async () => {
  const run = await cli("report", fixtures.xls, "-o", path.join(dir, "报告.xls"));
  expect(run.code).toBe(0);
  expect(run.stderr.split("\n")[0]).toBe(`提示：输入是Excel 97-2003 工作簿（.xls），结果写为 .xlsx 工作簿：${path.join(dir, "报告.xlsx")}`);
  expect(fs.existsSync(path.join(dir, "报告.xls"))).toBe(false);
  expect(ooxmlProblems(path.join(dir, "报告.xlsx"))).toBe("");
});

test("a Word form's checks name the table, row and column", async () => {
  const run = await scoreJson(fixtures.docx, path.join(dir, "docx-places.xlsx"));
  const cells = run.summary!.warnings.map((w) => w.cell);
  // 党建品牌!H15 in the workbook: the table starts at row 3 of the sheet (title and year are paragraphs above it).
  expect(cells).toContain("表格1 第13行第8列");
  expect(cells).toContain("表格2 第17行第10列");
  expect(run.stderr).toMatch(/^表格1 第13行第8列: 警告：“举办党务干部培训班”填报得分 10/m);
  expect(run.summary!.forms!.map((f) => f.sheet)).toEqual(["表格1", "表格2", "表格3"]);
  // In the fund block 年度资金总额 spans two grid columns: the execution 得分 (grid column 9) is the row's 8th cell.
  const snapshot = await (await openInput(fs.readFileSync(fixtures.docx), fixtures.docx)).read(ALL_SHEETS);
  const [told] = problemsIn(snapshot, [warningIssue(cellRef("表格1", 6, 9), "filled.totalDiffers", { total: 1, sum: "2" })]);
  expect(placeName(told)).toBe("表格1 第4行第8列");
});

test.each([
  ["a truncated .xls", "truncatedXls", /损坏或不完整/],
  ["an encrypted .xlsx", "encryptedXlsx", /设有打开密码（已加密）/],
  ["an encrypted .xls", "encryptedXls", /设有打开密码（已加密）/],
  ["a .docx without tables", "docxWithoutTables", /Word 文档中没有表格/],
  ["a text file renamed .xlsx", "renamedText", /不是有效的 Excel 工作簿或 Word 文档（内容是纯文本）/],
] as const)("%s: exit 2, one line naming the file, nothing written", async (_, key, message) => {
  const file = hostile[key];
  const out = path.join(dir, `hostile-${key}.xlsx`);
  const run = await cli("score", file, "-o", out);
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${path.basename(file).replace(".", "\\.")}: `));
  expect(lines[0]).toMatch(message);
  expect(fs.existsSync(out)).toBe(false);
});

test("a .doc without LibreOffice: one line saying to save it as .docx", async () => {
  const before = process.env.SOFFICE;
  process.env.SOFFICE = path.join(dir, "no-such-soffice");
  try {
    const run = await cli("score", fixtures.doc, "-o", path.join(dir, "doc-no-lo.xlsx"));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^sample-form\.doc: Word 97-2003 文档（\.doc）需要 LibreOffice 才能读取，本机未安装：请在 Word 或 WPS 中打开后另存为 \.docx/,
    );
  } finally {
    if (before === undefined) delete process.env.SOFFICE;
    else process.env.SOFFICE = before;
  }
});

test("a review of a mixed folder (every format, several departments) lists every form once and each unreadable file as one 错误 row", async () => {
  const folder = path.join(dir, "inbox");
  const depts = ["广州市财政局", "广州市教育局", "广州市民政局", "广州市卫生健康委员会", "广州市交通运输局"];
  // The sample's forms filled by each department (its name in 主管部门 and 实施单位).
  const sheetsOf = (dept: string) => JSON.parse(JSON.stringify(SAMPLE_FORM_SHEETS).split("中国共产党广州市直属机关工作委员会").join(dept));
  const xlsxOf = async (dept: string, file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await buildFormWorkbook(sheetsOf(dept)).xlsx.writeFile(file);
  };
  const scratch = path.join(dir, "inbox-scratch");
  await xlsxOf(depts[0], path.join(folder, depts[0], "自评表.xlsx"));
  await xlsxOf(depts[1], path.join(scratch, "dept1.xlsx"));
  await xlsxOf(depts[2], path.join(scratch, "dept2.xlsx"));
  await xlsxOf(depts[4], path.join(scratch, "dept4.xlsx"));
  convert([path.join(scratch, "dept1.xlsx"), path.join(scratch, "dept2.xlsx")], "xls:MS Excel 97", scratch);
  convert([path.join(scratch, "dept4.xlsx")], "xlsm:Calc MS Excel 2007 VBA XML", scratch);
  const put = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  };
  put(path.join(scratch, "dept1.xls"), path.join(folder, depts[1], "自评表.xls"));
  put(path.join(scratch, "dept2.xls"), path.join(folder, depts[2], "自评表.et"));
  put(path.join(scratch, "dept4.xlsm"), path.join(folder, depts[4], "自评表.xlsm"));
  fs.mkdirSync(path.join(folder, depts[3]), { recursive: true });
  fs.writeFileSync(path.join(folder, depts[3], "自评表.docx"), await buildWordForms(sheetsOf(depts[3])));
  put(fixtures.doc, path.join(folder, depts[3], "附件.doc"));
  for (const file of Object.values(hostile)) put(file, path.join(folder, "退回", path.basename(file)));
  fs.writeFileSync(path.join(folder, "说明.txt"), "not a form: a review leaves it alone");

  const run = await cli("review", folder, "-o", path.join(dir, "inbox-summary.xlsx"), "--json", "-");
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as {
    files: Array<{ file: string; summary: Summary | null; errors?: Array<{ cell: string; message: string }> }>;
    issues: Array<{ file: string; severity: string; message: string }>;
  };
  const name = (f: string) => path.relative(folder, f).split(path.sep).join("/");
  const good = json.files.filter((f) => f.summary);
  expect(good.map((f) => name(f.file)).sort()).toEqual(
    [
      `${depts[0]}/自评表.xlsx`,
      `${depts[1]}/自评表.xls`,
      `${depts[2]}/自评表.et`,
      `${depts[3]}/自评表.docx`,
      `${depts[3]}/附件.doc`,
      `${depts[4]}/自评表.xlsm`,
    ].sort(),
  );
  // Every form once, with its department and the reference figures.
  for (const f of good) {
    expect(f.summary!.forms!.map((x) => [x.project, x.score.total, x.score.filled])).toEqual(
      reference.forms!.map((x) => [x.project, x.score.total, x.score.filled]),
    );
  }
  expect(good.map((f) => f.summary!.forms![0].unit).sort()).toEqual([...depts, "中国共产党广州市直属机关工作委员会"].sort());
  // Each hostile file: one 错误 row, nothing else.
  for (const file of Object.values(hostile)) {
    const rows = json.issues.filter((i) => name(i.file) === `退回/${path.basename(file)}`);
    expect(rows).toEqual([expect.objectContaining({ severity: "错误" })]);
  }
  expect(json.files.some((f) => f.file.endsWith("说明.txt"))).toBe(false);
}, 180_000);
