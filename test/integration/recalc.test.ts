/**
 * The formulas are the product: the output of `score` on the sample and on 200 generated
 * workbooks is recalculated by LibreOffice, and every 得分, the total, the grade and every rate
 * must equal the engine's values. Then input numbers are edited and the scores must follow.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { INPUT_SHEETS } from "../../src/core/contract";
import { planCommand } from "../../src/core/engine";
import type { Summary } from "../../src/core/summary";
import { generateInput } from "../fixtures/generate";
import { SAMPLE_DATA } from "../../src/sample/sampleWorkbook";
import { type SheetCsv, recalculate, valueRightOf } from "../support/libreoffice";
import { cli, tempDir, writeInputWorkbook } from "../support/workbooks";

const GENERATED = 200;
const dir = tempDir("recalc");

interface Case {
  name: string;
  input: string;
  output: string;
  summary: Summary;
  inputHash: string;
}

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** "100%" → 1, "96.9" → 96.9; LibreOffice's raw CSV keeps the % of percent-formatted cells. */
function num(text: string | undefined): number {
  if (text === undefined || text === "") return NaN;
  const t = text.trim();
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/** Scores of the 评分结果 indicator table, in order. */
function tableScores(grid: string[][]): number[] {
  const header = grid.findIndex((r) => r.includes("三级指标") && r.includes("得分"));
  const col = grid[header].indexOf("得分");
  const out: number[] = [];
  for (let i = header + 1; i < grid.length && grid[i][0] !== "合计"; i++) out.push(num(grid[i][col]));
  return out;
}

function expectAgreement(sheets: SheetCsv, summary: Summary, label: string): void {
  const g = sheets["评分结果"];
  expect(g).toBeDefined();
  const close = (actual: number, expected: number, what: string) => {
    if (!(Math.abs(actual - expected) <= 0.01)) throw new Error(`${label} ${what}: LibreOffice ${actual}, engine ${expected}`);
  };
  close(num(valueRightOf(g, "全年预算数")), summary.budget.total, "全年预算数");
  close(num(valueRightOf(g, "全年执行数")), summary.spent.total, "全年执行数");
  close(num(valueRightOf(g, "基本支出预算数")), summary.budget.basic, "基本支出预算数");
  close(num(valueRightOf(g, "项目支出执行数")), summary.spent.project, "项目支出执行数");
  close(num(valueRightOf(g, "预算执行率")), summary.executionRate.total ?? 0, "预算执行率");
  close(num(valueRightOf(g, "基本支出执行率")), summary.executionRate.basic ?? 0, "基本支出执行率");
  close(num(valueRightOf(g, "项目支出执行率")), summary.executionRate.project ?? 0, "项目支出执行率");
  close(num(valueRightOf(g, "自评总分")), summary.score.max, "自评总分");
  close(num(valueRightOf(g, "自评得分")), summary.score.total, "自评得分");
  expect(`${label} ${valueRightOf(g, "自评等级")}`).toBe(`${label} ${summary.score.grade}`);
  const scores = tableScores(g);
  expect(scores).toHaveLength(summary.indicators.length);
  scores.forEach((s, i) => close(s, summary.indicators[i].score, `得分 of ${summary.indicators[i].name}`));
}

const cases: Case[] = [];

beforeAll(async () => {
  const inputs: Array<[string, Parameters<typeof writeInputWorkbook>[1]]> = [["sample", SAMPLE_DATA]];
  for (let seed = 1; seed <= GENERATED; seed++) inputs.push([`gen${seed}`, generateInput(seed)]);
  for (const [name, data] of inputs) {
    const input = path.join(dir, `${name}.xlsx`);
    const output = path.join(dir, `${name}-out.xlsx`);
    await writeInputWorkbook(input, data);
    const inputHash = sha(input);
    const run = await cli("score", input, "-o", output, "--json", "-");
    if (run.code !== 0) throw new Error(`${name}: exit ${run.code}\n${run.stderr}`);
    cases.push({ name, input, output, summary: JSON.parse(run.stdout) as Summary, inputHash });
  }
}, 600_000);

test("the sample scores as the model report: 3,970.64 万元, 100%, 96.9, 优", () => {
  const s = cases[0].summary;
  expect(s.budget).toEqual({ total: 3970.64, basic: 3432.3, project: 538.34 });
  expect(s.spent).toEqual({ total: 3970.64, basic: 3432.3, project: 538.34 });
  expect(s.executionRate).toEqual({ total: 1, basic: 1, project: 1 });
  expect(s.score).toEqual({ total: 96.9, max: 100, grade: "优" });
  const methods = new Set(s.indicators.map((i) => i.method));
  expect([...methods]).toEqual(expect.arrayContaining(["正向比例", "反向比例", "定性分档", "执行率"]));
  expect(s.indicators.some((i) => i.method === "正向比例" && i.score < i.weight)).toBe(true);
});

test(`LibreOffice agrees with the engine on the sample and ${GENERATED} generated workbooks`, () => {
  const results = recalculate(cases.map((c) => c.output));
  results.forEach((sheets, i) => expectAgreement(sheets, cases[i].summary, cases[i].name));
  // The generated set really exercises the methods and both units.
  const methods = new Set(cases.flatMap((c) => c.summary.indicators.map((i) => i.method)));
  expect([...methods].sort()).toEqual(["执行率", "定性分档", "扣分", "正向比例", "直接评分", "等于", "反向比例"].sort());
}, 600_000);

test("input files are byte-for-byte unchanged", () => {
  for (const c of cases) expect(`${c.name} ${sha(c.input)}`).toBe(`${c.name} ${c.inputHash}`);
});

/** Sets the first numeric cell under `header` in `sheet` to f(old); returns its address. */
function editFirstNumber(wb: ExcelJS.Workbook, sheet: string, header: string, f: (old: number) => number, skip = 0): string | undefined {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  let headerRow = 0;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (cell.value === header) {
        col = c;
        headerRow = r;
      }
    });
  });
  let seen = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cell = ws.getRow(r).getCell(col);
    if (typeof cell.value === "number" && ws.getRow(r).getCell(1).value !== "合计" && seen++ >= skip) {
      cell.value = f(cell.value);
      return cell.address;
    }
  }
  return undefined;
}

