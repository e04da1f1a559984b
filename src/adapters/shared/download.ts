/**
 * Saving the Word report. A blob `<a download>` works in Excel on the web (the pane is a page of
 * the user's browser). On the desktop it is not something to count on: Excel on Mac (and iPad) runs
 * the pane in a WKWebView that silently ignores it (WebKit bug 174076; office-js issues #3, #2700,
 * #4681), and Microsoft documents that downloading blobs "isn't supported with WebView2" on Windows
 * (browsers-used-by-office-web-add-ins.md, for PDF; .docx untested), with
 * `Office.context.ui.openBrowserWindow(url)` as the way out (OpenBrowserWindowApi 1.1: Windows, Mac,
 * iPad). That opens the user's browser — a separate process that shares no storage with the pane —
 * so the file travels in the URL's fragment to the add-in's own `download.html` (bundled, same
 * host), which rebuilds it there and saves it. A fragment is never sent to the server: the report
 * stays on the machine.
 *
 * A URL has a length limit where the browser is started: on Windows the URL becomes the browser's
 * command line (CreateProcess: at most 32,767 characters), on a Mac it is handed over by the OS
 * (Chromium takes 2 MB). A report beyond that ("tooLarge") is tried through the anchor and the pane
 * says plainly what to do if nothing was saved (Excel on the web saves any size).
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
  /** The blob anchor (tests: a webview that ignores it). */
  anchor?: (bytes: Uint8Array, name: string) => void;
}

export type SaveWay = "anchor" | "browser" | "tooLarge";

/** The longest hand-off URL per desktop platform (see above): Windows' command line, Chromium's URL cap elsewhere. */
export const HANDOFF_URL_LIMITS: Readonly<Record<string, number>> = { PC: 32_000, Mac: 2_000_000, iOS: 2_000_000 };

/** The desktop webviews hand the file to the browser when its URL fits; the web (a real browser) and hosts without openBrowserWindow use the anchor. */
export function saveWay(host: SaveHost, urlLength = 0): SaveWay {
  const limit = host.platform ? HANDOFF_URL_LIMITS[host.platform] : undefined;
  if (limit === undefined || !host.openBrowserWindow) return "anchor";
  return urlLength <= limit ? "browser" : "tooLarge";
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

/** Saves the file the way the host allows; returns which way was taken ("tooLarge": the anchor was tried, the pane explains). */
export function saveFile(bytes: Uint8Array, name: string, host: SaveHost): SaveWay {
  const url = handoffUrl(host.downloadPage, name, bytes);
  const way = saveWay(host, url.length);
  // saveWay says "browser" only where the host has openBrowserWindow.
  if (way === "browser" && host.openBrowserWindow) host.openBrowserWindow(url);
  else (host.anchor ?? saveWithAnchor)(bytes, name);
  return way;
}
