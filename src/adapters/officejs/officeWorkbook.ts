/**
 * The office.js adapter: the WorkbookPort inside Excel. `read` is one round trip (of non-empty cells only); `apply` is two
 * (build everything under temporary sheet names, then swap them in), plus one per 4 MB of payload
 * beyond the first (Excel on the web rejects requests over 5 MB).
 *
 * No data loss: hosts below ExcelApi 1.19 cannot undo add-in writes, so nothing the user owns is
 * touched until the new sheets are complete. Old same-named sheets are renamed to backups, the
 * new ones renamed into place, and the backups deleted last; any failure rolls back to the
 * workbook as it was.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../core/contract";
import type { WorkbookPlan } from "../../core/plan";
import {
  ALL_SHEETS,
  type CellValue,
  MAX_SHEET_CELLS,
  type SheetCell,
  type SheetData,
  type SheetSelection,
  type WorkbookPort,
  type WorkbookSnapshot,
  blockCells,
} from "../../port/workbook";
import { DEFAULT_REQUEST_BUDGET, RequestBudget } from "./requestBudget";
import { writeSheet } from "./writeSheet";

export interface OfficeJsOptions {
  /** Bytes per request (tests lower it to exercise chunking). */
  requestBudget?: number;
  /** The temporary-name tag (tests fix it); random by default. */
  tag?: string;
}

