/**
 * The office.js adapter: the WorkbookPort inside Excel. `read` is one round trip (of non-empty cells only) up to
 * 10,240 rows a sheet, plus about one per 4 MB of response beyond (row blocks under Excel on the web's 5 MB
 * response limit); `apply` is two
 * (build every sheet complete under a temporary name, then put it in place), plus one per 4 MB of payload
 * beyond the first (Excel on the web rejects requests over 5 MB).
 *
 * Links survive: a sheet the add-in owns that already exists is updated in place (cleared, then the
 * temporary sheet copied over it), never deleted and re-added, so a user's `=评分结果!B4`, a defined
 * name or a chart series over it keeps pointing at it. Key figures also get workbook-level names.
 *
 * No data loss: hosts below ExcelApi 1.19 cannot undo add-in writes, so nothing the user owns is
 * touched until the new sheets are complete, and the final request first copies each owned sheet
 * to a backup. Any failure restores the owned sheets from their backups (in place) and removes
 * what was added; a run interrupted before it could do so leaves `~jx…` sheets, which the next
 * read (and the pane, when it opens) cleans up the same way.
 */
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../core/contract";
import type { DefinedName, WorkbookPlan } from "../../core/plan";
import { quoteSheet } from "../../core/cells";
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
import { type ApiSupport, Features, type SkippedFeature, hostApiSupport } from "./apiSupport";
import { writeSheet, writeSheetSettings } from "./writeSheet";
import { type LeftoverReport, backupName, leftoverKind, tempName } from "../shared/ownedSheets";
import { columnLetter } from "../../core/cells";

