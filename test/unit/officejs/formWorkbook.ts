/**
 * A workbook of two official 项目支出绩效自评表 (forms.md "The forms"), built with exceljs for the
 * pane's tests: Sheet1 has two rows whose filled 得分 differs from the rule (培训合格率 at H15,
 * 学员满意度 at H18; rule total 89.3 良 against the filled 96.9 优), 项目B agrees with the rule.
 */
import ExcelJS from "exceljs";

type Row = Array<string | number | null>;

export const FORM_WORKBOOK = {
  sheets: ["Sheet1", "项目B"],
  lines: [
    "Sheet1：项目支出绩效自评表 · 市直机关党建品牌建设项目 · 2023年度",
    "项目B：项目支出绩效自评表 · 城市社区治理试点项目 · 2023年度",
  ],
  rule: { total: "89.3", grade: "良" },
  filled: { total: "96.9", grade: "优" },
  differences: [
    { name: "培训合格率", cell: "Sheet1!H15", filled: "20", rule: "16.84" },
    { name: "学员满意度", cell: "Sheet1!H18", filled: "20", rule: "15.56" },
  ],
} as const;

interface FormData {
  project: string;
  dept: string;
  unit: string;
  fund: { initial: number; budget: number; spent: number; rate: number; score: number };
  goals: [string, string];
  /** 一级, 二级, 三级, target, actual, 分值, 得分, 偏差原因. */
  indicators: Row[];
  filledTotal: number;
}

function addForm(wb: ExcelJS.Workbook, name: string, f: FormData): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [10, 14, 14, 22, 12, 12, 8, 8, 28].map((width) => ({ width }));
  const put = (r: number, values: Row) => values.forEach((v, i) => v !== null && (ws.getCell(r, i + 1).value = v));
  put(1, ["项目支出绩效自评表"]);
  ws.mergeCells("A1:I1");
  put(2, ["（2023年度）"]);
  ws.mergeCells("A2:I2");
  put(3, ["项目名称", f.project]);
  ws.mergeCells("B3:I3");
  put(4, ["主管部门", f.dept, null, null, "实施单位", f.unit]);
  ws.mergeCells("B4:D4");
  ws.mergeCells("F4:I4");
  put(5, ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]);
  put(6, [null, "年度资金总额", f.fund.initial, f.fund.budget, f.fund.spent, 10, f.fund.rate, f.fund.score]);
  ws.getCell("G6").numFmt = "0.00%";
  put(7, [null, "其中：当年财政拨款", f.fund.initial, f.fund.budget, f.fund.spent, "—", "—", "—"]);
  put(8, [null, "上年结转资金", null, null, null, "—", "—", "—"]);
  put(9, [null, "其他资金", null, null, null, "—", "—", "—"]);
  ws.mergeCells("A5:A9");
  put(10, ["年度总体目标", "预期目标", null, null, null, "实际完成情况"]);
  put(11, [null, f.goals[0], null, null, null, f.goals[1]]);
  ws.mergeCells("A10:A11");
  ws.mergeCells("B10:E10");
  ws.mergeCells("F10:I10");
  ws.mergeCells("B11:E11");
  ws.mergeCells("F11:I11");
  put(12, ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]);
  f.indicators.forEach((row, i) => put(13 + i, [null, ...row]));
  const last = 12 + f.indicators.length;
  ws.mergeCells(`A12:A${last}`);
  const weights = f.indicators.reduce((s, r) => s + Number(r[5] ?? 0), 10);
  put(last + 1, ["总分", null, null, null, null, null, weights, f.filledTotal]);
  ws.mergeCells(`A${last + 1}:F${last + 1}`);
  for (let r = 1; r <= last + 1; r++)
    for (let c = 1; c <= 9; c++) {
      const cell = ws.getCell(r, c);
      if (r > 2) cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
      cell.alignment = { vertical: "middle", wrapText: true };
    }
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.getCell("A2").alignment = { horizontal: "center" };
}

export async function formWorkbookBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addForm(wb, "Sheet1", {
    project: "市直机关党建品牌建设项目",
    dept: "中共某某市直属机关工作委员会",
    unit: "市直机关党建研究会",
    fund: { initial: 120, budget: 118.5, spent: 117.32, rate: 0.99, score: 9.9 },
    goals: ["举办党建培训班不少于10期，培训合格率不低于95%。", "举办培训班10期，培训合格率80%。"],
    indicators: [
      ["产出指标", "数量指标", "举办培训班期数", "≥10期", "10期", 20, 20, null],
      [null, null, "指标2：", null, null, null, null, null],
      [null, "质量指标", "培训合格率", "≥95%", "80%", 20, 20, "部分学员缺考，已安排补考"],
      [null, "数量指标", "培训人次", "≥500人次", "520人次", 10, 10, null],
      ["效益指标", "社会效益指标", "党建品牌影响力", "明显提升", "有所提升", 20, 17, "宣传覆盖面不足，将拓展新媒体渠道"],
      ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "70%", 20, 20, "课程安排偏紧，将调整课时"],
    ],
    filledTotal: 96.9,
  });
  addForm(wb, "项目B", {
    project: "城市社区治理试点项目",
    dept: "某某市民政局",
    unit: "某某市社区建设指导中心",
    fund: { initial: 50, budget: 50, spent: 50, rate: 1, score: 10 },
    goals: ["完成5个社区治理试点。", "完成5个社区治理试点。"],
    indicators: [
      ["产出指标", "数量指标", "试点社区数", "≥5个", "5个", 40, 40, null],
      ["效益指标", "社会效益指标", "居民参与率", "≥60%", "65%", 30, 30, null],
      ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", 20, 20, null],
    ],
    filledTotal: 100,
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
