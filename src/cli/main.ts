/**
 * The headless CLI (shared/spec/cli.md): the same engine as the add-in, over .xlsx files.
 * IN is never modified; OUT is written only when the whole run succeeded (temp file + rename).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { EVALUATION_TYPES, INPUT_SHEETS, oneOf } from "../core/contract";
import { type Command, planCommand } from "../core/engine";
import { InputError, quote } from "../core/issues";
import { PROFILES, findProfile } from "../core/profiles";
import { formatAmount, formatRate } from "../core/format";
import { buildInputSheets } from "../core/sheets/inputSheets";
import type { Summary } from "../core/summary";
import { XlsxFileWorkbook } from "../adapters/xlsx/xlsxFile";
import { ALL_SHEETS } from "../port/workbook";
import type { WorkbookSnapshot } from "../core/snapshot";
import { FORMAT_NAMES } from "../adapters/formats/inputFile";
import { problemsIn } from "../core/places";
import { SAMPLE_DATA } from "../sample/sampleWorkbook";
import { USAGE, parseArgs } from "./args";
import {
  type Io,
  OutputError,
  UsageError,
  checkOutputPath,
  oneLine,
  printIssues,
  problemJson,
  readInput,
  summaryJson,
  writeAtomically,
  writeJson,
} from "../io/files";
import { review } from "../review/command";

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  progress: process.stderr.isTTY ? process.stderr : undefined,
};

/** Returns the exit code: 0 done, 2 bad input, 1 anything else. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (!args.command || "--help" in args.flags) {
      const asked = "--help" in args.flags;
      (asked ? io.stdout : io.stderr)(USAGE + "\n");
      return asked ? 0 : 2;
    }
    switch (args.command) {
      case "template":
        return await template(args.flags["-o"], args.flags["--type"]);
      case "score":
      case "report":
        return await scoreOrReport(args.command, args.positional[0], args.flags, io);
      case "demo":
        return await demo(args.flags["-o"] ?? "out", io);
      case "review":
        return await review(args.positional, args.flags, io);
      case "sample":
        return await writeSample(args.flags["-o"] ?? "assets/sample.xlsx");
      default:
        throw new UsageError(`未知命令 ${args.command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${oneLine(err.message)}（jixiao --help 查看用法）\n`);
      return 2;
    }
    if (err instanceof InputError) {
      printIssues(io, err.issues);
      return 2;
    }
    if (err instanceof OutputError) {
      io.stderr(`${oneLine(err.message)}\n`);
      return 1;
    }
    // One line, never a stack trace (JIXIAO_DEBUG=1 shows it, for a bug report).
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`错误：${oneLine(message)}\n`);
    if (process.env.JIXIAO_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + "\n");
    return 1;
  }
}

async function template(out: string | undefined, typeFlag: string | undefined): Promise<number> {
  if (!out) throw new UsageError("template 需要 -o FILE.xlsx");
  const type = oneOf(EVALUATION_TYPES, typeFlag ?? "部门整体支出");
  if (!type) throw new UsageError(`--type: 应为 ${EVALUATION_TYPES.join(" 或 ")}`);
  await checkOutputPath("-o", out);
  const wb = await XlsxFileWorkbook.empty();
  await wb.apply({ sheets: buildInputSheets(type), activate: INPUT_SHEETS[0] });
  await writeAtomically(out, await wb.toBuffer());
  return 0;
}

async function scoreOrReport(command: Command, input: string | undefined, flags: Record<string, string>, io: Io): Promise<number> {
  const asked = flags["-o"];
  if (!input || !asked) throw new UsageError(`${command} 需要 IN.xlsx 和 -o OUT.xlsx`);
  // The output is always an .xlsx workbook: an -o named for another office format is renamed so.
  const out = asked.replace(/\.(xls|xlsm|et|docx?)$/i, ".xlsx");
  if (path.resolve(input) === path.resolve(out)) throw new UsageError("-o: 输出文件不能与输入文件相同（输入文件从不修改）");
  const profile = flags["--profile"];
  if (profile !== undefined && !findProfile(profile)) {
    throw new UsageError(`--profile: 未知的评分规则${quote(profile)}，可选：${PROFILES.map((p) => p.id).join("、")}`);
  }
  const scores = flags["--scores"];
  if (scores !== undefined && scores !== "rule" && scores !== "filled")
    throw new UsageError(`--scores: 应为 rule 或 filled，现为${quote(scores)}`);
  await checkOutputPath("-o", out);
  await checkOutputPath("--json", flags["--json"]);
  await checkOutputPath("--docx", flags["--docx"]);
  const jsonTarget = flags["--json"];
  let summary: Summary | undefined;
  let snapshot: WorkbookSnapshot | undefined;
  try {
    const wb = await readInput(input);
    snapshot = await wb.read(ALL_SHEETS);
    const result = planCommand(snapshot, command, { profileId: flags["--profile"], formSheet: flags["--form"], scores });
    await wb.apply(result.plan);
    const docx = command === "report" && flags["--docx"] ? flags["--docx"] : undefined;
    await writeAtomically(out, await wb.toBuffer());
    // Whatever came in, what goes out is an .xlsx workbook: said once, where it is not one already.
    if (wb.format !== "xlsx" || out !== asked) io.stderr(`提示：输入是${FORMAT_NAMES[wb.format]}，结果写为 .xlsx 工作簿：${out}\n`);
    if (docx) await (await import("./docxOutput")).writeReportDocx(result, docx);
    summary = {
      ...result.summary,
      warnings: problemsIn(snapshot, result.summary.warnings),
      errors: problemsIn(snapshot, result.summary.errors),
    };
  } catch (err) {
    if (err instanceof InputError) {
      const issues = snapshot ? problemsIn(snapshot, err.issues) : err.issues;
      if (jsonTarget) await writeJson(jsonTarget, { errors: issues.map(problemJson) }, io);
      throw new InputError(issues);
    }
    throw err;
  }
  // Forms that could not be read while others were scored: each with its cells (exit 0, the others written).
  printIssues(io, summary.errors);
  printIssues(io, summary.warnings, "警告：");
  if (jsonTarget) await writeJson(jsonTarget, summaryJson(summary), io);
  return 0;
}

/**
 * The bundled samples, end to end: the template sample (input, scored and reported workbook, .docx,
 * JSON), then the official-form sample (three filled 项目支出绩效自评表, rule beside filled scores).
 */
