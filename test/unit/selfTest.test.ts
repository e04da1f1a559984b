/**
 * The self-test (诊断) on both fakes (issue 17, item 4): on a well-behaved host every line is ok or
 * a documented fallback, the scratch sheets are gone and the workbook is as it was; a misbehaving
 * fake makes each line of the report fail in turn, and the report still comes back whole.
 */
import { excelSelfTest } from "../../src/adapters/officejs/selfTest";
import type { FakeWorkbook } from "../../src/playground/excel/model";
import { compareVersions } from "../../src/playground/excel/batching";
import { FakeRequestContext } from "../../src/playground/excel/context";
import { createFakeEtApplication } from "../../src/playground/et/application";
import { generatedWorkbook } from "../../src/playground/generatedWorkbook";
import { etSelfTest, type EtEvents } from "../../src/adapters/wps/etSelfTest";
import { CHECKS, type CheckId, SCRATCH_SHEETS, type SelfTestReport } from "../../src/adapters/shared/selfTest";
import { reportText } from "../../src/app/pane/diagnostics";
import { messagesFor } from "../../src/app/i18n";
import type { SaveHost } from "../../src/adapters/shared/download";
import { recalculate } from "../../src/playground/formulas";

const WEB: SaveHost = { platform: "OfficeOnline", downloadPage: "https://addin.example/download.html" };

function excel(model: FakeWorkbook, version?: string, saveHost: SaveHost = WEB) {
  // The fake computes formulas as the playground does (Excel calculates).
  model.calculate = () => recalculate(model);
  const context = new FakeRequestContext(model);
  context.apiVersion = version;
  const supports = (v: string) => version === undefined || compareVersions(version, v) >= 0;
  const run = () =>
    excelSelfTest(context as unknown as Excel.RequestContext, {
      supports,
      environment: [["Host", "Excel (fake)"]],
      saveHost,
      eventWaitMs: 5,
    });
  return { context, run };
}

const statuses = (r: SelfTestReport) => Object.fromEntries(r.lines.map((l) => [l.id, l.status]));
const noScratch = (model: FakeWorkbook) =>
  model.sheets.filter((s) => s.name.startsWith("~jx") || (SCRATCH_SHEETS as readonly string[]).includes(s.name)).map((s) => s.name);

