/**
 * The 附表 (report.md "Layout"): the official 自评表 form on its own landscape sheet 自评报告附表
 * and as a landscape section of the .docx. The plan: the form's blocks, merged group labels,
 * figures as references to 评分结果 whose cached values are the evaluation's, the user's text as
 * text, self-pagination. LibreOffice: A4 landscape pages, every indicator and figure printed, the
 * header repeated on each page, no column cut. PNG pages are kept in test-output/report/.
 */
import * as fs from "fs";
import * as path from "path";
import { reportDocx } from "../../src/adapters/docx/reportDocx";
import { SHEET } from "../../src/core/contract";
import { parseA1 } from "../../src/core/cells";
import type { CommandResult } from "../../src/core/engine";
import type { PlanCell, SheetPlan } from "../../src/core/plan";
import { type OfficialForm, buildOfficialForm, formFigureText } from "../../src/core/report";
import { buildScoreSheet } from "../../src/core/sheets/scoreSheet";
import { generateInput } from "../fixtures/generate";
import { convert, libreOfficeAvailable, pdfPageSizes, pdfText, renderPng } from "../support/libreoffice";
import { ooxmlProblems } from "../support/ooxml";
import { tempDir } from "../support/workbooks";
import { buildReport, projectData, sampleData, squash, writeSheetsOnly } from "./fixtures";

const OUT = path.join(__dirname, "../../test-output/report");
const IND_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"];
const FUND_HEADER = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
/** The landscape page body the sheet paginates against (appendixSheet.ts), in points. */
const PAGE_BODY_PT = ((210 - 37 - 35) / 25.4) * 72;

/** About 60 indicators in many groups: the table runs over several pages. */
const bigData = () => generateInput(7, { indicators: 60, type: "项目支出" });

const appendixSheet = (r: CommandResult): SheetPlan => r.plan.sheets.find((s) => s.name === SHEET.appendix)!;
const formOf = (r: CommandResult): OfficialForm => {
  const ev = r.evaluation;
  return buildOfficialForm(ev, buildScoreSheet([ev]).layouts[0]);
};
const at = (sheet: SheetPlan, row: number, col: number): PlanCell | null => sheet.cells[row - 1]?.[col - 1] ?? null;
/** The merged range holding a cell, as [first row, last row], or the cell's own row. */
function mergedRows(sheet: SheetPlan, row: number, col: number): [number, number] {
  for (const m of sheet.merges) {
    const [a, z] = m.split(":").map(parseA1);
    if (a.col <= col && col <= z.col && a.row <= row && row <= z.row) return [a.row, z.row];
  }
  return [row, row];
}
/** What a cell shows: the master's value where it lies inside a vertical merge. */
const shown = (sheet: SheetPlan, row: number, col: number) => at(sheet, mergedRows(sheet, row, col)[0], col)?.v;
const headerRow = (sheet: SheetPlan) => sheet.cells.findIndex((r) => r[1]?.v === "一级指标" && r[8]?.v === IND_HEADER[7]) + 1;

