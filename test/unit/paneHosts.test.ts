/**
 * The one host switch (src/app/host.ts): the pane's actions through the Excel host (the fake
 * Excel) and through the WPS host (the fake ET application) give the same results on the same
 * workbook; the WPS host's selection and change events go to the ET object model.
 */
import * as fs from "fs";
import * as path from "path";
import { createFakeEtApplication } from "../../src/playground/et/application";
import { FakeWorkbook } from "../../src/playground/excel/model";
import { fakeExcelRun } from "../../src/playground/excel/context";
import { loadXlsx } from "../../src/playground/xlsxBridge";
import { inspectWorkbook, insertTemplate, runScoring, selectCell, watchChanges } from "../../src/app/actions";
import { type ExcelRun, excelHost } from "../../src/app/host";
import type { WpsAddinApplication } from "../../src/wps/wpsApp";
import { CHANGE_EVENT, etHost, wpsHost } from "../../src/wps/wpsHost";

const SAMPLE = path.join(__dirname, "../../assets/sample.xlsx");

test("计算得分 and 生成报告 through either host: the same summary, the same sheets, the same next step", async () => {
  const bytes = fs.readFileSync(SAMPLE);
  const excelModel = await loadXlsx(bytes);
  const etApp = createFakeEtApplication({ model: await loadXlsx(bytes) });
  const excel = excelHost(fakeExcelRun(excelModel) as unknown as ExcelRun);
  const wps = etHost(etApp as unknown as WpsAddinApplication);
  expect(wps.kind).toBe("wps");

  for (const command of ["score", "report"] as const) {
    const a = await runScoring(command, {}, undefined, excel);
    const b = await runScoring(command, {}, undefined, wps);
    expect(b.summary).toEqual(a.summary);
    expect(etApp.model.sheets.map((s) => s.name)).toEqual(excelModel.sheets.map((s) => s.name));
  }
  expect(etApp.model.sheets.map((s) => s.name)).toContain("自评报告");
  expect(await inspectWorkbook(wps)).toEqual(await inspectWorkbook(excel));
});

test("插入模板 through the WPS host creates the same sheets as through the Excel host", async () => {
  const etApp = createFakeEtApplication();
  const excelModel = new FakeWorkbook();
  excelModel.addSheet("Sheet1");
  const viaExcel = await insertTemplate("部门整体支出", excelHost(fakeExcelRun(excelModel) as unknown as ExcelRun));
  const out = await insertTemplate("部门整体支出", etHost(etApp as unknown as WpsAddinApplication));
  expect(out).toEqual(viaExcel);
  expect(out.created).toEqual(["基本信息", "预算执行", "绩效指标", "文字材料"]);
  expect(etApp.model.sheets.map((s) => s.name)).toEqual(excelModel.sheets.map((s) => s.name));
});

test("the WPS host selects through Worksheet.Activate + Range.Select and listens to ApiEvent SheetChange", async () => {
  const calls: string[] = [];
  const listeners = new Set<() => void>();
  const app = {
    ActiveWorkbook: {
      Worksheets: {
        Item: (name: string) => ({
          Activate: () => calls.push(`activate ${name}`),
          Range: (a: string) => ({ Select: () => calls.push(`select ${a}`) }),
        }),
      },
    },
    ApiEvent: {
      AddApiEventListener: (e: string, f: () => void) => (e === CHANGE_EVENT ? listeners.add(f) : undefined),
      RemoveApiEventListener: (e: string, f: () => void) => (e === CHANGE_EVENT ? listeners.delete(f) : undefined),
    },
  } as unknown as WpsAddinApplication;
  const host = wpsHost(app, () => {
    throw new Error("no port needed");
  });
  // A sheet name with a space and a quote: the ref carries it as is, nothing is unquoted.
  await selectCell({ sheet: "绩效 指标's", row: 5, col: 8 }, host);
  expect(calls).toEqual(["activate 绩效 指标's", "select H5"]);

  let changes = 0;
  const stop = await watchChanges(() => changes++, host);
  expect(listeners.size).toBe(1);
  listeners.forEach((f) => f());
  expect(changes).toBe(1);
  await stop!();
  expect(listeners.size).toBe(0);

  // Without ApiEvent (an older build) there is nothing to listen to: null, as in Excel without onChanged.
  expect(
    await watchChanges(
      () => undefined,
      wpsHost({ ...app, ApiEvent: undefined }, () => null as never),
    ),
  ).toBeNull();
});
