/**
 * Every scoring method at and around its boundaries (scoring.md "Methods"), through the whole
 * parse → evaluate path, so a row typed in a sheet scores as the rules say.
 */
import { planCommand } from "../../src/core/engine";
import { InputError } from "../../src/core/issues";
import { evaluate, ref, toFormula } from "../../src/core/expr";
import { METHODS, gradeExpr } from "../../src/core/methods";
import { PROFILES, findProfile } from "../../src/core/profiles";
import type { InputData } from "../../src/core/sheets/inputSheets";
import { snapshotFromData } from "../support/snapshot";
import { withIndicator } from "../support/data";

type Row = InputData["indicators"][number];

function scoreOf(row: Row, extra: Partial<InputData> = {}): number {
  const { evaluation } = planCommand(snapshotFromData(withIndicator(row, extra)), "score");
  return evaluation.items[0].score;
}

function errorsOf(row: Row): string[] {
  try {
    planCommand(snapshotFromData(withIndicator(row)), "score");
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.cell}: ${i.message}`);
    throw e;
  }
  return [];
}

const q = (target: number | string, actual: number | string, extra: Partial<Row> = {}): Row => ({
  name: "指标",
  target,
  actual,
  weight: 10,
  ...extra,
});

describe("正向比例", () => {
  test.each([
    [100, 100, 10], // A = T
    [100, 120, 10], // over-achievement earns no bonus
    [100, 99, 9.9],
    [100, 99.99, 10], // 9.999 rounds to 10.00
    [100, 99.94, 9.99],
    [3, 2, 6.67], // 6.666… rounds half up
    [100, 0, 0],
  ])("T=%p A=%p → %p", (t, a, s) => expect(scoreOf(q(t, a, { direction: "≥" }))).toBe(s));
  test("target 0 is an error naming the target cell", () => {
    expect(errorsOf(q(0, 5, { direction: "≥" }))).toEqual([expect.stringMatching(/^绩效指标!F3: 年度指标值须为正数/)]);
  });
  test("negative actual is an error", () => {
    expect(errorsOf(q(10, -1))).toEqual([expect.stringMatching(/^绩效指标!H3: 实际完成值不能为负数/)]);
  });
});

describe("反向比例", () => {
  test.each([
    [24, 24, 10],
    [24, 20, 10],
    [24, 25, 9.6],
    [10, 20, 5],
    [10, 10.001, 10], // 9.999 → 10
  ])("variant A: T=%p A=%p → %p", (t, a, s) => expect(scoreOf(q(t, a, { direction: "≤" }))).toBe(s));

  test("variant B: w × max(0, 1 − (A − T)/T)", () => {
    const profileB = { ...findProfile("dept-overall")!, reverseVariant: "B" as const };
    const expr = METHODS["反向比例"].score(profileB);
    const at = (a: number) => evaluate(expr, { A: a, T: 10, W: 10 });
    expect(at(10)).toBe(10);
    expect(at(15)).toBe(5);
    expect(at(20)).toBe(0);
    expect(at(35)).toBe(0); // floored at 0
    expect(toFormula(expr, { A: "G5", T: "F5", W: "H5" })).toBe("IF(G5<=F5,H5,ROUND(MAX(0,1-(G5-F5)/F5)*H5,2))");
  });
  test("the default method for ≤ targets, including ≤ written inside the value", () => {
    const { evaluation } = planCommand(snapshotFromData(withIndicator(q("≤90万元", 100))), "score");
    expect(evaluation.items[0].indicator.method).toBe("反向比例");
    expect(evaluation.items[0].score).toBe(9);
  });
});

describe("等于", () => {
  test.each([
    [100, 100, 10],
    [100, 95, 9.5],
    [100, 110, 10],
    [0, 0, 10], // T = 0: A ≤ 0 → w
    [0, 0.01, 0], // else 0
  ])("T=%p A=%p → %p", (t, a, s) => expect(scoreOf(q(t, a, { direction: "=" }))).toBe(s));
});

describe("执行率", () => {
  const rateRow: Row = { name: "预算执行率", target: "100%", actual: "100%", weight: 10, method: "执行率" };
  test("rate below 1 scales the weight", () => {
    // budget 150, spent 140 → 93.33%
    expect(scoreOf(rateRow)).toBe(9.33);
  });
  test("rate over 1 is capped at the weight, with a warning", () => {
    const extra = { budget: [{ category: "基本支出", item: "人员经费", budget: 100, spent: 120 }] };
    const { evaluation } = planCommand(snapshotFromData(withIndicator(rateRow, extra)), "score");
    expect(evaluation.items[0].score).toBe(10);
    expect(evaluation.warnings.map((w) => w.cell)).toContain("预算执行!E3");
  });
  test("a zero budget gives rate 0 (null in the JSON)", () => {
    const extra = { budget: [{ category: "基本支出", item: "人员经费", budget: 0, spent: 0 }] };
    const { evaluation, summary } = planCommand(snapshotFromData(withIndicator(rateRow, extra)), "score");
    expect(evaluation.items[0].score).toBe(0);
    expect(summary.executionRate.total).toBeNull();
  });
  test("mof-2020-project adds a 10-point execution-rate item", () => {
    const data = withIndicator({ name: "指标", target: 10, actual: 10, weight: 10 });
    data.basicInfo = { ...data.basicInfo, type: "项目支出", profile: "mof-2020-project" };
    data.indicators[1].weight = 80;
    const { summary } = planCommand(snapshotFromData(data, "项目支出"), "score");
    const added = summary.indicators.at(-1)!;
    expect(added).toMatchObject({ row: null, name: "预算执行率", weight: 10, method: "执行率", score: 9.33 });
    expect(summary.score).toEqual({ total: 99.33, max: 100, grade: "优" });
  });
});

describe("定性分档", () => {
  const qual = (tier: string, selfScore?: number): Row => ({
    name: "定性",
    nature: "定性",
    target: "好",
    actual: "较好",
    weight: 10,
    tier,
    selfScore,
    deviation: "原因",
  });
  test("达成 without a score earns the weight", () => expect(scoreOf(qual("达成"))).toBe(10));
  test.each([
    ["达成", 8, 8],
    ["达成", 10, 10],
    ["部分达成", 6, 6],
    ["部分达成", 7.99, 7.99],
    ["未达成", 0, 0],
    ["未达成", 5.99, 5.99],
    ["部分达成年度指标并具有一定效果", 7, 7],
  ])("%s with %p → %p", (tier, s, expected) => expect(scoreOf(qual(tier, s))).toBe(expected));
  test.each([
    ["达成", 7.99, "[8, 10]"],
    ["部分达成", 8, "[6, 8)"],
    ["部分达成", 5.99, "[6, 8)"],
    ["未达成", 6, "[0, 6)"],
  ])("%s with %p is an error naming the range %s", (tier, s, range) => {
    expect(errorsOf(qual(tier, s))).toEqual([expect.stringContaining(range)]);
    expect(errorsOf(qual(tier, s))[0]).toMatch(/^绩效指标!L3: /);
  });
  test("部分达成 without a score is an error", () =>
    expect(errorsOf(qual("部分达成"))).toEqual([expect.stringMatching(/须填写自评得分，范围 \[6, 8\)/)]));
  test("tier bounds are rounded to 2 decimals (w = 3.33)", () => {
    const row = { ...qual("部分达成", 2), weight: 3.33 };
    // 0.6 × 3.33 = 1.998 → 2.00, so 2 is inside
    expect(scoreOf(row)).toBe(2);
  });
});

describe("扣分 and 直接评分", () => {
  test("扣分 deducts and floors at 0", () => {
    expect(scoreOf({ name: "扣分项", target: "无违规", actual: "1次", weight: 10, method: "扣分", selfScore: 2 })).toBe(8);
    expect(scoreOf({ name: "扣分项", target: "无违规", actual: "9次", weight: 10, method: "扣分", selfScore: 12 })).toBe(0);
  });
  test("直接评分 takes the score inside [0, w]", () => {
    expect(scoreOf({ name: "直接", target: "-", actual: "-", weight: 10, method: "直接评分", selfScore: 7.25 })).toBe(7.25);
    expect(errorsOf({ name: "直接", target: "-", actual: "-", weight: 10, method: "直接评分", selfScore: 10.5 })).toEqual([
      expect.stringMatching(/超过分值/),
    ]);
  });
});

describe("grades (财预〔2020〕10号)", () => {
  test.each([
    [100, "优"],
    [90, "优"],
    [89.99, "良"],
    [80, "良"],
    [79.99, "中"],
    [60, "中"],
    [59.99, "差"],
    [0, "差"],
  ])("%p → %s", (total, grade) => expect(evaluate(gradeExpr(ref("t")), { t: total })).toBe(grade));
  test("the grade formula is the same rule", () => {
    expect(toFormula(gradeExpr(ref("t")), { t: "$B$16" })).toBe('IF($B$16>=90,"优",IF($B$16>=80,"良",IF($B$16>=60,"中","差")))');
  });
});

describe("profiles", () => {
  test("ship as data with the required ids", () => {
    expect(PROFILES.map((p) => p.id).sort()).toEqual(["dept-overall", "mof-2020-project"]);
  });
  test("weights not summing to 100 are an error naming the sum", () => {
    const data = withIndicator(q(10, 10));
    data.indicators[1].weight = 85;
    expect(() => planCommand(snapshotFromData(data), "score")).toThrow(/分值合计为 95，应为 100/);
  });
});
