/**
 * The 复核意见函's pure parts: where a check belongs (the sheet of its ref), the letter's
 * file name per unit (names a file system cannot hold, two units colliding), the request each
 * kind of check gets, and the wording of a letter without problems.
 */
import * as path from "path";
import { Letters, letterFileName } from "../../../src/review/letters";
import { type Problem, type ProblemCode, bareProblem, cellRef, errorIssue, warningIssue } from "../../../src/core/problems";
import { actionFor, letterModel } from "../../../src/review/letterModel";
import type { FileResult, ReviewedForm } from "../../../src/review/reviewFile";

const form = (sheet: string, unit: string, extra: Partial<ReviewedForm> = {}): ReviewedForm => ({
  sheet,
  unit,
  project: `${sheet}项目`,
  year: 2023,
  type: "项目支出",
  budget: 100,
  spent: 90,
  rate: 0.9,
  filled: 95,
  rule: 95,
  max: 100,
  grade: "优",
  difference: 0,
  differingRows: 0,
  checks: 0,
  ...extra,
});

test("letter files: unsafe characters replaced, a blank unit named, two units never share a file", () => {
  expect(letterFileName("市财政局/预算科")).toBe("市财政局_预算科-复核意见函.docx");
  expect(letterFileName("  ")).toBe("未填写单位名称-复核意见函.docx");
  const letters = new Letters("out");
  const a = letters.fileOf("甲:乙");
  const b = letters.fileOf("甲/乙");
  expect(a).toBe(path.join("out", "甲_乙-复核意见函.docx"));
  expect(b).toBe(path.join("out", "甲_乙-复核意见函（2）.docx"));
  expect(letters.fileOf("甲:乙")).toBe(a);
});

test("each check goes to the letter of the unit whose form it was raised on", () => {
  const letters = new Letters("out");
  const result: FileResult = {
    file: "a.xlsx",
    source: "form",
    forms: [form("项目1", "甲单位"), form("项目2", "乙单位")],
    issues: [
      bareProblem(warningIssue(cellRef("项目2", 9, 8), "filled.differs", { name: "x", filled: 5, rule: "4", why: "…" })),
      bareProblem(warningIssue(cellRef("项目1", 20, 10), "filled.totalDiffers", { total: 99, sum: "98" })),
    ],
    failed: false,
  };
  letters.add(result);
  const units = (letters as unknown as { units: Map<string, { forms: Array<{ sheet: string; issues: Problem[] }> }> }).units;
  expect(units.get("甲单位")!.forms.map((f) => [f.sheet, f.issues.map((i) => i.code)])).toEqual([["项目1", ["filled.totalDiffers"]]]);
  expect(units.get("乙单位")!.forms.map((f) => [f.sheet, f.issues.map((i) => i.code)])).toEqual([["项目2", ["filled.differs"]]]);
});

test("each kind of check gets its own request, by its code; an error asks for a corrected resubmission", () => {
  const ref = cellRef("S", 1, 1);
  const ask = (code: ProblemCode, params: object) => actionFor(warningIssue(ref, code, params as never));
  expect(ask("filled.differs", { name: "x", filled: 10, rule: "8.33", why: "…" })).toContain("重新核定该项得分");
  expect(ask("filled.totalDiffers", { total: 99.76, sum: "99.67" })).toContain("各项得分之和一致");
  expect(ask("filled.rateDiffers", { filled: 90, rate: "95%" })).toContain("重新计算预算执行率");
  expect(ask("weight.sum", { sum: "98", detail: "", total: 100, profile: "" })).toContain("合计等于满分");
  // A check whose message already asks for something is not asked twice.
  expect(ask("deviation.belowFull", { name: "x", score: 8, weight: "10" })).toBe("");
  expect(ask("indicator.directScore", { name: "x", score: 5 })).toContain("请核实");
  expect(actionFor(errorIssue(ref, "form.yearMissing", {}))).toBe("请按说明修正后重新报送。");
});

test("a letter without problems says so, and still lists the forms and asks for the results to be used", () => {
  const model = letterModel("甲单位", [
    { file: "dir/a.xlsx", sheet: "项目1", project: "", year: 2023, filled: null, rule: 96.5, grade: "优", difference: null, issues: [] },
  ]);
  expect(model.title).toBe("关于2023年度绩效自评复核意见的函");
  expect(model.sections[0].paragraphs[0].text).toBe("本次复核你单位绩效自评表1张，1张未填写总分；未发现需要核实的问题。");
  expect(model.sections[0].table!.rows).toEqual([["1", "a.xlsx", "项目1", "—", "未填", "96.5", "—", "优"]]);
  expect(model.sections[1].paragraphs).toEqual([{ text: "经复核，未发现需要核实的问题。" }]);
  expect(model.sections[2].paragraphs[0].text).toContain("自评结果应用");
});
