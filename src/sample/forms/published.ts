/**
 * The corpus's second part: one workbook per bullet of forms.md "More that published forms do",
 * each laid out after a table a department published (README.md lists the sources). The figures are
 * worked out by hand, the arithmetic in the comments; ROUND(x, 2) per item, total = sum of the
 * rounded items; completion = actual ÷ target.
 *
 * National layout rows (one form, two info lines): title 1, period 2, info 3–4, fund header 5,
 * 年度资金总额 6, sources 7–9, 年度总体目标 10–11, indicator header 12, first indicator 13; fund
 * columns D 年初 E 全年预算 F 全年执行 G 分值 H 执行率 I 得分; indicator columns B 一级 C 二级 D 三级
 * E 年度指标值 F 实际完成值 G 分值 H 得分 I 偏差原因.
 */
import type ExcelJS from "exceljs";
import {
  type FormSpec,
  type FundBlock,
  type IndicatorRow,
  NATIONAL_FUND_COLUMNS,
  type SheetSpec,
  buildFormWorkbook,
  fundBlock,
  indicatorBlock,
  pct,
  projectInfo,
} from "./build";
import { ALSO, type CorpusEntry, MORE, VARIES } from "./expected";

const GOALS = { expected: "按年度计划完成各项任务，资金使用规范高效。", actual: "年度任务全部完成，资金按计划支出。" };
const build = (sheets: SheetSpec[]) => () => Promise.resolve<ExcelJS.Workbook>(buildFormWorkbook(sheets));

/** A national 项目支出 form of the given fund block and indicator rows, with its 总分 row. */
function nationalForm(o: {
  project: string;
  unit: string;
  dept?: string;
  fund: FundBlock;
  rows: IndicatorRow[];
  total: { weight?: number; score?: number } | null;
  year?: number;
  footer?: FormSpec["footer"];
}): FormSpec {
  return {
    title: "项目支出绩效自评表",
    period: o.year === undefined ? "（2023年度）" : `（${o.year}年度）`,
    info: projectInfo(o.project, o.unit, o.dept ?? "眉山市东坡区人民政府"),
    fund: o.fund,
    goals: GOALS,
    indicators: indicatorBlock(o.rows, o.total ?? {}, o.total === null ? { total: null } : {}),
    footer: o.footer,
  };
}

