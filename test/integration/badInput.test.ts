/**
 * The bad-input catalogue: each malformed workbook makes `jixiao score` exit 2 with Chinese
 * messages in the `<sheet>!<cell>: message` form, creates no output file, and leaves the input
 * file's bytes as they were.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { refName } from "../../src/core/problems";
import type { InputData } from "../../src/core/sheets/inputSheets";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";
import { cli, tempDir, writeInputWorkbook } from "../support/workbooks";

const dir = tempDir("bad");

type Change =
  | ((d: InputData) => void)
  | { raw: (wb: ExcelJS.Workbook) => void }
  | { bytes: Buffer }
  /** A change to the bundled official-form sample (assets/sample-form.xlsx). */
  | { form: (wb: ExcelJS.Workbook) => void };

const SAMPLE_FORM = path.join(__dirname, "../../assets/sample-form.xlsx");

const clone = (): InputData => JSON.parse(JSON.stringify(SAMPLE_DATA)) as InputData;
const first = (d: InputData) => d.indicators[0];
const qualitative = (d: InputData) => d.indicators.find((i) => i.nature === "定性")!;
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

/** Each case: a name, a change to the sample, and the cell and words the first message must hold. */
const CASES: Array<[string, Change, string, RegExp]> = [
  ["missing sheet 基本信息", { raw: (wb) => wb.removeWorksheet(sheet(wb, "基本信息").id) }, "基本信息!A1", /缺少工作表/],
  ["missing sheet 预算执行", { raw: (wb) => wb.removeWorksheet(sheet(wb, "预算执行").id) }, "预算执行!A1", /缺少工作表/],
  ["missing sheet 绩效指标", { raw: (wb) => wb.removeWorksheet(sheet(wb, "绩效指标").id) }, "绩效指标!A1", /缺少工作表/],
  ["missing header 分值", { raw: (wb) => (sheet(wb, "绩效指标").getCell("I2").value = "权重") }, "绩效指标!A1", /找不到表头行.*分值/],
  [
    "missing header 全年执行数",
    { raw: (wb) => (sheet(wb, "预算执行").getCell("E2").value = "执行") },
    "预算执行!A1",
    /找不到表头行.*全年执行数/,
  ],
  ["missing header 内容 in 基本信息", { raw: (wb) => (sheet(wb, "基本信息").getCell("B2").value = "值") }, "基本信息!A1", /找不到表头行/],
  ["duplicate header 分值", { raw: (wb) => (sheet(wb, "绩效指标").getCell("N2").value = "分值") }, "绩效指标!N2", /重复/],
  ["non-number 分值", (d) => (first(d).weight = "abc"), "绩效指标!I3", /分值应为大于 0 的数字/],
  ["zero 分值", (d) => (first(d).weight = 0), "绩效指标!I3", /分值应大于 0/],
  ["negative 分值", (d) => (first(d).weight = -5), "绩效指标!I3", /分值应大于 0/],
  ["negative budget", (d) => (d.budget[0].budget = -100), "预算执行!D3", /不能为负数/],
  ["negative spending typed as text", (d) => (d.budget[1].spent = "-1,000"), "预算执行!E4", /不能为负数/],
  ["budget in words", (d) => (d.budget[0].budget = "十万"), "预算执行!D3", /全年预算数应为金额/],
  ["budget blank", (d) => (d.budget[2].budget = null), "预算执行!D5", /不能为空/],
  ["budget as a percent", (d) => (d.budget[2].budget = "95%"), "预算执行!D5", /不能是百分数/],
  ["unknown 支出类别", (d) => (d.budget[0].category = "其他支出"), "预算执行!A3", /支出类别应为/],
  ["项目支出 without 项目名称", (d) => (d.budget[2].item = ""), "预算执行!B5", /项目名称/],
  ["empty budget table", (d) => (d.budget = []), "预算执行!A3", /没有数据行/],
  ["zero target under 正向比例", (d) => (first(d).target = 0), "绩效指标!F3", /须为正数/],
  ["zero target under 反向比例", (d) => (d.indicators[12].target = 0), "绩效指标!F15", /须为正数/],
  [
    "target in words under 正向比例",
    (d) => Object.assign(first(d), { target: "很多", method: "正向比例" }),
    "绩效指标!F3",
    /年度指标值应为数字/,
  ],
  ["target in words, no method: read as 定性", (d) => (first(d).target = "很多"), "绩效指标!K3", /“很多”不是可计分的数字.*须填写完成情况/],
  ["actual in words under 正向比例", (d) => (first(d).actual = "较好"), "绩效指标!H3", /实际完成值应为数字/],
  ["actual blank", (d) => (first(d).actual = null), "绩效指标!H3", /实际完成值应为数字/],
  ["weights summing to 95", (d) => (first(d).weight = 0.01), "绩效指标!I2", /分值合计为 95.01/],
  [
    "项目支出 profile with indicator weights of 100",
    (d) => Object.assign(d.basicInfo, { type: "项目支出", profile: undefined }),
    "绩效指标!I2",
    /分值合计为 110（含评分规则自动添加的预算执行率 10 分）/,
  ],
  ["定性 score outside its tier", (d) => (qualitative(d).selfScore = 9), "绩效指标!L18", /\[6, 8\)/],
  ["定性 部分达成 without a score", (d) => (qualitative(d).selfScore = null), "绩效指标!L18", /须填写自评得分/],
  ["定性 without 完成情况", (d) => (qualitative(d).tier = null), "绩效指标!K18", /须填写完成情况/],
  ["unknown 完成情况", (d) => (qualitative(d).tier = "完成"), "绩效指标!K18", /完成情况应为/],
  ["unknown method", (d) => (first(d).method = "加权平均"), "绩效指标!J3", /未知的评分方法“加权平均”/],
  ["unknown profile", (d) => (d.basicInfo.profile = "guangdong-2024"), "基本信息!B6", /未知的评分规则“guangdong-2024”/],
  ["year in Chinese numerals", (d) => (d.basicInfo.year = "二〇二三"), "基本信息!B4", /四位年份/],
  ["two-digit year", (d) => (d.basicInfo.year = 23), "基本信息!B4", /四位年份/],
  ["empty 单位名称", (d) => (d.basicInfo.unitName = ""), "基本信息!B3", /单位名称不能为空/],
  ["unknown 评价类型", (d) => (d.basicInfo.type = "专项资金"), "基本信息!B5", /评价类型应为/],
  ["unknown 金额单位", (d) => (d.basicInfo.amountUnit = "千元"), "基本信息!B7", /金额单位应为/],
  ["empty indicator table", (d) => (d.indicators = []), "绩效指标!C3", /没有指标行/],
  ["indicator without a name", (d) => (first(d).name = ""), "绩效指标!C3", /三级指标名称不能为空/],
  ["unknown 指标性质", (d) => (first(d).nature = "半定量"), "绩效指标!D3", /指标性质应为/],
  ["unknown 指标方向", (d) => (first(d).direction = "越多越好"), "绩效指标!E3", /指标方向应为/],
  ["直接评分 over the weight", (d) => Object.assign(first(d), { method: "直接评分", selfScore: 6 }), "绩效指标!L3", /超过分值/],
  ["扣分 without a deduction", (d) => Object.assign(first(d), { method: "扣分", selfScore: null }), "绩效指标!L3", /须填写自评得分/],
  ["自评得分 in words", (d) => (first(d).selfScore = "九分"), "绩效指标!L3", /自评得分应为数字/],
  ["unknown 文字材料 栏目", (d) => (d.texts = [["工作亮点", "……"]]), "文字材料!A3", /未知的栏目“工作亮点”/],
  // Official forms (forms.md): the form's own cells are named.
  [
    "form: fund block without 全年执行数",
    { form: (wb) => (sheet(wb, "党建品牌").getCell("F5").value = "支出明细") },
    "党建品牌!A5",
    /缺少“全年执行数”列/,
  ],
  // forms.md: a form with neither 分值 nor 得分, or with no year, is read with a warning (forms.test.ts).
  [
    "form: 执行率 an error value",
    { form: (wb) => (sheet(wb, "党建品牌").getCell("H6").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue) },
    "党建品牌!H6",
    /执行率应为数字，现为错误值 #DIV\/0!/,
  ],
  [
    "form: a date as the actual of a quantitative target",
    {
      form: (wb) => {
        const cell = sheet(wb, "党建品牌").getCell("F13");
        cell.value = new Date(Date.UTC(2023, 0, 1));
        cell.style = { ...cell.style, numFmt: "yyyy-mm-dd" };
      },
    },
    "党建品牌!F13",
    /实际完成值应为数字.*日期 2023-01-01/,
  ],
  ["form: 分值 in words", { form: (wb) => (sheet(wb, "党建品牌").getCell("G13").value = "十分") }, "党建品牌!G13", /分值应为大于 0 的数字/],
  ["form: 得分 in words", { form: (wb) => (sheet(wb, "党建品牌").getCell("H13").value = "满分") }, "党建品牌!H13", /得分应为数字/],
  [
    "form: 全年预算数 of 年度资金总额 blank",
    { form: (wb) => (sheet(wb, "党建品牌").getCell("E6").value = null) },
    "党建品牌!E6",
    /全年预算数不能为空/,
  ],
  [
    "form: 全年执行数 in words",
    { form: (wb) => (sheet(wb, "党建品牌").getCell("F6").value = "全部执行") },
    "党建品牌!F6",
    /全年执行数应为金额/,
  ],
  ["form: negative actual", { form: (wb) => (sheet(wb, "党建品牌").getCell("F13").value = -5) }, "党建品牌!F13", /不能为负数/],
  [
    "form: 定性 not achieved and no 得分",
    {
      form: (wb) => {
        sheet(wb, "党建品牌").getCell("F13").value = "未完成";
        sheet(wb, "党建品牌").getCell("H13").value = null;
      },
    },
    "党建品牌!H13",
    /须填写得分/,
  ],
  ["not an xlsx file", { bytes: Buffer.from("单位名称,年度\n某局,2023\n") }, "input.xlsx", /不是有效的 Excel 工作簿/],
  ["an empty file", { bytes: Buffer.alloc(0) }, "input.xlsx", /不是有效的 Excel 工作簿/],
];