async function demo(dir: string, io: Io): Promise<number> {
  await fs.mkdir(dir, { recursive: true });
  const input = path.join(dir, "sample-input.xlsx");
  await writeSample(input);
  const code = await demoRun("sample", input, dir, io);
  if (code !== 0) return code;
  const formInput = path.join(dir, "sample-form-input.xlsx");
  await (await import("../sample/forms/sampleForms")).writeSampleForm(formInput);
  return demoRun("sample-form", formInput, dir, io);
}

async function demoRun(name: string, input: string, dir: string, io: Io): Promise<number> {
  const output = path.join(dir, `${name}-report.xlsx`);
  const json = path.join(dir, `${name}-summary.json`);
  const code = await scoreOrReport("report", input, { "-o": output, "--json": json, "--docx": path.join(dir, `${name}-report.docx`) }, io);
  if (code !== 0) return code;
  const summary = JSON.parse(await fs.readFile(json, "utf8")) as Summary;
  const line = (s: { unit: string; year: number | null; budget: Summary["budget"]; executionRate: Summary["executionRate"] }) =>
    `${s.unit}${s.year === null ? "" : ` ${s.year}年度`} 预算 ${formatAmount(s.budget.total)} 万元，执行率 ${formatRate(s.executionRate.total ?? 0)}`;
  if (summary.forms) {
    io.stderr(`样例（自评表）：找到 ${summary.forms.length} 张自评表\n`);
    for (const f of summary.forms)
      io.stderr(
        `  ${f.sheet}：${f.project} 预算 ${formatAmount(f.budget.total)} 万元，执行率 ${formatRate(f.executionRate.total ?? 0)}，` +
          `规则得分 ${f.score.total}，填报得分 ${f.score.filled ?? "未填"}，差异 ${f.differences} 项\n`,
      );
  } else io.stderr(`样例：${line(summary)}，自评得分 ${summary.score.total}/${summary.score.max}，等级 ${summary.score.grade}\n`);
  io.stderr(`输出：${output}\n`);
  return 0;
}

export async function sampleWorkbook(): Promise<XlsxFileWorkbook> {
  const wb = await XlsxFileWorkbook.empty();
  await wb.apply({ sheets: buildInputSheets("部门整体支出", SAMPLE_DATA), activate: INPUT_SHEETS[0] });
  return wb;
}

async function writeSample(out: string): Promise<number> {
  await writeAtomically(out, await (await sampleWorkbook()).toBuffer());
  return 0;
}
