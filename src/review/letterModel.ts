/**
 * A unit's 复核意见函 (`jixiao review --letters`) as data: what the bureau writes back to a
 * department after review, in the register of an official 函 — the addressee, the forms reviewed
 * with their filled and rule totals, each check with its place and what to do, the requirements,
 * a closing line, and the bureau's name and date left for the bureau to fill. Pure: the Word
 * document is rendered from it by review/letterDocx.ts.
 */
import { formatScore } from "../core/format";
import { chineseNumber } from "../core/report/typography";
import type { Problem, ProblemCode } from "../core/problems";
import { issueRow } from "./reviewFile";

/** One form of the unit, as 汇总 lists it, with the checks raised on it. */
export interface LetterForm {
  /** The file as the batch names it. */
  file: string;
  sheet: string;
  project: string;
  year: number | null;
  filled: number | null;
  rule: number;
  grade: string;
  difference: number | null;
  issues: Problem[];
}

export interface LetterModel {
  /** 关于2023年度绩效自评复核意见的函 */
  title: string;
  /** The unit, as the addressee line says it (followed by `：`). */
  addressee: string;
  opening: string;
  /** Headed sections in order (一、…); a table goes after its section's paragraphs. */
  sections: Array<{ heading: string; paragraphs: LetterParagraph[]; table?: LetterTable }>;
  closing: string;
  /** Left for the bureau: its name and the date. */
  signature: string;
  date: string;
}

/** Body text, or a second-level heading (（一）…) within a section. */
export interface LetterParagraph {
  text: string;
  subheading?: boolean;
}

export interface LetterTable {
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
}

/** A unit's name as typed, or a placeholder where the form left it blank. */
export const UNNAMED_UNIT = "（未填写单位名称）";

/**
 * What the unit is asked to do about a check, by the check's code (forms.md "Checks"); "" where the
 * check's own message already asks for something (…，请填写偏差原因分析及改进措施). A check not listed
 * gets the general request; an error (a form that could not be scored) asks for a corrected
 * resubmission.
 */
const RESCORE = "请按评分规则重新核定该项得分，或说明填报依据。";
const WITHIN_WEIGHT = "请按该项分值重新核定得分。";
const BY_TIER = "请按定性指标的分档标准重新评定该项得分。";
const ACTIONS: Partial<Record<ProblemCode, string>> = {
  "filled.differs": RESCORE,
  "score.differs": RESCORE,
  "filled.aboveWeight": WITHIN_WEIGHT,
  "filled.negative": WITHIN_WEIGHT,
  "score.aboveWeight": WITHIN_WEIGHT,
  "score.negative": WITHIN_WEIGHT,
  "tier.filledOutside": BY_TIER,
  "tier.scoreOutside": BY_TIER,
  "filled.totalDiffers": "请重新核对总分，使之与各项得分之和一致。",
  "weight.sum": "请核对各项指标分值，使合计等于满分。",
  "weight.blockSum": WITHIN_WEIGHT,
  "filled.rateDiffers": "请按全年执行数与全年预算数重新计算预算执行率。",
  "fund.sourcesDiffer": "请核对资金来源各分项金额，使之与年度资金总额一致。",
  "deviation.short": "",
  "deviation.partly": "",
  "deviation.belowFull": "",
  "deviation.overAchieved": "",
  "budget.lowRate": "",
  "indicator.duplicateName": "",
  "indicator.unitMismatch": "",
};

export function actionFor(issue: Problem): string {
  if (issue.severity === "error") return "请按说明修正后重新报送。";
  return ACTIONS[issue.code] ?? "请核实该处填报内容，确有差错的予以更正。";
}

const score = (x: number | null) => (x === null ? "未填" : formatScore(x));
const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;
/** A check's sentence ends with one full stop. */
const sentence = (s: string) => (/[。！？]$/.test(s) ? s : `${s}。`);

export function letterModel(unit: string, forms: readonly LetterForm[]): LetterModel {
  // 2023年度 (or 2022、2023年度); nothing where no form states its year.
  const years = [...new Set(forms.map((f) => f.year).filter((y): y is number => y !== null))].sort();
  const year = years.length ? `${years.join("、")}年度` : "";
  const differing = forms.filter((f) => f.difference !== null && f.difference !== 0).length;
  const blank = forms.filter((f) => f.filled === null).length;
  const checks = forms.reduce((n, f) => n + f.issues.length, 0);

  const compared = forms.length - blank;
  const overview =
    `本次复核你单位绩效自评表${forms.length}张` +
    (differing > 0
      ? `，其中${differing}张填报总分与按评分规则计算的总分不一致`
      : compared > 0
        ? `，${blank > 0 ? "已填写的" : ""}填报总分与按评分规则计算的总分均一致`
        : "") +
    (blank > 0 ? `，${blank}张未填写总分` : "") +
    (checks > 0 ? `；共发现需要核实的问题${checks}处。` : "；未发现需要核实的问题。");
  const table: LetterTable = {
    header: ["序号", "文件", "自评表", "项目", "填报总分", "复核总分", "差异", "等级"],
    widths: [6, 23, 13, 17, 11.5, 11.5, 9, 9],
    rows: forms.map((f, i) => [
      String(i + 1),
      fileName(f.file),
      f.sheet,
      f.project || "—",
      score(f.filled),
      formatScore(f.rule),
      f.difference === null ? "—" : formatScore(f.difference),
      f.grade,
    ]),
  };

  const problems: LetterParagraph[] = [];
  const withIssues = forms.filter((f) => f.issues.length > 0);
  withIssues.forEach((f, i) => {
    const name = `${fileName(f.file)} 的“${f.sheet}”${f.project ? `（${f.project}）` : ""}`;
    problems.push({ text: `（${chineseNumber(i + 1)}）${name}`, subheading: true });
    f.issues.forEach((issue, k) => {
      const row = issueRow(issue);
      const place = row.cell ? `${row.cell}：` : "";
      problems.push({ text: `${k + 1}. ${place}${sentence(row.message)}${actionFor(issue)}` });
    });
  });

  return {
    title: `关于${year}绩效自评复核意见的函`,
    addressee: unit,
    opening:
      `你单位报送的${year}绩效自评材料收悉。根据预算绩效管理有关规定，我局按评分规则对你单位报送的绩效自评表` +
      "逐项进行了复核。现将复核意见函告如下：",
    sections: [
      { heading: "一、复核情况", paragraphs: [{ text: overview }], table },
      { heading: "二、发现的问题及处理意见", paragraphs: problems.length ? problems : [{ text: "经复核，未发现需要核实的问题。" }] },
      {
        heading: "三、有关要求",
        paragraphs: [
          {
            text:
              checks > 0
                ? "请你单位对上述问题逐项核实：确有差错的，更正后重新报送绩效自评表及自评报告；有合理原因的，请书面说明。"
                : "请你单位做好自评结果应用，并按规定公开绩效自评信息。",
          },
        ],
      },
    ],
    closing: "特此函告。",
    signature: "（财政局名称）",
    date: "　　　　年　　月　　日",
  };
}
