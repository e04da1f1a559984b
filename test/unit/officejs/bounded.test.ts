/**
 * Bounded reading in Excel (issue 8): a stray value at XFD1048576 and a block of formatted blank
 * cells make the used range enormous; the adapter still reads only the non-empty cells, in the one
 * sync, and scores as without them.
 */
import { INPUT_SHEETS, planCommand } from "../../../src/core/engine";
import { DEFAULT_RESPONSE_BUDGET, OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { REQUEST_LIMIT_BYTES } from "../../../src/playground/excel/batching";
import { FakeRequestContext } from "../../../src/playground/excel/context";
import { MAX_COL, MAX_ROW } from "../../../src/core/cells";
import { generatedWorkbook, sampleWorkbook } from "./fixtures";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;

test("a stray value at XFD1048576 and 30,000 formatted blank rows: one sync, only non-empty cells", async () => {
  const model = await sampleWorkbook();
  const sheet = model.findSheet("绩效指标")!;
  model.cellForWrite(sheet, MAX_ROW, MAX_COL).value = 1;
  for (let r = 100; r < 30100; r++) model.cellForWrite(sheet, r, 1).format.fill = "FFFF00";
  const context = new FakeRequestContext(model);
  const snapshot = await new OfficeJsWorkbook(excel(context)).read(INPUT_SHEETS);
  expect(context.syncCount).toBe(1);
  const cells = snapshot.sheets["绩效指标"].cells;
  expect(cells[cells.length - 1]).toEqual({ row: MAX_ROW, col: MAX_COL, value: 1 });
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
  const order = cells.map((c) => c.row * MAX_COL + c.col);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(() => planCommand(snapshot, "score")).toThrow(/绩效指标!H3: 分值应为大于 0 的数字，现为错误值 #DIV\/0!/);
});

describe("reads in row blocks under the response limit (issue 10)", () => {
  const limitSyncs = (bytes: number[], budget: number) => 1 + Math.ceil(bytes.reduce((a, b) => a + b, 0) / budget) + 1;

  test("30,000 indicator rows: every response under 5 MB, blocks after the first under the 4 MB budget, all cells read", async () => {
    const model = generatedWorkbook(6000, 30_000);
    const context = new FakeRequestContext(model);
    const port = new OfficeJsWorkbook(excel(context));
    const snapshot = await port.read(INPUT_SHEETS);
    expect(Math.max(...context.responseBytes)).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(Math.max(...context.responseBytes.slice(1))).toBeLessThan(DEFAULT_RESPONSE_BUDGET * 1.1);
    expect(context.syncCount).toBe(port.readSyncs);
    expect(context.syncCount).toBeLessThanOrEqual(limitSyncs(context.responseBytes, DEFAULT_RESPONSE_BUDGET));
    expect(snapshot.sheets["绩效指标"].cells.length).toBe(30_001 * 8);
    expect(snapshot.sheets["预算执行"].cells.length).toBe(6_001 * 4 + 1);
    const cells = snapshot.sheets["绩效指标"].cells;
    expect(cells[cells.length - 1]).toEqual({ row: 30_001, col: 8, value: model.cell(model.findSheet("绩效指标")!, 30_001, 8)!.value });
  });

  test("a lower budget: blocks near it, the same cells as one read, a stray far cell adds no blocks", async () => {
    const model = generatedWorkbook(2, 3000);
    model.cellForWrite(model.findSheet("绩效指标")!, MAX_ROW, MAX_COL).value = 1;
    const whole = await new OfficeJsWorkbook(excel(new FakeRequestContext(model))).read(INPUT_SHEETS);
    const context = new FakeRequestContext(model);
    // 3,000 rows and the stray cell (the used range's last row) all come in the first round trip.
    const snapshot = await new OfficeJsWorkbook(excel(context), { responseBudget: 100_000 }).read(INPUT_SHEETS);
    expect(snapshot).toEqual(whole);
    expect(context.syncCount).toBe(1);
    const big = generatedWorkbook(2, 30_000);
    big.cellForWrite(big.findSheet("绩效指标")!, MAX_ROW, MAX_COL).value = 1;
    const bigContext = new FakeRequestContext(big);
    const blocks = await new OfficeJsWorkbook(excel(bigContext), { responseBudget: 1_000_000 }).read(INPUT_SHEETS);
    expect(blocks.sheets["绩效指标"].cells.length).toBe(30_001 * 8 + 1);
    expect(Math.max(...bigContext.responseBytes.slice(1))).toBeLessThan(1_100_000);
    expect(bigContext.syncCount).toBeLessThanOrEqual(limitSyncs(bigContext.responseBytes, 1_000_000) + 1);
  });

  test("a response Excel refuses (long texts, more bytes per cell than measured) is asked for again in halves", async () => {
    const model = generatedWorkbook(2, 20_000);
    const sheet = model.findSheet("绩效指标")!;
    // Rows past the first block carry 600-character notes: ~10× the bytes per cell measured before.
    for (let r = 10_300; r <= 20_001; r++) model.cellForWrite(sheet, r, 9).value = "备".repeat(600);
    const context = new FakeRequestContext(model);
    const snapshot = await new OfficeJsWorkbook(excel(context)).read(INPUT_SHEETS);
    expect(snapshot.sheets["绩效指标"].cells.length).toBe(20_001 * 8 + (20_001 - 10_300 + 1));
    expect(Math.max(...context.responseBytes)).toBeGreaterThan(REQUEST_LIMIT_BYTES); // one was refused …
    expect(context.syncCount).toBeLessThan(20); // … and the read went on in smaller blocks
  });

  test("first rows too large for one response: counts first, then blocks (refused ones asked again in halves)", async () => {
    const model = generatedWorkbook(2, 8_000);
    const sheet = model.findSheet("绩效指标")!;
    for (let r = 2; r <= 8_001; r++) model.cellForWrite(sheet, r, 9).value = "备".repeat(300);
    const context = new FakeRequestContext(model);
    const snapshot = await new OfficeJsWorkbook(excel(context)).read(INPUT_SHEETS);
    expect(snapshot.sheets["绩效指标"].cells.length).toBe(8_001 * 8 + 8_000);
    expect(context.responseBytes[0]).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    // Blocks planned from the counts (bytes per cell unknown yet) may be refused once more, then halve.
    expect(context.syncCount).toBeLessThan(12);
  });
});