describe("the 附表 form on the bundled sample", () => {
  let result: CommandResult;
  let sheet: SheetPlan;
  let form: OfficialForm;
  let scores: SheetPlan;

  beforeAll(async () => {
    ({ result } = await buildReport(sampleData()));
    sheet = appendixSheet(result);
    form = formOf(result);
    scores = result.plan.sheets.find((s) => s.name === SHEET.scores)!;
  });

  /** The cached value of a 评分结果 cell a figure formula references. */
  const scoreCell = (f: string): PlanCell | null => {
    const m = /^'评分结果'!(\$?[A-Z]+\$?\d+)$/.exec(f);
    if (!m) throw new Error(`not a reference to 评分结果: ${f}`);
    const { row, col } = parseA1(m[1]);
    return at(scores, row, col);
  };

  test("the report writes 自评报告 then 自评报告附表, an owned sheet", () => {
    expect(result.plan.sheets.map((s) => s.name)).toEqual([SHEET.scores, SHEET.report, SHEET.appendix]);
  });

  test("the form's data: title, year, unit, the fund block with the execution item, goals, indicators, 总分", () => {
    const ev = result.evaluation;
    expect(form.title).toBe("部门整体支出绩效自评表");
    expect(form.period).toBe("（2023年度）");
    expect(form.info).toEqual([[{ label: "单位名称", value: ev.input.info.unitName }]]);
    expect(form.fund.rows.map((r) => r.label.trim())).toEqual(["年度资金总额", "其中：基本支出", "项目支出"]);
    expect(form.fund.rows[0].budget?.value).toBe(ev.budget.total);
    expect(form.fund.rows[0].spent?.value).toBe(ev.spent.total);
    const execution = ev.items.find((i) => i.indicator.method === "执行率")!;
    expect(form.fund.weight?.value).toBe(execution.weight);
    expect(form.fund.score?.value).toBe(execution.score);
    expect(form.fund.rate?.value).toBe(ev.scoringRate);
    expect(form.goals?.planned).toBe(
      sampleData()
        .texts.filter(([s]) => s === "部门整体支出绩效目标")
        .map(([, t]) => t)
        .join("\n"),
    );
    const others = ev.items.filter((i) => i !== execution);
    expect(form.indicators.map((i) => i.name)).toEqual(others.map((i) => i.indicator.name));
    // A number in a percent-formatted cell reads as the cell shows it.
    expect(form.indicators.find((i) => i.name === "市直机关党员干部对工委服务满意度")?.actual).toBe("93.5%");
    expect([form.total.weight.value, form.total.score.value]).toEqual([ev.maxScore, ev.totalScore]);
  });

  test("the sheet: A4 landscape, the indicator header as print titles, print area over the nine columns", () => {
    const h = headerRow(sheet);
    expect(h).toBeGreaterThan(0);
    expect(sheet.cells[h - 1].slice(1).map((c) => c?.v)).toEqual(IND_HEADER);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: "A4",
      orientation: "landscape",
      printArea: `A1:I${sheet.cells.length}`,
      printTitleRows: `${h}:${h}`,
      fitToWidth: true,
    });
    expect(sheet.pageSetup!.centerFooter).toContain("&P");
    // The columns fit the printable width of A4 landscape with the 公文 margins (no scaling needed).
    const printablePx = ((297 - 28 - 26) / 25.4) * 96;
    expect(sheet.columnWidths.reduce((s, w) => s + Math.trunc(w * 7 + 5), 0)).toBeLessThanOrEqual(printablePx);
  });

  test("title, year, unit and the fund block, its label merged down its rows", () => {
    const values = sheet.cells.map((r) => r.map((c) => c?.v));
    expect(values[0][0]).toBe("部门整体支出绩效自评表");
    expect(values[1][0]).toBe("（2023年度）");
    expect(sheet.merges).toEqual(expect.arrayContaining(["A1:I1", "A2:I2"]));
    expect(values[2].slice(0, 4)).toEqual(["单位名称", "", "", "中国共产党广州市直属机关工作委员会"]);
    const fundHeader = values.findIndex((r) => r[3] === "年初预算数") + 1;
    expect(values[fundHeader - 1].slice(3)).toEqual(FUND_HEADER);
    expect(at(sheet, fundHeader, 1)?.v).toBe("部门资金（万元）");
    expect(mergedRows(sheet, fundHeader, 1)).toEqual([fundHeader, fundHeader + form.fund.rows.length]);
    const total = fundHeader + 1;
    expect(at(sheet, total, 2)?.v).toBe("年度资金总额");
    // Each figure references 评分结果 and caches the evaluation's value, which is 评分结果's too.
    const ev = result.evaluation;
    const expected = [ev.initialBudget.total, ev.budget.total, ev.spent.total, 10, ev.scoringRate, 10];
    expected.forEach((v, i) => {
      const c = at(sheet, total, 4 + i)!;
      expect(c.f).toMatch(/^'评分结果'!/);
      expect(c.v).toBe(v);
      expect(scoreCell(c.f!)?.v).toBe(v);
    });
    expect(sheet.styles[at(sheet, total, 8)!.s!].numFmt).toBe("0.00%");
    // 年度总体目标: its label merged down, 预期目标 | 实际完成情况.
    const goals = values.findIndex((r) => r[1] === "预期目标") + 1;
    expect(at(sheet, goals, 6)?.v).toBe("实际完成情况");
    expect(at(sheet, goals, 1)?.v).toBe("年度总体目标");
    expect(mergedRows(sheet, goals, 1)[1]).toBeGreaterThan(goals);
  });

  test("every indicator in order, 一级/二级 merged down their groups, figures live, 总分 last", () => {
    const h = headerRow(sheet);
    const rows = form.indicators.map((_, i) => h + 1 + i);
    form.indicators.forEach((ind, i) => {
      const r = rows[i];
      expect(at(sheet, r, 4)?.v).toBe(ind.name);
      expect(shown(sheet, r, 2)).toBe(ind.level1);
      expect(shown(sheet, r, 3)).toBe(ind.level2);
      expect(shown(sheet, r, 1)).toBe("绩效指标");
      expect([at(sheet, r, 5)?.v, at(sheet, r, 6)?.v, at(sheet, r, 9)?.v]).toEqual([ind.target, ind.actual, ind.deviation]);
      for (const [col, fig] of [
        [7, ind.weight],
        [8, ind.score],
      ] as const) {
        const c = at(sheet, r, col)!;
        // Relative references: one R1C1 formula down a run of rows.
        expect(c.f).toMatch(/^'评分结果'![A-Z]+\d+$/);
        expect(c.v).toBe(fig!.value);
        expect(scoreCell(c.f!)?.v).toBe(fig!.value);
      }
    });
    // Groups of more than one row are merged (the sample has several).
    expect(sheet.merges.filter((m) => m.startsWith("B")).length).toBeGreaterThan(1);
    const last = sheet.cells.length;
    expect(at(sheet, last, 1)?.v).toBe("总分");
    expect(sheet.merges).toContain(`A${last}:F${last}`);
    expect(at(sheet, last, 7)).toMatchObject({ f: "'评分结果'!$B$15", v: result.evaluation.maxScore });
    expect(at(sheet, last, 8)).toMatchObject({ f: "'评分结果'!$B$16", v: result.evaluation.totalScore });
  });

  test("rows have heights that hold their wrapped text; no row over Excel's 409 pt", () => {
    sheet.cells.forEach((_, i) => {
      expect(sheet.rowHeights[i + 1]).toBeGreaterThan(0);
      expect(sheet.rowHeights[i + 1]).toBeLessThanOrEqual(409);
    });
    // The longest target (a 定性 one) wraps over several lines of its column.
    const h = headerRow(sheet);
    const r = h + 1 + form.indicators.findIndex((i) => i.name === "机关作风建设成效");
    expect(sheet.rowHeights[r]).toBeGreaterThanOrEqual(4 * 12 * 1.2);
  });
});

