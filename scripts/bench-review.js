/**
 * The review part of `npm run bench`: `jixiao review` over 1,000 generated one-form workbooks of a
 * typical size (20–30 indicators, src/sample/reviewBatch.ts), beside the floor measured in the same
 * run — exceljs alone reading the same 1,000 files on one core. Peak RSS (the process and its
 * worker threads) at 250 and at 1,000 files shows memory does not grow with the batch.
 * Returns `review: {files, ms, filesPerSec, floorMs, ratio, peakMB, peakMB250}`; goals on 2 cores:
 * ratio ≤ 0.7, peak < 400 MB.
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
  const { writeReviewBatch } = require("../dist/sample/reviewBatch");
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

module.exports = { reviewFigures };

if (require.main === module) reviewFigures().then((f) => console.log(JSON.stringify(f)));
