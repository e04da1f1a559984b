/** The workbook contract's parse rules (workbook.md "Input sheets"). */
import { planCommand } from "../../src/core/engine";
import { parseWorkbook } from "../../src/core/input/parse";
import type { CellValue } from "../../src/core/snapshot";
import { baseData, withIndicator } from "../support/data";
import { issues, sheetData, snapshotFromData, snapshotOf } from "../support/snapshot";

const INFO: CellValue[][] = [
  ["项目", "内容"],
  ["单位名称", "某局"],
  ["年度", 2024],
];
const TEXTS: CellValue[][] = [["栏目", "内容"]];

function parse(budget: CellValue[][], indicators: CellValue[][], info = INFO, formats: Record<string, string> = {}) {
  return parseWorkbook(
    snapshotOf([
      sheetData("基本信息", info),
      sheetData("预算执行", budget),
      sheetData("绩效指标", indicators, formats),
      sheetData("文字材料", TEXTS),
    ]),
  );
}

const BUDGET: CellValue[][] = [
  ["支出类别", "项目名称", "全年预算数", "全年执行数"],
  ["基本支出", "人员经费", 80, 80],
  ["项目支出", "项目甲", 20, 18],
];

describe("header search", () => {
  test("headers in any order under title rows, with blank rows skipped", () => {
    const indicators: CellValue[][] = [
      ["2024年度绩效指标表", null, null],
      ["（单位：某局）"],
      [],
      ["分值", "实际完成值", "三级指标", "二级指标", "一级指标", "年度指标值"],
      [60, 90, "甲", "数量指标", "产出指标", 100],
      [],
      [null, null],
      [40, 5, "乙", null, null, "≤5天"],
    ];
    const { input } = parse(BUDGET, indicators);
    expect(input.indicators.map((i) => [i.row, i.level1, i.level2, i.name, i.method, i.weight.value])).toEqual([
      [5, "产出指标", "数量指标", "甲", "正向比例", 60],
      [8, "产出指标", "数量指标", "乙", "反向比例", 40], // blank 一级/二级 repeat the row above
    ]);
  });
  test("a new 一级 clears the 二级 carried from above", () => {
    const indicators: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
      ["产出指标", "数量指标", "甲", 1, 1, 50],
      ["效益指标", null, "乙", 1, 1, 50],
    ];
    expect(issues(() => parse(BUDGET, indicators))).toEqual(["绩效指标!B3: 二级指标不能为空"]);
  });
  test("headers tolerate inner spaces and a unit in brackets", () => {
    const budget: CellValue[][] = [
      ["支出 类别", "项目名称", "全年预算数（万元）", "全年执行数(万元)"],
      ["基本支出", "人员经费", 100, 100],
    ];
    const indicators: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
      ["产出指标", "数量指标", "甲", 1, 1, 100],
    ];
    expect(parse(budget, indicators).input.budgetLines[0].budget.value).toBe(100);
  });
  test("duplicate headers are an error naming both cells", () => {
    const indicators: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "分值"],
      ["产出指标", "数量指标", "甲", 1, 1, 100, 100],
    ];
    expect(issues(() => parse(BUDGET, indicators))).toEqual(["绩效指标!G1: 列标题“分值”重复（另见 绩效指标!F1），无法确定读取哪一列"]);
  });
});

describe("numbers", () => {
  const ind = (target: CellValue, actual: CellValue, formats: Record<string, string> = {}) =>
    parse(
      BUDGET,
      [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
        ["产出指标", "数量指标", "甲", target, actual, "１００"],
      ],
      INFO,
      formats,
    ).input.indicators[0];
  test("numbers typed as text, with separators, spaces and full-width digits", () => {
    const i = ind("1,234.56", " １，２００ ");
    expect([i.target?.value, i.target?.kind, i.actual?.value, i.actual?.kind, i.weight.value]).toEqual([
      1234.56,
      "text",
      1200,
      "text",
      100,
    ]);
  });
  test("a percent-formatted 0.95 means 95%", () => {
    const i = ind("≥90%", 0.95, { "2,5": "0.00%" });
    expect([i.target?.value, i.actual?.value, i.actual?.kind, i.actual?.scale]).toEqual([90, 95, "cell", 100]);
  });
  test("a unit trailing the actual (190项, 12次) or the target's operator before it (≥266米) is read", () => {
    expect([ind("≥190项", "190项").actual?.value, ind(10, "12次").actual?.value, ind("≥266米", "≥266米").actual?.value]).toEqual([
      190, 12, 266,
    ]);
    expect(issues(() => ind(10, "十二次"))).toEqual([expect.stringMatching(/^绩效指标!E2: 实际完成值应为数字/)]);
  });
  test("a unit trailing the target fills 计量单位", () => {
    expect(ind("≤90万元", 80).unit).toBe("万元");
    expect(ind("≥95%", "96%").unit).toBe("%");
  });
  test("an amount unit of 元 is divided by 10,000", () => {
    const info = [...INFO, ["金额单位", "元"]];
    const budget: CellValue[][] = [
      ["支出类别", "项目名称", "全年预算数", "全年执行数"],
      ["基本支出", "人员经费", 34323000, "34,323,000.00"],
    ];
    const indicators: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
      ["产出指标", "数量指标", "甲", 1, 1, 100],
    ];
    const { input } = parse(budget, indicators, info);
    expect([input.budgetLines[0].budget.value, input.budgetLines[0].spent.value, input.budgetLines[0].budget.scale]).toEqual([
      3432.3,
      3432.3,
      1 / 10000,
    ]);
  });
});

