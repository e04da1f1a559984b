/**
 * The fuzz suite (issue 8): seeded mutations of the sample, of generated workbooks and of official
 * forms (the form sample and corpus workbooks) — values,
 * types, formulas, structure, sizes — made at the XML level, each scored by the CLI. For every run:
 * exit 0 or 2 only; one cell-addressed line per problem; nothing written on failure; the input's
 * bytes unchanged; on exit 0 a JSON whose figures are finite and consistent (total = sum of the
 * items, the grade its band, no item above its weight or below 0). A few outputs are recalculated by
 * LibreOffice and must equal the JSON.
 *
 * FUZZ_RUNS (default 200; `npm run fuzz` runs 3,000) and FUZZ_SEED (default 1) choose the runs;
 * a failure names its seed and mutations, so `FUZZ_SEED=<seed> FUZZ_RUNS=1` replays it.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { columnLetter } from "../../src/core/cells";
import { GRADE_BANDS, LOWEST_GRADE } from "../../src/core/methods";
import { generateInput, rng } from "../fixtures/generate";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";
import { CORPUS } from "../fixtures/forms/corpus";
import type { InputData } from "../../src/core/sheets/inputSheets";
import { libreOfficeAvailable, recalculate, valueRightOf } from "../support/libreoffice";
import { cli, tempDir, writeInputWorkbook } from "../support/workbooks";
import { XlsxEdit, blankFormattedRows, inlineText } from "../support/xlsxEdit";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const RECALCULATED = 5;
const dir = tempDir("fuzz");
const sha = (buf: Buffer) => crypto.createHash("sha256").update(buf).digest("hex");
const SHEETS = ["基本信息", "预算执行", "绩效指标", "文字材料"] as const;
/** `sheet!A1: message` with a real cell, optionally a warning; or the file-level `in.xlsx: …`. */
const LINE = /^(?:[^!\n]+!\$?[A-Z]{1,3}\$?(\d{1,7})|in\.xlsx): (警告：)?\S[^\n]*$/;

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Cell contents a mutation may put anywhere: [description, inner XML, attributes]. */
const VALUES: ReadonlyArray<[string, string, string]> = [
  ["1e309", "<v>1e309</v>", ""],
  ["NaN", "<v>NaN</v>", ""],
  ["400 digits", `<v>${"7".repeat(400)}</v>`, ""],
  ["tiny", "<v>1e-300</v>", ""],
  ["negative", "<v>-5</v>", ""],
  ["zero", "<v>0</v>", ""],
  ["huge", "<v>123456789012345678</v>", ""],
  ["weight-ish", "<v>9.9999</v>", ""],
  ["blank", "", ""],
  ["#DIV/0!", "<v>#DIV/0!</v>", 't="e"'],
  ["#N/A formula", "<f>NA()</f><v>#N/A</v>", 't="e"'],
  ["uncalculated formula", "<f>1+1</f>", ""],
  ["formula to missing sheet", "<f>无此表!A1</f><v>5</v>", ""],
  ["self-referencing formula", "<f>A1+B2+Z99</f><v>3</v>", ""],
  ["TRUE", "<v>1</v>", 't="b"'],
  ["serial 44927", "<v>44927</v>", ""],
  ["text 1e3", inlineText("1e3"), 't="inlineStr"'],
  ["text 1 234,56", inlineText("1 234,56"), 't="inlineStr"'],
  ["text 9↵5", inlineText("9\n5"), 't="inlineStr"'],
  ["text ≥95%", inlineText("≥95%"), 't="inlineStr"'],
  ["text 2023年12月", inlineText("2023年12月"), 't="inlineStr"'],
  ["text full-width", inlineText("１，２３４．５"), 't="inlineStr"'],
  ["text 1,234.56", inlineText("1,234.56"), 't="inlineStr"'],
  ["text 5↵分", inlineText("5\n分"), 't="inlineStr"'],
  ["long text", inlineText("长".repeat(5000)), 't="inlineStr"'],
  ["spaces", inlineText("   "), 't="inlineStr"'],
  ["zero-width", inlineText("\u200b"), 't="inlineStr"'],
  ["control chars", inlineText("a\tb\u0001c"), 't="inlineStr"'],
  ["str formula", '<f>"x"</f><v>x</v>', 't="str"'],
  ["number 96.5", "<v>96.5</v>", ""],
  ["number 0.95 as %", "<v>0.95</v>", 's="0"'],
];

/** The sheets a run mutates: the template's, or an official form's (any sheet, forms.md). */
type Mutation = (x: XlsxEdit, r: Rand, sheets: readonly string[]) => Promise<string>;

const cellMutation: Mutation = async (x, r, sheets) => {
  const sheet = pick(r, sheets.slice(0, 3));
  const ref = `${columnLetter(int(r, 1, sheet === "基本信息" ? 2 : 13))}${int(r, 1, 22)}`;
  const [what, inner, attrs] = pick(r, VALUES);
  await x.setCell(sheet, ref, inner, attrs);
  return `${sheet}!${ref} = ${what}`;
};

