/** Typed places and problems (issue 16): the core gives refs and codes; messages come from one catalogue. */
import { planCommand } from "../../src/core/engine";
import { InputError } from "../../src/core/issues";
import { cellRef, errorIssue, refName, renderProblem, sheetRef, warningIssue } from "../../src/core/problems";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { sheetData } from "../support/snapshot";

function workbook(name: string, rows: CellValue[][]): WorkbookSnapshot {
  const data = sheetData(name, rows, {});
  return { sheetNames: [name], sheets: { [name]: data } };
}

const form = (target: CellValue, actual: CellValue): CellValue[][] => [
  ["项目支出绩效自评表"],
  ["（2023年度）"],
  ["项目名称", "党建品牌建设项目"],
  ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
  [null, "年度资金总额", 120, 118.5, 117.32, 10, "99.0%", 9.9],
  ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
  [null, "产出指标", "数量指标", "培训人次", target, actual, 90, 90],
  ["总分", null, null, null, null, null, 100, 99.9],
];

test("an issue carries its place and code; cell and message are derived from them", () => {
  const issue = errorIssue(cellRef("党建品牌", 15, 8), "cell.negative", { label: "全年预算数", shown: "“-5”" }, "年度资金总额");
  expect(issue).toMatchObject({
    ref: { sheet: "党建品牌", row: 15, col: 8 },
    code: "cell.negative",
    severity: "error",
    subject: "年度资金总额",
  });
  expect(issue.cell).toBe("党建品牌!H15");
  expect(issue.message).toBe(renderProblem(issue));
  expect(issue.message).toBe("全年预算数不能为负数，现为“-5”");
  expect(renderProblem(issue, "en-US")).toBe("全年预算数 cannot be negative; found “-5”");
  // A code without English falls back to zh-CN.
  const w = warningIssue(sheetRef("Sheet1"), "form.yearUnknown", {});
  expect([w.cell, renderProblem(w, "en-US")]).toEqual(["Sheet1!A1", w.message]);
  expect(refName({ sheet: "S", row: 1, col: 28 })).toBe("S!AB1");
  expect(errorIssue(null, "file.notXlsx", { file: "a.xlsx" }).cell).toBe("a.xlsx");
});

test("a problem with a target names the target's cell, on a form as on the template", () => {
  let err: unknown;
  try {
    planCommand(workbook("S", form("1e3", "≥8000名")), "score");
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  const issues = (err as InputError).issues;
  expect(issues.map((i) => [i.code, i.ref])).toEqual([["target.notNumber", { sheet: "S", row: 7, col: 5 }]]);
});

test("a 1e300 actual is refused at its cell, never read as 定性 with full marks", () => {
  let err: unknown;
  try {
    planCommand(workbook("S", form("≥8000名", 1e300)), "score");
  } catch (e) {
    err = e;
  }
  expect((err as InputError).issues.map((i) => [i.code, i.cell])).toEqual([["actual.notNumber", "S!F7"]]);
});
