/**
 * The add-in-level parts of WPS's `window.Application` the entry page and the pane use (task
 * panes, PluginStorage, ApiEvent, selection). The workbook object model itself is typed by the
 * WPS adapter (src/adapters/wps/etTypes.ts); these few members are the add-in platform's, not
 * the spreadsheet's, so they are declared here, shaped after et-jsapi-declare and wpsjs 2.2.3's
 * templates.
 */

export interface WpsTaskPane {
  readonly ID: string | number;
  Visible: boolean;
  DockPosition?: number;
}

export interface WpsRibbonUI {
  Invalidate?(): void;
  InvalidateControl?(id: string): void;
}

/** A ribbon control as WPS passes it to onAction/getImage/… callbacks. */
export interface WpsControl {
  readonly Id: string;
  readonly Tag?: string;
}

export interface WpsAddinApplication {
  /** WPS's docs spell it both ways (CreateTaskPane, CreateTaskpane); a build may have either: see createTaskPane. */
  CreateTaskPane?(url: string, title?: string): WpsTaskPane;
  CreateTaskpane?(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: string | number): WpsTaskPane | null | undefined;
  PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  ApiEvent?: {
    AddApiEventListener(event: string, handler: (...args: unknown[]) => void): void;
    RemoveApiEventListener(event: string, handler: (...args: unknown[]) => void): void;
  };
  ActiveWorkbook: {
    Worksheets: { Item(name: string): { Activate(): void; Range(address: string): { Select(): void } } };
  } | null;
  ribbonUI?: WpsRibbonUI;
}

/** msoCTPDockPositionRight: enums are plain numbers at run time. */
export const DOCK_RIGHT = 2;

type PaneSpelling = "CreateTaskPane" | "CreateTaskpane";

function hasFactory<K extends PaneSpelling>(
  app: WpsAddinApplication,
  spelling: K,
): app is WpsAddinApplication & Required<Pick<WpsAddinApplication, K>> {
  return typeof app[spelling] === "function";
}

/** The task-pane factory under whichever spelling this build has (CreateTaskPane first), or null. */
function taskPaneFactory(app: WpsAddinApplication): ((url: string) => WpsTaskPane) | null {
  if (hasFactory(app, "CreateTaskPane")) return (url) => app.CreateTaskPane(url);
  if (hasFactory(app, "CreateTaskpane")) return (url) => app.CreateTaskpane(url);
  return null;
}

/** Opens a task pane on `url` through either spelling; throws where the build has neither. */
export function createTaskPane(app: WpsAddinApplication, url: string): WpsTaskPane {
  const create = taskPaneFactory(app);
  if (!create) throw new Error("WPS 未提供 Application.CreateTaskPane（或 CreateTaskpane）：无法打开任务窗格");
  return create(url);
}

/** The Application object WPS puts on the window of every add-in page (null outside WPS). */
export function wpsApplication(): WpsAddinApplication | null {
  const app = (globalThis as { Application?: WpsAddinApplication }).Application;
  return app && taskPaneFactory(app) ? app : null;
}