describe("the 附表 keeps the user's text as text", () => {
  test("names, targets and reasons starting with = + - @ are constants; every formula reads 评分结果", async () => {
    const data = projectData();
    data.indicators[0].name = "=1+1";
    data.indicators[1].deviation = "+SUM(A1)";
    data.indicators[3].name = "@x";
    const { result } = await buildReport(data);
    const sheet = appendixSheet(result);
    const all = sheet.cells.flat().filter((c): c is PlanCell => c !== null);
    for (const s of ["=1+1", "+SUM(A1)", "@x"]) {
      const cell = all.find((c) => c.v === s);
      expect(cell).toBeDefined();
      expect(cell!.f).toBeUndefined();
      expect(sheet.styles[cell!.s!].numFmt).toBe("@");
    }
    for (const c of all.filter((x) => x.f !== undefined)) expect(c.f).toMatch(/^'评分结果'!\$?[A-Z]+\$?\d+$/);
    // 项目支出: the project's name line, and the execution item (预算执行率) in the fund block.
    const form = formOf(result);
    expect(form.title).toBe("项目支出绩效自评表");
    expect(form.info.map((l) => l.map((p) => p.label))).toEqual([["项目名称"], ["单位名称"]]);
    expect(form.fund.weight?.value).toBe(10);
    expect(form.indicators.map((i) => i.name)).not.toContain("预算执行率");
  });
});

