/** Writes the report as .docx. Placeholder until the report issue lands. */
import type { CommandResult } from "../core/engine";

export async function writeReportDocx(result: CommandResult, file: string): Promise<void> {
  void result;
  void file;
}
