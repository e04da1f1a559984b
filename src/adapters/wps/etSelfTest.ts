/**
 * The self-test in WPS 表格 (the check list: src/adapters/shared/selfTest.ts): every ET call the adapter makes, tried on
 * scratch sheets (SCRATCH_SHEETS) with screen
 * updating, calculation, alerts and events switched as a run switches them; the probes of
 * etProbes.ts (Formula arrays, error values) are asked again and reported.
 */
import { type CheckId, type CheckOutcome, SCRATCH_SHEETS, type SelfTestReport, expectThat, runChecks } from "../shared/selfTest";
import { type EtApplication, type EtWorksheet, XL } from "./etTypes";
import { type EtBehaviour, forgetBehaviour, probeBehaviour } from "./etProbes";
import { writeCellsDocumented } from "./etSheet";
import { withQuietHost } from "./etWorkbook";

/** ApiEvent of the add-in platform (wpsApp.ts), if the host has it. */
export interface EtEvents {
  AddApiEventListener(event: string, handler: (...args: unknown[]) => void): void;
  RemoveApiEventListener(event: string, handler: (...args: unknown[]) => void): void;
}

export interface EtSelfTestEnv {
  events?: EtEvents | null;
  /** How the pane saves the Word file here (wpsHost.ts: the blob anchor). */
  download: string;
}

const [SCRATCH, LINKED] = SCRATCH_SHEETS;
const NAME = "_jx_diag";
const ok = (detail: string): CheckOutcome => ({ status: "ok", detail });

