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
import { INPUT_SHEETS } from "../../core/contract";
import type { SheetPlan, WorkbookPlan } from "../../core/plan";
import { quoteSheet } from "../../core/cells";
import { ALL_SHEETS, type SheetSelection, type WorkbookPort, blockCells } from "../../port/workbook";
import { type CellValue, MAX_SHEET_CELLS, type SheetCell, type SheetData, type WorkbookSnapshot } from "../../core/snapshot";
import { DEFAULT_REQUEST_BUDGET, RequestBudget, estimateBytes } from "./requestBudget";
import { type ApiSupport, Features, type SkippedFeature, hostApiSupport } from "./apiSupport";
import { writeSheet, writeSheetSettings, writeSizes } from "./writeSheet";
import type { LeftoverReport } from "../shared/ownedSheets";
import {
  type Commit,
  type LockVerdict,
  RUN_LOCK_NAME,
  type Step,
  assertFree,
  buildSteps,
  cleanupSteps,
  isCommitted,
  holdsLock,
  judgeLock,
  lockStep,
  parseLock,
  recoverySteps,
  sheetsToRead,
  startCommit,
  swapSteps,
  userSheets,
} from "../shared/commitProtocol";
import { rectA1, runs } from "../shared/planRects";
import { columnLetter } from "../../core/cells";
import { isErrorText } from "../../port/errorValues";

export interface OfficeJsOptions {
  /** Bytes per request (tests lower it to exercise chunking). */
  requestBudget?: number;
  /** Bytes per read response (tests lower it to exercise row blocks). */
  responseBudget?: number;
  /** The temporary-name tag (tests fix it); random by default. */
  tag?: string;
  /** Which ExcelApi sets the host has (tests simulate older hosts); office.js's answer by default. */
  apiSupport?: ApiSupport;
  /** The time in ms (tests age run locks); Date.now by default. */
  clock?: () => number;
}

