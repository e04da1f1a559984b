/** The fake ET encodes the documented differences from Excel, so an adapter's mistake shows. */
import { createFakeEtApplication } from "../../../src/playground/et/application";

const app = () =>
  createFakeEtApplication({
    sheets: {
      表一: [
        ["a", 1],
        ["=1+1", 2],
      ],
      表二: [],
    },
  });
const sheet = (a = app()) => a.ActiveWorkbook.Worksheets.Item("表一");

test("colours are BGR integers: 0x0000FF is red", () => {
  const a = app();
  const ws = sheet(a);
  ws.Range("A1").Font.Color = 0x0000ff;
  ws.Range("B1").Interior.Color = 0xff0000;
  const cells = a.model.sheets[0];
  expect(a.model.cell(cells, 1, 1)?.format.font.color).toBe("FF0000");
  expect(a.model.cell(cells, 1, 2)?.format.fill).toBe("0000FF");
  expect(() => (ws.Range("A1").Font.Color = "#FF0000" as unknown as number)).toThrow(/BGR/);
});

test("enums are numbers at run time; strings throw", () => {
  const ws = sheet();
  expect(() => (ws.Range("A1").HorizontalAlignment = "Center" as unknown as number)).toThrow(/number/);
  expect(() => (ws.PageSetup.PaperSize = "A4" as unknown as number)).toThrow(/number/);
  const a = app();
  expect(() => (a.Calculation = "Manual" as unknown as number)).toThrow(/number/);
  ws.Range("A1").HorizontalAlignment = -4108;
  expect(ws.Range("A1").HorizontalAlignment).toBe(-4108);
});

test("ColumnWidth is in characters (≤ 255), RowHeight in points (≤ 409)", () => {
  const a = app();
  const ws = sheet(a);
  ws.Range("B:C").ColumnWidth = 10;
  expect(ws.Range("B:B").ColumnWidth).toBe(10);
  // Stored as the points Excel shows for 10 characters: what the office.js adapter writes.
  expect(a.model.sheets[0].columnWidths.get(2)).toBe(56.25);
  expect(() => (ws.Range("D:D").ColumnWidth = 300)).toThrow(/255/);
  expect(() => (ws.Range("2:2").RowHeight = 500)).toThrow(/409/);
});

test("Range.Value is a method: assigning or reading it as a property throws; Value2 is the property", () => {
  const ws = sheet();
  const r = ws.Range("A1") as unknown as { Value: unknown };
  expect(() => (r.Value = 1)).toThrow(/Value2/);
  expect(ws.Range("A1").Value2).toBe("a");
});

test("reads: a scalar for one cell, arrays or wrapped Item(r, c), null for mixed formats", () => {
  const plain = sheet();
  expect(plain.Range("B1").Value2).toBe(1);
  expect(plain.Range("A1:B2").Value2).toEqual([
    ["a", 1],
    ["=1+1", 2],
  ]);
  const wrapped = createFakeEtApplication({ sheets: { 表一: [["a", 1]] }, wrapReads: true }).ActiveWorkbook.Worksheets.Item(1);
  const read = wrapped.Range("A1:B1").Value2 as { Item(r: number, c: number): unknown };
  expect(Array.isArray(read)).toBe(false);
  expect(read.Item(1, 2)).toBe(1);
  plain.Range("B2").NumberFormat = "0.00";
  expect(plain.Range("B1:B2").NumberFormat).toBeNull();
  expect(plain.Range("B2").NumberFormat).toBe("0.00");
});

test("Item throws on a missing sheet or name; deleting a sheet with alerts on would block", () => {
  const a = app();
  expect(() => a.ActiveWorkbook.Worksheets.Item("无")).toThrow();
  expect(() => a.ActiveWorkbook.Names.Item("无")).toThrow();
  expect(() => a.ActiveWorkbook.Worksheets.Item("表二").Delete()).toThrow(/DisplayAlerts/);
  a.DisplayAlerts = false;
  a.ActiveWorkbook.Worksheets.Item("表二").Delete();
  expect(a.model.sheets.map((s) => s.name)).toEqual(["表一"]);
});

test("text entered on a General cell becomes a formula or a number; on an @ cell it stays text", () => {
  const a = app();
  const ws = sheet(a);
  ws.Range("C1:D1").Formula = [["=A1", "-5"]];
  expect(a.model.cell(a.model.sheets[0], 1, 3)?.formula).toBe("=A1");
  expect(a.model.cell(a.model.sheets[0], 1, 4)?.value).toBe(-5);
  ws.Range("C2:D2").NumberFormat = "@";
  ws.Range("C2:D2").Formula = [["=A1", "-5"]];
  expect(a.model.cell(a.model.sheets[0], 2, 3)).toMatchObject({ value: "=A1", numberFormat: "@" });
  expect(a.model.cell(a.model.sheets[0], 2, 4)?.value).toBe("-5");
});

test("every call counts, and the k-th can be made to fail", () => {
  const a = app();
  a.calls = 0;
  a.failAt = 3;
  const book = a.ActiveWorkbook; // 1
  const sheets = book.Worksheets; // 2
  expect(() => sheets.Count).toThrow(/injected failure at ET call 3/);
  expect(a.calls).toBe(3);
});