export interface OfficeJsOptions {
  /** Bytes per request (tests lower it to exercise chunking). */
  requestBudget?: number;
  /** Bytes per read response (tests lower it to exercise row blocks). */
  responseBudget?: number;
  /** The temporary-name tag (tests fix it); random by default. */
  tag?: string;
  /** Which ExcelApi sets the host has (tests simulate older hosts); office.js's answer by default. */
  apiSupport?: ApiSupport;
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

/** A whole sheet as a range address (what a sheet-wide copy takes). */
const wholeSheet = (name: string) => `${quoteSheet(name)}!A1:XFD1048576`;
const nameFormula = (n: DefinedName) => `=${quoteSheet(n.sheet)}!${n.address}`;

/** Sheet-level settings of a backup, loaded to put them back on the owned sheet. */
interface LoadedSettings {
  ws: Excel.Worksheet;
  layout: Excel.PageLayout;
  footer: Excel.HeaderFooter;
  printArea: Excel.RangeAreas;
  titleRows: Excel.Range;
  freeze: Excel.Range;
  breaks: Excel.PageBreakCollection;
}

const LAYOUT_PROPS =
  "orientation,paperSize,centerHorizontally,zoom,topMargin,bottomMargin,leftMargin,rightMargin,headerMargin,footerMargin";
const MARGINS = ["top", "bottom", "left", "right", "header", "footer"] as const;

/** 4 MB of values per read response: a margin under Excel on the web's 5 MB response limit. */
export const DEFAULT_RESPONSE_BUDGET = 4 * 1024 * 1024;
/** Rows the first read round trip asks for outright: a template of 10,000 lines reads in one. */
export const FIRST_BLOCK_ROWS = 10_240;
/** Bytes a cell is assumed to take on the wire until some are measured. */
const DEFAULT_BYTES_PER_CELL = 64;
const SPECIAL = ["Constants", "Formulas"] as const;
/** Excel reads at most 5 million cells at a time: a dense read (before ExcelApi 1.9) stops there. */
const MAX_READ_CELLS = 5_000_000;
const encoder = new TextEncoder();

/** A sheet being read in row blocks. */
interface SheetRead {
  name: string;
  /** Non-empty cells in the sheet (constants and formulas). */
  total: number;
  cells: SheetCell[];
  /** The used range's last row, read in the first round trip when it lies beyond the first rows. */
  tail: SheetCell[];
  /** The next row to read, and the last one the blocks read (the tail row excluded). */
  next: number;
  end: number;
  bytesPerCell: number;
  cellsPerRow: number;
  /** After a refused response: the most rows a block may have. */
  maxRows: number;
  /** Before ExcelApi 1.9: the used range's columns, read whole (empty cells travel too). */
  cols?: { c1: number; c2: number };
  /** Cells that travelled (dense reads stop at the 5-million-cell read cap). */
  sent: number;
}

/** Whether Excel refused a response as too large. */
function tooLarge(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return /ResponsePayloadSizeLimitExceeded/.test(`${e?.code ?? ""} ${e?.message ?? ""}`);
}

/** A queued block read: the constants' and formulas' areas (ExcelApi 1.9), or the block's whole range (older hosts). */
type Block = readonly Excel.RangeAreas[] | Excel.Range;
const BLOCK_PROPS = "address,values,numberFormat,valueTypes";

/** Queues the loads of a range's constants and formulas (getSpecialCells, ExcelApi 1.9). */
function queueBlock(range: Excel.Range): Excel.RangeAreas[] {
  return SPECIAL.map((type) => {
    const special = range.getSpecialCellsOrNullObject(type);
    // Value types only where errors are common (formulas): a fifth of a read's bytes. A constant
    // error (a typed #N/A) is recognised by its text instead (errorLiteral).
    if (type === "Formulas") special.areas.load("items/address,items/values,items/numberFormat,items/valueTypes");
    else special.areas.load("items/address,items/values,items/numberFormat");
    return special;
  });
}

/** Excel's error values, as values show them. */
const ERROR_LITERAL = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;

/** Before ExcelApi 1.9: every cell of the range, empty ones too. */
function queueDense(range: Excel.Range): Excel.Range {
  return range.load(BLOCK_PROPS);
}

/** The rectangle of an office.js address: `S!B2:H99`, `S!B2`. */
function rectOf(address: string): { r1: number; c1: number; r2: number; c2: number } {
  const parts = address.slice(address.lastIndexOf("!") + 1).split(":");
  const a = parseRangeAddress(parts[0]);
  const b = parseRangeAddress(parts[parts.length - 1]);
  return { r1: a.row, c1: a.col, r2: b.row, c2: b.col };
}

/** A loaded block's cells within rows from..to, the bytes they took and the cells that travelled. */
function collectBlock(parts: Block, from: number, to: number): { cells: SheetCell[]; bytes: number; sent: number } {
  const cells: SheetCell[] = [];
  let bytes = 0;
  let sent = 0;
  // Each area with whether its value types were loaded (constants' areas: no).
  const areas: Array<[Excel.Range, boolean]> = Array.isArray(parts)
    ? (parts as readonly Excel.RangeAreas[]).flatMap((p, i) =>
        p.isNullObject ? [] : p.areas.items.map((a): [Excel.Range, boolean] => [a, SPECIAL[i] === "Formulas"]),
      )
    : [[parts as Excel.Range, true]];
  for (const [area, typed] of areas) {
    const start = parseRangeAddress(area.address);
    const types = typed ? area.valueTypes : null;
    const isError = (v: unknown, r: number, c: number) =>
      types ? types[r][c] === "Error" : typeof v === "string" && ERROR_LITERAL.test(v);
    sent += area.values.length * (area.values[0]?.length ?? 0);
    bytes += 60 + encoder.encode(JSON.stringify([area.address, area.values, area.numberFormat, types ?? []])).length;
    const values: CellValue[][] = area.values.map((row, r) =>
      row.map((v, c) => (isError(v, r, c) ? { error: String(v) } : v === "" ? null : (v as CellValue))),
    );
    const found = blockCells(values, start.row, start.col, (r, c) => String(area.numberFormat[r][c] ?? "General"));
    for (const cell of found) if (cell.row >= from && cell.row <= to) cells.push(cell);
  }
  return { cells, bytes, sent };
}

/** Appends without spreading (a block can hold more cells than a call takes arguments). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/** The rows an office.js address spans: `S!A1:H99`, `S!B2`, `S!3:5`, `S!A:C`. */
export function rowSpan(address: string): { first: number; last: number } {
  const parts = address
    .slice(address.lastIndexOf("!") + 1)
    .replace(/\$/g, "")
    .split(":");
  const row = (p: string) => /\d+$/.exec(p)?.[0];
  const a = row(parts[0]);
  const b = row(parts[parts.length - 1]);
  return a && b ? { first: Number(a), last: Number(b) } : { first: 1, last: 1048576 };
}

export class OfficeJsWorkbook implements WorkbookPort {
  /** Extra syncs the last apply made to stay under the request limit. */
  lastChunkSyncs = 0;
  /** What the cleanup of an interrupted earlier run did (during read), if there was one. */
  leftovers?: LeftoverReport;
  /** The sheet names the last read saw (apply plans its writes on them: same context, same batch). */
  private knownSheets?: string[];
  /** The defined names' formulas before the current apply changed any (lower-case name → formula). */
  private namesBefore?: Map<string, string>;
  /** What the last apply left out because the host lacks its requirement set (the pane says so). */
  skipped: SkippedFeature[] = [];
  private readonly supports: ApiSupport;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: OfficeJsOptions = {},
  ) {
    this.supports = options.apiSupport ?? hostApiSupport();
  }

