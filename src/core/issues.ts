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

/** The most characters of a cell's text a message quotes. */
export const QUOTE_LIMIT = 40;

/**
 * Cell text as a message quotes it: on one line (line breaks shown as ↵, other control characters
 * as spaces) and cut at QUOTE_LIMIT characters with …, in “”. Every message quoting a cell uses it.
 */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const line = text.replace(/\r\n|[\r\n\u2028\u2029]/g, "↵").replace(/[\u0000-\u001f\u007f]/g, " ");
  const chars = [...line];
  return `“${chars.length > QUOTE_LIMIT ? chars.slice(0, QUOTE_LIMIT).join("") + "…" : line}”`;
}
