/**
 * Forms (forms.md "What Jixiao writes"): the 评分结果 of `score` on every corpus workbook is
 * recalculated by LibreOffice, and every rule figure (each form's budget, spent, rate, rule and
 * filled scores per row, differences, totals, grades) must equal the engine's. Then a 实际完成值
 * and a 全年执行数 are edited IN THE FORM and the recalculated scores must follow.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { planCommand } from "../../src/core/engine";
import type { NumberSource } from "../../src/core/model";
import type { FormSummary, Summary } from "../../src/core/summary";
import { CORPUS } from "../fixtures/forms/corpus";
import { ALL_SHEETS } from "../../src/port/workbook";
import { type SheetCsv, recalculate } from "../support/libreoffice";
import { cli, tempDir } from "../support/workbooks";

const dir = tempDir("forms-recalc");
const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

interface Case {
  name: string;
  input: string;
  output: string;
  summary: Summary;
  inputHash: string;
}

/** "100%" → 1, "96.9" → 96.9, "" → null. */
function num(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const t = text.trim();
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/** The rows of 评分结果 from a form's section title to the next section (or the checks). */
function sections(grid: string[][], forms: FormSummary[]): string[][][] {
  const starts: number[] = [];
  for (const f of forms) starts.push(grid.findIndex((r, j) => j > (starts[starts.length - 1] ?? -1) && r[0].startsWith(`${f.sheet}：`)));
  const end = grid.findIndex((r) => r[0].startsWith("校验提示"));
  return starts.map((s, i) => grid.slice(s, i + 1 < starts.length ? starts[i + 1] : end));
}

function right(rows: string[][], label: string): string | undefined {
  return rows.find((r) => r[0] === label)?.[1];
}

function expectSection(rows: string[][], f: FormSummary, label: string): void {
  const close = (actual: number | null, expected: number | null, what: string) => {
    const ok = expected === null ? actual === null : actual !== null && Math.abs(actual - expected) <= 0.005;
    if (!ok) throw new Error(`${label} ${what}: LibreOffice ${actual}, engine ${expected}`);
  };
  close(num(right(rows, "全年预算数")), f.budget.total, "全年预算数");
  close(num(right(rows, "全年执行数")), f.spent.total, "全年执行数");
  close(num(right(rows, "预算执行率")), f.executionRate.total ?? 0, "预算执行率");
  close(num(right(rows, "自评总分")), f.score.max, "自评总分");
  close(num(right(rows, "自评得分")), f.score.total, "规则得分");
  close(num(right(rows, "填报得分")), f.score.filled, "填报得分");
  close(num(right(rows, "差异项数")), f.differences, "差异项数");
  // A form read but not scored has no total and no grade on 评分结果 either.
  expect(`${label} ${right(rows, "自评等级")}`).toBe(`${label} ${f.score.grade ?? ""}`);
  expect(`${label} ${right(rows, "填报等级")}`).toBe(`${label} ${f.score.filledGrade ?? ""}`);
  const header = rows.findIndex((r) => r.includes("规则得分") && r.includes("三级指标"));
  const [ruleCol, filledCol, diffCol, weightCol, reviewCol] = ["规则得分", "填报得分", "差异", "分值", "复核得分"].map((h) =>
    rows[header].indexOf(h),
  );
  // The reviewer's column (forms.md "Two score columns"): beside 填报得分 on a form with one, its total
  // in the summary (also where only a header line states it); a form without either keeps its layout.
  const reviewed = f.indicators.some((i) => i.reviewScore !== undefined);
  expect(`${label} 复核得分 column ${reviewCol === -1 ? "absent" : reviewCol - filledCol}`).toBe(
    `${label} 复核得分 column ${reviewed ? 1 : "absent"}`,
  );
  if (reviewed || f.reviewTotal !== undefined) close(num(right(rows, "复核得分")), f.reviewTotal ?? null, "复核得分");
  else expect(`${label} ${rows.some((r) => r[0] === "复核得分")}`).toBe(`${label} false`);
  const table = rows.slice(
    header + 1,
    rows.findIndex((r, i) => i > header && r[0] === "合计"),
  );
  expect(table).toHaveLength(f.indicators.length);
  table.forEach((r, i) => {
    const ind = f.indicators[i];
    close(num(r[weightCol]), ind.weight ?? 0, `分值 of ${ind.name}`);
    // A row listed but not scored (null) has 0 on 评分结果.
    close(num(r[ruleCol]), ind.score ?? 0, `规则得分 of ${ind.name}`);
    close(num(r[filledCol]), ind.filledScore ?? null, `填报得分 of ${ind.name}`);
    const diff =
      ind.filledScore === null || ind.filledScore === undefined ? null : Math.round(((ind.score ?? 0) - ind.filledScore) * 100) / 100;
    close(num(r[diffCol]), diff, `差异 of ${ind.name}`);
    if (reviewed) close(num(r[reviewCol]), ind.reviewScore ?? null, `复核得分 of ${ind.name}`);
  });
}

function expectAgreement(sheets: SheetCsv, summary: Summary, label: string): void {
  const grid = sheets["评分结果"];
  expect(grid).toBeDefined();
  const forms = summary.forms!;
  sections(grid, forms).forEach((rows, i) => expectSection(rows, forms[i], `${label} ${forms[i].sheet}#${i + 1}`));
  if (forms.length > 1) {
    // The overview: one line per form, its rule total and filled total.
    const header = grid.findIndex((r) => r[0] === "序号" && r.includes("规则得分") && r.includes("工作表"));
    forms.forEach((f, i) => {
      const r = grid[header + 1 + i];
      expect(r[1]).toBe(f.sheet);
      if (f.score.total !== null) expect(num(r[grid[header].indexOf("规则得分")])).toBeCloseTo(f.score.total, 2);
      expect(num(r[grid[header].indexOf("填报得分")])).toEqual(f.score.filled === null ? null : expect.closeTo(f.score.filled, 2));
    });
  }
}

const cases: Case[] = [];
/** Corpus workbooks that should be scored but were not: reported by their own test, never hiding the others. */
const unread: string[] = [];

beforeAll(async () => {
  for (const entry of CORPUS) {
    if ("error" in entry.expected) continue;
    const file = entry.name.replace(/[^\w-]+/g, "_");
    const input = path.join(dir, `${file}.xlsx`);
    const output = path.join(dir, `${file}-out.xlsx`);
    await (await entry.build()).xlsx.writeFile(input);
    const inputHash = sha(input);
    const run = await cli("score", input, "-o", output, "--json", "-");
    if (run.code !== 0) unread.push(`${entry.name}: exit ${run.code}\n${run.stderr}`);
    else cases.push({ name: entry.name, input, output, summary: JSON.parse(run.stdout) as Summary, inputHash });
  }
}, 300_000);

test("every corpus workbook that should be scored is scored (and so recalculated below)", () => {
  expect(unread).toEqual([]);
  expect(cases.map((c) => c.name)).toEqual(CORPUS.filter((e) => !("error" in e.expected)).map((e) => e.name));
});

test("LibreOffice agrees with the engine on every form of the corpus (one soffice call)", () => {
  expect(cases.length).toBeGreaterThanOrEqual(19);
  const results = recalculate(cases.map((c) => c.output));
  expect(results).toHaveLength(cases.length);
  // Every disagreement of every workbook, not only the first.
  const disagreements: string[] = [];
  results.forEach((sheets, i) => {
    try {
      expectAgreement(sheets, cases[i].summary, cases[i].name);
    } catch (e) {
      disagreements.push(e instanceof Error ? e.message.split("\n")[0] : String(e));
    }
  });
  expect(disagreements).toEqual([]);
}, 600_000);

test("the forms are byte-for-byte unchanged", () => {
  for (const c of cases) expect(`${c.name} ${sha(c.input)}`).toBe(`${c.name} ${c.inputHash}`);
});

/** Halves the number a cell's value or text holds (the text keeps its shape: "10期" → "5期"). */
function halve(ws: ExcelJS.Worksheet, source: NumberSource): string {
  const cell = ws.getRow(source.row).getCell(source.col);
  const v = cell.value;
  if (typeof v === "number") cell.value = Math.round(v * 50) / 100;
  else {
    const text = String(v);
    const { before, after } = source.extract!;
    const n = Number(text.slice(before, text.length - after).replace(/,/g, ""));
    cell.value = text.slice(0, before) + String(Math.round(n * 50) / 100) + text.slice(text.length - after);
  }
  return cell.address;
}

const live = (s: NumberSource | undefined): s is NumberSource => Boolean(s && (s.kind === "cell" || s.extract));

test("editing a 实际完成值 and a 全年执行数 in the form, then recalculating, moves the scores", async () => {
  const edited: Array<{ file: string; summary: Summary; name: string; before: Summary }> = [];
  for (const c of cases) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(c.output);
    const port = new ExcelJsWorkbook(wb);
    const ev = planCommand(await port.read(ALL_SHEETS), "score").evaluations[0];
    const item = ev.items.find((i) => i.indicator.method === "正向比例" && live(i.indicator.actual) && i.indicator.actual!.value > 0);
    const spent = ev.input.budgetLines[0].spent;
    // Only a form with a rate and a total can show both falling (not a budget of 0, not an unscored form).
    const first = c.summary.forms![0];
    if (!item || !live(spent) || !(spent.value > 0) || first.executionRate.total === null || first.score.total === null) continue;
    const ws = wb.getWorksheet(ev.input.form!.sheet)!;
    const a = halve(ws, item.indicator.actual!);
    const s = halve(ws, spent);
    const file = c.output.replace(/-out\.xlsx$/, "-edited.xlsx");
    await wb.xlsx.writeFile(file);
    // What the engine says about the edited form is what the recalculated formulas must show.
    const again = await ExcelJsWorkbook.fromBuffer(fs.readFileSync(file));
    const summary = planCommand(await again.read(ALL_SHEETS), "score").summary;
    edited.push({ file, summary, name: `${c.name} (edited ${a}, ${s})`, before: c.summary });
  }
  expect(edited.length).toBeGreaterThanOrEqual(8);
  // The edits really move the figures: rates fall and rule scores drop.
  for (const e of edited) {
    expect(e.summary.forms![0].executionRate.total!).toBeLessThan(e.before.forms![0].executionRate.total!);
    expect(e.summary.forms![0].score.total).toBeLessThan(e.before.forms![0].score.total!);
  }
  const results = recalculate(edited.map((e) => e.file));
  results.forEach((sheets, i) => expectAgreement(sheets, edited[i].summary, edited[i].name));
}, 300_000);
