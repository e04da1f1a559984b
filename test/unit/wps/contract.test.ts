/**
 * Contract: the same write plans through the Excel path (office.js adapter + fake Excel) and the
 * WPS path (WPS adapter + fake ET) give the same workbook — values, formulas, number formats,
 * fonts and fills, alignment, borders, merges, column widths, row heights, validations, notes,
 * freeze panes, tab colours, print setup, page breaks, defined names, the active sheet.
 */
import { SheetBuilder, type WorkbookPlan, formula, text, value } from "../../../src/core/plan";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { type Step, contractWorkbooks, etPort, excelPort, loadModel, normalise, runBoth } from "./hosts";

const STEPS: Step[] = ["template", "score", "report", "score", "report"];

describe("the Excel and WPS paths write the same workbook", () => {
  let workbooks: Array<{ name: string; bytes: Uint8Array }> = [];
  beforeAll(async () => {
    workbooks = await contractWorkbooks();
  });

  test("inputs: the samples and generated workbooks", () => {
    expect(workbooks.map((w) => w.name)).toEqual([
      "sample.xlsx",
      "sample-form.xlsx",
      "generated seed 3",
      "generated seed 7",
      "generated seed 11",
    ]);
  });

  for (const [i, wrapReads] of [
    [0, false],
    [1, true],
    [2, false],
    [3, true],
    [4, false],
  ] as const) {
    test(`workbook ${i}: template, score, report, then both again (reads ${wrapReads ? "wrapped" : "as arrays"})`, async () => {
      const { name, bytes } = workbooks[i];
      const model = await loadModel(bytes);
      // The form workbook has no template: 插入模板 adds it there, which the other steps then read.
      const steps = name === "sample-form.xlsx" ? STEPS.filter((s) => s !== "template") : STEPS;
      const { states } = await runBoth(model, steps, { wrapReads });
      for (const s of states) expect({ step: s.step, ...(s.et as object) }).toEqual({ step: s.step, ...(s.excel as object) });
      // Something was written: the output sheets exist.
      const last = states[states.length - 1].et as { sheets: Array<{ name: string }> };
      expect(last.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["评分结果"]));
    }, 60_000);
  }

  test("the template into an empty workbook", async () => {
    const model = new FakeWorkbook();
    model.addSheet("Sheet1");
    const { states } = await runBoth(model, ["template"]);
    expect(states[0].et).toEqual(states[0].excel);
    expect((states[0].et as { sheets: unknown[] }).sheets.length).toBe(5);
  });
});

/** A plan that uses every feature of SheetPlan, including those the commands leave out today. */
function everyFeature(name: string, variant: number): WorkbookPlan {
  const b = new SheetBuilder(name, {
    title: { font: { name: "黑体", size: 16, bold: true, color: "1F4E79" }, align: { h: "center", v: "middle" }, fill: "DDEBF7" },
    money: { numFmt: "#,##0.00", align: { h: "right" }, border: "thin" },
    note: { align: { h: "left", v: "justify", wrap: true, indent: 2 }, font: { color: "C00000" } },
    pct: { numFmt: "0.0%", align: { v: "top" } },
  });
  b.row(1, 1, [text(`标题 ${variant}`, "title")]);
  b.merge("A1:D1");
  b.row(2, 1, [value(1234.5 + variant, "money"), value(-5, "money"), formula("A2+B2", 1229.5 + variant, "money"), value(0.25, "pct")]);
  b.row(3, 1, [text("=不是公式"), text("007"), value(true), formula(`'${name}'!A2*2`, 2469 + variant * 2)]);
  b.row(4, 1, [text("说明文字很长，需要换行并两端对齐。", "note")]);
  b.merge("A4:D5");
  b.widths([12, 8.5, 20, 0, 15]).height(1, 30).height(4, 45);
  b.validate({ range: "B6:B20", list: ["是", "否"], prompt: "请选择是或否" });
  b.note("A2", "金额单位：万元");
  b.note("C3", "公式示例");
  b.freeze(1 + variant, 1);
  b.page({
    paperSize: "A4",
    orientation: variant ? "portrait" : "landscape",
    printArea: "A1:E20",
    fitToWidth: variant === 0,
    margins: { top: 0.75, bottom: 0.75, left: 0.5, right: 0.5, header: 0.3, footer: 0.3 },
    centerFooter: "第 &P 页 共 &N 页",
    printTitleRows: "1:2",
  });
  const plan = b.build();
  plan.tabColor = variant ? "70AD47" : "C00000";
  plan.pageBreaksAfter = [10 + variant, 15];
  return { sheets: [plan], activate: name, names: [{ name: "测试金额", sheet: name, address: variant ? "$A$2" : "$C$2" }] };
}

test("every SheetPlan feature: fonts, fills, alignments, borders, formats, merges, sizes, validation, notes, freeze, tab colour, print setup, breaks, names — new, then in place", async () => {
  const model = new FakeWorkbook();
  model.setValues(model.addSheet("用户表"), [["用户的数据"]]);
  const excelModel = model.clone();
  const app = createFakeEtApplication({ model: model.clone() });
  for (const variant of [0, 1]) {
    const plan = everyFeature("全部功能", variant);
    await excelPort(excelModel).apply(plan);
    await etPort(app).apply(plan);
    expect(normalise(app.model, "et")).toEqual(normalise(excelModel, "excel"));
  }
  const sheet = app.model.findSheet("全部功能")!;
  expect(sheet.tabColor).toBe("70AD47");
  expect(sheet.freeze).toEqual({ rows: 2, cols: 1 });
  expect(app.model.cell(sheet, 1, 1)?.format.font.color).toBe("1F4E79");
  expect(app.model.cell(sheet, 4, 1)?.format).toMatchObject({ horizontal: "Left", vertical: "Justify", indent: 2, wrap: true });
});