describe("Excel (fake)", () => {
  test("a full host: every line ok or a documented fallback, nothing left behind, the report reads in both languages", async () => {
    const model = generatedWorkbook(3, 4);
    const before = model.dump();
    const report = await excel(model).run();
    expect(report.lines.map((l) => l.id)).toEqual([...CHECKS]);
    expect(report.lines.filter((l) => l.status === "failed")).toEqual([]);
    expect(statuses(report)).toMatchObject({ sheet: "ok", values: "ok", formulas: "ok", errors: "ok", names: "ok", cleanup: "ok" });
    expect(noScratch(model)).toEqual([]);
    expect(model.dump()).toEqual(before);
    const zh = reportText(report, messagesFor("zh-CN"));
    expect(zh).toMatch(/^绩效自评助手 诊断报告/);
    expect(zh).toMatch(/\[正常\] 写入公式/);
    expect(zh).toMatch(/ExcelApi: 1\.21/);
    expect(reportText(report, messagesFor("en-US"))).toMatch(/\[OK\] Write formulas/);
  });

  test("ExcelApi 1.7 (volume-licensed Office 2019): the 1.8/1.9 lines are skipped or fall back, named as such", async () => {
    const report = await excel(generatedWorkbook(3, 4), "1.7").run();
    expect(report.lines.filter((l) => l.status === "failed")).toEqual([]);
    expect(statuses(report)).toMatchObject({
      validation: "skipped",
      pageSetup: "skipped",
      events: "skipped",
      copy: "fallback",
      formats: "fallback",
    });
    expect(report.environment.find(([k]) => k === "ExcelApi")?.[1]).toMatch(/^1\.7 \(= Office 2019 volume-licensed/);
  });

  /** For each line, a misbehaviour of the fake host that breaks the API it checks. */
  const BREAKS: Record<CheckId, (c: FakeRequestContext) => { target: object; member: string; as?: "get" | "set"; own?: boolean }> = {
    sheet: (c) => ({ target: c.workbook.worksheets, member: "add" }),
    values: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1"), member: "values", as: "set" }),
    formulas: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1"), member: "formulasR1C1", as: "set" }),
    errors: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1"), member: "valueTypes", as: "get" }),
    formats: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1").format, member: "wrapText", as: "set" }),
    validation: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1"), member: "dataValidation", as: "get" }),
    names: (c) => ({ target: c.workbook.names, member: "add" }),
    copy: (c) => ({ target: c.workbook.worksheets.getItem("x"), member: "copy" }),
    inPlace: (c) => ({ target: c.workbook.worksheets.getItem("x").getRange("A1"), member: "clear" }),
    pageSetup: (c) => ({ target: c.workbook.worksheets.getItem("x").pageLayout, member: "setPrintMargins" }),
    events: (c) => ({ target: c.workbook.worksheets.onChanged, member: "add", own: true }),
    calculation: (c) => ({ target: c.workbook.application, member: "calculate" }),
    download: () => ({ target: {}, member: "" }),
    cleanup: (c) => ({ target: c.workbook.worksheets.getItem("x"), member: "delete" }),
  };

  test.each([...CHECKS])("a host that breaks what %s uses: that line fails, the report is still whole", async (id) => {
    const model = generatedWorkbook(3, 4);
    // The download line fails on a desktop webview with neither a working blob download nor openBrowserWindow.
    const saveHost: SaveHost = id === "download" ? { platform: "PC", downloadPage: WEB.downloadPage } : WEB;
    const { context, run } = excel(model, undefined, saveHost);
    const { target, member, as, own } = BREAKS[id](context);
    let restore = () => undefined as void;
    if (member) {
      const proto = own ? target : (Object.getPrototypeOf(target) as object);
      const original = Object.getOwnPropertyDescriptor(proto, member)!;
      expect(original).toBeDefined();
      const boom = () => {
        throw new Error(`host refuses ${member}`);
      };
      const broken: PropertyDescriptor =
        as === "get"
          ? { ...original, get: id === "errors" ? () => [["Double"]] : boom }
          : as === "set"
            ? { ...original, set: boom }
            : { ...original, value: boom };
      Object.defineProperty(proto, member, broken);
      restore = () => Object.defineProperty(proto, member, original);
    }
    try {
      const report = await run();
      expect(report.lines.map((l) => l.id)).toEqual([...CHECKS]);
      expect({ id, status: statuses(report)[id] }).toEqual({ id, status: "failed" });
      expect(report.lines.find((l) => l.id === id)!.detail.length).toBeGreaterThan(5);
    } finally {
      restore();
    }
    if (id !== "cleanup" && id !== "sheet") expect(noScratch(model)).toEqual([]);
  });
});

describe("WPS (fake ET)", () => {
  const events = (): EtEvents & { added: number } => {
    const e = { added: 0, AddApiEventListener: () => void e.added++, RemoveApiEventListener: () => undefined };
    return e;
  };

  test("a host as documented: every line ok, nothing left behind, settings as before", async () => {
    const app = createFakeEtApplication({ model: generatedWorkbook(3, 4) });
    const before = app.model.dump();
    const settings = app.settings;
    const report = await etSelfTest(app, { events: events(), download: "blob anchor" });
    expect(report.lines.filter((l) => l.status !== "ok")).toEqual([]);
    expect(noScratch(app.model)).toEqual([]);
    expect(app.model.dump()).toEqual(before);
    expect(app.settings).toEqual(settings);
    expect(report.environment.find(([k]) => k === "Version")?.[1]).toBe("12.1.0.fake");
  });

  test("a host that refuses Formula arrays and gives bare error codes: both lines say which fallback is used", async () => {
    const app = createFakeEtApplication({ model: generatedWorkbook(3, 4), behaviour: { formulaArrays: false, errorForm: "code" } });
    const report = await etSelfTest(app, { events: events(), download: "blob anchor" });
    expect(statuses(report)).toMatchObject({ formulas: "fallback", errors: "fallback" });
    expect(report.lines.filter((l) => l.status === "failed")).toEqual([]);
  });

  /** For each line, the ET call a misbehaving host refuses. */
  const REFUSES: Record<CheckId, RegExp | null> = {
    sheet: /^Worksheets\.Add$/,
    values: /^Range\.Value2=$/,
    formulas: /^Range\.FormulaR1C1=$/,
    errors: /^Range\.Text$/,
    formats: /^Border\.LineStyle=$/,
    validation: /^Validation\.Add$/,
    names: /^Names\.Add$/,
    copy: /^Worksheet\.Copy$/,
    inPlace: /^Range\.Copy$/,
    pageSetup: /^PageSetup\.Zoom=$/,
    events: null,
    calculation: /^Calculation=$/,
    download: null,
    cleanup: /^Worksheet\.Delete$/,
  };

  test.each([...CHECKS])("a host that refuses what %s uses: that line fails, the report is still whole", async (id) => {
    const app = createFakeEtApplication({ model: generatedWorkbook(3, 4) });
    app.failOn = REFUSES[id] ?? undefined;
    const brokenEvents = {
      AddApiEventListener: () => {
        throw new Error("no SheetChange");
      },
      RemoveApiEventListener: () => undefined,
    };
    const saved = URL.createObjectURL;
    if (id === "download") (URL as { createObjectURL?: unknown }).createObjectURL = undefined;
    try {
      const report = await etSelfTest(app, { events: id === "events" ? brokenEvents : events(), download: "blob anchor" });
      expect(report.lines.map((l) => l.id)).toEqual([...CHECKS]);
      expect({ id, status: statuses(report)[id] }).toEqual({ id, status: "failed" });
    } finally {
      URL.createObjectURL = saved;
      app.failOn = undefined;
    }
    if (id !== "cleanup" && id !== "sheet") expect(noScratch(app.model)).toEqual([]);
  });
});
