/**
 * The self-test in Excel (the check list: src/adapters/shared/selfTest.ts): every office.js API the adapter uses, tried on
 * a scratch sheet (SCRATCH_SHEETS) and on a second one that links to it, each check its own round
 * trip so one failure does not hide the others; the scratch sheets and name are removed at the end.
 */
import { HANDOFF_URL_LIMITS, type SaveHost, handoffUrl, saveWay } from "../shared/download";
import { type CheckId, type CheckOutcome, SCRATCH_SHEETS, type SelfTestReport, expectThat, runChecks } from "../shared/selfTest";
import { type ApiSupport, highestApiSet, volumeLicensedAt } from "./apiSupport";

/** What the self-test knows of the host besides the workbook (office.js's answers, or the playground's). */
export interface ExcelSelfTestEnv {
  supports: ApiSupport;
  /** Label → value lines from Office.context (host, version, platform, language). */
  environment: Array<[string, string]>;
  saveHost: SaveHost;
  /** How long to wait for a change event to arrive (ms). */
  eventWaitMs?: number;
}

const [SCRATCH, LINKED] = SCRATCH_SHEETS;
const NAME = "_jx_diag";

const skipped = (set: string): CheckOutcome => ({ status: "skipped", detail: `ExcelApi ${set} not supported` });
const ok = (detail: string): CheckOutcome => ({ status: "ok", detail });

