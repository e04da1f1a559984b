/**
 * The one switch between hosts. The pane, its actions and the ribbon commands speak to a
 * PaneHost; the Excel host runs office.js (one Excel.run batch per action, the office.js
 * adapter), the WPS host (src/wps/wpsHost.ts) the ET object model behind `window.Application`.
 * Everything above this line — the core, the pane UI, its locales — is shared.
 */
import type { SkippedFeature } from "../adapters/officejs/apiSupport";
import { OfficeJsWorkbook } from "../adapters/officejs/officeWorkbook";
import type { LeftoverReport } from "../adapters/shared/ownedSheets";
import { a1 } from "../core/cells";
import type { CellRef } from "../core/problems";
import type { WorkbookPort } from "../port/workbook";
import { type SaveWay, saveFile } from "../adapters/shared/download";
import { officeSaveHost } from "../adapters/officejs/saveHost";
import { excelSelfTest } from "../adapters/officejs/selfTest";
import { hostApiSupport } from "../adapters/officejs/apiSupport";
import type { SelfTestReport } from "../adapters/shared/selfTest";

/** A port, and what an adapter may add: the cleanup after an interrupted earlier run. */
export interface HostWorkbook extends WorkbookPort {
  leftovers?: LeftoverReport;
  cleanLeftovers?: () => Promise<LeftoverReport>;
  /** What this host's API version could not write in the last apply (older Excel, see apiSupport); absent: nothing. */
  skipped?: SkippedFeature[];
}

/** What the pane learns of a change. */
export interface SheetChange {
  /** The add-in's own write (a run of this pane or of a ribbon command), as the host reports it. */
  own: boolean;
}

export interface PaneHost {
  readonly kind: "excel" | "wps";
  /** Runs `work` against the open workbook (Excel: inside one Excel.run batch). */
  workbook<T>(work: (port: HostWorkbook) => Promise<T>): Promise<T>;
  /** Activates the cell's sheet and selects the cell. */
  selectCell(ref: CellRef): Promise<void>;
  /**
   * Calls `onChange` when a sheet changes — `own` when the host says the add-in itself made the
   * change (Excel's triggerSource, ExcelApi 1.14; false where the host cannot tell); resolves to a
   * stop function, or null without such an event.
   */
  onChanged(onChange: (change: SheetChange) => void): Promise<(() => Promise<void>) | null>;
  /** Saves a file the user downloads (the Word report). */
  saveFile(bytes: Uint8Array, name: string): SaveWay;
  /** The UI language the host reports, when it does (i18n.messagesFor). */
  displayLanguage(): string | undefined;
  /** The self-test (诊断, selfTest.ts): every host API the adapters use, on a scratch sheet. */
  selfTest?(): Promise<SelfTestReport>;
}

/**
 * office.js's Excel.run (the playground and the tests pass their fake); with `context`, the batch
 * runs on that context (`Excel.run(context, batch)`: how an event handler is removed).
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, context?: Excel.RequestContext) => Promise<T>;

/**
 * Where the host has it (ExcelApi 1.11), a batch started while the user edits a cell waits for the
 * edit to end instead of failing with InvalidOperationInCellEditMode.
 */
export const excelRun: ExcelRun = (batch, context) =>
  context
    ? Excel.run(context, batch)
    : Office.context?.requirements?.isSetSupported("ExcelApi", "1.11")
      ? Excel.run({ delayForCellEdit: true }, batch)
      : Excel.run(batch);

export function excelHost(run: ExcelRun = excelRun): PaneHost {
  return {
    kind: "excel",
    workbook: (work) => run((context) => work(new OfficeJsWorkbook(context))),
    selectCell: (ref) =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(ref.sheet);
        ws.activate();
        ws.getRange(a1(ref.row, ref.col)).select();
        await context.sync();
      }),
    // ExcelApi 1.9 `worksheets.onChanged`; null where the host has no such event. Excel fires it for
    // the add-in's own writes too; triggerSource (1.14) says which those are.
    onChanged: async (onChange) => {
      try {
        const handler = await run(async (context) => {
          const result = context.workbook.worksheets.onChanged.add(async (e) => onChange({ own: e?.triggerSource === "ThisLocalAddin" }));
          await context.sync();
          return result;
        });
        // Removed the documented way: inside Excel.run on the context it was added with, then synced.
        return async () => {
          await run(async (context) => {
            handler.remove();
            await context.sync();
          }, handler.context as Excel.RequestContext).catch(() => undefined);
        };
      } catch {
        return null;
      }
    },
    saveFile: (bytes, name) => saveFile(bytes, name, officeSaveHost()),
    displayLanguage: () => (globalThis as { Office?: typeof Office }).Office?.context?.displayLanguage,
    selfTest: () =>
      run((context) =>
        excelSelfTest(context, { supports: hostApiSupport(), environment: officeEnvironment(), saveHost: officeSaveHost() }),
      ),
  };
}

/** What office.js says about the host, for the self-test's report. */
export function officeEnvironment(): Array<[string, string]> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const c = office?.context;
  const d = c?.diagnostics;
  return [
    ["Host", String(d?.host ?? c?.host ?? "Excel")],
    ["Version", String(d?.version ?? "?")],
    ["Platform", String(d?.platform ?? c?.platform ?? "?")],
    ["Language", String(c?.displayLanguage ?? "?")],
    ["OpenBrowserWindowApi 1.1", c?.requirements?.isSetSupported?.("OpenBrowserWindowApi", "1.1") ? "yes" : "no"],
  ];
}

/** The actions' last argument: a host, or (tests, playground) a bare Excel.run. */
export type HostOrRun = PaneHost | ExcelRun;

export function asHost(h: HostOrRun | undefined): PaneHost {
  if (h === undefined) return excelHost();
  return typeof h === "function" ? excelHost(h) : h;
}
