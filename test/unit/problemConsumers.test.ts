/**
 * The consumers of problems (CLI, task pane, ribbon dialog, WPS, review) render typed problems
 * (core/problems.ts): they select and name cells from `ref` and react to `code`. None parses an
 * address or matches a message's wording, and none reads a problem's display strings (`cell`,
 * `message`) — those are for printing by the core only. A planted violation proves each check bites.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");
const CONSUMERS = ["cli", "taskpane", "commands", "review", "wps"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const RULES: Array<[string, RegExp]> = [
  // An A1 pattern or a split at the sheet's "!": an address taken apart again.
  ["parses an address", /\[A-Z\]|\b(?:lastIndexOf|indexOf|split)\(\s*["'`]!["'`]\s*\)/],
  // A test on Chinese text: a message's wording matched.
  [
    "matches Chinese wording",
    /\b(?:includes|startsWith|endsWith|match|test|exec)\(\s*["'`/][^)]*\p{Script=Han}|\/[^/\n]*\p{Script=Han}[^/\n]*\/[a-z]*\.(?:test|exec)\(/u,
  ],
  // A problem's display strings read back: only an Error's message, or a rendered row's, may be.
  ["reads a problem's display string", /\b(?!(?:err|e|row)\??\.)\w+\??\.(?:cell|message)\b/],
];

/** The rules each line of `text` breaks (comments are not code). */
function violations(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, "").trim();
    if (code.startsWith("*") || code.startsWith("/*")) return;
    for (const [rule, pattern] of RULES) if (pattern.test(code)) out.push(`${i + 1}: ${rule}: ${code}`);
  });
  return out;
}

test("no consumer parses an address, matches a message's wording or reads a problem's display strings", () => {
  const found = CONSUMERS.flatMap((d) => files(path.join(SRC, d))).flatMap((f) =>
    violations(fs.readFileSync(f, "utf8")).map((v) => `${path.relative(SRC, f)}:${v}`),
  );
  expect(found).toEqual([]);
});

test("each check finds a planted violation (a test of the test)", () => {
  expect(violations("const m = /^(.*)!\\$?[A-Z]+\\$?(\\d+)$/.exec(cell);")).toHaveLength(1);
  expect(violations('const sheet = issue.cell.slice(0, issue.cell.lastIndexOf("!"));')).toHaveLength(2);
  expect(violations('if (i.message.includes("未填写")) return;')).toHaveLength(2);
  expect(violations("const m = /^(.+?)应为.*现为空$/.exec(text);")).toHaveLength(1);
  expect(violations('el("code", {}, i.cell);')).toHaveLength(1);
  expect(violations("const text = e instanceof Error ? e.message : String(e);")).toEqual([]);
  expect(violations('// i.message.includes("未填写") in a comment')).toEqual([]);
});
