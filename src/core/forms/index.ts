/**
 * The official forms of a workbook (forms.md): every sheet but Jixiao's own is searched; each form
 * found is read into an Input. When none is found, the messages say what was looked for and where.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS, TEMPLATE_SHEETS } from "../contract";
import { Grid } from "../grid";
import { likelySheet } from "../input/sheetNames";
import type { CellIssue, IssueLog } from "../issues";
import { type CellRef, sheetRef } from "../problems";
import { FormulaCheck } from "../read/formulas";
import type { FormInput } from "../model";
import type { WorkbookSnapshot } from "../snapshot";
import { formRegions, rowFields, synonymIndex } from "./locate";
import { type FormOptions, readForm } from "./readForm";
import { INDICATOR_FIELDS } from "./vocabulary";

export { formChecks } from "./checks";
export { differingItems, filledTotal, filledView } from "./filled";

/**
 * Sheets that may hold a form: all but the ones Jixiao writes, and but the template's input sheets
 * (or their near-namesakes, 績效指標) where part of the template is there: its 绩效指标 has the
 * same three headers as a form, and the template's own messages say what is wrong with it.
 */
export function candidateSheets(snapshot: WorkbookSnapshot): string[] {
  const template = TEMPLATE_SHEETS.some((s) => snapshot.sheetNames.includes(s));
  const skip = new Set<string>(OUTPUT_SHEETS);
  if (template)
    for (const input of INPUT_SHEETS) {
      skip.add(input);
      const near = likelySheet(input, snapshot.sheetNames);
      if (near) skip.add(near.sheet);
    }
  return snapshot.sheetNames.filter((n) => !skip.has(n) && snapshot.sheets[n]);
}

export interface FormRead {
  input: FormInput;
  /** What reading this form raised (the checks that need no scores). */
  warnings: CellIssue[];
}

/** A form that could not be read: where it is and why (its errors, each at its cell). */
export interface FailedForm {
  sheet: string;
  titleCell: CellRef;
  errors: CellIssue[];
}

/**
 * Reads every form; `found` is false when no sheet holds one (then nothing is logged). A form that
 * cannot be read is `failed` with its own errors: it never sinks the others (forms.md).
 */
export function readForms(
  snapshot: WorkbookSnapshot,
  log: IssueLog,
  options: FormOptions = {},
): { forms: FormRead[]; failed: FailedForm[]; found: boolean } {
  const forms: FormRead[] = [];
  const failed: FailedForm[] = [];
  let found = false;
  const grids = candidateSheets(snapshot).map((name) => new Grid(snapshot.sheets[name]));
  // A number computed by a formula into a missing sheet or a cycle is refused here as on the template.
  const check = new FormulaCheck(snapshot.sheetNames, grids);
  for (const grid of grids) {
    grid.formulaProblem = (row, col) => check.problem(grid, row, col);
    for (const region of formRegions(grid)) {
      found = true;
      const errorsBefore = log.errors.length;
      const warningsBefore = log.warnings.length;
      const input = readForm(grid, region, log, options);
      if (input && log.errors.length === errorsBefore) forms.push({ input, warnings: log.warnings.slice(warningsBefore) });
      else {
        const errors = log.errors.slice(errorsBefore);
        failed.push({ sheet: grid.name, titleCell: errors[0]?.ref ?? grid.ref(region.header.row, grid.firstCol), errors });
      }
    }
  }
  return { forms, failed, found };
}

const INDICATOR_INDEX = synonymIndex(INDICATOR_FIELDS);

/** Why no form was found: per sheet, the nearest thing to an indicator header and what it lacks. */
export function explainNoForm(snapshot: WorkbookSnapshot, log: IssueLog): void {
  const sheets = candidateSheets(snapshot);
  let explained = false;
  for (const name of sheets) {
    const grid = new Grid(snapshot.sheets[name]);
    for (const row of grid.rows()) {
      const fields = rowFields(grid, row, INDICATOR_INDEX);
      const levels = (["level1", "level2", "name"] as const).filter((f) => fields.has(f));
      const firstCol = levels.length ? fields.get(levels[0]) : undefined;
      if (firstCol === undefined || fields.size < 2) continue;
      const names = { level1: "一级指标", level2: "二级指标", name: "三级指标" };
      const missing = (["level1", "level2", "name"] as const).filter((f) => !fields.has(f)).map((f) => `“${names[f]}”`);
      log.error(grid.ref(row, firstCol), "form.headerIncomplete", {
        found: levels.map((f) => names[f]).join("/"),
        row,
        missing: missing.join("、"),
      });
      explained = true;
      break;
    }
  }
  if (!explained) {
    const where = sheets.length ? sheets.map((s) => `“${s}”`).join("、") : "（工作簿中没有工作表）";
    log.error(sheetRef(sheets[0] ?? "Sheet1"), "form.notFound", { sheets: where });
  }
}