const sha = (buf: Buffer) => crypto.createHash("sha256").update(buf).digest("hex");
const LINE = /^(基本信息|预算执行|绩效指标|文字材料|党建品牌|公开14表|Sheet3)!\$?[A-Z]+\$?\d+: .*\p{Script=Han}/u;

test(`the catalogue has at least 30 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(30));

const TABLE = CASES.map(([name, change, cell, words]) => ({ name, change, cell, words }));

test.each(TABLE)("$name → exit 2 at $cell", async ({ change, cell, words }) => {
  const caseDir = fs.mkdtempSync(path.join(dir, "case-"));
  const input = path.join(caseDir, "input.xlsx");
  const output = path.join(caseDir, "out.xlsx");
  const json = path.join(caseDir, "out.json");
  if (typeof change === "function") {
    const data = clone();
    change(data);
    await writeInputWorkbook(input, data);
  } else if ("raw" in change) {
    await writeInputWorkbook(input, clone());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    change.raw(wb);
    await wb.xlsx.writeFile(input);
  } else if ("form" in change) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE_FORM);
    change.form(wb);
    await wb.xlsx.writeFile(input);
  } else fs.writeFileSync(input, change.bytes);
  const before = sha(fs.readFileSync(input));

  // The sample workbook holds several forms: one that cannot be read fails the run when it is the one asked for.
  const asked = typeof change === "object" && "form" in change ? ["--form", "党建品牌"] : [];
  const run = await cli("score", input, "-o", output, "--json", json, ...asked);

  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split("\n");
  expect(lines[0]).toMatch(new RegExp(`^${cell.replace(/[$!.]/g, "\\$&")}: `));
  expect(lines[0]).toMatch(words);
  if (!cell.endsWith(".xlsx")) for (const line of lines) expect(line).toMatch(LINE);
  expect(fs.existsSync(output)).toBe(false);
  expect(fs.readdirSync(caseDir).filter((f) => f.startsWith("out.xlsx"))).toEqual([]);
  const error = JSON.parse(fs.readFileSync(json, "utf8")).errors[0];
  expect(error.cell).toBe(cell);
  // Beside the display strings, the typed problem: its ref is the same cell (null for the file itself).
  if (cell.endsWith(".xlsx")) expect(error.ref).toBeNull();
  else expect(refName(error.ref)).toBe(cell);
  expect(error).toMatchObject({ code: expect.stringMatching(/^[a-z]+\.[a-zA-Z]+$/), params: expect.any(Object), severity: "error" });
  expect(sha(fs.readFileSync(input))).toBe(before);
});

test("an existing output file is left as it was when the input is bad", async () => {
  const input = path.join(dir, "bad-existing.xlsx");
  const output = path.join(dir, "existing-out.xlsx");
  const data = clone();
  first(data).weight = "abc";
  await writeInputWorkbook(input, data);
  fs.writeFileSync(output, "previous result");
  expect((await cli("score", input, "-o", output)).code).toBe(2);
  expect(fs.readFileSync(output, "utf8")).toBe("previous result");
});
