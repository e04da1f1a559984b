/**
 * Messy and hostile workbooks (issue 8), each built by code: values exceljs cannot write (NaN,
 * 1e309, a formula without its result), error values, dates where numbers belong, text that is
 * almost a number, formulas that cannot recalculate, a stray value at XFD1048576, blank formatted
 * rows, near-namesake sheets, and CLI option problems. Every run: exit 0 or 2 with the expected
 * one-line message, nothing written on failure, the input's bytes unchanged.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { InputData } from "../../src/core/sheets/inputSheets";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";
import { cli, tempDir, writeInputWorkbook } from "../support/workbooks";
import { XlsxEdit, blankFormattedRows, inlineText } from "../support/xlsxEdit";

const dir = tempDir("hostile");
const clone = (): InputData => JSON.parse(JSON.stringify(SAMPLE_DATA)) as InputData;
const sha = (buf: Buffer) => crypto.createHash("sha256").update(buf).digest("hex");
/** One problem per line: `sheet!A1: message`, the row a real one. */
const LINE = /^(警告：)?[^!\n]+!\$?[A-Z]{1,3}\$?(\d{1,7}): \S.*$/;

async function inputBytes(data: InputData = clone()): Promise<Buffer> {
  const file = path.join(fs.mkdtempSync(path.join(dir, "src-")), "in.xlsx");
  await writeInputWorkbook(file, data);
  return fs.readFileSync(file);
}

async function edited(edit: (x: XlsxEdit) => Promise<unknown>, data?: InputData): Promise<Buffer> {
  const x = await XlsxEdit.open(await inputBytes(data));
  await edit(x);
  return x.toBuffer();
}

async function exceljsEdited(edit: (wb: ExcelJS.Workbook) => void, data?: InputData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await inputBytes(data)) as unknown as ArrayBuffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Run {
  code: number;
  lines: string[];
  json?: { errors?: Array<{ cell: string; message: string }>; score?: { total: number } };
  output: string;
  ms: number;
}

async function score(input: Buffer, ...extra: string[]): Promise<Run> {
  const caseDir = fs.mkdtempSync(path.join(dir, "case-"));
  const file = path.join(caseDir, "in.xlsx");
  const output = path.join(caseDir, "out.xlsx");
  const json = path.join(caseDir, "out.json");
  fs.writeFileSync(file, input);
  const t = Date.now();
  const run = await cli("score", file, "-o", output, "--json", json, ...extra);
  const ms = Date.now() - t;
  const lines = run.stderr.split("\n").filter(Boolean);
  expect([0, 2]).toContain(run.code);
  for (const line of lines) expect(line).toMatch(LINE);
  for (const line of lines) expect(Number(LINE.exec(line)![2])).toBeLessThanOrEqual(1048576);
  expect(sha(fs.readFileSync(file))).toBe(sha(input));
  if (run.code !== 0) expect(fs.readdirSync(caseDir).filter((f) => f.startsWith("out.xlsx"))).toEqual([]);
  return { code: run.code, lines, json: fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : undefined, output, ms };
}

/** The first error's cell and message. */
async function expectError(input: Buffer, cell: string, words: RegExp): Promise<Run> {
  const run = await score(input);
  expect(run.code).toBe(2);
  expect(run.lines[0]).toMatch(new RegExp(`^${cell.replace(/[$!.]/g, "\\$&")}: `));
  expect(run.lines[0]).toMatch(words);
  return run;
}

