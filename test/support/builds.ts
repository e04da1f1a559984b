/**
 * The builds made once before jest by scripts/build-test.js (`npm test` runs it): a suite asks for
 * its folder here and fails, saying what to run, when the build is missing or older than a source.
 */
import * as path from "path";

const { OUT, staleness } = require("../../scripts/build-test.js") as { OUT: string; staleness(kind: "web" | "cli"): string | null };

const ROOT = path.join(__dirname, "../..");

/** addin: the Excel add-in (production); intranet: the same with local office.js; wps: the WPS add-in; harness: test pages' bundles. */
export type WebBuild = "addin" | "intranet" | "wps" | "harness";

function ensure(kind: "web" | "cli", what: string): void {
  const why = staleness(kind);
  if (why) throw new Error(`${what} cannot be used: ${why}. Run \`npm run build:test\` first (npm test runs it before jest).`);
}

/** The folder of one webpack build under test-output/build/. */
export function webBuild(name: WebBuild): string {
  ensure("web", `test-output/build/${name}`);
  return path.join(OUT, name);
}

/** bin/jixiao.js, over a dist/ built from the current sources. */
export function builtCli(): string {
  ensure("cli", "The built CLI (dist/)");
  return path.join(ROOT, "bin/jixiao.js");
}
