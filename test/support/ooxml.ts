/**
 * The shared OOXML checks (../shared/ooxml): would Excel and Word open the file without repairing
 * it? Schema validation of every part, then the semantic checks (relationships, merges, indexes).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** ../shared beside the repository; from a worktree under /work/wt/NAME, two levels up. */
const DIR = [path.join(__dirname, "../../../shared/ooxml"), path.join(__dirname, "../../../../shared/ooxml")].find((d) =>
  fs.existsSync(d),
)!;

/** Runs both checks on a .xlsx/.docx; returns their output when either fails, "" when both pass. */
export function ooxmlProblems(file: string): string {
  const out: string[] = [];
  for (const args of [
    ["ooxml_validate.py", path.basename(file), file],
    ["semantic_checks.py", file],
  ]) {
    const run = spawnSync("python3", [path.join(DIR, args[0]), ...args.slice(1)], { encoding: "utf8", timeout: 120_000 });
    if (run.status !== 0) out.push(`${args[0]} ${file} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  return out.join("\n");
}
