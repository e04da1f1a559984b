/**
 * WPS re-runs keep every link: text stays text; input sheets are never written; an interrupted
 * run's `~jx…` sheets are cleaned up by the next read. That a user's =评分结果!B…, defined name and
 * chart series survive re-runs, and the cleanup of an interrupted run, are shown for both hosts at
 * once, in test/unit/hostScenarios.test.ts.
 */
import { INPUT_SHEETS } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import { SheetBuilder, text } from "../../../src/core/plan";
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