const MUTATIONS: ReadonlyArray<[number, Mutation]> = [
  [8, cellMutation],
  [
    1,
    async (x, r, sheets) => {
      const ref = pick(r, ["XFD1048576", "ZZ500000", "M1048576", "A1048576", "C700000"]);
      await x.setCell(pick(r, sheets.slice(1, 3)), ref, "<v>1</v>");
      return `stray value at ${ref}`;
    },
  ],
  [
    1,
    async (x, r, sheets) => {
      const sheet = pick(r, sheets.slice(1, 3));
      const n = int(r, 1, 3000);
      await x.editSheet(sheet, (xml) => blankFormattedRows(xml, 200, n, 1));
      return `${n} blank formatted rows in ${sheet}`;
    },
  ],
  [
    1,
    async (x, r, sheets) => {
      const sheet = pick(r, sheets);
      const to = pick(r, [
        `${sheet} `,
        ` ${sheet}`,
        sheet.replace("绩", "績").replace("标", "標").replace("预", "預"),
        `${sheet}\u200b`,
        "Sheet1",
      ]);
      await x.renameSheet(sheet, to);
      return `sheet ${sheet} renamed ${JSON.stringify(to)}`;
    },
  ],
  [
    1,
    async (x, r, sheets) => {
      const sheet = pick(r, sheets.slice(0, 3));
      const row = int(r, 1, 20);
      await x.editSheet(sheet, (xml) => xml.replace(new RegExp(`<row\\b[^>]*\\br="${row}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`), ""));
      return `row ${row} of ${sheet} deleted`;
    },
  ],
  [
    1,
    async (x, r, sheets) => {
      const sheet = pick(r, sheets.slice(1, 3));
      const col = columnLetter(int(r, 1, 13));
      const header = pick(r, ["分值", "三级指标", "全年预算数", "年度指标值", "评分方法", "", "权重", "得分", "全年执行数", "一级指标"]);
      // Row 2 is the template's header row; rows 5 and 12 are a national form's fund and indicator headers.
      const row = pick(r, sheets === SHEETS ? [2] : [5, 12, int(r, 1, 20)]);
      await x.setCell(sheet, `${col}${row}`, header ? inlineText(header) : "", header ? 't="inlineStr"' : "");
      return `${sheet}!${col}2 header = ${header || "blank"}`;
    },
  ],
];

async function mutate(base: Buffer, seed: number, sheets: readonly string[] = SHEETS): Promise<{ input: Buffer; steps: string[] }> {
  const r = rng(seed);
  const x = await XlsxEdit.open(base);
  const steps: string[] = [];
  const total = MUTATIONS.reduce((n, [w]) => n + w, 0);
  for (let i = int(r, 1, 3); i > 0; i--) {
    let roll = r() * total;
    const [, m] = MUTATIONS.find(([w]) => (roll -= w) < 0) ?? MUTATIONS[0];
    // A mutation of a sheet an earlier one renamed away does nothing.
    steps.push(await m(x, r, sheets).catch(() => "(no such sheet)"));
  }
  return { input: await x.toBuffer(), steps };
}

interface Summary {
  budget: Record<string, number>;
  spent: Record<string, number>;
  executionRate: Record<string, number | null>;
  score: { total: number; max: number; grade: string };
  indicators: Array<{ weight: number; score: number }>;
}

function expectConsistent(s: Summary): void {
  const finite = (x: unknown) => expect(typeof x === "number" && Number.isFinite(x)).toBe(true);
  Object.values(s.budget).forEach(finite);
  Object.values(s.spent).forEach(finite);
  Object.values(s.executionRate).forEach((x) => x === null || finite(x));
  finite(s.score.total);
  finite(s.score.max);
  for (const i of s.indicators) {
    finite(i.score);
    expect(i.score).toBeGreaterThanOrEqual(0);
    expect(i.score).toBeLessThanOrEqual(i.weight);
  }
  const sum = Math.round(s.indicators.reduce((n, i) => n + i.score, 0) * 100) / 100;
  expect(Math.abs(sum - s.score.total)).toBeLessThan(1e-9);
  expect(s.score.total).toBeLessThanOrEqual(s.score.max);
  const band = GRADE_BANDS.find(([bound]) => s.score.total >= bound)?.[1] ?? LOWEST_GRADE;
  expect(s.score.grade).toBe(band);
}

const bases: Buffer[] = [];
const succeeded: Array<{ output: string; summary: Summary; label: string }> = [];
let exits = { 0: 0, 2: 0 };

beforeAll(async () => {
  const datas: InputData[] = [SAMPLE_DATA, generateInput(SEED * 7 + 1), generateInput(SEED * 7 + 2, { type: "项目支出" })];
  for (const [i, d] of datas.entries()) {
    const file = path.join(dir, `base${i}.xlsx`);
    await writeInputWorkbook(file, d);
    bases.push(fs.readFileSync(file));
  }
});

