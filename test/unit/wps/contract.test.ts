/**
 * Contract: the same write plans through the Excel path (office.js adapter + fake Excel) and the
 * WPS path (WPS adapter + fake ET) give the same workbook — values, formulas, number formats,
 * fonts and fills, alignment, borders, merges, column widths, row heights, validations, notes,
 * freeze panes, tab colours, print setup, page breaks, defined names, the active sheet.
 */
import { FakeWorkbook } from "../../../src/playground/fakeExcel";
import { type Step, contractWorkbooks, loadModel, runBoth } from "./hosts";

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
