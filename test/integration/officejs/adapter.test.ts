/**
 * The office.js adapter against the fake Excel object model: constant round trips, requests under
 * 5 MB, text stays text, input cells untouched, and all-or-nothing under injected failures.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS, type Command, planCommand } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import { InputError } from "../../../src/core/issues";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import type { FakeWorkbook } from "../../../src/playground/excel/model";
import { REQUEST_LIMIT_BYTES } from "../../../src/playground/excel/batching";
import { FakeRequestContext } from "../../../src/playground/excel/context";
import { cellsOf, generatedWorkbook, sampleWorkbook } from "../../unit/officejs/fixtures";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;

async function run(model: FakeWorkbook, command: Command, options: { failAtWrite?: number; tag?: string } = {}) {
  const context = new FakeRequestContext(model);
  context.failAtWrite = options.failAtWrite ?? 0;
  const port = new OfficeJsWorkbook(excel(context), { tag: options.tag ?? "t" });
  const result = await runCommand(port, command);
  return { context, result, port };
}

/** Read (1–2) + build + put in place + recalculate, and one more per 4 MB of payload (2-D arrays grow with rows). */
const syncBound = (port: OfficeJsWorkbook) => 4 + port.lastChunkSyncs;

describe("round trips", () => {
  const counts: Record<string, Record<number, number>> = { score: {}, report: {} };

  // "Rows" are budget lines (what a budget system export grows in); 10 indicators each.
  for (const command of ["score", "report"] as const) {
    for (const rows of [10, 10_000]) {
      test(`${command} at ${rows} budget rows: ≤ 4 syncs plus one per 4 MB, every request under 5 MB`, async () => {
        const model = generatedWorkbook(rows, 10);
        const { context, result, port } = await run(model, command);
        counts[command][rows] = context.syncCount - port.lastChunkSyncs;
        expect(context.syncCount).toBeLessThanOrEqual(syncBound(port));
        expect(port.lastChunkSyncs).toBeLessThanOrEqual(Math.ceil(context.requestBytes.reduce((a, b) => a + b, 0) / (4 * 1024 * 1024)));
        expect(Math.max(...context.requestBytes)).toBeLessThan(REQUEST_LIMIT_BYTES);
        // The output sheets exist under their final names, nothing temporary is left.
        const names = model.sheets.map((s) => s.name);
        expect(names).toEqual([...INPUT_SHEETS, ...result.plan.sheets.map((s) => s.name)]);
        expect(result.evaluation.input.budgetLines.length).toBe(rows);
      });
    }
    test(`${command}: the same count at 10 and 10,000 rows, beside the payload's`, () => {
      expect(counts[command][10]).toBe(counts[command][10_000]);
    });
  }

  // The benchmark's shape: 10,000 indicator rows and 2,000 budget lines (one per five indicators).
  for (const command of ["score", "report"] as const) {
    test(`${command} at 10 and 10,000 indicator rows: the same ≤ 4 syncs beside the payload's`, async () => {
      const small = await run(generatedWorkbook(2, 10), command);
      const large = await run(generatedWorkbook(2000, 10_000), command);
      expect(small.context.syncCount).toBeLessThanOrEqual(4);
      expect(large.context.syncCount - large.port.lastChunkSyncs).toBe(small.context.syncCount);
      expect(Math.max(...large.context.requestBytes)).toBeLessThan(REQUEST_LIMIT_BYTES);
      expect(large.result.evaluation.items.length).toBe(10_000);
    });
  }

  test("10,000 indicators and 10,000 budget rows: extra syncs only per 4 MB of payload", async () => {
    const model = generatedWorkbook(10_000, 10_000);
    const { context } = await run(model, "report");
    const total = context.requestBytes.reduce((a, b) => a + b, 0);
    expect(Math.max(...context.requestBytes)).toBeLessThan(REQUEST_LIMIT_BYTES);
    // The first read round trip (both 10,000-row sheets at once) too stays under the 4 MB budget.
    expect(context.responseBytes[0]).toBeGreaterThan(2 * 1024 * 1024);
    expect(Math.max(...context.responseBytes)).toBeLessThan(4 * 1024 * 1024);
    expect(context.syncCount).toBeLessThanOrEqual(3 + Math.ceil(total / (4 * 1024 * 1024)));
    expect(model.findSheet("自评报告")).toBeDefined();
  });

  test("a payload above the request budget is split, one extra sync per budget's worth", async () => {
    const model = generatedWorkbook(2000, 10);
    const context = new FakeRequestContext(model);
    const port = new OfficeJsWorkbook(excel(context), { requestBudget: 200_000, tag: "c" });
    await runCommand(port, "score");
    const total = context.requestBytes.reduce((a, b) => a + b, 0);
    expect(port.lastChunkSyncs).toBeGreaterThan(0);
    expect(port.lastChunkSyncs).toBeLessThanOrEqual(Math.ceil(total / 200_000) + 1);
    expect(Math.max(...context.requestBytes)).toBeLessThanOrEqual(200_000 + 10_000);
    expect(model.findSheet("评分结果")).toBeDefined();
  });
});

