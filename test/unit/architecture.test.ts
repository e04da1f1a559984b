/** The layout is the architecture: the core stays pure so every host (Excel, CLI, WPS) shares it. */
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

const imports = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);

test("src/core never touches office.js", () => {
  for (const file of files(path.join(SRC, "core"))) {
    const text = fs.readFileSync(file, "utf8");
    expect(`${path.relative(SRC, file)}: ${/\b(Excel|Office)\.\w/.test(text) ? "uses office.js" : "ok"}`).toMatch(/: ok$/);
  }
});

test("only the office.js adapter, the Excel host of the app, the task pane and the ribbon commands call Excel.run", () => {
  const allowed = ["adapters/officejs", "app/host.ts", "taskpane", "commands", "playground"];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    if (allowed.some((a) => rel.startsWith(a))) continue;
    expect(`${rel}: ${/Excel\.run\(/.test(fs.readFileSync(file, "utf8")) ? "calls Excel.run" : "ok"}`).toMatch(/: ok$/);
  }
});

test("each host adapter stands alone: what two hosts share lives in adapters/shared, which knows neither host", () => {
  // The headless host is two folders: xlsx (the .xlsx package) and formats (the other file
  // formats a form arrives in, read into snapshots and written out through the xlsx side).
  const hosts = [["adapters/officejs"], ["adapters/wps"], ["adapters/xlsx", "adapters/formats"]];
  const hostOf = (rel: string) => hosts.find((h) => h.some((folder) => rel.startsWith(folder)));
  for (const file of files(path.join(SRC, "adapters"))) {
    const rel = path.relative(SRC, file);
    const own = hostOf(rel);
    for (const spec of imports(file)) {
      const target = spec.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec;
      const host = hostOf(target);
      const other = host && host !== own ? host.join("+") : undefined;
      expect(`${rel} → ${spec}: ${other ? `imports ${other}` : "ok"}`).toMatch(/: ok$/);
    }
    if (rel.startsWith("adapters/shared")) {
      const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(`${rel}: ${/\b(Excel|Office)\.\w|\bApplication\./.test(code) ? "touches a host" : "ok"}`).toMatch(/: ok$/);
    }
  }
});

// ── One reading pipeline (issue 16): one cell-value layer, one indicator-row reader ─────────────

