/**
 * The .docx states exactly the figures of the sheets (report.md "Word export"): plan() builds one
 * report model against the 评分结果 it writes, renders 自评报告 and 自评报告附表 from it, and hands
 * it on in the command's result, from which the .docx is rendered. On the bundled form sample
 * (three forms), reporting the last form on the department's filled scores: every figure reads that
 * form's cells on 评分结果 and holds their value, and the .docx prints what the sheets show.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { reportDocx } from "../../src/adapters/docx/reportDocx";
import { parseA1, quoteSheet } from "../../src/core/cells";
import { SHEET } from "../../src/core/contract";
import { type CommandResult, planCommand } from "../../src/core/engine";
import type { PlanCell, SheetPlan } from "../../src/core/plan";
import { type Figure, type OfficialForm, formFigureText, partsText } from "../../src/core/report";
import { ALL_SHEETS } from "../../src/port/workbook";
import { tempDir } from "../support/workbooks";
import { reportOf, squash } from "./fixtures";

const SAMPLE_FORM = path.join(__dirname, "../../assets/sample-form.xlsx");

const sheetOf = (r: CommandResult, name: string): SheetPlan => {
  const sheet = r.plan.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} planned`);
  return sheet;
};
const cellsOf = (sheet: SheetPlan): PlanCell[] => sheet.cells.flat().filter((c): c is PlanCell => c !== null);

/** The plan cell at an absolute A1 address ($C$12). */
function cellAt(sheet: SheetPlan, address: string): PlanCell | null {
  const { row, col } = parseA1(address);
  return sheet.cells[row - 1]?.[col - 1] ?? null;
}

/** The form's figures in the order the form prints them (the fund's 分值, 执行率, 得分 on its first row). */
function formFigures(form: OfficialForm): Figure[] {
  const { fund } = form;
  return [
    ...fund.rows.flatMap((r, i) => [r.initial, r.budget, r.spent, ...(i === 0 ? [fund.weight, fund.rate, fund.score] : [])]),
    ...form.indicators.flatMap((i) => [i.weight, i.score]),
    form.total.weight,
    form.total.score,
  ].filter((f): f is Figure => f !== null);
}

describe("the .docx and the sheets render the one report model of the command's result", () => {
  let result: CommandResult;
  let docxText: string;
  let docxCells: string[];

  beforeAll(async () => {
    const wb = await ExcelJsWorkbook.fromBuffer(fs.readFileSync(SAMPLE_FORM));
    const snapshot = await wb.read(ALL_SHEETS);
    const forms = planCommand(snapshot, "score").evaluations.map((e) => e.input.form?.sheet);
    expect(forms.length).toBeGreaterThan(1);
    result = planCommand(snapshot, "report", { formSheet: forms[forms.length - 1], scores: "filled" });
    const file = path.join(tempDir("docx-figures"), "report.docx");
    fs.writeFileSync(file, await reportDocx(result));
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8", maxBuffer: 64 << 20 });
    docxText = squash(xml.replace(/<[^>]+>/g, ""));
    docxCells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => squash(m[1].replace(/<[^>]+>/g, "")));
  });

  test("the report model is the result's, and its figures read the reported form's filled cells on 评分结果", () => {
    const model = reportOf(result);
    const scores = sheetOf(result, SHEET.scores);
    const appendix = model.blocks.find((b) => b.kind === "appendix");
    const figures = [
      ...model.blocks.flatMap((b) => (b.kind === "paragraph" ? b.parts.filter((p): p is Figure => typeof p !== "string") : [])),
      ...(appendix?.kind === "appendix" ? formFigures(appendix.form) : []),
    ];
    // Figures over 评分结果 (a few of the 附表's amounts read the form's own cells).
    const prefix = `${quoteSheet(SHEET.scores)}!`;
    const onScores = figures.filter((f) => f.ref.startsWith(prefix) && /^\$[A-Z]+\$\d+$/.test(f.ref.slice(prefix.length)));
    expect(onScores.length).toBeGreaterThan(10);
    for (const f of onScores) {
      const cell = cellAt(scores, f.ref.slice(prefix.length));
      expect({ ref: f.ref, value: cell?.v }).toEqual({ ref: f.ref, value: f.value });
    }
    // The filled scores: the conclusion states the department's total, not the rule's.
    const { evaluation } = result;
    expect(evaluation.totalScore).toBe(result.summary.score.filled);
    expect(partsText(model.blocks.flatMap((b) => (b.kind === "paragraph" ? b.parts : [])))).toContain(
      `自评得分${formFigureText({ kind: "score", value: evaluation.totalScore, ref: "" })}分`,
    );
  });

  test("every text the 自评报告 sheet shows, formulas' cached values included, is in the .docx in order", () => {
    const shown = cellsOf(sheetOf(result, SHEET.report))
      .map((c) => squash(String(c.v ?? "")))
      // The sheet points at the 附表 sheet where the .docx has its own section.
      .map((s) => s.replace(/（见工作表“[^”]*”）$/, ""))
      .filter(Boolean);
    expect(shown.length).toBeGreaterThan(5);
    let at = 0;
    for (const s of shown) {
      const i = docxText.indexOf(s, at);
      expect({ text: s, found: i >= 0 }).toEqual({ text: s, found: true });
      at = i;
    }
  });

  test("every figure of the 附表 sheet is a live reference whose value the .docx prints in its form table", () => {
    const sheet = sheetOf(result, SHEET.appendix);
    const live = cellsOf(sheet).filter((c) => c.f !== undefined);
    const model = reportOf(result);
    const appendix = model.blocks.find((b) => b.kind === "appendix");
    if (appendix?.kind !== "appendix") throw new Error("the model has no 附表");
    const figures = formFigures(appendix.form);
    expect(live.map((c) => [c.f, c.v])).toEqual(figures.map((f) => [f.ref, f.value]));
    // The .docx's table cells hold each figure's text, as many times as the sheet shows it.
    const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;
    for (const f of figures) {
      const text = formFigureText(f);
      expect({ text, docx: count(docxCells, text) >= count(figures.map(formFigureText), text) }).toEqual({ text, docx: true });
    }
  });
});
