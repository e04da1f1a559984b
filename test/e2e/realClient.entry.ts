/**
 * The page side of the real-client harness: the office.js adapter and the engine, bundled, run
 * through Microsoft's Excel client (`excel-web-16.00.js`, loaded before this) against a URL whose
 * ProcessQuery the test server answers from the fake workbook model.
 */
import { type Command } from "../../src/core/engine";
import { runCommand } from "../support/run";
import { OfficeJsWorkbook } from "../../src/adapters/officejs/officeWorkbook";
import { compareVersions } from "../../src/playground/excel/batching";
import { excelSelfTest } from "../../src/adapters/officejs/selfTest";
import type { SelfTestReport } from "../../src/adapters/shared/selfTest";

declare global {
  interface Window {
    jxRealClient: (
      url: string,
      command: Command,
      tag: string,
      apiVersion?: string,
    ) => Promise<{ score: number | null; error?: string; code?: string; skipped?: string[] }>;
    jxSelfTest: (url: string) => Promise<SelfTestReport>;
  }
}

/** The self-test (诊断) through Microsoft's client: every office.js call it makes goes over the wire. */
window.jxSelfTest = (url) =>
  excelSelfTest(new Excel.RequestContext(url), {
    supports: () => true,
    environment: [["Host", "Excel (Microsoft's client, excel-web-16.00.js)"]],
    saveHost: { platform: "OfficeOnline", downloadPage: `${url}/download.html` },
    eventWaitMs: 200,
  });

window.jxRealClient = async (url, command, tag, apiVersion) => {
  const context = new Excel.RequestContext(url);
  try {
    // A host of `apiVersion` (the server plays the same): what isSetSupported would answer there.
    const apiSupport = (v: string) => apiVersion === undefined || compareVersions(apiVersion, v) >= 0;
    const port = new OfficeJsWorkbook(context, { tag, apiSupport });
    const result = await runCommand(port, command);
    return { score: result.summary.score.total, skipped: port.skipped };
  } catch (e) {
    const err = e as OfficeExtension.Error;
    return { score: null, error: err.message, code: err.code };
  }
};
