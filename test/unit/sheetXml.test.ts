/**
 * A workbook Jixiao creates (the template, the sample) gets the default font the layout measures
 * columns in: widths are counted in the default font's digit width, and typography.ts and
 * planRects.ts assume Calibri 11's 7 px. Under another default (等线 here) LibreOffice printed the
 * report with wider columns, smaller text and rows taller than their lines.
 */
import { PlanStyles } from "../../src/adapters/xlsx/sheetXml";
import { XlsxFileWorkbook } from "../../src/adapters/xlsx/xlsxFile";
import { XlsxPackage } from "../../src/adapters/xlsx/xlsxRead";
import { buildInputSheets } from "../../src/core/sheets/inputSheets";

const firstFont = (styles: string) => /<fonts\b[^>]*>(<font>.*?<\/font>)/.exec(styles)?.[1];

test("a new workbook's default font is Calibri 11, the font the layout's column widths are counted in", async () => {
  expect(firstFont(new PlanStyles([]).xml())).toMatch(/^<font><sz val="11"\/><name val="Calibri"\/>/);
  const wb = await XlsxFileWorkbook.empty();
  await wb.apply({ sheets: buildInputSheets("部门整体支出") });
  const pkg = await XlsxPackage.load(await wb.toBuffer());
  expect(firstFont((await pkg.text("xl/styles.xml")) ?? "")).toMatch(/^<font><sz val="11"\/><name val="Calibri"\/>/);
});
