/**
 * Reads through the WPS adapter: the same snapshot as the office.js adapter's on the same workbook
 * (values, number formats — also where a column mixes them —, errors), the same scores as the
 * CLI's exceljs read of the same .xlsx, and a constant number of ET calls per sheet.
 */
import { ExcelJsWorkbook } from "../../../src/adapters/xlsx/exceljsWorkbook";
import { cellValue, unwrap } from "../../../src/adapters/wps/etWorkbook";
import { rememberBehaviour } from "../../../src/adapters/wps/etProbes";
import { evaluateWorkbook, planCommand } from "../../../src/core/engine";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { generatedWorkbook } from "../../../src/playground/generatedWorkbook";
import { contractWorkbooks, etPort, excelPort, loadModel } from "./hosts";

describe("the same reads as the other adapters", () => {
  let workbooks: Array<{ name: string; bytes: Uint8Array }> = [];
  beforeAll(async () => {
    workbooks = await contractWorkbooks();
  });

  test("every contract workbook: the office.js adapter's snapshot, arrays or wrapped", async () => {
    expect(workbooks.length).toBe(5);
    for (const { name, bytes } of workbooks) {
      const model = await loadModel(bytes);
      const office = await excelPort(model.clone()).read(ALL_SHEETS);
      for (const wrapReads of [false, true]) {
        const et = await etPort(createFakeEtApplication({ model: model.clone(), wrapReads })).read(ALL_SHEETS);
        expect({ name, wrapReads, ...et }).toEqual({ name, wrapReads, ...office });
      }
    }
  });

  test("every contract workbook: the scores of the CLI's exceljs read", async () => {
    for (const { name, bytes } of workbooks) {
      const cli = evaluateWorkbook(await (await ExcelJsWorkbook.fromBuffer(Buffer.from(bytes))).read(ALL_SHEETS));
      const et = evaluateWorkbook(
        await etPort(createFakeEtApplication({ model: await loadModel(bytes), wrapReads: true })).read(ALL_SHEETS),
      );
      expect({ name, summary: et.summary }).toEqual({ name, summary: cli.summary });
      expect(et.evaluations.map((e) => [e.totalScore, e.grade, e.items.length])).toEqual(
        cli.evaluations.map((e) => [e.totalScore, e.grade, e.items.length]),
      );
      expect(et.summary.score.total).toBeGreaterThan(0);
    }
  });
});

test("mixed number formats, errors, a one-cell sheet and an empty one read as the office.js adapter reads them", async () => {
  const model = new FakeWorkbook();
  const mixed = model.addSheet("混合");
  model.setValues(mixed, [
    ["日期", "金额", "比例", "文字"],
    [45292, 12.5, 0.25, "=1+1"],
    [45293, 13, 0.5, "#N/A"],
    [45294, 14, 0.75, "-5"],
  ]);
  for (let r = 2; r <= 4; r++) model.cellForWrite(mixed, r, 1).numberFormat = "yyyy-mm-dd";
  model.cellForWrite(mixed, 3, 2).numberFormat = "#,##0.00";
  for (let r = 2; r <= 4; r++) model.cellForWrite(mixed, r, 3).numberFormat = "0%";
  model.cellForWrite(mixed, 5, 2).value = "#DIV/0!";
  model.cellForWrite(mixed, 5, 2).formula = "=1/0";
  model.setValues(model.addSheet("一格"), [[null, 42]]);
  model.addSheet("空");
  const office = await excelPort(model.clone()).read(ALL_SHEETS);
  const et = await etPort(createFakeEtApplication({ model: model.clone(), wrapReads: true })).read(ALL_SHEETS);
  expect(et).toEqual(office);
  const cells = et.sheets["混合"].cells;
  expect(cells.find((c) => c.row === 3 && c.col === 2)?.numberFormat).toBe("#,##0.00");
  expect(cells.find((c) => c.row === 2 && c.col === 2)?.numberFormat).toBeUndefined();
  expect(cells.find((c) => c.row === 5 && c.col === 2)?.value).toEqual({ error: "#DIV/0!" });
  expect(et.sheets["一格"].cells).toEqual([{ row: 1, col: 2, value: 42 }]);
  expect(et.sheets["空"].cells).toEqual([]);
});