  /**
   * One round trip (two for ALL_SHEETS: the names first), plus row blocks for sheets beyond
   * FIRST_BLOCK_ROWS (see readSheets). Only non-empty cells travel: each sheet's
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
    let sheetNames = worksheets.items.map((w) => w.name);
    // An interrupted earlier run's `~jx…` sheets: cleaned up first (one more round trip, only then).
    if (sheetNames.some((n) => leftoverKind(n) !== null)) {
      await this.cleanLeftovers(sheetNames);
      worksheets.load("items/name");
      await context.sync();
      sheetNames = worksheets.items.map((w) => w.name);
      // A restored owned sheet is never an input; an input sheet is never a leftover: `sheets` stands.
    }
    if (which === ALL_SHEETS) {
      const rest = sheetNames.filter((n) => !(n in sheets) && !(OUTPUT_SHEETS as readonly string[]).includes(n));
      if (rest.length) Object.assign(sheets, await this.readSheets(rest));
    }
    this.knownSheets = sheetNames;
    return { sheetNames, sheets };
  }

  /**
   * Every named sheet's non-empty cells; missing sheets are left out. Each response stays under
   * Excel on the web's 5 MB limit (ResponsePayloadSizeLimitExceeded): the first round trip asks for
   * each sheet's used range, its cell counts, its first FIRST_BLOCK_ROWS rows and its last row (a
   * template-sized sheet, or one with a stray far cell, is complete after it); the rest comes in
   * row blocks sized from the counts and the bytes per cell measured so far, several sheets' blocks
   * per round trip up to the response budget. A response Excel still refuses is asked for again
   * in halves. Round trips grow with the data, not with the used range's extent.
   */
  private async readSheets(names: readonly string[]): Promise<Record<string, SheetData>> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    const budget = this.options.responseBudget ?? DEFAULT_RESPONSE_BUDGET;
    // Before ExcelApi 1.9 (no getSpecialCells): the used ranges first, then their cells in row blocks.
    const dense = !this.supports("1.9");
    const first = (speculative: boolean) =>
      names.map((name) => {
        const sheet = worksheets.getItemOrNullObject(name);
        // A null sheet gives a null used range and null special cells: all known after the one sync.
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("address");
        const counts = dense ? [] : SPECIAL.map((type) => used.getSpecialCellsOrNullObject(type).load("cellCount"));
        const head = speculative ? queueBlock(sheet.getRange(`1:${FIRST_BLOCK_ROWS}`)) : null;
        const tail = speculative ? queueBlock(used.getLastRow().getEntireRow()) : null;
        return { name, sheet, used, counts, head, tail };
      });
    this.readSyncs = 0;
    let requested = first(!dense);
    try {
      await this.readSync();
    } catch (err) {
      if (!tooLarge(err)) throw err;
      // The first rows were too large to send at once: counts first, then blocks sized from them.
      requested = first(false);
      await this.readSync();
    }

