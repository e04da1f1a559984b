/**
 * Golden tests on the bundled sample: the report's title, headings and computed sentences equal the
 * model report's (whitespace aside); the sheet holds the sentences as formulas over 评分结果; a
 * 项目支出 input gets the project report; user paragraphs stay text; the sheet fits A4.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reportDocx } from "../../src/adapters/docx/reportDocx";
import { SHEET } from "../../src/core/contract";
import type { Evaluation } from "../../src/core/evaluate";
import { excelRound, formatAmount, formatRate, formatScore } from "../../src/core/format";
import type { PlanCell, SheetPlan } from "../../src/core/plan";
import { type Block, type ReportModel, partsText } from "../../src/core/report";
import { PAGE_MARGINS_MM } from "../../src/core/report/sheet";
import { columnPixels, displayUnits, splitParagraph, titleLines, unitsPerLine } from "../../src/core/report/typography";
import {
  INJECTIONS,
  SEED_CONCLUSION,
  SEED_FINANCE,
  SEED_REPORT,
  buildReport,
  injectionData,
  projectData,
  reportOf,
  sampleData,
  seedHeadings,
  squash,
} from "./fixtures";

const reportSheet = (plan: SheetPlan[]): SheetPlan => plan.find((s) => s.name === SHEET.report)!;
const cells = (sheet: SheetPlan): PlanCell[] => sheet.cells.flat().filter((c): c is PlanCell => c !== null);
const headings = (m: ReportModel) =>
  m.blocks.filter((b): b is Extract<Block, { kind: "heading" }> => b.kind === "heading").map((b) => b.text);
const paragraphs = (m: ReportModel) => m.blocks.flatMap((b) => (b.kind === "paragraph" ? [partsText(b.parts)] : []));

/** Paragraph texts under a heading, up to the next heading. */
function section(m: ReportModel, heading: string): string[] {
  const i = m.blocks.findIndex((b) => b.kind === "heading" && b.text === heading);
  expect(i).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const b of m.blocks.slice(i + 1)) {
    if (b.kind !== "paragraph") break;
    out.push(partsText(b.parts));
  }
  return out;
}

