/**
 * The forms corpus (test/fixtures/forms/corpus.ts) through the CLI: every official 绩效自评表 workbook is
 * scored with `jixiao score IN -o OUT --json -` and the JSON must carry the figures a reviewer
 * computes by hand (expected literals in the corpus), the warnings of docs/forms.md on the cells a
 * user reads, and, for the workbooks that must fail, exit 2 with the error's cell and nothing written.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { CORPUS } from "../fixtures/forms/corpus";
import { ALSO, type CorpusEntry, type ExpectedForm, type ExpectedIssue, MORE, VARIES } from "../fixtures/forms/expected";
import { buildSampleFormWorkbook } from "../../src/sample/forms/sampleForms";
import { cli, tempDir } from "../support/workbooks";

const dir = tempDir("forms");
const FORMS_MD = path.join(__dirname, "../../../shared/spec/forms.md");

interface JsonIssue {
  cell: string;
  message: string;
}
interface JsonIndicator {
  name: string;
  method: string;
  weight: number | null;
  score: number | null;
  completion: number | null;
  filledScore?: number | null;
  reviewScore?: number;
}
interface JsonForm {
  sheet: string;
  unit: string;
  project: string;
  year: number;
  type: string;
  budget: { total: number; basic: number; project: number };
  spent: { total: number; basic: number; project: number };
  executionRate: { total: number | null };
  score: { total: number | null; filled: number | null; max: number | null; grade: string | null };
  differences: number;
  indicators: JsonIndicator[];
  reviewTotal?: number;
}

/** `'Sheet 1'!A1` and `Sheet 1!A1` are the same cell. */
const unquote = (cell: string) => cell.replace(/^'(.*)'!/, "$1!");

/** A cell (`Sheet1!I12`) or a whole row (`Sheet1!12`), as the corpus writes them. */
function cellMatches(actual: string, expected: string): boolean {
  const a = unquote(actual);
  const row = /^(.*)!(\d+)$/.exec(expected);
  if (!row) return a === expected;
  const m = /^(.*)!([A-Z]+)(\d+)$/.exec(a);
  return m !== null && m[1] === row[1] && m[3] === row[2];
}

function matching(issues: JsonIssue[], e: ExpectedIssue): JsonIssue[] {
  const cells = Array.isArray(e.cell) ? e.cell : [e.cell];
  return issues.filter((i) => cells.some((c) => cellMatches(i.cell, c)) && i.message.includes(e.includes));
}

function expectIssues(kind: string, issues: JsonIssue[], expected: ExpectedIssue[]): void {
  for (const e of expected) {
    const found = matching(issues, e);
    if (found.length === 0)
      throw new Error(`${kind} ${JSON.stringify(e)} not found among:\n${issues.map((i) => `  ${i.cell}: ${i.message}`).join("\n")}`);
    if (e.count !== undefined) expect({ issue: e, count: found.length }).toEqual({ issue: e, count: e.count });
  }
}

const close = (x: number) => expect.closeTo(x, 6);
const closeOrNull = (x: number | null) => (x === null ? null : close(x));

function isExecution(i: JsonIndicator): boolean {
  return i.method === "执行率" && i.name === "预算执行率";
}

function expectForm(actual: JsonForm, e: ExpectedForm): void {
  expect({ sheet: actual.sheet, type: actual.type, year: actual.year, unit: actual.unit }).toEqual({
    sheet: e.sheet,
    type: e.type,
    year: e.year,
    unit: e.unit,
  });
  if (e.project !== null) expect(actual.project).toBe(e.project);
  expect({ budget: actual.budget.total, spent: actual.spent.total, rate: actual.executionRate.total }).toEqual({
    budget: close(e.budget),
    spent: close(e.spent),
    rate: closeOrNull(e.rate),
  });
  if (e.split) {
    expect({ basic: [actual.budget.basic, actual.spent.basic], project: [actual.budget.project, actual.spent.project] }).toEqual({
      basic: e.split.basic.map(close),
      project: e.split.project.map(close),
    });
  }
  const execution = actual.indicators.filter(isExecution);
  if (e.execution === null) expect(execution).toEqual([]);
  else
    expect(execution.map((i) => ({ weight: i.weight, score: i.score, filled: i.filledScore }))).toEqual([
      { weight: close(e.execution.weight), score: close(e.execution.score), filled: closeOrNull(e.execution.filled) },
    ]);
  // met: the target met (完成率 ≥ 100%), or null where completion is unknown; asserted where the corpus says.
  const met = (c: number | null) => (c === null ? null : c >= 1);
  expect(
    actual.indicators
      .filter((i) => !isExecution(i))
      .map((i, k) => ({
        name: i.name,
        method: i.method,
        weight: i.weight,
        score: i.score,
        filled: i.filledScore,
        ...(e.indicators[k]?.met !== undefined ? { met: met(i.completion) } : {}),
      })),
  ).toEqual(
    e.indicators.map((i) => ({
      name: i.name,
      method: i.method,
      weight: closeOrNull(i.weight),
      score: closeOrNull(i.score),
      filled: closeOrNull(i.filled),
      ...(i.met !== undefined ? { met: i.met } : {}),
    })),
  );
  // The reviewer's column is read beside the department's own (never where none is expected).
  expect({
    total: actual.reviewTotal ?? null,
    indicators: actual.indicators.filter((i) => !isExecution(i)).map((i) => i.reviewScore ?? null),
  }).toEqual(e.review ?? { total: null, indicators: actual.indicators.filter((i) => !isExecution(i)).map(() => null) });
  if (e.total === null) {
    // Read, not scored: no total and no filled total is stated.
    expect({ total: actual.score.total, filled: actual.score.filled }).toEqual({ total: null, filled: null });
    return;
  }
  expect({ ...actual.score, differences: actual.differences }).toMatchObject({
    total: close(e.total.rule),
    filled: closeOrNull(e.total.filled),
    max: close(e.total.max),
    grade: e.total.grade,
    differences: e.differences,
  });
}

