/**
 * The WPS add-in's hidden entry page (index.html): WPS loads it when WPS 表格 starts and calls
 * the global functions ribbon.xml names. They stay synchronous — an `async` ribbon callback
 * broke the ribbon in a 12.1 build — so a command starts its work and returns at once; problems
 * are shown in a message box, in the UI language, as the Excel ribbon shows them in its dialog.
 */
// First: the shims the older engine needs, before any other module runs.
import "./polyfills";
import { noticeText, problemLines } from "../app/notice";
import type { Summary } from "../core/summary";
import { EVALUATION_TYPES } from "../core/contract";
import { insertTemplate, runScoring } from "../app/actions";
import { messagesFor } from "../app/i18n";
import { DOCK_RIGHT, type WpsAddinApplication, type WpsControl, type WpsRibbonUI, createTaskPane, wpsApplication } from "./wpsApp";
import { etHost } from "./wpsHost";

/** PluginStorage key of the pane, so 打开助手 toggles the one pane instead of opening another. */
export const PANE_ID_KEY = "jixiao_taskpane_id";

/** The ribbon's buttons (ribbon.xml ids) and their icons (paths relative to the add-in root). */
export const BUTTON_IMAGES: Record<string, string> = {
  jxTemplate: "assets/icon-80.png",
  jxScore: "assets/icon-80.png",
  jxReport: "assets/icon-80.png",
  jxPane: "assets/icon-80.png",
};

const app = (): WpsAddinApplication => {
  const a = wpsApplication();
  if (!a) throw new Error("window.Application is missing: not running inside WPS");
  return a;
};

/** The folder the entry page was loaded from: the pane lives beside it. */
export function addinBase(href: string = window.location.href): string {
  return href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
}

/** Shows the pane, or toggles it when it was created before (its id is in PluginStorage). */
export function togglePane(a: WpsAddinApplication = app()): void {
  const id = a.PluginStorage.getItem(PANE_ID_KEY);
  const existing = id !== null && id !== undefined && id !== "" ? a.GetTaskPane(id as string) : null;
  if (existing) {
    existing.Visible = !existing.Visible;
    return;
  }
  const pane = createTaskPane(a, `${addinBase()}taskpane.html`);
  pane.DockPosition = DOCK_RIGHT;
  a.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

const say = (lines: string[]) => window.alert(lines.join("\n"));

let running = false;

/**
 * Runs one ribbon command in the background; a click while one runs is ignored. Its problems are
 * said in a message box: a failed run's, or those of forms that could not be read beside the others.
 */
export function runCommand(work: () => Promise<{ summary?: Pick<Summary, "errors"> } | void>): Promise<void> {
  if (running) return Promise.resolve();
  running = true;
  return work()
    .then((result) => {
      const errors = result?.summary?.errors ?? [];
      if (errors.length === 0) return;
      const m = messagesFor(navigator.language);
      say([m.errorsTitle, "", ...noticeText({ title: m.errorsTitle, problems: errors }, m)]);
    })
    .catch((e: unknown) => {
      const { title, lines } = problemLines(e, messagesFor(navigator.language));
      say([title, "", ...lines]);
    })
    .finally(() => {
      running = false;
    });
}

export function OnAddinLoad(ribbonUI: WpsRibbonUI): boolean {
  const a = wpsApplication();
  if (a && typeof a.ribbonUI !== "object") a.ribbonUI = ribbonUI;
  return true;
}

export function OnAction(control: WpsControl): boolean {
  switch (control.Id) {
    case "jxPane":
      try {
        togglePane();
      } catch (e) {
        say([e instanceof Error ? e.message : String(e)]);
      }
      break;
    case "jxTemplate":
      void runCommand(async () => {
        await insertTemplate(EVALUATION_TYPES[0], etHost(app()));
      });
      break;
    case "jxScore":
      void runCommand(() => runScoring("score", {}, undefined, etHost(app())));
      break;
    case "jxReport":
      void runCommand(() => runScoring("report", {}, undefined, etHost(app())));
      break;
    default:
      return false;
  }
  return true;
}

export function GetImage(control: WpsControl): string {
  return BUTTON_IMAGES[control.Id] ?? "assets/icon-32.png";
}

// WPS looks the callbacks up by name on the entry page's window.
Object.assign(window, { OnAddinLoad, OnAction, GetImage });
