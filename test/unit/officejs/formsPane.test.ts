/**
 * The pane on official forms, over synthetic summaries and a minimal DOM: the line per form found,
 * the picker (remembered for 生成报告), rule and filled totals with both grades, the differences
 * (a click selects the 得分 cell), the 规则得分/填报得分 toggle passed as `scores`; the template's
 * card as before.
 */
import type { CommandResult, RunOptions } from "../../../src/core/engine";
import { refName } from "../../../src/core/problems";
import type { Summary } from "../../../src/core/summary";
import { fakeExcelRun } from "../../../src/playground/excel/context";
import { loadXlsx } from "../../../src/playground/xlsxBridge";
import { runScoring } from "../../../src/app/actions";
import { differencesOf, formLine, pickedForm, renderFormCard, reportOptions } from "../../../src/app/pane/forms";
import { enUS, zhCN } from "../../../src/app/i18n";
import { type MiniElement, asHtml, installMiniDom } from "./miniDom";
import { FORM_WORKBOOK, formWorkbookBytes } from "./formWorkbook";
import { formA, formB, formsSummary, templateSummary } from "./paneSummaries";

const body = installMiniDom();
const g = globalThis as unknown as Record<string, unknown>;
// taskpane.ts registers Office.onReady at load; the tests start the pane themselves.
g.Office = { onReady: () => undefined };
const { startPane } = require("../../../src/app/pane/pane") as typeof import("../../../src/app/pane/pane");

const text = (e: MiniElement | null) => (e ? e.textContent : null);
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("helpers", () => {
  test("one line per form: sheet：title · project · year", () => {
    expect(formLine(formA(), zhCN)).toBe("Sheet1：项目支出绩效自评表 · 市直机关党建品牌建设项目 · 2023年度");
    expect(formLine(formA(), enUS)).toBe("Sheet1: 项目支出绩效自评表 · 市直机关党建品牌建设项目 · 2023");
    // 部门整体 forms have no project: the unit stands in.
    expect(formLine({ ...formA(), title: "部门整体支出绩效自评表", project: "" }, zhCN)).toBe(
      "Sheet1：部门整体支出绩效自评表 · 市直机关党建研究会 · 2023年度",
    );
  });

  test("differences: rows with a filled 得分 other than the rule's, at the 得分 cell", () => {
    expect(differencesOf(formA())).toEqual([
      { name: "培训合格率", filled: 20, rule: 16.84, ref: { sheet: "Sheet1", row: 15, col: 8 } },
      { name: "学员满意度", filled: 20, rule: 15.56, ref: { sheet: "Sheet1", row: 18, col: 8 } },
    ]);
    expect(differencesOf(formB())).toEqual([]);
    // No 得分 cell known: the row's first cell.
    const f = formA();
    f.indicators[2].filledRef = undefined;
    expect(differencesOf(f)[0].ref).toEqual({ sheet: "Sheet1", row: 15, col: 4 });
  });

  test("the picked form: the chosen one if present, else the reported one, else the first", () => {
    const s = formsSummary([formA(), formB()], formB());
    expect(pickedForm(s, { formSheet: "Sheet1", scores: "rule" })?.sheet).toBe("Sheet1");
    expect(pickedForm(s, { formSheet: "gone", scores: "rule" })?.sheet).toBe("项目B");
    expect(pickedForm({ ...s, sheet: undefined }, { scores: "rule" })?.sheet).toBe("Sheet1");
  });

  test("run options: only for forms, naming a form that exists", () => {
    expect(reportOptions(null, { formSheet: "Sheet1", scores: "filled" })).toEqual({});
    expect(reportOptions(templateSummary(), { formSheet: "Sheet1", scores: "filled" })).toEqual({});
    expect(reportOptions(formsSummary(), { formSheet: "项目B", scores: "filled" })).toEqual({ formSheet: "项目B", scores: "filled" });
    expect(reportOptions(formsSummary(), { formSheet: "gone", scores: "rule" })).toEqual({ formSheet: "Sheet1", scores: "rule" });
  });
});

