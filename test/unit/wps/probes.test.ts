/**
 * What WPS's docs leave open, played both ways by the fake (issue 17, item 3): a host that refuses
 * `Range.Formula = [[…]]` gets the same workbook through the documented path (Value2 blocks, R1C1
 * runs, single formulas), the probe runs once per Application; an error read through `Value2` as a
 * CVErr number, as text or as a bare code is the same error, and a real 2007 stays a number.
 */
import { knownBehaviour } from "../../../src/adapters/wps/etProbes";
import { VALUE_BLOCK_ROWS } from "../../../src/adapters/wps/etSheet";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { generatedWorkbook } from "../../../src/playground/generatedWorkbook";
import { etPort, excelPort, normalise, runStep } from "./hosts";

/** A workbook state without formulas' cached results (the fake computes a formula entered on one cell, as a host does; an array write leaves it to recalculation). */
const withoutResults = (state: unknown): unknown =>
  JSON.parse(JSON.stringify(state), (_k, v: unknown) => {
    if (v && typeof v === "object" && "formula" in v) {
      const rest = { ...(v as Record<string, unknown>) };
      delete rest.value;
      return rest;
    }
    return v;
  }) as unknown;

test("a host that refuses Formula arrays: 生成报告 writes the same workbook the documented way (formulas as formulas, text as text)", async () => {
  const seed = generatedWorkbook(1_200, 12);
  // A text cell that reads as a formula, and one that reads as a number: they must stay text.
  const info = seed.findSheet("基本信息")!;
  seed.cellForWrite(info, 2, 2).value = "=1+1 开头的文字";
  const arrays = createFakeEtApplication({ model: seed.clone(), log: true });
  const refused = createFakeEtApplication({ model: seed.clone(), log: true, behaviour: { formulaArrays: false } });
  await runStep(etPort(arrays, "r"), "report");
  await runStep(etPort(refused, "r"), "report");
  expect(knownBehaviour(arrays)?.formulaArrays).toBe(true);
  expect(knownBehaviour(refused)?.formulaArrays).toBe(false);
  expect(withoutResults(normalise(refused.model, "et"))).toEqual(withoutResults(normalise(arrays.model, "et")));
  // The same as the office.js adapter writes, too.
  const excel = seed.clone();
  await runStep(excelPort(excel, "r"), "report");
  expect(withoutResults(normalise(refused.model, "et"))).toEqual(withoutResults(normalise(excel, "excel")));
  // The documented path was taken: Value2 blocks of bounded size, R1C1 runs, and no array was refused mid-run.
  const log = refused.log!;
  expect(log.filter((n) => n === "Range.FormulaR1C1=").length).toBeGreaterThan(0);
  expect(log.filter((n) => n === "Range.Value2=").length).toBeGreaterThanOrEqual(Math.ceil(1_200 / VALUE_BLOCK_ROWS));
  const scores = refused.model.findSheet("评分结果")!;
  expect([...scores.cells.values()].filter((c) => c.formula).length).toBeGreaterThan(50);
});

test("the probe runs once per Application (until the add-in reloads), on the run's scratch sheet, and leaves nothing behind", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(5, 3), log: true, behaviour: { formulaArrays: false } });
  await runStep(etPort(app, "a"), "score");
  const probes = () => app.log!.filter((n) => n === "Worksheet.Range(A1:C1)").length;
  expect(probes()).toBe(1);
  await runStep(etPort(app, "b"), "score");
  await runStep(etPort(app, "c"), "report");
  expect(probes()).toBe(1);
  expect(app.model.sheets.some((s) => s.name.startsWith("~jx"))).toBe(false);
  // A fresh Application (a reloaded add-in) asks again.
  const again = createFakeEtApplication({ model: app.model.clone(), log: true });
  await runStep(etPort(again, "d"), "score");
  expect(again.log!.filter((n) => n === "Worksheet.Range(A1:C1)").length).toBe(1);
  expect(knownBehaviour(again)?.formulaArrays).toBe(true);
});

describe.each(["cverr", "text", "code"] as const)("errors read through Value2 as %s", (errorForm) => {
  const workbook = () => {
    const model = new FakeWorkbook();
    const sheet = model.addSheet("错误");
    model.setValues(sheet, [
      ["除零", "无值", "真数字"],
      [null, null, 2007],
    ]);
    for (const [col, error, formula] of [
      [1, "#DIV/0!", "=1/0"],
      [2, "#N/A", "=NA()"],
    ] as const) {
      model.cellForWrite(sheet, 2, col).formula = formula;
      model.cellForWrite(sheet, 2, col).value = error;
    }
    return model;
  };

  test("the same snapshot as the office.js adapter's: errors as errors, 2007 a number", async () => {
    const model = workbook();
    const office = await excelPort(model.clone()).read(["错误"]);
    const et = await etPort(createFakeEtApplication({ model: model.clone(), behaviour: { errorForm } })).read(["错误"]);
    const cells = et.sheets["错误"].cells.filter((c) => c.row === 2).map((c) => c.value);
    expect(cells.slice(0, 3)).toEqual([{ error: "#DIV/0!" }, { error: "#N/A" }, 2007]);
    expect(et).toEqual(office);
  });

  test("the probe records the form this host uses", async () => {
    const app = createFakeEtApplication({ model: generatedWorkbook(3, 2), behaviour: { errorForm } });
    await runStep(etPort(app, "e"), "score");
    expect(knownBehaviour(app)?.errorForm).toBe(errorForm);
  });
});

test("a bare code costs one Text read per such number only", async () => {
  const model = new FakeWorkbook();
  model.setValues(model.addSheet("数"), [[1, 2, 3, 2007, 2042, 5]]);
  const app = createFakeEtApplication({ model, log: true, behaviour: { errorForm: "code" } });
  const snap = await etPort(app).read(ALL_SHEETS);
  expect(snap.sheets["数"].cells.map((c) => c.value)).toEqual([1, 2, 3, 2007, 2042, 5]);
  expect(app.log!.filter((n) => n === "Range.Text").length).toBe(2);
});
