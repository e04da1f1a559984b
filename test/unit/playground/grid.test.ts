/** Pasted text as spreadsheets put it on the clipboard (tab-separated rows, quoted fields), and typed entries. */
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { parseTsv } from "../../../src/playground/grid";

test("rows and columns, a trailing newline, Windows line ends", () => {
  expect(parseTsv("产出指标\t数量指标\t12\r\n\t质量指标\t95\r\n")).toEqual([
    ["产出指标", "数量指标", "12"],
    ["", "质量指标", "95"],
  ]);
  expect(parseTsv("96.9")).toEqual([["96.9"]]);
  expect(parseTsv("a\t\tb")).toEqual([["a", "", "b"]]);
});

test("a quoted field keeps its newline, tab and doubled quotes; a stray quote is literal", () => {
  expect(parseTsv('"第一行\n第二行"\t"说""明"\t"a\tb"\nx\ty')).toEqual([
    ["第一行\n第二行", '说"明', "a\tb"],
    ["x", "y"],
  ]);
  expect(parseTsv('"12"期\t5')).toEqual([['"12"期', "5"]]);
});

test("typing a percent enters the number, shown as a percent, as Excel does; a Text cell keeps what was typed", () => {
  const model = new FakeWorkbook();
  const sheet = model.addSheet("绩效指标");
  const typed = (r: number, text: string) => {
    model.setUserValue(sheet, r, 1, text);
    const cell = model.cell(sheet, r, 1)!;
    return [cell.value, cell.numberFormat];
  };
  expect(typed(1, "90%")).toEqual([0.9, "0%"]);
  expect(typed(2, "-12.5%")).toEqual([-0.125, "0.0%"]);
  expect(typed(3, "1,200%")).toEqual([12, "0%"]);
  expect(typed(4, "≥95%")).toEqual(["≥95%", "General"]);
  expect(typed(5, "12,34%")).toEqual(["12,34%", "General"]);
  model.cellForWrite(sheet, 6, 1).numberFormat = "@";
  expect(typed(6, "90%")).toEqual(["90%", "@"]);
});
