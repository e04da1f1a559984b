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
import type { Problem } from "../core/problems";
import type { WorkbookSnapshot } from "../core/snapshot";

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
function fingerprint(snapshot: WorkbookSnapshot): string {
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

/**
 * A problem as the pane and the ribbon show it: the core's typed problem, with its row's subject
 * (its 三级指标, 项目名称 or 栏目) where the core gave none, and whether its cell was empty.
 */
export interface PaneProblem extends Problem {
  /** The problem's cell held nothing (the pane says 未填写 instead of quoting an empty cell). */
  blank?: boolean;
}
export type PaneIssue = CellIssue & PaneProblem;

/** Headers whose column names what a row is about, in the template and in most forms. */
const SUBJECT_HEADERS = ["三级指标", "指标名称", "项目名称", "栏目"];
const HEADER_SEARCH_ROWS = 30;

/** Adds each issue's row subject and whether its cell is empty, read from the snapshot the run saw. */
export function withSubjects(issues: readonly CellIssue[], snapshot: WorkbookSnapshot): PaneIssue[] {
  return issues.map((issue) => {
    const sheet = issue.ref ? snapshot.sheets[issue.ref.sheet] : undefined;
    if (!issue.ref || !sheet) return { ...issue };
    const grid = new Grid(sheet);
    const subject = issue.subject ?? subjectOf(grid, issue.ref.row);
    const blank = isBlank(grid.value(issue.ref.row, issue.ref.col));
    return { ...issue, ...(subject ? { subject } : {}), ...(blank ? { blank } : {}) };
  });
}

function subjectOf(grid: Grid, row: number): string | undefined {
  for (const r of grid.rowsBetween(grid.firstRow, Math.min(row - 1, grid.firstRow + HEADER_SEARCH_ROWS - 1))) {
    for (const c of grid.cols(r)) {
      if (!SUBJECT_HEADERS.includes(grid.key(r, c))) continue;
      return grid.text(row, c) || undefined;
    }
  }
  return undefined;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
