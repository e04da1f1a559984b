/** Input workbooks as .xlsx bytes, built by the CLI's own writer from generated data. */
import { ExcelJsWorkbook } from "../../../src/adapters/xlsx/exceljsWorkbook";
import { INPUT_SHEETS } from "../../../src/core/contract";
import { type InputData, buildInputSheets } from "../../../src/core/sheets/inputSheets";

export async function writeInputWorkbookBuffer(data: InputData): Promise<Uint8Array> {
  const wb = ExcelJsWorkbook.empty();
  const type = data.basicInfo.type === "项目支出" ? "项目支出" : "部门整体支出";
  await wb.apply({ sheets: buildInputSheets(type, data), activate: INPUT_SHEETS[0] });
  return new Uint8Array(await wb.toBuffer());
}
