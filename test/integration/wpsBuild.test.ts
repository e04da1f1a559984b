/**
 * The WPS add-in as packaged for intranets (scripts/build-wps.js, once, into a temp dir, from the
 * production build scripts/build-test.js makes before jest): every artefact the README lists
 * exists; ribbon.xml is well-formed, carries the Excel ribbon's labels, and every callback it
 * names is a synchronous global of the built entry bundle (evaluated in a JS context whose newer
 * built-ins were deleted, so the shims are proven too); the bundles pass es-check at the WPS
 * engine's level; the lists and archives point at what was built.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import JSZip from "jszip";
import { POLYFILLED } from "../../src/wps/polyfills";
import { tempDir } from "../support/workbooks";
import { webBuild } from "../support/builds";

const ROOT = path.join(__dirname, "../..");
const { buildWps } = require("../../scripts/build-wps.js") as {
  buildWps(o: {
    out: string;
    url: string;
    dev: boolean;
    built?: string;
  }): Promise<{ online: string; offline: string; folder: string; version: string }>;
};
const { WPS_ES } = require("../../webpack.wps.config.js") as { WPS_ES: string };
const URL_BASE = "http://intranet.test/jixiao/";
const ES_CHECK = path.join(ROOT, "node_modules/es-check/lib/cli/index.js");

let out: string;
let built: Awaited<ReturnType<typeof buildWps>>;

beforeAll(async () => {
  out = path.join(tempDir("wps-build"), "pkg");
  built = await buildWps({ out, url: URL_BASE, dev: false, built: webBuild("wps") });
}, 60_000);

const read = (rel: string) => fs.readFileSync(path.join(out, rel), "utf8");

test("every artefact the README lists is produced", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /<!-- wps-artefacts[^>]*-->\s*```\n([\s\S]*?)```\s*<!-- \/wps-artefacts -->/.exec(readme);
  expect(block).not.toBeNull();
  const listed = block![1]
    .split("\n")
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((p) => p);
  expect(listed.length).toBeGreaterThanOrEqual(15);
  const missing = listed.map((p) => p.replace(/<version>/g, built.version)).filter((p) => !fs.existsSync(path.join(out, p)));
  expect(missing).toEqual([]);
  expect(built.folder).toBe(`jixiao_${built.version}`);
});

test("ribbon.xml is well-formed and carries the Excel ribbon's tab, group and button labels", () => {
  const ribbon = path.join(out, "online/ribbon.xml");
  expect(spawnSync("xmllint", ["--noout", ribbon]).status).toBe(0);
  // xmllint does fail on a broken file (the check above can fail).
  const broken = path.join(out, "broken.xml");
  fs.writeFileSync(broken, read("online/ribbon.xml").replace("</tabs>", ""));
  expect(spawnSync("xmllint", ["--noout", broken]).status).not.toBe(0);
  fs.rmSync(broken);

  // wpsjs's publish page (src/lib/res/publish.html, CheckPlugin) accepts an online add-in only when
  // <url>ribbon.xml starts with "<customUI": no XML declaration, BOM or comment before it.
  for (const rel of ["online/ribbon.xml", `offline/${built.folder}/ribbon.xml`]) expect(read(rel).startsWith("<customUI")).toBe(true);

  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const label = (id: string) => new RegExp(`<bt:String id="${id}" DefaultValue="([^"]+)"`).exec(manifest)![1];
  const xml = read("online/ribbon.xml");
  expect(/<tab [^>]*label="([^"]+)"/.exec(xml)![1]).toBe(label("Tab.Label"));
  expect(/<group [^>]*label="([^"]+)"/.exec(xml)![1]).toBe(label("Group.Label"));
  const buttons = [...xml.matchAll(/<button [^>]*label="([^"]+)"/g)].map((m) => m[1]);
  expect(buttons).toEqual(["Template.Label", "Score.Label", "Report.Label", "Pane.Label"].map(label));
});

/** Evaluates the built main.js as WPS's entry page would, in a context without ES2016+ built-ins. */
function loadEntry(app: unknown) {
  // The browser globals the bundle meets in any Chromium (TextEncoder: Chrome 38).
  const context = vm.createContext({ console, setTimeout, clearTimeout, TextEncoder, TextDecoder });
  vm.runInContext(
    `delete Array.prototype.includes; delete Array.prototype.flat; delete Array.prototype.flatMap;
     delete Object.values; delete Object.entries; delete Object.fromEntries;
     delete String.prototype.padStart; delete String.prototype.padEnd; delete String.prototype.matchAll;
     delete Promise.prototype.finally;
     var window = this; var self = this; var alerts = [];
     this.alert = function (t) { alerts.push(t); };
     this.location = { href: "file:///jsaddons/jixiao_x/index.html" };
     this.navigator = { language: "zh-CN" };`,
    context,
  );
  expect(vm.runInContext("[typeof [].includes, typeof Object.fromEntries, typeof ''.padStart]", context)).toEqual([
    "undefined",
    "undefined",
    "undefined",
  ]);
  context.Application = app;
  vm.runInContext(read("online/main.js"), context, { filename: "main.js" });
  return context as vm.Context & Record<string, unknown>;
}

