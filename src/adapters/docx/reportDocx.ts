/** The report as a Word document (report.md "Word export"). Placeholder until the report issue lands. */
import type { CommandResult } from "../../core/engine";

export async function reportDocx(result: CommandResult): Promise<Uint8Array> {
  void result;
  throw new Error("Word 导出尚未实现");
}
