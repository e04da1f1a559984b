/**
 * The scenarios both hosts must pass alike, written once and run through the office.js adapter over
 * the fake Excel and the WPS adapter over the fake ET:
 * - re-runs keep every link (issue 10): owned sheets are updated in place, so a user's formula on a
 *   cover sheet, a defined name and a chart series over 评分结果 still point at the key figures after
 *   re-runs of 生成报告 and 计算得分, and the key figures have workbook-level names;
 * - an interrupted run's `~jx…` sheets are cleaned up by the next read (the owned sheet restored
 *   from its backup, in place), or by cleanLeftovers on its own as the pane calls it when it opens.
 */
import { KEY_FIGURES } from "../../src/core/engine";
import { runCommand } from "../support/run";
import { parseA1 } from "../../src/core/cells";
import type { FakeWorkbook } from "../../src/playground/excel/model";
import { createFakeEtApplication } from "../../src/playground/et/application";
import type { HostWorkbook } from "../../src/app/host";
import { backupName, tempName } from "../../src/adapters/shared/ownedSheets";
import { ALL_SHEETS } from "../../src/port/workbook";
import { sampleWorkbook } from "./officejs/fixtures";
import { etPort, excelPort } from "./wps/hosts";

/** A host over a model: the port of one run (`tag` names its temporary sheets), a new one per run as the pane makes it. */
type Host = (model: FakeWorkbook) => (tag: string) => HostWorkbook;

const HOSTS: Array<[string, Host]> = [
  ["Excel (office.js)", (model) => (tag) => excelPort(model, tag)],
  [
    "WPS (ET)",
    (model) => {
      const app = createFakeEtApplication({ model });
      return (tag) => etPort(app, tag);
    },
  ],
];

/** A user's cover sheet, a name of their own and a chart, all over 评分结果's key figures. */
function addUserLinks(model: FakeWorkbook, score: string, grade: string) {
  const cover = model.addSheet("封面");
  model.cellForWrite(cover, 1, 1).formula = `=评分结果!${score}`;
  model.cellForWrite(cover, 2, 1).formula = `="等级："&评分结果!${grade}`;
  model.names.set("我的得分", `=评分结果!${score}`);
  model.charts.push({ sheet: "封面", name: "得分图", series: [`=SERIES(,,评分结果!${score}:${grade},1)`] });
}

/** The plan's value at an absolute address of 评分结果 ("$B$16"). */
function planValue(plan: { sheets: Array<{ name: string; cells: Array<Array<{ v: unknown } | null>> }> }, address: string) {
  const { row, col } = parseA1(address);
  return plan.sheets.find((s) => s.name === "评分结果")!.cells[row - 1][col - 1]?.v;
}

test.each(HOSTS)(
  "%s: a cover sheet's =评分结果!B…, a defined name and a chart series survive re-runs of 生成报告 and 计算得分",
  async (_host, host) => {
    const model = await sampleWorkbook();
    const port = host(model);
    const first = await runCommand(port("a"), "report");
    const names = new Map(first.plan.names!.map((n) => [n.name, n.address]));
    const score = names.get("自评得分")!;
    const grade = names.get("自评等级")!;
    addUserLinks(model, score, grade);
    const ids = model.sheets.map((s) => [s.name, s.id]);
    const links = () => ({
      cover: [model.cell(model.findSheet("封面")!, 1, 1)!.formula, model.cell(model.findSheet("封面")!, 2, 1)!.formula],
      mine: model.names.get("我的得分"),
      chart: model.charts[0],
    });
    const before = links();

    for (const [i, command] of (["report", "score", "score"] as const).entries()) {
      const result = await runCommand(port(`r${i}`), command);
      // The same sheets, the same identities (never deleted and re-added), nothing temporary left.
      expect(model.sheets.map((s) => [s.name, s.id])).toEqual(ids);
      expect(links()).toEqual(before);
      expect(JSON.stringify(links())).not.toMatch(/#REF!|~jx/);
      // The linked cells hold the key figures: the total (a formula) and the grade.
      expect(result.summary.score.total).toBeGreaterThan(0);
      expect(planValue(result.plan, score)).toBe(result.summary.score.total);
      expect(planValue(result.plan, grade)).toBe(result.summary.score.grade);
      const at = /^\$B\$(\d+)$/.exec(score)!;
      expect(model.cell(model.findSheet("评分结果")!, Number(at[1]), 2)!.formula).toMatch(/^=ROUND\(SUM\(/);
    }
    for (const [name] of KEY_FIGURES) expect(model.names.get(name)).toMatch(/^='评分结果'!\$[A-Z]+\$\d+$/);
  },
);

test.each(HOSTS)(
  "%s: an interrupted run's backup is put back over its owned sheet, its temporary sheet removed, and the next read says so",
  async (_host, host) => {
    const model = await sampleWorkbook();
    const port = host(model);
    await runCommand(port("a"), "report");
    const owned = model.findSheet("评分结果")!;
    const good = model.clone().dump();
    // What a run cut off in its final request leaves: the backup, a half-written 评分结果, a temporary sheet.
    model.renameSheet(model.copySheet(owned), backupName("zz", "评分结果"));
    owned.cells.clear();
    model.cellForWrite(owned, 1, 1).value = "半截";
    owned.freeze = null;
    model.addSheet(tempName("zz", 1));
    const next = port("b");
    const snapshot = await next.read(ALL_SHEETS);
    expect(next.leftovers).toEqual({ restored: ["评分结果"], removed: [tempName("zz", 1)] });
    expect(snapshot.sheetNames.some((n) => n.startsWith("~jx"))).toBe(false);
    expect(model.dump()).toEqual(good);
    // Restored in place: the sheet users link to keeps its identity.
    expect(model.findSheet("评分结果")).toBe(owned);
  },
);

test.each(HOSTS)(
  "%s: cleanLeftovers on its own, as the pane calls it when it opens, and nothing left the second time",
  async (_host, host) => {
    const model = await sampleWorkbook();
    const names = model.sheets.map((s) => s.name);
    model.addSheet(tempName("q", 0));
    const port = host(model)("c");
    expect(await port.cleanLeftovers?.()).toEqual({ restored: [], removed: [tempName("q", 0)] });
    expect(model.sheets.map((s) => s.name)).toEqual(names);
    expect(await port.cleanLeftovers?.()).toEqual({ restored: [], removed: [] });
  },
);
