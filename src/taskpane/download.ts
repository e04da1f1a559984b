/**
 * Saving the Word report. A blob `<a download>` works in Excel on the web and on Windows, but
 * Excel on Mac (and iPad) runs the pane in a WKWebView that silently ignores it (WebKit bug
 * 174076; office-js issues #3, #2700, #4681). Microsoft's documented way out is
 * `Office.context.ui.openBrowserWindow(url)` (OpenBrowserWindowApi 1.1: Windows, Mac, iPad),
 * which opens the user's browser — a separate process that shares no storage with the pane. So
 * the file travels in the URL's fragment to the add-in's own `download.html` (bundled, same
 * host), which rebuilds it there and saves it. A fragment is never sent to the server: the
 * report stays on the machine.
 */

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** What the pane needs of its host to save a file. */
export interface SaveHost {
  /** Office.context.platform ("Mac", "iOS", "PC", "OfficeOnline", …). */
  platform?: string;
  /** Office.context.ui.openBrowserWindow where OpenBrowserWindowApi 1.1 is supported. */
  openBrowserWindow?: (url: string) => void;
  /** The page the file is handed to: `download.html` next to the pane. */
  downloadPage: string;
}

export type SaveWay = "anchor" | "browser";

/** The WKWebView hosts block blob downloads; elsewhere the anchor is the simplest and works. */
export function saveWay(host: SaveHost): SaveWay {
  return (host.platform === "Mac" || host.platform === "iOS") && host.openBrowserWindow ? "browser" : "anchor";
}

/** Bytes → base64url (no padding), in chunks so large files do not overflow the call stack. */
export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** `download.html#name=…&data=…`: what download.html reads back with `parseHandoff`. */
export function handoffUrl(page: string, name: string, bytes: Uint8Array): string {
  return `${page}#name=${encodeURIComponent(name)}&data=${toBase64Url(bytes)}`;
}

export function parseHandoff(hash: string): { name: string; bytes: Uint8Array } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const name = params.get("name");
  const data = params.get("data");
  if (!name || !data) return null;
  return { name, bytes: fromBase64Url(data) };
}

/** Saves through a temporary blob anchor (browsers, Excel on the web, Windows' WebView2). */
export function saveWithAnchor(bytes: Uint8Array, name: string, type = DOCX_TYPE): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves the file the way the host allows; returns which way was taken. */
export function saveFile(bytes: Uint8Array, name: string, host: SaveHost): SaveWay {
  const way = saveWay(host);
  if (way === "browser") host.openBrowserWindow!(handoffUrl(host.downloadPage, name, bytes));
  else saveWithAnchor(bytes, name);
  return way;
}

/** The host as office.js describes it (the playground's fake Office included). */
export function officeSaveHost(): SaveHost {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const ui = office?.context?.ui as (Office.UI & { openBrowserWindow?: (url: string) => void }) | undefined;
  const supported = office?.context?.requirements?.isSetSupported?.("OpenBrowserWindowApi", "1.1");
  return {
    platform: office?.context?.platform ? String(office.context.platform) : undefined,
    openBrowserWindow: supported && ui?.openBrowserWindow ? (url) => ui.openBrowserWindow!(url) : undefined,
    downloadPage: new URL("download.html", window.location.href).href,
  };
}