describe("a 附表 over several pages (60 indicators)", () => {
  let sheet: SheetPlan;
  let form: OfficialForm;

  beforeAll(async () => {
    const { result } = await buildReport(bigData());
    sheet = appendixSheet(result);
    form = formOf(result);
  });

  test("breaks fall between rows; each page fits; no merged label crosses a break, each page restates its labels", () => {
    const breaks = sheet.pageBreaksAfter ?? [];
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    const h = headerRow(sheet);
    const bounds = [0, ...breaks, sheet.cells.length];
    for (let p = 0; p + 1 < bounds.length; p++) {
      let used = p > 0 && bounds[p] >= h ? sheet.rowHeights[h] : 0;
      for (let r = bounds[p] + 1; r <= bounds[p + 1]; r++) used += sheet.rowHeights[r];
      expect(used).toBeLessThanOrEqual(PAGE_BODY_PT);
    }
    for (const m of sheet.merges) {
      const [a, z] = m.split(":").map(parseA1);
      for (const b of breaks) expect(a.row <= b && z.row > b).toBe(false);
    }
    for (const b of breaks.filter((x) => x >= h)) {
      const first = b + 1;
      if (first === sheet.cells.length) continue; // 总分 alone
      for (const col of [1, 2, 3]) expect(String(at(sheet, first, col)?.v)).not.toBe("");
    }
    expect(form.indicators.length).toBeGreaterThanOrEqual(55);
  });
});

const run = libreOfficeAvailable() ? describe : describe.skip;

