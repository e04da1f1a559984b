/**
 * The bundled sample: the 2023 部门整体支出 self-evaluation of the seed report's department, told
 * from the report's own facts (190余项 调研, 48 个单位 / 180 个支部, 1049 名党员, 8227 名参赛 …).
 * Scored, it gives the report's figures: budget 3,970.64 = 3,432.3 + 538.34 万元, execution 100%,
 * total 96.9, grade 优. Points are lost on a training target missed, a reverse (≤) indicator over
 * its limit and a 定性 indicator only partly achieved.
 */
import type { InputData } from "../core/sheets/inputSheets";
import { SAMPLE_NARRATIVE } from "./narrative";

export const SAMPLE_DATA: InputData = {
  basicInfo: {
    unitName: "中国共产党广州市直属机关工作委员会",
    year: 2023,
    type: "部门整体支出",
    profile: "dept-overall",
    amountUnit: "万元",
  },
  budget: [
    { category: "基本支出", item: "人员经费", initialBudget: 2900, budget: 2981.52, spent: 2981.52 },
    { category: "基本支出", item: "公用经费", initialBudget: 420, budget: 450.78, spent: 450.78 },
    { category: "项目支出", item: "机关作风建设（基层评议机关）", initialBudget: 180.25, budget: 180.25, spent: 180.25 },
    { category: "项目支出", item: "《作风建设在路上》电视问政", initialBudget: 120.6, budget: 120.6, spent: 120.6 },
    { category: "项目支出", item: "机关党建宣传教育", initialBudget: 95.13, budget: 95.13, spent: 95.13 },
    { category: "项目支出", item: "市直机关党员志愿服务", initialBudget: 60.2, budget: 60.2, spent: 60.2 },
    { category: "项目支出", item: "工作创新大赛及党员干部培训", initialBudget: 82.16, budget: 82.16, spent: 82.16 },
    { category: "合计", initialBudget: 3858.34, budget: 3970.64, spent: 3970.64 },
  ],
  indicators: [
    {
      level1: "产出指标",
      level2: "数量指标",
      name: "组织各单位开展党建课题调研",
      direction: "≥",
      target: 190,
      unit: "项",
      actual: 190,
      weight: 5,
    },
    { name: "“十百千”督查计划现场督查帮带市直单位机关党委", direction: "≥", target: 48, unit: "个", actual: 48, weight: 5 },
    { name: "现场督查帮带基层党支部", direction: "≥", target: 180, unit: "个", actual: 180, weight: 5 },
    { name: "督查访谈党员", target: "≥1000名", actual: 1049, weight: 5 },
    { name: "组织党员干部参加“学思想 强党性 共奋斗”知识挑战赛", direction: "≥", target: 8000, unit: "名", actual: 8227, weight: 5 },
    {
      name: "举办市直机关党务干部培训班",
      direction: "≥",
      target: 12,
      unit: "期",
      actual: 10,
      weight: 3,
      deviation: "受主题教育集中学习安排影响，2 期培训并入主题教育读书班开展；2024 年提前制定培训计划，按季度排期。",
    },
    { name: "推动市直机关实施“书记项目”", direction: "≥", target: 80, unit: "个", actual: 84, weight: 5 },
    { name: "首届“金穗杯”工作创新大赛汇集党建项目", direction: "≥", target: 300, unit: "个", actual: 351, weight: 4 },
    { name: "上线《作风建设在路上》电视问政节目", direction: "≥", target: 10, unit: "期", actual: 10, weight: 4 },
    { name: "固定资产盘点清查后报废处置", direction: "≥", target: 150, unit: "件（套）", actual: 180, weight: 3 },
    { level2: "质量指标", name: "项目支出绩效目标申报覆盖率", target: "=100%", actual: "100%", weight: 5 },
    { name: "项目支出绩效目标公开覆盖率", direction: "=", target: 100, unit: "%", actual: 100, weight: 5 },
    {
      level2: "时效指标",
      name: "基层评议意见建议转办反馈平均用时",
      direction: "≤",
      target: 24,
      unit: "天",
      actual: 25,
      weight: 5,
      deviation: "2019 条意见建议集中在年末转办，部分涉及多个单位需会商；下一年度实行按月分批转办。",
    },
    { level2: "成本指标", name: "项目支出总额控制在预算以内", target: "≤538.34万元", actual: 538.34, weight: 6 },
    {
      level1: "效益指标",
      level2: "社会效益指标",
      name: "基层评议机关有效评议票",
      direction: "≥",
      target: 17,
      unit: "万张",
      actual: 17.87,
      weight: 5,
    },
    {
      name: "机关作风建设成效",
      nature: "定性",
      target: "机关作风持续改进，“不作为、慢作为、乱作为”问题明显减少",
      actual: "制定实施 6 个方面 20 条优化措施，部分问题整改仍在推进",
      weight: 10,
      tier: "部分达成年度指标并具有一定效果",
      selfScore: 7.6,
      deviation: "部分整改事项跨年度实施；下一步建立整改台账，逐项对账销号。",
    },
    {
      level1: "满意度指标",
      level2: "服务对象满意度指标",
      name: "市直机关党员干部对工委服务满意度",
      target: "≥90%",
      actual: { v: 0.935, numFmt: "0.0%" },
      weight: 10,
    },
    { level1: "预算执行", level2: "预算执行率", name: "部门预算执行率", target: "100%", actual: "100%", weight: 10, method: "执行率" },
  ],
  texts: SAMPLE_NARRATIVE,
};
