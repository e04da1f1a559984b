/**
 * The worker pool's bookkeeping with files queued ahead: every file reported once, in the files'
 * order at the end; a worker that dies mid-file costs that file only — the files queued behind it
 * are handed to a new worker. The worker here is a stand-in that reviews nothing: it answers each
 * file with a one-form result and exits (like a fatal fault) on files named "crash".
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reviewAll } from "../../../src/review/pool";
import { issueRow } from "../../../src/review/reviewFile";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-pool-"));
const worker = path.join(dir, "worker.js");
fs.writeFileSync(
  worker,
  `const { parentPort } = require("worker_threads");
   const queue = []; let busy = false;
   const drain = () => { busy = true; const job = queue.shift();
     if (!job) { busy = false; return; }
     if (job.file.includes("crash")) process.exit(3);
     parentPort.postMessage({ index: job.index, result: { file: job.file, source: null, forms: [], issues: [], failed: false } });
     setTimeout(drain, 1); };
   parentPort.on("message", (job) => { queue.push(job); if (!busy) drain(); });`,
);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("every file once, in order; a crash costs its file, the files queued behind it are reviewed by a new worker", async () => {
  const files = Array.from({ length: 40 }, (_, i) => (i === 5 || i === 22 ? `crash-${i}.xlsx` : `f${i}.xlsx`));
  const seen: number[] = [];
  const results = await reviewAll(files, { jobs: 2, worker, onResult: (_, done, index) => seen.push(index) });
  expect(results.map((r) => r.file)).toEqual(files);
  expect([...seen].sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
  expect(results.filter((r) => r.failed).map((r) => r.file)).toEqual(["crash-5.xlsx", "crash-22.xlsx"]);
  // A problem with the file itself: no cell (ref null), the reason as a param.
  expect(results[5].issues).toEqual([
    {
      ref: null,
      code: "file.failed",
      params: { file: "crash-5.xlsx", reason: expect.stringContaining("工作线程异常退出") },
      severity: "error",
    },
  ]);
  expect(issueRow(results[5].issues[0])).toEqual({ cell: "", severity: "错误", message: expect.stringContaining("工作线程异常退出") });
  // The files queued behind a crash (6–8 were in the dead worker's queue) came back as reviewed.
  expect(results.slice(6, 9).every((r) => !r.failed)).toBe(true);
});

test("a worker is replaced by a fresh one after its share of files; every file still once, in order", async () => {
  const counting = path.join(dir, "counting.js");
  fs.writeFileSync(
    counting,
    `const { parentPort, threadId } = require("worker_threads");
     parentPort.on("message", (job) => parentPort.postMessage({ index: job.index,
       result: { file: job.file, source: String(threadId), forms: [], issues: [], failed: false } }));`,
  );
  const files = Array.from({ length: 50 }, (_, i) => `f${i}.xlsx`);
  const results = await reviewAll(files, { jobs: 2, worker: counting, filesPerWorker: 10 });
  expect(results.map((r) => r.file)).toEqual(files);
  const perWorker = new Map<string, number>();
  for (const r of results) perWorker.set(r.source!, (perWorker.get(r.source!) ?? 0) + 1);
  expect(perWorker.size).toBeGreaterThanOrEqual(5);
  expect(Math.max(...perWorker.values())).toBeLessThanOrEqual(10);
});
