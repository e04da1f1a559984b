/**
 * The pane's host in WPS 表格: the workbook through the WPS adapter over `window.Application`,
 * selection and change events through the ET object model, the Word file through the pane's
 * own browser (a blob download, as in Excel on Windows).
 */
import { createEtWorkbook } from "../adapters/wps/etWorkbook";
import { a1 } from "../core/cells";
import { etSelfTest } from "../adapters/wps/etSelfTest";
import type { EtApplication } from "../adapters/wps/etTypes";
import { saveWithAnchor } from "../adapters/shared/download";
import type { HostWorkbook, PaneHost } from "../app/host";
import type { WpsAddinApplication } from "./wpsApp";

/** ApiEvent's name for an edit on any sheet of any open workbook. */
export const CHANGE_EVENT = "SheetChange";

export function wpsHost(app: WpsAddinApplication, makePort: (app: WpsAddinApplication) => HostWorkbook): PaneHost {
  return {
    kind: "wps",
    // The ET model is synchronous: a fresh port per action reads the workbook active now.
    workbook: async (work) => work(makePort(app)),
    selectCell: async (ref) => {
      const book = app.ActiveWorkbook;
      if (!book) throw new Error("no workbook");
      const ws = book.Worksheets.Item(ref.sheet);
      ws.Activate();
      ws.Range(a1(ref.row, ref.col)).Select();
    },
    onChanged: async (onChange) => {
      const events = app.ApiEvent;
      if (!events) return null;
      // WPS does not say whether the add-in made the change.
      const handler = () => onChange({ own: false });
      try {
        events.AddApiEventListener(CHANGE_EVENT, handler);
      } catch {
        return null;
      }
      return async () => events.RemoveApiEventListener(CHANGE_EVENT, handler);
    },
    saveFile: (bytes, name) => {
      saveWithAnchor(bytes, name);
      return "anchor";
    },
    displayLanguage: () => (typeof navigator !== "undefined" ? navigator.language : undefined),
    // The same Application is the ET object model: the self-test runs every ET call the adapter makes.
    selfTest: () =>
      etSelfTest(app as unknown as EtApplication, { events: app.ApiEvent, download: "blob anchor (<a download>) in the pane" }),
  };
}

/** The host over the WPS adapter (createEtWorkbook), as the pane and the ribbon use it. */
export const etHost = (app: WpsAddinApplication): PaneHost => wpsHost(app, (a) => createEtWorkbook(a as unknown as EtApplication));
