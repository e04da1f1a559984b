/** Problems found in the user's workbook, always tied to a cell so the pane can select it. */

export interface CellIssue {
  /** `绩效指标!H5`; a sheet name alone where no cell applies (a missing sheet). */
  cell: string;
  /** zh-CN, written for a finance officer. */
  message: string;
}

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
  error(cell: string, message: string): void {
    this.errors.push({ cell, message });
  }
  warn(cell: string, message: string): void {
    this.warnings.push({ cell, message });
  }
  throwIfErrors(): void {
    if (this.errors.length > 0) throw new InputError(this.errors);
  }
}