describe("report on the bundled sample", () => {
  let model: ReportModel;
  let sheet: SheetPlan;
  let ev: Evaluation;

  beforeAll(async () => {
    const { result } = await buildReport(sampleData());
    ev = result.evaluation;
    model = reportOf(result);
    sheet = reportSheet(result.plan.sheets);
  });

  test("title and headings follow the model report, in order", () => {
    const seed = fs.readFileSync(SEED_REPORT, "utf8").split("\n").map(squash).filter(Boolean);
    expect(model.title).toBe(seed[0]);
    expect(headings(model)).toEqual(seedHeadings());
    expect(model.blocks[model.blocks.length - 1]).toMatchObject({ kind: "appendix", title: "附表：部门整体支出绩效自评表" });
    // The sheet shows the same headings in the same order.
    const shown = cells(sheet).map((c) => squash(String(c.v)));
    const at = seedHeadings().map((h) => shown.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test("the computed sentences equal the model report's, whitespace aside", () => {
    expect(section(model, "（四）部门整体收支情况")[0]).toBe(SEED_FINANCE);
    expect(section(model, "（一）自评结论")).toEqual([SEED_CONCLUSION]);
  });

  test("in the sheet they are formulas over 评分结果 with the text as cached value", () => {
    for (const sentence of [SEED_FINANCE, SEED_CONCLUSION]) {
      const cell = cells(sheet).find((c) => squash(String(c.v)) === sentence);
      expect(cell?.f).toBeDefined();
      expect(cell!.f).toContain(`'${SHEET.scores}'!$B$`);
      expect(cell!.f).not.toMatch(/(^|[^'])评分结果!/);
    }
  });

  test("user paragraphs are copied in order; 履职效能分析 is generated from the indicators", () => {
    const texts = sampleData().texts;
    const own = texts.filter(([s]) => s === "部门职能").map(([, t]) => t);
    expect(section(model, "（一）部门职能")).toEqual(own);
    const generated = section(model, "（二）履职效能分析");
    const short = ev.items.filter((i) => i.score < i.weight);
    expect(short.length).toBeGreaterThan(0);
    for (const item of short) {
      const line = generated.find((p) => p.includes(`“${item.indicator.name}”`));
      expect(line).toBeDefined();
      expect(line).toContain(`得分${formatScore(item.score)}分`);
      expect(line).toContain(`扣${formatScore(excelRound(item.weight - item.score, 2))}分`);
      if (item.indicator.deviation) expect(line).toContain(item.indicator.deviation.replace(/[。；]$/, ""));
    }
    // The sheet says the generated paragraphs are static text.
    expect(sheet.notes.some((n) => n.text.includes("静态文字"))).toBe(true);
    // Facts only: no evaluative words the data cannot support.
    expect(generated.join("")).not.toMatch(/较好|圆满|显著|有力|扎实/);
  });

  test("the report ends with the 附表 line naming its sheet; the 附表 itself is not drawn here", () => {
    const shown = cells(sheet).map((c) => String(c.v).trim());
    expect(shown[shown.length - 1]).toBe(`附表：部门整体支出绩效自评表（见工作表“${SHEET.appendix}”）`);
    expect(shown).not.toContain("偏差原因分析及改进措施");
    expect(sheet.pageBreaksAfter ?? []).toEqual([]);
  });

  test("print layout: A4 portrait, print area over everything, columns inside the 公文 margins, no wrapped merges", () => {
    const p = sheet.pageSetup!;
    expect(p).toMatchObject({ paperSize: "A4", orientation: "portrait", printArea: `A1:A${sheet.cells.length}` });
    expect(p.centerFooter).toContain("&P");
    const printablePx = ((210 - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right) / 25.4) * 96;
    expect(sheet.columnWidths.reduce((s, w) => s + columnPixels(w), 0)).toBeLessThanOrEqual(printablePx);
    for (const range of sheet.merges) {
      const row = Number(/^A(\d+):/.exec(range)![1]);
      const cell = sheet.cells[row - 1][0]!;
      expect(sheet.styles[cell.s!].align?.wrap).toBeFalsy();
    }
    // Every text row has a height; none over Excel's 409 pt; each wrapped cell's height holds its lines.
    sheet.cells.forEach((row, i) => {
      const c = row[0];
      if (!c || c.v === "" || c.v === null) return;
      const h = sheet.rowHeights[i + 1];
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThanOrEqual(409);
      const style = sheet.styles[c.s!];
      if (style.align?.wrap && !sheet.merges.some((m) => m.startsWith(`A${i + 1}:`))) {
        const size = style.font!.size!;
        const perLine = unitsPerLine(columnPixels(sheet.columnWidths[0]) - 21 * (style.align.indent ?? 0), size);
        const minLines = Math.ceil(displayUnits(String(c.v)) / perLine);
        expect(h).toBeGreaterThanOrEqual(minLines * size * 1.2);
      }
    });
  });

  test("the .docx holds the title, the sentences and the appendix; A4 with the 公文 margins; East-Asian fonts set", async () => {
    const { result } = await buildReport(sampleData());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-docx-")), "r.docx");
    fs.writeFileSync(file, await reportDocx(result));
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const text = squash(xml.replace(/<w:tab\/>/g, "").replace(/<[^>]+>/g, ""));
    for (const s of [model.title, SEED_FINANCE, SEED_CONCLUSION, ...seedHeadings(), "附表：部门整体支出绩效自评表", "总分"])
      expect(text).toContain(s);
    // The body on A4 portrait, then the 附表 on A4 landscape, a section of its own.
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toMatch(/w:w="11906" w:h="16838"/);
    expect(sizes[1]).toMatch(/w:w="16838" w:h="11906"/);
    expect(sizes[1]).toContain('w:orient="landscape"');
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    const mm = (m: number) => String(Math.round((m * 1440) / 25.4));
    expect(xml).toContain(`w:top="${mm(37)}"`);
    expect(xml).toContain(`w:bottom="${mm(35)}"`);
    expect(xml).toContain(`w:left="${mm(28)}"`);
    expect(xml).toContain(`w:right="${mm(26)}"`);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    const fonts = execFileSync("unzip", ["-p", file, "word/fontTable.xml"], { encoding: "utf8" });
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    const footer = execFileSync("unzip", ["-p", file, "word/footer1.xml"], { encoding: "utf8" });
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });
});

describe("项目支出 report", () => {
  let model: ReportModel;
  let ev: Evaluation;

  beforeAll(async () => {
    const { result } = await buildReport(projectData());
    ev = result.evaluation;
    model = reportOf(result);
  });

  test("project title, headings and sentences", () => {
    expect(model.title).toBe("2024年度某某区教育局项目支出绩效自评报告");
    expect(headings(model)).toEqual([
      "一、项目基本情况",
      "（一）项目单位职能",
      "（二）项目资金收支情况",
      "二、绩效自评情况",
      "（一）自评结论",
      "（二）产出和效益分析",
      "（三）管理效率分析",
      "三、存在的主要问题",
      "四、下一步改进措施",
    ]);
    expect(model.blocks[model.blocks.length - 1]).toMatchObject({ kind: "appendix", title: "附表：项目支出绩效自评表" });
    expect(section(model, "（一）自评结论")[0]).toMatch(/^项目支出绩效自评总分100分，自评得分[\d.]+分，自评等级为“[优良中差]”。$/);
    const lines = projectData().budget;
    const sum = (k: "budget" | "spent") =>
      excelRound(
        lines.reduce((s, l) => s + Number(l[k]), 0),
        6,
      );
    expect(section(model, "（二）项目资金收支情况")[0]).toBe(
      `项目全年预算数${formatAmount(sum("budget"))}万元，全年实际支出数${formatAmount(sum("spent"))}万元；` +
        `年度预算执行进度达${formatRate(sum("spent") / sum("budget"))}。`,
    );
  });

  test("generated analysis names the shortfall, the over-achievement and the under-executed line with its 备注", () => {
    const perf = section(model, "（二）产出和效益分析").join("\n");
    const equipment = ev.items.find((i) => i.indicator.name === "购置教学设备")!.indicator;
    expect(perf).toContain(`“购置教学设备”：年度指标值≥50${equipment.unit}，实际完成值40${equipment.unit}`);
    expect(perf).toContain(`偏差原因分析及改进措施：${equipment.deviation}`);
    // The execution-rate item's reason is the 备注 of the under-executed line.
    expect(perf).toMatch(/“预算执行率”.*预算执行备注：“教学设备购置”/);
    const [trained, , , ,] = projectData().indicators;
    expect(perf).toContain(
      `“培训教师人次”（年度指标值≥400人次，实际完成值560人次，为年度指标值的${formatRate(Number(trained.actual) / Number(trained.target))}）`,
    );
    const eff = section(model, "（三）管理效率分析");
    const low = ev.input.budgetLines[1];
    expect(eff[1]).toContain(
      `“教学设备购置”全年预算数${formatAmount(low.budget.value)}万元，全年执行数${formatAmount(low.spent.value)}万元，` +
        `执行率${formatRate(low.spent.value / low.budget.value)}，备注：${low.remark}`,
    );
    const problems = section(model, "三、存在的主要问题");
    expect(problems.length).toBe(ev.items.filter((i) => i.score < i.weight).length + 2);
    expect(problems[0]).toMatch(/^一是/);
    expect(problems.join("")).toContain("年度指标值设置可能偏低");
  });
});

describe("user paragraphs are text", () => {
  test("= + - @ paragraphs are constants in the sheet and plain runs in the .docx", async () => {
    const { result } = await buildReport(injectionData());
    const sheet = reportSheet(result.plan.sheets);
    for (const s of INJECTIONS) {
      const cell = cells(sheet).find((c) => String(c.v).trim() === s);
      expect(cell).toBeDefined();
      expect(cell!.f).toBeUndefined();
      expect(sheet.styles[cell!.s!].numFmt).toBe("@");
    }
    expect(paragraphs(reportOf(result))).toEqual(expect.arrayContaining(INJECTIONS));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-docx-")), "i.docx");
    fs.writeFileSync(file, await reportDocx(result));
    const xml = execFileSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8", maxBuffer: 64 << 20 });
    for (const s of INJECTIONS) expect(xml).toContain(`>${s.replace(/&/g, "&amp;")}</w:t>`);
    expect(xml).not.toMatch(/fldSimple|instrText/);
  });
});

describe("typography helpers", () => {
  test("long paragraphs split at sentence ends; titles break into balanced lines", () => {
    const para = "一二三四五六七八九十。".repeat(30);
    const pieces = splitParagraph(para, 100);
    expect(pieces.join("")).toBe(para);
    expect(pieces.every((p) => displayUnits(p) <= 100 && p.endsWith("。"))).toBe(true);
    const lines = titleLines("2023年度中国共产党广州市直属机关工作委员会部门整体支出绩效自评报告", 38);
    expect(lines.join("")).toBe("2023年度中国共产党广州市直属机关工作委员会部门整体支出绩效自评报告");
    // Three lines at phrase boundaries rather than two that split 直属机关 / 工作委员会 (issue 9).
    expect(lines).toEqual(["2023年度中国共产党", "广州市直属机关工作委员会", "部门整体支出绩效自评报告"]);
    expect(lines.every((l) => displayUnits(l) <= 38)).toBe(true);
  });

  test("a long title breaks at a phrase boundary, never inside a word or a figure", () => {
    const t = "2023年度中国共产党广州市直属机关工作委员会部门整体支出绩效自评报告";
    // Room for the unit: the break falls after its name, before the report's kind.
    expect(titleLines(t, 50)).toEqual(["2023年度中国共产党广州市直属机关工作委员会", "部门整体支出绩效自评报告"]);
    // Narrower: the unit's name breaks after its place, never inside 工作委员会 or 直属机关.
    const narrow = titleLines(t, 38);
    expect(narrow.join("")).toBe(t);
    expect(narrow[narrow.length - 1]).toBe("部门整体支出绩效自评报告");
    for (const word of ["直属机关", "工作委员会", "中国共产党", "2023"]) expect(narrow.some((l) => l.includes(word))).toBe(true);
    expect(titleLines("2023年度市直机关党建品牌建设项目项目支出绩效自评报告", 40)).toEqual([
      "2023年度市直机关党建品牌建设项目",
      "项目支出绩效自评报告",
    ]);
    // No phrase fits: balanced lines, a figure kept whole.
    const odd = titleLines("关于预算执行率达到96.14%的说明与分析报告", 20);
    expect(odd.join("")).toBe("关于预算执行率达到96.14%的说明与分析报告");
    expect(odd.some((l) => l.includes("96.14%"))).toBe(true);
  });
});
