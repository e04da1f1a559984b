/**
 * One workbook of a review: read it, score every form with the engine (evaluateWorkbook: no sheets
 * are planned), and keep only what the summary needs — a few numbers per form and the
 * checks with their cells — so a batch of thousands holds no workbook longer than its own turn.
 * Never throws: a file that cannot be read becomes error rows.
 */
import * as path from "path";
import { evaluateWorkbook } from "../core/engine";
import { InputError } from "../core/issues";
import { type Problem, bareProblem, errorIssue, refName, renderProblem } from "../core/problems";
import type { Summary } from "../core/summary";
import { ALL_SHEETS } from "../port/workbook";
import { type WorkbookSnapshot } from "../core/snapshot";
import { problemsIn } from "../core/places";
import { oneLine, readInput } from "../io/files";
import { SHEET } from "../core/contract";

export type Severity = "错误" | "提示";

/** A row of 问题清单 (and of review's JSON), rendered from the typed problem. */
export interface IssueRow {
  /** `Sheet1!H14`, from the problem's ref; empty where the problem is the file itself (not an .xlsx, unreadable). */
  cell: string;
  severity: Severity;
  message: string;
}

export function issueRow(p: Problem): IssueRow {
  return { cell: p.ref ? refName(p.ref) : "", severity: p.severity === "error" ? "错误" : "提示", message: oneLine(renderProblem(p)) };
}

/** One row of 汇总: a form (or a template workbook), amounts in 万元, rates as fractions. */
export interface ReviewedForm {
  sheet: string;
  unit: string;
  project: string;
  /** null where the form states no year. */
  year: number | null;
  type: string;
  budget: number;
  spent: number;
  rate: number | null;
  /** The form's 总分 as typed (null where blank, and for a template). */
  filled: number | null;
  rule: number;
  max: number;
  grade: string;
  /** filled − rule, null where the 总分 is blank. */
  difference: number | null;
  /** Rows whose filled 得分 differs from the rule score. */
  differingRows: number;
  /** Checks raised on this form. */
  checks: number;
}

export interface FileResult {
  /** The path as the batch names it. */
  file: string;
  source: Summary["source"] | null;
  forms: ReviewedForm[];
  /** The checks and errors, typed (core/problems.ts): what a worker posts back, worded where listed. */
  issues: Problem[];
  /** True when the file could not be scored (its issues hold the errors). */
  failed: boolean;
  /** With `details`: the summary `score --json` prints for this workbook. */
  summary?: Summary;
}

export interface ReviewFileOptions {
  details?: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function reviewFile(file: string, options: ReviewFileOptions = {}): Promise<FileResult> {
  let snapshot: WorkbookSnapshot | undefined;
  try {
    const wb = await readInput(file);
    const read = await wb.read(ALL_SHEETS);
    snapshot = read;
    const { summary, evaluations } = evaluateWorkbook(read);
    // A form that could not be read is an 错误 row (with its cells) while the others are reviewed normally.
    const issues = problemsIn(read, [...summary.errors, ...summary.warnings]).map(bareProblem);
    const forms: ReviewedForm[] = summary.forms
      ? summary.forms.flatMap((f, i) => {
          const { total, max, grade } = f.score;
          // A form read but not scored (not yet evaluated; no 分值 and no 得分) has no totals: its warning says why.
          if (total === null || max === null || grade === null) return [];
          return [
            {
              sheet: f.sheet,
              unit: f.unit,
              project: f.project,
              year: f.year,
              type: f.type,
              budget: f.budget.total,
              spent: f.spent.total,
              rate: f.executionRate.total,
              filled: f.score.filled,
              rule: total,
              max,
              grade,
              difference: f.score.filled === null ? null : round2(f.score.filled - total),
              differingRows: f.differences,
              checks: evaluations[i].warnings.length,
            },
          ];
        })
      : [
          {
            sheet: SHEET.indicators,
            unit: summary.unit,
            project: "",
            year: summary.year,
            type: summary.type,
            budget: summary.budget.total,
            spent: summary.spent.total,
            rate: summary.executionRate.total,
            filled: null,
            rule: summary.score.total,
            max: summary.score.max,
            grade: summary.score.grade,
            difference: null,
            differingRows: 0,
            checks: summary.warnings.length,
          },
        ];
    return {
      file,
      source: summary.source,
      forms,
      issues,
      failed: false,
      summary: options.details
        ? { ...summary, warnings: problemsIn(read, summary.warnings), errors: problemsIn(read, summary.errors) }
        : undefined,
    };
  } catch (err) {
    return failure(file, err instanceof InputError && snapshot ? new InputError(problemsIn(snapshot, err.issues)) : err);
  }
}

/** The problems of a file that could not be scored: the engine's, else one about the file itself. */
export function failure(file: string, err: unknown): FileResult {
  const reason = oneLine(err instanceof Error ? err.message : String(err));
  const issues: Problem[] =
    err instanceof InputError
      ? err.issues.map(bareProblem)
      : [bareProblem(errorIssue(null, "file.failed", { file: path.basename(file), reason }))];
  return { file, source: null, forms: [], issues, failed: true };
}
