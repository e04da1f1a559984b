/**
 * The page side of the WPS adapter check: the fake `window.Application` (src/playground/et/application.ts),
 * the adapter and the engine bundled for the browser, as the WPS pane will run them.
 */
import { runCommand } from "../support/run";
import { createEtWorkbook } from "../../src/adapters/wps/etWorkbook";
import { createFakeEtApplication } from "../../src/playground/et/application";
import { generatedWorkbook } from "../../src/playground/generatedWorkbook";

declare global {
  interface Window {
    jxWps: (rows: number) => Promise<{ dump: string[]; calls: number; writesWhileUpdating: number; score: number }>;
  }
}

window.jxWps = async (rows) => {
  const app = createFakeEtApplication({ model: generatedWorkbook(rows, rows), wrapReads: true });
  await runCommand(createEtWorkbook(app, { tag: "b" }), "score");
  const result = await runCommand(createEtWorkbook(app, { tag: "b" }), "report");
  return { dump: app.model.dump(), calls: app.calls, writesWhileUpdating: app.writesWhileUpdating, score: result.summary.score.total };
};