async function writeEntry(entry: CorpusEntry, file: string): Promise<void> {
  const wb = await entry.build();
  await wb.xlsx.writeFile(file);
}

const slug = (name: string) => name.replace(/[^A-Za-z0-9-]+/g, "_");

describe("forms corpus, scored through the CLI", () => {
  for (const entry of CORPUS) {
    const title = `${entry.name} — ${entry.variants.join(" · ")}`;
    test(title, async () => {
      const input = path.join(dir, `${slug(entry.name)}.xlsx`);
      const output = path.join(dir, `${slug(entry.name)}-out.xlsx`);
      await writeEntry(entry, input);
      const before = fs.readFileSync(input);
      const run = await cli("score", input, "-o", output, "--json", "-");
      expect(fs.readFileSync(input).equals(before)).toBe(true);
      if ("error" in entry.expected) {
        expect({ code: run.code, written: fs.existsSync(output) }).toEqual({ code: 2, written: false });
        const json = JSON.parse(run.stdout) as { errors: JsonIssue[] };
        expectIssues("error", json.errors, entry.expected.error);
        for (const e of entry.expected.error) {
          const cells = Array.isArray(e.cell) ? e.cell : [e.cell];
          expect({ cells, stderr: run.stderr.split("\n").some((line) => cells.some((c) => unquote(line).startsWith(`${c}: `))) }).toEqual({
            cells,
            stderr: true,
          });
        }
        return;
      }
      if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stderr}`);
      expect(fs.existsSync(output)).toBe(true);
      const json = JSON.parse(run.stdout) as { source: string; forms: JsonForm[]; warnings: JsonIssue[]; errors: JsonIssue[] };
      expect(json.source).toBe("form");
      // An unreadable form beside readable ones is reported with its cells; the others are scored.
      if (entry.expected.errors) expectIssues("error", json.errors, entry.expected.errors);
      else expect(json.errors).toEqual([]);
      expect(json.forms.map((f) => f.sheet)).toEqual(entry.expected.forms.map((f) => f.sheet));
      entry.expected.forms.forEach((e, i) => expectForm(json.forms[i], e));
      expectIssues("warning", json.warnings, entry.expected.warnings);
      for (const a of entry.expected.absent ?? [])
        expect({ absent: a, found: matching(json.warnings, a) }).toEqual({ absent: a, found: [] });
    });
  }
});

// The corpus checks itself (these do not need the reader): coverage of forms.md, the hand arithmetic,
// the cells the expectations name, and the bundled asset.
describe("the corpus itself", () => {
  const forms = CORPUS.flatMap((c) => ("forms" in c.expected ? c.expected.forms : []));

  test("covers every bullet of forms.md “What varies” and “More that published forms do”, quoting forms.md", () => {
    const covered = new Set(CORPUS.flatMap((c) => c.variants));
    expect(Object.values(VARIES).filter((v) => !covered.has(v))).toEqual([]);
    expect(Object.values(MORE).filter((v) => !covered.has(v))).toEqual([]);
    if (fs.existsSync(FORMS_MD)) {
      const spec = fs.readFileSync(FORMS_MD, "utf8").replace(/\s+/g, " ");
      expect([...Object.values(VARIES), ...Object.values(MORE), ...Object.values(ALSO)].filter((q) => !spec.includes(q))).toEqual([]);
    }
  });

  test("each “More that published forms do” bullet has a workbook of its own (one per bullet)", () => {
    for (const bullet of Object.values(MORE)) {
      const first = CORPUS.filter((c) => c.variants[0] === bullet).map((c) => c.name);
      expect({ bullet, workbooks: first.length >= 1 }).toEqual({ bullet, workbooks: true });
    }
  });

  test("has ≥ 39 workbooks, 3 that must fail, 3 with several forms (one stacked), 部门整体 forms worth 20", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(22 + Object.keys(MORE).length);
    expect(CORPUS.filter((c) => "error" in c.expected).length).toBeGreaterThanOrEqual(3);
    const several = CORPUS.filter((c) => "forms" in c.expected && c.expected.forms.length > 1);
    expect(several.length).toBeGreaterThanOrEqual(3);
    expect(several.some((c) => "forms" in c.expected && new Set(c.expected.forms.map((f) => f.sheet)).size < c.expected.forms.length)).toBe(
      true,
    );
    expect(forms.some((f) => f.type === "部门整体支出" && f.execution?.weight === 20)).toBe(true);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  test("the hand arithmetic adds up: totals, maxima, grades, differences", () => {
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const grade = (t: number) => (t >= 90 ? "优" : t >= 80 ? "良" : t >= 60 ? "中" : "差");
    for (const f of forms) {
      const where = `${f.sheet} ${f.project ?? ""}`;
      if (f.rate !== null) expect({ where, rate: f.spent / f.budget }).toEqual({ where, rate: close(f.rate) });
      if (f.execution && f.rate !== null)
        expect({ where, score: r2(f.execution.weight * Math.min(f.rate, 1)) }).toEqual({ where, score: f.execution.score });
      if (f.total === null) {
        // Not scored: no indicator carries a rule score.
        expect({ where, scores: f.indicators.filter((i) => i.score !== null) }).toEqual({ where, scores: [] });
        continue;
      }
      const execution = f.execution && !f.executionOutsideTotal ? [f.execution] : [];
      const items = [...execution, ...f.indicators].map((i) => ({ ...i, score: i.score ?? 0, weight: i.weight ?? 0 }));
      expect({ where, rule: r2(items.reduce((s, i) => s + i.score, 0)) }).toEqual({ where, rule: f.total.rule });
      expect({ where, max: r2(items.reduce((s, i) => s + i.weight, 0)) }).toEqual({ where, max: f.total.max });
      expect({ where, grade: grade(f.total.rule) }).toEqual({ where, grade: f.total.grade });
      const all = [...(f.execution ? [f.execution] : []), ...f.indicators];
      expect({ where, differences: all.filter((i) => i.filled !== null && i.filled !== i.score).length }).toEqual({
        where,
        differences: f.differences,
      });
    }
  });

  test("every cell an expectation names lies on its sheet, inside the form", async () => {
    for (const entry of CORPUS) {
      const wb = await entry.build();
      const issues =
        "error" in entry.expected
          ? entry.expected.error
          : [...entry.expected.warnings, ...(entry.expected.errors ?? []), ...(entry.expected.absent ?? [])];
      for (const cell of issues.flatMap((i) => (Array.isArray(i.cell) ? i.cell : [i.cell]))) {
        const [sheet, address] = cell.split("!");
        const ws = wb.getWorksheet(sheet);
        expect({ cell, sheet: ws?.name }).toEqual({ cell, sheet });
        const row = /^\d+$/.test(address) ? Number(address) : Number(ws!.getCell(address).row);
        expect({ cell, inside: row >= 1 && row <= ws!.rowCount }).toEqual({ cell, inside: true });
      }
    }
  });

  test("the sample forms' budgets add up to the seed department's 538.34 万元 of project spending", () => {
    const sample = CORPUS.find((c) => c.name.startsWith("sample-form"))!;
    const sampleForms = "forms" in sample.expected ? sample.expected.forms : [];
    expect(sampleForms.reduce((s, f) => s + f.budget, 0)).toBeCloseTo(538.34, 6);
  });

  test("assets/sample-form.xlsx is what the builder builds", async () => {
    const bundled = new ExcelJS.Workbook();
    await bundled.xlsx.readFile(path.join(__dirname, "../../assets/sample-form.xlsx"));
    const cells = (wb: ExcelJS.Workbook) =>
      wb.worksheets.map((ws) => {
        const out: Array<[string, unknown, string]> = [];
        ws.eachRow((row) => row.eachCell((c) => out.push([c.address, c.value, c.numFmt ?? ""])));
        return { name: ws.name, cells: out, merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort() };
      });
    expect(cells(bundled)).toEqual(cells(buildSampleFormWorkbook()));
  });
});