test("a read costs the same ET calls at 10 and 10,000 rows: one Value2 per sheet", async () => {
  const calls = async (rows: number) => {
    const app = createFakeEtApplication({ model: generatedWorkbook(rows, 10), log: true });
    await etPort(app).read(ALL_SHEETS);
    return app.log ?? [];
  };
  const small = await calls(10);
  const large = await calls(10_000);
  expect(large.length).toBe(small.length);
  expect(large.filter((c) => c === "Range.Value2")).toHaveLength(4);
  expect(large.length).toBeLessThan(60);
});

test("a missing sheet is left out (Worksheets.Item throws on it)", async () => {
  const app = createFakeEtApplication({ sheets: { 基本信息: [["项目", "内容"]] } });
  expect(() => app.ActiveWorkbook.Worksheets.Item("评分结果")).toThrow();
  const snap = await etPort(app).read(["基本信息", "预算执行"]);
  expect(Object.keys(snap.sheets)).toEqual(["基本信息"]);
  expect(snap.sheetNames).toEqual(["基本信息"]);
});

test("unwrap and cellValue: arrays, wrapped arrays, scalars, CVErr numbers", () => {
  expect(unwrap([[1, 2]], 1, 2)).toEqual([[1, 2]]);
  expect(unwrap({ Item: (r: number, c: number) => r * 10 + c }, 2, 2)).toEqual([
    [11, 12],
    [21, 22],
  ]);
  expect(unwrap(7, 1, 1)).toEqual([[7]]);
  expect(cellValue(-2146826281)).toEqual({ error: "#DIV/0!" });
  expect(cellValue(2007)).toBe(2007);
  expect(cellValue(undefined)).toBeNull();
  expect(cellValue("")).toBeNull();
});

test("a write costs the same ET calls at 10 and 10,000 budget rows: one Formula array per sheet", async () => {
  const calls = async (rows: number, step: "score" | "report") => {
    const app = createFakeEtApplication({ model: generatedWorkbook(rows, 10), log: true });
    // Probed before (once per page load, a fixed dozen calls: probes.test.ts): the run's own writes only.
    rememberBehaviour(app, { formulaArrays: true, errorForm: "cverr" });
    const port = etPort(app);
    const snap = await port.read(ALL_SHEETS);
    const before = app.log!.length;
    const { plan } = planCommand(snap, step);
    await port.apply(plan);
    const log = app.log!.slice(before);
    return { total: log.length, arrays: log.filter((c) => c === "Range.Formula=").length, sheets: plan.sheets.length };
  };
  for (const step of ["score", "report"] as const) {
    const small = await calls(10, step);
    const large = await calls(10_000, step);
    expect(large.arrays).toBe(large.sheets);
    // A few more format rectangles and row heights where the larger report differs, none per row.
    expect(large.total - small.total).toBeLessThanOrEqual(step === "report" ? 20 : 0);
  }
}, 60_000);

test("a used range made large by formatting alone is cut to its values: the office.js adapter's snapshot, few calls", async () => {
  const model = generatedWorkbook(10, 10);
  const budget = model.findSheet("预算执行")!;
  // A fill down 60,000 rows of five columns: 300,000 formatted blank cells.
  for (let r = 1; r <= 60_000; r++) for (let c = 1; c <= 5; c++) model.cellForWrite(budget, r, c).format.fill = "FFFF00";
  const office = await excelPort(model.clone()).read(ALL_SHEETS);
  const app = createFakeEtApplication({ model, log: true });
  const et = await etPort(app).read(ALL_SHEETS);
  expect(et).toEqual(office);
  expect(app.log!.filter((c) => c === "Range.Find")).toHaveLength(2);
  expect(app.log!.length).toBeLessThan(70);
}, 60_000);

test("a value far from the table: a clear message instead of a read of millions of cells", async () => {
  const model = generatedWorkbook(10, 10);
  const budget = model.findSheet("预算执行")!;
  model.cellForWrite(budget, 200_000, 300).value = "远处";
  await expect(etPort(createFakeEtApplication({ model })).read(ALL_SHEETS)).rejects.toThrow(/预算执行.*数据区域过大/);
});
