/** The CLI as cli.md describes it: commands, exit codes, the JSON summary, files left alone. */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Summary } from "../../src/core/summary";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { INPUT_SHEETS, SHEET } from "../../src/core/contract";
import { planTemplate } from "../../src/core/engine";
import { buildInputSheets } from "../../src/core/sheets/inputSheets";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";
import { ooxmlProblems } from "../support/ooxml";
import { cli, tempDir, writeInputWorkbook } from "../support/workbooks";

const dir = tempDir("cli");
const sample = path.join(dir, "sample.xlsx");

beforeAll(async () => {
  await writeInputWorkbook(sample, SAMPLE_DATA);
});

test("template writes the four input sheets with headers and drop-downs", async () => {
  const out = path.join(dir, "template.xlsx");
  expect((await cli("template", "-o", out, "--type", "项目支出")).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...INPUT_SHEETS]);
  expect(wb.getWorksheet(SHEET.indicators)!.getRow(2).values).toEqual(expect.arrayContaining(["一级指标", "三级指标", "分值", "评分方法"]));
  expect(wb.getWorksheet(SHEET.basicInfo)!.getCell("B5").value).toBe("项目支出");
  // Profiles are named in Chinese in the sheet; their ids stay accepted.
  expect(wb.getWorksheet(SHEET.basicInfo)!.getCell("B6").value).toBe("项目支出（财预〔2020〕10号）");
  expect(wb.getWorksheet(SHEET.indicators)!.getCell("J3").dataValidation).toMatchObject({ type: "list" });
  // The template teaches: its example rows (the standard indicator tree) score as they stand, the
  // weights with the profile's 预算执行率 summing to 100.
  const run = await cli("score", out, "-o", path.join(dir, "t-out.xlsx"), "--json", "-");
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as Summary;
  expect(json).toMatchObject({ source: "template", type: "项目支出", profile: "mof-2020-project" });
  expect(json.score.max).toBe(100);
  expect(new Set(json.indicators.map((i) => i.level1))).toEqual(new Set(["产出指标", "效益指标", "满意度指标", "预算执行率"]));
});

test("every workbook the CLI writes passes the OOXML checks, its own outputs scored and reported again too", async () => {
  // Template and sample are written by the same SpreadsheetML writer as 评分结果: an output of one
  // run is the input of the next, with the writer's relationship ids and styles already in it.
  const files = ["template", "sample", "report", "score", "again"].map((n) => path.join(dir, `chain-${n}.xlsx`));
  const [template, input, report, score, again] = files;
  for (const args of [
    ["template", "-o", template],
    ["sample", "-o", input],
    ["report", input, "-o", report],
    ["score", report, "-o", score],
    ["report", score, "-o", again],
  ])
    expect((await cli(...args)).code).toBe(0);
  for (const file of files)
    expect({ file: path.basename(file), problems: ooxmlProblems(file) }).toEqual({ file: path.basename(file), problems: "" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(again);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...INPUT_SHEETS, SHEET.scores, SHEET.report, SHEET.appendix]);
});

test("the bundled sample in assets/ is what the generator builds", async () => {
  const bundled = await ExcelJsWorkbook.fromBuffer(fs.readFileSync(path.join(__dirname, "../../assets/sample.xlsx")));
  const built = ExcelJsWorkbook.empty();
  await built.apply({ sheets: buildInputSheets("部门整体支出", SAMPLE_DATA) });
  expect(await bundled.read(INPUT_SHEETS)).toEqual(await built.read(INPUT_SHEETS));
});

test("score --json - prints only the JSON summary on stdout, in cli.md's shape", async () => {
  const run = await cli("score", sample, "-o", path.join(dir, "s.xlsx"), "--json", "-");
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(Object.keys(json)).toEqual([
    "source",
    "unit",
    "year",
    "type",
    "profile",
    "budget",
    "spent",
    "executionRate",
    "score",
    "indicators",
    "warnings",
    "errors",
  ]);
  expect(json).toMatchObject({
    source: "template",
    unit: "中国共产党广州市直属机关工作委员会",
    year: 2023,
    type: "部门整体支出",
    profile: "dept-overall",
  });
  expect(json.indicators[0]).toEqual({
    row: 3,
    level1: "产出指标",
    level2: "数量指标",
    name: "组织各单位开展党建课题调研",
    method: "正向比例",
    weight: 5,
    score: 5,
    completion: 1,
  });
  expect(json.errors).toEqual([]);
});

