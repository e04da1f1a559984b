/**
 * What the reader reads from a form is shown (forms.md "Breakdown rows", "Two score columns"), on
 * the corpus workbooks that exercise them (test/fixtures/forms/published.ts):
 * - breakdown rows (其中…, 含…, （1）…) drawn in the 附表 under their scored row, in its group, name
 *   indented, target and actual as printed, 分值/得分 empty — on the sheet 自评报告附表 and in the .docx;
 *   never on 评分结果 (never scored);
 * - the reviewer's 复核得分 beside 填报得分 on 评分结果, live references to the form's own cells, and
 *   the reviewer's total in the form's summary; a form without one keeps its layout.
 * LibreOffice renders the 附表 sheet and the .docx; PNG pages are kept in test-output/forms-shown/.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/xlsx/exceljsWorkbook";
import { reportDocx } from "../../src/adapters/docx/reportDocx";
import { SHEET } from "../../src/core/contract";
import { type CommandResult, planCommand } from "../../src/core/engine";
import type { PlanCell, SheetPlan } from "../../src/core/plan";
import { ALL_SHEETS } from "../../src/port/workbook";
import { CORPUS } from "../fixtures/forms/corpus";
import { convert, libreOfficeAvailable, pdfText, renderPng } from "../support/libreoffice";
import { ooxmlProblems } from "../support/ooxml";
import { tempDir } from "../support/workbooks";
import { squash, writeSheetsOnly } from "./fixtures";

const OUT = path.join(__dirname, "../../test-output/forms-shown");
const dir = tempDir("forms-shown");

/** A corpus workbook read and planned in memory, as the CLI does it. */
async function planned(
  name: string,
  command: "score" | "report",
  edit?: (wb: ExcelJS.Workbook) => void,
): Promise<{ wb: ExcelJsWorkbook; result: CommandResult; input: Buffer }> {
  const entry = CORPUS.find((c) => c.name === name)!;
  const built = await entry.build();
  edit?.(built);
  const input = Buffer.from(await built.xlsx.writeBuffer());
  const wb = await ExcelJsWorkbook.fromBuffer(input);
  const result = planCommand(await wb.read(ALL_SHEETS), command);
  return { wb, result, input };
}

const sheetOf = (r: CommandResult, name: string): SheetPlan => r.plan.sheets.find((s) => s.name === name)!;
const at = (sheet: SheetPlan, row: number, col: number): PlanCell | undefined => sheet.cells[row - 1]?.[col - 1] ?? undefined;
const rowOf = (sheet: SheetPlan, col: number, v: string) => sheet.cells.findIndex((r) => r?.[col - 1]?.v === v) + 1;
/** What a cell shows: the first cell of the vertical merge it lies in. */
function shown(sheet: SheetPlan, row: number, col: number): unknown {
  for (const m of sheet.merges) {
    const [a, z] = m.split(":");
    const [ca, ra] = [a.replace(/\d+/g, ""), Number(a.replace(/\D+/g, ""))];
    const rz = Number(z.replace(/\D+/g, ""));
    if (ca === String.fromCharCode(64 + col) && ra <= row && row <= rz) return at(sheet, ra, col)?.v;
  }
  return at(sheet, row, col)?.v;
}

const BREAKDOWN = "breakdown-rows-and-name-prefixes";
/** The form's rows in order (published.ts): scored rows with 分值, breakdown rows under them. */
const FORM_ROWS = [
  { name: "培训人次", target: "≥1000人次", actual: "1050人次", scored: true },
  { name: "其中：基层党员", target: "≥600人次", actual: "640人次", scored: false },
  { name: "含青年党员", target: "≥200人次", actual: "210人次", scored: false },
  { name: "培训班期数", target: "≥10期", actual: "10期", scored: true },
  { name: "（1）线上培训班", target: "≥4期", actual: "4期", scored: false },
  { name: "培训合格率", target: "≥95%", actual: "98%", scored: true },
];

