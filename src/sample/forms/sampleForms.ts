/**
 * assets/sample-form.xlsx: the seed department's (中国共产党广州市直属机关工作委员会, 2023) project
 * spending as the official 项目支出绩效自评表 it would fill, three projects on three sheets in three
 * provincial variants, budgets 237.49 + 180.25 + 120.6 = 538.34 万元 (the report's 项目支出), all spent.
 * The facts are the report's own (1449 篇推文, 8227 名参赛, 10 期培训班, 351 个党建项目, 80余篇次上级
 * 媒体, 17.87 万张评议票, 2019 条意见建议, 20 条优化措施, 10 期电视问政). A few slips a reviewer
 * would catch are left in: a missed target scored full with no reason, a target beaten by a third
 * with no explanation, a 总分 with two digits swapped.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { type SheetSpec, buildFormWorkbook, fundBlock, indicatorBlock, pct, projectInfo } from "./build";

/** The seed department, as each form names it. */
export const SAMPLE_DEPARTMENT = "中国共产党广州市直属机关工作委员会";
const GOALS = {
  expected: "围绕机关党建品牌化战略，开展宣传教育、志愿服务、工作创新大赛和党员干部培训。",
  actual: "各项任务按计划完成，机关党建品牌影响力明显提升。",
};

export const SAMPLE_FORM_SHEETS: SheetSpec[] = [
  {
    // The national form (财预〔2020〕10号). Rows: fund 5–9, header 12, indicators 13–20, 总分 21.
    name: "党建品牌",
    forms: [
      {
        title: "项目支出绩效自评表",
        period: "（2023年度）",
        info: projectInfo("市直机关党建品牌建设项目", SAMPLE_DEPARTMENT, SAMPLE_DEPARTMENT),
        fund: fundBlock({ initial: 230, budget: 237.49, spent: 237.49, weight: 10, rate: pct(1), score: 10 }, [
          ["其中：当年财政拨款", 230, 237.49, 237.49],
        ]),
        goals: GOALS,
        indicators: indicatorBlock(
          [
            {
              level1: "产出指标",
              level2: "数量指标",
              name: "“一报一网双微”发出推文",
              target: "≥1400篇",
              actual: "1449篇",
              weight: 10,
              score: 10,
            }, // 13
            { name: "“学思想 强党性 共奋斗”知识挑战赛参赛党员", target: "≥8000名", actual: "8227名", weight: 10, score: 10 }, // 14
            { name: "举办党务干部培训班", target: "≥12期", actual: "10期", weight: 10, score: 10 }, // 15: slip, no reason
            { name: "首届“金穗杯”工作创新大赛汇集党建项目", target: "≥300个", actual: "351个", weight: 10, score: 10 }, // 16
            { level2: "质量指标", name: "上级媒体选用文章", target: "≥60篇次", actual: "80篇次", weight: 10, score: 10 }, // 17: 133%
            { level2: "时效指标", name: "年度培训完成时间", target: "2023年12月", actual: "2023年11月", weight: 10, score: 10 }, // 18
            {
              level1: "效益指标",
              level2: "社会效益指标",
              name: "机关党建品牌影响力",
              target: "明显提升",
              actual: "明显提升",
              weight: 20,
              score: 20,
            }, // 19
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "参训学员满意度",
              target: "≥90%",
              actual: "95%",
              weight: 10,
              score: 10,
            }, // 20
          ],
          { weight: 100, score: 100 },
        ),
        footer: [["填报日期：2024年3月15日", "联系人：机关工委财务科"]],
      },
    ],
  },
  {
    // 公开14表: 指标性质 | 指标值 | 度量单位 under 年度指标值. Header 12–13, indicators 14–18, 总分 19;
    // columns E–G target, H 实际完成值, I 分值, J 得分, K 偏差.
    name: "公开14表",
    forms: [
      {
        title: "项目支出绩效自评表(公开14表)",
        period: "（2023年度）",
        info: projectInfo("机关作风建设（基层评议机关）", SAMPLE_DEPARTMENT, SAMPLE_DEPARTMENT),
        fund: fundBlock({ initial: 180.25, budget: 180.25, spent: 180.25, weight: 10, rate: pct(1), score: 10 }, [
          ["其中：当年财政拨款", 180.25, 180.25, 180.25],
        ]),
        goals: {
          expected: "完成2022年度基层评议机关工作，推动机关转作风树新风。",
          actual: "分析17.87万张有效评议票和2019条意见建议，制定实施6个方面20条优化措施。",
        },
        indicators: indicatorBlock(
          [
            {
              level1: "产出指标",
              level2: "数量指标",
              name: "有效评议票",
              nature: "≥",
              value: 15,
              unit: "万张",
              actual: 17.87,
              weight: 30,
              score: 30,
            }, // 14
            { name: "收集意见建议", nature: "≥", value: 2000, unit: "条", actual: 2019, weight: 20, score: 20 }, // 15
            { name: "制定优化措施", nature: "≥", value: 20, unit: "条", actual: 20, weight: 10, score: 10 }, // 16
            { level2: "质量指标", name: "被评议单位整改率", nature: "=", value: 100, unit: "%", actual: 100, weight: 10, score: 10 }, // 17
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "基层评议满意度",
              nature: "≥",
              value: 90,
              unit: "%",
              actual: 88.5,
              weight: 20,
              score: 19.67,
              deviation: "个别窗口单位办事效率仍有差距，已纳入2024年度整改清单。",
            }, // 18
          ],
          { weight: 100, score: 99.76 },
          { twoRow: {} },
        ),
      },
    ],
  },
  {
    // 权重 before 指标值, amounts in 元 as text. Indicators 13–17, 总分 18.
    name: "Sheet3",
    forms: [
      {
        title: "项目支出绩效自评表",
        period: "（2023年度）",
        info: projectInfo("《作风建设在路上》电视问政", SAMPLE_DEPARTMENT, SAMPLE_DEPARTMENT),
        fund: fundBlock(
          { initial: "1,206,000.00", budget: "1,206,000.00", spent: "1,206,000.00", weight: 10, rate: "100.00%", score: 10 },
          [["其中：当年财政拨款", "1,206,000.00", "1,206,000.00", "1,206,000.00"]],
          { label: "项目资金（元）" },
        ),
        goals: GOALS,
        indicators: indicatorBlock(
          [
            { level1: "产出指标", level2: "数量指标", name: "上线电视问政节目", weight: 30, target: "≥10期", actual: "10期", score: 30 }, // 13
            { level2: "质量指标", name: "节目按期播出率", weight: 20, target: "＝100%", actual: "100%", score: 20 }, // 14
            { level2: "成本指标", name: "单期节目制作成本", weight: 20, target: "12万元", actual: "11.8万元", score: 20 }, // 15
            {
              level1: "效益指标",
              level2: "社会效益指标",
              name: "作风建设社会关注度",
              weight: 10,
              target: "明显提升",
              actual: "有所提升",
              score: 8,
              deviation: "节目传播渠道仍以电视为主，2024年增加网络直播。",
            }, // 16
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "观众满意度",
              weight: 10,
              target: "≥85%",
              actual: "90%",
              score: 10,
            }, // 17
          ],
          { weight: 100, score: 98 },
          { columns: ["level1", "level2", "name", ["weight", "权重"], ["target", "指标值"], "actual", "score", "deviation"] },
        ),
      },
    ],
  },
];

export const buildSampleFormWorkbook = () => buildFormWorkbook(SAMPLE_FORM_SHEETS);

/** Writes assets/sample-form.xlsx (scripts/make-sample-form.js, `npm run sample`). */
export async function writeSampleForm(file: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await buildSampleFormWorkbook().xlsx.writeFile(file);
}
