import { formatAmount, formatRate, formatScore, excelRound } from "../../src/core/format";
import { normalizeText, parseDirection, parseNumberText, parseTarget, parseYear } from "../../src/core/numbers";
import { quote } from "../../src/core/issues";
import { hasWeightDecimals, weightSumMatches } from "../../src/core/methods";

describe("parseNumberText", () => {
  test.each([
    ["1,234.56", 1234.56, false],
    [" 95% ", 95, true],
    ["１２３", 123, false],
    ["１，２３４．５", 1234.5, false],
    ["９５％", 95, true],
    ["-2", -2, false],
    [".5", 0.5, false],
    ["3 970.64", 3970.64, false],
  ])("%p → %p", (text, value, percent) => expect(parseNumberText(text)).toEqual({ value, percent }));
  test.each([
    "",
    "abc",
    "1.2.3",
    "95%%",
    "12个",
    "1,23",
    "1e3",
    "1E-2",
    "1 234,56",
    "9\n5",
    "12 34",
    "0x10",
    "¥100",
    "- 5",
    "1,2345",
    "Infinity",
    "NaN",
  ])("%p is not a number", (text) => expect(parseNumberText(text)).toBeUndefined());
  test.each([
    ["95 %", 95, true],
    ["1 234 567", 1234567, false],
    ["12.", 12, false],
    ["+3", 3, false],
  ])("%p → %p (docs/numbers.md)", (text, value, percent) => expect(parseNumberText(text)).toEqual({ value, percent }));
});

describe("parseTarget", () => {
  test.each([
    ["≥95%", { direction: ">=", value: 95, percent: true, unit: "" }],
    ["≤90万元", { direction: "<=", value: 90, percent: false, unit: "万元" }],
    ["50个", { direction: undefined, value: 50, percent: false, unit: "个" }],
    ["=100%", { direction: "=", value: 100, percent: true, unit: "" }],
    [">=1,000名", { direction: ">=", value: 1000, percent: false, unit: "名" }],
    ["＜＝３０天", { direction: "<=", value: 30, percent: false, unit: "天" }],
    ["95%以上", { direction: ">=", value: 95, percent: true, unit: "" }],
    ["不超过 5 天", { direction: "<=", value: 5, percent: false, unit: "天" }],
    ["20 天以内", { direction: "<=", value: 20, percent: false, unit: "天" }],
  ])("%p", (text, expected) => expect(parseTarget(text)).toEqual(expected));
  test.each(["有效提升", "≥", "", "1.2.3个", "1e3", "1 234,56", "9\n5", "≥2023年12月", "2023-01-01", "95%5", "1,23个"])(
    "%p is not one number with words around it",
    (text) => expect(parseTarget(text)).toBeUndefined(),
  );
  test.each([
    ["≥ 95 %", { direction: ">=", value: 95, percent: true, unit: "" }],
    ["100m2", { direction: undefined, value: 100, percent: false, unit: "m2" }],
    ["3 970 万元", { direction: undefined, value: 3970, percent: false, unit: "万元" }],
  ])("%p (docs/numbers.md)", (text, expected) => expect(parseTarget(text)).toEqual(expected));
});

describe("parseDirection", () => {
  test.each([
    ["≥", ">="],
    [">=", ">="],
    ["正向", ">="],
    ["≤", "<="],
    ["<=", "<="],
    ["反向", "<="],
    ["=", "="],
    ["等于", "="],
    ["＞＝", ">="],
  ])("%p → %p", (text, dir) => expect(parseDirection(text)).toBe(dir));
  test("unknown words give undefined", () => expect(parseDirection("越大越好")).toBeUndefined());
});

test("normalizeText folds full-width forms and ideographic spaces", () => {
  expect(normalizeText("\u3000ＡＢＣ　１２３ ")).toBe("ABC 123");
});

test.each([
  [2023, 2023],
  ["2023", 2023],
  ["2023年", 2023],
  ["２０２３年度", 2023],
  ["23", undefined],
  ["二〇二三", undefined],
  [1899, undefined],
])("parseYear(%p) → %p", (v, y) => expect(parseYear(v)).toBe(y));

describe("formatting (scoring.md)", () => {
  test.each([
    [3970.64, "3,970.64"],
    [3432.3, "3,432.3"],
    [3432.2999999999997, "3,432.3"],
    [89.974, "89.974"],
    [100, "100"],
    [0.07, "0.07"],
    [1234567.891234, "1,234,567.891234"],
    [0, "0"],
  ])("amount %p → %p", (x, s) => expect(formatAmount(x)).toBe(s));
  test.each([
    [1, "100%"],
    [0.92871, "92.87%"],
    [0.925, "92.50%"],
    [0.99999, "100%"],
    [0, "0%"],
    [1.2, "120%"],
  ])("rate %p → %p", (x, s) => expect(formatRate(x)).toBe(s));
  test.each([
    [96.9, "96.9"],
    [96.9, "96.9"],
    [10, "10"],
    [4.166, "4.17"],
    [89.99, "89.99"],
  ])("score %p → %p", (x, s) => expect(formatScore(x)).toBe(s));
  test("ROUND is half away from zero, free of binary noise", () => {
    expect(excelRound(2.675, 2)).toBe(2.68); // 2.675 is 2.67499999… in binary
    expect(excelRound(1.005, 2)).toBe(1.01);
    expect(excelRound(-2.5, 0)).toBe(-3);
    expect(excelRound(6.6666666, 2)).toBe(6.67);
  });
});

describe("quote: one line, cut at 40", () => {
  test.each([
    ["5\n分", "“5↵分”"],
    ["a\r\nb", "“a↵b”"],
    ["很".repeat(41), `“${"很".repeat(40)}…”`],
    ["很".repeat(40), `“${"很".repeat(40)}”`],
  ])("%p → %p", (text, quoted) => expect(quote(text)).toBe(quoted));
});

describe("weights and scores", () => {
  test.each([
    [10, true],
    [9.99, true],
    [0.29, true],
    [9.9999, false],
    [33.333, false],
  ])("weight %p has at most two decimals: %p", (w, ok) => expect(hasWeightDecimals(w)).toBe(ok));
  test("the weight-sum rule compares at two decimals", () => {
    expect(weightSumMatches(33.33 + 33.33 + 33.34, 100)).toBe(true);
    expect(weightSumMatches(99.99, 100)).toBe(false);
    expect(weightSumMatches(100.01, 100)).toBe(false);
  });
  test("no ratio at or below 1 scores above a two-decimal weight", () => {
    for (let w = 0.01; w <= 100; w = Math.round((w + 0.37) * 100) / 100)
      for (const x of [0.99999, 0.999, 0.995, 0.5, 1]) expect(excelRound(x * w, 2)).toBeLessThanOrEqual(w);
  });
});
