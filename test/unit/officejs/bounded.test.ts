/**
 * Bounded reading in Excel (issue 8): a stray value at XFD1048576 and a block of formatted blank
 * cells make the used range enormous; the adapter still reads only the non-empty cells, in the one
 * sync, and scores as without them.
 */
import { INPUT_SHEETS, planCommand } from "../../../src/core/engine";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { FakeRequestContext, MAX_COLS, MAX_ROWS } from "../../../src/playground/fakeExcel";
import { generatedWorkbook, sampleWorkbook } from "./fixtures";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;

test("a stray value at XFD1048576 and 30,000 formatted blank rows: one sync, only non-empty cells", async () => {
  const model = await sampleWorkbook();
  const sheet = model.findSheet("绩效指标")!;
  model.cellForWrite(sheet, MAX_ROWS, MAX_COLS).value = 1;
  for (let r = 100; r < 30100; r++) model.cellForWrite(sheet, r, 1).format.fill = "FFFF00";
  const context = new FakeRequestContext(model);
  const snapshot = await new OfficeJsWorkbook(excel(context)).read(INPUT_SHEETS);
  expect(context.syncCount).toBe(1);
  const cells = snapshot.sheets["绩效指标"].cells;
  expect(cells[cells.length - 1]).toEqual({ row: MAX_ROWS, col: MAX_COLS, value: 1 });
  expect(cells.length).toBeLessThan(400);
  expect(planCommand(snapshot, "score").summary.score).toEqual({ total: 96.9, max: 100, grade: "优" });
});

test("error values arrive as errors, formulas and constants in row-major order", async () => {
  const model = generatedWorkbook(3);
  const sheet = model.findSheet("绩效指标")!;
  model.cellForWrite(sheet, 3, 8).value = "#DIV/0!";
  const context = new FakeRequestContext(model);
  const snapshot = await new OfficeJsWorkbook(excel(context)).read(INPUT_SHEETS);
  const cells = snapshot.sheets["绩效指标"].cells;
  expect(cells.find((c) => c.row === 3 && c.col === 8)!.value).toEqual({ error: "#DIV/0!" });
  const order = cells.map((c) => c.row * MAX_COLS + c.col);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(() => planCommand(snapshot, "score")).toThrow(/绩效指标!H3: 分值应为大于 0 的数字，现为错误值 #DIV\/0!/);
});