/** Runs the checks in `context` (inside one Excel.run) and returns the report. */
export async function excelSelfTest(context: Excel.RequestContext, env: ExcelSelfTestEnv): Promise<SelfTestReport> {
  const { supports } = env;
  const sheets = context.workbook.worksheets;
  const scratch = () => sheets.getItem(SCRATCH);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const checks: Record<CheckId, () => Promise<CheckOutcome>> = {
    sheet: async () => {
      // Leftovers of an earlier interrupted self-test first.
      try {
        for (const n of [SCRATCH, LINKED]) sheets.getItemOrNullObject(n).delete();
        await context.sync();
      } catch {
        // None there (or not deletable): the add below says.
      }
      sheets.add(SCRATCH);
      sheets.add(LINKED);
      await context.sync();
      return ok("worksheets.add");
    },
    values: async () => {
      const r = scratch().getRange("A1:C1");
      r.numberFormat = [["General", "@", "@"]];
      r.values = [[42, "=1+1 开头的文字", "-5"]];
      r.load("values,valueTypes");
      await context.sync();
      expectThat(r.values[0][0] === 42, `A1 reads ${JSON.stringify(r.values[0][0])}, not 42`);
      expectThat(r.values[0][1] === "=1+1 开头的文字" && r.values[0][2] === "-5", `text became ${JSON.stringify(r.values[0].slice(1))}`);
      return ok('values, numberFormat "@" before text');
    },
    formulas: async () => {
      const ws = scratch();
      ws.getRange("A2:B2").formulas = [[3, "=A2*2"]];
      ws.getRange("C2:C4").formulasR1C1 = [["=RC[-1]+1"], ["=R[-1]C+1"], ["=R[-1]C+1"]];
      const read = ws.getRange("A2:C4").load("values,formulas");
      await context.sync();
      const got = [read.values[0][1], read.values[0][2], read.values[2][2]];
      expectThat(read.formulas[0][1] === "=A2*2", `B2 holds ${JSON.stringify(read.formulas[0][1])}`);
      expectThat(JSON.stringify(got) === "[6,7,9]", `values ${JSON.stringify(got)}, expected [6,7,9]`);
      return ok("formulas (2-D array), formulasR1C1");
    },
    errors: async () => {
      const r = scratch().getRange("D2");
      r.formulas = [["=1/0"]];
      r.load("values,valueTypes");
      await context.sync();
      expectThat(r.valueTypes[0][0] === "Error", `valueTypes ${r.valueTypes[0][0]}`);
      return ok(`values ${JSON.stringify(r.values[0][0])}, valueTypes Error`);
    },
    formats: async () => {
      const f = scratch().getRange("A5:B6").format;
      f.font.name = "宋体";
      f.font.size = 12;
      f.font.bold = true;
      f.font.color = "#C00000";
      f.fill.color = "#DDEBF7";
      f.horizontalAlignment = "Center";
      f.verticalAlignment = "Center";
      f.wrapText = true;
      for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
        f.borders.getItem(edge).style = "Continuous";
        f.borders.getItem(edge).color = "#808080";
      }
      scratch().getRange("A:A").format.columnWidth = 120;
      scratch().getRange("5:5").format.rowHeight = 30;
      const indent = supports("1.9");
      if (indent) scratch().getRange("A6").format.indentLevel = 2;
      const col = scratch().getRange("A1").format.load("columnWidth");
      await context.sync();
      const detail = `font, fill, borders, alignment, columnWidth ${col.columnWidth}`;
      return indent
        ? ok(`${detail}, indentLevel`)
        : { status: "fallback", detail: `${detail}; indentLevel needs ExcelApi 1.9: cells written without indents` };
    },
    validation: async () => {
      if (!supports("1.8")) return skipped("1.8");
      const dv = scratch().getRange("E1:E3").dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: "是,否" } };
      dv.prompt = { showPrompt: true, title: "", message: "请选择" };
      await context.sync();
      return ok("dataValidation list rule, prompt");
    },
    names: async () => {
      const names = context.workbook.names;
      names.getItemOrNullObject(NAME).delete();
      await context.sync().catch(() => undefined);
      names.add(NAME, `='${SCRATCH}'!$A$1`);
      await context.sync();
      const item = names.getItem(NAME);
      item.formula = `='${SCRATCH}'!$A$2`;
      item.load("formula");
      await context.sync();
      expectThat(/A\$?2$/.test(item.formula), `formula reads ${item.formula}`);
      item.delete();
      await context.sync();
      return ok("names.add, formula, delete");
    },
    copy: async () => {
      const copied = scratch().copy("End");
      copied.load("name");
      await context.sync();
      copied.delete();
      if (!supports("1.9")) {
        await context.sync();
        return {
          status: "fallback",
          detail: "worksheet.copy; Range.copyFrom needs ExcelApi 1.9: owned sheets are rewritten in place directly",
        };
      }
      // Does a range copy carry the column width? (Undocumented: the adapter writes sizes explicitly either way.)
      scratch().getRange("H:H").format.columnWidth = 90;
      const target = sheets.getItem(LINKED);
      target.getRange("H1:I6").copyFrom(`'${SCRATCH}'!H1:I6`, "All");
      const width = target.getRange("H1").format.load("columnWidth");
      const source = scratch().getRange("H1").format.load("columnWidth");
      await context.sync();
      const carried = Math.abs(width.columnWidth - source.columnWidth) < 0.5;
      return carried
        ? ok("worksheet.copy, Range.copyFrom (widths travel)")
        : {
            status: "fallback",
            detail: `Range.copyFrom left the width at ${width.columnWidth}: the adapter writes widths and heights explicitly`,
          };
    },
    inPlace: async () => {
      const linked = sheets.getItem(LINKED);
      linked.getRange("A1").formulas = [[`='${SCRATCH}'!A2*10`]];
      await context.sync();
      const ws = scratch();
      ws.getRange("A2:B2").clear("All");
      ws.getRange("A2").values = [[5]];
      const read = linked.getRange("A1").load("values,formulas");
      await context.sync();
      expectThat(read.values[0][0] === 50, `the link reads ${JSON.stringify(read.values[0][0])} (${read.formulas[0][0]})`);
      return ok("clear, rewrite; a formula on another sheet follows");
    },
    pageSetup: async () => {
      if (!supports("1.9")) return skipped("1.9");
      const layout = scratch().pageLayout;
      layout.orientation = "Portrait";
      layout.paperSize = "A4";
      layout.setPrintMargins("Points", { top: 105, bottom: 99, left: 79, right: 74, header: 42, footer: 57 });
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintTitleRows("$1:$1");
      layout.load("zoom,paperSize");
      await context.sync();
      // office-js #1860: the fit may not apply unless the Page Layout tab was shown; the report's columns fit A4 at 100% anyway.
      const fit = layout.zoom?.horizontalFitToPages === 1;
      return fit
        ? ok(`orientation, paperSize ${layout.paperSize}, margins, zoom fit to 1 page wide, print titles`)
        : {
            status: "fallback",
            detail: `zoom reads ${JSON.stringify(layout.zoom)} (office-js #1860): the report's columns fit A4 at 100%`,
          };
    },
    events: async () => {
      if (!supports("1.9")) return skipped("1.9");
      let seen = 0;
      const handler = sheets.onChanged.add(async () => {
        seen++;
      });
      await context.sync();
      scratch().getRange("F1").values = [["事件"]];
      await context.sync();
      await wait(env.eventWaitMs ?? 1500);
      handler.remove();
      await context.sync();
      return seen > 0
        ? ok(`worksheets.onChanged fired ${seen}× for the add-in's own write; removed`)
        : { status: "fallback", detail: "no onChanged within the wait: the pane re-reads on focus" };
    },
    calculation: async () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      scratch().getRange("G1:G2").formulas = [[4], ["=G1*3"]];
      await context.sync();
      context.workbook.application.calculate("Recalculate" as Excel.CalculationType.recalculate);
      const r = scratch().getRange("G2").load("values");
      await context.sync();
      expectThat(r.values[0][0] === 12, `after calculate G2 reads ${JSON.stringify(r.values[0][0])}`);
      return ok("suspendApiCalculationUntilNextSync, application.calculate(Recalculate)");
    },
    download: async () => {
      // The way this host saves the Word report, for a small and a 10,000-indicator report (≈ 564,000 URL characters).
      const small = handoffUrl(env.saveHost.downloadPage, "x.docx", new Uint8Array(14_600)).length;
      const ways = [saveWay(env.saveHost, small), saveWay(env.saveHost, 564_000)];
      const platform = env.saveHost.platform ?? "?";
      const detail = `platform ${platform}: ${ways.join(" / ")} (small / 10,000 indicators); openBrowserWindow ${env.saveHost.openBrowserWindow ? "available" : "not available"}`;
      // A desktop webview without openBrowserWindow has only the blob anchor, which Microsoft documents as unsupported there.
      expectThat(
        ways[0] !== "anchor" || !(platform in HANDOFF_URL_LIMITS),
        `${detail}: the Word file may not save here; use Excel on the web`,
      );
      return ways[0] === "browser" ? { status: "fallback", detail: `${detail}: blob downloads are not relied on here` } : ok(detail);
    },
    cleanup: async () => {
      sheets.getItem(SCRATCH).delete();
      sheets.getItem(LINKED).delete();
      await context.sync();
      return ok("worksheet.delete");
    },
  };

  const lines = await runChecks(checks);
  // Whatever failed, no scratch sheet or name stays behind.
  if (lines.some((l) => l.status === "failed")) {
    try {
      for (const n of [SCRATCH, LINKED]) sheets.getItemOrNullObject(n).delete();
      context.workbook.names.getItemOrNullObject(NAME).delete();
      await context.sync();
    } catch {
      // A host that cannot delete them: the next run's cleanup removes `~jx…` sheets.
    }
  }
  const highest = highestApiSet(supports);
  const edition = volumeLicensedAt(highest);
  const environment: Array<[string, string]> = [
    ...env.environment,
    [
      "ExcelApi",
      `${highest ?? "none"}${edition ? ` (= ${edition} volume-licensed, or a Microsoft 365 / retail build of that level)` : ""}`,
    ],
    ["Engine", typeof navigator === "undefined" ? "?" : navigator.userAgent],
  ];
  return { host: "excel", environment, lines, at: new Date().toISOString() };
}
