/**
 * The page side of the real-client harness: the office.js adapter and the engine, bundled, run
 * through Microsoft's Excel client (`excel-web-16.00.js`, loaded before this) against a URL whose
 * ProcessQuery the test server answers from the fake workbook model.
 */
import { type Command, runCommand } from "../../src/core/engine";
import { OfficeJsWorkbook } from "../../src/adapters/officejs/officeWorkbook";

declare global {
  interface Window {
    jxRealClient: (url: string, command: Command, tag: string) => Promise<{ score: number | null; error?: string; code?: string }>;
  }
}

window.jxRealClient = async (url, command, tag) => {
  const context = new Excel.RequestContext(url);
  try {
    const result = await runCommand(new OfficeJsWorkbook(context, { tag }), command);
    return { score: result.summary.score.total };
  } catch (e) {
    const err = e as OfficeExtension.Error;
    return { score: null, error: err.message, code: err.code };
  }
};
