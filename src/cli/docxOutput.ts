/** Writes the report as .docx beside the workbook. */
import type { CommandResult } from "../core/engine";
import { reportDocx } from "../adapters/docx/reportDocx";
import { writeAtomically } from "../io/files";

export async function writeReportDocx(result: CommandResult, file: string): Promise<void> {
  await writeAtomically(file, Buffer.from(await reportDocx(result)), "--docx");
}
