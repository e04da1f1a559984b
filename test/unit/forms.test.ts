/** The form reader's rules (docs/forms.md) on small forms built as snapshots. */
import { planCommand } from "../../src/core/engine";
import { labelWeight } from "../../src/core/read/indicators";
import { monthValue, numberPlace } from "../../src/core/read/cell";
import { inferMethod, tierFromWords } from "../../src/core/read/rules";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { issues, sheetData } from "../support/snapshot";

function workbook(...sheets: Array<[string, CellValue[][], Record<string, string>?]>): WorkbookSnapshot {
  const data = sheets.map(([name, rows, formats]) => sheetData(name, rows, formats ?? {}));
  return { sheetNames: data.map((d) => d.name), sheets: Object.fromEntries(data.map((d) => [d.name, d])) };
}

/** The national 项目支出绩效自评表 (forms.md "The forms"), with the indicator rows given. */
function nationalForm(
  indicators: CellValue[][],
  fund: CellValue[] = [null, "年度资金总额", 120, 118.5, 117.32, 10, "99.0%", 9.9],
  total: CellValue = 94.9,
): CellValue[][] {
  return [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "党建品牌建设项目"],
    ["主管部门", "某委员会", null, null, "实施单位", "某研究会"],
    ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    fund,
    [null, "其中：当年财政拨款", 120, 118.5, 117.32, "—", "—", "—"],
    ["年度总体目标", "预期目标", null, null, "实际完成情况"],
    [null, "举办培训班", null, null, "已举办"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ...indicators,
    ["总分", null, null, null, null, null, 100, total],
  ];
}

const ROWS: CellValue[][] = [
  [null, "产出指标", "数量指标", "举办培训班期数", "≥10期", "10期", 40, 40],
  [null, null, null, "指标2：", null, null, null, null],
  [null, null, "质量指标", "培训合格率", "≥95%", "98%", 20, 20],
  [null, "效益指标", "社会效益指标", "党建品牌影响力", "明显提升", "有所提升", 20, 15, "宣传覆盖面不足"],
  [null, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "91.3%", 10, 10],
];

describe("form values", () => {
  test("months count from the start of the form's year; a month alone is its end", () => {
    expect(monthValue("2023年12月", 2023)).toBe(12);
    expect(monthValue("2024年3月", 2023)).toBe(15);
    expect(monthValue("9月前", 2023)).toBe(9);
    expect(monthValue("11月底前", 2023)).toBe(11);
    expect(monthValue("11月20日", 2023)).toBeCloseTo(10 + 20 / 30, 6);
    expect(monthValue("2023-11-20", 2023)).toBeCloseTo(10 + 20 / 30, 6);
    expect(monthValue("13月", 2023)).toBeUndefined();
    expect(monthValue("≥10期", 2023)).toBeUndefined();
  });

  test("the place of the number in text is found only when it is the one ASCII number", () => {
    expect(numberPlace("≥ 95 %", 95)).toEqual({ before: 2, after: 2 });
    expect(numberPlace("3,724,055.00", 3724055)).toEqual({ before: 0, after: 0 });
    expect(numberPlace("10期", 10)).toEqual({ before: 0, after: 1 });
    expect(numberPlace("１０期", 10)).toBeUndefined();
    expect(numberPlace("2023年12月", 12)).toBeUndefined();
  });

  test("method inference: operators, 成本指标 ceilings, durations, text → 定性", () => {
    const v = (direction?: ">=" | "<=" | "=", time?: "month" | "duration") => ({
      source: { sheet: "S", row: 1, col: 1, kind: "cell" as const, value: 1, scale: 1 },
      direction,
      percent: false,
      unit: "",
      time,
    });
    expect(inferMethod("数量指标", v(), v()).method).toBe("正向比例");
    expect(inferMethod("数量指标", v("<="), v()).method).toBe("反向比例");
    expect(inferMethod("数量指标", v("="), v()).method).toBe("等于");
    expect(inferMethod("成本指标", v(), v()).method).toBe("反向比例");
    expect(inferMethod("成本指标", v(">="), v()).method).toBe("正向比例");
    expect(inferMethod("时效指标", v(undefined, "duration"), v(undefined, "duration")).method).toBe("反向比例");
    expect(inferMethod("时效指标", v(undefined, "month"), v()).method).toBe("定性分档");
    expect(inferMethod("社会效益指标", undefined, v()).method).toBe("定性分档");
  });

  test("tiers from the actual's words, weights from labels", () => {
    expect(tierFromWords("达到预期")).toBe("achieved");
    expect(tierFromWords("有所提升")).toBe("partly");
    expect(tierFromWords("未完成")).toBe("missed");
    expect(tierFromWords("不断提升")).toBe("achieved");
    expect(labelWeight(["产出指标（50分）"])).toBe(50);
    expect(labelWeight(["得分（20分*执行率）"])).toBe(20);
    expect(labelWeight(["执行率权重 10"])).toBe(10);
    expect(labelWeight(["全年预算数"])).toBeUndefined();
  });
});