describe("what is written", () => {
  test("the report's page layout arrives: A4, print area, footer; the 附表's landscape, print titles, merges and page breaks", async () => {
    const model = await sampleWorkbook();
    const { result } = await run(model, "report");
    for (const name of ["自评报告", "自评报告附表"]) {
      const plan = result.plan.sheets.find((s) => s.name === name)!;
      const sheet = model.findSheet(name)!;
      expect(sheet.pageBreaks ?? []).toEqual((plan.pageBreaksAfter ?? []).map((r) => r + 1));
      expect(sheet.pageLayout).toMatchObject({
        paperSize: "A4",
        orientation: plan.pageSetup!.orientation === "landscape" ? "Landscape" : "Portrait",
        printArea: plan.pageSetup!.printArea,
        centerFooter: plan.pageSetup!.centerFooter,
      });
    }
    const appendix = model.findSheet("自评报告附表")!;
    const plan = result.plan.sheets.find((s) => s.name === "自评报告附表")!;
    expect(plan.pageBreaksAfter!.length).toBeGreaterThan(0);
    expect(appendix.pageLayout.printTitleRows).toBe(plan.pageSetup!.printTitleRows!.replace(/(\d+)/g, "$$$1"));
    expect(appendix.merges.length).toBe(plan.merges.length);
  });

  test("reads the used range as the core expects (one sync) and writes formulas and text", async () => {
    const model = await sampleWorkbook();
    const context = new FakeRequestContext(model);
    const port = new OfficeJsWorkbook(excel(context));
    const snapshot = await port.read(INPUT_SHEETS);
    expect(context.syncCount).toBe(1);
    expect(snapshot.sheetNames).toEqual(model.sheets.map((s) => s.name));
    expect(Object.keys(snapshot.sheets).sort()).toEqual([...INPUT_SHEETS].sort());
    expect(planCommand(snapshot, "score").summary.score).toEqual({ total: 96.9, max: 100, grade: "优" });
  });

  test("a text cell that begins with = + - @ stays text", async () => {
    const model = generatedWorkbook(10);
    const context = new FakeRequestContext(model);
    const port = new OfficeJsWorkbook(excel(context));
    const styles = { t: { numFmt: "0.00" } };
    const cells = [[{ v: "=1+1" }, { v: "+86 20" }, { v: "-5%" }, { v: "@home" }, { v: 3, s: "t" }, { v: 6, f: "E1*2" }]];
    await port.apply({
      sheets: [{ name: "评分结果", cells, styles, columnWidths: [], rowHeights: {}, merges: [], validations: [], notes: [] }],
    });
    const sheet = model.findSheet("评分结果")!;
    const at = (c: number) => model.cell(sheet, 1, c)!;
    expect([1, 2, 3, 4].map((c) => [at(c).value, at(c).formula, at(c).numberFormat])).toEqual([
      ["=1+1", undefined, "@"],
      ["+86 20", undefined, "@"],
      ["-5%", undefined, "@"],
      ["@home", undefined, "@"],
    ]);
    expect(at(5)).toMatchObject({ value: 3, numberFormat: "0.00" });
    expect(at(6).formula).toBe("=E1*2");
  });

  test("report formulas point at 评分结果 after the swap, also when old output sheets existed", async () => {
    const model = await sampleWorkbook();
    await run(model, "report", { tag: "a" });
    await run(model, "report", { tag: "b" });
    expect(model.sheets.map((s) => s.name)).toEqual([...INPUT_SHEETS, ...OUTPUT_SHEETS]);
    for (const sheet of model.sheets)
      for (const cell of sheet.cells.values()) {
        expect(cell.formula ?? "").not.toMatch(/#REF!|~jx/);
      }
  });

  test("input cells are never rewritten", async () => {
    const model = await sampleWorkbook();
    const before = cellsOf(model, INPUT_SHEETS);
    await run(model, "report");
    await run(model, "score");
    expect(cellsOf(model, INPUT_SHEETS)).toEqual(before);
  });

  test("bad input: InputError with cell addresses, nothing written, one sync", async () => {
    const model = generatedWorkbook(10);
    const ind = model.findSheet("绩效指标")!;
    model.cellForWrite(ind, 3, 8).value = "abc";
    const before = JSON.stringify(model.dump());
    const context = new FakeRequestContext(model);
    const err = await runCommand(new OfficeJsWorkbook(excel(context)), "score").catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues.map((i) => i.cell)).toContain("绩效指标!H3");
    expect(JSON.stringify(model.dump())).toBe(before);
    expect(context.syncCount).toBe(1);
  });
});

