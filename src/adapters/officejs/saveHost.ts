/** How Excel lets the pane save a file (adapters/shared/download.ts decides the way). */
import type { SaveHost } from "../shared/download";

/** The host as office.js describes it (the playground's fake Office included). */
export function officeSaveHost(): SaveHost {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const ui = office?.context?.ui as (Office.UI & { openBrowserWindow?: (url: string) => void }) | undefined;
  const supported = office?.context?.requirements?.isSetSupported?.("OpenBrowserWindowApi", "1.1");
  return {
    platform: office?.context?.platform ? String(office.context.platform) : undefined,
    openBrowserWindow: supported && ui?.openBrowserWindow ? ui.openBrowserWindow.bind(ui) : undefined,
    downloadPage: new URL("download.html", window.location.href).href,
  };
}