describe("reading a form", () => {
  test("the national form: rule and filled scores, the execution item first, unused lines skipped", () => {
    const { summary } = planCommand(workbook(["Sheet1", nationalForm(ROWS, undefined, 94.9)]), "score");
    expect(summary.source).toBe("form");
    expect(summary.forms).toHaveLength(1);
    const f = summary.forms![0];
    expect(f).toMatchObject({ sheet: "Sheet1", project: "党建品牌建设项目", unit: "某研究会", year: 2023, type: "项目支出" });
    expect(f.budget.total).toBe(118.5);
    expect(f.spent.total).toBe(117.32);
    expect(f.indicators.map((i) => [i.name, i.method, i.weight, i.score, i.filledScore])).toEqual([
      ["预算执行率", "执行率", 10, 9.9, 9.9], // 117.32 / 118.5 = 99.004% → 9.9
      ["举办培训班期数", "正向比例", 40, 40, 40],
      ["培训合格率", "正向比例", 20, 20, 20],
      ["党建品牌影响力", "定性分档", 20, 15, 15],
      ["学员满意度", "正向比例", 10, 10, 10],
    ]);
    expect(f.score).toEqual({ total: 94.9, filled: 94.9, max: 100, grade: "优", filledGrade: "优" });
    expect(f.differences).toBe(0);
  });

  test("a form that prints no year and no 填报日期 is read with its year blank (null), one warning saying so", () => {
    const rows = nationalForm(ROWS, undefined, 94.9).filter((r) => r[0] !== "（2023年度）");
    const { summary } = planCommand(workbook(["Sheet1", rows]), "score");
    expect(summary.year).toBeNull();
    expect(summary.forms![0].year).toBeNull();
    expect(summary.forms![0].score.total).toBe(94.9);
    expect(summary.warnings.filter((w) => w.code === "form.yearUnknown")).toHaveLength(1);
  });

  test("a filled score that differs from the rule is a difference with a warning on its cell", () => {
    const rows = ROWS.map((r) => (r[3] === "培训合格率" ? [null, null, "质量指标", "培训合格率", "≥95%", "90%", 20, 20] : r));
    const { summary } = planCommand(workbook(["公开14表", nationalForm(rows)]), "score");
    const f = summary.forms![0];
    expect(f.indicators.find((i) => i.name === "培训合格率")!.score).toBe(18.95); // 90/95 × 20
    expect(f.differences).toBe(1);
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cell: "公开14表!H13", message: expect.stringContaining("填报得分 20，按规则应为 18.95") }),
      ]),
    );
  });

  test("several forms: one per sheet, and two stacked on one sheet; --form picks the reported one", () => {
    const stacked = [
      ...nationalForm(ROWS),
      [],
      ["填报日期：2024年3月1日"],
      ...nationalForm(ROWS, [null, "年度资金总额", 50, 50, 40, 10, "80%", 8], 92.9),
    ];
    const snap = workbook(["A表", nationalForm(ROWS)], ["B表", stacked]);
    const { summary } = planCommand(snap, "score");
    expect(summary.forms!.map((f) => [f.sheet, f.budget.total, f.score.total])).toEqual([
      ["A表", 118.5, 94.9],
      ["B表", 118.5, 94.9],
      ["B表", 50, 93], // 40/50 = 80% → 8; 8 + 40 + 20 + 15 + 10 = 93
    ]);
    expect(planCommand(snap, "report", { formSheet: "B表" }).summary.sheet).toBe("B表");
    expect(issues(() => planCommand(snap, "report", { formSheet: "C表" }))[0]).toContain("有自评表的工作表：“A表”、“B表”");
  });

  test("--scores filled reports the department's own scores", () => {
    const rows = ROWS.map((r) => (r[3] === "培训合格率" ? [null, null, "质量指标", "培训合格率", "≥95%", "90%", 20, 20] : r));
    const { evaluation, summary } = planCommand(workbook(["S", nationalForm(rows)]), "report", { scores: "filled" });
    expect(evaluation.totalScore).toBe(94.9);
    expect(summary.score).toMatchObject({ total: 94.9, filled: 94.9 });
    expect(summary.reportedScores).toBe("filled");
  });

  test("errors name the form's cells: no 全年执行数 column, nothing to score; no 分值/得分 columns is read with a warning", () => {
    const noSpent = nationalForm(ROWS).map((r, i) => (i === 4 ? ["项目资金（万元）", null, "年初预算数", "全年预算数", "支出明细"] : r));
    expect(issues(() => planCommand(workbook(["S", noSpent]), "score"))).toEqual([
      expect.stringMatching(/^S!A5: 资金情况缺少“全年执行数”列/),
    ]);
    const noWeights = nationalForm(ROWS).map((r, i) =>
      i === 9 ? ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"] : r,
    );
    // forms.md: a form with no 分值 and no 得分 at all is still read (completion reported, one warning).
    const nothingScored = planCommand(workbook(["S", noWeights]), "score").summary;
    expect(nothingScored.warnings.filter((w) => w.code === "form.nothingScored").map((w) => w.cell)).toEqual(["S!A10"]);
    const empty = nationalForm([[null, "产出指标", "数量指标", "指标1：", null, null, null, null]]);
    expect(issues(() => planCommand(workbook(["S", empty]), "score"))[0]).toMatch(/^S!A10: 绩效指标部分.*没有任何数字/);
  });

  test("no template and no form: the message says what was looked for and where", () => {
    const msgs = issues(() => planCommand(workbook(["Sheet1", [["随便什么"]]], ["Sheet2", [["三级指标", "分值"]]]), "score"));
    expect(msgs).toEqual([expect.stringMatching(/^Sheet2!A1: 找到“三级指标”表头（第 1 行），但缺少“一级指标”、“二级指标”列/)]);
    const none = issues(() => planCommand(workbook(["Sheet1", [["随便什么"]]]), "score"));
    expect(none[0]).toMatch(/^Sheet1!A1: 没有找到绩效自评表：在工作表 “Sheet1” 中查找/);
  });
});
