#!/usr/bin/env node
/**
 * The project's own manifest checks, beside xmllint's schema check (`npm run validate` runs both):
 * every resid is defined, every URL is https (localhost only in the dev manifest), every icon file
 * exists at its size, <Id> is a GUID, every string has an en-US override, the ribbon's function
 * names are the ones commands.ts associates, and manifest.prod.xml is what scripts/prod-manifest.js
 * makes of manifest.xml (same content; production host, own Id, version). The manifests are read
 * with office-addin-manifest (offline: its `validate` posts to an online service). Exits 1 with
 * one line per problem.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { OfficeAddinManifest } = require("office-addin-manifest");
const { prodManifest } = require("./prod-manifest");

const root = path.join(__dirname, "..");
const DEV = "manifest.xml";
const PROD = "manifest.prod.xml";

function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.toString("ascii", 1, 4) !== "PNG") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The ExcelApi version the manifest requires (the add-in lights up later sets where present). */
const EXCEL_API_MIN = "1.7";

function check(name, info, { dev }) {
  const problems = [];
  const xml = fs.readFileSync(path.join(root, name), "utf8").replace(/<!--[\s\S]*?-->/g, "");
  const fail = (msg) => problems.push(`${name}: ${msg}`);

  const id = info.id;
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) fail(`<Id> is not a GUID: ${id}`);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(info.version ?? "")) fail(`<Version> is not n.n.n.n: ${info.version}`);
  if (info.officeAppType !== "TaskPaneApp" || !info.hosts?.includes("Workbook")) fail("not a TaskPaneApp for Workbook");
  if (info.permissions !== "ReadWriteDocument") fail(`permissions ${info.permissions}, expected ReadWriteDocument`);

  const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)].map((m) => m[1]));
  const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
  for (const r of used) if (!defined.has(r)) fail(`resid "${r}" is not defined in <Resources>`);
  for (const d of defined) if (!used.has(d)) fail(`resource "${d}" is defined but never used`);
  for (const r of used) if (r.length > 32) fail(`resid "${r}" is longer than 32 characters`);

  const urls = [...[...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1]), ...(info.appDomains ?? [])];
  if (!info.defaultSettings?.sourceLocation) fail("no <SourceLocation>");
  if (urls.length === 0) fail("no URLs found");
  for (const u of urls) {
    let url;
    try {
      url = new URL(u);
    } catch {
      fail(`not a URL: ${u}`);
      continue;
    }
    if (url.protocol !== "https:") fail(`not https: ${u}`);
    const local = ["localhost", "127.0.0.1"].includes(url.hostname);
    if (local && !dev) fail(`localhost in the production manifest: ${u}`);
    if (!local && dev) fail(`the dev manifest should point at https://localhost:3000: ${u}`);
    const icon = /\/assets\/(icon-(\d+)\.png)$/.exec(url.pathname);
    if (icon) {
      const file = path.join(root, "assets", icon[1]);
      if (!fs.existsSync(file)) fail(`icon file missing: assets/${icon[1]} (run node scripts/make-icons.js)`);
      else {
        const size = pngSize(file);
        if (!size || size.width !== Number(icon[2]) || size.height !== Number(icon[2]))
          fail(`assets/${icon[1]} is not ${icon[2]}×${icon[2]}`);
      }
    } else if (/\.png$/.test(url.pathname)) fail(`icon outside assets/icon-N.png: ${u}`);
  }
  for (const [, resid, size] of xml.matchAll(/<bt:Image id="([^"]+)" DefaultValue="[^"]*icon-(\d+)\.png"/g)) {
    for (const m of xml.matchAll(new RegExp(`<bt:Image size="(\\d+)" resid="${resid.replace(".", "\\.")}"`, "g")))
      if (m[1] !== size) fail(`${resid} is used at size ${m[1]} but is icon-${size}.png`);
  }

  // Every localized string (and the top-level DisplayName/Description) has an en-US override.
  const blocks = [...xml.matchAll(/<(DisplayName|Description|bt:String)\b[^>]*DefaultValue="[^"]*"[^>]*?(\/>|>([\s\S]*?)<\/\1>)/g)];
  for (const b of blocks) {
    if (!/Locale="en-US"/.test(b[3] ?? "")) fail(`no en-US Override: ${b[0].slice(0, 80)}`);
  }
  if (info.defaultLocale !== "zh-CN") fail("DefaultLocale must be zh-CN");
  if (!new RegExp(`<Set Name="ExcelApi" MinVersion="${EXCEL_API_MIN}"/>`).test(xml))
    fail(`requirement set ExcelApi ${EXCEL_API_MIN} missing`);

  const functions = [...xml.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
  const commands = fs.readFileSync(path.join(root, "src/commands/commands.ts"), "utf8");
  const associated = new Set([...commands.matchAll(/Office\.actions\.associate\("([^"]+)"/g)].map((m) => m[1]));
  for (const f of functions)
    if (!associated.has(f)) fail(`<FunctionName>${f}</FunctionName> is not associated in src/commands/commands.ts`);
  if (functions.length !== 3) fail(`expected 3 ExecuteFunction buttons, found ${functions.length}`);
  if (!/xsi:type="ShowTaskpane"/.test(xml)) fail("no ShowTaskpane button");
  return problems;
}

/** manifest.prod.xml as scripts/prod-manifest.js makes it now, with the checked-in one's host, Id and version. */
async function regenerated(prod) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jx-validate-"));
  try {
    const out = path.join(tmp, PROD);
    const host = new URL(prod.defaultSettings.sourceLocation).origin;
    await prodManifest({ host, guid: prod.id, version: prod.version, out });
    return fs.readFileSync(out, "utf8");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const dev = await OfficeAddinManifest.readManifestFile(path.join(root, DEV));
  const prod = await OfficeAddinManifest.readManifestFile(path.join(root, PROD));
  const problems = [...check(DEV, dev, { dev: true }), ...check(PROD, prod, { dev: false })];
  if (prod.defaultSettings?.sourceLocation && (await regenerated(prod)) !== fs.readFileSync(path.join(root, PROD), "utf8"))
    problems.push(
      `${PROD} is not what scripts/prod-manifest.js makes of ${DEV}: run node scripts/prod-manifest.js --host <production host>`,
    );
  if (dev.id === prod.id) problems.push("the dev and production manifests share an <Id> (both could not be installed side by side)");
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  console.log(`${DEV}, ${PROD}: resids, URLs, icons, Id, version, locales, function names and the production copy OK`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
