/**
 * Scans data files in parallel worker threads, one file per worker at a time, and returns the results
 * in task order. The first failure stops every worker and is rethrown as its typed error.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { fromErrorRecord } from "./error-transfer.ts";
import type { ScanResult, ScanTask } from "./scan-data-file.ts";
import type { WorkerMessage } from "./scan-worker.ts";

const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./scan-worker.ts" : "./scan-worker.js", import.meta.url);

export interface ScanPoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  threads?: number;
  onProgress?: (delta: { rows: number; bytes: number; filesDone: number }) => void;
}

export async function runScanPool(tasks: readonly ScanTask[], options: ScanPoolOptions = {}): Promise<ScanResult[]> {
  const results: ScanResult[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length));
  const workers: Worker[] = [];
  let next = 0;
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const feed = (worker: Worker) => {
        if (failed) return;
        if (next >= tasks.length) {
          if (running === 0) resolve();
          return;
        }
        running++;
        worker.postMessage(tasks[next++]);
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER_URL);
        workers.push(worker);
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "progress") {
            options.onProgress?.({ rows: message.rows, bytes: message.bytes, filesDone: 0 });
          } else if (message.type === "done") {
            running--;
            results[message.result.index] = message.result;
            options.onProgress?.({ rows: 0, bytes: 0, filesDone: 1 });
            feed(worker);
          } else {
            fail(fromErrorRecord(message.error));
          }
        });
        worker.on("error", fail);
        worker.on("exit", (code) => {
          if (code !== 0) fail(new Error(`scan worker stopped with exit code ${code}`));
        });
        feed(worker);
      }
    });
  } finally {
    failed = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
