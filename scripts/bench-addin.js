#!/usr/bin/env node
/**
 * The add-in's figures for bench/results.json (scripts/bench.js merges them):
 *   taskpaneGzipKB: gzip -9 size of the production taskpane.js (office.js excluded: it comes from
 *                   Microsoft's CDN); goal ≤ 150.
 *   syncs:          context.sync() round trips of 计算得分 and 生成报告 at 10 and 10,000 indicator rows
 *                   (and one budget line per five), counted with the fake Excel object model.
 *   downloadUrl:    the Word report's size and its hand-off URL's length (download.html#…, the way
 *                   desktop webviews save it) at 10 and 10,000 indicators, beside each platform's limit.
 *   realClient:     the same runs through Microsoft's Excel client (@microsoft/office-js in Chromium,
 *                   test/e2e/realClient.e2e.test.ts): syncs, request and response bytes as sent over
 *                   HTTP, and the largest of each (Excel on the web rejects either over 5 MB).
 * It builds what it needs into a temporary folder: webpack (production) and tsc (the adapter,
 * the fake and the core, as CommonJS). Run directly, it prints the JSON.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const ROOT = path.join(__dirname, "..");

function buildTaskpane(outDir) {
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${outDir}`], {
    cwd: ROOT,
    stdio: "pipe",
  });
  const js = fs.readFileSync(path.join(outDir, "taskpane.js"));
  return Math.round((zlib.gzipSync(js, { level: 9 }).length / 1024) * 10) / 10;
}

function compileAdapter(outDir) {
  const tsc = require.resolve("typescript/bin/tsc");
  const entries = [
    "src/adapters/officejs/officeWorkbook.ts",
    "src/playground/generatedWorkbook.ts",
    "test/support/run.ts",
    "src/playground/excel/context.ts",
    "src/adapters/shared/download.ts",
  ];
  execFileSync(
    process.execPath,
    [
      tsc,
      "--outDir",
      outDir,
      "--rootDir",
      ROOT,
      "--module",
      "commonjs",
      "--target",
      "ES2020",
      "--lib",
      "ES2020,DOM",
      "--types",
      "node,office-js",
      "--esModuleInterop",
      "--resolveJsonModule",
      "--skipLibCheck",
      // Emit only: type checking is `npm run typecheck`'s job, and a bench must not wait on it.
      "--noCheck",
      ...entries.map((e) => path.join(ROOT, e)),
    ],
    { cwd: ROOT, stdio: "pipe" },
  );
  const load = (rel) => require(path.join(outDir, rel.replace(/\.ts$/, ".js")));
  return {
    OfficeJsWorkbook: load(entries[0]).OfficeJsWorkbook,
    generatedWorkbook: load(entries[1]).generatedWorkbook,
    FakeRequestContext: load(entries[3]).FakeRequestContext,
    runCommand: load(entries[2]).runCommand,
    // The Word writer from dist/ (npm run bench builds it): the temporary folder has no node_modules.
    reportDocx: require(path.join(ROOT, "dist/adapters/docx/reportDocx")).reportDocx,
    download: load(entries[4]),
  };
}

async function addinFigures() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-addin-"));
  try {
    const taskpaneGzipKB = buildTaskpane(path.join(tmp, "web"));
    const { OfficeJsWorkbook, generatedWorkbook, FakeRequestContext, runCommand, reportDocx, download } = compileAdapter(
      path.join(tmp, "js"),
    );
    const syncs = { score: {}, report: {} };
    for (const command of ["score", "report"]) {
      for (const rows of [10, 10000]) {
        // `rows` indicator rows and one budget line per five, the shape of the score benchmark.
        const context = new FakeRequestContext(generatedWorkbook(Math.max(2, rows / 5), rows));
        await runCommand(new OfficeJsWorkbook(context), command);
        syncs[command][String(rows)] = context.syncCount;
      }
    }
    const downloadUrl = { limits: download.HANDOFF_URL_LIMITS };
    for (const rows of [10, 10000]) {
      const result = await runCommand(
        new OfficeJsWorkbook(new FakeRequestContext(generatedWorkbook(Math.max(2, rows / 5), rows))),
        "report",
      );
      const bytes = await reportDocx(result);
      downloadUrl[String(rows)] = {
        docxBytes: bytes.length,
        urlChars: download.handoffUrl("https://addin.example/download.html", "x.docx", bytes).length,
      };
    }
    return { taskpaneGzipKB, syncs, downloadUrl, realClient: realClientTraffic() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs the real-client harness and returns the traffic it measured. */
function realClientTraffic() {
  // The suite reads its page bundle from the test builds (made here when missing or stale).
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-test.js")], { cwd: ROOT, stdio: "pipe" });
  execFileSync(process.execPath, [require.resolve("jest/bin/jest"), "test/e2e/realClient.e2e.test.ts"], {
    cwd: ROOT,
    stdio: "pipe",
    // The suite measures 计算得分 at 10,000 rows only for the bench.
    env: { ...process.env, JIXIAO_BENCH: "1" },
  });
  return JSON.parse(fs.readFileSync(path.join(ROOT, "test-output/real-client/traffic.json"), "utf8")).figures;
}

module.exports = { addinFigures };

if (require.main === module) {
  addinFigures().then(
    (f) => console.log(JSON.stringify(f, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
