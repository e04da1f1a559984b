/**
 * `jixiao review IN… -o SUMMARY.xlsx [--letters DIR] [--json FILE|-] [--strict] [--jobs N]` (cli.md):
 * every workbook under IN scored by the engine, none modified; SUMMARY.xlsx lists every form, every
 * check and every file that could not be read; with --letters, one 复核意见函 per unit in DIR.
 * Exit 0 when the batch ran; 2 with --strict if a file failed.
 *
 * Results stream through: each file's rows are spooled to disk as it arrives, so memory stays flat
 * whatever the batch (only --json, which prints every file, and --letters, which groups the checks
 * by unit, keep something per file).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { Presets, SingleBar } from "cli-progress";
import { type Io, UsageError, checkOutputPath, summaryJson, writeAtomicallyWith, writeJson } from "../io/files";
import type { Problem } from "../core/problems";
import { discover } from "./discover";
import { Letters } from "./letters";
import { reviewAll } from "./pool";
import { type FileResult, issueRow } from "./reviewFile";
import { SummaryBuilder } from "./summaryWorkbook";

export async function review(inputs: readonly string[], flags: Record<string, string>, io: Io): Promise<number> {
  const out = flags["-o"];
  if (inputs.length === 0 || !out) throw new UsageError("review 需要至少一个输入文件或文件夹，以及 -o SUMMARY.xlsx");
  const jobs = flags["--jobs"] === undefined ? undefined : Number(flags["--jobs"]);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs: 应为正整数，现为“${flags["--jobs"]}”`);
  await checkOutputPath("-o", out);
  await checkOutputPath("--json", flags["--json"]);
  const lettersDir = flags["--letters"];
  if (lettersDir !== undefined) await checkLettersDir(lettersDir);
  const outputs = [out, flags["--json"]].filter((f): f is string => !!f && f !== "-").map((f) => path.resolve(f));
  for (const input of inputs)
    if (outputs.includes(path.resolve(input))) throw new UsageError("-o: 输出文件不能与输入文件相同（输入文件从不修改）");

  // The letters of an earlier run, in a folder under IN, are outputs, not submissions.
  const files = (await discover(inputs, outputs)).filter((f) => lettersDir === undefined || !inside(lettersDir, f));
  const bar = io.progress ? progressBar(io.progress, files.length) : undefined;
  const letters = lettersDir === undefined ? undefined : new Letters(lettersDir);
  // The summary's rows are rendered while the workers run, file by file in the files' order.
  const summary = new SummaryBuilder(out, { letterOf: letters && ((unit) => letters.fileOf(unit)) });
  const json: FileResult[] | undefined = flags["--json"] ? [] : undefined;
  const arrived = new Map<number, FileResult>();
  let next = 0;
  try {
    try {
      await reviewAll(files, {
        jobs,
        details: !!json,
        keep: false,
        onResult: (result, done, index) => {
          bar?.update(done);
          arrived.set(index, result);
          for (let r = arrived.get(next); r; r = arrived.get(next)) {
            summary.add(r);
            letters?.add(r);
            json?.push(r);
            arrived.delete(next++);
          }
        },
      });
    } finally {
      bar?.stop();
    }
    if (letters) await letters.write();
    await writeAtomicallyWith(out, (tmp) => summary.finish(tmp));
  } finally {
    summary.dispose();
  }

  if (json) await writeJson(flags["--json"], reviewJson(json), io);
  const stats = summary.figures();
  io.stderr(
    `复核 ${stats.files} 个文件：${stats.forms} 张自评表，提示 ${stats.warnings} 条，` +
      `${stats.failedFiles} 个文件无法读取或有错误。` +
      (letters ? `复核意见函 ${letters.count} 份：${lettersDir}。` : "") +
      `输出：${out}\n`,
  );
  return "--strict" in flags && stats.failedFiles > 0 ? 2 : 0;
}

/** --letters DIR: a folder (created if missing), not a file. */
async function checkLettersDir(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat && !stat.isDirectory()) throw new UsageError(`--letters: 应为文件夹，现为文件（${dir}）`);
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return !!rel && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * `--json`: every file with the summary `score --json` prints for it (its `forms`), or its errors;
 * every row of 问题清单. Each problem carries its typed fields (ref, code, params, subject) beside
 * the rendered `cell` and `message`.
 */
function reviewJson(results: readonly FileResult[]) {
  const pick = ({ cell, message }: { cell: string; message: string }) => ({ cell, message });
  const typed = (p: Problem) => ({ ref: p.ref, code: p.code, params: p.params, ...(p.subject ? { subject: p.subject } : {}) });
  return {
    files: results.map((r) => ({
      file: r.file,
      source: r.source,
      summary: r.summary ? summaryJson(r.summary) : null,
      errors: r.failed ? r.issues.map((p) => ({ ...pick(issueRow(p)), ...typed(p) })) : [],
    })),
    issues: results.flatMap((r) => r.issues.map((p) => ({ file: r.file, ...issueRow(p), ...typed(p) }))),
  };
}

/** The progress bar (count, rate, ETA), drawn only where stderr is a terminal. */
function progressBar(stream: NodeJS.WriteStream, total: number): { update(done: number): void; stop(): void } {
  const started = Date.now();
  const bar = new SingleBar(
    {
      stream,
      format: "复核 [{bar}] {value}/{total} 个文件 | {rate} 个/秒 | 已用 {duration_formatted} | 剩余 {eta_formatted}",
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rate: "0.0" });
  return {
    update: (done) => bar.update(done, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) }),
    stop: () => bar.stop(),
  };
}
