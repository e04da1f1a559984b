/**
 * Bounded reading of an .xlsx package (Node only, the CLI): the zip is opened by the lean reader of
 * zipEntries.ts (JSZip where that cannot: both keep entries compressed until asked), and a sheet's XML is streamed through a scanner that keeps
 * only non-empty cells. A million blank formatted rows cost a scan, not a million objects; a sheet
 * nobody asked for is never decompressed; a sheet past MAX_SHEET_CELLS stops reading there.
 */
import type JSZip from "jszip";
import { StringDecoder } from "string_decoder";
import * as zlib from "zlib";
import { MAX_SHEET_CELLS, NOT_CALCULATED, type SheetCell, type SheetData } from "../../core/snapshot";
import { columnNumber } from "../../core/cells";
import { SYNC_INFLATE_MAX, ZipEntries } from "./zipEntries";

/** A sheet of the package: its name, relationship and part. */
export interface PackageSheet {
  name: string;
  relId: string;
  path: string;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text → string: entities, then the _xHHHH_ escapes OOXML uses for control characters. */
export function decodeXml(s: string): string {
  if (!s.includes("&") && !s.includes("_x")) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
      if (e[0] !== "#") return XML_ENTITIES[e] ?? m;
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const attrPatterns = new Map<string, RegExp>();

/** An attribute of a tag's attribute text, e.g. attr(' r="A1" t="s"', "t") → "s". */
export function attr(attrs: string, name: string): string | undefined {
  // The common form first, without a regular expression (this runs per cell of huge sheets).
  const i = attrs.indexOf(` ${name}="`);
  if (i >= 0) {
    const start = i + name.length + 3;
    const value = attrs.slice(start, attrs.indexOf('"', start));
    return value.includes("&") ? decodeXml(value) : value;
  }
  if (!attrs.includes(name)) return undefined;
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2]) : undefined;
}

const PLAIN_T = /^<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>$/;

/** The text of rich or plain string XML (<si>, <is>): every <t>, phonetic runs (<rPh>) left out. */
export function stringText(xml: string): string {
  // Most strings are one plain <t>: read without the phonetic pass and the run loop.
  const plain = PLAIN_T.exec(xml);
  if (plain) return decodeXml(plain[1]);
  let out = "";
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (const m of xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "").matchAll(re)) out += m[1];
  return decodeXml(out);
}

/** A part path from a relationship target, relative to the folder of the part that points at it. */
export function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The rels part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)].map((m) => ({
    id: attr(m[1], "Id") ?? "",
    type: attr(m[1], "Type") ?? "",
    target: attr(m[1], "Target") ?? "",
  }));
}

/** Built-in number formats (ECMA-376 18.8.30) that matter here: percents and dates; CJK dates as one. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  14: "yyyy-mm-dd",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy-mm-dd h:mm",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mm:ss.0",
  49: "@",
};
const CJK_DATE_IDS = [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];

/** The format code of a number format id: the file's own (custom) or a built-in one; .xlsx and .xls share the ids. */
export function numberFormatCode(id: number, custom: ReadonlyMap<number, string>): string {
  return custom.get(id) ?? BUILTIN_FORMATS[id] ?? (CJK_DATE_IDS.includes(id) ? 'yyyy"年"m"月"d"日"' : "General");
}

/** JSZip is loaded only where a package needs it (rewriting, or one the lean reader leaves): a review worker never does. */
async function loadJSZip(): Promise<typeof JSZip> {
  return (await import("jszip")).default;
}

export class XlsxPackage {
  private sharedStrings?: Promise<string[]>;
  private numberFormats?: Promise<string[]>;
  private loaded?: Promise<JSZip>;

  private constructor(
    private readonly data: Buffer,
    /** The lean reader; undefined where the package needs JSZip (ZIP64, unusual methods). */
    private readonly entries: ZipEntries | undefined,
    private readonly fallback: JSZip | undefined,
    readonly workbookPath: string,
    readonly sheets: PackageSheet[],
  ) {}

