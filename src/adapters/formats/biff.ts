/**
 * The cells of a BIFF8 workbook stream (Excel 97–2003 .xls, and WPS's .et, which stores the same
 * records): values, the saved results of formulas and number formats — what the engine reads — and
 * nothing else. Every read is bounds-checked: a truncated or damaged stream throws BiffError, never
 * reads past its end. Formulas are kept as their saved results (BIFF stores every formula's result;
 * decoding the formula tokens back to text is not needed to score a form).
 *
 * Records and layouts: [MS-XLS] 2.4 (BOF, BoundSheet8, SST, Format, XF, LabelSst, Number, RK,
 * MulRk, BoolErr, Formula, String, Label, FilePass, Continue, EOF).
 */
import { MAX_SHEET_CELLS, type SheetCell, type SheetData, type WorkbookSnapshot } from "../../core/snapshot";
import { errorOfBiffCode } from "../../port/errorValues";
import { numberFormatCode } from "../xlsx/xlsxRead";

/** The stream is not a readable BIFF8 workbook (truncated, damaged, or an older BIFF). */
export class BiffError extends Error {}
/** The workbook is protected by a password (a FilePass record): its cells are encrypted. */
export class BiffEncryptedError extends Error {}

const R = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  FORMAT: 0x041e,
  XF: 0x00e0,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
  MERGEDCELLS: 0x00e5,
  COLINFO: 0x007d,
} as const;

/** A merged range, 1-based and inclusive: first row, first column, last row, last column. */
export type MergedRange = [number, number, number, number];

/** A snapshot as a file format holds it, with its merged cells (for writing its sheets out again). */
export interface ReadWorkbook extends WorkbookSnapshot {
  merges: Record<string, MergedRange[]>;
  /** Column widths in characters by column (1-based), where the file sets them. */
  widths?: Record<string, Record<number, number>>;
}

interface BiffRecord {
  type: number;
  data: Buffer;
  /** The record's offset in the stream (a sheet's BOF is found by it). */
  at: number;
}

/** The records from `start` to the next EOF (a substream), CONTINUE records kept in place. */
function* records(stream: Buffer, start: number): Generator<BiffRecord> {
  let at = start;
  while (at < stream.length) {
    if (at + 4 > stream.length) throw new BiffError("record header past the end");
    const type = stream.readUInt16LE(at);
    const size = stream.readUInt16LE(at + 2);
    if (at + 4 + size > stream.length) throw new BiffError("record past the end");
    yield { type, data: stream.subarray(at + 4, at + 4 + size), at };
    at += 4 + size;
    if (type === R.EOF) return;
  }
  throw new BiffError("no EOF record");
}

/** Reads a record's bytes with bounds checks; strings may continue into CONTINUE records. */
class Reader {
  private part = 0;
  pos = 0;
  constructor(private readonly parts: readonly Buffer[]) {}

