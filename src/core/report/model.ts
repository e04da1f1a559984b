/**
 * The report as data (report.md): one model built from the Evaluation, from which both the
 * 自评报告 sheet and the .docx are rendered, so the two cannot disagree.
 */
import type { TextSection } from "../contract";
import type { Evaluation } from "../evaluate";
import type { ScoreSheetLayout } from "../sheets/scoreSheet";
import { generatedEfficiency, generatedPerformance, generatedProblems } from "./generate";
import type { OfficialForm } from "./officialForm";
import { buildOfficialForm } from "./officialFormData";
import { type FigureKind, type Paragraph, type Part, paragraph, scoreSheetFigure } from "./parts";
import { chineseNumber } from "./typography";

export type { Figure, Paragraph, Part } from "./parts";

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; level: 1 | 2; text: string }
  | Paragraph
  /** The 附表: the official 自评表, printed on its own landscape sheet / section. */
  | { kind: "appendix"; title: string; form: OfficialForm };

export interface ReportModel {
  title: string;
  blocks: Block[];
}

interface Section {
  title: string;
  body: Paragraph[];
}

/** Section titles for each evaluation type; project reports speak of the project, not the department. */
const TITLES = {
  部门整体支出: {
    basics: "部门基本情况",
    functions: "部门职能",
    work: "年度总体工作和重点工作任务",
    goals: "部门整体支出绩效目标",
    finance: "部门整体收支情况",
    management: "部门整体绩效管理情况",
    performance: "履职效能分析",
    appendix: "部门整体支出绩效自评表",
    subject: "部门",
  },
  项目支出: {
    basics: "项目基本情况",
    functions: "项目单位职能",
    work: "项目年度工作任务",
    goals: "项目绩效目标",
    finance: "项目资金收支情况",
    management: "项目绩效管理情况",
    performance: "产出和效益分析",
    appendix: "项目支出绩效自评表",
    subject: "项目",
  },
} as const;

export function buildReportModel(ev: Evaluation, layout: ScoreSheetLayout): ReportModel {
  const { info, texts } = ev.input;
  const t = TITLES[info.evaluationType];
  const isProject = info.evaluationType === "项目支出";
  const user = (section: TextSection): Paragraph[] => (texts[section] ?? []).map((s) => paragraph([s], "user"));
  const userOr = (section: TextSection, generate: () => Paragraph[]): Paragraph[] => {
    const own = user(section);
    return own.length ? own : generate();
  };
  const fig = (kind: FigureKind, value: number | string, address: string) => scoreSheetFigure(kind, value, address);

  const amount = (v: number, address: string) => fig("amount", v, address);
  // A form without a 基本支出/项目支出 split states the totals alone.
  const split = !isProject && (ev.budget.basic > 0 || ev.budget.project > 0 || ev.input.source === "template");
  const finance: Part[] =
    isProject || !split
      ? [
          isProject ? "项目全年预算数" : "部门全年预算数",
          amount(ev.budget.total, layout.budgetTotal),
          "万元，全年实际支出数",
          amount(ev.spent.total, layout.spentTotal),
          "万元；年度预算执行进度达",
          fig("rate", ev.rates.total ?? 0, layout.rateTotal),
          "。",
        ]
      : [
          "部门全年预算数",
          amount(ev.budget.total, layout.budgetTotal),
          "万元，其中：基本支出",
          amount(ev.budget.basic, layout.budgetBasic),
          "万元，项目支出",
          amount(ev.budget.project, layout.budgetProject),
          "万元；全年实际支出数",
          amount(ev.spent.total, layout.spentTotal),
          "万元，其中：基本支出",
          amount(ev.spent.basic, layout.spentBasic),
          "万元，项目支出",
          amount(ev.spent.project, layout.spentProject),
          "万元；年度预算执行进度达",
          fig("rate", ev.rates.total ?? 0, layout.rateTotal),
          "。",
        ];
  const conclusion: Part[] = [
    `${info.evaluationType}绩效自评总分`,
    fig("score", ev.maxScore, layout.maxScore),
    "分，自评得分",
    fig("score", ev.totalScore, layout.totalScore),
    "分，自评等级为“",
    fig("text", ev.grade, layout.grade),
    "”。",
  ];

  const chapters: Array<{ title: string; sections?: Section[]; body?: Paragraph[] }> = [
    {
      title: t.basics,
      sections: [
        { title: t.functions, body: user("部门职能") },
        { title: t.work, body: user("年度总体工作和重点工作任务") },
        { title: t.goals, body: user("部门整体支出绩效目标") },
        { title: t.finance, body: [paragraph(finance, "computed"), ...user("收支情况说明")] },
        { title: t.management, body: user("部门整体绩效管理情况") },
      ],
    },
    {
      title: "绩效自评情况",
      sections: [
        { title: "自评结论", body: [paragraph(conclusion, "computed")] },
        { title: t.performance, body: userOr("履职效能分析", () => generatedPerformance(ev, t.subject)) },
        { title: "管理效率分析", body: userOr("管理效率分析", () => generatedEfficiency(ev, layout)) },
      ],
    },
    { title: "存在的主要问题", body: userOr("存在的主要问题", () => generatedProblems(ev)) },
    { title: "下一步改进措施", body: user("下一步改进措施") },
  ];

  const title = reportTitle(ev);
  const blocks: Block[] = [{ kind: "title", text: title }];
  // Sections without text are left out (workbook.md); the numbering closes up behind them.
  const present = chapters.filter((c) => (c.sections ? c.sections.some((s) => s.body.length) : (c.body ?? []).length));
  present.forEach((chapter, i) => {
    blocks.push({ kind: "heading", level: 1, text: `${chineseNumber(i + 1)}、${chapter.title}` });
    if (chapter.body) blocks.push(...chapter.body);
    chapter.sections
      ?.filter((s) => s.body.length)
      .forEach((s, j) => {
        blocks.push({ kind: "heading", level: 2, text: `（${chineseNumber(j + 1)}）${s.title}` });
        blocks.push(...s.body);
      });
  });
  blocks.push({ kind: "appendix", title: `附表：${t.appendix}`, form: buildOfficialForm(ev, layout) });
  return { title, blocks };
}

/** A form's project names its report (`2023年度党建品牌建设项目支出绩效自评报告`); else the unit does. */
export function reportTitle(ev: Evaluation): string {
  const { info, form } = ev.input;
  if (form?.projectName && info.evaluationType === "项目支出")
    return `${yearText(info.year)}${form.projectName.replace(/项目$/, "")}项目支出绩效自评报告`;
  return `${yearText(info.year)}${info.unitName}${info.evaluationType}绩效自评报告`;
}

/** `2023年度`; nothing for a form that states no year (read with a warning, year 0). */
export function yearText(year: number): string {
  return year ? `${year}年度` : "";
}
