/**
 * Reviews files in parallel over worker threads (one per core by default), each worker holding one
 * workbook at a time and posting back only its compact result, so memory stays flat whatever the
 * number of files. Results are reported as they come and (unless `keep: false`) returned in the
 * files' order.
 *
 * The workers run the compiled code (dist/review/worker.js). Where there is none — the sources run
 * through ts-jest — or with one job, the files are reviewed in this thread, one after another.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { type FileResult, type ReviewFileOptions, failure, reviewFile } from "./reviewFile";

export interface PoolOptions extends ReviewFileOptions {
  /** Worker threads; default the machine's cores. */
  jobs?: number;
  /** Called as each file is done (in completion order), with the file's index in `files`. */
  onResult?: (result: FileResult, done: number, index: number) => void;
  /** The worker script (default the compiled worker.js); the pool's tests give one of their own. */
  worker?: string;
  /**
   * Whether to return every result at the end (default true). A review that only streams the
   * results through `onResult` passes false, so nothing grows with the batch.
   */
  keep?: boolean;
  /** Files a worker reviews before a fresh one takes over (default FILES_PER_WORKER). */
  filesPerWorker?: number;
}

const WORKER = path.join(__dirname, "worker.js");

function workersAvailable(): boolean {
  return __filename.endsWith(".js") && fs.existsSync(WORKER);
}

function defaultJobs(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

export async function reviewAll(files: readonly string[], options: PoolOptions = {}): Promise<FileResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  if (files.length === 0) return [];
  if (jobs === 1 || (!options.worker && !workersAvailable())) return inThread(files, options);
  return inWorkers(files, jobs, options);
}

async function inThread(files: readonly string[], options: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    const result = await reviewFile(files[i], options);
    if (options.keep !== false) results.push(result);
    options.onResult?.(result, i + 1, i);
  }
  return results;
}

/**
 * Files queued ahead in each worker: a worker never waits for the main thread to be scheduled to
 * hand it the next file (on a loaded machine that wait, per file, cost more than the parallelism won).
 */
const AHEAD = 4;

/**
 * Files a worker reviews before it is replaced by a fresh one: a thread's heap and allocator
 * arenas grow with its run time, not with what it holds, so a batch of 50,000 files would
 * otherwise end with workers much larger than one of 10,000. A fresh worker costs a start and
 * a warm-up, hence only every 10,000 files.
 */
const FILES_PER_WORKER = 10_000;

function inWorkers(files: readonly string[], jobs: number, options: PoolOptions): Promise<FileResult[]> {
  const results = new Array<FileResult>(options.keep === false ? 0 : files.length);
  let next = 0;
  /** Files handed to a worker that exited before it started them: handed out again first. */
  const again: number[] = [];
  let done = 0;
  return new Promise((resolve) => {
    const record = (index: number, result: FileResult) => {
      if (options.keep !== false) results[index] = result;
      done++;
      options.onResult?.(result, done, index);
      if (done === files.length) resolve(results);
    };
    const start = () => {
      const worker = new Worker(options.worker ?? WORKER, { workerData: { details: options.details } satisfies ReviewFileOptions });
      // The worker reviews its files one at a time in the order sent: the first is the one in hand.
      const inFlight: number[] = [];
      let handed = 0;
      let crash: unknown;
      const remaining = () => again.length > 0 || next < files.length;
      const feed = () => {
        while (inFlight.length < AHEAD && handed < (options.filesPerWorker ?? FILES_PER_WORKER) && remaining()) {
          const index = again.shift() ?? next++;
          inFlight.push(index);
          handed++;
          worker.postMessage({ index, file: files[index] });
        }
        if (inFlight.length > 0) return;
        void worker.terminate();
        if (remaining()) start();
      };
      worker.on("message", (m: { index: number; result: FileResult }) => {
        inFlight.splice(inFlight.indexOf(m.index), 1);
        record(m.index, m.result);
        feed();
      });
      worker.on("error", (err) => (crash = err));
      // A worker that dies mid-file (out of memory, a native fault) costs that file, not the batch.
      worker.on("exit", () => {
        const index = inFlight.shift();
        if (index === undefined) return;
        again.push(...inFlight.splice(0));
        record(index, failure(files[index], crash ?? new Error("工作线程异常退出")));
        if (remaining()) start();
      });
      feed();
    };
    for (let i = 0; i < jobs; i++) start();
  });
}
