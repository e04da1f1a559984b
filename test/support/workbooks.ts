/** Writing input workbooks to disk and running the CLI in-process, for integration tests. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { INPUT_SHEETS } from "../../src/core/contract";
import { type InputData, buildInputSheets } from "../../src/core/sheets/inputSheets";
import { main } from "../../src/cli/main";

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jixiao-${prefix}-`));
}

export async function writeInputWorkbook(file: string, data: InputData): Promise<void> {
  const wb = ExcelJsWorkbook.empty();
  const type = data.basicInfo.type === "项目支出" ? "项目支出" : "部门整体支出";
  await wb.apply({ sheets: buildInputSheets(type, data), activate: INPUT_SHEETS[0] });
  fs.writeFileSync(file, await wb.toBuffer());
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `jixiao …` in this process (the same code path as the bin, without a node start per call). */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