test("the output keeps the input sheets and adds 评分结果 with formulas and cached values", async () => {
  const out = path.join(dir, "o.xlsx");
  await cli("score", sample, "-o", out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...INPUT_SHEETS, SHEET.scores]);
  const ws = wb.getWorksheet(SHEET.scores)!;
  const cells: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
  const label = (text: string) => cells.find((c) => c.value === text)!;
  const valueOf = (text: string) => ws.getCell(label(text).row, Number(label(text).col) + 1).value as ExcelJS.CellFormulaValue;
  expect(valueOf("自评得分")).toMatchObject({ formula: expect.stringMatching(/^ROUND\(SUM\(/), result: 96.9 });
  expect(valueOf("全年预算数")).toMatchObject({ formula: expect.stringMatching(/^SUM\(/), result: 3970.64 });
  // Numeric input cells are referenced, with quoted sheet names.
  expect(cells.some((c) => typeof c.formula === "string" && c.formula.includes("'绩效指标'!H3"))).toBe(true);
  expect(cells.some((c) => typeof c.formula === "string" && c.formula.includes("'预算执行'!D3"))).toBe(true);
  // The input sheets read back the same as before.
  const before = await (await ExcelJsWorkbook.fromBuffer(fs.readFileSync(sample))).read(INPUT_SHEETS);
  const after = await (await ExcelJsWorkbook.fromBuffer(fs.readFileSync(out))).read(INPUT_SHEETS);
  expect(after.sheets).toEqual(before.sheets);
});

test("report does not fail and adds 自评报告 and its 附表 after 评分结果", async () => {
  const out = path.join(dir, "r.xlsx");
  const run = await cli("report", sample, "-o", out);
  expect(run.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual([SHEET.scores, SHEET.report, SHEET.appendix]);
});

test("running twice replaces the add-in's sheets instead of adding more", async () => {
  const once = path.join(dir, "once.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  await cli("report", sample, "-o", once);
  expect((await cli("report", once, "-o", twice)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(twice);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...INPUT_SHEETS, SHEET.scores, SHEET.report, SHEET.appendix]);
});

test("warnings go to stderr with their cells, and the run still succeeds", async () => {
  const data = JSON.parse(JSON.stringify(SAMPLE_DATA));
  data.indicators[5].deviation = "";
  const input = path.join(dir, "warn.xlsx");
  await writeInputWorkbook(input, data);
  const run = await cli("score", input, "-o", path.join(dir, "warn-out.xlsx"), "--json", "-");
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/^绩效指标!M8: 警告：“举办市直机关党务干部培训班”未达到年度指标值（得分 2.5\/3）/m);
  // The JSON carries each problem typed beside its display strings (cli.md).
  const warning = (JSON.parse(run.stdout) as Summary).warnings.find((w) => w.cell === "绩效指标!M8");
  expect(warning).toEqual({
    cell: "绩效指标!M8",
    message: expect.stringContaining("未达到年度指标值"),
    ref: { sheet: "绩效指标", row: 8, col: 13 },
    code: "deviation.short",
    params: { name: "举办市直机关党务干部培训班", score: 2.5, weight: 3 },
    subject: "举办市直机关党务干部培训班",
    severity: "warning",
  });
});

test("--profile overrides the sheet's 评分规则", async () => {
  const run = await cli("score", sample, "-o", path.join(dir, "p.xlsx"), "--profile", "mof-2020-project", "--json", "-");
  // The sample's indicators weigh 100, so the project profile's extra 10 points are refused.
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/分值合计为 110/);
});

test("usage errors exit 2; the input file is never the output", async () => {
  expect((await cli("score", sample)).code).toBe(2);
  expect((await cli("score", sample, "-o", sample)).code).toBe(2);
  expect((await cli("frobnicate")).code).toBe(2);
  expect((await cli("--help")).code).toBe(0);
});

test("demo writes the scored workbook, the summary and prints the headline", async () => {
  const out = path.join(dir, "demo");
  const run = await cli("demo", "-o", out);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain("预算 3,970.64 万元，执行率 100%，自评得分 96.9/100，等级 优");
  expect(fs.existsSync(path.join(out, "sample-report.xlsx"))).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(out, "sample-summary.json"), "utf8")).score.total).toBe(96.9);
  // The official-form sample: three forms, rule beside filled scores, their report and appendix.
  const forms = JSON.parse(fs.readFileSync(path.join(out, "sample-form-summary.json"), "utf8")) as Summary;
  expect(forms.source).toBe("form");
  expect(forms.forms!.map((f) => f.sheet)).toEqual(["党建品牌", "公开14表", "Sheet3"]);
  expect(forms.forms!.reduce((s, f) => s + f.budget.total, 0)).toBeCloseTo(538.34, 6);
  expect(run.stderr).toContain("找到 3 张自评表");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, "sample-form-report.xlsx"));
  expect(wb.worksheets.map((w) => w.name)).toEqual(["党建品牌", "公开14表", "Sheet3", "评分结果", "自评报告", "自评报告附表"]);
  expect(fs.existsSync(path.join(out, "sample-form-report.docx"))).toBe(true);
});

