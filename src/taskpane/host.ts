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
import { type SaveWay, officeSaveHost, saveFile } from "./download";

/** A port, and what an adapter may add: the cleanup after an interrupted earlier run. */
export interface HostWorkbook extends WorkbookPort {
  leftovers?: LeftoverReport;
  cleanLeftovers?: () => Promise<LeftoverReport>;
  /** What this host's API version could not write in the last apply (older Excel, see apiSupport); absent: nothing. */
  skipped?: SkippedFeature[];
}

export interface PaneHost {
  readonly kind: "excel" | "wps";
  /** Runs `work` against the open workbook (Excel: inside one Excel.run batch). */
  workbook<T>(work: (port: HostWorkbook) => Promise<T>): Promise<T>;
  /** Activates the cell's sheet and selects the cell. */
  selectCell(ref: CellRef): Promise<void>;
  /** Calls `onChange` when a sheet changes; resolves to a stop function, or null without such an event. */
  onChanged(onChange: () => void): Promise<(() => Promise<void>) | null>;
  /** Saves a file the user downloads (the Word report). */
  saveFile(bytes: Uint8Array, name: string): SaveWay;
  /** The UI language the host reports, when it does (i18n.messagesFor). */
  displayLanguage(): string | undefined;
}

/** office.js's Excel.run (the playground and the tests pass their fake). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Where the host has it (ExcelApi 1.11), a batch started while the user edits a cell waits for the
 * edit to end instead of failing with InvalidOperationInCellEditMode.
 */
export const excelRun: ExcelRun = (batch) =>
  Office.context?.requirements?.isSetSupported("ExcelApi", "1.11") ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch);

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
    // ExcelApi 1.9 `worksheets.onChanged`; null where the host has no such event.
    onChanged: async (onChange) => {
      try {
        const handler = await run(async (context) => {
          const result = context.workbook.worksheets.onChanged.add(async () => onChange());
          await context.sync();
          return result;
        });
        return async () => {
          handler.remove();
          await handler.context.sync().catch(() => undefined);
        };
      } catch {
        return null;
      }
    },
    saveFile: (bytes, name) => saveFile(bytes, name, officeSaveHost()),
    displayLanguage: () => (globalThis as { Office?: typeof Office }).Office?.context?.displayLanguage,
  };
}

/** The actions' last argument: a host, or (tests, playground) a bare Excel.run. */
export type HostOrRun = PaneHost | ExcelRun;

export function asHost(h: HostOrRun | undefined): PaneHost {
  if (h === undefined) return excelHost();
  return typeof h === "function" ? excelHost(h) : h;
}
