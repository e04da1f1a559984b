/** Input workbooks of any size in the fake Excel model, for the adapter tests and bench-addin.js. */
import { FakeWorkbook } from "./excel/model";

/** A valid workbook with `budgetRows` budget lines and `indicatorRows` indicators (weights sum to 100). */
export function generatedWorkbook(budgetRows: number, indicatorRows = budgetRows): FakeWorkbook {
  const model = new FakeWorkbook();
  const info = model.addSheet("基本信息");
  model.setValues(info, [
    ["项目", "内容"],
    ["单位名称", "测试单位"],
    ["年度", 2024],
    ["评价类型", "部门整体支出"],
  ]);
  const budget = model.addSheet("预算执行");
  const budgetLines: Array<Array<string | number>> = [["支出类别", "项目名称", "全年预算数", "全年执行数", "备注"]];
  for (let i = 0; i < budgetRows; i++)
    budgetLines.push([i % 3 === 0 ? "基本支出" : "项目支出", `项目${i + 1}`, 100 + (i % 7), 90 + (i % 11), ""]);
  model.setValues(budget, budgetLines);
  const ind = model.addSheet("绩效指标");
  const indRows: Array<Array<string | number>> = [
    ["一级指标", "二级指标", "三级指标", "指标方向", "年度指标值", "计量单位", "实际完成值", "分值"],
  ];
  // Weights of two decimals (docs/numbers.md), the remainder on the last row.
  const weight = Math.floor(10000 / indicatorRows) / 100;
  const last = Math.round((100 - weight * (indicatorRows - 1)) * 100) / 100;
  for (let i = 0; i < indicatorRows; i++)
    indRows.push(["产出指标", "数量指标", `指标${i + 1}`, "≥", 100, "个", 90 + (i % 15), i === indicatorRows - 1 ? last : weight]);
  model.setValues(ind, indRows);
  const texts = model.addSheet("文字材料");
  model.setValues(texts, [
    ["栏目", "内容"],
    ["部门职能", "=1+1 开头的文字仍是文字"],
  ]);
  return model;
}