/** What only the cell-value layer (core/read/cell.ts) may do: classify a cell's raw value. */
const CELL_PRIMITIVES = [
  /\bisCellError\s*\(/,
  /\bisDateFormat\s*\(/,
  /\bisPercentFormat\s*\(/,
  /\bparseNumberText\s*\(/,
  /\bparseTarget\s*\(/,
  /\bparseYear\s*\(/,
  /\bserialDate\s*\(/,
  /\binRange\s*\(/,
  /\.value\(\s*\w+\s*,\s*\w+\s*\)/,
  /\.numberFormat\(/,
  /\.formula\(\s*\w+\s*,/,
];
/** What only the indicator-row reader (core/read/indicators.ts, with its rules) may do: read an indicator row. */
const ROW_RULES = [
  /\binferMethod\s*\(/,
  /\btierFromWords\s*\(/,
  /\bparseTier\s*\(/,
  /\bparseDirection\s*\(/,
  /\bcheckTierScore\s*\(/,
  /\blooksLikeUnitMismatch\s*\(/,
  /\bmethodOf\s*\(/,
];

/** The rules of `rules` a source breaks, comments aside. */
const violationsOf = (rules: readonly RegExp[]) => (source: string) => {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  return rules.filter((re) => re.test(code)).map((re) => re.source);
};
/** The rules a reader file breaks: a cell classified, or an indicator row read, outside the pipeline. */
const pipelineViolations = violationsOf([...CELL_PRIMITIVES, ...ROW_RULES]);

const READERS = ["core/forms", "core/input"].flatMap((d) => files(path.join(SRC, d)));

/** Every reader file breaks none of the rules `check` finds. */
function expectNoReaderViolations(check: (source: string) => string[]): void {
  expect(READERS.length).toBeGreaterThan(5);
  for (const file of READERS) {
    const rel = path.relative(SRC, file);
    expect({ file: rel, violations: check(fs.readFileSync(file, "utf8")) }).toEqual({ file: rel, violations: [] });
  }
}

test("no code in core/forms or core/input classifies a cell or reads an indicator row on its own", () => {
  expectNoReaderViolations(pipelineViolations);
});

test("the check finds a planted violation (a test of the test)", () => {
  const planted = [
    "const v = grid.value(row, col);\nif (isCellError(v)) return;",
    "if (isDateFormat(grid.numberFormat(r, c))) x = 1;",
    "const n = parseNumberText(text);",
    "const m = inferMethod(level2, t, a);",
  ];
  for (const source of planted) expect(pipelineViolations(source).length).toBeGreaterThan(0);
  // Comments do not count; calling the layer does not count.
  expect(pipelineViolations("// isCellError(v) is the layer's\nconst r = readNumber(grid, row, col);")).toEqual([]);
});

test("one indicator-row reader and one cell-value layer: both paths call them, nothing else defines them", () => {
  const text = (rel: string) => fs.readFileSync(path.join(SRC, rel), "utf8");
  for (const reader of ["core/input/parse.ts", "core/forms/readForm.ts"])
    expect({ reader, calls: /readIndicatorRows\(/.test(text(reader)) }).toEqual({ reader, calls: true });
  const definers = (name: string) =>
    files(path.join(SRC, "core"))
      .filter((f) => new RegExp(`export function ${name}\\b`).test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(SRC, f));
  expect(definers("readIndicatorRows")).toEqual(["core/read/indicators.ts"]);
  for (const name of ["readNumber", "readAmount", "readValue", "isPlaceholder"]) expect(definers(name)).toEqual(["core/read/cell.ts"]);
  // Nothing outside the layer decides what a placeholder is.
  for (const file of READERS)
    expect({ file, placeholder: /—\+\|－/.test(fs.readFileSync(file, "utf8")) }).toEqual({ file, placeholder: false });
});

// ── One fund-block reader (issue 16): the template's 预算执行 and a form's fund block ──────────────

/** What only the fund-block reader (core/read/fundBlock.ts) may do: read a fund row's amounts, kind or unit. */
const FUND_RULES = [
  /\breadAmount\s*\(/,
  /\blogAmountRefused\s*\(/,
  /(?<!const )\bFUND_ROW_KINDS\b/,
  /\bCATEGORY\.(total|basic|project)\b/,
  /["']fund\.unitAssumed(Wan|Yuan)["']/,
  /["']budget\.(categoryInvalid|projectName\w*)["']/,
  /\/\s*10000\b/,
];

/** The rules a reader file breaks: a fund row's amounts, kind or unit read outside the fund-block reader. */
const fundViolations = violationsOf(FUND_RULES);

test("no code in core/forms or core/input reads fund rows on its own", () => {
  expectNoReaderViolations(fundViolations);
});

test("the fund check finds a planted violation (a test of the test)", () => {
  const planted = [
    "const a = readAmount(grid, row, col, scale);",
    'if (a.reason === "refused") logAmountRefused(log, at, "全年预算数", a);',
    "for (const [re, kind] of FUND_ROW_KINDS) if (re.test(l)) return kind;",
    'const category = text === CATEGORY.basic ? "basic" : undefined;',
    'log.warn(at, "fund.unitAssumedWan", {});',
    'log.error(at, "budget.categoryInvalid", { shown });',
    'const scale = unit === "元" ? 1 / 10000 : 1;',
  ];
  for (const source of planted) expect({ source, found: fundViolations(source).length > 0 }).toEqual({ source, found: true });
  // Comments do not count; calling the reader does not count.
  expect(fundViolations("// readAmount(grid, r, c, 1) is the reader's\nconst rows = readFundRows(ctx);")).toEqual([]);
});

test("one fund-block reader: both paths call it, nothing else defines it", () => {
  const text = (rel: string) => fs.readFileSync(path.join(SRC, rel), "utf8");
  for (const reader of ["core/input/parse.ts", "core/forms/readForm.ts"])
    expect({ reader, calls: /readFundRows\(/.test(text(reader)) }).toEqual({ reader, calls: true });
  const definers = files(path.join(SRC, "core"))
    .filter((f) => /export function readFundRows\b/.test(fs.readFileSync(f, "utf8")))
    .map((f) => path.relative(SRC, f));
  expect(definers).toEqual(["core/read/fundBlock.ts"]);
});