/** Where a sheet name appears in an office.js address: `Sheet1!A1:C9`, `'My sheet'!B2`. */
function parseRangeAddress(address: string): { row: number; col: number } {
  const ref = address.slice(address.lastIndexOf("!") + 1).split(":")[0];
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
  if (!m) throw new Error(`unexpected range address ${address}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

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
const FIRST_BLOCK_ROWS = 10_240;
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
    // error (a typed #N/A) is recognised by its text instead (isErrorText).
    if (type === "Formulas") special.areas.load("items/address,items/values,items/numberFormat,items/valueTypes");
    else special.areas.load("items/address,items/values,items/numberFormat");
    return special;
  });
}

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
    const isError = (v: unknown, r: number, c: number) => (types ? types[r][c] === "Error" : isErrorText(v));
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
function rowSpan(address: string): { first: number; last: number } {
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
    // The run lock travels with the first round trip.
    const lock = this.queueLock();
    // All sheets: the template's are asked for with the sheet list, in the first round trip; the
    // others (a workbook of official forms) take one more. A template workbook reads in one.
    const first = which === ALL_SHEETS ? INPUT_SHEETS : which;
    const sheets = await this.readSheets(first);
    await this.judgeLock(lock);
    let sheetNames = worksheets.items.map((w) => w.name);
    // An interrupted earlier run's `~jx…` sheets, or its stale lock: cleaned up first (one more
    // round trip, only then) — never while a live run holds them.
    const cleanup = cleanupSteps(sheetNames, this.lockSeen?.verdict ?? { state: "free" });
    if (cleanup) {
      await this.runSteps(cleanup.steps);
      this.leftovers = cleanup.report;
      this.lockSeen = { exists: false, verdict: { state: "free" } };
      worksheets.load("items/name");
      await context.sync();
      sheetNames = worksheets.items.map((w) => w.name);
      // A restored owned sheet is never an input; an input sheet is never a leftover: `sheets` stands.
    }
    if (which === ALL_SHEETS) {
      const rest = sheetsToRead(ALL_SHEETS, sheetNames).filter((n) => !(n in sheets));
      if (rest.length) Object.assign(sheets, await this.readSheets(rest));
    }
    this.knownSheets = sheetNames;
    // A live run's temporary sheets are not the user's: left out of what the engine sees.
    return { sheetNames: userSheets(sheetNames), sheets };
  }

  /** The run lock as the last read (or apply) found it. */
  private lockSeen?: { exists: boolean; verdict: LockVerdict };

  /** Queues the load of the run lock's name. */
  private queueLock(): Excel.NamedItem {
    const item = this.context.workbook.names.getItemOrNullObject(RUN_LOCK_NAME);
    item.load("formula");
    return item;
  }

  /** Judges the loaded lock (loaded again, one more round trip, if the sync that carried it failed). */
  private async judgeLock(item: Excel.NamedItem): Promise<void> {
    let exists: boolean;
    let formula: string | null = null;
    try {
      exists = !item.isNullObject;
      if (exists) formula = item.formula;
    } catch {
      const again = this.queueLock();
      await this.context.sync();
      exists = !again.isNullObject;
      if (exists) formula = again.formula;
    }
    this.lockSeen = { exists, verdict: judgeLock(exists ? parseLock(formula) : null, this.now()) };
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
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
    const seen = this.lockSeen ?? { exists: false, verdict: { state: "free" } };
    // Another run (the ribbon, another pane) is writing: refuse before touching anything.
    assertFree(seen.verdict);
    const commit = startCommit(plan, existing, tag, "excel");
    const features = new Features(this.supports);
    // Before ExcelApi 1.9 (no Range.copyFrom): owned sheets get the plan written onto them directly.
    const copy = this.supports("1.9");
    const suspend = () => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      if (copy) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    };
    let locked = false;
    const budget = new RequestBudget(this.options.requestBudget ?? DEFAULT_REQUEST_BUDGET, async () => {
      await context.sync();
      suspend();
      // Every request of the run renews the lock: a long run is never taken for a crashed one.
      if (locked) this.queueStep(lockStep(commit, this.now(), true));
    });
    this.namesBefore = undefined;
    const worksheets = context.workbook.worksheets;
    const oldNames = context.workbook.names;

    let swapping = false;
    try {
      // Request 1: the lock, every sheet built complete under its temporary name; the names listed.
      suspend();
      oldNames.load("items/name,items/formula");
      for (const step of buildSteps(commit, plan, this.now(), seen.exists)) {
        // Writes go through getItem: the object add() returns is invalid after a sync (a budget flush).
        if (step.kind === "write") {
          await writeSheet(worksheets.getItem(step.sheet), plan.sheets[step.index], commit.renames, budget, step.settings, features);
        } else this.queueStep(step);
        if (step.kind === "lock") locked = true;
      }
      await context.sync();
      this.lastChunkSyncs = budget.flushes;
      const namesBefore = new Map(oldNames.items.filter((n) => n.name !== RUN_LOCK_NAME).map((n) => [n.name.toLowerCase(), n.formula]));
      this.namesBefore = namesBefore;

      // Request 2: new sheets take their names; each owned sheet is backed up and updated in place;
      // the names; temps and backups deleted last (so a failure before that point can still roll
      // back); the lock released.
      swapping = true;
      suspend();
      for (const step of swapSteps(commit, plan, namesBefore)) {
        if (step.kind === "overwrite") await this.overwrite(step, plan.sheets[step.index], budget, features, copy);
        else this.queueStep(step);
      }
      await context.sync();
      this.knownSheets = undefined;
      this.lockSeen = undefined;
      this.skipped = features.skipped;
    } catch (err) {
      this.knownSheets = undefined;
      this.lockSeen = undefined;
      await this.recover(plan, commit, existing, swapping).catch(() => undefined);
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

  /** Queues a step that is one command or two (everything but writes, overwrites and restores). */
  private queueStep(step: Step): void {
    const { worksheets, names } = this.context.workbook;
    switch (step.kind) {
      case "lock":
        if (step.exists) names.getItem(RUN_LOCK_NAME).formula = step.formula;
        // Hidden: the user's Name Manager never lists it.
        else names.add(RUN_LOCK_NAME, step.formula).visible = false;
        return;
      case "unlock":
        names.getItem(RUN_LOCK_NAME).delete();
        return;
      case "add":
        worksheets.add(step.sheet);
        return;
      case "rename":
        worksheets.getItem(step.from).name = step.to;
        return;
      case "backup":
        worksheets.getItem(step.sheet).copy("End").name = step.as;
        return;
      case "setName":
        if (step.exists) names.getItem(step.name).formula = step.formula;
        else names.add(step.name, step.formula);
        return;
      case "deleteName":
        names.getItem(step.name).delete();
        return;
      case "activate":
        worksheets.getItem(step.sheet).activate();
        return;
      case "delete":
        worksheets.getItem(step.sheet).delete();
        return;
      default:
        throw new Error(`not a queued step: ${step.kind}`);
    }
  }

  /** Runs steps (cleanup, recovery): the queued ones in one round trip, then the restores. */
  private async runSteps(steps: readonly Step[]): Promise<void> {
    const restores: Array<{ name: string; backup: string }> = [];
    for (const step of steps) {
      if (step.kind === "restore") restores.push({ name: step.sheet, backup: step.backup });
      else this.queueStep(step);
    }
    await this.context.sync();
    await this.restoreFromBackups(restores);
  }

  /**
   * An owned sheet updated in place from its temporary sheet: cleared, sizes back to standard, the
   * plan's area copied over (a bounded rectangle: Excel on the web refuses copies over 33,554,000
   * cells, and whether a copy carries widths and heights is undocumented), then the plan's column
   * widths and row heights written explicitly, then its settings.
   */
  private async overwrite(
    step: Extract<Step, { kind: "overwrite" }>,
    sheet: SheetPlan,
    budget: RequestBudget,
    features: Features,
    copy: boolean,
  ): Promise<void> {
    const ws = this.context.workbook.worksheets.getItem(step.sheet);
    clearInPlace(ws, copy);
    // Before ExcelApi 1.9 (no copyFrom): the plan written onto the sheet itself.
    if (!copy) return writeSheet(ws, sheet, new Map(), budget, true, features);
    if (step.area) {
      const area = rectA1(step.area);
      await budget.reserve(estimateBytes(["copyFrom", step.from, area]));
      ws.getRange(area).copyFrom(`${quoteSheet(step.from)}!${area}`, "All");
    }
    await writeSizes(ws, sheet, budget);
    // The other sheets have their final names by now: formulas name them as they are.
    await writeSheetSettings(ws, sheet, budget, features);
  }

  /** Sheet names from the last read in this context, or read now (with the run lock). */
  private async sheetNames(): Promise<string[]> {
    if (this.knownSheets) return this.knownSheets;
    const worksheets = this.context.workbook.worksheets;
    worksheets.load("items/name");
    const lock = this.queueLock();
    await this.context.sync();
    await this.judgeLock(lock);
    return worksheets.items.map((w) => w.name);
  }

  /**
   * Puts the workbook back as it was (recoverySteps): added sheets deleted, names as they were,
   * owned sheets restored from their backups in place, the lock released. Once the temporary copies
   * of owned sheets are being deleted, every owned sheet holds its new content: the run is finished.
   */
  private async recover(plan: WorkbookPlan, commit: Commit, existing: readonly string[], swapping: boolean): Promise<void> {
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    const names = context.workbook.names;
    worksheets.load("items/name");
    names.load("items/name,items/formula");
    await context.sync();
    const now = worksheets.items.map((w) => w.name);
    const locked = holdsLock(commit, names.items.find((n) => n.name === RUN_LOCK_NAME)?.formula);
    const namesNow = new Map(names.items.filter((n) => n.name !== RUN_LOCK_NAME).map((n) => [n.name.toLowerCase(), n.formula]));
    const committed = swapping && isCommitted(commit, now);
    const steps = recoverySteps(commit, plan, existing, now, committed, this.namesBefore, namesNow);
    // The lock may not have been taken (the first request failed before it), or be another run's.
    await this.runSteps(steps.filter((s) => s.kind !== "unlock" || locked));
  }

  /**
   * Each owned sheet made again what its backup holds, in place, the backups deleted: cleared, the
   * backup's used area copied over (bounded), its column widths and row heights written explicitly
   * (loaded from the backup: a range copy need not carry them; widths of the first SIZED_COLUMNS
   * columns and of the used area, heights of the used rows — a size the user gave an empty row below
   * it, or a column beyond, is not put back), its page setup, panes, tab colour and page breaks. Runs only after a failure or an interrupted run: its round trips do not count.
   */
  private async restoreFromBackups(pairs: ReadonlyArray<{ name: string; backup: string }>): Promise<void> {
    if (pairs.length === 0) return;
    const context = this.context;
    const worksheets = context.workbook.worksheets;
    if (!this.supports("1.9")) return this.restoreCells(pairs);
    const loaded = pairs.map(({ backup }) => {
      const ws = worksheets.getItem(backup);
      return { settings: loadSettings(ws), used: ws.getUsedRangeOrNullObject(false).load("address") };
    });
    await context.sync();
    const areas = loaded.map(({ used }) => (used.isNullObject ? null : rectOf(used.address)));
    const sizes = await loadSizes(
      context,
      // A width alone does not extend the used range: the first SIZED_COLUMNS columns are asked for
      // whatever it is (office.js cannot list the columns that have a width of their own).
      pairs.map(({ backup }, i) => ({
        ws: worksheets.getItem(backup),
        rows: areas[i]?.r2 ?? 0,
        cols: Math.max(areas[i]?.c2 ?? 0, SIZED_COLUMNS),
      })),
      this.options.requestBudget ?? DEFAULT_REQUEST_BUDGET,
    );
    pairs.forEach(({ name, backup }, i) => {
      const ws = worksheets.getItem(name);
      clearInPlace(ws, true);
      const a = areas[i];
      if (a) {
        const area = rectA1({ r1: 1, c1: 1, r2: a.r2, c2: a.c2 });
        ws.getRange(area).copyFrom(`${quoteSheet(backup)}!${area}`, "All");
      }
      applySizes(ws, sizes[i]);
      applySettings(ws, loaded[i].settings);
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
   * the only copy), every other `~jx…` sheet deleted, a stale run lock released (cleanupSteps).
   * Nothing while a live run holds the workbook.
   */
  async cleanLeftovers(): Promise<LeftoverReport> {
    const worksheets = this.context.workbook.worksheets;
    worksheets.load("items/name");
    const lock = this.queueLock();
    await this.context.sync();
    await this.judgeLock(lock);
    const cleanup = cleanupSteps(
      worksheets.items.map((w) => w.name),
      this.lockSeen?.verdict ?? { state: "free" },
    );
    if (!cleanup) return { restored: [], removed: [] };
    await this.runSteps(cleanup.steps);
    this.knownSheets = undefined;
    this.lockSeen = { exists: false, verdict: { state: "free" } };
    this.leftovers = cleanup.report;
    return cleanup.report;
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

/**
 * Clears a sheet for an in-place update: cells, formats, merges, validations, panes, sizes back to
 * standard (ExcelApi 1.7), and with `breaks` its page breaks (1.9).
 */
function clearInPlace(ws: Excel.Worksheet, breaks: boolean): void {
  ws.getRange().clear("All");
  ws.freezePanes.unfreeze();
  if (breaks) ws.horizontalPageBreaks.removePageBreaks();
  const all = ws.getRange().format;
  all.useStandardWidth = true;
  all.useStandardHeight = true;
}

/** A sheet's non-standard column widths and row heights, in points: [index, points]. */
interface SheetSizes {
  widths: Array<[number, number]>;
  heights: Array<[number, number]>;
}

/** Columns whose widths a restore always reads back (an output sheet's are far fewer). */
const SIZED_COLUMNS = 64;

/** Size loads per round trip (a column or a row each): about 1 MB of request. */
const SIZE_LOADS_PER_SYNC = 4000;

/** The widths of columns 1..cols and heights of rows 1..rows of each sheet, loaded one by one. */
async function loadSizes(
  context: Excel.RequestContext,
  sheets: ReadonlyArray<{ ws: Excel.Worksheet; rows: number; cols: number }>,
  budgetBytes: number,
): Promise<SheetSizes[]> {
  const perSync = Math.max(100, Math.min(SIZE_LOADS_PER_SYNC, Math.floor(budgetBytes / 256)));
  let queued = 0;
  const tick = async () => {
    if (++queued % perSync === 0) await context.sync();
  };
  const loaded: Array<{ cols: Excel.RangeFormat[]; rows: Excel.RangeFormat[] }> = [];
  for (const { ws, rows, cols } of sheets) {
    const entry: (typeof loaded)[number] = { cols: [], rows: [] };
    loaded.push(entry);
    for (let c = 1; c <= cols; c++) {
      entry.cols.push(ws.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.load("columnWidth,useStandardWidth"));
      await tick();
    }
    for (let r = 1; r <= rows; r++) {
      entry.rows.push(ws.getRange(`${r}:${r}`).format.load("rowHeight,useStandardHeight"));
      await tick();
    }
  }
  await context.sync();
  return loaded.map(({ cols, rows }) => ({
    widths: cols.flatMap((f, i): Array<[number, number]> => (f.useStandardWidth ? [] : [[i + 1, f.columnWidth]])),
    heights: rows.flatMap((f, i): Array<[number, number]> => (f.useStandardHeight ? [] : [[i + 1, f.rowHeight]])),
  }));
}

/** Queues loaded sizes onto `ws` (runs of equal sizes as one range). */
function applySizes(ws: Excel.Worksheet, sizes: SheetSizes): void {
  for (const [c1, c2, w] of runs(sizes.widths)) ws.getRange(`${columnLetter(c1)}:${columnLetter(c2)}`).format.columnWidth = w;
  for (const [r1, r2, h] of runs(sizes.heights)) ws.getRange(`${r1}:${r2}`).format.rowHeight = h;
}
