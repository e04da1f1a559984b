/**
 * The commands, host-agnostic: read the input sheets through the port, plan, apply. The pure
 * `planCommand` is the whole computation; `run` only adds the two port calls around it.
 */
import { type EvaluationType, INPUT_SHEETS, OUTPUT_SHEETS, SHEET } from "./contract";
import { type Evaluation, evaluateInput } from "./evaluate";
import { parseWorkbook } from "./input/parse";
import type { WorkbookPlan } from "./plan";
import { buildAppendixSheet, buildReportSheet } from "./report";
import { buildInputSheets } from "./sheets/inputSheets";
import { buildScoreSheet } from "./sheets/scoreSheet";
import { type Summary, summarize } from "./summary";
import type { WorkbookPort, WorkbookSnapshot } from "../port/workbook";

export type Command = "score" | "report";

export interface RunOptions {
  /** Overrides the 评分规则 of 基本信息 (the pane's profile picker, the CLI's flag). */
  profileId?: string;
  /** Forms: the sheet of the form to report (the pane's picker, `--form`); default the first in tab order. */
  formSheet?: string;
  /** Forms: which scores the report states, the rule's (default) or the department's filled ones. */
  scores?: "rule" | "filled";
}

export interface CommandResult {
  plan: WorkbookPlan;
  evaluation: Evaluation;
  summary: Summary;
}

/** Parses, scores and plans the writes; throws InputError (nothing planned) on bad input. */
export function planCommand(snapshot: WorkbookSnapshot, command: Command, options: RunOptions = {}): CommandResult {
  const { input, log } = parseWorkbook(snapshot, options);
  const evaluation = evaluateInput(input, log.warnings);
  const { sheet, layout } = buildScoreSheet(evaluation);
  const sheets = [sheet];
  // A 自评报告 already in the workbook is refreshed by 计算得分 too: its formulas read 评分结果,
  // which is replaced whole (in Excel its references would otherwise become #REF!).
  if (command === "report" || snapshot.sheetNames.includes(SHEET.report))
    sheets.push(buildReportSheet(evaluation, layout), buildAppendixSheet(evaluation, layout));
  return {
    plan: { sheets, activate: sheets[sheets.length - 1].name },
    evaluation,
    summary: summarize(evaluation),
  };
}

export async function runCommand(port: WorkbookPort, command: Command, options: RunOptions = {}): Promise<CommandResult> {
  const snapshot = await port.read(INPUT_SHEETS);
  const result = planCommand(snapshot, command, options);
  await port.apply(result.plan);
  return result;
}

/**
 * 插入模板: plans the input sheets that are missing. Existing sheets are the user's and are never
 * replaced; `created` is empty when all four exist.
 */
export function planTemplate(
  snapshot: WorkbookSnapshot,
  type: EvaluationType,
): { plan: WorkbookPlan; created: string[]; existing: string[] } {
  const all = buildInputSheets(type);
  const missing = all.filter((s) => !snapshot.sheetNames.includes(s.name));
  return {
    plan: { sheets: missing, activate: missing[0]?.name },
    created: missing.map((s) => s.name),
    existing: all.filter((s) => snapshot.sheetNames.includes(s.name)).map((s) => s.name),
  };
}

export { INPUT_SHEETS, OUTPUT_SHEETS };
