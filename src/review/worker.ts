/** A review worker thread: scores the files the pool sends, one at a time, and posts each result back. */
import { parentPort, workerData } from "worker_threads";
import { type ReviewFileOptions, reviewFile } from "./reviewFile";

const options = workerData as ReviewFileOptions;
parentPort?.on("message", (job: { index: number; file: string }) => {
  void reviewFile(job.file, options).then((result) => parentPort?.postMessage({ index: job.index, result }));
});
