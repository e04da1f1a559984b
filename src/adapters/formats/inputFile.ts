/**
 * Every format a 自评表 arrives in, opened as one WorkbookPort: .xlsx/.xlsm through the lean package
 * reader (xlsxFile.ts), .xls and WPS .et (BIFF8 in an OLE compound file) through biff.ts, a Word
 * .docx through its tables (docxTables.ts), a Word 97 .doc converted to .docx by LibreOffice where
 * it is installed. The kind is told by the file's content, never by its name alone: a renamed .txt
 * is refused, an .xls that is really an .xlsx is read as one. Encrypted files (an OLE container
 * holding an EncryptedPackage, a BIFF FILEPASS record) are refused by name.
 *
 * A format other than .xlsx/.xlsm is written out as a new .xlsx: its sheets (values and number
 * formats, as read) with the plan's sheets grafted beside them.
 */
import { execFile } from "child_process";
import { promises as fs, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { threadId } from "worker_threads";
import type { CellErrorValue } from "exceljs";
import type { WorkbookPlan } from "../../core/plan";
import { OUTPUT_SHEETS } from "../../core/contract";
import { ALL_SHEETS, type SheetSelection, type WorkbookPort } from "../../port/workbook";
import { type SheetData, type WorkbookSnapshot } from "../../core/snapshot";
import { XlsxFileWorkbook } from "../xlsx/xlsxFile";
import { ZipEntries } from "../xlsx/zipEntries";
import { BiffEncryptedError, type MergedRange, type ReadWorkbook, readBiffWorkbook } from "./biff";
import { readDocxTables } from "./docxTables";
import { type CellIssue, type ProblemCode, type ProblemParams, errorIssue } from "../../core/problems";

export type InputFormat = "xlsx" | "xlsm" | "xls" | "et" | "docx" | "doc";

/** What a user calls each format in a message. */
export const FORMAT_NAMES: Readonly<Record<InputFormat, string>> = {
  xlsx: "Excel 工作簿（.xlsx）",
  xlsm: "Excel 启用宏的工作簿（.xlsm）",
  xls: "Excel 97-2003 工作簿（.xls）",
  et: "WPS 表格文件（.et）",
  docx: "Word 文档（.docx）",
  doc: "Word 97-2003 文档（.doc）",
};

/** The extensions a review picks up in a folder (every other file is left alone). */
export const INPUT_EXTENSIONS = [".xlsx", ".xlsm", ".xls", ".et", ".docx", ".doc"] as const;

/** Why a file cannot be read as any form format: a problem code of the file (core/problems.ts). */
type FormatCode = Extract<ProblemCode, `file.${string}`>;
type FormatParams<C extends FormatCode> = Omit<ProblemParams<C>, "file">;

/** The file cannot be read as any form format; `issue` says why, for the person who sent it. */
export class FormatError<C extends FormatCode = FormatCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: FormatParams<C>,
  ) {
    super(code);
  }
  /** The problem, placed at the file named `file`. */
  issue(file: string): CellIssue {
    return errorIssue(null, this.code, { ...this.params, file } as unknown as ProblemParams<C>);
  }
}