    const reads: SheetRead[] = [];
    const sheets: Record<string, SheetData> = {};
    for (const { name, sheet, used, counts, head, tail } of requested) {
      if (sheet.isNullObject) continue;
      const rows = used.isNullObject ? null : rowSpan(used.address);
      const rect = dense && !used.isNullObject ? rectOf(used.address) : null;
      // Dense: how many cells hold something is only known once read.
      const total = rect ? Infinity : counts.reduce((n, p) => n + (p.isNullObject ? 0 : p.cellCount), 0);
      const read: SheetRead = {
        name,
        total,
        cells: [],
        tail: [],
        next: 1,
        end: 0,
        bytesPerCell: DEFAULT_BYTES_PER_CELL,
        cellsPerRow: rect ? rect.c2 - rect.c1 + 1 : 0,
        maxRows: Infinity,
        cols: rect ? { c1: rect.c1, c2: rect.c2 } : undefined,
        sent: 0,
      };
      reads.push(read);
      if (!rows || total === 0) continue;
      read.next = rows.first;
      read.end = rows.last;
      if (head && tail) {
        const got = collectBlock(head, 1, FIRST_BLOCK_ROWS);
        append(read.cells, got.cells);
        if (got.sent) read.bytesPerCell = got.bytes / got.sent;
        if (rows.last > FIRST_BLOCK_ROWS) {
          read.tail = collectBlock(tail, rows.last, rows.last).cells;
          read.end = rows.last - 1;
        }
        read.next = Math.max(rows.first, FIRST_BLOCK_ROWS + 1);
      }
      if (read.cols) continue;
      const rest = read.end - read.next + 1;
      read.cellsPerRow = rest > 0 ? Math.max(read.total - read.cells.length - read.tail.length, 0) / rest : 0;
      if (read.cells.length) read.cellsPerRow = Math.max(read.cellsPerRow, read.cells.length / Math.min(FIRST_BLOCK_ROWS, rows.last));
    }

    const pending = () =>
      reads.filter(
        (r) => r.next <= r.end && r.cells.length + r.tail.length < r.total && r.cells.length < MAX_SHEET_CELLS && r.sent < MAX_READ_CELLS,
      );
    for (let waiting = pending(); waiting.length; waiting = pending()) {
      let left = budget;
      const batch: Array<{ read: SheetRead; from: number; to: number; parts: Block }> = [];
      for (const read of waiting) {
        if (batch.length && left < budget / 8) break;
        const restRows = read.end - read.next + 1;
        const remaining = read.total - read.cells.length - read.tail.length;
        const perRow = read.bytesPerCell * Math.max(read.cellsPerRow, 1e-6);
        let rows = remaining * read.bytesPerCell <= left ? restRows : Math.max(1, Math.floor(left / perRow));
        rows = Math.min(rows, restRows, read.maxRows);
        left -= Math.min(remaining * read.bytesPerCell, rows * perRow);
        const from = read.next;
        const to = from + rows - 1;
        const sheet = worksheets.getItem(read.name);
        const c = read.cols;
        const parts = c
          ? queueDense(sheet.getRange(`${columnLetter(c.c1)}${from}:${columnLetter(c.c2)}${to}`))
          : queueBlock(sheet.getRange(`${from}:${to}`));
        batch.push({ read, from, to, parts });
      }
      try {
        await this.readSync();
      } catch (err) {
        // More bytes per row than measured so far: the same rows again, in halves.
        if (!tooLarge(err) || batch.every((b) => b.from === b.to)) throw err;
        for (const { read, from, to } of batch) read.maxRows = Math.max(1, Math.floor((to - from + 1) / 2));
        continue;
      }
      for (const { read, from, to, parts } of batch) {
        const got = collectBlock(parts, from, to);
        append(read.cells, got.cells);
        read.sent += got.sent;
        read.next = to + 1;
        const rows = to - from + 1;
        if (got.sent) read.bytesPerCell = Math.max(read.bytesPerCell * 0.5, got.bytes / got.sent);
        // A block sparser than expected (a gap) doubles the next one; a denser one shrinks it.
        if (!read.cols) read.cellsPerRow = Math.max(got.cells.length / rows, read.cellsPerRow / 2);
        if (read.maxRows !== Infinity) read.maxRows *= 2;
      }
    }