/** A short description of the first difference between two dumps (jest's diff of them is huge). */
function firstDifference(a: string[], b: string[]): string | null {
  if (a.length !== b.length) return `sheet count ${a.length} vs ${b.length}: ${a.map((s) => s.slice(0, 30)).join(" | ")}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    let j = 0;
    while (a[i][j] === b[i][j]) j++;
    return `sheet ${i} differs at ${j}: …${a[i].slice(Math.max(0, j - 120), j + 80)}… vs …${b[i].slice(Math.max(0, j - 120), j + 80)}…`;
  }
  return null;
}

describe("all or nothing", () => {
  const cases: Array<[string, () => Promise<FakeWorkbook>]> = [
    ["a workbook without output sheets", sampleWorkbook],
    [
      "a workbook whose output sheets exist",
      async () => {
        const m = await sampleWorkbook();
        await run(m, "report", { tag: "old" });
        return m;
      },
    ],
  ];

  for (const [label, seed] of cases) {
    test(`${label}: a failure at any write leaves every cell as it was (or finishes the swap)`, async () => {
      const original = await seed();
      const before = original.dump();
      const clean = original.clone();
      const { context } = await run(clean, "report", { tag: "w" });
      const total = context.writesRun;
      const completed = clean.dump();
      expect(total).toBeGreaterThan(50);
      let rolledBack = 0;
      // Every structural step: the first writes (the lock, the temporary sheets) and every write of
      // the requests after the first (the swap: deletes, renames, names, the lock's release); every
      // write next to a request's boundary; and a spread of the writes filling the temporary sheets,
      // which are all alike (each point is a whole run, so not all of them).
      const ends = context.requestEnds;
      expect(ends.length).toBeGreaterThan(1);
      const swapFrom = ends[0];
      const boundaries = ends.flatMap((end) => [end - 2, end - 1, end, end + 1, end + 2]);
      const points = [...Array(total).keys()]
        .map((i) => i + 1)
        .filter((k) => k <= 40 || k > swapFrom - 5 || k % 8 === 0 || boundaries.includes(k));
      for (const k of points) {
        const model = original.clone();
        const err = await run(model, "report", { failAtWrite: k, tag: "w" }).then(
          () => null,
          (e: Error) => e,
        );
        expect(err?.message).toMatch(/injected failure/);
        const now = model.dump();
        const asBefore = firstDifference(now, before);
        // Until the first old sheet is deleted: as it was; after that: the complete new state.
        if (asBefore) {
          const asCompleted = firstDifference(now, completed);
          if (asCompleted) throw new Error(`failure at write ${k}/${total}: ${asBefore}`);
        } else rolledBack++;
        expect(model.sheets.some((s) => s.name.startsWith("~jx"))).toBe(false);
      }
      expect(rolledBack).toBeGreaterThan(points.length - 5);
    }, 120_000);
  }
});

test("writes suspended calculation, so the run recalculates once at the end: a user's link to the score shows it", async () => {
  const { recalculate } = await import("../../../src/playground/formulas");
  const model = generatedWorkbook(3, 4);
  await run(model, "score", { tag: "a" });
  // A cover sheet linking to the key figure (as a user would), entered without a value yet.
  model.calculate = () => recalculate(model);
  const cover = model.addSheet("封面");
  const link = model.names.get("自评得分")!;
  model.cellForWrite(cover, 1, 1).formula = link;
  const { context, port } = await run(model, "score", { tag: "b" });
  expect([context.recalculations, port.recalculations]).toEqual([1, 1]);
  const target = /^=(.+)!\$?([A-Z]+)\$?(\d+)$/.exec(link)!;
  const scored = model.cell(model.findSheet(target[1].replace(/'/g, ""))!, Number(target[3]), target[2].charCodeAt(0) - 64)!.value;
  expect(typeof scored).toBe("number");
  expect(model.cell(cover, 1, 1)!.value).toBe(scored);
});
