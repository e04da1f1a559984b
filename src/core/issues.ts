/**
 * Problems found in the user's workbook, always tied to a cell so the pane can select it. The types
 * and the message catalogue are in problems.ts; this is the log a reader fills.
 */
import { type CellIssue, type CellRef, type ProblemCode, type ProblemParams, errorIssue, warningIssue } from "./problems";

export type { CellIssue, CellRef, Problem, ProblemCode, Severity } from "./problems";
export { quote } from "./quote";

/** Thrown when the input is wrong: nothing is written, every problem is listed. */
export class InputError extends Error {
  constructor(readonly issues: CellIssue[]) {
    super(issues.map((i) => `${i.cell}: ${i.message}`).join("\n"));
    this.name = "InputError";
  }
}

/** Collects problems while parsing so the user sees all of them at once, not one per run. */
export class IssueLog {
  readonly errors: CellIssue[] = [];
  readonly warnings: CellIssue[] = [];
  error<C extends ProblemCode>(ref: CellRef | null, code: C, params: ProblemParams<C>, subject?: string): void {
    this.errors.push(errorIssue(ref, code, params, subject));
  }
  warn<C extends ProblemCode>(ref: CellRef | null, code: C, params: ProblemParams<C>, subject?: string): void {
    this.warnings.push(warningIssue(ref, code, params, subject));
  }
  /** Whether an error was logged at this cell (one message per cell). */
  hasErrorAt(ref: CellRef): boolean {
    return this.errors.some((e) => e.ref !== null && e.ref.sheet === ref.sheet && e.ref.row === ref.row && e.ref.col === ref.col);
  }
  /** Whether an error was logged on this sheet. */
  hasErrorOn(sheet: string): boolean {
    return this.errors.some((e) => e.ref?.sheet === sheet);
  }
  throwIfErrors(): void {
    if (this.errors.length > 0) throw new InputError(this.errors);
  }
}
