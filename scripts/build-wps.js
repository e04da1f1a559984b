#!/usr/bin/env node
/**
 * The WPS 加载项 for intranets, in both of WPS's forms (README "WPS 表格"), the layout wpsjs
 * 2.2.3 gives (its CLI asks questions and needs a desktop WPS, so this mirrors its output):
 *
 *   <out>/online/                  the folder to serve at --url (index.html, ribbon.xml, …)
 *   <out>/online/jsplugins.xml     enterprise builds: oem.ini JSPluginsServer points here
 *   <out>/online/publish.xml       personal builds (publish mode): goes into jsaddons/
 *   <out>/offline/jixiao_<v>/      the same files, for jsaddons/ (WPS keeps only name_version folders)
 *   <out>/offline/jixiao.7z        that folder packed, as WPS downloads an offline add-in
 *   <out>/offline/jixiao_<v>.zip   the same, for unpacking by hand
 *   <out>/offline/jsplugins.xml    jsaddons/ list entry for the folder (enterprise builds)
 *   <out>/offline/publish.xml      jsaddons/ list entry for the folder (publish mode)
 *   <out>/offline/jsplugins-server.xml  enterprise builds fetching jixiao.7z from --url
 *
 * Usage: node scripts/build-wps.js [--out dist/wps-package] [--url http://server/jixiao/] [--dev]
 */
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const NAME = "jixiao";
/** The spreadsheet app: WPS loads the add-in in WPS 表格 (et) only. */
const TYPE = "et";

function args(argv) {
  const out = { out: path.join(ROOT, "dist/wps-package"), url: process.env.JIXIAO_WPS_URL || "http://localhost:8080/jixiao/", dev: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out.out = path.resolve(argv[++i]);
    else if (argv[i] === "--url") out.url = argv[++i];
    else if (argv[i] === "--dev") out.dev = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!/^https?:\/\/.+\/$/.test(out.url)) throw new Error(`--url must be an http(s) URL ending in "/": ${out.url}`);
  return out;
}

const xmlAttr = (s) => String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** One jsplugins list (both file names share the format), with one entry. */
function pluginList(tag, attrs) {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${xmlAttr(v)}"`)
    .join(" ");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <${tag} ${a}/>\n</jsplugins>\n`;
}

function webpackBuild(outDir, dev) {
  const webpack = require("webpack");
  const config = require(path.join(ROOT, "webpack.wps.config.js"))({ outDir }, { mode: dev ? "development" : "production" });
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

function sevenZip(archive, folder) {
  const bin = require("7zip-bin").path7za;
  // npm installs 7zip-bin's binary without its executable bit.
  if (process.platform !== "win32") fs.chmodSync(bin, 0o755);
  fs.rmSync(archive, { force: true });
  execFileSync(bin, ["a", "-t7z", archive, path.basename(folder)], { cwd: path.dirname(folder), stdio: "ignore" });
}

async function zipFolder(archive, folder) {
  const JSZip = require("jszip");
  const zip = new JSZip();
  const walk = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else zip.file(r, fs.readFileSync(path.join(dir, e.name)));
    }
  };
  walk(folder, path.basename(folder));
  fs.writeFileSync(archive, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/**
 * publish.html for one entry: src/wps/publish.html (registers the add-in through WPS's local
 * service, as wpsjs's publish page does) with the entry filled in.
 */
function publishPage(entry) {
  const template = fs.readFileSync(path.join(ROOT, "src/wps/publish.html"), "utf8");
  const marked = /\/\*JIXIAO_ADDON\*\/[\s\S]*?\/\*END\*\//;
  if (!marked.test(template)) throw new Error("src/wps/publish.html: the /*JIXIAO_ADDON*/ … /*END*/ entry is missing");
  return template.replace(marked, () => `/*JIXIAO_ADDON*/ ${JSON.stringify(entry)} /*END*/`);
}

/**
 * Builds and packages the add-in. `built`: a folder webpack.wps.config.js already built (the tests'
 * shared production build), packaged as it is instead of building again.
 */
async function buildWps(options) {
  const { out, url, dev, built } = options;
  const version = require(path.join(ROOT, "package.json")).version;
  const folder = `${NAME}_${version}`;
  fs.rmSync(out, { recursive: true, force: true });
  const online = path.join(out, "online");
  const offline = path.join(out, "offline");
  if (built) fs.cpSync(built, online, { recursive: true });
  else await webpackBuild(online, dev);

  // Online: WPS loads url + ribbon.xml / index.html each time it starts.
  const onlineEntry = { name: NAME, type: TYPE, url };
  fs.writeFileSync(path.join(online, "jsplugins.xml"), pluginList("jspluginonline", onlineEntry));
  fs.writeFileSync(
    path.join(online, "publish.xml"),
    pluginList("jspluginonline", { ...onlineEntry, enable: "enable_dev", install: "null", customDomain: "" }),
  );

  // Personal builds: the page that registers the add-in through WPS's local service (wpsjs's publish flow).
  const publishEntry = { name: NAME, addonType: TYPE, online: "true", url, version: "", customDomain: "" };
  fs.writeFileSync(path.join(online, "publish.html"), publishPage(publishEntry));

  // Offline: the add-in folder itself, named name_version, with its list entries.
  const addin = path.join(offline, folder);
  fs.mkdirSync(offline, { recursive: true });
  fs.cpSync(online, addin, { recursive: true, filter: (src) => !/(jsplugins|publish)\.xml$|publish\.html$/.test(src) });
  const offlineEntry = { name: NAME, type: TYPE, url: folder, version };
  fs.writeFileSync(path.join(offline, "jsplugins.xml"), pluginList("jsplugin", offlineEntry));
  fs.writeFileSync(
    path.join(offline, "publish.xml"),
    pluginList("jsplugin", { ...offlineEntry, enable: "enable_dev", install: "null", customDomain: "" }),
  );
  fs.writeFileSync(path.join(offline, "jsplugins-server.xml"), pluginList("jsplugin", { ...offlineEntry, url: `${url}${NAME}.7z` }));
  // Offline through the service: WPS downloads <url>jixiao.7z and unpacks it itself.
  fs.writeFileSync(path.join(offline, "publish.html"), publishPage({ ...publishEntry, online: "false", url: `${url}${NAME}.7z`, version }));
  sevenZip(path.join(offline, `${NAME}.7z`), addin);
  await zipFolder(path.join(offline, `${folder}.zip`), addin);
  return { online, offline, folder, version };
}

module.exports = { buildWps, pluginList, publishPage, NAME, TYPE };

if (require.main === module) {
  buildWps(args(process.argv.slice(2))).then(
    (r) => console.log(`WPS add-in ${r.version}: online ${path.relative(ROOT, r.online)}, offline ${path.relative(ROOT, r.offline)}`),
    (e) => {
      console.error(e.message || e);
      process.exit(1);
    },
  );
}