test("editing 实际完成值 and 全年执行数 in the output, then recalculating, moves the scores", async () => {
  const edited: Array<{ file: string; summary: Summary; name: string }> = [];
  for (const c of cases.slice(0, 11)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(c.output);
    const a = editFirstNumber(wb, "绩效指标", "实际完成值", (v) => Math.round(v * 0.5 * 100) / 100);
    const s = editFirstNumber(wb, "预算执行", "全年执行数", (v) => Math.round(v * 0.8 * 100) / 100);
    if (!a || !s) continue;
    const file = path.join(dir, `${c.name}-edited.xlsx`);
    await wb.xlsx.writeFile(file);
    // What the engine says about the edited inputs is what the recalculated formulas must show.
    const port = await ExcelJsWorkbook.fromBuffer(fs.readFileSync(file));
    const expected = planCommand(await port.read(INPUT_SHEETS), "score").summary;
    edited.push({ file, summary: expected, name: `${c.name} (edited ${a}, ${s})` });
  }
  expect(edited.length).toBeGreaterThanOrEqual(5);
  const sample = edited.find((e) => e.name.startsWith("sample"))!;
  expect(sample.summary.score.total).toBeLessThan(96.9);
  expect(sample.summary.executionRate.total).toBeLessThan(1);
  const results = recalculate(edited.map((e) => e.file));
  results.forEach((sheets, i) => expectAgreement(sheets, edited[i].summary, edited[i].name));
}, 300_000);