describe("the forms card", () => {
  const mount = (summary: Summary) => {
    const card = document.createElement("section") as unknown as MiniElement;
    const selected: string[] = [];
    const choice = { scores: "rule" as const } as { formSheet?: string; scores: "rule" | "filled" };
    renderFormCard(asHtml(card), summary, choice, zhCN, { selectCell: (ref) => selected.push(refName(ref)) });
    return { card, selected, choice };
  };

  test("two forms: both listed, a picker, the picked form's totals side by side", () => {
    const { card, choice } = mount(formsSummary());
    expect(text(card.querySelector("h2"))).toBe("找到 2 张自评表");
    expect(card.querySelectorAll(".jx-form-line").map((l) => l.textContent)).toEqual([
      "Sheet1：项目支出绩效自评表 · 市直机关党建品牌建设项目 · 2023年度",
      "项目B：项目支出绩效自评表 · 城市社区治理试点项目 · 2023年度",
    ]);
    const pick = card.querySelector("#jx-form-pick")!;
    expect(pick.querySelectorAll("option").map((o) => [o.value, o.textContent])).toEqual([
      ["Sheet1", "Sheet1：市直机关党建品牌建设项目"],
      ["项目B", "项目B：城市社区治理试点项目"],
    ]);
    expect(pick.value).toBe("Sheet1");
    expect(choice.formSheet).toBe("Sheet1");
    expect(text(card.querySelector("#jx-rule-total"))).toBe("89.3");
    expect(text(card.querySelector("#jx-rule-grade"))).toBe("良");
    expect(text(card.querySelector("#jx-filled-total"))).toBe("96.9");
    expect(text(card.querySelector("#jx-filled-grade"))).toBe("优");
    expect(text(card.querySelector("#jx-diff-count"))).toBe("2 处");
    expect(text(card.querySelector("#jx-form-rate"))).toBe("99%");
    expect(card.querySelectorAll(".jx-diff").map((d) => d.textContent)).toEqual(["培训合格率20 → 16.84", "学员满意度20 → 15.56"]);

    // Picking the other form shows its figures and is remembered.
    card.querySelector("#jx-form-pick")!.choose("项目B");
    expect(choice.formSheet).toBe("项目B");
    expect(card.querySelector("#jx-form-pick")!.value).toBe("项目B");
    expect(text(card.querySelector("#jx-rule-total"))).toBe("100");
    expect(text(card.querySelector("#jx-diff-count"))).toBe("0 处");
    expect(card.querySelectorAll(".jx-diff")).toHaveLength(0);
  });

  test("one form: no picker; a blank filled total reads —", () => {
    const only = formA();
    only.score = { ...only.score, filled: null, filledGrade: null };
    const { card } = mount(formsSummary([only]));
    expect(text(card.querySelector("h2"))).toBe("找到 1 张自评表");
    expect(card.querySelector("#jx-form-pick")).toBeNull();
    expect(text(card.querySelector("#jx-filled-total"))).toBe("—");
    expect(text(card.querySelector("#jx-filled-grade"))).toBe("—");
  });

  test("a click on a difference selects its 得分 cell; the toggle sets the scores", () => {
    const { card, selected, choice } = mount(formsSummary());
    const diff = card.querySelectorAll(".jx-diff")[1];
    expect(diff.title).toBe("点击定位到 Sheet1!H18");
    diff.click();
    expect(selected).toEqual(["Sheet1!H18"]);
    expect(card.querySelector("#jx-scores-rule")!.checked).toBe(true);
    expect(text(card.querySelector("#jx-scores-label"))).toBe("报告采用");
    card.querySelector("#jx-scores-filled")!.check();
    expect(choice.scores).toBe("filled");
    expect(card.querySelector("#jx-scores-rule")!.checked).toBe(false);
  });
});

