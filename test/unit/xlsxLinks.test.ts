/**
 * The CLI keeps links too (issue 10): re-scoring a workbook that already holds 评分结果 replaces its
 * content in place (same <sheet> entry), so a cover sheet's =评分结果!B…, a name the user gave one
 * of its cells and the key figures' workbook-level names all survive two re-runs.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { KEY_FIGURES } from "../../src/core/engine";
import { runCommand } from "../support/run";
import { XlsxFileWorkbook } from "../../src/adapters/xlsx/xlsxFile";

async function rerun(input: Buffer, command: "score" | "report"): Promise<{ out: Buffer; names: Map<string, string> }> {
  const port = await XlsxFileWorkbook.fromBuffer(input);
  const result = await runCommand(port, command);
  return { out: await port.toBuffer(), names: new Map(result.plan.names!.map((n) => [n.name, n.address])) };
}

async function workbookXml(buf: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buf)).file("xl/workbook.xml")!.async("string");
}

test("a cover sheet's formula, a user's name on 评分结果 and the key figures' names survive two re-runs", async () => {
  const sample = fs.readFileSync(path.join(__dirname, "../../assets/sample.xlsx"));
  const first = await rerun(sample, "report");
  const score = first.names.get("自评得分")!;
  // The user links to the figures: a cover sheet and a name of their own (added with exceljs).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(first.out as unknown as ArrayBuffer);
  wb.addWorksheet("封面").getCell("A1").value = { formula: `评分结果!${score}`, result: 0 };
  wb.getWorksheet("评分结果")!.getCell(score.replace(/\$/g, "")).name = "我的得分";
  let current: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
  // The sheet entries without their relationship ids (a replaced sheet's part is new).
  const sheetEntries = (xml: string) => /<sheets>[\s\S]*?<\/sheets>/.exec(xml)![0].replace(/\sr:id="[^"]*"/g, "");
  const sheetsBefore = sheetEntries(await workbookXml(current));

  for (const command of ["report", "score"] as const) {
    current = (await rerun(current, command)).out;
    const xml = await workbookXml(current);
    // The same sheet entries (names, sheet ids, order): replaced in place.
    expect(sheetEntries(xml)).toBe(sheetsBefore);
    for (const [name] of KEY_FIGURES) expect(xml.match(new RegExp(`<definedName name="${name}">`, "g"))).toHaveLength(1);
    expect(xml).toContain(`<definedName name="自评得分">&apos;评分结果&apos;!${score}</definedName>`.replace(/&apos;/g, "'"));
    expect(xml).toMatch(/<definedName name="我的得分"[^>]*>/);
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(current as unknown as ArrayBuffer);
    expect((check.getWorksheet("封面")!.getCell("A1").value as { formula: string }).formula).toBe(`评分结果!${score}`);
  }
});