  /**
   * Opens the package; throws if it is not a workbook (the caller says so in one line). `opened`:
   * its zip directory, where the caller has read it already (format sniffing).
   */
  static async load(bytes: Buffer | Uint8Array, opened?: ZipEntries): Promise<XlsxPackage> {
    const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries = opened ?? ZipEntries.open(data);
    const fallback = entries ? undefined : await (await loadJSZip()).loadAsync(data);
    const text = async (p: string) => (entries ? entries.text(p) : fallback?.file(p)?.async("string"));
    const root = parseRels(await text("_rels/.rels"));
    const office = root.find((r) => r.type.endsWith("/officeDocument"));
    const workbookPath = office ? resolvePart("", office.target) : "xl/workbook.xml";
    const workbook = await text(workbookPath);
    if (!workbook) throw new Error("no workbook part");
    const rels = parseRels(await text(relsPath(workbookPath)));
    const sheets: PackageSheet[] = [];
    for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const relId = /\s\w+:id\s*=\s*"([^"]*)"/.exec(m[1])?.[1] ?? "";
      const rel = rels.find((r) => r.id === relId);
      // Chart sheets and dialog sheets are not worksheets: listed, never read.
      const path = rel && rel.type.endsWith("/worksheet") ? resolvePart(workbookPath, rel.target) : "";
      sheets.push({ name: attr(m[1], "name") ?? "", relId, path });
    }
    return new XlsxPackage(data, entries, fallback, workbookPath, sheets);
  }

  /** The package as JSZip, for rewriting it: loaded on first use (reading never needs it). */
  jszip(): Promise<JSZip> {
    this.loaded ??= this.fallback ? Promise.resolve(this.fallback) : loadJSZip().then((Zip) => Zip.loadAsync(this.data));
    return this.loaded;
  }

  async text(path: string): Promise<string | undefined> {
    return this.entries ? this.entries.text(path) : this.fallback?.file(path)?.async("string");
  }

  private relatedPart(typeSuffix: string): Promise<string | undefined> {
    return this.text(relsPath(this.workbookPath)).then((xml) => {
      const rel = parseRels(xml).find((r) => r.type.endsWith(typeSuffix));
      return rel ? resolvePart(this.workbookPath, rel.target) : undefined;
    });
  }

  private strings(): Promise<string[]> {
    this.sharedStrings ??= this.relatedPart("/sharedStrings").then(async (path) => {
      const xml = path ? await this.text(path) : undefined;
      if (!xml) return [];
      return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) => stringText(m[1] ?? ""));
    });
    return this.sharedStrings;
  }

  /** The number format code of each cell style (cellXfs index). */
  private formats(): Promise<string[]> {
    this.numberFormats ??= this.relatedPart("/styles").then(async (path) => {
      const xml = path ? await this.text(path) : undefined;
      if (!xml) return [];
      const custom = new Map<number, string>();
      for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g))
        custom.set(Number(attr(m[1], "numFmtId")), attr(m[1], "formatCode") ?? "");
      const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? "";
      return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
        const id = Number(attr(m[1], "numFmtId") ?? 0);
        return numberFormatCode(id, custom);
      });
    });
    return this.numberFormats;
  }

  /** The sheet's non-empty cells, streamed; the first MAX_SHEET_CELLS of them at most. */
  async readSheet(sheet: PackageSheet, name = sheet.name): Promise<SheetData> {
    const entries = this.entries;
    const file = !sheet.path ? null : entries ? (entries.has(sheet.path) ? sheet.path : null) : this.fallback?.file(sheet.path);
    if (!file) return { name, cells: [] };
    const [strings, formats] = await Promise.all([this.strings(), this.formats()]);
    const scanner = new SheetScanner(strings, formats);
    // A small sheet (most forms) is inflated and scanned in one piece; a large one is streamed.
    const size = entries?.size(sheet.path);
    const whole = entries && size !== undefined && size <= SYNC_INFLATE_MAX ? inflatedWhole(entries, sheet.path) : undefined;
    if (whole !== undefined) scanner.scan(whole);
    else await scanStream(sheetStream(entries, file, sheet.path), scanner);
    return scanner.truncated ? { name, cells: scanner.cells, truncated: true } : { name, cells: scanner.cells };
  }
}