test("--form picks the form to report, --scores filled states the department's own scores", async () => {
  const form = path.join(__dirname, "../../assets/sample-form.xlsx");
  const run = await cli("report", form, "-o", path.join(dir, "f.xlsx"), "--form", "公开14表", "--scores", "filled", "--json", "-");
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as Summary;
  expect(json).toMatchObject({ source: "form", sheet: "公开14表", reportedScores: "filled" });
  expect(json.score.total).toBe(json.forms![1].score.filled);
  const bad = await cli("report", form, "-o", path.join(dir, "g.xlsx"), "--scores", "mine");
  expect(bad.code).toBe(2);
  expect(bad.stderr.split("\n")[0]).toContain("--scores");
  const none = await cli("report", form, "-o", path.join(dir, "h.xlsx"), "--form", "Sheet9");
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("有自评表的工作表：“党建品牌”、“公开14表”、“Sheet3”");
});

test("插入模板 plans only the missing input sheets, never replacing the user's", async () => {
  const wb = ExcelJsWorkbook.empty();
  await wb.apply({ sheets: buildInputSheets("部门整体支出", SAMPLE_DATA).slice(0, 2) });
  const { plan, created, existing } = planTemplate(await wb.read(INPUT_SHEETS), "部门整体支出");
  expect(existing).toEqual([SHEET.basicInfo, SHEET.budget]);
  expect(created).toEqual([SHEET.indicators, SHEET.texts]);
  expect(plan.sheets.map((s) => s.name)).toEqual(created);
});

test("score refreshes an existing 自评报告, whose formulas read 评分结果", async () => {
  const reported = path.join(dir, "reported.xlsx");
  const rescored = path.join(dir, "rescored.xlsx");
  await cli("report", sample, "-o", reported);
  const edit = new ExcelJS.Workbook();
  await edit.xlsx.readFile(reported);
  edit.getWorksheet(SHEET.budget)!.getCell("E4").value = 400.78; // 公用经费 spent 50 万元 less
  await edit.xlsx.writeFile(reported);
  expect((await cli("score", reported, "-o", rescored)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(rescored);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...INPUT_SHEETS, SHEET.scores, SHEET.report, SHEET.appendix]);
  const cached: string[] = [];
  wb.getWorksheet(SHEET.report)!.eachRow((row) =>
    row.eachCell((c) => cached.push(String((c.value as ExcelJS.CellFormulaValue)?.result ?? c.value))),
  );
  expect(cached.join("")).toContain("全年实际支出数3,920.64万元，其中：基本支出3,382.3万元");
});
