/**
 * The WPS stand-in for test/e2e/wpsPane.e2e.test.ts, loaded before the add-in's own scripts: a
 * `window.Application` made of the fake ET application (src/playground/et/application.ts) and the add-in
 * platform's members the fake leaves out (PluginStorage, ApiEvent, CreateTaskPane/GetTaskPane).
 * `window.jxWps` lets the test open another workbook, fire events and look at the workbook.
 */
import { type FakeEtApplication, createFakeEtApplication } from "../../src/playground/et/application";
import { loadXlsx } from "../../src/playground/xlsxBridge";

let current: FakeEtApplication = createFakeEtApplication({ sheets: { Sheet1: [] } });
const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
const storage = new Map<string, unknown>();
const panes: Array<{ url: string; ID: string; Visible: boolean; DockPosition?: number }> = [];

const shell: Record<string, unknown> = {
  PluginStorage: { getItem: (k: string) => storage.get(k), setItem: (k: string, v: unknown) => void storage.set(k, v) },
  ApiEvent: {
    AddApiEventListener: (name: string, f: (...a: unknown[]) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(f);
    },
    RemoveApiEventListener: (name: string, f: (...a: unknown[]) => void) => void listeners.get(name)?.delete(f),
  },
  CreateTaskPane: (url: string) => {
    const pane = { url, ID: `tp${panes.length + 1}`, Visible: false };
    panes.push(pane);
    return pane;
  },
  GetTaskPane: (id: string) => panes.find((p) => p.ID === id) ?? null,
};

// Everything else goes to the fake of the workbook open now (getters run on the fake itself).
(window as unknown as { Application: unknown }).Application = new Proxy(shell, {
  get: (target, prop) => (prop in target ? target[prop as string] : Reflect.get(current, prop, current)),
  set: (target, prop, value) => (prop in target ? ((target[prop as string] = value), true) : Reflect.set(current, prop, value, current)),
  has: (target, prop) => prop in target || prop in current,
});

const fire = (name: string) => listeners.get(name)?.forEach((f) => f());

(window as unknown as { jxWps: unknown }).jxWps = {
  /** Opens another workbook (an .xlsx, base64) in place of the current one. */
  async open(b64: string) {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    current = createFakeEtApplication({ model: await loadXlsx(bytes) });
    fire("SheetChange");
  },
  fire,
  listeners: (name: string) => listeners.get(name)?.size ?? 0,
  sheetNames: () => current.model.sheets.map((s) => s.name),
  dump: () => current.model.dump(),
  settings: () => current.settings,
  panes: () => panes.map((p) => ({ ...p })),
};