describe("basic info", () => {
  test("defaults: 部门整体支出, dept-overall, 万元", () => {
    const { input } = parseWorkbook(snapshotFromData(withIndicator({ name: "甲", target: 1, actual: 1, weight: 10 })));
    expect(input.info).toMatchObject({ unitName: "测试单位", year: 2024, evaluationType: "部门整体支出", amountUnit: "万元" });
    expect(input.info.profile.id).toBe("dept-overall");
  });
  test("项目支出 defaults to mof-2020-project", () => {
    const info = [...INFO, ["评价类型", "项目支出"]];
    const indicators: CellValue[][] = [
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"],
      ["产出指标", "数量指标", "甲", 1, 1, 90],
    ];
    expect(parse(BUDGET, indicators, info).input.info.profile.id).toBe("mof-2020-project");
  });
});

describe("budget", () => {
  test("a 合计 row is checked, not added; a mismatch warns at its cell", () => {
    const data = baseData();
    data.indicators = [{ level1: "产出指标", level2: "数量指标", name: "甲", target: 1, actual: 1, weight: 100 }];
    data.budget.push({ category: "合计", budget: 151, spent: 140 });
    const { evaluation } = planCommand(snapshotFromData(data), "score");
    expect(evaluation.budget.total).toBe(150);
    expect(evaluation.warnings).toContainEqual(
      expect.objectContaining({
        cell: "预算执行!D5",
        message: expect.stringContaining("合计行全年预算数 151 与基本支出、项目支出之和 150 不符"),
      }),
    );
    expect(evaluation.warnings.some((w) => w.cell === "预算执行!E5")).toBe(false);
  });
  test("execution under 90% without a 备注 warns at the 备注 cell", () => {
    const data = baseData();
    data.indicators = [{ level1: "产出指标", level2: "数量指标", name: "甲", target: 1, actual: 1, weight: 100 }];
    data.budget[1].remark = "";
    const { evaluation } = planCommand(snapshotFromData(data), "score");
    expect(evaluation.warnings).toContainEqual(
      expect.objectContaining({ cell: "预算执行!F4", message: "“项目甲”执行率 80% 低于 90%，请在备注中说明原因" }),
    );
  });
});

describe("indicator warnings", () => {
  const warningsOf = (row: Parameters<typeof withIndicator>[0]) =>
    planCommand(snapshotFromData(withIndicator(row)), "score").evaluation.warnings;
  test("below target without a reason", () => {
    expect(warningsOf({ name: "甲", target: 10, actual: 8, weight: 10 })).toContainEqual(
      expect.objectContaining({
        cell: "绩效指标!M3",
        message: expect.stringContaining("未达到年度指标值（得分 8/10）"),
      }),
    );
    expect(warningsOf({ name: "甲", target: 10, actual: 8, weight: 10, deviation: "原因" })).toEqual([]);
  });
  test("≥130% of a ≥ target without a reason", () => {
    expect(warningsOf({ name: "甲", target: 10, actual: 13, weight: 10 })).toContainEqual(
      expect.objectContaining({
        cell: "绩效指标!M3",
        message: expect.stringContaining("130%"),
      }),
    );
    expect(warningsOf({ name: "甲", target: 10, actual: 12.9, weight: 10 })).toEqual([]);
  });
  test("a 自评得分 that differs from the computed score", () => {
    expect(warningsOf({ name: "甲", target: 10, actual: 10, weight: 10, selfScore: 9 })).toContainEqual(
      expect.objectContaining({
        cell: "绩效指标!L3",
        message: expect.stringContaining("与按正向比例计算的 10 不同"),
      }),
    );
  });
});

test("names and paragraphs keep their full-width punctuation; vocabularies are matched folded", () => {
  const indicators: CellValue[][] = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "评分方法", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "报废资产（台，套）", "≥１５０台（套）", 140, 100, "正向比例　", "流标，已于次年补采"],
  ];
  const budget: CellValue[][] = [
    ["支出类别", "项目名称", "全年预算数", "全年执行数"],
    ["基本支出　", "人员经费（含社保）", 100, 100],
  ];
  const { input } = parse(budget, indicators);
  expect(input.indicators[0]).toMatchObject({
    name: "报废资产（台，套）",
    method: "正向比例",
    unit: "台（套）",
    deviation: "流标，已于次年补采",
    targetText: "≥１５０台（套）",
  });
  expect(input.budgetLines[0]).toMatchObject({ category: "basic", item: "人员经费（含社保）" });
});
