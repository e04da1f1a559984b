/**
 * A command through the port, as the hosts run it (app/actions.ts, cli/main.ts) without their UI:
 * read every sheet, plan (the pure core), apply the plan in one batch.
 */
import { type Command, type CommandResult, type RunOptions, planCommand } from "../../src/core/engine";
import { ALL_SHEETS, type WorkbookPort } from "../../src/port/workbook";

export async function runCommand(port: WorkbookPort, command: Command, options: RunOptions = {}): Promise<CommandResult> {
  const snapshot = await port.read(ALL_SHEETS);
  const result = planCommand(snapshot, command, options);
  await port.apply(result.plan);
  return result;
}
