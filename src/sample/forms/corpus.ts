/**
 * The forms corpus: official 绩效自评表 workbooks as departments fill them, each with what a
 * reviewer computes by hand (test/integration/forms.test.ts holds the reader to it). Layouts
 * follow forms.md and published tables (see README.md). The arithmetic is in the comments;
 * ROUND(x, 2) per item, total = sum of the rounded items.
 *
 * National layout (one form, two info lines): title 1, period 2, info 3–4, fund header 5,
 * 年度资金总额 6, sources 7–9, 年度总体目标 10–11, indicator header 12, first indicator 13;
 * fund columns D 年初 E 全年预算 F 全年执行 G 分值 H 执行率 I 得分; indicator columns A 绩效指标
 * B 一级 C 二级 D 三级 E 年度指标值 F 实际完成值 G 分值 H 得分 I 偏差原因.
 */
import type ExcelJS from "exceljs";
import {
  type FormSpec,
  type FundBlock,
  type IndicatorBlock,
  type IndicatorRow,
  type SheetSpec,
  NATIONAL_FUND_COLUMNS,
  buildFormWorkbook,
  fundBlock,
  indicatorBlock,
  pct,
  projectInfo,
} from "./build";
import { ALSO, type CorpusEntry, VARIES } from "./expected";
import { PUBLISHED_ENTRIES } from "./published";
import { SAMPLE_FORM_ENTRY } from "./sampleForms";

const PARTY = "中共广州市直属机关工作委员会";
const GOALS = { expected: "按年度计划完成各项任务，资金使用规范高效。", actual: "年度任务全部完成，资金按计划支出。" };

const build = (sheets: SheetSpec[]) => () => Promise.resolve<ExcelJS.Workbook>(buildFormWorkbook(sheets));

