/** Pasted text as spreadsheets put it on the clipboard: tab-separated rows, quoted fields. */
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