  private get data(): Buffer {
    return this.parts[this.part];
  }
  private need(n: number): void {
    if (this.pos + n > this.data.length) {
      // A fixed-size field never straddles a CONTINUE boundary except at its very start.
      if (this.pos === this.data.length && this.part + 1 < this.parts.length) {
        this.part++;
        this.pos = 0;
        if (n <= this.data.length) return;
      }
      throw new BiffError("field past the end of its record");
    }
  }
  u8(): number {
    this.need(1);
    return this.data[this.pos++];
  }
  u16(): number {
    this.need(2);
    const v = this.data.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.data.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  skip(n: number): void {
    let left = n;
    while (left > 0) {
      if (this.pos === this.data.length) {
        if (this.part + 1 >= this.parts.length) throw new BiffError("skip past the end");
        this.part++;
        this.pos = 0;
      }
      const step = Math.min(left, this.data.length - this.pos);
      this.pos += step;
      left -= step;
    }
  }
  /** `count` characters, compressed (one byte each) or UTF-16LE; a CONTINUE restarts with its own flag byte. */
  chars(count: number, highByte: boolean): string {
    let out = "";
    let left = count;
    let wide = highByte;
    while (left > 0) {
      if (this.pos === this.data.length) {
        if (this.part + 1 >= this.parts.length) throw new BiffError("string past the end");
        this.part++;
        this.pos = 0;
        wide = (this.u8() & 0x01) !== 0;
      }
      const width = wide ? 2 : 1;
      const n = Math.min(left, Math.floor((this.data.length - this.pos) / width));
      if (n === 0) throw new BiffError("string split inside a character");
      const bytes = this.data.subarray(this.pos, this.pos + n * width);
      out += wide ? bytes.toString("utf16le") : bytes.toString("latin1");
      this.pos += n * width;
      left -= n;
    }
    return out;
  }
  /** XLUnicodeRichExtendedString (SST items) or, with `lengthBytes` 1/2, XLUnicodeString's plain forms. */
  string(lengthBytes: 1 | 2 = 2, rich = true): string {
    const count = lengthBytes === 1 ? this.u8() : this.u16();
    const flags = this.u8();
    const runs = rich && flags & 0x08 ? this.u16() : 0;
    const ext = rich && flags & 0x04 ? this.u32() : 0;
    const text = this.chars(count, (flags & 0x01) !== 0);
    this.skip(runs * 4 + ext);
    return text;
  }
}

/** An RK number: a 30-bit integer or the high bits of a double, optionally divided by 100. */
function rkValue(rk: number): number {
  const div100 = (rk & 0x01) !== 0;
  let value: number;
  if (rk & 0x02) value = rk >> 2;
  else {
    const buf = Buffer.alloc(8);
    buf.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    value = buf.readDoubleLE(0);
  }
  return div100 ? value / 100 : value;
}

interface Globals {
  sheets: Array<{ name: string; offset: number; worksheet: boolean }>;
  strings: string[];
  /** Number format code per XF index. */
  formats: string[];
}

function readGlobals(stream: Buffer): Globals {
  const first = records(stream, 0).next();
  if (first.done || first.value.type !== R.BOF || first.value.data.length < 4 || first.value.data.readUInt16LE(0) !== 0x0600)
    throw new BiffError("not a BIFF8 workbook stream");
  const sheets: Globals["sheets"] = [];
  let strings: string[] = [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let sst: Buffer[] | undefined;
  const finishSst = () => {
    if (!sst) return;
    const reader = new Reader(sst);
    reader.u32();
    const unique = reader.u32();
    const out: string[] = [];
    // A count larger than the record holds ends at the record's end (a damaged SST): the cells that
    // point past it read as #REF!, not as a crash.
    for (let i = 0; i < unique; i++) {
      try {
        out.push(reader.string());
      } catch (err) {
        if (err instanceof BiffError) break;
        throw err;
      }
    }
    strings = out;
    sst = undefined;
  };
  for (const rec of records(stream, 0)) {
    if (rec.type !== R.CONTINUE) finishSst();
    switch (rec.type) {
      case R.FILEPASS:
        throw new BiffEncryptedError("FILEPASS");
      case R.BOUNDSHEET: {
        const r = new Reader([rec.data]);
        const offset = r.u32();
        r.u8();
        const kind = r.u8();
        sheets.push({ name: r.string(1, false), offset, worksheet: kind === 0 });
        break;
      }
      case R.SST:
        sst = [rec.data];
        break;
      case R.CONTINUE:
        sst?.push(rec.data);
        break;
      case R.FORMAT: {
        const r = new Reader([rec.data]);
        const id = r.u16();
        custom.set(id, r.string(2, false));
        break;
      }
      case R.XF:
        if (rec.data.length < 4) throw new BiffError("short XF record");
        xfFormats.push(rec.data.readUInt16LE(2));
        break;
    }
  }
  finishSst();
  return { sheets, strings, formats: xfFormats.map((id) => numberFormatCode(id, custom)) };
}

function readSheet(
  stream: Buffer,
  name: string,
  offset: number,
  g: Globals,
): { data: SheetData; merges: MergedRange[]; widths: Record<number, number> } {
  const cells: SheetCell[] = [];
  const merges: MergedRange[] = [];
  const widths: Record<number, number> = {};
  let truncated = false;
  const push = (row: number, col: number, xf: number, value: SheetCell["value"]) => {
    if (typeof value === "string" && value === "") return;
    const cell: SheetCell = { row: row + 1, col: col + 1, value };
    if (typeof value === "number") {
      const format = g.formats[xf];
      if (format && format !== "General") cell.numberFormat = format;
    }
    cells.push(cell);
  };
  /** A formula whose result is a string: the text comes in the STRING record right after it. */
  let pendingString: { row: number; col: number; xf: number } | undefined;
  const iter = records(stream, offset);
  const bof = iter.next();
  if (bof.done || bof.value.type !== R.BOF) throw new BiffError(`sheet ${name}: no BOF at its offset`);
  for (const rec of iter) {
    if (cells.length >= MAX_SHEET_CELLS) {
      truncated = true;
      break;
    }
    if (rec.type === R.BOF) throw new BiffError(`sheet ${name}: nested substream`);
    const r = new Reader([rec.data]);
    switch (rec.type) {
      case R.LABELSST: {
        const [row, col, xf, i] = [r.u16(), r.u16(), r.u16(), r.u32()];
        const text = g.strings[i];
        push(row, col, xf, text === undefined ? { error: "#REF!" } : text);
        break;
      }
      case R.LABEL: {
        const [row, col, xf] = [r.u16(), r.u16(), r.u16()];
        push(row, col, xf, r.string(2, false));
        break;
      }
      case R.NUMBER: {
        const [row, col, xf] = [r.u16(), r.u16(), r.u16()];
        if (rec.data.length < 14) throw new BiffError("short NUMBER record");
        push(row, col, xf, rec.data.readDoubleLE(6));
        break;
      }
      case R.RK: {
        const [row, col, xf, rk] = [r.u16(), r.u16(), r.u16(), r.u32()];
        push(row, col, xf, rkValue(rk | 0));
        break;
      }
      case R.MULRK: {
        const row = r.u16();
        const first = r.u16();
        const count = (rec.data.length - 6) / 6;
        if (!Number.isInteger(count) || count < 0) throw new BiffError("bad MULRK record");
        for (let i = 0; i < count; i++) {
          const xf = r.u16();
          push(row, first + i, xf, rkValue(r.u32() | 0));
        }
        break;
      }
      case R.BOOLERR: {
        const [row, col, xf, v, isError] = [r.u16(), r.u16(), r.u16(), r.u8(), r.u8()];
        push(row, col, xf, isError ? { error: errorOfBiffCode(v) ?? "#N/A" } : v !== 0);
        break;
      }
      case R.FORMULA: {
        const [row, col, xf] = [r.u16(), r.u16(), r.u16()];
        if (rec.data.length < 14) throw new BiffError("short FORMULA record");
        const result = rec.data.subarray(6, 14);
        if (result.readUInt16LE(6) !== 0xffff) push(row, col, xf, result.readDoubleLE(0));
        else if (result[0] === 0x00) pendingString = { row, col, xf };
        else if (result[0] === 0x01) push(row, col, xf, result[2] !== 0);
        else if (result[0] === 0x02) push(row, col, xf, { error: errorOfBiffCode(result[2]) ?? "#N/A" });
        break;
      }
      case R.MERGEDCELLS: {
        const count = r.u16();
        for (let i = 0; i < count; i++) {
          const [r1, r2, c1, c2] = [r.u16(), r.u16(), r.u16(), r.u16()];
          if (r2 >= r1 && c2 >= c1) merges.push([r1 + 1, c1 + 1, r2 + 1, c2 + 1]);
        }
        break;
      }
      case R.COLINFO: {
        const [first, last, width] = [r.u16(), r.u16(), r.u16()];
        for (let c = first; c <= Math.min(last, first + 255); c++) widths[c + 1] = width / 256;
        break;
      }
      case R.STRING:
        if (pendingString) push(pendingString.row, pendingString.col, pendingString.xf, r.string(2, false));
        pendingString = undefined;
        break;
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { data: truncated ? { name, cells, truncated } : { name, cells }, merges, widths };
}

/** Every worksheet of a BIFF8 workbook stream as the port's snapshot (chart and macro sheets listed, not read). */
export function readBiffWorkbook(stream: Buffer, exclude: readonly string[] = []): ReadWorkbook {
  const g = readGlobals(stream);
  if (g.sheets.length === 0) throw new BiffError("no sheets");
  // Substreams never overlap: a file whose sheets point into each other would be read many times over.
  const offsets = g.sheets.map((s) => s.offset).sort((a, b) => a - b);
  if (offsets.some((o, i) => o >= stream.length || (i > 0 && o === offsets[i - 1]))) throw new BiffError("bad sheet offsets");
  const sheets: Record<string, SheetData> = {};
  const merges: Record<string, MergedRange[]> = {};
  const widths: Record<string, Record<number, number>> = {};
  for (const s of g.sheets) {
    if (!s.worksheet || exclude.includes(s.name)) continue;
    const next = offsets.find((o) => o > s.offset) ?? stream.length;
    const read = readSheet(stream.subarray(0, next), s.name, s.offset, g);
    sheets[s.name] = read.data;
    merges[s.name] = read.merges;
    widths[s.name] = read.widths;
  }
  return { sheetNames: g.sheets.map((s) => s.name), sheets, merges, widths };
}
