/**
 * The two host paths the WPS tests compare: the office.js adapter over the fake Excel, and the WPS
 * adapter over the fake ET, each run on its own copy of one workbook; and a normaliser per host to
 * one shape (what differs only by host convention: how a note is kept, "$" in print addresses).
 */
import * as fs from "fs";
import * as path from "path";
import { OfficeJsWorkbook } from "../../../src/adapters/officejs/officeWorkbook";
import { createEtWorkbook } from "../../../src/adapters/wps/etWorkbook";
import { type Command, planTemplate } from "../../../src/core/engine";
import { runCommand } from "../../support/run";
import type { HostWorkbook } from "../../../src/app/host";
import type { WorkbookPort } from "../../../src/port/workbook";
import { ALL_SHEETS } from "../../../src/port/workbook";
import { type FakeValidation, FakeWorkbook } from "../../../src/playground/excel/model";
import { FakeRequestContext } from "../../../src/playground/excel/context";
import { type FakeEtApplication, createFakeEtApplication } from "../../../src/playground/et/application";
import { isComment } from "../../../src/playground/et/range";
import { loadXlsx } from "../../../src/playground/xlsxBridge";
import { writeInputWorkbookBuffer } from "./inputs";

export type Host = "excel" | "et";
export type Step = Command | "template";

export const excelPort = (model: FakeWorkbook, tag = "t"): HostWorkbook =>
  new OfficeJsWorkbook(new FakeRequestContext(model) as unknown as Excel.RequestContext, { tag });

export const etPort = (app: FakeEtApplication, tag = "t"): HostWorkbook => createEtWorkbook(app, { tag });

/** One step as the pane runs it: 插入模板 (the missing input sheets), 计算得分 or 生成报告. */
export async function runStep(port: WorkbookPort, step: Step): Promise<void> {
  if (step === "template") {
    const snapshot = await port.read(ALL_SHEETS);
    await port.apply(planTemplate(snapshot, "部门整体支出").plan);
  } else await runCommand(port, step);
}

const ASSETS = path.join(__dirname, "../../../assets");

/** The workbooks the contract runs on, as .xlsx bytes (each host loads its own copy). */
export async function contractWorkbooks(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const { generateInput } = await import("../../fixtures/generate");
  const out: Array<{ name: string; bytes: Uint8Array }> = [
    { name: "sample.xlsx", bytes: fs.readFileSync(path.join(ASSETS, "sample.xlsx")) },
    { name: "sample-form.xlsx", bytes: fs.readFileSync(path.join(ASSETS, "sample-form.xlsx")) },
  ];
  for (const seed of [3, 7, 11]) out.push({ name: `generated seed ${seed}`, bytes: await writeInputWorkbookBuffer(generateInput(seed)) });
  return out;
}

export const loadModel = (bytes: Uint8Array): Promise<FakeWorkbook> => loadXlsx(bytes);

interface Note {
  row: number;
  col: number;
  text: string;
}

/**
 * A workbook state in one shape for both hosts. Notes: the office.js adapter keeps them as input
 * messages titled 说明 (limited to 255 characters), the WPS adapter as comments; print addresses
 * without "$"; tab colours without "#".
 */
export function normalise(model: FakeWorkbook, host: Host): unknown {
  const dump = model.dump().map((s) => JSON.parse(s) as Record<string, unknown>);
  const active = model.sheets.find((s) => s.id === model.activeSheetId)?.name;
  const sheets = dump
    .filter((s) => typeof s.name === "string")
    .map((s) => {
      const notes: Note[] = [];
      const validations: FakeValidation[] = [];
      for (const v of s.validations as FakeValidation[]) {
        // A note loaded from an .xlsx is a comment-shaped entry in both fakes.
        const excelNote = host === "excel" && v.prompt?.title === "说明";
        if (excelNote || isComment(v)) {
          notes.push({ row: v.rect.r1, col: v.rect.c1, text: (v.prompt?.message ?? "").slice(0, 255) });
          if (!v.list) continue;
          validations.push({ ...v, prompt: undefined });
        } else validations.push(v);
      }
      notes.sort((a, b) => a.row - b.row || a.col - b.col);
      const layout = s.pageLayout as Record<string, unknown>;
      for (const k of ["printArea", "printTitleRows"])
        if (typeof layout[k] === "string") layout[k] = (layout[k] as string).replace(/\$/g, "");
      // office.js reports a tab colour as "#RRGGBB", the .xlsx bridge and the ET fake as "RRGGBB".
      const tabColor = String(s.tabColor ?? "").replace(/^#/, "");
      return { ...s, tabColor, validations: JSON.parse(JSON.stringify(validations)) as unknown, notes };
    });
  const book = dump.find((s) => typeof s.name !== "string");
  return { active, sheets, book };
}

/** A copy of `model` for each host, the steps run through both, the two states normalised. */
export async function runBoth(model: FakeWorkbook, steps: readonly Step[], options: { wrapReads?: boolean } = {}) {
  const excelModel = model.clone();
  const app = createFakeEtApplication({ model: model.clone(), wrapReads: options.wrapReads });
  const excel = excelPort(excelModel);
  const et = etPort(app);
  const states: Array<{ step: Step; excel: unknown; et: unknown }> = [];
  for (const step of steps) {
    await runStep(excel, step);
    await runStep(et, step);
    states.push({ step, excel: normalise(excelModel, "excel"), et: normalise(app.model, "et") });
  }
  return { states, excelModel, app };
}

export { FakeWorkbook };
