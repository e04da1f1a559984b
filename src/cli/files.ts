/**
 * The CLI's file edges, shared by every command: reading an input workbook, writing outputs
 * atomically, checking output paths, printing issues one per line.
 */
import { promises as fs, readFileSync } from "fs";
import * as path from "path";
import { type CellIssue, InputError } from "../core/issues";
import { errorIssue } from "../core/problems";
import { XlsxFileWorkbook } from "../adapters/exceljs/xlsxFile";
import { UsageError } from "./args";

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** stderr when it is a terminal: long batches draw a progress bar there. */
  progress?: NodeJS.WriteStream;
}

/** One problem, one line: line breaks in a message never reach the terminal as line breaks. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

export function printIssues(io: Io, issues: CellIssue[]): void {
  for (const i of issues) io.stderr(`${oneLine(i.cell)}: ${oneLine(i.message)}\n`);
}

/** An output path that cannot be written; `option` names it (-o, --json, --docx). */
export class OutputError extends Error {}

const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: "没有写入权限",
  EPERM: "没有写入权限",
  EROFS: "位于只读位置",
  ENOSPC: "磁盘空间不足",
  ENOTDIR: "路径中有一部分不是目录",
  EEXIST: "路径中有一部分不是目录",
  EISDIR: "是一个目录",
  ENAMETOOLONG: "路径过长",
};

/** Before any work: an output path must not be a directory (exit 2, one line). */
export async function checkOutputPath(option: string, file: string | undefined): Promise<void> {
  if (!file || file === "-") return;
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw new UsageError(`${option}: 是一个目录（${file}），应为文件路径`);
}

/** Writes via a temp file in the same folder, so OUT is either complete or untouched. */
export async function writeAtomically(file: string, data: Buffer, option = "-o"): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new OutputError(`${option}: 无法写入 ${file}（${FS_REASONS[code] ?? code ?? "未知原因"}）`);
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Reads an input workbook; a file that cannot be read or is not an .xlsx is an InputError naming it. */
export async function readInput(file: string): Promise<XlsxFileWorkbook> {
  let data: Buffer;
  try {
    // One synchronous read: a workbook is read whole anyway, and a review worker reads one file at
    // a time, where the asynchronous open/stat/read round trips cost more than the read itself.
    data = readFileSync(file);
  } catch {
    throw new InputError([errorIssue(null, "file.unreadable", { file: path.basename(file), path: file })]);
  }
  try {
    return await XlsxFileWorkbook.fromBuffer(data);
  } catch {
    throw new InputError([errorIssue(null, "file.notXlsx", { file: path.basename(file) })]);
  }
}

/** `--json FILE|-`: pretty JSON to the file, or alone on stdout. */
export async function writeJson(target: string, data: unknown, io: Io): Promise<void> {
  const text = JSON.stringify(data, null, 2) + "\n";
  if (target === "-") io.stdout(text);
  else await writeAtomically(target, Buffer.from(text), "--json");
}
