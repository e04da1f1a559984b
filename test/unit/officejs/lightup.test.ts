/**
 * Older Excel (issue 10, item 6): the adapter needs ExcelApi 1.7 and lights up later sets where the
 * host has them. The fake Excel plays a host of each set (newer APIs fail as they would there): the
 * cells written are the same everywhere; validations need 1.8, page setup and breaks 1.9, and what
 * was left out is reported; re-runs keep links and failures roll back on every host.
 */
import { type Command } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { MIN_EXCEL_API } from "../../../src/adapters/officejs/apiSupport";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { FakeWorkbook } from "../../../src/playground/excel/model";
import { compareVersions } from "../../../src/playground/excel/batching";
import { FakeRequestContext } from "../../../src/playground/excel/context";
import { generatedWorkbook, sampleWorkbook } from "./fixtures";
import * as fs from "fs";
import * as path from "path";

const excel = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;

/** A port on a fake host of ExcelApi `version`, asking the same host what it supports. */
function port(model: FakeWorkbook, version: string | undefined, options: { failAtWrite?: number; tag?: string } = {}) {
  const context = new FakeRequestContext(model);
  context.apiVersion = version;
  context.failAtWrite = options.failAtWrite ?? 0;
  const p = new OfficeJsWorkbook(excel(context), {
    tag: options.tag ?? "t",
    apiSupport: (v) => version === undefined || compareVersions(version, v) >= 0,
  });
  return { context, port: p };
}

async function runOn(model: FakeWorkbook, version: string | undefined, command: Command, tag = "t") {
  const { context, port: p } = port(model, version, { tag });
  const result = await runCommand(p, command);
  return { context, port: p, result };
}

/** The cells of the named sheets (values, formulas, number formats), without formatting. */
function cellsOnly(model: FakeWorkbook, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const sheet = model.findSheet(name);
    for (const [k, c] of sheet?.cells ?? [])
      if (c.value !== "" || c.formula) out[`${name}!${k}`] = JSON.stringify([c.value, c.formula ?? null, c.numberFormat ?? "General"]);
  }
  return out;
}

/** The cells of every sheet of the workbook. */
const everyCell = (model: FakeWorkbook) =>
  cellsOnly(
    model,
    model.sheets.map((s) => s.name),
  );

const OUTPUTS = ["评分结果", "自评报告"];

test("the manifest requires the adapter's minimum set", () => {
  const xml = fs.readFileSync(path.join(__dirname, "../../../manifest.xml"), "utf8");
  expect(xml).toContain(`<Set Name="ExcelApi" MinVersion="${MIN_EXCEL_API}"/>`);
});

test("the fake host refuses newer APIs (so the tests below can fail)", async () => {
  const model = await sampleWorkbook();
  const { context } = port(model, "1.8");
  expect(() => context.workbook.worksheets.getItem("基本信息").getRange("A1").getSpecialCellsOrNullObject("Constants")).toThrow(
    /ApiNotFound/,
  );
  expect(() => context.workbook.worksheets.getItem("基本信息").pageLayout).toThrow(/ApiNotFound/);
  const old = port(model, "1.7").context;
  expect(() => old.workbook.worksheets.getItem("基本信息").getRange("A1").dataValidation).toThrow(/ApiNotFound/);
});

