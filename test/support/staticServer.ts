/** A loopback HTTP server for a built folder, for the Chromium tests (the pane pages, the WPS add-in). */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "text/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface StaticServer {
  server: http.Server;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Rewrites each HTML page as served (the WPS harness puts its fake Application before the page's own scripts). */
  html?: (text: string) => string;
  /** Files served beside the folder's own: URL path (without "/") → file. */
  files?: Record<string, string>;
}

/** Serves `dir` on 127.0.0.1 (a free port); "/" is index.html. */
export async function serveFolder(dir: string, { html, files = {} }: ServeOptions = {}): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const extra = Object.prototype.hasOwnProperty.call(files, rel) ? files[rel] : undefined;
    const file = extra ?? path.join(dir, rel);
    if ((!extra && !file.startsWith(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    if (html && file.endsWith(".html")) return void res.end(html(fs.readFileSync(file, "utf8")));
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
