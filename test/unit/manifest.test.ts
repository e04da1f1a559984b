/**
 * The production manifest is generated from the dev one by scripts/prod-manifest.js (through
 * office-addin-manifest, run by node: under jest its ESM dependency does not import) and the
 * checked-in copy stays in sync with it.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "../..");
const SCHEMA = path.join(root, "../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd");
const node = (dir: string, script: string, args: string[] = []) =>
  spawnSync(process.execPath, [path.join(dir, "scripts", script), ...args], { cwd: dir, encoding: "utf8" });

const idOf = (xml: string) => /<Id>([^<]*)<\/Id>/.exec(xml)?.[1];
const urlsOf = (xml: string) =>
  [...xml.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !/schemas\.microsoft\.com|www\.w3\.org/.test(u));

/** A copy of what the manifest scripts read, to change without touching the worktree. */
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jx-manifest-test-"));
  for (const f of [
    "manifest.xml",
    "manifest.prod.xml",
    "package.json",
    "scripts/prod-manifest.js",
    "scripts/validate-manifest.js",
    "src/commands/commands.ts",
  ]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(dir, f));
  }
  fs.cpSync(path.join(root, "assets"), path.join(dir, "assets"), { recursive: true, filter: (f) => !/\.xlsx$/.test(f) });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

test("the checked-in manifests pass the validate script (office-addin-manifest read, regenerated copy equal)", () => {
  const r = node(root, "validate-manifest.js");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

test("prod-manifest.js: every URL on the production host, the given Id and version, schema-valid", () => {
  const dir = scratch();
  const out = path.join(dir, "out.xml");
  const guid = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const r = node(dir, "prod-manifest.js", ["--host", "https://jx.intranet.example", "--guid", guid, "--version", "2.3.4.5", "--out", out]);
  expect(r.status).toBe(0);
  const dev = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
  const prod = fs.readFileSync(out, "utf8");
  expect(idOf(prod)).toBe(guid);
  expect(/<Version>([^<]*)<\/Version>/.exec(prod)?.[1]).toBe("2.3.4.5");
  const devUrls = urlsOf(dev.replace(/<!--[\s\S]*?-->/g, ""));
  const prodUrls = urlsOf(prod);
  expect(prodUrls.length).toBe(devUrls.length);
  expect(prodUrls.every((u) => u.startsWith("https://jx.intranet.example/") || u === "https://jx.intranet.example")).toBe(true);
  expect(prodUrls).toEqual(devUrls.map((u) => u.replace("https://localhost:3000", "https://jx.intranet.example")));
  // The same resources, buttons and strings as the dev manifest.
  const ids = (xml: string) => [...xml.matchAll(/\b(?:id|resid)="([^"]+)"/g)].map((m) => m[1]).sort();
  expect(ids(prod)).toEqual(ids(dev));
  execFileSync("xmllint", ["--noout", "--schema", SCHEMA, out], { stdio: "pipe" });
});

test("prod-manifest.js refuses a localhost or http host; without --guid it keeps the existing Id", () => {
  const dir = scratch();
  expect(node(dir, "prod-manifest.js", ["--host", "http://jx.example"]).status).toBe(1);
  expect(node(dir, "prod-manifest.js", ["--host", "https://localhost:3000"]).status).toBe(1);
  const before = idOf(fs.readFileSync(path.join(dir, "manifest.prod.xml"), "utf8"));
  expect(node(dir, "prod-manifest.js", ["--host", "https://other.example"]).status).toBe(0);
  expect(idOf(fs.readFileSync(path.join(dir, "manifest.prod.xml"), "utf8"))).toBe(before);
});

test("validate-manifest.js fails when manifest.prod.xml drifts from the dev manifest", () => {
  const dir = scratch();
  const prod = path.join(dir, "manifest.prod.xml");
  // A button label changed by hand in the production copy only.
  fs.writeFileSync(prod, fs.readFileSync(prod, "utf8").replace('DefaultValue="计算得分"', 'DefaultValue="计算"'));
  const r = node(dir, "validate-manifest.js");
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/not what scripts\/prod-manifest\.js makes/);
  // Regenerating fixes it.
  expect(node(dir, "prod-manifest.js").status).toBe(0);
  expect(node(dir, "validate-manifest.js").status).toBe(0);
});