    for (const read of reads) {
      // The last row joins the others once every row before it is read (not when truncated).
      const complete = read.next > read.end || read.cells.length + read.tail.length >= read.total;
      const cells = complete ? [...read.cells, ...read.tail] : read.cells;
      // Constants and formulas come as separate areas: back to row-major order.
      cells.sort((a, b) => a.row - b.row || a.col - b.col);
      const name = read.name;
      const truncated = read.cols ? read.next <= read.end || cells.length > MAX_SHEET_CELLS : read.total > MAX_SHEET_CELLS;
      sheets[name] = truncated ? { name, cells: cells.slice(0, MAX_SHEET_CELLS), truncated: true } : { name, cells };
    }
    return sheets;
  }

  /** Round trips the last read made (the first included). */
  readSyncs = 0;

  private async readSync(): Promise<void> {
    this.readSyncs++;
    await this.context.sync();
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.sheets.length === 0) return;
    const context = this.context;
    const tag = this.options.tag ?? Math.random().toString(36).slice(2, 8);
    const existing = await this.sheetNames();
    const owned = plan.sheets.map((s) => existing.find((n) => n.toLowerCase() === s.name.toLowerCase()));
    const temps = plan.sheets.map((_, i) => tempName(tag, i));
    // Formulas point at the final names of sheets that exist (they stay, updated in place) and at
    // the temporary names of new ones (Excel carries those references along when they are renamed).
    const renames = new Map(plan.sheets.flatMap((s, i) => (owned[i] ? [] : [[s.name, temps[i]] as [string, string]])));
    const features = new Features(this.supports);
    // Before ExcelApi 1.9 (no Range.copyFrom): owned sheets get the plan written onto them directly.
    const copy = this.supports("1.9");
    const suspend = () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (copy) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    };
    const budget = new RequestBudget(this.options.requestBudget ?? DEFAULT_REQUEST_BUDGET, async () => {
      await context.sync();
      suspend();
    });
    const names = plan.names ?? [];
    this.namesBefore = undefined;
    const worksheets = context.workbook.worksheets;
    const oldNames = context.workbook.names;

    let swapping = false;
    try {
      // Request 1: every sheet built complete under its temporary name; the defined names listed.
      suspend();
      oldNames.load("items/name,items/formula");
      // Every temp sheet exists before any formula that points across them is written. Writes go
      // through getItem: the object add() returns is invalid after a sync (a budget flush).
      temps.forEach((t) => worksheets.add(t));
      const added = temps.map((t) => worksheets.getItem(t));
      for (let i = 0; i < plan.sheets.length; i++) await writeSheet(added[i], plan.sheets[i], renames, budget, !owned[i], features);
      await context.sync();
      this.lastChunkSyncs = budget.flushes;
      const before = new Map(oldNames.items.map((n) => [n.name.toLowerCase(), n]));
      this.namesBefore = new Map(oldNames.items.map((n) => [n.name.toLowerCase(), n.formula]));

      // Request 2: new sheets take their names; each owned sheet is backed up, cleared and gets the
      // temporary sheet's content copied over it, then its settings; the names; temps and backups
      // deleted last (so a failure before that point can still roll back).
      swapping = true;
      suspend();
      plan.sheets.forEach((s, i) => {
        if (!owned[i]) worksheets.getItem(temps[i]).name = s.name;
      });
      plan.sheets.forEach((s, i) => {
        if (owned[i]) worksheets.getItem(owned[i] as string).copy("End").name = backupName(tag, s.name);
      });
      for (let i = 0; i < plan.sheets.length; i++) {
        const name = owned[i];
        if (!name) continue;
        const ws = worksheets.getItem(name);
        ws.getRange().clear("All");
        ws.freezePanes.unfreeze();
        if (copy) {
          ws.horizontalPageBreaks.removePageBreaks();
          ws.getRange().copyFrom(wholeSheet(temps[i]), "All");
          await writeSheetSettings(ws, plan.sheets[i], budget, features);
          // The other sheets have their final names by now: formulas name them as they are.
        } else await writeSheet(ws, plan.sheets[i], new Map(), budget, true, features);
      }
      for (const n of names) {
        const old = before.get(n.name.toLowerCase());
        if (!old) oldNames.add(n.name, nameFormula(n));
        else if (old.formula !== nameFormula(n)) old.formula = nameFormula(n);
      }
      if (plan.activate) worksheets.getItem(plan.activate).activate();
      plan.sheets.forEach((s, i) => {
        if (owned[i]) worksheets.getItem(temps[i]).delete();
      });
      plan.sheets.forEach((s, i) => {
        if (owned[i]) worksheets.getItem(backupName(tag, s.name)).delete();
      });
      await context.sync();
      this.knownSheets = undefined;
      this.skipped = features.skipped;
    } catch (err) {
      this.knownSheets = undefined;
      await this.recover(plan, tag, existing, owned, swapping).catch(() => undefined);
      throw err;
    }
    await this.recalculate();
  }

  /** Recalculations the adapter asked for (one per apply). */
  recalculations = 0;

  /**
   * The writes went out under suspendApiCalculationUntilNextSync, and Microsoft documents that
   * recalculating afterwards is then the add-in's job: one recalculation (ExcelApi 1.1), in its own
   * round trip after the writes, so a user's `=评分结果!B16` shows the new figures. The run is
   * complete by then; a failure here leaves correct formulas that Excel recalculates on its own.
   */
  private async recalculate(): Promise<void> {
    this.recalculations++;
    this.context.workbook.application.calculate("Recalculate" as Excel.CalculationType.recalculate);
    await this.context.sync().catch(() => undefined);
  }

  /** Sheet names from the last read in this context, or read now. */
  private async sheetNames(): Promise<string[]> {
    if (this.knownSheets) return this.knownSheets;
    const worksheets = this.context.workbook.worksheets;
    worksheets.load("items/name");
    await this.context.sync();
    return worksheets.items.map((w) => w.name);
  }

  /**
   * Puts the workbook back as it was: owned sheets restored from their backups, temporary and
   * newly added sheets deleted, defined names as they were. Once the temporary copies of owned
   * sheets are being deleted, every owned sheet holds its new content: the run is finished instead.
   */
  private async recover(
    plan: WorkbookPlan,
    tag: string,
    existing: readonly string[],
    owned: Array<string | undefined>,
    swapping: boolean,
  ): Promise<void> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    const names = context.workbook.names;
    worksheets.load("items/name");
    names.load("items/name,items/formula");
    await context.sync();
    const now = worksheets.items.map((w) => w.name);
    const has = (n: string) => now.some((x) => x.toLowerCase() === n.toLowerCase());
    const before = new Set(existing.map((n) => n.toLowerCase()));
    // Every sheet this run added: temps, new sheets, backups, and a copy the failure left unnamed.
    const added = now.filter((n) => !before.has(n.toLowerCase()));
    const temps = plan.sheets.map((_, i) => tempName(tag, i));
    const committing = swapping && plan.sheets.some((_, i) => owned[i] && !has(temps[i]));
    if (committing) {
      const kept = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
      added.filter((n) => !kept.has(n.toLowerCase())).forEach((n) => worksheets.getItem(n).delete());
      await context.sync();
      return;
    }
    const restore: Array<{ name: string; backup: string }> = [];
    plan.sheets.forEach((s, i) => {
      if (owned[i] && has(backupName(tag, s.name))) restore.push({ name: owned[i] as string, backup: backupName(tag, s.name) });
    });
    const backups = new Set(restore.map((r) => r.backup.toLowerCase()));
    added.filter((n) => !backups.has(n.toLowerCase())).forEach((n) => worksheets.getItem(n).delete());
    // Names: the ones this run added go, the ones it repointed point back.
    const current = new Map(names.items.map((n) => [n.name.toLowerCase(), n]));
    for (const n of this.namesBefore ? (plan.names ?? []) : []) {
      const item = current.get(n.name.toLowerCase());
      const old = this.namesBefore?.get(n.name.toLowerCase());
      if (item && old === undefined) item.delete();
      else if (item && old !== undefined && item.formula !== old) item.formula = old;
    }
    await context.sync();
    await this.restoreFromBackups(restore);
  }

  /** Each owned sheet made again what its backup holds, in place; the backups deleted. */
  private async restoreFromBackups(pairs: ReadonlyArray<{ name: string; backup: string }>): Promise<void> {
    if (pairs.length === 0) return;
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    if (!this.supports("1.9")) return this.restoreCells(pairs);
    const loaded = pairs.map(({ backup }) => loadSettings(worksheets.getItem(backup)));
    await context.sync();
    pairs.forEach(({ name, backup }, i) => {
      const ws = worksheets.getItem(name);
      ws.getRange().clear("All");
      ws.freezePanes.unfreeze();
      ws.horizontalPageBreaks.removePageBreaks();
      ws.getRange().copyFrom(wholeSheet(backup), "All");
      applySettings(ws, loaded[i]);
      worksheets.getItem(backup).delete();
    });
    await context.sync();
  }

  /**
   * Before ExcelApi 1.9 (no Range.copyFrom): each owned sheet gets its backup's cells back — values,
   * formulas and number formats, in place so links hold — but not their formatting (a re-run redraws it).
   */
  private async restoreCells(pairs: ReadonlyArray<{ name: string; backup: string }>): Promise<void> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    const used = pairs.map(({ backup }) => worksheets.getItem(backup).getUsedRangeOrNullObject().load("address,formulas,numberFormat"));
    const tabs = pairs.map(({ backup }) => worksheets.getItem(backup).load("tabColor"));
    await context.sync();
    pairs.forEach(({ name, backup }, i) => {
      const ws = worksheets.getItem(name);
      ws.getRange().clear("All");
      ws.freezePanes.unfreeze();
      const u = used[i];
      if (!u.isNullObject) {
        const at = u.address.slice(u.address.lastIndexOf("!") + 1);
        ws.getRange(at).numberFormat = u.numberFormat;
        ws.getRange(at).formulas = u.formulas;
      }
      ws.tabColor = tabs[i].tabColor;
      worksheets.getItem(backup).delete();
    });
    await context.sync();
  }

  /**
   * Cleans up after a run that was interrupted before it could roll back (the pane closed, the
   * connection lost): each backup put back over its owned sheet (or renamed into place where it is
   * the only copy), every other `~jx…` sheet deleted. Reads the sheet list unless given it.
   */
  async cleanLeftovers(sheetNames?: readonly string[]): Promise<LeftoverReport> {
    const context = this.context;
    let names = sheetNames;
    if (!names) {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name");
      await context.sync();
      names = worksheets.items.map((w) => w.name);
    }
    const report: LeftoverReport = { restored: [], removed: [] };
    const leftovers = names.filter((n) => leftoverKind(n) !== null);
    if (leftovers.length === 0) return report;
    const worksheets = context.workbook.worksheets;
    const lower = new Set(names.map((n) => n.toLowerCase()));
    const restore: Array<{ name: string; backup: string }> = [];
    for (const n of leftovers) {
      const of = leftoverKind(n)?.backupOf;
      if (of && lower.has(of.toLowerCase())) restore.push({ name: of, backup: n });
      else if (of) {
        worksheets.getItem(n).name = of;
        lower.add(of.toLowerCase());
      } else worksheets.getItem(n).delete();
      if (of) report.restored.push(of);
      else report.removed.push(n);
    }
    await context.sync();
    await this.restoreFromBackups(restore);
    this.knownSheets = undefined;
    this.leftovers = report;
    return report;
  }
}