// ---------------------------------------------------------------------------------------------
// 1. The national form as forms.md shows it.
const national: CorpusEntry = {
  name: "national-form",
  variants: [VARIES.units, VARIES.unused, ALSO.tier, ALSO.time],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("市直机关党建品牌建设项目", "市直机关党建研究会"),
          fund: fundBlock({ initial: 120, budget: 118.5, spent: 117.32, weight: 10, rate: pct(0.99, "0.0%"), score: 9.9 }, [
            ["其中：当年财政拨款", 120, 118.5, 117.32],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "举办培训班期数", target: "≥10期", actual: "10期", weight: 10, score: 10 }, // 13
              { name: "指标2：" }, // 14, unused
              {
                name: "培训人次",
                target: "≥1200人次",
                actual: "1150人次",
                weight: 10,
                score: 9.58,
                deviation: "部分学员因公务冲突未能参训，下年错峰排期。",
              }, // 15
              { level2: "质量指标", name: "培训合格率", target: "≥95%", actual: "98%", weight: 10, score: 10 }, // 16
              { level2: "时效指标", name: "培训完成时间", target: "2023年11月底前", actual: "2023年11月", weight: 10, score: 10 }, // 17
              { level2: "成本指标", name: "培训人均成本", target: "≤800元", actual: "760元", weight: 10, score: 10 }, // 18
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "党建品牌影响力",
                target: "明显提升",
                actual: "明显提升",
                weight: 10,
                score: 7,
                deviation: "宣传覆盖面不足，下年拓展新媒体渠道。",
              }, // 19
              { name: "宣传报道篇数", target: "≥80篇", actual: "86篇", weight: 10, score: 10 }, // 20
              { level2: "可持续影响指标", name: "机关党建工作机制", target: "建立长效机制", actual: "已建立", weight: 10, score: 10 }, // 21
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "学员满意度",
                target: "≥90%",
                actual: "91.3%",
                weight: 10,
                score: 10,
              }, // 22
            ],
            { weight: 100, score: 96.48 }, // 23
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "市直机关党建品牌建设项目",
        unit: "市直机关党建研究会",
        budget: 118.5,
        spent: 117.32,
        rate: 117.32 / 118.5, // 0.990042…
        execution: { weight: 10, score: 9.9, filled: 9.9 }, // 10×0.990042 = 9.90
        indicators: [
          { name: "举办培训班期数", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "培训人次", method: "正向比例", weight: 10, score: 9.58, filled: 9.58 }, // 10×1150/1200 = 9.583
          { name: "培训合格率", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "培训完成时间", method: "反向比例", weight: 10, score: 10, filled: 10 }, // month 11 ≤ 11
          { name: "培训人均成本", method: "反向比例", weight: 10, score: 10, filled: 10 },
          { name: "党建品牌影响力", method: "定性分档", weight: 10, score: 7, filled: 7 },
          { name: "宣传报道篇数", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "机关党建工作机制", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "学员满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 96.48, filled: 96.48, max: 100, grade: "优" }, // 9.9 + 10 + 9.58 + 10×6 + 7
        differences: 0,
      },
    ],
    // 明显提升 as the actual → tier 达成 → [8, 10]; 7 is outside.
    warnings: [{ cell: "Sheet1!H19", includes: "得分范围" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 2. 公开14表: two-row header 指标性质 | 指标值 | 度量单位, 权重 before the target, units in their column.
// Indicator columns: A 绩效指标 B 一级 C 二级 D 三级 E 权重 F 性质 G 指标值 H 度量单位 I 完成值 J 得分 K 偏差.
const gongkai14: CorpusEntry = {
  name: "gongkai14-two-row-header",
  variants: [VARIES.names, VARIES.twoRow, VARIES.order, VARIES.units, VARIES.synonyms, ALSO.wrongScore, ALSO.noReason],
  build: build([
    {
      name: "公开14表",
      forms: [
        {
          title: "项目支出绩效自评表(公开14表)",
          period: "（2023年度）",
          info: projectInfo("市直机关党建课题调研项目", "市直机关党建研究会"),
          fund: fundBlock({ initial: 80, budget: 80, spent: 76.5, weight: 10, rate: pct(0.95625), score: 9.56 }, [
            ["其中：当年财政拨款", 80, 80, 76.5],
          ]),
          goals: GOALS,
          indicators: {
            label: "绩效指标",
            columns: ["level1", "level2", "name", ["weight", "权重"], "target", ["actual", "完成值"], "score", "deviation"],
            twoRow: {},
            rows: [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "组织开展党建课题调研",
                nature: "≥",
                value: 190,
                unit: "项",
                actual: 190,
                weight: 20,
                score: 20,
              }, // 14
              { name: "现场督查帮带基层党支部", nature: "≥", value: 180, unit: "个", actual: "180个", weight: 10, score: 10 }, // 15
              { level2: "质量指标", name: "调研成果采用率", nature: "≥", value: 60, unit: "%", actual: "55%", weight: 10, score: 10 }, // 16: slip
              { level2: "成本指标", name: "课题经费控制数", nature: "≤", value: 60, unit: "万元", actual: 58.6, weight: 10, score: 10 }, // 17
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "调研成果转化应用",
                nature: "定性",
                value: "有效",
                actual: "达到预期",
                weight: 20,
                score: 18,
              }, // 18
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "参与单位满意度",
                nature: "≥",
                value: 95,
                unit: "%",
                actual: 96.5,
                weight: 20,
                score: 20,
              }, // 19
            ],
            total: { weight: 100, score: 97.56 }, // 20
          },
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "公开14表",
        type: "项目支出",
        year: 2023,
        project: "市直机关党建课题调研项目",
        unit: "市直机关党建研究会",
        budget: 80,
        spent: 76.5,
        rate: 0.95625,
        execution: { weight: 10, score: 9.56, filled: 9.56 }, // 10×0.95625 = 9.5625
        indicators: [
          { name: "组织开展党建课题调研", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "现场督查帮带基层党支部", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "调研成果采用率", method: "正向比例", weight: 10, score: 9.17, filled: 10 }, // 10×55/60 = 9.167
          { name: "课题经费控制数", method: "反向比例", weight: 10, score: 10, filled: 10 },
          { name: "调研成果转化应用", method: "定性分档", weight: 20, score: 18, filled: 18 },
          { name: "参与单位满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 96.73, filled: 97.56, max: 100, grade: "优" }, // 9.56+20+10+9.17+10+18+20; filled 9.56+…+10+…
        differences: 1,
      },
    ],
    warnings: [
      { cell: "公开14表!J16", includes: "填报得分 10，按规则应为 9.17" },
      { cell: "公开14表!K16", includes: "偏差原因" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// 3. 2022年度… title, 单位名称 line, synonyms everywhere, no 年初预算数 column, 执行率 as text, footer.
// Rows: title 1, 单位名称 2, info 3, fund header 4, total 5, sources 6–8, goals 9–10, header 11, rows 12–17, 总分 18.
// Fund columns D 调整后预算数 E 实际支出 F 分值 G 预算执行率 H 得分.
const synonyms2022: CorpusEntry = {
  name: "synonyms-2022-title",
  variants: [VARIES.names, VARIES.synonyms, VARIES.order, VARIES.rate, ALSO.time],
  build: build([
    {
      name: "自评表",
      forms: [
        {
          title: "2022年度项目支出绩效自评表",
          period: null,
          info: [
            "单位名称：广州市直机关党员志愿服务中心",
            [
              ["项目名称", "市直机关党员志愿服务项目"],
              ["主管部门", PARTY],
            ],
          ],
          fund: fundBlock(
            { budget: 60.2, spent: 60.2, weight: 10, rate: "100.00%", score: 10 },
            [["其中：当年财政拨款", undefined, 60.2, 60.2]],
            {
              columns: [["budget", "调整后预算数"], ["spent", "实际支出"], "weight", ["rate", "预算执行率"], "score"],
            },
          ),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "组织志愿服务活动", target: "≥40次", actual: "46次", weight: 20, score: 20 }, // 12
              {
                name: "参与志愿服务党员人次",
                target: "≥5000人次",
                actual: "4600人次",
                weight: 15,
                score: 13.8,
                deviation: "受台风天气影响取消4场活动。",
              }, // 13
              { level2: "质量指标", name: "志愿服务记录规范率", target: "＝100%", actual: "100%", weight: 10, score: 10 }, // 14
              { level2: "时效指标", name: "年度活动完成时间", target: "11月底前", actual: "11月20日", weight: 10, score: 10 }, // 15
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "志愿服务社会影响",
                target: "显著提升",
                actual: "显著提升",
                weight: 20,
                score: 20,
              }, // 16
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "群众满意度",
                target: "≥90%",
                actual: "95%",
                weight: 15,
                score: 15,
              }, // 17
            ],
            { weight: 100, score: 98.8 },
            {
              columns: [
                "level1",
                "level2",
                "name",
                ["target", "目标值"],
                ["actual", "全年实际值"],
                ["weight", "标准分"],
                ["score", "自评得分"],
                ["deviation", "未完成原因和改进措施"],
              ],
            },
          ),
          footer: [["填报日期：2023年2月20日", "联系人：李静 020-83123456"]],
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "自评表",
        type: "项目支出",
        year: 2022,
        project: "市直机关党员志愿服务项目",
        unit: "广州市直机关党员志愿服务中心",
        budget: 60.2,
        spent: 60.2,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "组织志愿服务活动", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "参与志愿服务党员人次", method: "正向比例", weight: 15, score: 13.8, filled: 13.8 }, // 15×4600/5000
          { name: "志愿服务记录规范率", method: "等于", weight: 10, score: 10, filled: 10 },
          { name: "年度活动完成时间", method: "反向比例", weight: 10, score: 10, filled: 10 }, // 10+20/30 ≤ 11
          { name: "志愿服务社会影响", method: "定性分档", weight: 20, score: 20, filled: 20 },
          { name: "群众满意度", method: "正向比例", weight: 15, score: 15, filled: 15 },
        ],
        total: { rule: 98.8, filled: 98.8, max: 100, grade: "优" }, // 10+20+13.8+10+10+20+15
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 4. Every operator form, spaces, full-width digits and ％; 无/零 actuals. Rows 13–30, 总分 31.
const operatorRows: IndicatorRow[] = [
  { level1: "产出指标", level2: "数量指标", name: "举办专题讲座", target: "≧20场", actual: "20场" }, // 13
  { name: "参训党员人数", target: "＞500人", actual: "480人", score: 4.8, deviation: "部分党员因执勤未能参训。" }, // 14: 5×480/500
  { name: "建成示范党支部", target: ">10个", actual: "12个" }, // 15
  { name: "党员教育覆盖率", target: "不低于90%", actual: "92%" }, // 16
  { name: "配发学习读本", target: "3000册以上", actual: "3200册" }, // 17
  { name: "学习平台注册率", target: "大于等于98％", actual: "99％" }, // 18
  { name: "举办读书班", target: "≥１２期", actual: "１２期" }, // 19: full-width digits
  { level2: "质量指标", name: "资金结余率", target: "≤5%", actual: "3%" }, // 20
  { name: "活动方案调整次数", target: "≦2次", actual: "1次" }, // 21
  { name: "安全责任事故", target: "＜3起", actual: "无" }, // 22: 无 = 0
  { name: "课件差错率", target: "<1%", actual: "1.25%", score: 4, deviation: "个别课件校对不严，已建立三审制度。" }, // 23: 5×1/1.25
  { name: "数据统计误差率", target: "0.5%以内", actual: "0.3%" }, // 24
  { name: "有效投诉", target: "2起以下", actual: "零" }, // 25: 零 = 0
  { level2: "成本指标", name: "讲座场均成本", target: "不高于3万元", actual: "2.85万元" }, // 26
  { name: "读本印制费用", target: "不超过15万元", actual: "16万元", score: 4.69, deviation: "纸价上涨，下年提前采购。" }, // 27: 5×15/16 = 4.6875
  { level1: "效益指标", level2: "社会效益指标", name: "学习任务完成率", target: "═100%", actual: "100%" }, // 28
  { name: "集中学习研讨次数", target: "等于4次", actual: "4次" }, // 29
  { level1: "满意度指标", level2: "服务对象满意度指标", name: "参训党员满意度", target: "≥ 95 %", actual: "96 %" }, // 30
].map((r) => ({ weight: 5, score: 5, ...r }));

const operators: CorpusEntry = {
  name: "operators-spaces-full-width",
  variants: [VARIES.operators, VARIES.units],
  build: build([
    {
      name: "党员教育",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("市直机关党员教育培训项目", "市直机关党校"),
          fund: fundBlock({ initial: 200, budget: 200, spent: 198, weight: 10, rate: pct(0.99), score: 9.9 }, [
            ["其中：当年财政拨款", 200, 200, 198],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(operatorRows, { weight: 100, score: 98.39 }),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "党员教育",
        type: "项目支出",
        year: 2023,
        project: "市直机关党员教育培训项目",
        unit: "市直机关党校",
        budget: 200,
        spent: 198,
        rate: 0.99,
        execution: { weight: 10, score: 9.9, filled: 9.9 },
        indicators: [
          { name: "举办专题讲座", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "参训党员人数", method: "正向比例", weight: 5, score: 4.8, filled: 4.8 },
          { name: "建成示范党支部", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "党员教育覆盖率", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "配发学习读本", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "学习平台注册率", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "举办读书班", method: "正向比例", weight: 5, score: 5, filled: 5 },
          { name: "资金结余率", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "活动方案调整次数", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "安全责任事故", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "课件差错率", method: "反向比例", weight: 5, score: 4, filled: 4 },
          { name: "数据统计误差率", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "有效投诉", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "讲座场均成本", method: "反向比例", weight: 5, score: 5, filled: 5 },
          { name: "读本印制费用", method: "反向比例", weight: 5, score: 4.69, filled: 4.69 },
          { name: "学习任务完成率", method: "等于", weight: 5, score: 5, filled: 5 },
          { name: "集中学习研讨次数", method: "等于", weight: 5, score: 5, filled: 5 },
          { name: "参训党员满意度", method: "正向比例", weight: 5, score: 5, filled: 5 },
        ],
        total: { rule: 98.39, filled: 98.39, max: 100, grade: "优" }, // 9.9 + 15×5 + 4.8 + 4 + 4.69
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 5. Actuals with units and with the target's operator, 成本指标 bare amounts, ≥130% without a reason.
// Rows: title 1, period 2, 部门 3, 项目名称 4, fund 5–9, goals 10–11, header 12, rows 13–19, 总分 20.
// Synonyms: 预算数 / 执行数; 实际值 / 分数 / 评分 / 偏差原因.
const actualsWithOperator: CorpusEntry = {
  name: "actuals-with-operator-and-units",
  variants: [VARIES.operatorActual, VARIES.units, VARIES.names, VARIES.synonyms, VARIES.rate, ALSO.over130],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: ["部门：广州市越秀区文化广电旅游体育局", [["项目名称", "社区健身步道建设项目"]]],
          fund: fundBlock(
            { initial: 150, budget: 150, spent: 150, weight: 10, rate: pct(1, "0%"), score: 10 },
            [["其中：当年财政拨款", 150, 150, 150]],
            {
              columns: ["initial", ["budget", "预算数"], ["spent", "执行数"], "weight", "rate", "score"],
            },
          ),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "新建健身步道长度",
                target: "≥266米",
                actual: "≥266米",
                weight: 15,
                score: 15,
              }, // 13
              { name: "配套健身器材", target: "190项", actual: "190项", weight: 15, score: 15 }, // 14
              { name: "开展安全巡查", target: "≥12次", actual: "16次", weight: 15, score: 15 }, // 15: 16/12 = 133%
              { level2: "质量指标", name: "工程验收合格率", target: "≥98%", actual: "98%", weight: 10, score: 10 }, // 16
              { level2: "成本指标", name: "步道建设总成本", target: "120万元", actual: "118.6万元", weight: 15, score: 15 }, // 17
              { name: "每米综合造价", target: "4500", actual: "4680", weight: 10, score: 9.62, deviation: "材料价格上涨。" }, // 18: 10×4500/4680
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "周边居民满意度",
                target: "≥90%",
                actual: "93%",
                weight: 10,
                score: 10,
              }, // 19
            ],
            { weight: 100, score: 99.62 },
            {
              columns: [
                "level1",
                "level2",
                "name",
                "target",
                ["actual", "实际值"],
                ["weight", "分数"],
                ["score", "评分"],
                ["deviation", "偏差原因"],
              ],
            },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "社区健身步道建设项目",
        unit: "广州市越秀区文化广电旅游体育局",
        budget: 150,
        spent: 150,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "新建健身步道长度", method: "正向比例", weight: 15, score: 15, filled: 15 }, // ≥266米 read as 266: met
          { name: "配套健身器材", method: "正向比例", weight: 15, score: 15, filled: 15 },
          { name: "开展安全巡查", method: "正向比例", weight: 15, score: 15, filled: 15 },
          { name: "工程验收合格率", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "步道建设总成本", method: "反向比例", weight: 15, score: 15, filled: 15 }, // 成本指标 bare amount = ceiling
          { name: "每米综合造价", method: "反向比例", weight: 10, score: 9.62, filled: 9.62 }, // 10×4500/4680 = 9.615
          { name: "周边居民满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.62, filled: 99.62, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [{ cell: "Sheet1!I15", includes: "≥130%" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 6. Time targets; 执行率 as a bare 95; a filled 得分 of full marks on a late row.
// Header 指标值 (single row). Rows 13–19, 总分 20.
const timeTargets: CorpusEntry = {
  name: "time-targets",
  variants: [ALSO.time, VARIES.operatorActual, VARIES.rate, VARIES.names, ALSO.wrongScore],
  build: build([
    {
      name: "城中村改造",
      forms: [
        {
          title: "项目支出绩效目标自评表",
          period: "（2023年度）",
          info: projectInfo("城中村党建引领治理提质项目", "市直机关党建指导中心"),
          fund: fundBlock({ initial: 300, budget: 280, spent: 266, weight: 10, rate: 95, score: 9.5 }, [
            ["其中：当年财政拨款", 300, 280, 266],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "时效指标",
                name: "项目完工时间",
                target: "2023年12月",
                actual: "2024年3月",
                weight: 20,
                score: 20,
                deviation: "施工许可延迟办理。",
              }, // 13
              { name: "实施方案印发时间", target: "9月前", actual: "8月", weight: 10, score: 10 }, // 14
              { name: "验收完成时间", target: "11月底前", actual: "12月15日", weight: 10, score: 9.57, deviation: "验收专家调整。" }, // 15
              { name: "群众诉求办结时限", target: "2天以内", actual: "3天", weight: 10, score: 6.67, deviation: "诉求集中，人手不足。" }, // 16
              { name: "资料审核周期", target: "30个工作日", actual: "25个工作日", weight: 10, score: 10 }, // 17
              { level2: "数量指标", name: "改造党建阵地点位", target: "≥20个", actual: "20个", weight: 20, score: 20 }, // 18
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "村民满意度",
                target: "≥90%",
                actual: "92%",
                weight: 10,
                score: 10,
              }, // 19
            ],
            { weight: 100, score: 95.74 },
            { columns: ["level1", "level2", "name", ["target", "指标值"], "actual", "weight", "score", "deviation"] },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "城中村改造",
        type: "项目支出",
        year: 2023,
        project: "城中村党建引领治理提质项目",
        unit: "市直机关党建指导中心",
        budget: 280,
        spent: 266,
        rate: 0.95, // 266/280; the filled 95 means 95%
        execution: { weight: 10, score: 9.5, filled: 9.5 },
        indicators: [
          { name: "项目完工时间", method: "反向比例", weight: 20, score: 16, filled: 20 }, // months 15 vs 12: 20×12/15
          { name: "实施方案印发时间", method: "反向比例", weight: 10, score: 10, filled: 10 }, // 8 ≤ 9
          { name: "验收完成时间", method: "反向比例", weight: 10, score: 9.57, filled: 9.57 }, // 11+15/30 = 11.5 (a month counts 30 days): 10×11/11.5 = 9.565
          { name: "群众诉求办结时限", method: "反向比例", weight: 10, score: 6.67, filled: 6.67 }, // 10×2/3
          { name: "资料审核周期", method: "反向比例", weight: 10, score: 10, filled: 10 }, // 25 ≤ 30
          { name: "改造党建阵地点位", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "村民满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 91.74, filled: 95.74, max: 100, grade: "优" }, // 9.5+16+10+9.57+6.67+10+20+10
        differences: 1,
      },
    ],
    warnings: [{ cell: "城中村改造!H13", includes: "填报得分 20，按规则应为 16" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 7. Unused template lines and subtotal lines; 一级/二级 only on the first row of their group.
// Rows 13–25, 总分 26.
const unusedAndSubtotals: CorpusEntry = {
  name: "unused-lines-and-subtotals",
  variants: [VARIES.unused, ALSO.subtotals, VARIES.names],
  build: build([
    {
      name: "读书活动",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("“书和远方”市直机关党员干部读书活动", "市直机关工委宣传部"),
          fund: fundBlock({ initial: 95.13, budget: 95.13, spent: 95.13, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 95.13, 95.13, 95.13],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", weight: 50, score: 49.65 }, // 13: subtotal
              { level2: "数量指标", name: "举办读书活动场次", target: "≥12场", actual: "12场", weight: 20, score: 20 }, // 14
              { name: "指标2：" }, // 15
              {
                level2: "质量指标",
                name: "活动参与率",
                target: "≥85%",
                actual: "83%",
                weight: 15,
                score: 14.65,
                deviation: "部分单位集中学习时间冲突。",
              }, // 16
              { level2: "时效指标" }, // 17: only a 二级 label
              { level2: "成本指标", name: "活动成本", target: "≤15万元", actual: "14.2万元", weight: 15, score: 15 }, // 18
              { name: "……" }, // 19
              { level1: "二、效益指标", weight: 30, score: 30 }, // 20: numbered subtotal
              { level2: "社会效益指标", name: "党员干部人均阅读量", target: "≥6本", actual: "7本", weight: 30, score: 30 }, // 21
              { level2: "经济效益指标" }, // 22
              { level1: "满意度指标", weight: 10, score: 10 }, // 23: subtotal
              { level2: "服务对象满意度指标", name: "指标1：服务对象满意度", target: "≥90%", actual: "94%", weight: 10, score: 10 }, // 24
              { name: "指标2：" }, // 25
            ],
            { weight: 100, score: 99.65 },
            { group: "first" },
          ),
          notes: "无",
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "读书活动",
        type: "项目支出",
        year: 2023,
        project: "“书和远方”市直机关党员干部读书活动",
        unit: "市直机关工委宣传部",
        budget: 95.13,
        spent: 95.13,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "举办读书活动场次", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "活动参与率", method: "正向比例", weight: 15, score: 14.65, filled: 14.65 }, // 15×83/85 = 14.647
          { name: "活动成本", method: "反向比例", weight: 15, score: 15, filled: 15 },
          { name: "党员干部人均阅读量", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "服务对象满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.65, filled: 99.65, max: 100, grade: "优" }, // subtotals not counted: 10+20+14.65+15+30+10
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 8. No 分值 column, no weights in labels: filled 得分 stand as 直接评分, one warning on the header's 得分.
// Indicator columns: A 绩效指标 B 一级 C 二级 D 三级 E 目标 F 实际 G 得分 H 偏差. Header row 12.
const noWeightColumn: CorpusEntry = {
  name: "no-weight-column",
  variants: [VARIES.noWeight, VARIES.order],
  build: build([
    {
      name: "宣传工作",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关党建宣传教育项目", "市直机关工委宣传部"),
          fund: fundBlock({ initial: 50, budget: 50, spent: 50, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 50, 50, 50],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "“一报一网双微”推文", target: "≥1400篇", actual: "1449篇", score: 30 },
              { level2: "质量指标", name: "上级媒体选用", target: "≥5篇次", actual: "6篇次", score: 20 },
              { level1: "效益指标", level2: "社会效益指标", name: "机关党建影响力", target: "持续提升", actual: "明显提升", score: 25 },
              { level1: "满意度指标", level2: "服务对象满意度指标", name: "读者满意度", target: "≥90%", actual: "95%", score: 15 },
            ],
            { score: 100 },
            { columns: ["level1", "level2", "name", "target", "actual", "score", "deviation"] },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "宣传工作",
        type: "项目支出",
        year: 2023,
        project: "机关党建宣传教育项目",
        unit: "市直机关工委宣传部",
        budget: 50,
        spent: 50,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "“一报一网双微”推文", method: "直接评分", weight: 30, score: 30, filled: 30 },
          { name: "上级媒体选用", method: "直接评分", weight: 20, score: 20, filled: 20 },
          { name: "机关党建影响力", method: "直接评分", weight: 25, score: 25, filled: 25 },
          { name: "读者满意度", method: "直接评分", weight: 15, score: 15, filled: 15 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [{ cell: "宣传工作!G12", includes: "未找到分值列", count: 1 }],
  },
};

// ---------------------------------------------------------------------------------------------
// 9. A row with 分值 and 得分 but neither target nor actual; a 定性 row achieved with 得分 blank; 总分 blank.
const noTargetNoActual: CorpusEntry = {
  name: "no-target-no-actual",
  variants: [VARIES.noTarget, VARIES.rate],
  build: build([
    {
      name: "培训项目",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("工作创新大赛及党员干部培训", "市直机关工委组织部"),
          fund: fundBlock({ initial: 82.16, budget: 82.16, spent: 80, weight: 10, rate: 0.9737, score: 9.74 }, [
            ["其中：当年财政拨款", 82.16, 82.16, 80],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "举办培训班", target: "≥10期", actual: "10期", weight: 30, score: 30 }, // 13
              { level2: "质量指标", name: "培训组织规范性", weight: 20, score: 18, deviation: "个别班次签到不全。" }, // 14
              { level1: "效益指标", level2: "社会效益指标", name: "党务干部能力提升", target: "明显提升", actual: "明显提升", weight: 20 }, // 15
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "学员满意度",
                target: "≥90%",
                actual: "96%",
                weight: 20,
                score: 20,
              }, // 16
            ],
            { weight: 100 },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "培训项目",
        type: "项目支出",
        year: 2023,
        project: "工作创新大赛及党员干部培训",
        unit: "市直机关工委组织部",
        budget: 82.16,
        spent: 80,
        rate: 80 / 82.16, // 0.973710…; the filled 0.9737 is within 0.01%
        execution: { weight: 10, score: 9.74, filled: 9.74 }, // 10×0.97371 = 9.737
        indicators: [
          { name: "举办培训班", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "培训组织规范性", method: "直接评分", weight: 20, score: 18, filled: 18 },
          { name: "党务干部能力提升", method: "定性分档", weight: 20, score: 20, filled: null }, // 达成, 得分 blank → full
          { name: "学员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 97.74, filled: null, max: 100, grade: "优" }, // 9.74+30+18+20+20
        differences: 0,
      },
    ],
    warnings: [{ cell: "培训项目!14", includes: "" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 10. 项目资金（元）, amounts as text with thousands separators, 执行率 as text.
const yuanText: CorpusEntry = {
  name: "yuan-amounts-as-text",
  variants: [VARIES.amounts, VARIES.rate],
  build: build([
    {
      name: "设备购置",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关办公设备更新项目", "市直机关工委办公室"),
          fund: fundBlock(
            { initial: "3,800,000.00", budget: "3,724,055.00", spent: "3,650,000.00", weight: 10, rate: "98.01%", score: 9.8 },
            [["其中：当年财政拨款", "3,800,000.00", "3,724,055.00", "3,650,000.00"]],
            { label: "项目资金（元）" },
          ),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "更新办公设备", target: "≥50台", actual: "50台", weight: 30, score: 30 },
              { level2: "成本指标", name: "单台设备采购均价", target: "75000元", actual: "73000元", weight: 20, score: 20 },
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "办公效率",
                target: "有效提升",
                actual: "有效提升",
                weight: 20,
                score: 20,
              },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "使用人员满意度",
                target: "≥90%",
                actual: "91%",
                weight: 20,
                score: 20,
              },
            ],
            { weight: 100, score: 99.8 },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "设备购置",
        type: "项目支出",
        year: 2023,
        project: "机关办公设备更新项目",
        unit: "市直机关工委办公室",
        budget: 372.4055, // 3,724,055 元
        spent: 365,
        rate: 3650000 / 3724055, // 0.980114…
        execution: { weight: 10, score: 9.8, filled: 9.8 }, // 10×0.980114 = 9.801
        indicators: [
          { name: "更新办公设备", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "单台设备采购均价", method: "反向比例", weight: 20, score: 20, filled: 20 },
          { name: "办公效率", method: "定性分档", weight: 20, score: 20, filled: 20 },
          { name: "使用人员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.8, filled: 99.8, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 11. A 单位：元 line in the title area, numbers in 元 and a text "864.2万" (万元 whatever the block says).
// Rows: title 1, period 2, 单位：元 3, info 4–5, fund header 6, total 7, sources 8–10, goals 11–12, header 13.
const unitLine: CorpusEntry = {
  name: "unit-line-yuan-and-wan-text",
  variants: [VARIES.amounts],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: ["单位：元", ...projectInfo("市直机关党员活动阵地建设项目", "市直机关党员活动中心")],
          fund: fundBlock(
            { initial: 16000000, budget: "1,664.2万", spent: 16500000, weight: 10, rate: pct(0.9915), score: 9.91 },
            [
              ["其中：当年财政拨款", 8000000, "864.2万", 8500000],
              ["上年结转资金", 8000000, 8000000, 8000000],
            ],
            { label: "项目资金" },
          ),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "改造党员活动阵地", target: "≥8个", actual: "8个", weight: 40 },
              { level2: "质量指标", name: "工程验收合格率", target: "＝100%", actual: "100%", weight: 20 },
              { level1: "效益指标", level2: "社会效益指标", name: "阵地使用率", target: "≥80%", actual: "86%", weight: 20 },
              { level1: "满意度指标", level2: "服务对象满意度指标", name: "党员满意度", target: "≥90%", actual: "94%", weight: 10 },
            ].map((r) => ({ ...r, score: r.weight })),
            { weight: 100, score: 99.91 },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "市直机关党员活动阵地建设项目",
        unit: "市直机关党员活动中心",
        budget: 1664.2, // "1,664.2万"; sources 864.2万 + 8,000,000 元 = 1,664.2 万元
        spent: 1650, // 16,500,000 元 = 8,500,000 + 8,000,000
        rate: 1650 / 1664.2, // 0.991467…
        execution: { weight: 10, score: 9.91, filled: 9.91 }, // 10×0.991467 = 9.915 → 9.91
        indicators: [
          { name: "改造党员活动阵地", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "工程验收合格率", method: "等于", weight: 20, score: 20, filled: 20 },
          { name: "阵地使用率", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "党员满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.91, filled: 99.91, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 12. No unit stated anywhere, on both sides of the 1,000,000 万元 rule (one form per sheet).
const noUnitForm = (project: string, total: [number, number, number], score: number): FormSpec => ({
  title: "项目支出绩效自评表",
  period: "（2023年度）",
  info: projectInfo(project, "市直机关工委办公室"),
  fund: fundBlock({ initial: total[0], budget: total[1], spent: total[2], weight: 10, score }, [["其中：当年财政拨款", ...total]], {
    label: "项目资金",
  }),
  goals: GOALS,
  indicators: indicatorBlock(
    [
      { level1: "产出指标", level2: "数量指标", name: "完成采购批次", target: "≥4批", actual: "4批", weight: 50, score: 50 },
      { level1: "效益指标", level2: "社会效益指标", name: "保障机关运转", target: "有效保障", actual: "有效保障", weight: 30, score: 30 },
      { level1: "满意度指标", level2: "服务对象满意度指标", name: "干部职工满意度", target: "≥90%", actual: "93%", weight: 10, score: 10 },
    ],
    { weight: 100, score: 90 + score },
  ),
});

const noUnit: CorpusEntry = {
  name: "no-unit-both-sides-of-1000000",
  variants: [VARIES.amounts, VARIES.several, VARIES.rate],
  build: build([
    { name: "信息化运维", forms: [noUnitForm("机关信息化运维项目", [3800000, 3724055, 3724055], 10)] },
    { name: "后勤保障", forms: [noUnitForm("机关后勤保障项目", [864.2, 864.2, 820], 9.49)] },
  ]),
  expected: {
    forms: [
      {
        sheet: "信息化运维",
        type: "项目支出",
        year: 2023,
        project: "机关信息化运维项目",
        unit: "市直机关工委办公室",
        budget: 372.4055, // 3,724,055 as 万元 would exceed 1,000,000 万元 → 元
        spent: 372.4055,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "完成采购批次", method: "正向比例", weight: 50, score: 50, filled: 50 },
          { name: "保障机关运转", method: "定性分档", weight: 30, score: 30, filled: 30 },
          { name: "干部职工满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
      {
        sheet: "后勤保障",
        type: "项目支出",
        year: 2023,
        project: "机关后勤保障项目",
        unit: "市直机关工委办公室",
        budget: 864.2, // 万元
        spent: 820,
        rate: 820 / 864.2, // 0.948854…
        execution: { weight: 10, score: 9.49, filled: 9.49 }, // 10×0.948854 = 9.489 → 9.49
        indicators: [
          { name: "完成采购批次", method: "正向比例", weight: 50, score: 50, filled: 50 },
          { name: "保障机关运转", method: "定性分档", weight: 30, score: 30, filled: 30 },
          { name: "干部职工满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.49, filled: 99.49, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [
      { cell: "信息化运维!E6", includes: "未注明金额单位" },
      { cell: "后勤保障!E6", includes: "未注明金额单位" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// 13. 部门整体: weights only in the labels (产出指标（40分）…, 预算执行情况（万元）（20分）), no 分值 columns.
// Fund columns D 全年预算数 E 全年执行数 F 执行率 G 得分; rows 年度资金总额 / 基本支出 / 项目支出.
const labelWeights: CorpusEntry = {
  name: "dept-weights-in-labels",
  variants: [VARIES.labelWeights, ALSO.deptForm, VARIES.order, VARIES.names],
  build: build([
    {
      name: "整体支出",
      forms: [
        {
          title: "部门整体支出绩效自评表",
          period: "（2023年度）",
          info: [[["部门（单位）名称", "中国共产党广州市直属机关工作委员会"]]],
          fund: {
            label: "预算执行情况（万元）（20分）",
            columns: ["budget", "spent", "rate", "score"],
            rows: [
              { label: "年度资金总额", values: { budget: 3970.64, spent: 3970.64, rate: pct(1), score: 20 } },
              { label: "基本支出", values: { budget: 3432.3, spent: 3432.3 } },
              { label: "项目支出", values: { budget: 538.34, spent: 538.34 } },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标（40分）", level2: "数量指标", name: "开展党建课题调研", target: "≥190项", actual: "190项", score: 40 },
              {
                level1: "效益指标（30分）",
                level2: "社会效益指标",
                name: "机关作风建设成效",
                target: "明显提升",
                actual: "明显提升",
                score: 30,
              },
              {
                level1: "满意度指标（10分）",
                level2: "服务对象满意度指标",
                name: "基层评议满意度",
                target: "≥90%",
                actual: "95%",
                score: 10,
              },
            ],
            { score: 100 },
            { columns: ["level1", "level2", "name", "target", "actual", "score", "deviation"] },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "整体支出",
        type: "部门整体支出",
        year: 2023,
        project: null,
        unit: "中国共产党广州市直属机关工作委员会",
        budget: 3970.64,
        spent: 3970.64,
        split: { basic: [3432.3, 3432.3], project: [538.34, 538.34] },
        rate: 1,
        execution: { weight: 20, score: 20, filled: 20 },
        indicators: [
          { name: "开展党建课题调研", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "机关作风建设成效", method: "定性分档", weight: 30, score: 30, filled: 30 },
          { name: "基层评议满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 14. 部门整体, 一级 投入/过程/产出/效益, execution worth 20 by the header 得分（20分*执行率）, 权重 column.
// Rows: title 1, info 2, fund header 3, total 4, 基本 5, 项目 6, goals 7–8, header 9, rows 10–15, 总分 16.
// Fund columns D 年初预算数 E 全年预算数（A） F 全年执行数（B） G 执行率（B/A） H 得分（20分*执行率）.
const deptInputProcess: CorpusEntry = {
  name: "dept-input-process-output-benefit",
  variants: [ALSO.deptForm, VARIES.labelWeights, VARIES.synonyms, VARIES.names, VARIES.rate],
  build: build([
    {
      name: "部门整体支出绩效自评表",
      forms: [
        {
          title: "2023年度部门整体支出绩效自评表",
          period: null,
          info: [
            [
              ["部门（单位）名称", "广州市直机关党员教育服务中心"],
              ["主管部门", PARTY],
            ],
          ],
          fund: {
            label: "部门预算资金（万元）",
            columns: [
              "initial",
              ["budget", "全年预算数（A）"],
              ["spent", "全年执行数（B）"],
              ["rate", "执行率（B/A）"],
              ["score", "得分（20分*执行率）"],
            ],
            rows: [
              { label: "年度资金总额", values: { initial: 1500.6, budget: 1498.3, spent: 1420.5, rate: pct(0.9481), score: 18.96 } },
              { label: "基本支出", values: { initial: 1120.6, budget: 1120.3, spent: 1120.3 } },
              { label: "项目支出", values: { initial: 380, budget: 378, spent: 300.2 } },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "投入指标", level2: "预算编制", name: "财政供养人员控制率", target: "≤100%", actual: "98%", weight: 10, score: 10 },
              { name: "“三公”经费变动率", target: "≤10%", actual: "8.5%", weight: 10, score: 10 },
              {
                level1: "过程指标",
                level2: "预算执行",
                name: "结转结余率",
                target: "≤5%",
                actual: "5.19%",
                weight: 10,
                score: 9.63,
                deviation: "个别项目年底未结算。",
              },
              { level2: "资产管理", name: "固定资产利用率", target: "≥90%", actual: "95%", weight: 10, score: 10 },
              { level1: "产出指标", level2: "职责履行", name: "重点工作完成率", target: "＝100%", actual: "100%", weight: 20, score: 20 },
              {
                level1: "效益指标",
                level2: "社会效益",
                name: "机关党建引领作用",
                target: "明显增强",
                actual: "基本达到",
                weight: 20,
                score: 15,
                deviation: "部分单位党建与业务融合仍需加强。",
              },
            ],
            { weight: 100, score: 93.59 },
            {
              label: "年度绩效指标（80分）",
              columns: ["level1", "level2", "name", "target", "actual", ["weight", "权重"], "score", "deviation"],
            },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "部门整体支出绩效自评表",
        type: "部门整体支出",
        year: 2023,
        project: null,
        unit: "广州市直机关党员教育服务中心",
        budget: 1498.3,
        spent: 1420.5,
        split: { basic: [1120.3, 1120.3], project: [378, 300.2] },
        rate: 1420.5 / 1498.3, // 0.948074…
        execution: { weight: 20, score: 18.96, filled: 18.96 }, // 20×0.948074 = 18.961
        indicators: [
          { name: "财政供养人员控制率", method: "反向比例", weight: 10, score: 10, filled: 10 },
          { name: "“三公”经费变动率", method: "反向比例", weight: 10, score: 10, filled: 10 },
          { name: "结转结余率", method: "反向比例", weight: 10, score: 9.63, filled: 9.63 }, // 10×5/5.19 = 9.634
          { name: "固定资产利用率", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "重点工作完成率", method: "等于", weight: 20, score: 20, filled: 20 },
          { name: "机关党建引领作用", method: "定性分档", weight: 20, score: 15, filled: 15 }, // 基本 → 部分达成 [12, 16)
        ],
        total: { rule: 93.59, filled: 93.59, max: 100, grade: "优" }, // 18.96+10+10+9.63+10+20+15
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 15. 部门整体 with 履职效能 / 管理效率, the execution item's 20 in the fund block's 分值 cell, notes and footer.
// Rows: title 1, period 2, 部门 3, fund header 4, total 5, 基本 6, 项目 7, goals 8–9, header 10, rows 11–18, 总分 19.
const deptDuty: CorpusEntry = {
  name: "dept-duty-efficiency",
  variants: [ALSO.deptForm, VARIES.names, VARIES.synonyms, ALSO.noReason],
  build: build([
    {
      name: "部门整体",
      forms: [
        {
          title: "部门整体支出绩效自评表",
          period: "（2023年度）",
          info: ["部门：中国共产党广州市直属机关工作委员会"],
          fund: {
            label: "部门资金（万元）",
            columns: NATIONAL_FUND_COLUMNS,
            rows: [
              { label: "年度资金总额", values: { initial: 3858.34, budget: 3970.64, spent: 3970.64, weight: 20, rate: pct(1), score: 20 } },
              { label: "基本支出", values: { initial: 3320, budget: 3432.3, spent: 3432.3 } },
              { label: "项目支出", values: { initial: 538.34, budget: 538.34, spent: 538.34 } },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "履职效能",
                level2: "重点工作",
                name: "组织各单位开展党建课题调研",
                target: "≥190项",
                actual: "190项",
                weight: 10,
                score: 10,
              }, // 11
              { name: "现场督查帮带市直单位机关党委", target: "≥48个", actual: "48个", weight: 10, score: 10 }, // 12
              { name: "知识挑战赛参赛党员", target: "≥8000名", actual: "8227名", weight: 10, score: 10 }, // 13
              { name: "举办党务干部培训班", target: "≥12期", actual: "10期", weight: 10, score: 8.33 }, // 14: no reason
              { level2: "履职成效", name: "机关作风建设", target: "明显改善", actual: "明显改善", weight: 10, score: 10 }, // 15
              { level1: "管理效率", level2: "信息公开", name: "预决算公开及时率", target: "＝100%", actual: "100%", weight: 10, score: 10 }, // 16
              { level2: "绩效管理", name: "绩效目标申报覆盖率", target: "＝100%", actual: "100%", weight: 10, score: 10 }, // 17
              {
                level2: "资产管理",
                name: "固定资产报废处置",
                target: "≥150件（套）",
                actual: "180件（套）",
                weight: 10,
                score: 10,
                deviation: "集中清理历年待报废资产。",
              }, // 18
            ],
            { weight: 100, score: 98.33 },
            {
              columns: [
                "level1",
                "level2",
                "name",
                ["target", "年度目标值"],
                ["actual", "实际完成情况"],
                "weight",
                "score",
                ["deviation", "偏差原因分析"],
              ],
            },
          ),
          notes: "本年度跨年退款0.07万元，已退回国库。",
          footer: [["填报日期：2024年3月1日", "联系人：陈晓明"]],
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "部门整体",
        type: "部门整体支出",
        year: 2023,
        project: null,
        unit: "中国共产党广州市直属机关工作委员会",
        budget: 3970.64,
        spent: 3970.64,
        split: { basic: [3432.3, 3432.3], project: [538.34, 538.34] },
        rate: 1,
        execution: { weight: 20, score: 20, filled: 20 },
        indicators: [
          { name: "组织各单位开展党建课题调研", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "现场督查帮带市直单位机关党委", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "知识挑战赛参赛党员", method: "正向比例", weight: 10, score: 10, filled: 10 },
          { name: "举办党务干部培训班", method: "正向比例", weight: 10, score: 8.33, filled: 8.33 }, // 10×10/12 = 8.333
          { name: "机关作风建设", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "预决算公开及时率", method: "等于", weight: 10, score: 10, filled: 10 },
          { name: "绩效目标申报覆盖率", method: "等于", weight: 10, score: 10, filled: 10 },
          { name: "固定资产报废处置", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 98.33, filled: 98.33, max: 100, grade: "优" }, // 20 + 70 + 8.33
        differences: 0,
      },
    ],
    warnings: [{ cell: "部门整体!I14", includes: "偏差原因" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 16. Two 项目支出 forms stacked on one sheet (gap of 2 rows); the second has a wrong 总分.
// Form A rows 1–20 (header 12, rows 13–16, 总分 17); form B starts at 20: title 20, period 21, info 22–23,
// fund 24–28, goals 29–30, header 31, rows 32–35, 总分 36.
const stackedA: FormSpec = {
  title: "项目支出绩效自评表",
  period: "（2023年度）",
  info: projectInfo("机关作风建设（基层评议机关）", "市直机关工委作风办"),
  fund: fundBlock({ initial: 180.25, budget: 180.25, spent: 180.25, weight: 10, rate: 1, score: 10 }, [
    ["其中：当年财政拨款", 180.25, 180.25, 180.25],
  ]),
  goals: GOALS,
  indicators: indicatorBlock(
    [
      { level1: "产出指标", level2: "数量指标", name: "有效评议票", target: "≥15万张", actual: "17.87万张", weight: 30, score: 30 },
      { name: "收集意见建议", target: "≥2000条", actual: "2019条", weight: 20, score: 20 },
      { level2: "质量指标", name: "问题整改率", target: "＝100%", actual: "100%", weight: 20, score: 20 },
      {
        level1: "满意度指标",
        level2: "服务对象满意度指标",
        name: "被评议单位满意度",
        target: "≥90%",
        actual: "92%",
        weight: 20,
        score: 20,
      },
    ],
    { weight: 100, score: 100 },
  ),
};
const stackedB: FormSpec = {
  title: "项目支出绩效自评表",
  period: "（2023年度）",
  info: projectInfo("《作风建设在路上》电视问政", "市直机关工委作风办"),
  fund: fundBlock({ initial: 120.6, budget: 120.6, spent: 118.2, weight: 10, rate: pct(0.9801), score: 9.8 }, [
    ["其中：当年财政拨款", 120.6, 120.6, 118.2],
  ]),
  goals: GOALS,
  indicators: indicatorBlock(
    [
      { level1: "产出指标", level2: "数量指标", name: "上线电视问政节目", target: "≥10期", actual: "10期", weight: 30, score: 30 },
      { level2: "质量指标", name: "节目播出合格率", target: "100%", actual: "100%", weight: 30, score: 30 },
      {
        level1: "效益指标",
        level2: "社会效益指标",
        name: "作风建设社会关注度",
        target: "明显提升",
        actual: "有所提升",
        weight: 20,
        score: 16,
        deviation: "节目宣传渠道有限。",
      },
      { level1: "满意度指标", level2: "服务对象满意度指标", name: "观众满意度", target: "≥85%", actual: "88%", weight: 10, score: 10 },
    ],
    { weight: 100, score: 96.8 },
  ),
};

const stacked: CorpusEntry = {
  name: "two-forms-stacked-on-one-sheet",
  variants: [VARIES.several, VARIES.rate, ALSO.wrongTotal],
  build: build([{ name: "项目支出绩效自评表", forms: [stackedA, stackedB] }]),
  expected: {
    forms: [
      {
        sheet: "项目支出绩效自评表",
        type: "项目支出",
        year: 2023,
        project: "机关作风建设（基层评议机关）",
        unit: "市直机关工委作风办",
        budget: 180.25,
        spent: 180.25,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "有效评议票", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "收集意见建议", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "问题整改率", method: "等于", weight: 20, score: 20, filled: 20 },
          { name: "被评议单位满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
      {
        sheet: "项目支出绩效自评表",
        type: "项目支出",
        year: 2023,
        project: "《作风建设在路上》电视问政",
        unit: "市直机关工委作风办",
        budget: 120.6,
        spent: 118.2,
        rate: 118.2 / 120.6, // 0.980100; the filled 98.01% agrees to 0.01%
        execution: { weight: 10, score: 9.8, filled: 9.8 }, // 10×0.9801 = 9.801
        indicators: [
          { name: "上线电视问政节目", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "节目播出合格率", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "作风建设社会关注度", method: "定性分档", weight: 20, score: 16, filled: 16 }, // 达成 [16, 20]
          { name: "观众满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 95.8, filled: 96.8, max: 100, grade: "优" }, // 9.8+30+30+16+10; typed 96.8
        differences: 0,
      },
    ],
    warnings: [{ cell: "项目支出绩效自评表!H36", includes: "填报总分" }],
  },
};

// ---------------------------------------------------------------------------------------------
// 17. One project per sheet, plus an instructions sheet with no form; 执行率 blank / a plain fraction;
// a fund block without 分值 (项目支出: 10, with a warning); 计量单位 two-row header.
const perSheet = (o: {
  project: string;
  fund: FundBlock;
  rows: IndicatorRow[];
  total: { weight?: number; score?: number };
  block?: Partial<IndicatorBlock>;
}): FormSpec => ({
  title: "项目支出绩效自评表",
  period: "（2023年度）",
  info: projectInfo(o.project, "广州市直机关党员教育服务中心"),
  fund: o.fund,
  goals: GOALS,
  indicators: indicatorBlock(o.rows, o.total, o.block),
});

const onePerSheet: CorpusEntry = {
  name: "one-project-per-sheet",
  variants: [VARIES.several, VARIES.rate, VARIES.twoRow, VARIES.names],
  build: build([
    {
      name: "填表说明",
      forms: [],
      text: ["填表说明：", "1. 每个项目一张工作表，按财政部门下发的项目支出绩效自评表填写。", "2. 金额单位：万元。"],
    },
    {
      name: "青年理论学习",
      forms: [
        perSheet({
          project: "青年理论学习提升工程",
          fund: fundBlock({ initial: 45, budget: 45, spent: 43.2, weight: 10, rate: null, score: 9.6 }, [
            ["其中：当年财政拨款", 45, 45, 43.2],
          ]),
          rows: [
            { level1: "产出指标", level2: "数量指标", name: "开展理论研讨", target: "≥6次", actual: "6次", weight: 40, score: 40 },
            {
              level1: "效益指标",
              level2: "社会效益指标",
              name: "青年干部理论素养",
              target: "明显提升",
              actual: "明显提升",
              weight: 40,
              score: 40,
            },
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "青年干部满意度",
              target: "≥90%",
              actual: "93%",
              weight: 10,
              score: 10,
            },
          ],
          total: { weight: 100, score: 99.6 },
        }),
      ],
    },
    {
      name: "妇女干部培训",
      forms: [
        perSheet({
          project: "妇女干部业务培训",
          fund: fundBlock({ initial: 30, budget: 30, spent: 29.4, weight: 10, rate: 0.98, score: 9.8 }, [
            ["其中：当年财政拨款", 30, 30, 29.4],
          ]),
          rows: [
            {
              level1: "产出指标",
              level2: "数量指标",
              name: "举办培训班",
              nature: "≥",
              value: 3,
              unit: "期",
              actual: 3,
              weight: 40,
              score: 40,
            },
            { level2: "质量指标", name: "培训出勤率", nature: "≥", value: 95, unit: "%", actual: 97, weight: 30, score: 30 },
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "学员满意度",
              nature: "≥",
              value: 90,
              unit: "%",
              actual: 92,
              weight: 20,
              score: 20,
            },
          ],
          total: { weight: 100, score: 99.8 },
          block: { twoRow: { unit: "计量单位" } },
        }),
      ],
    },
    {
      name: "公仆杯",
      forms: [
        perSheet({
          project: "市直机关“公仆杯”系列体育比赛",
          fund: fundBlock({ budget: 70, spent: 70, rate: pct(1), score: 10 }, [["其中：当年财政拨款", undefined, 70, 70]], {
            columns: ["budget", "spent", "rate", "score"],
          }),
          rows: [
            { level1: "产出指标", level2: "数量指标", name: "举办比赛项目", target: "≥8项", actual: "9项", weight: 50, score: 50 },
            {
              level1: "效益指标",
              level2: "社会效益指标",
              name: "干部职工参赛人次",
              target: "≥3000人次",
              actual: "3300人次",
              weight: 30,
              score: 30,
            },
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "参赛单位满意度",
              target: "≥90%",
              actual: "95%",
              weight: 10,
              score: 10,
            },
          ],
          total: { weight: 100, score: 100 },
        }),
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "青年理论学习",
        type: "项目支出",
        year: 2023,
        project: "青年理论学习提升工程",
        unit: "广州市直机关党员教育服务中心",
        budget: 45,
        spent: 43.2,
        rate: 0.96, // 43.2/45; the 执行率 cell is blank
        execution: { weight: 10, score: 9.6, filled: 9.6 },
        indicators: [
          { name: "开展理论研讨", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "青年干部理论素养", method: "定性分档", weight: 40, score: 40, filled: 40 },
          { name: "青年干部满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.6, filled: 99.6, max: 100, grade: "优" },
        differences: 0,
      },
      {
        sheet: "妇女干部培训",
        type: "项目支出",
        year: 2023,
        project: "妇女干部业务培训",
        unit: "广州市直机关党员教育服务中心",
        budget: 30,
        spent: 29.4,
        rate: 0.98,
        execution: { weight: 10, score: 9.8, filled: 9.8 },
        indicators: [
          { name: "举办培训班", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "培训出勤率", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "学员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.8, filled: 99.8, max: 100, grade: "优" },
        differences: 0,
      },
      {
        sheet: "公仆杯",
        type: "项目支出",
        year: 2023,
        project: "市直机关“公仆杯”系列体育比赛",
        unit: "广州市直机关党员教育服务中心",
        budget: 70,
        spent: 70,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 }, // no 分值 in the fund block: 10 for 项目支出
        indicators: [
          { name: "举办比赛项目", method: "正向比例", weight: 50, score: 50, filled: 50 },
          { name: "干部职工参赛人次", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "参赛单位满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// 18. Slips: wrong 执行率 and execution 得分, source rows short of the total, a 得分 above its 分值,
// 分值 summing to 95. Rows 13–16, 总分 17.
const slips: CorpusEntry = {
  name: "slips-rate-sources-weights",
  variants: [ALSO.wrongRate, ALSO.wrongExecScore, ALSO.sources, ALSO.aboveWeight, ALSO.weightSum, ALSO.wrongScore, VARIES.rate],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关食堂提质改造项目", "市直机关工委机关服务中心"),
          fund: fundBlock({ initial: 200, budget: 200, spent: 180, weight: 10, rate: pct(0.95), score: 10 }, [
            ["其中：当年财政拨款", 150, 150, 135],
            ["上年结转资金", 40, 40, 45],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "改造就餐座位", target: "≥100个", actual: "100个", weight: 20, score: 20 },
              { level2: "质量指标", name: "食品安全检查合格率", target: "≥95%", actual: "97%", weight: 20, score: 22 },
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "就餐环境",
                target: "有效改善",
                actual: "达到预期",
                weight: 20,
                score: 18,
                deviation: "部分设备待调试。",
              },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "就餐人员满意度",
                target: "≥90%",
                actual: "92%",
                weight: 25,
                score: 25,
              },
            ],
            { weight: 95, score: 95 },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "机关食堂提质改造项目",
        unit: "市直机关工委机关服务中心",
        budget: 200,
        spent: 180,
        rate: 0.9, // 180/200; the filled 95% is wrong
        execution: { weight: 10, score: 9, filled: 10 },
        indicators: [
          { name: "改造就餐座位", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "食品安全检查合格率", method: "正向比例", weight: 20, score: 20, filled: 22 },
          { name: "就餐环境", method: "定性分档", weight: 20, score: 18, filled: 18 },
          { name: "就餐人员满意度", method: "正向比例", weight: 25, score: 25, filled: 25 },
        ],
        total: { rule: 92, filled: 95, max: 95, grade: "优" }, // 9+20+20+18+25; 分值 10+20+20+20+25 = 95
        differences: 2,
      },
    ],
    warnings: [
      { cell: "Sheet1!H6", includes: "填报执行率" },
      { cell: "Sheet1!I6", includes: "填报得分 10，按规则应为 9" },
      { cell: "Sheet1!E6", includes: "资金来源" }, // 150 + 40 = 190 ≠ 200 (spent 135 + 45 = 180 agrees)
      { cell: "Sheet1!H14", includes: "超过分值" },
      { cell: "Sheet1!H14", includes: "填报得分 22，按规则应为 20" },
      { cell: "Sheet1!G17", includes: "分值合计为" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// 19–21. Workbooks that once had to exit 2; 19 is read since forms.md "A form with no 分值 and no 得分".
const errNoWeightNoScore: CorpusEntry = {
  name: "indicators-without-weight-and-score-columns",
  variants: [VARIES.order, ALSO.missing],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关党建阵地维护项目", "市直机关党员活动中心"),
          fund: fundBlock({ initial: 40, budget: 40, spent: 40, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 40, 40, 40],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "维护党建阵地", target: "≥5个", actual: "5个" },
              { level1: "满意度指标", level2: "服务对象满意度指标", name: "党员满意度", target: "≥90%", actual: "95%" },
            ],
            {},
            { columns: ["level1", "level2", "name", "target", "actual", "deviation"] },
          ),
        },
      ],
    },
  ]),
  // forms.md "A form with no 分值 and no 得分 at all is still read": budget, rate and each target's
  // completion are reported, the indicators' scores are empty (never a weight of 0, never a total of
  // 10 out of 10 graded 差), one warning at the indicator header. The fund block's own 分值 and 得分
  // still give the execution item.
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "机关党建阵地维护项目",
        unit: "市直机关党员活动中心",
        budget: 40,
        spent: 40,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "维护党建阵地", method: "正向比例", weight: null, score: null, filled: null, met: true }, // 5/5
          { name: "党员满意度", method: "正向比例", weight: null, score: null, filled: null, met: true }, // 95/90
        ],
        total: null,
        differences: 0,
      },
    ],
    warnings: [{ cell: "Sheet1!A12", includes: "", count: 1 }],
  },
};

const errNoSpent: CorpusEntry = {
  name: "error-fund-block-without-spent",
  variants: [VARIES.order, ALSO.missing],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关党建阵地维护项目", "市直机关党员活动中心"),
          fund: fundBlock({ initial: 40, budget: 40, weight: 10, score: 10 }, [["其中：当年财政拨款", 40, 40]], {
            columns: ["initial", "budget", "weight", "score"],
          }),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "维护党建阵地", target: "≥5个", actual: "5个", weight: 80, score: 80 },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "党员满意度",
                target: "≥90%",
                actual: "95%",
                weight: 10,
                score: 10,
              },
            ],
            { weight: 100, score: 100 },
          ),
        },
      ],
    },
  ]),
  expected: { error: [{ cell: "Sheet1!A5", includes: "全年执行数" }] },
};

const errNoNumbers: CorpusEntry = {
  name: "error-indicator-block-without-numbers",
  variants: [VARIES.unused, ALSO.missing],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          title: "项目支出绩效自评表",
          period: "（2023年度）",
          info: projectInfo("机关党建阵地维护项目", "市直机关党员活动中心"),
          fund: fundBlock({ initial: 40, budget: 40, spent: 40, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 40, 40, 40],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "指标1：" },
              { name: "指标2：" },
              { level1: "效益指标", level2: "社会效益指标", name: "阵地作用", target: "有效发挥", actual: "有效发挥" },
              { level1: "满意度指标", level2: "服务对象满意度指标", name: "……" },
            ],
            {},
          ),
        },
      ],
    },
  ]),
  expected: { error: [{ cell: "Sheet1!A12", includes: "" }] },
};

// ---------------------------------------------------------------------------------------------
// 22. 四川-style layout (青神, 大英): 预算执行情况（10分） fund block with 年度预算数（万元） over the row
// labels, 调整后预算数 / 执行数 / 预算执行率 / 权重 / 得分; 指标性质 | 指标值 | 度量单位 as single header
// cells under 绩效指标（90分）; 合计 row. Rows: title 1, info 2–3, fund header 4, total 5, sources 6–8,
// goals 9–10, header 11 (two-row: 11–12), rows 13–16, 合计 17. Indicator columns: A label B 一级 C 二级 D 三级
// E 性质 F 指标值 G 单位 H 完成值 I 权重 J 得分 K 未完成原因分析.
const sichuan: CorpusEntry = {
  name: "sichuan-weights-in-block-labels",
  variants: [VARIES.labelWeights, VARIES.twoRow, VARIES.synonyms, VARIES.names, ALSO.noReason],
  build: build([
    {
      name: "510000_0013zp",
      forms: [
        {
          title: "部门预算项目支出绩效自评表(2023年度)",
          period: null,
          info: projectInfo("51000021R000000019951-党员教育阵地运行经费", "市直机关党员教育服务中心"),
          fund: {
            label: "预算执行情况（10分）",
            rowHeader: "年度预算数（万元）",
            columns: ["initial", ["budget", "调整后预算数"], ["spent", "执行数"], ["rate", "预算执行率"], ["weight", "权重"], "score"],
            rows: [
              { label: "年度资金总额", values: { initial: 238.93, budget: 251.89, spent: 251.89, rate: "100.00%", weight: 10, score: 10 } },
              { label: "其中：当年财政拨款", values: { initial: 238.93, budget: 251.89, spent: 251.89, rate: "100.00%" } },
              { label: "上年结转资金", values: { initial: 0, budget: 0, spent: 0, rate: "0.00%" } },
              { label: "其他资金" },
            ],
          },
          goals: GOALS,
          indicators: {
            label: "绩效指标（90分）",
            columns: [
              "level1",
              "level2",
              "name",
              "target",
              ["actual", "完成值"],
              ["weight", "权重"],
              "score",
              ["deviation", "未完成原因分析"],
            ],
            twoRow: {},
            rows: [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "阵地开放天数",
                nature: "≥",
                value: 250,
                unit: "天",
                actual: 240,
                weight: 30,
                score: 28.8,
              }, // 13: 30×240/250
              { level2: "成本指标", name: "经济成本指标", nature: "≤", value: 251.89, unit: "万元", actual: 251.89, weight: 20, score: 20 }, // 14
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "足额保障率",
                nature: "=",
                value: 100,
                unit: "%",
                actual: 100,
                weight: 30,
                score: 30,
              }, // 15
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "党员满意度",
                nature: "≥",
                value: 90,
                unit: "%",
                actual: 95,
                weight: 10,
                score: 10,
              }, // 16
            ],
            total: { label: "合计", weight: 100, score: 98.8 },
          },
          footer: [["项目负责人：王磊", "财务负责人：赵敏"]],
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "510000_0013zp",
        type: "项目支出",
        year: 2023,
        project: "51000021R000000019951-党员教育阵地运行经费",
        unit: "市直机关党员教育服务中心",
        budget: 251.89,
        spent: 251.89,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "阵地开放天数", method: "正向比例", weight: 30, score: 28.8, filled: 28.8 },
          { name: "经济成本指标", method: "反向比例", weight: 20, score: 20, filled: 20 },
          { name: "足额保障率", method: "等于", weight: 30, score: 30, filled: 30 },
          { name: "党员满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 98.8, filled: 98.8, max: 100, grade: "优" },
        differences: 0,
      },
    ],
    warnings: [{ cell: "510000_0013zp!K13", includes: "偏差原因" }],
  },
};

export const CORPUS: CorpusEntry[] = [
  national,
  gongkai14,
  synonyms2022,
  operators,
  actualsWithOperator,
  timeTargets,
  unusedAndSubtotals,
  noWeightColumn,
  noTargetNoActual,
  yuanText,
  unitLine,
  noUnit,
  labelWeights,
  deptInputProcess,
  deptDuty,
  stacked,
  onePerSheet,
  slips,
  errNoWeightNoScore,
  errNoSpent,
  errNoNumbers,
  sichuan,
  SAMPLE_FORM_ENTRY,
  ...PUBLISHED_ENTRIES,
];