/** The part inflated in one call; undefined where it inflates past its declared size (then streamed). */
function inflatedWhole(entries: ZipEntries, path: string): string | undefined {
  try {
    return entries.bytes(path)?.toString("utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return undefined;
    throw err;
  }
}

/** Streams sheet XML through the scanner, whole rows at a time. */
function scanStream(stream: NodeJS.ReadableStream, scanner: SheetScanner): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const decoder = new StringDecoder("utf8");
    let pending = "";
    let bytes = 0;
    const stop = () => {
      stream.removeAllListeners("data");
      stream.pause();
      resolve();
    };
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_SHEET_XML_BYTES) {
        scanner.truncated = true;
        return stop();
      }
      pending += decoder.write(chunk);
      // Everything before the last row start is whole rows.
      const cut = pending.lastIndexOf("<row") >= 0 ? pending.lastIndexOf("<row") : lastPrefixedRow(pending);
      if (cut <= 0) return;
      scanner.scan(pending.slice(0, cut));
      pending = pending.slice(cut);
      if (scanner.done) stop();
    });
    stream.on("end", () => {
      scanner.scan(pending + decoder.end());
      resolve();
    });
    stream.on("error", reject);
  });
}

/** Sheet XML beyond this is not read (a zip bomb, or a table far too large to score). */
const MAX_SHEET_XML_BYTES = 2 ** 30;

/**
 * The entry's bytes inflated by Node's zlib from the compressed data JSZip holds (five times
 * faster than JSZip's own inflate); JSZip's stream where that data is not at hand.
 */
/** The sheet part as a stream: from the lean reader, or from JSZip where the package needed it. */
function sheetStream(entries: ZipEntries | undefined, file: string | JSZip.JSZipObject, path: string): NodeJS.ReadableStream {
  const stream = entries ? entries.stream(path) : typeof file === "string" ? undefined : inflated(file);
  if (!stream) throw new Error(`${path}: the sheet part cannot be read`);
  return stream;
}

function inflated(file: JSZip.JSZipObject): NodeJS.ReadableStream {
  const data = (file as unknown as { _data?: { compressedContent?: unknown; compression?: { magic?: string } } })._data;
  const raw = data?.compressedContent;
  if (raw instanceof Uint8Array && data?.compression?.magic === "\x08\x00") {
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    return inflate;
  }
  return file.nodeStream("nodebuffer");
}

function lastPrefixedRow(text: string): number {
  const m = /<\w+:row\b(?![\s\S]*<\w+:row\b)/.exec(text.slice(-65536));
  return m ? text.length - Math.min(text.length, 65536) + m.index : -1;
}

const TOKEN = /<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?c\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?c>)|<\/(?:\w+:)?sheetData>/g;
const V = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const F = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const IS = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
const HOLDS_VALUE = /<(?:\w+:)?(?:v|f|is)[\s>/]/;
/** xsd:double as a cell stores it ("0x10" or "1_000" are not numbers; NaN and INF read as NaN/Infinity). */
const XML_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?INF$|^NaN$/;
const REF = /^\$?([A-Z]{1,3})\$?(\d+)$/i;

