/**
 * The review part of `npm run bench`: `jixiao review` over 1,000 generated one-form workbooks of a
 * typical size (20–30 indicators, test/fixtures/reviewBatch.ts), beside the floor measured in the same
 * run — exceljs alone reading the same 1,000 files on one core. Peak RSS (the process and its
 * worker threads) at 250 and at 1,000 files shows memory does not grow with the batch.
 * Returns `review: {files, ms, filesPerSec, floorMs, ratio, peakMB, peakMB250}`; goals on 2 cores:
 * ratio ≤ 0.7, peak < 400 MB.
 *
 * A province in one run (issue 18): `peakMB10000` (and `peakMB50000` with REVIEW_BENCH_50000=1, some
 * minutes) — the peak RSS of reviewing that many one-form workbooks (500 generated ones, hard-linked
 * under further names: the review reads each as a file of its own), the run's ms, and the seconds
 * LibreOffice takes to open the SUMMARY.xlsx, recalculate every formula and save it (`libreOfficeS…`).
 *
 * The machine is shared, and its load swings within seconds: review and floor are measured in
 * alternating pairs (REVIEW_BENCH_PAIRS, default 3); ms, floorMs and ratio are the medians, and
 * `ratios` lists every pair's ratio so the spread is on record.
 */
const { measured } = require("./bench-child");
const fs = require("fs");
const os = require("os");
const path = require("path");

const FILES = 1000;
const PAIRS = Number(process.env.REVIEW_BENCH_PAIRS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const review = (files, out) =>
  measured(`const code = await require("./dist/cli/main").main(["review", ...${JSON.stringify(files)}, "-o", ${JSON.stringify(out)}],
    { stdout: () => {}, stderr: () => {} }); if (code !== 0) throw new Error("review exited " + code)`);

async function reviewFigures() {
  const { writeReviewBatch } = require("../build/fixtures/test/fixtures/reviewBatch");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-review-"));
  const batch = path.join(dir, "batch");
  const manifest = await writeReviewBatch(batch, {
    count: FILES,
    seed: 1000,
    templateEvery: 0,
    maxForms: 1,
    indicators: [20, 30],
    broken: false,
  });
  const files = manifest.files.map((f) => path.join(batch, f));
  const quarter = review(files.slice(0, FILES / 4), path.join(dir, "summary-250.xlsx"));
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    const all = review([batch], path.join(dir, "summary.xlsx"));
    const floor = measured(
      `const E = require("exceljs"); for (const f of ${JSON.stringify(files)}) { const w = new E.Workbook(); await w.xlsx.readFile(f); }`,
    );
    pairs.push({ all, floor, ratio: all.ms / floor.ms });
  }
  const all = { ms: median(pairs.map((p) => p.all.ms)), peakMB: Math.max(...pairs.map((p) => p.all.peakMB)) };
  const floor = { ms: median(pairs.map((p) => p.floor.ms)) };
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    review: {
      files: FILES,
      cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length,
      ms: Math.round(all.ms),
      filesPerSec: Math.round((FILES / all.ms) * 1000 * 10) / 10,
      floorMs: Math.round(floor.ms),
      ratio: Math.round(median(pairs.map((p) => p.ratio)) * 100) / 100,
      ratios: pairs.map((p) => Math.round(p.ratio * 100) / 100),
      peakMB: Math.round(all.peakMB),
      peakMB250: Math.round(quarter.peakMB),
      // The 1-minute load average when done: the machine is shared.
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    },
  };
}

const { execFileSync } = require("child_process");

/** Seconds for LibreOffice to load a workbook recalculating every formula (as the tests' profile does) and save it as CSV. */
function libreOfficeSeconds(file, dir) {
  const profile = path.join(dir, "lo-profile");
  const user = path.join(profile, "user");
  fs.mkdirSync(user, { recursive: true });
  // Always recalculate on load (test/support/libreoffice.ts sets the same).
  fs.writeFileSync(
    path.join(user, "registrymodifications.xcu"),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  const out = path.join(dir, "lo-out");
  const started = Date.now();
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        out,
        file,
      ],
      { stdio: "ignore", timeout: 1800_000 },
    );
  } catch {
    return null;
  }
  return Math.round((Date.now() - started) / 100) / 10;
}

async function provinceFigures() {
  const { writeReviewBatch } = require("../build/fixtures/test/fixtures/reviewBatch");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-bench-province-"));
  const base = path.join(dir, "base");
  const manifest = await writeReviewBatch(base, {
    count: 500,
    seed: 18,
    templateEvery: 0,
    maxForms: 1,
    indicators: [20, 30],
    broken: false,
  });
  const sources = manifest.files.map((f) => path.join(base, f));
  const figures = {};
  for (const size of [10000, ...(process.env.REVIEW_BENCH_50000 ? [50000] : [])]) {
    const batch = path.join(dir, `batch-${size}`);
    for (let i = 0; i < size; i++) {
      const folder = path.join(batch, `地市${String(Math.floor(i / 1000) + 1).padStart(2, "0")}`);
      if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
      const target = path.join(folder, `单位${String(i + 1).padStart(5, "0")}.xlsx`);
      try {
        fs.linkSync(sources[i % sources.length], target);
      } catch {
        fs.copyFileSync(sources[i % sources.length], target);
      }
    }
    const summary = path.join(dir, `summary-${size}.xlsx`);
    const run = review([batch], summary);
    figures[`peakMB${size}`] = Math.round(run.peakMB);
    figures[`ms${size}`] = Math.round(run.ms);
    figures[`summaryMB${size}`] = Math.round((fs.statSync(summary).size / 1048576) * 10) / 10;
    figures[`libreOfficeS${size}`] = libreOfficeSeconds(summary, dir);
    fs.rmSync(batch, { recursive: true, force: true });
  }
  figures.provinceLoadAverage = Math.round(os.loadavg()[0] * 10) / 10;
  fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

module.exports = { reviewFigures, provinceFigures };

if (require.main === module)
  (process.argv.includes("--province") ? provinceFigures() : reviewFigures()).then((f) => console.log(JSON.stringify(f)));
