/**
 * WPS re-runs keep every link: text stays text; input sheets are never written; an interrupted
 * run's `~jx…` sheets are cleaned up by the next read. That a user's =评分结果!B…, defined name and
 * chart series survive re-runs is shown for both hosts at once, in test/unit/hostLinks.test.ts.
 */
import { INPUT_SHEETS } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import { backupName, tempName } from "../../../src/adapters/shared/ownedSheets";
import type { EtWorkbookPort } from "../../../src/adapters/wps/etWorkbook";
import { SheetBuilder, text } from "../../../src/core/plan";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { createFakeEtApplication } from "../../../src/playground/et/application";
import { generatedWorkbook } from "../../../src/playground/generatedWorkbook";
import { etPort } from "./hosts";

test("input sheets are never written", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(3, 4) });
  const inputs = () => app.model.dump().filter((s) => INPUT_SHEETS.some((n) => s.includes(`"name":"${n}"`)));
  const before = inputs();
  expect(before).toHaveLength(INPUT_SHEETS.length);
  await runCommand(etPort(app), "report");
  await runCommand(etPort(app), "score");
  expect(inputs()).toEqual(before);
});

test("text that looks like a formula, a number or a boolean stays text", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(1, 1) });
  const texts = ["=1+1 开头的文字", "=SUM(A1:A2)", "-5", "001", "TRUE", "+3"];
  const sheet = new SheetBuilder("评分结果", {})
    .row(
      1,
      1,
      texts.map((t) => text(t)),
    )
    .build();
  await etPort(app).apply({ sheets: [sheet] });
  const out = app.model.findSheet("评分结果")!;
  const cells = texts.map((_, i) => app.model.cell(out, 1, i + 1)!);
  expect(cells.map((c) => [c.value, c.formula ?? null, c.numberFormat])).toEqual(texts.map((t) => [t, null, "@"]));
});

test("an interrupted run's backup is put back over its owned sheet and its temporary sheet removed by the next read", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(3, 4) });
  const model = app.model;
  await runCommand(etPort(app, "a"), "score");
  const owned = model.findSheet("评分结果")!;
  const good = model.dump();
  // What a run cut off mid-way leaves: the backup, the owned sheet half-written, a temporary sheet.
  model.renameSheet(model.copySheet(owned), backupName("z", "评分结果"));
  model.cellForWrite(owned, 1, 1).value = "半截";
  owned.freeze = null;
  model.addSheet(tempName("z", 1));
  const port = etPort(app, "b") as EtWorkbookPort;
  const snap = await port.read(ALL_SHEETS);
  expect(port.leftovers).toEqual({ restored: ["评分结果"], removed: [tempName("z", 1)] });
  expect(snap.sheetNames.some((n) => n.startsWith("~jx"))).toBe(false);
  expect(model.dump()).toEqual(good);
  expect(model.findSheet("评分结果")).toBe(owned);
});

test("cleanLeftovers on its own, as the pane calls it when it opens", async () => {
  const app = createFakeEtApplication({ model: generatedWorkbook(2, 2) });
  app.model.addSheet(tempName("q", 0));
  const port = etPort(app) as EtWorkbookPort;
  expect(await port.cleanLeftovers()).toEqual({ restored: [], removed: [tempName("q", 0)] });
  expect(app.model.sheets.map((s) => s.name)).toEqual(INPUT_SHEETS);
  expect(await port.cleanLeftovers()).toEqual({ restored: [], removed: [] });
});