describe("breakdown rows in the 附表 (forms.md “Breakdown rows”)", () => {
  let result: CommandResult;
  let input: Buffer;
  let sheet: SheetPlan;

  beforeAll(async () => {
    ({ input, result } = await planned(BREAKDOWN, "report"));
    sheet = sheetOf(result, SHEET.appendix);
  });

  test("the sheet draws each under its scored row: name indented, target and actual as printed, 分值/得分 empty", () => {
    const first = rowOf(sheet, 4, "培训人次");
    expect(first).toBeGreaterThan(0);
    const drawn = FORM_ROWS.map((_, i) => {
      const r = first + i;
      return {
        name: at(sheet, r, 4)?.v,
        target: at(sheet, r, 5)?.v,
        actual: at(sheet, r, 6)?.v,
        scored: Boolean(at(sheet, r, 7)?.f && at(sheet, r, 8)?.f),
      };
    });
    expect(drawn).toEqual(FORM_ROWS);
    for (const [i, row] of FORM_ROWS.entries()) {
      const r = first + i;
      const style = sheet.styles[at(sheet, r, 4)!.s!];
      // Indented one step; the scored rows' names are not.
      expect({ name: row.name, indent: style.align?.indent ?? 0 }).toEqual({ name: row.name, indent: row.scored ? 0 : 1 });
      if (row.scored) continue;
      // Empty, not a dash and not a formula: a breakdown row has no 分值 and no 得分.
      expect([7, 8, 9].map((c) => at(sheet, r, c))).toEqual([7, 8, 9].map(() => expect.objectContaining({ v: "" })));
      expect([7, 8].map((c) => at(sheet, r, c)?.f)).toEqual([undefined, undefined]);
      // In its scored row's group: 产出指标 / 数量指标 (（1）线上培训班 too, under 培训班期数).
      expect([shown(sheet, r, 2), shown(sheet, r, 3)]).toEqual(["产出指标", "数量指标"]);
    }
    // The next group starts after the breakdown rows: 质量指标 is 培训合格率's alone.
    expect(shown(sheet, first + 5, 3)).toBe("质量指标");
  });

  test("never scored: 评分结果 lists the scored rows only and the totals are the form's", () => {
    const ev = result.evaluation;
    expect(ev.items.map((i) => i.indicator.name)).toEqual(["预算执行率", "培训人次", "培训班期数", "培训合格率", "学习成效", "学员满意度"]);
    expect({ max: ev.maxScore, total: ev.totalScore }).toEqual({ max: 100, total: 99.8 });
    const scores = sheetOf(result, SHEET.scores);
    const names = scores.cells.map((r) => r?.[3]?.v);
    for (const row of FORM_ROWS.filter((r) => !r.scored))
      expect({ row: row.name, on: names.includes(row.name) }).toEqual({ row: row.name, on: false });
    // The 总分 row of the 附表 reads 评分结果's totals.
    const total = rowOf(sheet, 1, "总分");
    expect([at(sheet, total, 7)?.v, at(sheet, total, 8)?.v]).toEqual([100, 99.8]);
  });

  test("the .docx draws them too: in order under their scored rows, name indented, 分值/得分 cells empty", async () => {
    const file = path.join(dir, "breakdown.docx");
    fs.writeFileSync(file, await reportDocx(result));
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const text = squash(xml.replace(/<[^>]+>/g, ""));
    // Row by row: name, 年度指标值, 实际完成值, then 分值 and 得分 (20 20) on scored rows only.
    expect(text).toContain(
      squash(
        "培训人次≥1000人次1050人次2020其中：基层党员≥600人次640人次含青年党员≥200人次210人次培训班期数≥10期10期2020（1）线上培训班≥4期4期",
      ),
    );
    // Each breakdown name's paragraph is indented; no scored name's is.
    const paragraphOf = (name: string) =>
      [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes(`>${name}<`))!;
    for (const row of FORM_ROWS)
      expect({ name: row.name, indented: /<w:ind w:left="\d+"/.test(paragraphOf(row.name)) }).toEqual({
        name: row.name,
        indented: !row.scored,
      });
    expect(ooxmlProblems(file)).toBe("");
  });

  const lo = libreOfficeAvailable() ? test : test.skip;
  lo(
    "LibreOffice prints them in the sheet and in the .docx; PNG pages kept",
    async () => {
      const xlsx = path.join(dir, "breakdown-appendix.xlsx");
      await writeSheetsOnly({ input, result }, xlsx, [SHEET.appendix]);
      expect(ooxmlProblems(xlsx)).toBe("");
      const docx = path.join(dir, "breakdown-docx.docx");
      fs.writeFileSync(docx, await reportDocx(result));
      fs.rmSync(OUT, { recursive: true, force: true });
      convert([xlsx, docx], "pdf", OUT);
      for (const name of ["breakdown-appendix", "breakdown-docx"]) {
        const pdf = path.join(OUT, `${name}.pdf`);
        const lines = pdfText(pdf, "layout").split("\n").map(squash);
        // Each row reads across one printed line: name, target, actual, and 分值 得分 (20 20) on scored rows only.
        for (const row of FORM_ROWS) {
          const line = lines.find((l) => l.includes(squash(row.name)));
          const ends = squash(row.name + row.target + row.actual) + (row.scored ? "2020" : "");
          expect({ name, row: row.name, line: line?.endsWith(ends) }).toEqual({ name, row: row.name, line: true });
        }
        expect(renderPng(pdf, path.join(OUT, name)).length).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});

describe("the reviewer's column on 评分结果 (forms.md “Two score columns”)", () => {
  const header = (s: SheetPlan) => rowOf(s, 4, "三级指标");
  const headers = (s: SheetPlan) => s.cells[header(s) - 1].map((c) => c?.v);

  test("复核得分 beside 填报得分: live references to the form's own cells, never mixed in", async () => {
    const { result } = await planned("two-score-columns", "score");
    const s = sheetOf(result, SHEET.scores);
    const h = headers(s);
    expect(h.slice(9)).toEqual(["规则得分", "填报得分", "复核得分", "差异", "来源", "说明"]);
    const col = h.indexOf("复核得分") + 1;
    const rows = result.evaluation.items.map((_, i) => header(s) + 1 + i);
    // The execution item (fund block) has no reviewer's score; the indicators' are the form's column I.
    expect(rows.map((r) => at(s, r, col)?.f ?? null)).toEqual([null, "'复核'!I13", "'复核'!I14", "'复核'!I15", "'复核'!I16"]);
    expect(rows.map((r) => at(s, r, col)?.v ?? null)).toEqual([null, 30, 27, 18, 10]);
    // The department's own scores and totals stand: 28.74 and 20 where the reviewer gave 27 and 18.
    const filled = h.indexOf("填报得分") + 1;
    expect(rows.map((r) => at(s, r, filled)?.v)).toEqual([9.6, 30, 28.74, 20, 10]);
    const label = (l: string) => at(s, rowOf(s, 1, l), 2);
    expect({ rule: label("自评得分")?.v, filled: label("填报得分")?.v, differences: label("差异项数")?.v }).toEqual({
      rule: 98.34,
      filled: 98.34,
      differences: 0,
    });
    // The reviewer's total, from the form's 总分 row, on the line after the department's.
    expect(label("复核得分")).toEqual(expect.objectContaining({ f: "'复核'!I17", v: 94.6 }));
    expect(rowOf(s, 1, "复核得分")).toBe(rowOf(s, 1, "差异项数") + 1);
    expect(result.summary.forms![0].reviewTotal).toBe(94.6);
  });

  test("a reviewer's total on a header line alone (财政审核评分 96): the summary line, no empty column", async () => {
    let at96 = "";
    const { result } = await planned("header-lines-carrying-results", "score", (wb) => {
      const ws = wb.getWorksheet("自评总分")!;
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.value !== "财政审核评分") return;
          const next = row.getCell(Number(c.col) + 1);
          next.value = 96;
          at96 = next.address;
        }),
      );
    });
    expect(at96).not.toBe("");
    const s = sheetOf(result, SHEET.scores);
    const section = rowOf(s, 1, "差异项数");
    // Two forms: the first (自评得分) has no reviewer at all, the second states the total only.
    const lines = s.cells.flatMap((r, i) => (r?.[0]?.v === "复核得分" ? [i + 1] : []));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBeGreaterThan(section);
    expect(at(s, lines[0], 2)).toEqual(expect.objectContaining({ f: `'自评总分'!${at96}`, v: 96 }));
    expect(s.cells.some((r) => r?.some((c) => c?.v === "复核得分" && r[0]?.v !== "复核得分"))).toBe(false);
    expect(result.summary.forms!.map((f) => f.reviewTotal ?? null)).toEqual([null, 96]);
  });

  test("a form without a reviewer's column keeps its layout: no 复核得分 column, no summary line", async () => {
    const { result } = await planned(BREAKDOWN, "score");
    const s = sheetOf(result, SHEET.scores);
    expect(headers(s).slice(9)).toEqual(["规则得分", "填报得分", "差异", "来源", "说明"]);
    expect(rowOf(s, 1, "复核得分")).toBe(0);
    // The indicator table starts where it always did: the summary block, the form's three lines, a gap.
    expect(header(s)).toBe(rowOf(s, 1, "差异项数") + 3);
    expect(s.columnWidths).toEqual([16, 12, 14, 44, 10, 12, 12, 8, 10, 8, 9, 8, 14, 60]);
  });
});