test("every callback ribbon.xml names is a synchronous global of the entry bundle", () => {
  const xml = read("online/ribbon.xml");
  const names = [...new Set([...xml.matchAll(/\s(on[A-Z]\w*|get[A-Z]\w*)="([^"]+)"/g)].map((m) => m[2]))];
  expect(names.sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
  const ctx = loadEntry(undefined);
  for (const name of names) expect(`${name}: ${typeof ctx[name]}`).toBe(`${name}: function`);
  // A name the ribbon does not use is no global: the check can fail.
  expect(typeof ctx.OnGetLabel).toBe("undefined");

  // Synchronous: plain values back, never a Promise (outside WPS: no Application).
  expect(vm.runInContext("OnAddinLoad({})", ctx)).toBe(true);
  const ids = [...xml.matchAll(/<button id="(\w+)"/g)].map((m) => m[1]);
  for (const id of ids) {
    const image = vm.runInContext(`GetImage({ Id: ${JSON.stringify(id)} })`, ctx) as string;
    expect(fs.existsSync(path.join(out, "online", image))).toBe(true);
  }
  expect(vm.runInContext(`OnAction({ Id: "nothing" })`, ctx)).toBe(false);
});

test.each(["CreateTaskPane", "CreateTaskpane"])(
  "打开助手 creates the pane beside the entry page (%s), keeps its id, then toggles it",
  (spelling) => {
    const store = new Map<string, unknown>();
    const panes: Array<{ url: string; pane: { ID: string; Visible: boolean; DockPosition?: number } }> = [];
    const app = {
      PluginStorage: { getItem: (k: string) => store.get(k), setItem: (k: string, v: unknown) => store.set(k, v) },
      // WPS's docs spell the factory both ways: a build with only the other spelling still opens the pane.
      [spelling]: (url: string) => {
        const pane = { ID: `tp${panes.length + 1}`, Visible: false };
        panes.push({ url, pane });
        return pane;
      },
      GetTaskPane: (id: string) => panes.find((p) => p.pane.ID === id)?.pane,
      ActiveWorkbook: null,
    };
    const ctx = loadEntry(app);
    expect(vm.runInContext(`OnAction({ Id: "jxPane" })`, ctx)).toBe(true);
    expect(panes).toHaveLength(1);
    expect(panes[0].url).toBe("file:///jsaddons/jixiao_x/taskpane.html");
    expect(panes[0].pane).toMatchObject({ Visible: true, DockPosition: 2 });
    expect([...store.values()]).toEqual(["tp1"]);
    vm.runInContext(`OnAction({ Id: "jxPane" })`, ctx);
    expect(panes).toHaveLength(1);
    expect(panes[0].pane.Visible).toBe(false);
    vm.runInContext(`OnAction({ Id: "jxPane" })`, ctx);
    expect(panes[0].pane.Visible).toBe(true);
  },
);

test("the shims restore the deleted built-ins with their standard behaviour", () => {
  const ctx = loadEntry(undefined);
  const r = vm.runInContext(
    `[[1, NaN].includes(NaN), [1, 2].includes(3), Object.entries({ a: 1 }), Object.values({ a: 1, b: 2 }),
      Object.fromEntries([["x", 1]]), "5".padStart(3, "0"), "5".padEnd(3, "ab"),
      Array.from("a1b22".matchAll(/\\d+/g)).map(function (m) { return m[0] + "@" + m.index; }),
      [1, [2, [3]]].flat(), [1, 2].flatMap(function (x) { return [x, x * 10]; }), typeof Promise.prototype.finally]`,
    ctx,
  );
  expect(JSON.parse(JSON.stringify(r))).toEqual([
    true,
    false,
    [["a", 1]],
    [1, 2],
    { x: 1 },
    "005",
    "5ab",
    ["1@1", "22@3"],
    [1, 2, [3]],
    [1, 10, 2, 20],
    "function",
  ]);
});

test(`the bundles pass es-check ${WPS_ES} with features checked (only the shimmed ones allowed)`, () => {
  const level = WPS_ES === "es2015" ? "es6" : WPS_ES;
  const check = (files: string[]) =>
    spawnSync(process.execPath, [ES_CHECK, level, ...files, "--checkFeatures", `--ignore=${POLYFILLED.join(",")}`], { encoding: "utf8" });
  const bundles = ["main.js", "pane.js"].map((f) => path.join(out, "online", f));
  const ok = check(bundles);
  expect(`${ok.status} ${ok.stdout}${ok.stderr}`).toMatch(/^0 /);
  // The check bites: optional chaining (ES2020) and a shimless ES2022 API fail it.
  const newer = path.join(out, "newer.js");
  fs.writeFileSync(newer, "var a = window.b?.c;\n");
  expect(check([newer]).status).not.toBe(0);
  fs.writeFileSync(newer, "var o = Object.hasOwn({}, 'x');\n");
  expect(check([newer]).status).not.toBe(0);
  fs.rmSync(newer);
});

test("publish.html registers the add-in through WPS's local service, as wpsjs's publish page does (plain ES5)", () => {
  const entryOf = (rel: string) => JSON.parse(/\/\*JIXIAO_ADDON\*\/ (.*?) \/\*END\*\//.exec(read(rel))![1]) as Record<string, string>;
  expect(entryOf("online/publish.html")).toEqual({
    name: "jixiao",
    addonType: "et",
    online: "true",
    url: URL_BASE,
    version: "",
    customDomain: "",
  });
  expect(entryOf("offline/publish.html")).toMatchObject({ online: "false", url: `${URL_BASE}jixiao.7z`, version: built.version });
  const html = read("online/publish.html");
  for (const call of ["127.0.0.1:58890", "/version", "/deployaddons/runParams", "ksoWPSCloudSvr://start=RelayHttpServer"])
    expect(html).toContain(call);
  // The page's script runs in any browser: ES5, checked.
  const script = path.join(out, "publish-script.js");
  fs.writeFileSync(script, /<script>([\s\S]*?)<\/script>/.exec(html)![1]);
  const es5 = spawnSync(process.execPath, [ES_CHECK, "es5", script], { encoding: "utf8" });
  expect(`${es5.status} ${es5.stdout}${es5.stderr}`).toMatch(/^0 /);
  // What it sends: the entry as base64 JSON to the service, after asking its version.
  const sent: Array<{ url: string; body: string }> = [];
  class FakeXhr {
    url = "";
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    status = 200;
    timeout = 0;
    open(_m: string, url: string) {
      this.url = url;
    }
    send(body: string) {
      sent.push({ url: this.url, body });
      this.onload?.();
    }
  }
  const nodes: Record<string, { onclick?: () => void; appendChild(): void; innerHTML: string; className: string }> = {};
  const node = () => ({ appendChild: () => undefined, innerHTML: "", className: "" });
  const context = vm.createContext({
    XMLHttpRequest: FakeXhr,
    btoa: (s: string) => Buffer.from(s, "binary").toString("base64"),
    unescape,
    encodeURIComponent,
    JSON,
    setTimeout,
    window: { location: { href: "" } },
    document: { getElementById: (id: string) => (nodes[id] ??= node()), createTextNode: (t: string) => t },
  });
  vm.runInContext(fs.readFileSync(script, "utf8"), context);
  nodes["jx-install"].onclick!();
  expect(sent.map((s) => s.url)).toEqual(["http://127.0.0.1:58890/version", "http://127.0.0.1:58890/deployaddons/runParams"]);
  expect(JSON.parse(Buffer.from(sent[1].body, "base64").toString("utf8"))).toEqual({
    cmd: "enable",
    name: "jixiao",
    url: URL_BASE,
    addonType: "et",
    online: "true",
    version: "",
    customDomain: "",
  });
});

test("the lists name what was built: online the --url, offline the name_version folder and the archives hold it", async () => {
  for (const f of [
    "online/jsplugins.xml",
    "online/publish.xml",
    "offline/jsplugins.xml",
    "offline/publish.xml",
    "offline/jsplugins-server.xml",
  ])
    expect(`${f}: ${spawnSync("xmllint", ["--noout", path.join(out, f)]).status}`).toBe(`${f}: 0`);
  const attrs = (f: string) => {
    const entry = /<jsplugin(?:online)? ([^>]*)\/>/.exec(read(f));
    return Object.fromEntries([...(entry?.[1] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  };
  expect(read("online/jsplugins.xml")).toMatch(/<jspluginonline /);
  expect(attrs("online/jsplugins.xml")).toMatchObject({ name: "jixiao", type: "et", url: URL_BASE });
  expect(attrs("online/publish.xml")).toMatchObject({ name: "jixiao", type: "et", url: URL_BASE, enable: "enable_dev" });
  expect(read("offline/jsplugins.xml")).toMatch(/<jsplugin /);
  expect(attrs("offline/jsplugins.xml")).toMatchObject({ name: "jixiao", type: "et", url: built.folder, version: built.version });
  expect(attrs("offline/publish.xml")).toMatchObject({ url: built.folder, version: built.version, enable: "enable_dev" });
  expect(attrs("offline/jsplugins-server.xml")).toMatchObject({ url: `${URL_BASE}jixiao.7z`, version: built.version });

  const folderFiles = (dir: string, rel = ""): string[] =>
    fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? folderFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]))
      .sort();
  const inFolder = folderFiles(path.join(out, "offline", built.folder));
  // The offline folder is the online one without the server-side lists.
  expect(inFolder).toEqual(folderFiles(path.join(out, "online")).filter((f) => !/^(jsplugins|publish)\.xml$|^publish\.html$/.test(f)));

  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, "offline", `${built.folder}.zip`)));
  const zipped = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();
  expect(zipped).toEqual(inFolder.map((f) => `${built.folder}/${f}`));

  const sevenZip = (require("7zip-bin") as { path7za: string }).path7za;
  const listing = execFileSync(sevenZip, ["l", "-slt", path.join(out, "offline/jixiao.7z")], { encoding: "utf8" });
  // 7za's technical listing: one block per entry; folders have "Attributes = D…".
  const packed = listing
    .split(/\n\s*\n/)
    .filter((block) => /^Attributes = /m.test(block) && !/^Attributes = D/m.test(block))
    .map((block) => /^Path = (.+)$/m.exec(block)![1].replace(/\\/g, "/"))
    .sort();
  expect(packed).toEqual(inFolder.map((f) => `${built.folder}/${f}`));
});
