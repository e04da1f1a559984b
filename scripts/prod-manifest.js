#!/usr/bin/env node
/**
 * Writes the production manifest from the development one (manifest.xml), through
 * office-addin-manifest: its modifyManifestFile sets the <Id>, its XML helpers set the <Version>,
 * and every URL on https://localhost:3000 moves to the production host.
 *
 *   node scripts/prod-manifest.js --host https://jixiao.example.gov.cn [--guid <GUID>] [--version 1.2.3.0] [--out manifest.prod.xml]
 *
 * Each option also reads an environment variable (JIXIAO_HOST, JIXIAO_GUID, JIXIAO_VERSION). A
 * missing host or GUID keeps the one of the existing output file: the add-in's Id must stay the
 * same from one release to the next, or Office sees a different add-in. The version defaults to
 * package.json's, with a fourth part.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { OfficeAddinManifest, setXmlElementValue } = require("office-addin-manifest");
// office-addin-manifest's own XML parser and builder, so the output is formatted the way its tools write it.
const xml2js = require(require.resolve("xml2js", { paths: [path.dirname(require.resolve("office-addin-manifest"))] }));

const root = path.join(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(host|guid|version|out|dev)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unknown argument ${argv[i]}`);
    out[m[1]] = m[2] ?? argv[++i];
  }
  return out;
}

/** Every attribute and text value of the parsed tree with `from` replaced by `to`. */
function rehost(node, from, to) {
  if (typeof node === "string") return node.split(from).join(to);
  if (Array.isArray(node)) return node.map((n) => rehost(n, from, to));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rehost(v, from, to)]));
  return node;
}

/** Builds the production manifest; returns what it wrote. */
async function prodManifest({ host, guid, version, out = path.join(root, "manifest.prod.xml"), dev = path.join(root, "manifest.xml") }) {
  const previous = fs.existsSync(out) ? await OfficeAddinManifest.readManifestFile(out) : undefined;
  host = host || previous?.defaultSettings?.sourceLocation?.replace(/^(https:\/\/[^/]+).*$/, "$1");
  guid = guid || previous?.id;
  version = version || `${require(path.join(root, "package.json")).version}.0`;
  if (!host) throw new Error("no production host: pass --host https://… (or set JIXIAO_HOST)");
  const origin = new URL(host);
  if (origin.protocol !== "https:" || origin.pathname !== "/" || origin.search || ["localhost", "127.0.0.1"].includes(origin.hostname))
    throw new Error(`the production host must be an https origin other than localhost: ${host}`);
  if (!guid) throw new Error("no GUID: pass --guid (or set JIXIAO_GUID); a new add-in can use --guid random");
  if (guid !== "random" && !GUID.test(guid)) throw new Error(`not a GUID: ${guid}`);
  if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`not a manifest version (n.n.n.n): ${version}`);

  // modifyManifestFile rewrites a file in place: work on a copy of the dev manifest.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jx-manifest-"));
  const work = path.join(tmp, "manifest.xml");
  try {
    fs.copyFileSync(dev, work);
    const info = await OfficeAddinManifest.modifyManifestFile(work, guid);
    const tree = await xml2js.parseStringPromise(fs.readFileSync(work, "utf8"));
    const app = rehost(tree, DEV_ORIGIN, origin.origin);
    setXmlElementValue(app.OfficeApp, "Version", version);
    const xml = new xml2js.Builder().buildObject(app) + "\n";
    fs.writeFileSync(out, xml);
    return { out, host: origin.origin, guid: info.id, version };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { prodManifest, DEV_ORIGIN };

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  prodManifest({
    host: args.host ?? process.env.JIXIAO_HOST,
    guid: args.guid ?? process.env.JIXIAO_GUID,
    version: args.version ?? process.env.JIXIAO_VERSION,
    out: args.out && path.resolve(args.out),
    dev: args.dev && path.resolve(args.dev),
  })
    .then((r) => console.log(`${path.relative(process.cwd(), r.out)}: ${r.host}, Id ${r.guid}, version ${r.version}`))
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
