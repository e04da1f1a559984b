/**
 * A review worker thread: scores the files the pool sends, one at a time in the order sent (the
 * pool queues a few ahead), and posts each result back.
 */
import { parentPort, workerData } from "worker_threads";
import { type ReviewFileOptions, reviewFile } from "./reviewFile";

const options = workerData as ReviewFileOptions;
const queue: Array<{ index: number; file: string }> = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const result = await reviewFile(job.file, options);
    parentPort?.postMessage({ index: job.index, result });
  }
  busy = false;
}

parentPort?.on("message", (job: { index: number; file: string }) => {
  queue.push(job);
  if (!busy) void drain();
});
