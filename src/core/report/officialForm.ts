/**
 * The 附表 as reviewers know it (report.md "Layout", forms.md "The forms"): the official 自评表
 * filled from the evaluation. Plain data built from the report model; rendered as its own
 * landscape sheet (自评报告附表) and as a landscape section with a real table in the .docx.
 * Every figure is a Figure, so the sheet shows a live reference to 评分结果 and the .docx its value.
 */
import type { Figure } from "./parts";

export interface OfficialFormFundRow {
  /** 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金, or 基本支出 / 项目支出. */
  label: string;
  initial: Figure | null;
  budget: Figure | null;
  spent: Figure | null;
}

export interface OfficialFormIndicator {
  level1: string;
  level2: string;
  name: string;
  /** As the form shows them: "≥10期", "98%", "明显提升". */
  target: string;
  actual: string;
  /** None on a breakdown row: its 分值 and 得分 cells stay empty. */
  weight: Figure | null;
  score: Figure | null;
  deviation: string;
  /**
   * A breakdown row under a scored row (`其中…`, `（1）…`, forms.md "Breakdown rows"): its name,
   * target and actual as printed, never scored; drawn with its name indented one step.
   */
  breakdown?: true;
}

export interface OfficialForm {
  /** 项目支出绩效自评表 / 部门整体支出绩效自评表. */
  title: string;
  /** （2023年度） */
  period: string;
  /** Label/value pairs, one array per printed line: [[项目名称, …]], [[主管部门, …], [实施单位, …]]. */
  info: Array<Array<{ label: string; value: string }>>;
  /** The fund block's label, with its unit: 项目资金（万元） / 部门资金（万元）. */
  fundLabel: string;
  /** First row is 年度资金总额; it alone carries 分值, 执行率 and 得分. */
  fund: {
    rows: OfficialFormFundRow[];
    weight: Figure | null;
    rate: Figure | null;
    score: Figure | null;
  };
  /** 年度总体目标: 预期目标 and 实际完成情况; null when neither is known. */
  goals: { planned: string; actual: string } | null;
  indicators: OfficialFormIndicator[];
  /** 总分: the sum of all 分值 (execution item included) and of all 得分. */
  total: { weight: Figure; score: Figure };
}
