/**
 * What the workbook holds, and the next step the pane offers: no input sheets and no form →
 * 插入模板; inputs or forms → 计算得分; scored → 生成报告; reported (with the Word file in hand and
 * nothing changed since) → 下载 Word 报告. Pure over a snapshot, so the unit tests need no Excel.
 */
import { INPUT_SHEETS, SHEET } from "../core/contract";
import { candidateSheets } from "../core/forms";
import { formRegions } from "../core/forms/locate";
import { Grid } from "../core/grid";
import type { CellIssue } from "../core/issues";
import type { WorkbookSnapshot } from "../port/workbook";

export type Step = "template" | "score" | "report" | "download";

export interface WorkbookState {
  hasInputs: boolean;
  hasForms: boolean;
  scored: boolean;
  reported: boolean;
  /** A hash of every sheet the engine reads (not Jixiao's own): it changes when an input does. */
  fingerprint: string;
}

export function inspectSnapshot(snapshot: WorkbookSnapshot): WorkbookState {
  const names = snapshot.sheetNames;
  const hasInputs = INPUT_SHEETS.some((s) => names.includes(s));
  const hasForms = candidateSheets(snapshot).some((n) => formRegions(new Grid(snapshot.sheets[n])).length > 0);
  return {
    hasInputs,
    hasForms,
    scored: names.includes(SHEET.scores),
    reported: names.includes(SHEET.report),
    fingerprint: fingerprint(snapshot),
  };
}

/** The one primary action. `docxReady`: a Word file of the current workbook is in hand. */
export function nextStep(state: WorkbookState | null, docxReady: boolean): Step {
  if (docxReady) return "download";
  if (!state || (!state.hasInputs && !state.hasForms)) return "template";
  return state.scored ? "report" : "score";
}

/** FNV-1a over the read sheets' names and values, in tab order. */
export function fingerprint(snapshot: WorkbookSnapshot): string {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const name of snapshot.sheetNames) {
    const sheet = snapshot.sheets[name];
    add(`\u0001${name}\u0002`);
    if (sheet) add(JSON.stringify(sheet.cells));
  }
  return (h >>> 0).toString(16);
}

/** A problem as the pane shows it: the cell, the row's subject (its 三级指标, 项目名称 or 栏目), the message. */
export interface PaneIssue extends CellIssue {
  subject?: string;
}

/** Headers whose column names what a row is about, in the template and in most forms. */
const SUBJECT_HEADERS = ["三级指标", "指标名称", "项目名称", "栏目"];
const HEADER_SEARCH_ROWS = 30;

/** Adds each issue's row subject, read from the snapshot the run saw. */
export function withSubjects(issues: readonly CellIssue[], snapshot: WorkbookSnapshot): PaneIssue[] {
  return issues.map((issue) => {
    const subject = subjectOf(issue.cell, snapshot);
    return subject ? { ...issue, subject } : { ...issue };
  });
}

function subjectOf(cell: string, snapshot: WorkbookSnapshot): string | undefined {
  const m = /^(.*)!\$?[A-Z]+\$?(\d+)$/.exec(cell);
  if (!m) return undefined;
  const sheet = snapshot.sheets[m[1].replace(/^'(.*)'$/, "$1").replace(/''/g, "'")];
  if (!sheet) return undefined;
  const row = Number(m[2]);
  const grid = new Grid(sheet);
  for (const r of grid.rowsBetween(grid.firstRow, Math.min(row - 1, grid.firstRow + HEADER_SEARCH_ROWS - 1))) {
    for (const c of grid.cols(r)) {
      if (!SUBJECT_HEADERS.includes(grid.key(r, c))) continue;
      return grid.text(row, c) || undefined;
    }
  }
  return undefined;
}

/**
 * A message about an empty cell says so: `分值应为大于 0 的数字，现为“”` → `分值未填写`. (The
 * parser's messages quote the cell's text; an empty quote is no help to a finance officer.)
 */
export function plainMessage(message: string, notFilled: string): string {
  const m = /^(.+?)应(?:为|大于).*[，,]\s*现为(?:“\s*”|空)$/.exec(message);
  return m ? `${m[1]}${notFilled}` : message;
}
