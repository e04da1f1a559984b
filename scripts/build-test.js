#!/usr/bin/env node
/**
 * The builds the tests read, made once before jest (`npm test` runs this; `npm run build:test` alone):
 *
 *   dist/                        the CLI (tsc -p tsconfig.cli.json), rebuilt only when older than
 *                                its sources (`npm ci` already built it: the prepare script)
 *   test-output/build/addin/     the Excel add-in, production (webpack.config.js)
 *   test-output/build/intranet/  the same with office.js served locally (--env officeJs=local)
 *   test-output/build/wps/       the WPS add-in, production (webpack.wps.config.js)
 *   test-output/build/harness/   the test pages' bundles (test/e2e/*.entry.ts)
 *
 * The four webpack builds are one multi-compiler run. test/support/builds.ts hands a suite its
 * folder, and fails it with the command to run when the folder is missing or older than a source.
 */
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-output/build");
/** Written last, after every webpack build succeeded: the time of the build. */
const STAMP = path.join(OUT, "built.json");
const CLI_STAMP = path.join(ROOT, "dist/cli/main.js");

/** The test pages' bundles, by output name. */
const HARNESS = {
  // Loaded before the WPS add-in's own scripts: the fake window.Application (wpsPane.e2e).
  "wps-pane": "test/e2e/wpsPane.entry.ts",
  // The WPS adapter and the fake ET in the page (wpsAdapter.e2e).
  "wps-adapter": "test/e2e/wpsAdapter.entry.ts",
  // The office.js adapter behind Microsoft's excel-web-16.00.js (realClient.e2e).
  "real-client": "test/e2e/realClient.entry.ts",
};

/** What each build is made from: a file newer than the build makes it stale. */
const SOURCES = {
  web: [
    "src",
    "assets",
    ...Object.values(HARNESS),
    "webpack.config.js",
    "webpack.wps.config.js",
    "tsconfig.json",
    "package-lock.json",
    "scripts/build-test.js",
  ],
  cli: ["src", "tsconfig.json", "tsconfig.cli.json", "package-lock.json"],
};

/** The newest file under `roots` (relative to the repository): its path and mtime. */
function newest(roots) {
  let best = { file: "", mtimeMs: 0 };
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else if (st.mtimeMs > best.mtimeMs) best = { file: path.relative(ROOT, p), mtimeMs: st.mtimeMs };
  };
  for (const r of roots) visit(path.join(ROOT, r));
  return best;
}

/** Why the build `kind` ("web" or "cli") cannot be used as it is, or null when it is up to date. */
function staleness(kind) {
  const stamp = kind === "cli" ? CLI_STAMP : STAMP;
  const st = fs.statSync(stamp, { throwIfNoEntry: false });
  if (!st) return `${path.relative(ROOT, stamp)} is missing`;
  const src = newest(SOURCES[kind]);
  return src.mtimeMs > st.mtimeMs ? `${src.file} is newer than ${path.relative(ROOT, stamp)}` : null;
}

const tsLoader = { loader: "ts-loader", options: { transpileOnly: true } };

function configs() {
  const addin = require("../webpack.config.js");
  const wps = require("../webpack.wps.config.js");
  const production = { mode: "production" };
  return [
    { ...addin({ outDir: path.join(OUT, "addin") }, production), name: "addin" },
    { ...addin({ officeJs: "local", outDir: path.join(OUT, "intranet") }, production), name: "intranet" },
    { ...wps({ outDir: path.join(OUT, "wps") }, production), name: "wps" },
    {
      name: "harness",
      mode: "production",
      target: "web",
      entry: Object.fromEntries(Object.entries(HARNESS).map(([name, file]) => [name, path.join(ROOT, file)])),
      output: { path: path.join(OUT, "harness"), filename: "[name].js", clean: true },
      // Test code: minifying it would only cost time (it is most of this build's time otherwise).
      optimization: { minimize: false },
      resolve: { extensions: [".ts", ".js"] },
      module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: tsLoader }] },
      performance: { hints: false },
    },
  ];
}

function buildWeb() {
  const webpack = require("webpack");
  fs.rmSync(STAMP, { force: true });
  return new Promise((resolve, reject) =>
    webpack(configs(), (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      fs.writeFileSync(STAMP, JSON.stringify({ builds: configs().map((c) => c.name) }) + "\n");
      resolve();
    }),
  );
}

async function main() {
  const started = Date.now();
  const cli = staleness("cli");
  if (cli) {
    console.log(`build-test: ${cli}: tsc -p tsconfig.cli.json`);
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "inherit" });
  }
  const web = staleness("web");
  if (!web) return console.log(`build-test: ${path.relative(ROOT, OUT)} is up to date`);
  console.log(`build-test: ${web}: webpack`);
  await buildWeb();
  console.log(`build-test: ${path.relative(ROOT, OUT)} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { OUT, staleness, configs };

if (require.main === module) {
  main().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