/** Turns sheet XML (whole rows at a time) into SheetCells. */
class SheetScanner {
  readonly cells: SheetCell[] = [];
  truncated = false;
  done = false;
  private row = 0;
  private col = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly formats: readonly string[],
  ) {}

  scan(xml: string): void {
    if (this.done || this.skip(xml)) return;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
      if (m[0].startsWith("</")) {
        this.done = true;
        return;
      }
      if (m[1] !== undefined) {
        const r = attr(m[1], "r");
        this.row = r ? Number(r) : this.row + 1;
        this.col = 0;
        this.lastEmpty = undefined;
        this.emptyRun = 0;
        continue;
      }
      const attrs = m[2];
      if (m[3] === "/>") {
        // An empty (formatted) cell: its position matters only to a next cell without r.
        if (attrs.includes(" r=")) {
          this.lastEmpty = attrs;
          this.emptyRun = 0;
        } else this.emptyRun++;
        continue;
      }
      this.locate(attrs);
      const cell = this.cell(attrs, m[4] ?? "");
      if (!cell) continue;
      if (this.cells.length >= MAX_SHEET_CELLS) {
        this.truncated = this.done = true;
        return;
      }
      this.cells.push(cell);
    }
  }

  /**
   * Whole rows without a value, formula or inline string (blank formatted rows) are skipped
   * without visiting their cells: only the last row's number is kept, for cells without an r.
   */
  private skip(xml: string): boolean {
    if (HOLDS_VALUE.test(xml) || xml.includes("sheetData>")) return false;
    const last = xml.lastIndexOf("<row");
    if (last < 0) return false;
    const r = attr(xml.slice(last + 4, xml.indexOf(">", last)), "r");
    if (!r) return false;
    this.row = Number(r);
    this.col = 0;
    this.lastEmpty = undefined;
    this.emptyRun = 0;
    return true;
  }

  /** The last empty cell with an r since the last located cell, and the empty cells after it. */
  private lastEmpty?: string;
  private emptyRun = 0;

  /** The cell's row and column: its r, or the one after the previous cell (empty ones included). */
  private locate(attrs: string): void {
    const at = REF.exec(attr(attrs, "r") ?? "");
    if (at) {
      this.col = columnNumber(at[1]);
      this.row = Number(at[2]);
    } else {
      const before = this.lastEmpty !== undefined ? REF.exec(attr(this.lastEmpty, "r") ?? "") : null;
      if (before) this.col = columnNumber(before[1]);
      this.col += this.emptyRun + 1;
    }
    this.lastEmpty = undefined;
    this.emptyRun = 0;
  }

  private cell(attrs: string, inner: string): SheetCell | undefined {
    const type = attr(attrs, "t") ?? "n";
    // Most cells hold a plain <v>: the formula and inline-string patterns run only where they can match.
    const v = V.exec(inner);
    const f = inner.includes("f") ? F.exec(inner) : null;
    const raw = v ? v[1] : undefined;
    const made = (value: SheetCell["value"]): SheetCell => {
      const out: SheetCell = { row: this.row, col: this.col, value };
      if (f) out.formula = decodeXml(f[2] ?? "");
      return out;
    };
    if (type === "inlineStr") {
      const is = IS.exec(inner);
      const text = is ? stringText(is[1]) : raw !== undefined ? decodeXml(raw) : "";
      return text === "" ? undefined : made(text);
    }
    if (raw === undefined || (type !== "str" && raw.trim() === "")) {
      return f ? made({ error: NOT_CALCULATED }) : undefined;
    }
    switch (type) {
      case "s": {
        const text = this.strings[Number(raw)];
        if (text === undefined) return made({ error: "#REF!" });
        return text === "" ? undefined : made(text);
      }
      case "str": {
        const text = decodeXml(raw);
        return text === "" && !f ? undefined : made(text);
      }
      case "b":
        return made(raw.trim() === "1" || raw.trim() === "true");
      case "e":
        return made({ error: decodeXml(raw).trim() });
      case "d": {
        const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : raw + "Z");
        const format = this.format(attrs);
        const out = made(ms / 86400000 + 25569);
        out.numberFormat = /[ymd]/i.test(format) ? format : "yyyy-mm-dd";
        return out;
      }
      default: {
        // Kept as read: NaN, Infinity (1e309, a 400-digit number) are refused by the core, by cell.
        const text = raw.trim();
        const out = made(XML_NUMBER.test(text) ? Number(text) : NaN);
        const format = this.format(attrs);
        if (format !== "General") out.numberFormat = format;
        return out;
      }
    }
  }

  private format(attrs: string): string {
    const s = attr(attrs, "s");
    return s ? (this.formats[Number(s)] ?? "General") : "General";
  }
}