/** Where a sheet name appears in an office.js address: `Sheet1!A1:C9`, `'My sheet'!B2`. */
export function parseRangeAddress(address: string): { row: number; col: number } {
  const ref = address.slice(address.lastIndexOf("!") + 1).split(":")[0];
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) throw new Error(`unexpected range address ${address}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** Temporary and backup names for a run: short, unlikely to clash, valid as sheet names. */
export function tempNames(count: number, tag: string): Array<{ temp: string; backup: string }> {
  return Array.from({ length: count }, (_, i) => ({ temp: `~jx${tag}n${i}`, backup: `~jx${tag}o${i}` }));
}

export class OfficeJsWorkbook implements WorkbookPort {
  /** Extra syncs the last apply made to stay under the request limit. */
  lastChunkSyncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: OfficeJsOptions = {},
  ) {}

  /**
   * One round trip (two for ALL_SHEETS: the names first). Only non-empty cells travel: each sheet's
   * used range of values (formatting alone does not extend it) is narrowed to its constants and
   * its formulas (getSpecialCells, ExcelApi 1.9), whose areas are loaded with values and formats.
   * A stray value at XFD1048576 adds one one-cell area, not a 17-billion-cell rectangle.
   */
  async read(which: SheetSelection): Promise<WorkbookSnapshot> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    // All sheets: the template's are asked for with the sheet list, in the first round trip; the
    // others (a workbook of official forms) take one more. A template workbook reads in one.
    const first = which === ALL_SHEETS ? INPUT_SHEETS : which;
    const sheets = await this.readSheets(first);
    if (which === ALL_SHEETS) {
      const rest = worksheets.items.map((w) => w.name).filter((n) => !(n in sheets) && !(OUTPUT_SHEETS as readonly string[]).includes(n));
      if (rest.length) Object.assign(sheets, await this.readSheets(rest));
    }
    return { sheetNames: worksheets.items.map((w) => w.name), sheets };
  }

  /** Every named sheet's used range, in one round trip; missing sheets are left out. */
  private async readSheets(names: readonly string[]): Promise<Record<string, SheetData>> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    const requested = names.map((name) => {
      const sheet = worksheets.getItemOrNullObject(name);
      // A null sheet gives a null used range and null special cells: all known after the one sync.
      const used = sheet.getUsedRangeOrNullObject(true);
      const parts = (["Constants", "Formulas"] as const).map((type) => {
        const special = used.getSpecialCellsOrNullObject(type);
        special.load("cellCount");
        special.areas.load("items/address,items/values,items/numberFormat,items/valueTypes");
        return special;
      });
      return { name, sheet, parts };
    });
    await context.sync();

    const sheets: Record<string, SheetData> = {};
    for (const { name, sheet, parts } of requested) {
      if (sheet.isNullObject) continue;
      const found = parts.filter((p) => !p.isNullObject);
      const count = found.reduce((n, p) => n + p.cellCount, 0);
      const cells: SheetCell[] = [];
      for (const area of found.flatMap((p) => p.areas.items)) {
        const start = parseRangeAddress(area.address);
        const types = area.valueTypes;
        const values: CellValue[][] = area.values.map((row, r) =>
          row.map((v, c) => (types[r][c] === "Error" ? { error: String(v) } : v === "" ? null : (v as CellValue))),
        );
        cells.push(...blockCells(values, start.row, start.col, (r, c) => String(area.numberFormat[r][c] ?? "General")));
      }
      // Constants and formulas come as separate areas: back to row-major order.
      cells.sort((a, b) => a.row - b.row || a.col - b.col);
      sheets[name] = count > MAX_SHEET_CELLS ? { name, cells: cells.slice(0, MAX_SHEET_CELLS), truncated: true } : { name, cells };
    }
    return sheets;
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.sheets.length === 0) return;
    const context = this.context;
    const tag = this.options.tag ?? Math.random().toString(36).slice(2, 8);
    const names = tempNames(plan.sheets.length, tag);
    const renames = new Map(plan.sheets.map((s, i) => [s.name, names[i].temp]));
    const suspend = () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
    };
    const budget = new RequestBudget(this.options.requestBudget ?? DEFAULT_REQUEST_BUDGET, async () => {
      await context.sync();
      suspend();
    });

    let hadOld: boolean[] = [];
    try {
      // Request 1: the sheet list, and every new sheet built under its temporary name.
      suspend();
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/position");
      // Every temp sheet exists before any formula that points across them is written.
      const added = names.map((n) => worksheets.add(n.temp));
      for (let i = 0; i < plan.sheets.length; i++) await writeSheet(added[i], plan.sheets[i], renames, budget);
      await context.sync();
      this.lastChunkSyncs = budget.flushes;

      // Request 2: the swap. Old sheets become backups, new ones take their names and places,
      // the backups go last (so a failure before that point can still roll back).
      const existing = new Map(worksheets.items.map((w) => [w.name.toLowerCase(), w.position]));
      const old = plan.sheets.map((s) => existing.get(s.name.toLowerCase()));
      hadOld = old.map((p) => p !== undefined);
      plan.sheets.forEach((s, i) => {
        if (old[i] !== undefined) worksheets.getItem(s.name).name = names[i].backup;
      });
      plan.sheets.forEach((s, i) => {
        const ws = worksheets.getItem(names[i].temp);
        ws.name = s.name;
        if (old[i] !== undefined) ws.position = old[i] as number;
      });
      if (plan.activate) worksheets.getItem(plan.activate).activate();
      plan.sheets.forEach((_, i) => {
        if (old[i] !== undefined) worksheets.getItem(names[i].backup).delete();
      });
      await context.sync();
    } catch (err) {
      await this.recover(plan, names, hadOld).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Puts the workbook back as it was: temporary sheets deleted, backups renamed back. If a backup
   * was already deleted the swap is past the point of no return, so it is finished instead.
   */
  private async recover(plan: WorkbookPlan, names: Array<{ temp: string; backup: string }>, hadOld: boolean[]): Promise<void> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const present = new Set(worksheets.items.map((w) => w.name.toLowerCase()));
    const has = (n: string) => present.has(n.toLowerCase());
    const backupsRenamed = plan.sheets.map((s, i) => has(names[i].backup));
    const tempsLeft = names.some((n) => has(n.temp));
    // Backups are deleted only after every temp took its final name: if no temp is left and an
    // old sheet's backup is gone, deletion had begun, so finish it; otherwise roll back.
    const committing = !tempsLeft && plan.sheets.some((_, i) => !backupsRenamed[i] && hadOld[i]);
    if (committing) {
      names.forEach((n) => has(n.backup) && worksheets.getItem(n.backup).delete());
    } else {
      const swapStarted = hadOld.length > 0;
      plan.sheets.forEach((s, i) => {
        if (has(names[i].temp)) worksheets.getItem(names[i].temp).delete();
        // A new sheet already renamed into place where there was no old one.
        else if (swapStarted && !hadOld[i] && has(s.name)) worksheets.getItem(s.name).delete();
        if (backupsRenamed[i]) {
          if (has(s.name)) worksheets.getItem(s.name).delete();
          worksheets.getItem(names[i].backup).name = s.name;
        }
      });
    }
    await context.sync();
  }
}