describe("numbers are read faithfully or not at all", () => {
  test.each([
    ["1e309 in a number cell", "预算执行", "D3", "<v>1e309</v>", "", /全年预算数应为金额，现为超出可计算范围的数值（Infinity）/],
    ["NaN in a number cell", "预算执行", "E4", "<v>NaN</v>", "", /现为无效的数值（NaN）/],
    ["a 400-digit number", "绩效指标", "H3", `<v>${"9".repeat(400)}</v>`, "", /实际完成值应为数字.*超出可计算范围/],
    ["a 400-digit number typed as text", "绩效指标", "H3", inlineText("1".repeat(400)), 't="inlineStr"', /超出可计算范围的数值 “1{40}…”/],
    ["a formula without its cached value", "绩效指标", "H3", "<f>190*1</f>", "", /现为没有计算结果的公式/],
    ["a formula whose value is an error", "绩效指标", "H3", "<f>1/0</f><v>#DIV/0!</v>", 't="e"', /现为错误值 #DIV\/0!/],
    ["an error value typed in 分值", "绩效指标", "I3", "<v>#N/A</v>", 't="e"', /分值应为大于 0 的数字，现为错误值 #N\/A/],
    ["an error value in 年度指标值", "绩效指标", "F3", "<v>#VALUE!</v>", 't="e"', /年度指标值不能读作数字，现为错误值 #VALUE!/],
    ["a formula into a missing sheet", "绩效指标", "H3", "<f>缺失表!A1</f><v>190</v>", "", /引用了不存在的工作表“缺失表”/],
    ["a formula into another workbook", "绩效指标", "H3", "<f>[1]Sheet1!A1</f><v>190</v>", "", /引用了其他工作簿/],
    ["a circular formula", "绩效指标", "H3", "<f>H3+1</f><v>190</v>", "", /循环引用/],
    ["a #REF! formula", "预算执行", "D3", "<f>#REF!+1</f><v>5</v>", "", /含无效引用 #REF!/],
  ])("%s", async (_name, sheet, ref, inner, attrs, words) => {
    await expectError(await edited((x) => x.setCell(sheet, ref, inner, attrs)), `${sheet}!${ref}`, words);
  });

  test("a circle through two cells names both", async () => {
    const input = await edited(async (x) => {
      await x.setCell("绩效指标", "H3", "<f>H4</f><v>190</v>");
      await x.setCell("绩效指标", "H4", "<f>H3</f><v>48</v>");
    });
    const run = await expectError(input, "绩效指标!H3", /循环引用/);
    expect(run.lines.some((l) => l.startsWith("绩效指标!H4: ") && /循环引用/.test(l))).toBe(true);
  });

  test("a formula with a good cached value and resolvable references is read", async () => {
    const run = await score(await edited((x) => x.setCell("绩效指标", "H3", "<f>绩效指标!F3</f><v>190</v>")));
    expect(run.code).toBe(0);
    expect(run.json?.score?.total).toBe(96.9);
  });

  test.each([
    ["1e3", "“1e3”"],
    ["1 234,56", "“1 234,56”"],
    ["9\n5", "“9↵5”"],
  ])("target %p is not a number", async (target, shown) => {
    const data = clone();
    Object.assign(data.indicators[0], { target, method: "正向比例" });
    await expectError(await inputBytes(data), "绩效指标!F3", new RegExp(`年度指标值应为数字（评分方法：正向比例），现为${shown}$`));
  });

  test("a date in an amount cell is an error, not 44927", async () => {
    const input = await exceljsEdited((wb) => {
      const cell = wb.getWorksheet("预算执行")!.getCell("D3");
      cell.value = new Date(Date.UTC(2023, 0, 1));
      cell.style = { ...cell.style, numFmt: "yyyy-mm-dd" };
    });
    await expectError(input, "预算执行!D3", /全年预算数应为金额，现为日期 2023-01-01/);
  });

  test("a date used as a ≥ target is an error, not its year", async () => {
    const input = await exceljsEdited((wb) => {
      const cell = wb.getWorksheet("绩效指标")!.getCell("F3");
      cell.value = new Date(Date.UTC(2023, 11, 31));
      // A style of its own: exceljs shares loaded styles between cells.
      cell.style = { ...cell.style, numFmt: 'yyyy"年"m"月"d"日"' };
    });
    await expectError(input, "绩效指标!F3", /年度指标值不能读作数字，现为日期 2023-12-31/);
  });

  test("a target typed as 2023年12月 is not the number 2023", async () => {
    const data = clone();
    Object.assign(data.indicators[0], { target: "≥2023年12月", method: "正向比例" });
    await expectError(await inputBytes(data), "绩效指标!F3", /年度指标值应为数字/);
  });
});

describe("scores never exceed their weights", () => {
  test("a weight of 9.9999 on the 执行率 row is refused (it would score 10)", async () => {
    const data = clone();
    const row = data.indicators.findIndex((i) => i.method === "执行率");
    data.indicators[row].weight = 9.9999;
    await expectError(await inputBytes(data), `绩效指标!I${row + 3}`, /分值最多保留 2 位小数，现为 9.9999/);
  });

  test("weights of two decimals summing to 100 with binary noise pass (33.33 + 33.33 + 33.34)", async () => {
    const data = clone();
    data.indicators = data.indicators.slice(0, 3).map((i, k) => ({ ...i, weight: [33.33, 33.33, 33.34][k] }));
    const run = await score(await inputBytes(data));
    expect(run.code).toBe(0);
  });
});

describe("messages: one line each, cut, real cells", () => {
  test("a cell holding 5↵分 gives one line", async () => {
    const data = clone();
    data.indicators[0].weight = "5\n分";
    const run = await expectError(await inputBytes(data), "绩效指标!I3", /分值应为大于 0 的数字，现为“5↵分”$/);
    expect(run.lines).toHaveLength(1);
  });

  test("a 100,000-character cell is quoted cut at 40 characters", async () => {
    const data = clone();
    data.indicators[0].weight = "很".repeat(100000);
    const run = await expectError(await inputBytes(data), "绩效指标!I3", new RegExp(`现为“很{40}…”$`));
    expect(run.lines[0].length).toBeLessThan(120);
  });

  test("a table whose header is the sheet's last row names a real cell", async () => {
    const head = ["支出类别", "全年预算数", "全年执行数"];
    const cells = head.map((h, i) => `<c r="${"ABC"[i]}1048576" t="inlineStr">${inlineText(h)}</c>`).join("");
    const input = await edited((x) =>
      x.editSheet("预算执行", (xml) =>
        xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData><row r="1048576">${cells}</row></sheetData>`),
      ),
    );
    await expectError(input, "预算执行!A1048576", /没有数据行/);
  });

  test("duplicate indicator names warn and the run succeeds", async () => {
    const data = clone();
    data.indicators[1].name = data.indicators[0].name;
    const run = await score(await inputBytes(data));
    expect(run.code).toBe(0);
    expect(run.lines).toContainEqual(expect.stringMatching(/^绩效指标!C4: 警告：三级指标“组织各单位开展党建课题调研”与 绩效指标!C3 重名/));
  });
});

describe("near-namesake sheets", () => {
  test.each([
    ["績效指標", "绩效指标", /繁体字/],
    ["绩效\u200b指标", "绩效指标", /不可见字符/],
    [" 基本信息", "基本信息", /空格/],
  ])("%p is probably %p", async (actual, expected, why) => {
    const input = await edited((x) => x.renameSheet(expected, actual));
    await expectError(input, `${expected}!A1`, new RegExp(`缺少工作表“${expected}”：工作表“${actual}”可能就是它（名称含.*${why.source}`));
  });

  test("文字材料 with a trailing space is not skipped without a word", async () => {
    const run = await score(await edited((x) => x.renameSheet("文字材料", "文字材料 ")));
    expect(run.code).toBe(0);
    expect(run.lines).toContainEqual(
      expect.stringMatching(/^文字材料!A1: 警告：没有读取文字材料：工作表“文字材料 ”可能就是它（名称含空格）/),
    );
  });
});

describe("bounded reading", () => {
  test("a stray value at XFD1048576 is read in a moment and does not disturb the table", async () => {
    const input = await edited((x) => x.setCell("绩效指标", "XFD1048576", "<v>1</v>"));
    const run = await score(input);
    expect(run.code).toBe(0);
    expect(run.json?.score?.total).toBe(96.9);
    expect(run.ms).toBeLessThan(5000);
  });

  test("200,000 blank formatted rows cost a scan, not memory", async () => {
    const input = await edited((x) => x.editSheet("绩效指标", (xml) => blankFormattedRows(xml, 21, 200000, 4)));
    const run = await score(input);
    expect(run.code).toBe(0);
    expect(run.json?.score?.total).toBe(96.9);
    // The output keeps the input sheets as they were (the formatted rows too).
    const out = await XlsxEdit.open(fs.readFileSync(run.output));
    const sheet = await out.zip.file(await out.sheetPath("绩效指标"))!.async("string");
    expect(sheet).toContain('<row r="200020" s="4" customFormat="1">');
  });

  test("a value in a table column far below is still read (and named)", async () => {
    const input = await edited((x) => x.setCell("绩效指标", "C900000", inlineText("遗留"), 't="inlineStr"'));
    const run = await score(input);
    expect(run.code).toBe(2);
    expect(run.lines.some((l) => /^绩效指标![A-Z]+900000: /.test(l))).toBe(true);
  });
});

describe("CLI options and output paths: one line, exit 2 or 1", () => {
  test("--profile unknown", async () => {
    const run = await cli("score", "x.xlsx", "-o", path.join(dir, "never.xlsx"), "--profile", "guangdong");
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^--profile: 未知的评分规则“guangdong”，可选：dept-overall/)]);
  });

  test("-o is a directory", async () => {
    const input = path.join(dir, "ok.xlsx");
    fs.writeFileSync(input, await inputBytes());
    const run = await cli("score", input, "-o", dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^-o: 是一个目录/)]);
  });

  test("--json is a directory", async () => {
    const input = path.join(dir, "ok2.xlsx");
    fs.writeFileSync(input, await inputBytes());
    const run = await cli("score", input, "-o", path.join(dir, "o2.xlsx"), "--json", dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^--json: 是一个目录/);
    expect(fs.existsSync(path.join(dir, "o2.xlsx"))).toBe(false);
  });

  test("-o under a file (cannot be created): exit 1, one line, no stack trace", async () => {
    const input = path.join(dir, "ok3.xlsx");
    fs.writeFileSync(input, await inputBytes());
    const run = await cli("score", input, "-o", path.join(input, "out.xlsx"));
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^-o: 无法写入 .*（路径中有一部分不是目录）$/)]);
  });

  test("an unknown option", async () => {
    const run = await cli("score", "--fast");
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^--fast: 未知选项/)]);
  });
});

describe("the output: the input package with the plan's sheets grafted in", () => {
  test("reporting an output again replaces 评分结果 and 自评报告 in place; the styles do not grow", async () => {
    const r0 = path.join(dir, "r0.xlsx");
    const r1 = path.join(dir, "r1.xlsx");
    const r2 = path.join(dir, "r2.xlsx");
    fs.writeFileSync(r0, await inputBytes());
    expect((await cli("report", r0, "-o", r1)).code).toBe(0);
    expect((await cli("report", r1, "-o", r2)).code).toBe(0);
    const parts = async (file: string) => {
      const x = await XlsxEdit.open(fs.readFileSync(file));
      const wb = await x.zip.file("xl/workbook.xml")!.async("string");
      return {
        sheets: [...wb.matchAll(/<sheet\b[^>]*name="([^"]*)"/g)].map((m) => m[1]),
        printAreas: [...wb.matchAll(/<definedName[^>]*localSheetId="(\d+)"/g)].map((m) => m[1]),
        files: Object.keys(x.zip.files).filter((f) => !x.zip.files[f].dir).length,
        styles: (await x.zip.file("xl/styles.xml")!.async("string")).length,
      };
    };
    const [a, b] = [await parts(r1), await parts(r2)];
    expect(a.sheets).toEqual(["基本信息", "预算执行", "绩效指标", "文字材料", "评分结果", "自评报告", "自评报告附表"]);
    expect(b).toEqual(a);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r2);
    expect(wb.getWorksheet("自评报告")!.pageSetup.printArea).toBeTruthy();
  });
});
