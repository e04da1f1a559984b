/**
 * The CLI's file edges, shared by every command: reading an input workbook, writing outputs
 * atomically, checking output paths, printing issues one per line.
 */
import { promises as fs, readFileSync } from "fs";
import * as path from "path";
import { InputError } from "../core/issues";
import { type Problem, errorIssue, placeName, renderProblem } from "../core/problems";
import type { Summary } from "../core/summary";
import { FormatError, type InputWorkbook, openInput } from "../adapters/formats/inputFile";

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

/** `<sheet>!<cell>: <message>` per problem (cli.md), from its ref and code; `lead` opens the message (警告：). */
export function printIssues(io: Io, problems: readonly Problem[], lead = ""): void {
  for (const p of problems) io.stderr(`${oneLine(placeName(p))}: ${lead}${oneLine(renderProblem(p))}\n`);
}

/**
 * A problem in the JSON (cli.md): the display strings `cell` and `message`, and beside them the typed
 * problem — `ref` ({sheet,row,col}, null for the file itself), `code`, `params`, `subject`, `severity`.
 */
export function problemJson(p: Problem) {
  return {
    cell: placeName(p),
    message: renderProblem(p),
    ref: p.ref,
    code: p.code,
    params: p.params,
    ...(p.subject ? { subject: p.subject } : {}),
    severity: p.severity,
  };
}

/** The summary as `--json` prints it: its warnings and errors as problemJson. */
export function summaryJson(summary: Summary) {
  return { ...summary, warnings: summary.warnings.map(problemJson), errors: summary.errors.map(problemJson) };
}

/** A command line that cannot be run (the CLI prints it with a pointer to --help, exit 2). */
export class UsageError extends Error {}

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
  await writeAtomicallyWith(file, (tmp) => fs.writeFile(tmp, data), option);
}

/** writeAtomically where `write` produces the temp file itself (streamed output). */
export async function writeAtomicallyWith(file: string, write: (tmp: string) => Promise<void>, option = "-o"): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await write(tmp);
    await fs.rename(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new OutputError(`${option}: 无法写入 ${file}（${FS_REASONS[code] ?? code ?? "未知原因"}）`);
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/**
 * Reads an input workbook or Word document (adapters/formats); a file that cannot be read, or is of
 * no form format, is an InputError naming it.
 */
export async function readInput(file: string): Promise<InputWorkbook> {
  let data: Buffer;
  try {
    // One synchronous read: a workbook is read whole anyway, and a review worker reads one file at
    // a time, where the asynchronous open/stat/read round trips cost more than the read itself.
    data = readFileSync(file);
  } catch {
    throw new InputError([errorIssue(null, "file.unreadable", { file: path.basename(file), path: file })]);
  }
  try {
    return await openInput(data, file);
  } catch (err) {
    const name = path.basename(file);
    throw new InputError([err instanceof FormatError ? err.issue(name) : errorIssue(null, "file.notForm", { file: name, text: false })]);
  }
}

/** `--json FILE|-`: pretty JSON to the file, or alone on stdout. */
export async function writeJson(target: string, data: unknown, io: Io): Promise<void> {
  const text = JSON.stringify(data, null, 2) + "\n";
  if (target === "-") io.stdout(text);
  else await writeAtomically(target, Buffer.from(text), "--json");
}