describe.each([
  ["1.7", ["validations", "pageSetup", "pageBreaks"]],
  ["1.8", ["pageSetup", "pageBreaks"]],
  ["1.9", []],
])("ExcelApi %s", (version, skipped) => {
  test("reads what a full host reads; 生成报告 writes the same cells; skips exactly what the set lacks", async () => {
    const full = await sampleWorkbook();
    const old = await sampleWorkbook();
    const want = await runOn(full, undefined, "report");
    // The read: the same snapshot (dense row blocks before 1.9).
    const oldRead = await port(old, version).port.read(ALL_SHEETS);
    const fullRead = await port(await sampleWorkbook(), undefined).port.read(ALL_SHEETS);
    expect(oldRead).toEqual(fullRead);
    const got = await runOn(old, version, "report");
    expect(got.result.summary).toEqual(want.result.summary);
    expect(cellsOnly(old, OUTPUTS)).toEqual(cellsOnly(full, OUTPUTS));
    expect(Object.keys(cellsOnly(old, OUTPUTS)).length).toBeGreaterThan(50);
    expect(got.port.skipped.sort()).toEqual([...skipped].sort());
    const report = old.findSheet("自评报告")!;
    const fullReport = full.findSheet("自评报告")!;
    expect(report.pageLayout.paperSize === "A4").toBe(!skipped.includes("pageSetup"));
    expect(fullReport.pageLayout.paperSize).toBe("A4");
    // Fit to one page wide and any number tall: the whole zoom object (a partial one resets the rest).
    const fits = want.result.plan.sheets.find((sh) => sh.name === "自评报告")!.pageSetup?.fitToWidth === true;
    expect(fits).toBe(true);
    expect(fullReport.pageLayout.fitToWidth).toBe(true);
    expect(report.pageLayout.fitToWidth === true).toBe(!skipped.includes("pageSetup"));
    const outputValidations = (m: FakeWorkbook) => OUTPUTS.map((n) => m.findSheet(n)!.validations.length);
    expect(outputValidations(full).some((n) => n > 0)).toBe(true);
    if (skipped.includes("validations")) expect(outputValidations(old)).toEqual([0, 0]);
    else expect(outputValidations(old)).toEqual(outputValidations(full));
  });

  test("re-runs update in place (links hold); an injected failure leaves the workbook as it was", async () => {
    const model = await sampleWorkbook();
    await runOn(model, version, "report", "a");
    const ids = model.sheets.map((s) => [s.name, s.id]);
    const before = everyCell(model);
    // 计算得分 refreshes both sheets again, in place.
    await runOn(model, version, "score", "b");
    expect(model.sheets.map((s) => [s.name, s.id])).toEqual(ids);
    expect(everyCell(model)).toEqual(before);
    // Failures at writes spread over both requests: every one rolls back, the same sheets stay.
    const probe = port(model, version, { tag: "p" });
    await runCommand(probe.port, "report");
    const writes = probe.context.writesRun;
    for (const at of [Math.floor(writes * 0.3), Math.floor(writes * 0.7), writes - 3]) {
      const { port: p } = port(model, version, { failAtWrite: at, tag: `f${at}` });
      await expect(runCommand(p, "report")).rejects.toThrow(/injected failure/);
      expect(model.sheets.map((s) => [s.name, s.id])).toEqual(ids);
      expect(everyCell(model)).toEqual(before);
      expect(model.sheets.some((s) => s.name.startsWith("~jx"))).toBe(false);
    }
  });
});

test("ExcelApi 1.8 at 10,000 rows: reads in row blocks under the response limit, same result as 1.9", async () => {
  const full = generatedWorkbook(10_000, 10);
  const old = generatedWorkbook(10_000, 10);
  const want = await runOn(full, undefined, "score");
  const got = await runOn(old, "1.8", "score");
  expect(got.result.summary).toEqual(want.result.summary);
  expect(Math.max(...got.context.responseBytes)).toBeLessThan(5 * 1024 * 1024);
  expect(Math.max(...got.context.requestBytes)).toBeLessThan(5 * 1024 * 1024);
  expect(cellsOnly(old, ["评分结果"])).toEqual(cellsOnly(full, ["评分结果"]));
});

// Keeps the version helper honest: "1.10" is newer than "1.9".
test("compareVersions orders requirement sets numerically", () => {
  expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
  expect(compareVersions("1.8", "1.9")).toBeLessThan(0);
  expect(compareVersions("1.9", "1.9")).toBe(0);
  expect(MIN_EXCEL_API).toBe("1.7");
});

test("RangeFormat.indentLevel (ExcelApi 1.9) is gated: an older host gets the cells without indents and is told", async () => {
  const { writeSheet } = await import("../../../src/adapters/officejs/writeSheet");
  const { RequestBudget } = await import("../../../src/adapters/officejs/requestBudget");
  const { Features, FEATURE_SETS } = await import("../../../src/adapters/officejs/apiSupport");
  expect(FEATURE_SETS.indent).toBe("1.9");
  const plan = {
    name: "缩进",
    cells: [[{ v: "其中：", s: "i" }], [{ v: "项目支出", s: "i" }]],
    styles: { i: { align: { indent: 2 } } },
    columnWidths: [20],
    rowHeights: {},
    merges: [],
    validations: [],
    notes: [],
  } as unknown as import("../../../src/core/plan").SheetPlan;
  for (const version of ["1.8", "1.9"]) {
    const model = new FakeWorkbook();
    model.addSheet("缩进");
    const { context } = port(model, version);
    const features = new Features((v) => compareVersions(version, v) >= 0);
    const ws = excel(context).workbook.worksheets.getItem("缩进");
    await writeSheet(ws, plan, new Map(), new RequestBudget(4 << 20, () => context.sync()), false, features);
    await context.sync();
    const cell = model.cell(model.findSheet("缩进")!, 2, 1)!;
    expect(cell.value).toBe("项目支出");
    expect([version, cell.format.indent ?? 0, features.skipped]).toEqual(version === "1.8" ? ["1.8", 0, ["indent"]] : ["1.9", 2, []]);
  }
});
