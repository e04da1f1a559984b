/**
 * The 复核意见函's pure parts: where a check belongs (the sheet its place names), the letter's
 * file name per unit (names a file system cannot hold, two units colliding), the request each
 * kind of check gets, and the wording of a letter without problems.
 */
import * as path from "path";
import { Letters, letterFileName, sheetOfPlace } from "../../../src/review/letters";
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

test("a check's place names its sheet, quoted or not; a file-level error names none", () => {
  expect(sheetOfPlace("项目1!H15")).toBe("项目1");
  expect(sheetOfPlace("'Sheet 1'!H15")).toBe("Sheet 1");
  expect(sheetOfPlace("'O''Brien'!A1")).toBe("O'Brien");
  expect(sheetOfPlace("")).toBe("");
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
      { cell: "项目2!H9", severity: "提示", message: "“x”填报得分 5，按规则应为 4（…）" },
      { cell: "项目1!J20", severity: "提示", message: "填报总分 99 与各项填报得分之和 98 不符" },
    ],
    failed: false,
  };
  letters.add(result);
  const units = (letters as unknown as { units: Map<string, { forms: Array<{ sheet: string; issues: Array<{ cell: string }> }> }> }).units;
  expect(units.get("甲单位")!.forms.map((f) => [f.sheet, f.issues.map((i) => i.cell)])).toEqual([["项目1", ["项目1!J20"]]]);
  expect(units.get("乙单位")!.forms.map((f) => [f.sheet, f.issues.map((i) => i.cell)])).toEqual([["项目2", ["项目2!H9"]]]);
});

test("each kind of check gets its own request; an error asks for a corrected resubmission", () => {
  const ask = (message: string, severity: "提示" | "错误" = "提示") => actionFor({ cell: "S!A1", severity, message });
  expect(ask("“x”填报得分 10，按规则应为 8.33（…）")).toContain("重新核定该项得分");
  expect(ask("填报总分 99.76 与各项填报得分之和 99.67 不符")).toContain("各项得分之和一致");
  expect(ask("填报执行率 90% 与全年执行数 ÷ 全年预算数 95% 不符")).toContain("重新计算预算执行率");
  expect(ask("分值合计为 98（含预算执行率），应为 100")).toContain("合计等于满分");
  expect(ask("“x”填报 8 分，偏差原因未填写")).toContain("补充填写偏差原因");
  // A check that already asks for something is not asked twice.
  expect(ask("“x”得分 8/10 未得满分，请填写偏差原因分析及改进措施")).toBe("");
  expect(ask("某种新的检查")).toContain("请核实");
  expect(ask("没有找到绩效自评表", "错误")).toBe("请按说明修正后重新报送。");
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
