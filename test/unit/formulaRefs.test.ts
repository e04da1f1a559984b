import { fromR1C1, renameSheetRefs, toR1C1 } from "../../src/adapters/shared/formulaRefs";

describe("sheet references", () => {
  const renames = new Map([["评分结果", "~jxtn0"]]);
  test.each([
    ["'评分结果'!B4", "'~jxtn0'!B4"],
    ["评分结果!$B$4+1", "'~jxtn0'!$B$4+1"],
    ['"评分结果!B4"&评分结果!B4', "\"评分结果!B4\"&'~jxtn0'!B4"],
    ["'预算执行'!C3", "'预算执行'!C3"],
    ["SUM(A1:A3)", "SUM(A1:A3)"],
  ])("%s", (from, to) => expect(renameSheetRefs(from, renames)).toBe(to));
});

describe("R1C1", () => {
  test.each([
    ['IF(H20>0,G20/H20,"")', 20, 9, 'IF(RC[-1]>0,RC[-2]/RC[-1],"")'],
    ["'预算执行'!C3", 43, 4, "'预算执行'!R[-40]C[-1]"],
    ["ROUND(SUM($J$20:$J$40),2)", 10, 2, "ROUND(SUM(R20C10:R40C10),2)"],
    ['LOG10(A1)&"B2"', 2, 2, 'LOG10(R[-1]C[-1])&"B2"'],
    ["$B4*B$4", 4, 2, "RC2*R4C"],
  ])("%s at R%iC%i", (a1, r, c, r1c1) => {
    expect(toR1C1(a1, r, c)).toBe(r1c1);
    expect(fromR1C1(r1c1, r, c)).toBe(a1);
  });
});