describe("the pane", () => {
  const result = (summary: Summary, sheets = 1) =>
    ({ summary, plan: { sheets: Array.from({ length: sheets }, (_, i) => ({ name: `s${i}` })) } }) as unknown as CommandResult;

  const start = (summaries: Summary[]) => {
    const root = document.createElement("div") as unknown as MiniElement;
    body.replaceChildren(root);
    const calls: Array<{ command: string; options: RunOptions }> = [];
    const selected: string[] = [];
    const saved: string[] = [];
    let next = 0;
    let scored = false;
    startPane(asHtml(root), zhCN, true, {
      runScoring: async (command, options = {}) => {
        calls.push({ command, options });
        const s = summaries[Math.min(next++, summaries.length - 1)];
        // The engine states which scores the report used.
        const stated = s.source === "form" ? { ...s, reportedScores: options.scores ?? "rule" } : s;
        scored = true;
        return result(stated, command === "report" ? 2 : 1);
      },
      insertTemplate: async () => ({ created: [], existing: [] }),
      selectCell: async (ref) => void selected.push(refName(ref)),
      reportDocx: async () => new Uint8Array([0x50, 0x4b]),
      inspect: async () => ({ hasInputs: true, hasForms: false, scored, reported: false, fingerprint: "same" }),
      watch: async () => null,
      saveFile: (_bytes, name) => (saved.push(name), "anchor"),
    });
    return { root, calls, selected, saved };
  };

  test("计算得分 on forms → the card; the picked form and 填报得分 go to 生成报告; a difference selects its cell", async () => {
    const { root, calls, selected, saved } = start([formsSummary(), formsSummary([formA(), formB()], formB())]);
    root.querySelector("#jx-score")!.click();
    await flush();
    expect(calls[0]).toEqual({ command: "score", options: { profileId: "" } });
    expect(text(root.querySelector(".jx-bar-text"))).toBe("已写入“评分结果”表");
    const card = root.querySelector("#jx-summary")!;
    expect(card.hidden).toBe(false);
    expect(card.classList.contains("jx-forms")).toBe(true);
    expect(card.querySelector("#jx-total")).toBeNull();
    expect(card.querySelectorAll(".jx-form-line")).toHaveLength(2);
    // The warnings of every form are listed as before.
    expect(root.querySelectorAll(".jx-issue.jx-warning")).toHaveLength(1);

    root.querySelector(".jx-diff")!.click();
    await flush();
    expect(selected).toEqual(["Sheet1!H15"]);

    root.querySelector("#jx-form-pick")!.choose("项目B");
    root.querySelector("#jx-scores-filled")!.check();
    root.querySelector("#jx-report")!.click();
    await flush();
    await flush();
    expect(calls[1]).toEqual({ command: "report", options: { profileId: "", formSheet: "项目B", scores: "filled" } });
    expect(root.querySelector("#jx-form-pick")!.value).toBe("项目B");
    expect(root.querySelector("#jx-scores-filled")!.checked).toBe(true);
    expect(text(root.querySelector(".jx-bar-text"))).toBe("已写入“评分结果”和“自评报告”表（项目B，填报得分）。Word 报告已生成");
    root.querySelector("#jx-docx")!.click();
    expect(saved).toEqual(["2023年度城市社区治理试点项目绩效自评报告.docx"]);
  });

  test("a template workbook: the card as before, no form options", async () => {
    const { root, calls, saved } = start([templateSummary()]);
    root.querySelector("#jx-score")!.click();
    await flush();
    const card = root.querySelector("#jx-summary")!;
    expect(card.classList.contains("jx-forms")).toBe(false);
    expect(text(card.querySelector("h2"))).toBe("自评结果");
    const s = templateSummary();
    expect(text(card.querySelector("#jx-total"))).toBe(String(s.score.total));
    expect(text(card.querySelector("#jx-max"))).toBe(`/ ${s.score.max}`);
    expect(text(card.querySelector("#jx-grade"))).toBe(s.score.grade);
    expect(text(card.querySelector("#jx-rate-total"))).toBe("100%");
    // The status announces the card once; the card itself is not a live region.
    expect(text(root.querySelector(".jx-bar-text"))).toBe(
      // No-break spaces keep "96.9 / 100" on one line.
      `已写入“评分结果”表。自评得分\u00a0${s.score.total}\u00a0/\u00a0${s.score.max}，等级\u00a0${s.score.grade}`,
    );
    expect(card.getAttribute("aria-live")).toBeNull();
    expect(card.querySelector("#jx-scores")).toBeNull();
    root.querySelector("#jx-report")!.click();
    await flush();
    await flush();
    expect(calls.map((c) => c.options)).toEqual([{ profileId: "" }, { profileId: "" }]);
    expect(text(root.querySelector(".jx-bar-text"))).toMatch(/^已写入“评分结果”和“自评报告”表。/);
    root.querySelector("#jx-docx")!.click();
    expect(saved).toEqual(["2024年度某某局绩效自评报告.docx"]);
  });
});

describe("runScoring on a workbook of forms (the fake Excel)", () => {
  const run = async (command: "score" | "report", options: RunOptions) => {
    const model = await loadXlsx(await formWorkbookBytes());
    const excelRun = <T>(batch: (c: Excel.RequestContext) => Promise<T>) =>
      fakeExcelRun(model)((c) => batch(c as unknown as Excel.RequestContext));
    return { model, result: await runScoring(command, options, undefined, excelRun) };
  };

  test("every sheet is read; the summary lists both forms with their differences at the 得分 cells", async () => {
    const { result } = await run("score", {});
    const s = result.summary;
    expect(s.source).toBe("form");
    expect(s.forms!.map((f) => formLine(f, zhCN))).toEqual(FORM_WORKBOOK.lines);
    expect(differencesOf(s.forms![0]).map((d) => [d.name, refName(d.ref)])).toEqual(FORM_WORKBOOK.differences.map((d) => [d.name, d.cell]));
    expect(s.forms![0].differences).toBe(FORM_WORKBOOK.differences.length);
  });

  test("the picked form and the filled scores reach the engine; a picked sheet gone since falls back to the first form", async () => {
    const picked = await run("report", { formSheet: "项目B", scores: "filled" });
    expect(picked.result.summary.sheet).toBe("项目B");
    expect(picked.result.summary.reportedScores).toBe("filled");
    expect(picked.model.findSheet("自评报告")).toBeDefined();
    const gone = await run("report", { formSheet: "已删除的表", scores: "rule" });
    expect(gone.result.summary.sheet).toBe("Sheet1");
  });
});