run("the 附表 rendered by LibreOffice", () => {
  const dir = tempDir("appendix");
  const files = {
    sample: path.join(dir, "appendix-sample.xlsx"),
    big: path.join(dir, "appendix-big.xlsx"),
    bigDocx: path.join(dir, "appendix-big-report.docx"),
  };
  const pdf = (file: string) => file.replace(/\.\w+$/, ".pdf");
  let sample: { form: OfficialForm; sheet: SheetPlan };
  let big: { form: OfficialForm; sheet: SheetPlan };

  beforeAll(async () => {
    const s = await buildReport(sampleData());
    sample = { form: formOf(s.result), sheet: appendixSheet(s.result) };
    // The sample prints both report sheets: portrait pages, then landscape ones.
    await writeSheetsOnly(s, files.sample, [SHEET.report, SHEET.appendix]);
    const b = await buildReport(bigData());
    big = { form: formOf(b.result), sheet: appendixSheet(b.result) };
    await writeSheetsOnly(b, files.big, [SHEET.appendix]);
    fs.writeFileSync(files.bigDocx, await reportDocx(b.result));
    convert(Object.values(files), "pdf", dir);
    fs.mkdirSync(OUT, { recursive: true });
    for (const file of Object.values(files)) {
      const stem = path.basename(file).replace(/\.(\w+)$/, "-$1");
      for (const old of fs.readdirSync(OUT).filter((f) => f.startsWith(stem + "-"))) fs.unlinkSync(path.join(OUT, old));
      renderPng(pdf(file), path.join(OUT, stem), 60);
    }
  });

  const landscapePages = (file: string) =>
    pdfPageSizes(pdf(file)).flatMap((s, i) => (Math.abs(s.width - 841.9) < 1 && Math.abs(s.height - 595.3) < 1 ? [i + 1] : []));

  test("the 附表 sheet prints on A4 landscape pages, after the report's portrait ones, as paginated: nothing cut", () => {
    const sizes = pdfPageSizes(pdf(files.sample));
    const land = landscapePages(files.sample);
    expect(land.length).toBe((sample.sheet.pageBreaksAfter?.length ?? 0) + 1);
    expect(land[0]).toBe(sizes.length - land.length + 1);
    for (const s of sizes.slice(0, land[0] - 1)) expect(Math.round(s.width)).toBe(595);
    // The big table: every page landscape, exactly the pages planned (no column pushed onto extra pages).
    const bigSizes = pdfPageSizes(pdf(files.big));
    expect(landscapePages(files.big)).toHaveLength(bigSizes.length);
    expect(bigSizes.length).toBe(big.sheet.pageBreaksAfter!.length + 1);
  });

  test("every indicator, its figures and 总分 are printed", () => {
    for (const [file, { form }] of [
      [files.sample, sample],
      [files.big, big],
    ] as const) {
      const raw = squash(pdfText(pdf(file), "raw"));
      for (const ind of form.indicators) expect(raw).toContain(squash(ind.name));
      const lines = pdfText(pdf(file)).split("\n");
      const totalLine = lines.find((l) => /^\s*总分\s/.test(l));
      expect(totalLine?.trim().split(/\s+/)).toEqual(["总分", formFigureText(form.total.weight), formFigureText(form.total.score)]);
    }
    // Short names (指标N) print on one line with their 分值 and 得分.
    const lines = pdfText(pdf(files.big)).split("\n");
    for (const ind of big.form.indicators) {
      const line = lines.find((l) => new RegExp(`(^|\\s)${ind.name}\\s`).test(l));
      expect(line).toBeDefined();
      const words = line!.trim().split(/\s+/);
      const i = words.indexOf(ind.name);
      expect(words.slice(i + 1)).toEqual(expect.arrayContaining([formFigureText(ind.weight!), formFigureText(ind.score!)]));
    }
  });

  test("the indicator header is repeated at the top of every page of the table, with its right-most column", () => {
    const pages = pdfPageSizes(pdf(files.big)).length;
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(pdf(files.big), "layout", p);
      const header = text.split("\n").find((l) => l.includes("一级指标"));
      expect(header).toMatch(/一级指标\s+二级指标\s+三级指标\s+年度指标值\s+实际完成值\s+分值\s+得分/);
      // The last header cell wraps onto lines of its own.
      expect(squash(text)).toMatch(/偏差原因分析及改进措\S{0,80}施/);
    }
  });

  test("the .docx ends with the 附表 on landscape pages: a table with every indicator, its header repeated", () => {
    const land = landscapePages(files.bigDocx);
    expect(land.length).toBeGreaterThanOrEqual(2);
    const sizes = pdfPageSizes(pdf(files.bigDocx));
    expect(land[land.length - 1]).toBe(sizes.length);
    const raw = land.map((p) => squash(pdfText(pdf(files.bigDocx), "raw", p))).join("");
    expect(raw).toContain(squash(big.form.title));
    for (const s of ["年度资金总额", "年初预算数", "执行率", "三级指标", "实际完成值", "总分"]) expect(raw).toContain(s);
    // Each name with its 年度指标值 after it: the row reads across, in order.
    for (const ind of big.form.indicators) expect(raw).toContain(squash(ind.name + ind.target));
    for (const p of land.slice(1)) expect(pdfText(pdf(files.bigDocx), "layout", p)).toMatch(/一级指标\s+二级指标\s+三级指标/);
  });

  test("every file written passes the OOXML checks", () => {
    for (const file of Object.values(files)) expect(ooxmlProblems(file)).toBe("");
  });
});