/** Three rows worth 40 + 30 + 20, all met: with the execution item's 10, 100 points. */
const THREE_MET: IndicatorRow[] = [
  { level1: "产出指标", level2: "数量指标", name: "完成任务量", target: "≥100件", actual: "100件", weight: 40, score: 40 },
  { level2: "质量指标", name: "质量合格率", target: "≥95%", actual: "97%", weight: 30, score: 30 },
  { level1: "满意度指标", level2: "服务对象满意度指标", name: "服务对象满意度", target: "≥90%", actual: "94%", weight: 20, score: 20 },
];
const THREE_MET_EXPECTED = [
  { name: "完成任务量", method: "正向比例", weight: 40, score: 40, filled: 40 },
  { name: "质量合格率", method: "正向比例", weight: 30, score: 30, filled: 30 },
  { name: "服务对象满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
] as const;

// ---------------------------------------------------------------------------------------------
// P1. Placeholders in amount, 分值, 执行率 and 得分 cells (大英县司法局 / 青神县 2023: `/` under 权重 and
// 得分 of the sub-rows; 棠溪镇 2022: empty 上年结转 rows). Rows 13–17, 总分 18.
const placeholders: CorpusEntry = {
  name: "placeholders-in-fund-and-indicator-cells",
  variants: [MORE.placeholders, VARIES.unused, ALSO.sources],
  build: build([
    {
      name: "项目支出",
      forms: [
        nationalForm({
          project: "基层干部履职能力培训",
          unit: "东坡区委党校",
          fund: {
            label: "项目资金（万元）",
            columns: NATIONAL_FUND_COLUMNS,
            rows: [
              { label: "年度资金总额", values: { initial: 50, budget: 48, spent: 46.8, weight: 10, rate: pct(0.975), score: 9.75 } },
              { label: "其中：当年财政拨款", values: { initial: 50, budget: 48, spent: 46.8, weight: "/", rate: "-", score: "/" } },
              { label: "上年结转资金", values: { initial: "—", budget: "无", spent: "空", weight: "/", rate: "／", score: "/" } },
              { label: "其他资金", values: { initial: "－", budget: "/", spent: "-", weight: "／", rate: "—", score: "－" } },
            ],
          },
          rows: [
            { level1: "产出指标", level2: "数量指标", name: "培训人次", target: "≥300人次", actual: "320人次", weight: 20, score: 20 }, // 13
            { name: "指标2：", weight: "－", score: "／" }, // 14: a template line, placeholders in 分值 and 得分
            { level2: "质量指标", name: "培训合格率", target: "≥95%", actual: "97%", weight: 30, score: 30 }, // 15
            {
              level1: "效益指标",
              level2: "社会效益指标",
              name: "干部履职能力",
              target: "明显提升",
              actual: "明显提升",
              weight: 20,
              score: 20,
            }, // 16
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "学员满意度",
              target: "≥90%",
              actual: "93%",
              weight: 20,
              score: 20,
            }, // 17
          ],
          total: { weight: 100, score: 99.75 }, // 18
        }),
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "项目支出",
        type: "项目支出",
        year: 2023,
        project: "基层干部履职能力培训",
        unit: "东坡区委党校",
        budget: 48,
        spent: 46.8,
        rate: 46.8 / 48, // 0.975
        execution: { weight: 10, score: 9.75, filled: 9.75 }, // 10×0.975
        indicators: [
          { name: "培训人次", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "培训合格率", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "干部履职能力", method: "定性分档", weight: 20, score: 20, filled: 20 },
          { name: "学员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.75, filled: 99.75, max: 100, grade: "优" }, // 9.75 + 20 + 30 + 20 + 20
        differences: 0,
      },
    ],
    warnings: [],
    // The placeholders are empty cells: the sources (48 + nothing + nothing) equal the total.
    absent: [{ cell: ["项目支出!E6", "项目支出!F6"], includes: "资金来源" }],
  },
};

// ---------------------------------------------------------------------------------------------
// P2. More header words, on two sheets (区商务局 预算数（A）/执行数（B）; 重庆 全年（调整）预算数 / 执行率权重 /
// 执行率得分 / 全年完成值 / 指标权重 / 指标得分; 青神 预算执行数, 财政专户管理资金, 单位资金; 棠溪镇 本年财政拨款).
// 专项资金: title 1, info 2–3, fund 4–8, goals 9–10, header 11, rows 12–15, 总分 16.
// 培训项目: title 1, info 2–3, fund 4–7, goals 8–9, header 10, rows 11–13, 合计 14.
const headerWords: CorpusEntry = {
  name: "more-header-words",
  variants: [MORE.headerWords, VARIES.synonyms, VARIES.names, VARIES.several, VARIES.rate],
  build: build([
    {
      name: "专项资金",
      forms: [
        {
          title: "眉山市2023年度项目绩效自评表",
          period: null,
          info: [
            [["专项资金名称", "城乡困难群众临时救助资金"]],
            [
              ["县级主管部门", "东坡区民政局"],
              ["实施单位", "东坡区社会救助服务中心"],
            ],
          ],
          fund: {
            label: "资 金 投 入 情 况（万元）",
            columns: [
              ["initial", "年初预算数"],
              ["budget", "调整预算数（A）"],
              ["spent", "预算执行数"],
              ["weight", "分值（10分）"],
              ["rate", "预算执行率（B/A×100%）"],
              "score",
            ],
            rows: [
              { label: "资金总额", values: { initial: 120, budget: 100, spent: 98, weight: 10, rate: pct(0.98), score: 9.8 } },
              { label: "其中：本年财政拨款", values: { initial: 120, budget: 100, spent: 98 } },
              { label: "财政专户管理资金", values: { initial: 0, budget: 0, spent: 0 } },
              { label: "单位资金", values: { initial: 0, budget: 0, spent: 0 } },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "临时救助对象户数",
                target: "≥200户",
                actual: "210户",
                weight: 30,
                score: 30,
              },
              { level2: "质量指标", name: "救助资金发放准确率", target: "=100%", actual: "100%", weight: 30, score: 30 },
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "困难群众基本生活保障",
                target: "有效保障",
                actual: "有效保障",
                weight: 20,
                score: 20,
              },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "受助群众满意度",
                target: "≥90%",
                actual: "95%",
                weight: 10,
                score: 10,
              },
            ],
            { weight: 100, score: 99.8 },
            {
              columns: [
                "level1",
                "level2",
                "name",
                ["target", "指标值（A）"],
                ["actual", "全年实际值（B）"],
                ["weight", "分\n值"],
                ["score", "自评分"],
                ["deviation", "偏差原因"],
              ],
            },
          ),
        },
      ],
    },
    {
      name: "培训项目",
      forms: [
        {
          title: "2023年度项目支出绩效自评表",
          period: null,
          info: projectInfo("基层干部能力提升培训", "东坡区委党校", "东坡区委组织部"),
          fund: {
            label: "项目资金（万元）",
            columns: [["budget", "全年(调整)预算数"], ["spent", "全年执行"], "rate", ["weight", "执行率权重"], ["score", "执行率得分"]],
            rows: [
              { label: "年度总金额", values: { budget: 60, spent: 57, rate: "95.00%", weight: 10, score: 9.5 } },
              { label: "其中：一般公共预算", values: { budget: 60, spent: 57 } },
              { label: "单位资金", values: { budget: "—", spent: "—" } },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "开展培训场次", target: "≥6场", actual: "6场", weight: 40, score: 40 },
              { level2: "质量指标", name: "培训覆盖率", target: "≥90%", actual: "92%", weight: 30, score: 30 },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "学员满意度",
                target: "≥85%",
                actual: "90%",
                weight: 20,
                score: 20,
              },
            ],
            { label: "合计", weight: 100, score: 99.5 },
            {
              columns: [
                "level1",
                "level2",
                "name",
                "target",
                ["actual", "全年完成值"],
                ["weight", "指标权重"],
                ["score", "指标得分"],
                "deviation",
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
        sheet: "专项资金",
        type: "项目支出",
        year: 2023,
        project: "城乡困难群众临时救助资金",
        unit: "东坡区社会救助服务中心",
        budget: 100, // 调整预算数（A）
        spent: 98,
        rate: 0.98,
        execution: { weight: 10, score: 9.8, filled: 9.8 },
        indicators: [
          { name: "临时救助对象户数", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "救助资金发放准确率", method: "等于", weight: 30, score: 30, filled: 30 },
          { name: "困难群众基本生活保障", method: "定性分档", weight: 20, score: 20, filled: 20 },
          { name: "受助群众满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.8, filled: 99.8, max: 100, grade: "优" }, // 9.8 + 30 + 30 + 20 + 10
        differences: 0,
      },
      {
        sheet: "培训项目",
        type: "项目支出",
        year: 2023,
        project: "基层干部能力提升培训",
        unit: "东坡区委党校",
        budget: 60,
        spent: 57,
        rate: 0.95, // 57/60
        execution: { weight: 10, score: 9.5, filled: 9.5 }, // 执行率权重 10 × 0.95
        indicators: [
          { name: "开展培训场次", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "培训覆盖率", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "学员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.5, filled: 99.5, max: 100, grade: "优" }, // 9.5 + 40 + 30 + 20
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P3. Fund blocks: 年初预算数 | 全年执行数 only (the budget is the 年初预算数, with a warning); a 部门整体
// block whose 基本支出 / 项目支出 rows repeat 分值 and 得分, with information lines in between.
// 年初预算: national rows; fund columns D 年初 E 全年执行 F 分值 G 执行率 H 得分; rows 13–15, 总分 16.
// 部门整体: title 1, period 2, info 3, fund header 4, total 5, info lines 6–7, 基本 8, 项目 9, goals
// 10–11, header 12, rows 13–16, 总分 17.
const fundBlocks: CorpusEntry = {
  name: "fund-blocks-initial-only-repeated-scores-info-lines",
  variants: [MORE.fundBlocks, ALSO.deptForm, VARIES.several],
  build: build([
    {
      name: "年初预算",
      forms: [
        nationalForm({
          project: "区域经济发展专题调研",
          unit: "东坡区发展研究中心",
          fund: fundBlock(
            { initial: 80, spent: 76, weight: 10, rate: pct(0.95), score: 9.5 },
            [["其中：当年财政拨款", 80, undefined, 76]],
            {
              columns: ["initial", "spent", "weight", "rate", "score"],
            },
          ),
          rows: [
            { level1: "产出指标", level2: "数量指标", name: "完成专题调研报告", target: "≥4篇", actual: "4篇", weight: 40, score: 40 },
            { level1: "效益指标", level2: "社会效益指标", name: "调研成果采纳率", target: "≥50%", actual: "60%", weight: 30, score: 30 },
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "委托单位满意度",
              target: "≥90%",
              actual: "95%",
              weight: 20,
              score: 20,
            },
          ],
          total: { weight: 100, score: 99.5 },
        }),
      ],
    },
    {
      name: "部门整体",
      forms: [
        {
          title: "部门整体支出绩效自评表",
          period: "（2023年度）",
          info: [[["部门（单位）名称", "眉山市东坡区机关事务服务中心"]]],
          fund: {
            label: "部门预算资金（万元）",
            columns: NATIONAL_FUND_COLUMNS,
            rows: [
              {
                label: "年度资金总额",
                values: { initial: 2030.12, budget: 2050.5, spent: 2010.39, weight: 20, rate: pct(0.9804), score: 19.61 },
              },
              { label: "按收入性质分：2050.5", values: { weight: null, rate: null, score: null } },
              { label: "其中：一般公共预算：2050.5", values: { weight: null, rate: null, score: null } },
              { label: "基本支出", values: { initial: 900.47, budget: 920.5, spent: 918.2, weight: 20, rate: pct(0.9975), score: 19.95 } },
              {
                label: "项目支出",
                values: { initial: 1129.65, budget: 1130, spent: 1092.19, weight: 20, rate: pct(0.9665), score: 19.33 },
              },
            ],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "履职效能",
                level2: "重点工作",
                name: "完成年度重点工作任务",
                target: "≥12项",
                actual: "12项",
                weight: 30,
                score: 30,
              },
              { name: "政策文件按时出台率", target: "=100%", actual: "100%", weight: 20, score: 20 },
              { level1: "管理效率", level2: "预算管理", name: "结转结余率", target: "≤5%", actual: "1.96%", weight: 20, score: 20 },
              { level1: "满意度", level2: "服务对象满意度", name: "服务对象满意度", target: "≥90%", actual: "94%", weight: 10, score: 10 },
            ],
            { weight: 100, score: 99.61 },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "年初预算",
        type: "项目支出",
        year: 2023,
        project: "区域经济发展专题调研",
        unit: "东坡区发展研究中心",
        budget: 80, // no 全年预算数 column: the 年初预算数
        spent: 76,
        rate: 0.95, // 76/80
        execution: { weight: 10, score: 9.5, filled: 9.5 },
        indicators: [
          { name: "完成专题调研报告", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "调研成果采纳率", method: "正向比例", weight: 30, score: 30, filled: 30 }, // 60/50 = 120% < 130%
          { name: "委托单位满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.5, filled: 99.5, max: 100, grade: "优" }, // 9.5 + 40 + 30 + 20
        differences: 0,
      },
      {
        sheet: "部门整体",
        type: "部门整体支出",
        year: 2023,
        project: null,
        unit: "眉山市东坡区机关事务服务中心",
        budget: 2050.5, // 920.5 + 1130
        spent: 2010.39, // 918.2 + 1092.19
        split: { basic: [920.5, 918.2], project: [1130, 1092.19] },
        rate: 2010.39 / 2050.5, // 0.980439…; the filled 98.04% agrees to 0.01%
        execution: { weight: 20, score: 19.61, filled: 19.61 }, // counted once: 20×0.980439 = 19.609
        indicators: [
          { name: "完成年度重点工作任务", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "政策文件按时出台率", method: "等于", weight: 20, score: 20, filled: 20 },
          { name: "结转结余率", method: "反向比例", weight: 20, score: 20, filled: 20 },
          { name: "服务对象满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.61, filled: 99.61, max: 100, grade: "优" }, // 19.61 + 30 + 20 + 20 + 10
        differences: 0,
      },
    ],
    // The budget taken from 年初预算数: a warning on the total row or on the 年初预算数 header it reads
    // (forms.md names no cell).
    warnings: [{ cell: ["年初预算!6", "年初预算!D5"], includes: "" }],
  },
};

// ---------------------------------------------------------------------------------------------
// P4. Header lines carrying results, no 总分 row (重庆 部门整体绩效自评表: 自评总分（分） 97.6 in the header).
// 自评得分: national rows, 自评得分 | 98.5 at E3 | F3; rows 13–15.
// 自评总分: title 1, period 2, `自评总分：99.68` 3, 项目名称 | 财政审核评分 4, 主管部门 5, fund 6–10,
// goals 11–12, header 13, rows 14–16.
const headerTotals: CorpusEntry = {
  name: "header-lines-carrying-results",
  variants: [MORE.headerTotals, VARIES.several],
  build: build([
    {
      name: "自评得分",
      forms: [
        {
          ...nationalForm({
            project: "村级便民服务站建设",
            unit: "东坡区政务服务中心",
            fund: fundBlock({ initial: 100, budget: 100, spent: 98, weight: 10, rate: pct(0.98), score: 9.8 }, [
              ["其中：当年财政拨款", 100, 100, 98],
            ]),
            rows: [
              { level1: "产出指标", level2: "数量指标", name: "新建村级服务站点", target: "≥20个", actual: "20个", weight: 40, score: 40 },
              { level2: "质量指标", name: "站点验收合格率", target: "≥95%", actual: "96%", weight: 30, score: 30 },
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "服务群众人次",
                target: "≥1000人次",
                actual: "935人次",
                weight: 20,
                score: 18.7,
                deviation: "部分站点年底投用，服务时间不足。",
              },
            ],
            total: null,
          }),
          info: [
            [
              ["项目名称", "村级便民服务站建设"],
              ["自评得分", 98.5],
            ],
            [
              ["主管部门", "眉山市东坡区人民政府"],
              ["实施单位", "东坡区政务服务中心"],
            ],
          ],
        },
      ],
    },
    {
      name: "自评总分",
      forms: [
        {
          ...nationalForm({
            project: "特色农产品展销会",
            unit: "东坡区农业农村局",
            fund: fundBlock({ initial: 50, budget: 50, spent: 48.4, weight: 10, rate: pct(0.968), score: 9.68 }, [
              ["其中：当年财政拨款", 50, 50, 48.4],
            ]),
            rows: [
              { level1: "产出指标", level2: "数量指标", name: "举办展销会", target: "≥3场", actual: "3场", weight: 40, score: 40 },
              { name: "参展企业数", target: "≥60家", actual: "66家", weight: 30, score: 30 },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "参展企业满意度",
                target: "≥90%",
                actual: "93%",
                weight: 20,
                score: 20,
              },
            ],
            total: null,
          }),
          info: [
            "自评总分：99.68",
            [
              ["项目名称", "特色农产品展销会"],
              ["财政审核评分", null],
            ],
            [
              ["主管部门", "眉山市东坡区人民政府"],
              ["实施单位", "东坡区农业农村局"],
            ],
          ],
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "自评得分",
        type: "项目支出",
        year: 2023,
        project: "村级便民服务站建设",
        unit: "东坡区政务服务中心",
        budget: 100,
        spent: 98,
        rate: 0.98,
        execution: { weight: 10, score: 9.8, filled: 9.8 },
        indicators: [
          { name: "新建村级服务站点", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "站点验收合格率", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "服务群众人次", method: "正向比例", weight: 20, score: 18.7, filled: 18.7 }, // 20×935/1000
        ],
        total: { rule: 98.5, filled: 98.5, max: 100, grade: "优" }, // 9.8 + 40 + 30 + 18.7; the header's 98.5
        differences: 0,
      },
      {
        sheet: "自评总分",
        type: "项目支出",
        year: 2023,
        project: "特色农产品展销会",
        unit: "东坡区农业农村局",
        budget: 50,
        spent: 48.4,
        rate: 0.968, // 48.4/50
        execution: { weight: 10, score: 9.68, filled: 9.68 },
        indicators: [
          { name: "举办展销会", method: "正向比例", weight: 40, score: 40, filled: 40 },
          { name: "参展企业数", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "参展企业满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.68, filled: 99.68, max: 100, grade: "优" }, // 9.68 + 90; `自评总分：99.68`
        differences: 0,
      },
    ],
    warnings: [],
    // The header totals agree with the items: no 填报总分 warning.
    absent: [
      { cell: "自评得分!F3", includes: "填报总分" },
      { cell: "自评总分!A3", includes: "填报总分" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// P5. Several indicator blocks in one form: `年度绩效目标（40分）` and `年度绩效目标（50分）`, each with its
// header (区商务局's 年度绩效目标（80分） label). Block 1: header 12, rows 13–14; block 2: header 15,
// rows 16–18, 总分 19.
const severalBlocks: CorpusEntry = {
  name: "several-indicator-blocks-in-one-form",
  variants: [MORE.severalBlocks, VARIES.labelWeights],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          ...nationalForm({
            project: "农贸市场提升改造",
            unit: "东坡区商务局",
            fund: fundBlock({ initial: 200, budget: 200, spent: 190, weight: 10, rate: pct(0.95), score: 9.5 }, [
              ["其中：当年财政拨款", 200, 200, 190],
            ]),
            rows: [],
            total: null,
          }),
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "改造提升农贸市场", target: "≥5个", actual: "5个", weight: 20, score: 20 },
              { level2: "质量指标", name: "改造工程验收合格率", target: "=100%", actual: "100%", weight: 20, score: 20 },
            ],
            {},
            { label: "年度绩效目标（40分）", total: null },
          ),
          blocks: [
            indicatorBlock(
              [
                {
                  level1: "效益指标",
                  level2: "社会效益指标",
                  name: "市场环境卫生状况",
                  target: "明显改善",
                  actual: "明显改善",
                  weight: 20,
                  score: 20,
                },
                { name: "周边群众购物便利度", target: "≥80%", actual: "85%", weight: 20, score: 20 },
                {
                  level1: "满意度指标",
                  level2: "服务对象满意度指标",
                  name: "商户满意度",
                  target: "≥90%",
                  actual: "92%",
                  weight: 10,
                  score: 10,
                },
              ],
              { weight: 100, score: 99.5 },
              { label: "年度绩效目标（50分）" },
            ),
          ],
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
        project: "农贸市场提升改造",
        unit: "东坡区商务局",
        budget: 200,
        spent: 190,
        rate: 0.95,
        execution: { weight: 10, score: 9.5, filled: 9.5 },
        indicators: [
          { name: "改造提升农贸市场", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "改造工程验收合格率", method: "等于", weight: 20, score: 20, filled: 20 },
          { name: "市场环境卫生状况", method: "定性分档", weight: 20, score: 20, filled: 20 },
          { name: "周边群众购物便利度", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "商户满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.5, filled: 99.5, max: 100, grade: "优" }, // 9.5 + 40 + 50
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P6. A framework of 项目决策（10分）/ 项目管理（25分）/ 项目产出 / 项目效益 with a 参考分值 column
// (海南 服务贸易项目绩效自评表: 项目决策 20 / 项目管理 25 / 项目绩效 55), the execution item as an
// indicator row (区商务局: 预算资金执行率 90% | 100% | 10 among the indicators). The fund block has no
// 分值: the row is the execution item and no second one is added. Rows 13–19, 总分 20.
const frameworks: CorpusEntry = {
  name: "framework-with-execution-as-an-indicator-row",
  variants: [MORE.frameworks, VARIES.labelWeights, VARIES.synonyms],
  build: build([
    {
      name: "设备购置",
      forms: [
        {
          ...nationalForm({
            project: "便民服务大厅设备购置",
            unit: "东坡区政务服务中心",
            fund: fundBlock({ initial: 30, budget: 30, spent: 28.5, rate: pct(0.95) }, [["其中：当年财政拨款", 30, 30, 28.5]], {
              columns: ["initial", "budget", "spent", "rate"],
            }),
            rows: [],
            total: null,
          }),
          indicators: indicatorBlock(
            [
              {
                level1: "项目决策（10分）",
                level2: "决策过程",
                name: "项目立项规范性",
                target: "规范",
                actual: "规范",
                weight: 10,
                score: 10,
              }, // 13
              {
                level1: "项目管理（25分）",
                level2: "资金管理",
                name: "预算执行率",
                target: "≥90%",
                actual: "95%",
                weight: 15,
                score: 14.25,
              }, // 14
              { level2: "组织实施", name: "管理制度健全性", target: "健全", actual: "健全", weight: 10, score: 10 }, // 15
              { level1: "项目产出", level2: "产出数量", name: "完成设备采购", target: "≥20台", actual: "20台", weight: 25, score: 25 }, // 16
              { level2: "产出时效", name: "设备按期到货率", target: "=100%", actual: "100%", weight: 15, score: 15 }, // 17
              {
                level1: "项目效益",
                level2: "社会效益",
                name: "服务保障能力",
                target: "明显提升",
                actual: "明显提升",
                weight: 15,
                score: 15,
              }, // 18
              { level2: "满意度", name: "使用单位满意度", target: "≥90%", actual: "96%", weight: 10, score: 10 }, // 19
            ],
            { weight: 100, score: 99.25 },
            {
              columns: ["level1", "level2", "name", "target", "actual", ["weight", "参考分值"], ["score", "自评得分"], "deviation"],
            },
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
        project: "便民服务大厅设备购置",
        unit: "东坡区政务服务中心",
        budget: 30,
        spent: 28.5,
        rate: 0.95, // 28.5/30
        // The 预算执行率 row is the execution item: 15 × MIN(28.5/30, 1) = 14.25 (not 正向比例 on 95% ≥ 90%).
        execution: { weight: 15, score: 14.25, filled: 14.25 },
        indicators: [
          { name: "项目立项规范性", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "管理制度健全性", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "完成设备采购", method: "正向比例", weight: 25, score: 25, filled: 25 },
          { name: "设备按期到货率", method: "等于", weight: 15, score: 15, filled: 15 },
          { name: "服务保障能力", method: "定性分档", weight: 15, score: 15, filled: 15 },
          { name: "使用单位满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 99.25, filled: 99.25, max: 100, grade: "优" }, // 14.25 + 10 + 10 + 25 + 15 + 15 + 10
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P7. Weights only on the block labels (区商务局 2020 市级服务贸易发展资金项目自评表: 产出指标（60分）,
// 效益指标（40分）, rows with 目标值 | 实际完成值（B）| 得分 and no 分值; its header 年初目标值（A） is not in
// forms.md's words, so 指标值（A）, which is). Title 1, info 2–3,
// fund 4–8, goals 9–10, header 11, rows 12–17, 总分 18.
const blockWeights: CorpusEntry = {
  name: "weights-only-on-block-labels",
  variants: [MORE.blockWeights, VARIES.noWeight, VARIES.labelWeights],
  build: build([
    {
      name: "服务贸易",
      forms: [
        {
          title: "2023年度市级服务贸易发展资金项目自评表",
          period: null,
          info: [
            "单位名称：区商务局",
            [
              ["项目名称", "市级服务贸易发展资金"],
              ["实施单位", "区投资促进中心"],
            ],
          ],
          fund: fundBlock({ initial: 285.84, budget: 285.84, spent: 285.84, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 285.84, 285.84, 285.84],
          ]),
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标（50分）",
                level2: "数量指标",
                name: "服务外包在岸执行额（万美元）",
                target: 20000,
                actual: 23333.56,
                score: 20,
              }, // 12
              { name: "服务外包离岸执行额（万美元）", target: 4500, actual: 4557.51, score: 15 }, // 13
              { level2: "质量指标", name: "支持服务贸易企业数量", target: 3, actual: 3, score: 15 }, // 14
              {
                level1: "效益指标（30分）",
                level2: "社会效益指标",
                name: "企业国际影响力",
                target: "受目的国受众欢迎",
                actual: "受目的国受众欢迎显著",
                score: 15,
              }, // 15
              {
                level2: "可持续影响指标",
                name: "推动企业走出去",
                target: "有利于推动企业走出去",
                actual: "有利于推动企业走出去",
                score: 15,
              }, // 16
              { level1: "满意度指标（10分）", level2: "服务对象满意度指标", name: "企业满意度", target: "≥90%", actual: "95%", score: 10 }, // 17
            ],
            { score: 100 },
            {
              columns: ["level1", "level2", "name", ["target", "指标值（A）"], ["actual", "实际完成值（B）"], "score", "deviation"],
            },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "服务贸易",
        type: "项目支出",
        year: 2023,
        project: "市级服务贸易发展资金",
        unit: "区投资促进中心",
        budget: 285.84,
        spent: 285.84,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        // Rows under 产出（50分）/ 效益（30分） have no 分值 of their own: their 得分 stand as 直接评分 (the
        // 得分 as its own 分值). The one row under 满意度（10分） takes the label's 10 and is scored.
        indicators: [
          { name: "服务外包在岸执行额（万美元）", method: "直接评分", weight: 20, score: 20, filled: 20 },
          { name: "服务外包离岸执行额（万美元）", method: "直接评分", weight: 15, score: 15, filled: 15 },
          { name: "支持服务贸易企业数量", method: "直接评分", weight: 15, score: 15, filled: 15 },
          { name: "企业国际影响力", method: "直接评分", weight: 15, score: 15, filled: 15 },
          { name: "推动企业走出去", method: "直接评分", weight: 15, score: 15, filled: 15 },
          { name: "企业满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 100, filled: 100, max: 100, grade: "优" }, // 10 + 50 + 30 + 10; the blocks' filled sums match their labels
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P8. A 总分 that leaves the execution item out (区商务局: 预算执行情况（20分） above indicators whose 分值
// add up to the printed 总分 100). Title 1, info 2–3, fund header 4, total 5, goals 6–7, header 8,
// rows 9–13, 总分 14.
const totalWithoutExecution: CorpusEntry = {
  name: "total-without-the-execution-item",
  variants: [MORE.totalWithoutExecution, VARIES.labelWeights, VARIES.synonyms],
  build: build([
    {
      name: "招商推介",
      forms: [
        {
          title: "2023年度招商引资推介活动经费项目自评表",
          period: null,
          info: [
            "单位名称：区投资促进中心",
            [
              ["项目名称", "招商引资推介活动经费"],
              ["主管部门", "区商务局"],
            ],
          ],
          fund: {
            label: "预算执行情况（万元）（20分）",
            columns: [
              ["budget", "预算数（A）"],
              ["spent", "执行数（B）"],
              ["rate", "执行率（B/A）"],
              ["score", "得分（20分*执行率）"],
            ],
            rows: [{ label: "年度财政资金总额", values: { budget: 50, spent: 47, rate: pct(0.94), score: 18.8 } }],
          },
          goals: GOALS,
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "举办招商推介活动",
                target: "≥6场",
                actual: "5场",
                weight: 20,
                score: 16.67,
                deviation: "受场馆档期影响取消1场，下年提前预订。",
              }, // 9
              { name: "签约项目数", target: "≥10个", actual: "12个", weight: 20, score: 20 }, // 10
              { level2: "质量指标", name: "推介资料发放", target: "≥2000册", actual: "2000册", weight: 20, score: 20 }, // 11
              {
                level1: "效益指标",
                level2: "经济效益指标",
                name: "意向投资额",
                target: "≥5亿元",
                actual: "5.6亿元",
                weight: 20,
                score: 20,
              }, // 12
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "参会企业满意度",
                target: "≥90%",
                actual: "92%",
                weight: 20,
                score: 20,
              }, // 13
            ],
            { weight: 100, score: 96.67 }, // 14
            {
              label: "年度绩效目标",
              columns: [
                "level1",
                "level2",
                "name",
                ["target", "指标值（A）"],
                ["actual", "实际完成值（B）"],
                "weight",
                "score",
                "deviation",
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
        sheet: "招商推介",
        type: "项目支出",
        year: 2023,
        project: "招商引资推介活动经费",
        unit: "区投资促进中心",
        budget: 50,
        spent: 47,
        rate: 0.94, // 47/50
        execution: { weight: 20, score: 18.8, filled: 18.8 }, // 20×0.94, reported beside the total
        executionOutsideTotal: true,
        indicators: [
          { name: "举办招商推介活动", method: "正向比例", weight: 20, score: 16.67, filled: 16.67 }, // 20×5/6 = 16.667
          { name: "签约项目数", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "推介资料发放", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "意向投资额", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "参会企业满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        // The form's total: the indicators alone, out of the printed 100.
        total: { rule: 96.67, filled: 96.67, max: 100, grade: "优" }, // 16.67 + 80
        differences: 0,
      },
    ],
    // Once, on the 总分 row (forms.md names no column).
    warnings: [{ cell: "招商推介!14", includes: "", count: 1 }],
  },
};

// ---------------------------------------------------------------------------------------------
// P9. Breakdown rows under a scored row (其中…, 含…, （1）…, after a ★ row), name prefixes ★ / 1. /
// 指标1 / 指标2：. Rows 13–20, 总分 21.
const breakdown: CorpusEntry = {
  name: "breakdown-rows-and-name-prefixes",
  variants: [MORE.breakdown, VARIES.unused],
  build: build([
    {
      name: "党员培训",
      forms: [
        nationalForm({
          project: "农村党员冬春集中培训",
          unit: "东坡区委组织部",
          fund: fundBlock({ initial: 40, budget: 40, spent: 39.2, weight: 10, rate: pct(0.98), score: 9.8 }, [
            ["其中：当年财政拨款", 40, 40, 39.2],
          ]),
          rows: [
            { level1: "产出指标", level2: "数量指标", name: "★培训人次", target: "≥1000人次", actual: "1050人次", weight: 20, score: 20 }, // 13
            { name: "其中：基层党员", target: "≥600人次", actual: "640人次" }, // 14
            { name: "含青年党员", target: "≥200人次", actual: "210人次" }, // 15
            { name: "1.培训班期数", target: "≥10期", actual: "10期", weight: 20, score: 20 }, // 16
            { name: "（1）线上培训班", target: "≥4期", actual: "4期" }, // 17
            { level2: "质量指标", name: "指标1培训合格率", target: "≥95%", actual: "98%", weight: 20, score: 20 }, // 18
            { level1: "效益指标", level2: "社会效益指标", name: "学习成效", target: "明显提升", actual: "明显提升", weight: 10, score: 10 }, // 19
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "指标2：学员满意度",
              target: "≥90%",
              actual: "93%",
              weight: 20,
              score: 20,
            }, // 20
          ],
          total: { weight: 100, score: 99.8 }, // 21
        }),
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "党员培训",
        type: "项目支出",
        year: 2023,
        project: "农村党员冬春集中培训",
        unit: "东坡区委组织部",
        budget: 40,
        spent: 39.2,
        rate: 0.98,
        execution: { weight: 10, score: 9.8, filled: 9.8 },
        indicators: [
          { name: "培训人次", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "培训班期数", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "培训合格率", method: "正向比例", weight: 20, score: 20, filled: 20 },
          { name: "学习成效", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "学员满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 99.8, filled: 99.8, max: 100, grade: "优" }, // 9.8 + 90; breakdown rows not scored
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P10. Two score columns: 自评得分 and 复核得分 (the department's own is the filled score). Indicator
// columns B–D, E 目标 F 实际 G 分值 H 自评得分 I 复核得分 J 偏差. Rows 13–16, 总分 17.
const twoScores: CorpusEntry = {
  name: "two-score-columns",
  variants: [MORE.twoScores, VARIES.synonyms],
  build: build([
    {
      name: "复核",
      forms: [
        {
          ...nationalForm({
            project: "城市管理综合执法专项",
            unit: "东坡区综合行政执法局",
            fund: fundBlock({ initial: 100, budget: 100, spent: 96, weight: 10, rate: pct(0.96), score: 9.6 }, [
              ["其中：当年财政拨款", 100, 100, 96],
            ]),
            rows: [],
            total: null,
          }),
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "完成执法检查",
                target: "≥120次",
                actual: "126次",
                weight: 30,
                score: 30,
                review: 30,
              }, // 13
              {
                level2: "质量指标",
                name: "案件办结率",
                target: "≥95%",
                actual: "91%",
                weight: 30,
                score: 28.74,
                review: 27,
                deviation: "部分案件跨年办理。",
              }, // 14: 30×91/95 = 28.737
              {
                level1: "效益指标",
                level2: "社会效益指标",
                name: "执法公信力",
                target: "明显提升",
                actual: "明显提升",
                weight: 20,
                score: 20,
                review: 18,
              }, // 15
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "群众满意度",
                target: "≥90%",
                actual: "92%",
                weight: 10,
                score: 10,
                review: 10,
              }, // 16
            ],
            { weight: 100, score: 98.34, review: 94.6 }, // 17
            {
              columns: ["level1", "level2", "name", "target", "actual", "weight", ["score", "自评得分"], "review", "deviation"],
            },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "复核",
        type: "项目支出",
        year: 2023,
        project: "城市管理综合执法专项",
        unit: "东坡区综合行政执法局",
        budget: 100,
        spent: 96,
        rate: 0.96,
        execution: { weight: 10, score: 9.6, filled: 9.6 },
        indicators: [
          { name: "完成执法检查", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "案件办结率", method: "正向比例", weight: 30, score: 28.74, filled: 28.74 },
          { name: "执法公信力", method: "定性分档", weight: 20, score: 20, filled: 20 }, // 自评 20, not 复核 18
          { name: "群众满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 98.34, filled: 98.34, max: 100, grade: "优" }, // 9.6 + 30 + 28.74 + 20 + 10; 复核 94.6 not mixed in
        differences: 0,
        review: { total: 94.6, indicators: [30, 27, 18, 10] }, // the 总分 row's 复核得分: 9.6 + 30 + 27 + 18 + 10
      },
    ],
    warnings: [],
    // The reviewer's column is read and shown, never checked as the department's score.
    absent: [
      { cell: "复核!I14", includes: "" },
      { cell: "复核!I15", includes: "" },
      { cell: "复核!I17", includes: "" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// P11. Bare rates in the 执行率 cell: 1 and 0.9658 are fractions, 96.82 is a percent (three sheets).
const bareRateForm = (project: string, fund: { budget: number; spent: number; rate: number; score: number }) =>
  nationalForm({
    project,
    unit: "东坡区机关事务服务中心",
    fund: fundBlock({ initial: fund.budget, budget: fund.budget, spent: fund.spent, weight: 10, rate: fund.rate, score: fund.score }, [
      ["其中：当年财政拨款", fund.budget, fund.budget, fund.spent],
    ]),
    rows: THREE_MET,
    total: { weight: 100, score: 90 + fund.score },
  });

const bareRates: CorpusEntry = {
  name: "bare-rates",
  variants: [MORE.bareRate, VARIES.rate, VARIES.several],
  build: build([
    { name: "全额执行", forms: [bareRateForm("机关公务用车运行维护", { budget: 50, spent: 50, rate: 1, score: 10 })] },
    { name: "小数执行率", forms: [bareRateForm("机关办公楼维修", { budget: 100, spent: 96.58, rate: 0.9658, score: 9.66 })] },
    { name: "百分数执行率", forms: [bareRateForm("机关食堂运行", { budget: 200, spent: 193.64, rate: 96.82, score: 9.68 })] },
  ]),
  expected: {
    forms: (
      [
        ["全额执行", "机关公务用车运行维护", 50, 50, 10], // 50/50 = 1 → 10
        ["小数执行率", "机关办公楼维修", 100, 96.58, 9.66], // 0.9658 → 9.658
        ["百分数执行率", "机关食堂运行", 200, 193.64, 9.68], // 0.9682 → 9.682
      ] satisfies Array<[string, string, number, number, number]>
    ).map(([sheet, project, budget, spent, score]) => ({
      sheet,
      type: "项目支出" as const,
      year: 2023,
      project,
      unit: "东坡区机关事务服务中心",
      budget,
      spent,
      rate: spent / budget,
      execution: { weight: 10, score, filled: score },
      indicators: [...THREE_MET_EXPECTED],
      total: { rule: 90 + score, filled: 90 + score, max: 100, grade: "优" as const },
      differences: 0,
    })),
    warnings: [],
    // 1 = 100%, 0.9658 = 96.58%, 96.82 = 96.82%: each agrees with 执行数 ÷ 预算数.
    absent: ["全额执行", "小数执行率", "百分数执行率"].map((s) => ({ cell: `${s}!H6`, includes: "填报执行率" })),
  },
};

// ---------------------------------------------------------------------------------------------
// P12. Year-only deadlines (`2023年`, `年底前`), `无` as the actual of a ≥ target, a percent under
// 成本指标 (`计划完成率 90%`) scored as a rate. Rows 13–18, 总分 19.
const yearOnly: CorpusEntry = {
  name: "year-only-deadlines-none-actual-percent-cost",
  variants: [MORE.yearOnly, ALSO.time, VARIES.operators],
  build: build([
    {
      name: "就业服务",
      forms: [
        nationalForm({
          project: "城乡就业创业服务",
          unit: "东坡区就业服务中心",
          fund: fundBlock({ initial: 80, budget: 80, spent: 80, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 80, 80, 80],
          ]),
          rows: [
            { level1: "产出指标", level2: "时效指标", name: "项目完工时间", target: "2023年", actual: "2023年11月", weight: 15, score: 15 }, // 13
            { name: "资料归档时间", target: "年底前", actual: "12月20日", weight: 15, score: 15 }, // 14
            {
              level2: "数量指标",
              name: "新增公益性岗位",
              target: "≥50个",
              actual: "无",
              weight: 10,
              score: 0,
              deviation: "用工需求下降，岗位开发未落实。",
            }, // 15
            {
              level2: "成本指标",
              name: "计划完成率",
              target: "90%",
              actual: "85%",
              weight: 10,
              score: 9.44,
              deviation: "部分培训计划顺延至下年。",
            }, // 16
            { name: "人均培训成本", target: "≤500元", actual: "480元", weight: 10, score: 10 }, // 17
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "参训人员满意度",
              target: "≥90%",
              actual: "92%",
              weight: 30,
              score: 30,
            }, // 18
          ],
          total: { weight: 100, score: 89.44 }, // 19
        }),
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "就业服务",
        type: "项目支出",
        year: 2023,
        project: "城乡就业创业服务",
        unit: "东坡区就业服务中心",
        budget: 80,
        spent: 80,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "项目完工时间", method: "反向比例", weight: 15, score: 15, filled: 15 }, // month 11 ≤ the year's last day
          { name: "资料归档时间", method: "反向比例", weight: 15, score: 15, filled: 15 }, // 11 + 20/30 ≤ the year's last day
          { name: "新增公益性岗位", method: "正向比例", weight: 10, score: 0, filled: 0 }, // 无 = 0: 10×0/50
          { name: "计划完成率", method: "正向比例", weight: 10, score: 9.44, filled: 9.44 }, // a rate, not a ceiling: 10×85/90 = 9.444
          { name: "人均培训成本", method: "反向比例", weight: 10, score: 10, filled: 10 },
          { name: "参训人员满意度", method: "正向比例", weight: 30, score: 30, filled: 30 },
        ],
        total: { rule: 89.44, filled: 89.44, max: 100, grade: "良" }, // 10 + 15 + 15 + 0 + 9.44 + 10 + 30
        differences: 0,
      },
    ],
    warnings: [],
  },
};

// ---------------------------------------------------------------------------------------------
// P13. Tier notes printed under a form (scoring notes under published 自评表s: 全年实际值/年度指标值×分值 …):
// they do not change the rule. Rows 13–16, 总分 17, notes 18–19.
const tierNotes: CorpusEntry = {
  name: "tier-notes-under-the-form",
  variants: [MORE.tierNotes, ALSO.wrongScore],
  build: build([
    {
      name: "Sheet1",
      forms: [
        nationalForm({
          project: "社区文化活动",
          unit: "东坡区文化馆",
          fund: fundBlock({ initial: 50, budget: 50, spent: 50, weight: 10, rate: pct(1), score: 10 }, [
            ["其中：当年财政拨款", 50, 50, 50],
          ]),
          rows: [
            {
              level1: "产出指标",
              level2: "数量指标",
              name: "培训人数",
              target: "≥200人",
              actual: "170人",
              weight: 20,
              score: 16,
              deviation: "部分学员因工作冲突缺训。",
            }, // 13: the note's 80% of 20
            { name: "活动场次", target: "≥10场", actual: "10场", weight: 30, score: 30 }, // 14
            { level1: "效益指标", level2: "社会效益指标", name: "社会影响", target: "明显提升", actual: "明显提升", weight: 20, score: 18 }, // 15
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              name: "群众满意度",
              target: "≥90%",
              actual: "95%",
              weight: 20,
              score: 20,
            }, // 16
          ],
          total: { weight: 100, score: 94 }, // 17
          footer: [
            "评分说明：完成率90%（含）以上得满分，70%（含）至90%得该项分值的80%，70%以下不得分。",
            "80-100分为优，60-80分为良，60分以下为差。",
          ],
        }),
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "Sheet1",
        type: "项目支出",
        year: 2023,
        project: "社区文化活动",
        unit: "东坡区文化馆",
        budget: 50,
        spent: 50,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [
          { name: "培训人数", method: "正向比例", weight: 20, score: 17, filled: 16 }, // the rule: 20×170/200 = 17
          { name: "活动场次", method: "正向比例", weight: 30, score: 30, filled: 30 },
          { name: "社会影响", method: "定性分档", weight: 20, score: 18, filled: 18 }, // 达成 [16, 20]
          { name: "群众满意度", method: "正向比例", weight: 20, score: 20, filled: 20 },
        ],
        total: { rule: 95, filled: 94, max: 100, grade: "优" }, // 10 + 17 + 30 + 18 + 20; filled 10 + 16 + 30 + 18 + 20
        differences: 1,
      },
    ],
    warnings: [{ cell: "Sheet1!H13", includes: "填报得分 16，按规则应为 17" }],
    absent: [{ cell: "Sheet1!H15", includes: "得分范围" }],
  },
};

// ---------------------------------------------------------------------------------------------
// P14. Smaller habits, on two sheets.
// 委托业务 (池州市贵池区棠溪镇 2022 委托业务项目, as published): 主管部门及代码, codes before the names,
// 年初预算 without 数, a 年度资金总额 row of zeros while 其中：本年财政拨款 holds 90 | 89.974 | 89.974,
// `≥100百分比`, 达成预期指标 as the actual, 8-point weights, a lone 经济效益指标 line. Rows 13–23, 总分 24.
// 补贴发放: `>=` / `<=`, `每亩300元`, 亿元 and 万元 amounts, decimal weights 22.5 / 12.5 (大英 22.5),
// a 得分计算方法 column, a `其中：` row with its own 分值. Rows 13–17, 总分 18.
const smallerHabits: CorpusEntry = {
  name: "smaller-habits",
  variants: [MORE.smallerHabits, ALSO.sources, VARIES.labelWeights, VARIES.amounts, VARIES.several],
  build: build([
    {
      name: "委托业务",
      forms: [
        {
          ...nationalForm({
            project: "委托业务项目",
            unit: "219001-池州市贵池区棠溪镇人民政府",
            year: 2022,
            fund: {
              label: "项目资金（万元）",
              columns: [["initial", "年初预算"], "budget", "spent", "weight", "rate", "score"],
              rows: [
                { label: "年度资金总额：", values: { initial: 0, budget: 0, spent: 0, weight: 10, rate: 0, score: 0 } },
                { label: "其中：本年财政拨款", values: { initial: 90, budget: 89.974, spent: 89.974 } },
                { label: "上年结转资金" },
                { label: "其他资金" },
              ],
            },
            rows: [
              {
                level1: "产出指标（50分）",
                level2: "数量指标",
                name: "基建工程委托业务项目数量",
                target: "≥50个",
                actual: "50",
                weight: 8,
                score: 8,
              }, // 13
              { level2: "质量指标", name: "委托业务报告合格率", target: "≥100百分比", actual: "100", weight: 8, score: 8 }, // 14
              { name: "经费支出合规性", target: "严格执行相关制度规定", actual: "达成预期指标", weight: 8, score: 8 }, // 15
              {
                level2: "时效指标",
                name: "提交报告及时性",
                target: "在项目计划完成时间内完成",
                actual: "达成预期指标",
                weight: 8,
                score: 8,
              }, // 16
              { level2: "成本指标", name: "项目总成本", target: "≤90万元", actual: "90", weight: 8, score: 8 }, // 17
              { name: "单项业务成本", target: "符合相关规定", actual: "达成预期指标", weight: 10, score: 10 }, // 18
              {
                level1: "效益指标（30分）",
                level2: "社会效益指标",
                name: "对维护基建市场公平的影响程度",
                target: "效果明显",
                actual: "达成预期指标",
                weight: 10,
                score: 10,
              }, // 19
              {
                level2: "生态效益指标",
                name: "对控制基建项目成本影响程度",
                target: "效果明显",
                actual: "达成预期指标",
                weight: 10,
                score: 10,
              }, // 20
              {
                level2: "可持续影响指标",
                name: "对推动基建项目“四项制度”健全和落实的持续性影响",
                target: "效果明显",
                actual: "达成预期指标",
                weight: 10,
                score: 10,
              }, // 21
              { level2: "经济效益指标" }, // 22
              {
                level1: "满意度指标（10分）",
                level2: "满意度指标",
                name: "公众满意度",
                target: "≥90%",
                actual: "95%",
                weight: 10,
                score: 10,
              }, // 23
            ],
            total: { weight: 100, score: 90 }, // 24
          }),
          info: [
            [["项目名称", "委托业务项目"]],
            [
              ["主管部门及代码", "219-池州市贵池区棠溪镇人民政府"],
              ["实施单位", "219001-池州市贵池区棠溪镇人民政府"],
            ],
          ],
        },
      ],
    },
    {
      name: "补贴发放",
      forms: [
        {
          ...nationalForm({
            project: "耕地地力保护补贴发放",
            unit: "东坡区农业农村局",
            fund: fundBlock({ initial: "1.2亿元", budget: "1.2亿元", spent: "11400万元", weight: 10, rate: pct(0.95), score: 9.5 }, [
              ["其中：当年财政拨款", "1.2亿元", "1.2亿元", "11400万元"],
            ]),
            rows: [],
            total: null,
          }),
          indicators: indicatorBlock(
            [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "补贴发放面积",
                target: ">=5000亩",
                actual: "5200亩",
                weight: 22.5,
                score: 22.5,
                formula: "实际值/目标值×分值",
              }, // 13
              { name: "其中：高标准农田面积", target: ">=2000亩", actual: "2100亩", weight: 10, score: 10, formula: "实际值/目标值×分值" }, // 14
              {
                level2: "质量指标",
                name: "补助标准",
                target: "每亩300元",
                actual: "每亩300元",
                weight: 22.5,
                score: 22.5,
                formula: "达到标准得满分",
              }, // 15
              {
                level2: "成本指标",
                name: "资金结余率",
                target: "<=5%",
                actual: "3%",
                weight: 22.5,
                score: 22.5,
                formula: "目标值/实际值×分值",
              }, // 16
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "农户满意度",
                target: ">=90%",
                actual: "95%",
                weight: 12.5,
                score: 12.5,
              }, // 17
            ],
            { weight: 100, score: 99.5 }, // 18
            { columns: ["level1", "level2", "name", "target", "actual", "weight", "score", "formula", "deviation"] },
          ),
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "委托业务",
        type: "项目支出",
        year: 2022,
        project: "委托业务项目",
        unit: "219001-池州市贵池区棠溪镇人民政府", // as printed, code included (as 四川's 项目名称 keeps its code)
        budget: 0, // read as printed, never replaced by the 其中 row's 89.974
        spent: 0,
        rate: null, // budget 0
        execution: { weight: 10, score: 0, filled: 0 }, // no rate: nothing to score
        indicators: [
          { name: "基建工程委托业务项目数量", method: "正向比例", weight: 8, score: 8, filled: 8 },
          { name: "委托业务报告合格率", method: "正向比例", weight: 8, score: 8, filled: 8 }, // 100/100 (百分比 a unit)
          { name: "经费支出合规性", method: "定性分档", weight: 8, score: 8, filled: 8 }, // 达成预期指标 = 达成
          { name: "提交报告及时性", method: "定性分档", weight: 8, score: 8, filled: 8 },
          { name: "项目总成本", method: "反向比例", weight: 8, score: 8, filled: 8 }, // 90 ≤ 90
          { name: "单项业务成本", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "对维护基建市场公平的影响程度", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "对控制基建项目成本影响程度", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "对推动基建项目“四项制度”健全和落实的持续性影响", method: "定性分档", weight: 10, score: 10, filled: 10 },
          { name: "公众满意度", method: "正向比例", weight: 10, score: 10, filled: 10 },
        ],
        total: { rule: 90, filled: 90, max: 100, grade: "优" }, // 0 + 50 + 30 + 10
        differences: 0,
      },
      {
        sheet: "补贴发放",
        type: "项目支出",
        year: 2023,
        project: "耕地地力保护补贴发放",
        unit: "东坡区农业农村局",
        budget: 12000, // 1.2亿元
        spent: 11400, // 11400万元
        rate: 0.95,
        execution: { weight: 10, score: 9.5, filled: 9.5 },
        indicators: [
          { name: "补贴发放面积", method: "正向比例", weight: 22.5, score: 22.5, filled: 22.5 },
          { name: "其中：高标准农田面积", method: "正向比例", weight: 10, score: 10, filled: 10 }, // its own 分值: an indicator
          { name: "补助标准", method: "正向比例", weight: 22.5, score: 22.5, filled: 22.5 }, // 300 of 每亩300元
          { name: "资金结余率", method: "反向比例", weight: 22.5, score: 22.5, filled: 22.5 },
          { name: "农户满意度", method: "正向比例", weight: 12.5, score: 12.5, filled: 12.5 },
        ],
        total: { rule: 99.5, filled: 99.5, max: 100, grade: "优" }, // 9.5 + 90
        differences: 0,
      },
    ],
    // 89.974 in the 其中 row ≠ the 0 printed in the total row.
    warnings: [{ cell: ["委托业务!E6", "委托业务!F6"], includes: "资金来源" }],
  },
};

// ---------------------------------------------------------------------------------------------
// P15. No year printed (the year before the 填报日期's), and a form not yet evaluated (青神县发展和改革局
// 2023 工资性支出: 完成值 and 得分 blank).
// 无年度: title 1, info 2–3, fund 4–8, goals 9–10, header 11, rows 12–14, 总分 15, footer 16.
// 青神: title 1, info 2–3, fund header 4, 总额 5, sub-rows 6–9, goals 10–11, header 12–13, rows 14–15, 合计 16.
const noYear: CorpusEntry = {
  name: "no-year-and-not-yet-evaluated",
  variants: [MORE.noYear, VARIES.twoRow, VARIES.several, MORE.placeholders],
  build: build([
    {
      name: "无年度",
      forms: [
        {
          ...nationalForm({
            project: "社区养老服务补助",
            unit: "东坡区民政局",
            fund: fundBlock({ initial: 30, budget: 30, spent: 30, weight: 10, rate: pct(1), score: 10 }, [
              ["其中：当年财政拨款", 30, 30, 30],
            ]),
            rows: [
              {
                level1: "产出指标",
                level2: "数量指标",
                name: "服务老年人人次",
                target: "≥3000人次",
                actual: "3200人次",
                weight: 40,
                score: 40,
              },
              { level2: "质量指标", name: "服务质量达标率", target: "≥95%", actual: "98%", weight: 30, score: 30 },
              {
                level1: "满意度指标",
                level2: "服务对象满意度指标",
                name: "老年人满意度",
                target: "≥90%",
                actual: "96%",
                weight: 20,
                score: 20,
              },
            ],
            total: { weight: 100, score: 100 },
            footer: [["填报日期：2024年3月15日", "联系人：王芳"]],
          }),
          period: null,
        },
      ],
    },
    {
      name: "青神",
      forms: [
        {
          title: "部门预算项目支出绩效自评表(2023年度)",
          period: null,
          info: projectInfo("51000021R000000019951-工资性支出", "青神县发展和改革局", "青神县发展和改革局本级"),
          fund: {
            label: "预算执行情况（10分）",
            rowHeader: "年度预算数（万元）",
            columns: [
              ["initial", "年初预算"],
              ["budget", "调整后预算数"],
              ["spent", "预算执行数"],
              ["rate", "预算执行率"],
              ["weight", "权重"],
              "score",
            ],
            rows: [
              { label: "总额", values: { initial: 238.93, budget: 251.89, spent: 251.89, rate: "100.00%", weight: 10, score: null } },
              {
                label: "其中：财政资金",
                values: { initial: 238.93, budget: 251.89, spent: 251.89, rate: "100.00%", weight: "/", score: "/" },
              },
              { label: "财政专户管理资金", values: { initial: 0, budget: 0, spent: 0, rate: "0.00%", weight: "/", score: "/" } },
              { label: "单位资金", values: { initial: 0, budget: 0, spent: 0, rate: "0.00%", weight: "/", score: "/" } },
              { label: "其他资金", values: { rate: null, weight: "/", score: "/" } },
            ],
          },
          goals: {
            expected: "严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳，预算编制科学合理，减少结余资金。",
            actual: "",
          },
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
              { level1: "产出指标", level2: "数量指标", name: "发放（缴纳）覆盖率", nature: "=", value: 100, unit: "%", weight: 60 }, // 14
              { level1: "效益指标", level2: "社会效益指标", name: "足额保障率（参保率）", nature: "=", value: 100, unit: "%", weight: 30 }, // 15
            ],
            total: { label: "合计", weight: 100 }, // 16
          },
          footer: [["项目负责人：", "财务负责人："]],
        },
      ],
    },
  ]),
  expected: {
    forms: [
      {
        sheet: "无年度",
        type: "项目支出",
        year: 2023, // the year before 填报日期：2024年3月15日
        project: "社区养老服务补助",
        unit: "东坡区民政局",
        budget: 30,
        spent: 30,
        rate: 1,
        execution: { weight: 10, score: 10, filled: 10 },
        indicators: [...THREE_MET_EXPECTED].map((e, i) => ({ ...e, name: ["服务老年人人次", "服务质量达标率", "老年人满意度"][i] })),
        total: { rule: 100, filled: 100, max: 100, grade: "优" },
        differences: 0,
      },
      {
        sheet: "青神",
        type: "项目支出",
        year: 2023,
        project: "51000021R000000019951-工资性支出",
        unit: "青神县发展和改革局",
        budget: 251.89,
        spent: 251.89,
        rate: 1,
        execution: { weight: 10, score: 10, filled: null }, // budget and rate reported; 得分 not yet filled
        indicators: [
          { name: "发放（缴纳）覆盖率", method: "等于", weight: 60, score: null, filled: null, met: null },
          { name: "足额保障率（参保率）", method: "等于", weight: 30, score: null, filled: null, met: null },
        ],
        total: null, // not yet evaluated: completion unknown, no total
        differences: 0,
      },
    ],
    warnings: [
      // One warning each (forms.md gives no cell): the title or the 填报日期 line; the indicator header.
      { cell: ["无年度!A1", "无年度!A16"], includes: "", count: 1 },
      { cell: ["青神!A12", "青神!H12", "青神!J12"], includes: "", count: 1 },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// P16. One form that cannot be read (项目B: a fund block without 全年执行数) between two that can.
// Each sheet national; 项目B's fund header is row 5.
const smallProject = (project: string, fund: { budget: number; spent: number; rate: number; score: number }): FormSpec =>
  nationalForm({
    project,
    unit: "东坡区文化广播电视和旅游局",
    fund: fundBlock({ initial: fund.budget, budget: fund.budget, spent: fund.spent, weight: 10, rate: pct(fund.rate), score: fund.score }, [
      ["其中：当年财政拨款", fund.budget, fund.budget, fund.spent],
    ]),
    rows: THREE_MET,
    total: { weight: 100, score: 90 + fund.score },
  });

const withoutSpent = (project: string): FormSpec =>
  nationalForm({
    project,
    unit: "东坡区文化广播电视和旅游局",
    fund: fundBlock({ initial: 40, budget: 40, weight: 10, score: 10 }, [["其中：当年财政拨款", 40, 40]], {
      columns: ["initial", "budget", "weight", "score"],
    }),
    rows: THREE_MET,
    total: { weight: 100, score: 100 },
  });

const projectExpected = (sheet: string, project: string, budget: number, spent: number, score: number) => ({
  sheet,
  type: "项目支出" as const,
  year: 2023,
  project,
  unit: "东坡区文化广播电视和旅游局",
  budget,
  spent,
  rate: spent / budget,
  execution: { weight: 10, score, filled: score },
  indicators: [...THREE_MET_EXPECTED],
  total: { rule: 90 + score, filled: 90 + score, max: 100, grade: "优" as const },
  differences: 0,
});

const oneUnreadable: CorpusEntry = {
  name: "one-unreadable-form-among-three",
  variants: [MORE.oneUnreadable, VARIES.several, ALSO.missing],
  build: build([
    { name: "项目A", forms: [smallProject("公共文化场馆免费开放", { budget: 60, spent: 60, rate: 1, score: 10 })] },
    { name: "项目B", forms: [withoutSpent("非遗保护传承")] },
    { name: "项目C", forms: [smallProject("送戏下乡", { budget: 20, spent: 19, rate: 0.95, score: 9.5 })] },
  ]),
  expected: {
    forms: [
      projectExpected("项目A", "公共文化场馆免费开放", 60, 60, 10), // 60/60 → 10; 100
      projectExpected("项目C", "送戏下乡", 20, 19, 9.5), // 19/20 = 0.95 → 9.5; 99.5
    ],
    warnings: [],
    errors: [{ cell: "项目B!A5", includes: "全年执行数" }],
  },
};

// P16b. When no form can be read, exit 2, each form's problem at its cell.
const noneReadable: CorpusEntry = {
  name: "error-no-form-readable",
  variants: [MORE.oneUnreadable, ALSO.missing],
  build: build([
    { name: "项目A", forms: [withoutSpent("非遗保护传承")] },
    { name: "项目B", forms: [withoutSpent("文物安全巡查")] },
  ]),
  expected: {
    error: [
      { cell: "项目A!A5", includes: "全年执行数" },
      { cell: "项目B!A5", includes: "全年执行数" },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// P17. Nothing to score: no 分值 and no 得分 anywhere (the fund block neither). Budget, rate and each
// target's completion are reported, the scores empty, one warning. Header 12, rows 13–15.
const nothingToScore: CorpusEntry = {
  name: "no-weights-and-no-scores-at-all",
  variants: [MORE.nothingToScore, VARIES.order],
  build: build([
    {
      name: "Sheet1",
      forms: [
        {
          ...nationalForm({
            project: "机关党建阵地维护",
            unit: "东坡区直属机关工委",
            fund: fundBlock({ initial: 40, budget: 40, spent: 38, rate: pct(0.95) }, [["其中：当年财政拨款", 40, 40, 38]], {
              columns: ["initial", "budget", "spent", "rate"],
            }),
            rows: [],
            total: null,
          }),
          indicators: indicatorBlock(
            [
              { level1: "产出指标", level2: "数量指标", name: "维护党建阵地", target: "≥5个", actual: "5个" },
              { name: "开展主题党日活动", target: "≥12次", actual: "10次", deviation: "两次活动并入主题教育开展。" },
              { level1: "满意度指标", level2: "服务对象满意度指标", name: "党员满意度", target: "≥90%", actual: "95%" },
            ],
            {},
            { columns: ["level1", "level2", "name", "target", "actual", "deviation"], total: null },
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
        project: "机关党建阵地维护",
        unit: "东坡区直属机关工委",
        budget: 40,
        spent: 38,
        rate: 0.95, // 38/40
        execution: null, // no 分值 anywhere: no execution score either
        indicators: [
          { name: "维护党建阵地", method: "正向比例", weight: null, score: null, filled: null, met: true }, // 5/5
          { name: "开展主题党日活动", method: "正向比例", weight: null, score: null, filled: null, met: false }, // 10/12
          { name: "党员满意度", method: "正向比例", weight: null, score: null, filled: null, met: true }, // 95/90
        ],
        total: null,
        differences: 0,
      },
    ],
    // One warning saying why the scores are empty; DECISION: at the indicator header's first cell.
    warnings: [{ cell: "Sheet1!A12", includes: "", count: 1 }],
  },
};

export const PUBLISHED_ENTRIES: CorpusEntry[] = [
  placeholders,
  headerWords,
  fundBlocks,
  headerTotals,
  severalBlocks,
  frameworks,
  blockWeights,
  totalWithoutExecution,
  breakdown,
  twoScores,
  bareRates,
  yearOnly,
  tierNotes,
  smallerHabits,
  noYear,
  oneUnreadable,
  noneReadable,
  nothingToScore,
];