/** Queues the loads of a sheet's settings (page setup, freeze panes, tab colour, page breaks). */
function loadSettings(ws: Excel.Worksheet): LoadedSettings {
  const s: LoadedSettings = {
    ws,
    layout: ws.pageLayout,
    footer: ws.pageLayout.headersFooters.defaultForAllPages,
    printArea: ws.pageLayout.getPrintAreaOrNullObject(),
    titleRows: ws.pageLayout.getPrintTitleRowsOrNullObject(),
    freeze: ws.freezePanes.getLocationOrNullObject(),
    breaks: ws.horizontalPageBreaks,
  };
  ws.load("tabColor");
  s.layout.load(LAYOUT_PROPS);
  s.footer.load("centerFooter");
  s.printArea.load("address");
  s.titleRows.load("address");
  s.freeze.load("address");
  s.breaks.load("items/rowIndex");
  return s;
}

/** Queues the loaded settings onto `ws`. */
function applySettings(ws: Excel.Worksheet, s: LoadedSettings): void {
  const local = (address: string) => address.slice(address.lastIndexOf("!") + 1);
  ws.tabColor = s.ws.tabColor;
  const l = s.layout;
  if (l.orientation) ws.pageLayout.orientation = l.orientation;
  if (l.paperSize) ws.pageLayout.paperSize = l.paperSize;
  if (l.centerHorizontally !== undefined) ws.pageLayout.centerHorizontally = l.centerHorizontally;
  if (l.zoom) ws.pageLayout.zoom = l.zoom;
  const margins = Object.fromEntries(MARGINS.map((m) => [m, l[`${m}Margin`]]).filter(([, v]) => v !== undefined && v !== null));
  if (Object.keys(margins).length) ws.pageLayout.setPrintMargins("Points", margins);
  if (!s.printArea.isNullObject) ws.pageLayout.setPrintArea(local(s.printArea.address));
  if (!s.titleRows.isNullObject) ws.pageLayout.setPrintTitleRows(local(s.titleRows.address).replace(/\$?(\d+)/g, "$$$1"));
  ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = s.footer.centerFooter;
  if (!s.freeze.isNullObject) ws.freezePanes.freezeAt(local(s.freeze.address));
  for (const b of s.breaks.items) ws.horizontalPageBreaks.add(`A${b.rowIndex + 1}`);
}