/** One mutated workbook through `score`: the checks every run must pass, whatever the input. */
async function fuzzRun(input: Buffer, label: string): Promise<0 | 2> {
  const caseDir = fs.mkdtempSync(path.join(dir, "run-"));
  const file = path.join(caseDir, "in.xlsx");
  const output = path.join(caseDir, "out.xlsx");
  const json = path.join(caseDir, "out.json");
  fs.writeFileSync(file, input);
  const res = await cli("score", file, "-o", output, "--json", json);
  try {
    expect([0, 2]).toContain(res.code);
    const lines = res.stderr.split("\n").filter(Boolean);
    for (const line of lines) {
      expect(line).toMatch(LINE);
      const row = LINE.exec(line)![1];
      if (row) expect(Number(row)).toBeLessThanOrEqual(1048576);
    }
    expect(sha(fs.readFileSync(file))).toBe(sha(input));
    const data = JSON.parse(fs.readFileSync(json, "utf8"));
    if (res.code === 2) {
      expect(fs.readdirSync(caseDir).filter((f) => f.startsWith("out.xlsx"))).toEqual([]);
      expect(data.errors.length).toBeGreaterThan(0);
      expect(lines.filter((l) => !/: 警告：/.test(l))).toHaveLength(data.errors.length);
    } else {
      expect(fs.existsSync(output)).toBe(true);
      expectConsistent(data);
      // A forms workbook: every form's figures, not only the reported one's.
      for (const form of (data.forms ?? []) as Array<Summary & { score: Summary["score"] }>) expectConsistent(form);
      succeeded.push({ output, summary: data, label });
    }
    return res.code as 0 | 2;
  } catch (err) {
    throw new Error(`${label}\nstderr: ${res.stderr.slice(0, 2000)}\n${(err as Error).message}`);
  }
}

test(`${RUNS} mutated workbooks: exit 0 or 2, one cell-addressed line per problem, consistent JSON`, async () => {
  exits = { 0: 0, 2: 0 };
  for (let run = 0; run < RUNS; run++) {
    const seed = SEED * 100000 + run;
    const { input, steps } = await mutate(bases[run % bases.length], seed);
    exits[await fuzzRun(input, `seed ${seed} (base ${run % bases.length}): ${steps.join("; ")}`)]++;
  }
  // Both outcomes occur: the mutations neither always break nor never break the input.
  expect(exits[0]).toBeGreaterThan(RUNS / 20);
  expect(exits[2]).toBeGreaterThan(RUNS / 20);
});

/** Official forms (forms.md): the bundled form sample and corpus workbooks, mutated the same ways. */
const FORM_RUNS = Math.ceil(RUNS / 2);
test(`${FORM_RUNS} mutated official-form workbooks: the same guarantees`, async () => {
  const formBases: Array<{ data: Buffer; sheets: string[] }> = [];
  formBases.push({
    data: fs.readFileSync(path.join(__dirname, "../../assets/sample-form.xlsx")),
    sheets: ["党建品牌", "公开14表", "Sheet3"],
  });
  for (const entry of CORPUS.filter((e) => !("error" in e.expected)).slice(0, 6)) {
    const wb = await entry.build();
    const names = wb.worksheets.map((w) => w.name);
    formBases.push({ data: Buffer.from(await wb.xlsx.writeBuffer()), sheets: [...names, ...names, ...names].slice(0, 4) });
  }
  const outcomes = { 0: 0, 2: 0 };
  for (let run = 0; run < FORM_RUNS; run++) {
    const seed = SEED * 100000 + 50000 + run;
    const base = formBases[run % formBases.length];
    const { input, steps } = await mutate(base.data, seed, base.sheets);
    outcomes[await fuzzRun(input, `form seed ${seed} (form base ${run % formBases.length}): ${steps.join("; ")}`)]++;
  }
  expect(outcomes[0]).toBeGreaterThan(FORM_RUNS / 20);
  expect(outcomes[2]).toBeGreaterThan(FORM_RUNS / 20);
});

const recalcTest = libreOfficeAvailable() ? test : test.skip;
recalcTest(`${RECALCULATED} successful outputs recalculated by LibreOffice equal their JSON`, () => {
  const r = rng(SEED);
  const chosen = [...succeeded].sort(() => r() - 0.5).slice(0, RECALCULATED);
  expect(chosen.length).toBe(RECALCULATED);
  // LibreOffice names its CSVs by the file's base name: one name per output.
  const files = chosen.map((c, i) => {
    const file = path.join(dir, `recalc-${i}.xlsx`);
    fs.copyFileSync(c.output, file);
    return file;
  });
  const sheets = recalculate(files);
  chosen.forEach((c, i) => {
    const g = sheets[i]["评分结果"];
    const num = (label: string) => Number(valueRightOf(g, label));
    expect(`${c.label}: ${num("自评得分")} ${num("自评总分")} ${valueRightOf(g, "自评等级")}`).toBe(
      `${c.label}: ${c.summary.score.total} ${c.summary.score.max} ${c.summary.score.grade}`,
    );
  });
});
