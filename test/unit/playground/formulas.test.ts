/**
 * The playground's calculator against the engine: every formula the CLI writes for the two samples
 * (评分结果, 自评报告, 附表), recomputed from the inputs alone, gives the value the engine cached;
 * an edited input recomputes what depends on it.
 */
import * as path from "path";
import { loadXlsx } from "../../../src/playground/xlsxBridge";
import { displayText, formatNumber, parseFormula, recalculate } from "../../../src/playground/formulas";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { fakeExcelRun } from "../../../src/playground/excel/context";
import { cli, tempDir } from "../../support/workbooks";
import * as fs from "fs";

const ROOT = path.join(__dirname, "../../..");

async function report(sample: string): Promise<FakeWorkbook> {
  const out = path.join(tempDir("formulas"), "report.xlsx");
  const run = await cli("report", path.join(ROOT, "assets", sample), "-o", out);
  expect(run.code).toBe(0);
  return loadXlsx(fs.readFileSync(out));
}

const formulaCells = (model: FakeWorkbook) =>
  model.sheets.flatMap((s) => [...s.cells].filter(([, c]) => c.formula).map(([k, c]) => ({ sheet: s.name, k, cell: c, cached: c.value })));

// exceljs drops a cached result of 0 when it reads a file: "" there stands for 0 too.
const close = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? Math.abs(a - b) < 1e-9 : a === b || (a === 0 && b === "");

for (const sample of ["sample.xlsx", "sample-form.xlsx"]) {
  test(`${sample}: every formula of the report recomputes to the engine's cached value`, async () => {
    const model = await report(sample);
    const cells = formulaCells(model);
    expect(cells.length).toBeGreaterThan(100);
    // Forget every result first: only the inputs and the formulas are left.
    for (const { cell } of cells) cell.value = "";
    recalculate(model);
    const wrong = cells
      .filter(({ cell, cached }) => !close(cell.value, cached))
      .map(({ sheet, k, cell, cached }) => `${sheet}#${k} ${cell.formula}: ${String(cell.value)} ≠ ${String(cached)}`);
    expect(wrong).toEqual([]);
  }, 60_000);
}

test("an edited input recomputes the cells that depend on it", async () => {
  const model = await report("sample.xlsx");
  recalculate(model);
  const score = model.findSheet("评分结果")!;
  // The cell whose label is 自评得分 and its neighbour on the right.
  const label = [...score.cells].find(([, c]) => c.value === "自评得分")!;
  const totalKey = label[0] + 1;
  const before = score.cells.get(totalKey)!.value as number;
  expect(typeof before).toBe("number");
  // Raise the first indicator's 分值 by 5: its 得分 formula and the total follow.
  const ind = model.findSheet("绩效指标")!;
  const weightHeader = [...ind.cells].find(([, c]) => c.value === "分值")!;
  const firstWeight = weightHeader[0] + 16384;
  const w = ind.cells.get(firstWeight)!.value as number;
  model.setUserValue(ind, Math.floor(firstWeight / 16384) + 1, (firstWeight % 16384) + 1, String(w + 5));
  recalculate(model);
  const after = score.cells.get(totalKey)!.value as number;
  expect(after).not.toBe(before);
});

test("operators, precedence and errors as Excel has them", () => {
  const model = new FakeWorkbook();
  const s = model.addSheet("表 1");
  const put = (r: number, c: number, v: string | number) => {
    const cell = model.cellForWrite(s, r, c);
    if (typeof v === "string" && v.startsWith("=")) cell.formula = v;
    else cell.value = v;
  };
  put(1, 1, 2);
  put(2, 1, "3");
  put(3, 1, "x");
  put(1, 2, '=-A1^2+A2*2&"!"');
  put(2, 2, "=A1/0");
  put(3, 2, '=IFERROR(A1/0,"零")');
  put(4, 2, '=SUMPRODUCT((A1:A4<>"")*(A1:A4<>0))');
  put(5, 2, "=SUM(A1:A3)+'表 1'!A1");
  put(6, 2, '=TEXT(1234.5,"#,##0.00")&"|"&TEXT(0.9287,"0.00%")&"|"&TEXT(5,"0.##")');
  put(7, 2, '=VALUE(SUBSTITUTE(MID("共1,234期",2,LEN("共1,234期")-2),",",""))');
  put(8, 2, "=FOO(1)");
  put(9, 2, '=IF(A9="","未填写",A9)');
  recalculate(model);
  const v = (r: number) => model.cell(s, r, 2)!.value;
  expect(v(1)).toBe("10!"); // -2^2 = 4 (unary minus first), + 6
  expect(v(2)).toBe("#DIV/0!");
  expect(v(3)).toBe("零");
  expect(v(4)).toBe(3);
  expect(v(5)).toBe(4); // text "3" is skipped in a range
  expect(v(6)).toBe("1,234.50|92.87%|5.");
  expect(v(7)).toBe(1234);
  expect(v(8)).toBe("#NAME?");
  expect(v(9)).toBe("未填写");
  expect(() => parseFormula("=SUM(A1")).toThrow();
  expect(formatNumber(-0.004, "0.00")).toBe("0.00");
  expect(displayText(0.9999999999999999, "General")).toBe("1");
  expect(displayText(1, "0.00%")).toBe("100.00%");
});

test("with the evaluator as its calculation, the fake Excel computes what a batch writes before it reads it back", async () => {
  const model = new FakeWorkbook();
  model.addSheet("预算执行");
  model.calculate = () => recalculate(model);
  const read = await fakeExcelRun(model)(async (context) => {
    const ws = context.workbook.worksheets.getItem("预算执行");
    ws.getRange("A1:C1").formulas = [[310, 300, "=ROUND(B1/A1,4)"]];
    const range = ws.getRange("C1").load("values");
    await context.sync();
    return range.values[0][0];
  });
  expect(read).toBe(0.9677);
  // Without a calculation (the adapter's unit tests) a written formula stays uncomputed.
  const plain = new FakeWorkbook();
  plain.addSheet("预算执行");
  const raw = await fakeExcelRun(plain)(async (context) => {
    const ws = context.workbook.worksheets.getItem("预算执行");
    ws.getRange("A1:C1").formulas = [[310, 300, "=ROUND(B1/A1,4)"]];
    const range = ws.getRange("C1").load("values");
    await context.sync();
    return range.values[0][0];
  });
  expect(raw).toBe("");
});