/** Runs the checks against `app` and returns the report. */
export async function etSelfTest(app: EtApplication, env: EtSelfTestEnv): Promise<SelfTestReport> {
  const book = () => {
    const b = app.ActiveWorkbook;
    if (!b) throw new Error("no open workbook");
    return b;
  };
  const sheet = (name: string): EtWorksheet => book().Worksheets.Item(name);
  const exists = (name: string) => {
    const sheets = book().Worksheets;
    for (let i = 1; i <= sheets.Count; i++) if (sheets.Item(i).Name === name) return true;
    return false;
  };
  const quiet = <T>(work: () => T): T => withQuietHost(app, work);
  let asked: EtBehaviour | undefined;

  const checks: Record<CheckId, () => CheckOutcome> = {
    sheet: () =>
      quiet(() => {
        for (const n of [SCRATCH, LINKED]) if (exists(n)) sheet(n).Delete();
        const sheets = book().Worksheets;
        for (const n of [SCRATCH, LINKED]) sheets.Add(null, sheets.Item(sheets.Count)).Name = n;
        return ok("Worksheets.Add(null, last), Name");
      }),
    values: () =>
      quiet(() => {
        const ws = sheet(SCRATCH);
        ws.Range("B1:C1").NumberFormat = "@";
        ws.Range("A1:C1").Value2 = [[42, "=1+1 开头的文字", "-5"]];
        const got = [ws.Range("A1").Value2, ws.Range("B1").Value2, ws.Range("C1").Value2];
        expectThat(JSON.stringify(got) === JSON.stringify([42, "=1+1 开头的文字", "-5"]), `read back ${JSON.stringify(got)}`);
        return ok('Value2 2-D array, NumberFormat "@" before text');
      }),
    formulas: () =>
      quiet(() => {
        // The probe of etProbes.ts, asked again on this scratch sheet (A1:D1 of a fresh one).
        const fresh = (asked = probeOnceMore(app, sheet(LINKED)));
        const ws = sheet(SCRATCH);
        if (fresh.formulaArrays) ws.Range("A2:B2").Formula = [[3, "=A2*2"]];
        else writeCellsDocumented(ws, [[], [{ v: 3 }, { v: null, f: "A2*2" }]], new Map(), 2);
        ws.Range("C2:C4").FormulaR1C1 = "=R[-1]C+1";
        const b2 = ws.Range("B2").Formula;
        expectThat(b2 === "=A2*2", `B2 holds ${JSON.stringify(b2)}`);
        expectThat(ws.Range("C3").HasFormula === true, "FormulaR1C1 over C2:C4 left no formula in C3");
        return fresh.formulaArrays
          ? ok("Formula 2-D array, FormulaR1C1 over a column")
          : { status: "fallback", detail: "Formula refuses 2-D arrays here: Value2 blocks, R1C1 runs and single formulas are used" };
      }),
    errors: () =>
      quiet(() => {
        const form = (asked ?? probeOnceMore(app, sheet(LINKED))).errorForm;
        const ws = sheet(SCRATCH);
        ws.Range("D2").Formula = "=1/0";
        const text = ws.Range("D2").Text;
        expectThat(text === "#DIV/0!", `Text reads ${JSON.stringify(text)}`);
        if (form === "cverr" || form === "text") return ok(`Value2 gives errors as ${form === "cverr" ? "CVErr numbers" : "their text"}`);
        if (form === "code")
          return { status: "fallback", detail: "Value2 gives bare error codes (2007): such numbers are checked against Text" };
        return { status: "failed", detail: `Value2 of =1/0 reads ${JSON.stringify(ws.Range("D2").Value2)}: unknown form` };
      }),
    formats: () =>
      quiet(() => {
        const r = sheet(SCRATCH).Range("A5:B6");
        r.Font.Name = "宋体";
        r.Font.Size = 12;
        r.Font.Bold = true;
        r.Font.Color = 0x0000c0;
        r.Interior.Color = 0xf7ebdd;
        r.HorizontalAlignment = XL.hAlignCenter;
        r.VerticalAlignment = XL.vAlignCenter;
        r.WrapText = true;
        for (const edge of [XL.edgeTop, XL.edgeBottom, XL.edgeLeft, XL.edgeRight, XL.insideHorizontal, XL.insideVertical]) {
          const b = r.Borders.Item(edge);
          b.LineStyle = XL.continuous;
          b.Weight = XL.thin;
          b.Color = 0x808080;
        }
        sheet(SCRATCH).Range("A6").IndentLevel = 2;
        sheet(SCRATCH).Range("A:A").ColumnWidth = 20;
        sheet(SCRATCH).Range("5:5").RowHeight = 30;
        return ok(`Font, Interior (BGR), Borders, alignment, IndentLevel, ColumnWidth ${sheet(SCRATCH).Range("A1").ColumnWidth}`);
      }),
    validation: () =>
      quiet(() => {
        const dv = sheet(SCRATCH).Range("E1:E3").Validation;
        dv.Add(XL.validateList, XL.validAlertWarning, XL.between, "是,否");
        dv.InCellDropdown = true;
        dv.ShowInput = true;
        dv.InputTitle = "";
        dv.InputMessage = "请选择";
        sheet(SCRATCH).Range("E5").AddComment("说明");
        return ok("Validation.Add (list), input message, AddComment");
      }),
    names: () =>
      quiet(() => {
        const names = book().Names;
        names.Add(NAME, `='${SCRATCH}'!$A$1`, false);
        names.Item(NAME).RefersTo = `='${SCRATCH}'!$A$2`;
        const refersTo = names.Item(NAME).RefersTo;
        names.Item(NAME).Delete();
        expectThat(/A\$?2$/.test(refersTo), `RefersTo reads ${refersTo}`);
        return ok("Names.Add (hidden), RefersTo, Delete");
      }),
    copy: () =>
      quiet(() => {
        const sheets = book().Worksheets;
        sheet(SCRATCH).Copy(null, sheets.Item(sheets.Count));
        const copy = sheets.Item(sheets.Count);
        const width = copy.Range("A1").ColumnWidth;
        copy.Delete();
        expectThat(width === sheet(SCRATCH).Range("A1").ColumnWidth, `the copy's column A is ${width} wide`);
        return ok("Worksheet.Copy(null, last) (widths travel)");
      }),
    inPlace: () =>
      quiet(() => {
        const linked = sheet(LINKED);
        linked.Range("A3").Formula = `='${SCRATCH}'!A2*10`;
        const ws = sheet(SCRATCH);
        ws.Range("H1:I6").Copy(linked.Range("H1:I6"));
        ws.Range("A2").Value2 = 5;
        const link = String(linked.Range("A3").Formula);
        expectThat(link.includes(SCRATCH) && !link.includes("#REF!"), `the link reads ${JSON.stringify(link)}`);
        return ok("Range.Copy(destination), rewrite; a formula on another sheet still points at it");
      }),
    pageSetup: () =>
      quiet(() => {
        const ps = sheet(SCRATCH).PageSetup;
        ps.Orientation = XL.portrait;
        ps.PaperSize = XL.paperA4;
        ps.TopMargin = 105;
        ps.LeftMargin = 79;
        ps.Zoom = false;
        ps.FitToPagesWide = 1;
        ps.FitToPagesTall = false;
        ps.PrintTitleRows = "$1:$1";
        sheet(SCRATCH).Tab.Color = 0x47ad70;
        sheet(SCRATCH).Tab.ColorIndex = XL.colorIndexNone;
        const zoom = ps.Zoom;
        return zoom === false
          ? ok("PageSetup (A4, margins, Zoom = False, FitToPagesWide 1), Tab.Color, Tab.ColorIndex = xlColorIndexNone")
          : { status: "fallback", detail: `Zoom reads ${JSON.stringify(zoom)} after Zoom = False: the report's columns fit A4 at 100%` };
      }),
    events: () => {
      const events = env.events;
      if (!events) return { status: "skipped", detail: "Application.ApiEvent missing: the pane re-reads on focus" };
      const handler = () => undefined;
      events.AddApiEventListener("SheetChange", handler);
      events.RemoveApiEventListener("SheetChange", handler);
      return ok("ApiEvent.AddApiEventListener / RemoveApiEventListener (SheetChange)");
    },
    calculation: () => {
      const before = app.Calculation;
      app.Calculation = XL.calculationManual;
      sheet(SCRATCH).Range("G1").Value2 = 4;
      sheet(SCRATCH).Range("G2").Formula = "=G1*3";
      app.Calculation = before;
      const v = sheet(SCRATCH).Range("G2").Value2;
      expectThat(v === 12, `G2 reads ${JSON.stringify(v)}`);
      expectThat(app.Calculation === before, "Calculation was not restored");
      return ok("Calculation manual and back, formulas computed");
    },
    download: () => {
      // The pane's engine must have what the blob anchor needs; whether WPS then saves it is for the user to see.
      const u = typeof URL === "undefined" ? undefined : (URL as { createObjectURL?: unknown }).createObjectURL;
      expectThat(
        typeof Blob === "function" && typeof u === "function",
        "Blob or URL.createObjectURL missing: the Word file cannot be saved from this pane",
      );
      return ok(`${env.download}; whether WPS saves it shows only on screen (README checklist)`);
    },
    cleanup: () =>
      quiet(() => {
        for (const n of [SCRATCH, LINKED]) if (exists(n)) sheet(n).Delete();
        return ok("Worksheet.Delete (DisplayAlerts off)");
      }),
  };

  const lines = await runChecks(checks);
  if (lines.some((l) => l.status === "failed"))
    try {
      quiet(() => {
        for (const n of [SCRATCH, LINKED]) if (exists(n)) sheet(n).Delete();
      });
    } catch {
      // The next run's read cleans up ~jx sheets.
    }
  const extra = app as unknown as { Build?: unknown; Version?: unknown; Name?: unknown };
  const environment: Array<[string, string]> = [
    ["Host", String(extra.Name ?? "WPS 表格")],
    ["Version", String(extra.Version ?? "?")],
    ["Build", String(extra.Build ?? "?")],
    ["Engine", typeof navigator === "undefined" ? "?" : navigator.userAgent],
    ["Platform", typeof navigator === "undefined" ? "?" : navigator.platform],
  ];
  return { host: "wps", environment, lines, at: new Date().toISOString() };
}

/** The probes asked again (a self-test must not trust a remembered answer), and remembered anew. */
function probeOnceMore(app: EtApplication, scratch: EtWorksheet) {
  forgetBehaviour(app);
  return probeBehaviour(app, scratch);
}