export interface InputWorkbook extends WorkbookPort {
  readonly format: InputFormat;
  /** The output package: the input's own (.xlsx) or a new .xlsx of its sheets, with the plan applied. */
  toBuffer(): Promise<Buffer>;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Opens the file's bytes as the format its content shows; `name` (its file name) only breaks ties (.xls vs .et). */
export async function openInput(data: Buffer, name: string): Promise<InputWorkbook> {
  const ext = path.extname(name).toLowerCase();
  if (data.subarray(0, 4).toString("latin1") === "PK\x03\x04" || data.subarray(0, 4).toString("latin1") === "PK\x05\x06")
    return openZip(data, ext);
  if (data.subarray(0, 8).equals(OLE_MAGIC)) return openOle(data, ext);
  throw notAForm(data);
}

/**
 * OOXML: a Word document whose tables are the forms, or a workbook package. Told by the main
 * part's path, read from the zip directory alone: the .xlsx read path inflates nothing extra.
 */
async function openZip(data: Buffer, ext: string): Promise<InputWorkbook> {
  const entries = ZipEntries.open(data);
  // The lean reader leaves ZIP64 and unusual packages to JSZip.
  const zip = entries ? undefined : await (await import("jszip")).default.loadAsync(data).catch(() => undefined);
  const text = async (p: string) => (entries ? entries.text(p) : zip?.file(p)?.async("string"));
  const has = (p: string) => (entries ? entries.has(p) : !!zip?.file(p));
  if (has("xl/workbook.bin")) throw new FormatError("file.xlsb", {});
  if (!has("xl/workbook.xml")) {
    const main = /Target="\/?(word\/[^"]*\.xml)"/.exec((await text("_rels/.rels").catch(() => undefined)) ?? "")?.[1];
    if (main || has("word/document.xml")) {
      const xml = await Promise.resolve(text(main ?? "word/document.xml")).catch(() => undefined);
      if (!xml) throw new FormatError("file.docxDamaged", {});
      return documentWorkbook(readDocxTables(xml), "docx");
    }
  }
  let wb: XlsxFileWorkbook;
  try {
    wb = await XlsxFileWorkbook.fromBuffer(data, entries);
  } catch {
    throw new FormatError("file.zipNotForm", {});
  }
  // A macro workbook (by its content type, read only when writing) is written out without its macros.
  const grafted = wb.toBuffer.bind(wb);
  const format: InputFormat = ext === ".xlsm" ? "xlsm" : "xlsx";
  return Object.assign(wb, {
    format,
    toBuffer: async () => {
      const out = await grafted();
      const types = (await text("[Content_Types].xml").catch(() => undefined)) ?? "";
      return MACRO_WORKBOOK.test(types) ? withoutMacros(out) : out;
    },
  });
}

const MACRO_WORKBOOK = /ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/;

/** An OLE compound file: BIFF8 (.xls/.et), an encrypted OOXML package, or a Word 97 document. */
async function openOle(data: Buffer, ext: string): Promise<InputWorkbook> {
  const CFB = await import("cfb");
  let container: ReturnType<typeof CFB.read>;
  try {
    container = CFB.read(data, { type: "buffer" });
  } catch {
    throw new FormatError("file.oleDamaged", {});
  }
  const stream = (name: string) => {
    const e = CFB.find(container, name);
    return e && e.content ? Buffer.from(e.content) : undefined;
  };
  if (CFB.find(container, "EncryptedPackage")) throw new FormatError("file.encrypted", {});
  const workbook = stream("Workbook") ?? stream("WORKBOOK");
  if (workbook) {
    const format: InputFormat = ext === ".et" ? "et" : "xls";
    try {
      return snapshotWorkbook(readBiffWorkbook(workbook, OUTPUT_SHEETS), format);
    } catch (err) {
      if (err instanceof BiffEncryptedError) throw new FormatError("file.encrypted", {});
      throw new FormatError("file.damaged", { format: FORMAT_NAMES[format] });
    }
  }
  if (stream("Book")) throw new FormatError("file.excel95", {});
  if (CFB.find(container, "WordDocument")) return openDoc(data);
  throw new FormatError("file.oleNotForm", {});
}

/**
 * A macro workbook's output as a plain .xlsx (Excel refuses an .xlsx holding a macro package): the
 * workbook's content type made the plain one, the VBA project and its relationship left out.
 * The macros stay in the input, which is never changed.
 */
async function withoutMacros(data: Buffer): Promise<Buffer> {
  const zip = await (await import("jszip")).default.loadAsync(data);
  const types = await zip.file("[Content_Types].xml")?.async("string");
  if (types) {
    zip.file(
      "[Content_Types].xml",
      types
        .replace(
          /application\/vnd\.ms-excel\.sheet\.macroEnabled\.main\+xml/g,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        )
        .replace(/<Override\b[^>]*vbaProject[^>]*\/>/g, ""),
    );
  }
  for (const [name, entry] of Object.entries(zip.files)) {
    if (/(^|\/)vbaProject(Signature)?\.bin$|(^|\/)_rels\/vbaProject\.bin\.rels$/.test(name)) zip.remove(name);
    else if (name.endsWith(".rels")) {
      const rels = await entry.async("string");
      if (rels.includes("/vbaProject")) zip.file(name, rels.replace(/<Relationship\b[^>]*\/vbaProject"[^>]*\/>/g, ""));
    }
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/** The LibreOffice command: SOFFICE, else soffice on the PATH. */
const SOFFICE = () => process.env.SOFFICE ?? "soffice";

let profileDir: string | undefined;

/** The LibreOffice profile of this process and thread, removed when it exits. */
function docProfile(): string {
  if (!profileDir) {
    const dir = path.join(os.tmpdir(), `jixiao-doc-profile-${process.pid}-${threadId}`);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    profileDir = dir;
  }
  return profileDir;
}

/** A Word 97 .doc: LibreOffice converts it to .docx where installed; without it, the user is told what to do. */
async function openDoc(data: Buffer): Promise<InputWorkbook> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "jixiao-doc-"));
  try {
    const input = path.join(dir, "form.doc");
    await fs.writeFile(input, data);
    // A profile per process and thread: two soffice runs must not share one (review workers convert
    // at once), and a profile kept for the next .doc saves its first-start set-up.
    const profile = `file://${docProfile()}`;
    const converted = await new Promise<boolean>((resolve) =>
      execFile(
        SOFFICE(),
        [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "docx", "--outdir", dir, input],
        { timeout: 120_000 },
        (err) => resolve(!err),
      ),
    );
    const docx = await fs.readFile(path.join(dir, "form.docx")).catch(() => undefined);
    if (!converted && !docx) throw new FormatError("file.docNeedsLibreOffice", {});
    if (!docx) throw new FormatError("file.docUnconvertible", {});
    const wb = await openZip(docx, ".docx");
    return Object.assign(wb, { format: "doc" as const });
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function documentWorkbook(snapshot: ReadWorkbook, format: InputFormat): InputWorkbook {
  if (snapshot.sheetNames.length === 0) throw new FormatError("file.docxNoTables", {});
  return snapshotWorkbook(snapshot, format);
}

/**
 * Why a file that is neither a zip package nor an OLE file cannot be read. Budget systems often
 * export a web page (an HTML table) or Excel 2003's XML under an .xls name: those are named, with
 * what to do, since Excel and WPS open them and can save them as .xlsx.
 */
function notAForm(data: Buffer): FormatError {
  const head = data
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (/^(<!doctype html|<html|<table|<meta)/.test(head) || (head.startsWith("<") && head.includes("<table")))
    return new FormatError("file.html", {});
  if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet")) return new FormatError("file.xml2003", {});
  return new FormatError("file.notForm", { text: looksLikeText(data) });
}

/** Text files (a renamed .txt or .csv): no control bytes in the first kilobytes but line breaks and tabs. */
function looksLikeText(data: Buffer): boolean {
  const head = data.subarray(0, 4096);
  // eslint-disable-next-line no-control-regex -- control bytes are what tells binary from text
  return head.length > 0 && !/[\x00-\x08\x0e-\x1f]/.test(head.toString("latin1"));
}

/** A workbook read whole into a snapshot (any format but .xlsx); its output is a new .xlsx. */
function snapshotWorkbook(snapshot: ReadWorkbook, format: InputFormat): InputWorkbook {
  let plan: WorkbookPlan | undefined;
  return {
    format,
    async read(which: SheetSelection): Promise<WorkbookSnapshot> {
      const names = which === ALL_SHEETS ? Object.keys(snapshot.sheets) : which;
      const sheets: Record<string, SheetData> = {};
      for (const n of names) if (snapshot.sheets[n]) sheets[n] = snapshot.sheets[n];
      return snapshot.kind ? { sheetNames: snapshot.sheetNames, sheets, kind: snapshot.kind } : { sheetNames: snapshot.sheetNames, sheets };
    },
    async apply(p: WorkbookPlan): Promise<void> {
      plan = p;
    },
    async toBuffer(): Promise<Buffer> {
      const base = await XlsxFileWorkbook.fromBuffer(await snapshotXlsx(snapshot));
      if (plan) await base.apply(plan);
      return base.toBuffer();
    },
  };
}

/**
 * The snapshot's sheets as an .xlsx: each cell's value (errors as errors), number format and merges.
 * A document's tables are drawn as tables (borders, wrapped text, widths from their text, landscape),
 * so the sheets 评分结果 points into read like the form the department filled.
 */
async function snapshotXlsx(snapshot: ReadWorkbook): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  for (const name of snapshot.sheetNames) {
    const data = snapshot.sheets[name];
    const ws = wb.addWorksheet(name);
    for (const c of data?.cells ?? []) {
      const cell = ws.getCell(c.row, c.col);
      cell.value = typeof c.value === "object" ? ({ error: c.value.error } as CellErrorValue) : c.value;
      if (c.numberFormat) cell.numFmt = c.numberFormat;
    }
    for (const [r1, c1, r2, c2] of snapshot.merges[name] ?? []) {
      try {
        ws.mergeCells(r1, c1, r2, c2);
        ws.getCell(r1, c1).alignment = { vertical: "middle", wrapText: true };
      } catch {
        // Overlapping merges (a damaged file): the cells stay as read, unmerged.
      }
    }
    for (const [col, width] of Object.entries(snapshot.widths?.[name] ?? {})) ws.getColumn(Number(col)).width = width;
    if (snapshot.kind === "document" && data) drawTable(ws, data, snapshot.merges[name] ?? []);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Borders, wrapped text, column widths and row heights for a document's table; its title lines above it centred. */
function drawTable(ws: import("exceljs").Worksheet, data: SheetData, merges: readonly MergedRange[]): void {
  const lead = data.leadRows ?? 0;
  const lastRow = data.cells.reduce((m, c) => Math.max(m, c.row), 0);
  const lastCol = data.cells.reduce((m, c) => Math.max(m, c.col), 1);
  const thin = { style: "thin" as const };
  for (let r = lead + 1; r <= lastRow; r++)
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { wrapText: true, vertical: "middle" };
    }
  for (let r = 1; r <= lead; r++) {
    ws.mergeCells(r, 1, r, lastCol);
    ws.getCell(r, 1).alignment = { horizontal: "center" };
  }
  // A CJK character is about two width units.
  const units = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  const span = new Map(merges.map(([r1, c1, r2, c2]) => [`${r1},${c1}`, { rows: r2 - r1 + 1, last: c2 }]));
  const widths = Array.from({ length: lastCol }, () => 6);
  for (const c of data.cells) {
    if (c.row > lead && !span.has(`${c.row},${c.col}`))
      widths[c.col - 1] = Math.max(widths[c.col - 1], Math.min(units(String(c.value)) + 2, 24));
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Rows tall enough for their wrapped text (no viewer sizes rows a file leaves unsized).
  const lines = new Map<number, number>();
  for (const c of data.cells) {
    if (c.row <= lead) continue;
    const merged = span.get(`${c.row},${c.col}`);
    const width = widths.slice(c.col - 1, merged?.last ?? c.col).reduce((a, b) => a + b, 0);
    const needed = String(c.value)
      .split("\n")
      .reduce((n, line) => n + Math.max(1, Math.ceil(units(line) / Math.max(width - 1, 1))), 0);
    lines.set(c.row, Math.max(lines.get(c.row) ?? 1, Math.ceil(needed / (merged?.rows ?? 1))));
  }
  for (const [row, n] of lines) if (n > 1) ws.getRow(row).height = 15 * n;
  ws.pageSetup = { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}
