/**
 * Scans data files in parallel worker threads, one file per worker at a time, and returns the results
 * in task order. After a failure no new file starts; once the files in flight settle, the failure of
 * the earliest file is rethrown as its typed error (so the same bad input always gives the same message).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { fromErrorRecord } from "./error-transfer.ts";
import type { ScanResult, ScanTask } from "./scan-data-file.ts";
import type { WorkerMessage } from "./scan-worker.ts";

const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./scan-worker.ts" : "./scan-worker.js", import.meta.url);

/**
 * Default worker count: one per core, but no more than libuv's thread pool (4 unless UV_THREADPOOL_SIZE
 * says otherwise), which runs every gunzip of the process: more workers would only wait for it, and
 * each costs its own memory.
 */
export function defaultScanThreads(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism(), pool));
}

export interface ScanPoolOptions {
  /** Worker threads; default: defaultScanThreads(). */
  threads?: number;
  onProgress?: (delta: { rows: number; bytes: number; filesDone: number }) => void;
  /** A task's part file for a job key grew to `bytes` bytes (each part's reports come in order, before the task's result). */
  onPartGrown?: (index: number, jobKey: string, part: string, bytes: number) => void;
  /** Each file's result as soon as it is done (in completion order). */
  onResult?: (result: ScanResult) => void;
}

/** Tasks must be numbered 0..n-1 in order (`task.index`). */
export async function runScanPool(tasks: readonly ScanTask[], options: ScanPoolOptions = {}): Promise<ScanResult[]> {
  const results: ScanResult[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  const threads = Math.max(1, Math.min(options.threads ?? defaultScanThreads(), tasks.length));
  const workers: Worker[] = [];
  const failures = new Map<number, Error>();
  /** The task each worker is scanning. */
  const inFlight = new Map<Worker, number>();
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const settle = () => {
        if (inFlight.size > 0) return;
        if (failures.size === 0 && next < tasks.length) return;
        if (failures.size === 0) resolve();
        else reject(failures.get(Math.min(...failures.keys())));
      };
      const feed = (worker: Worker) => {
        if (failures.size === 0 && next < tasks.length) {
          inFlight.set(worker, next);
          worker.postMessage(tasks[next++]);
        }
        settle();
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER_URL);
        workers.push(worker);
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "part") {
            options.onPartGrown?.(message.index, message.jobKey, message.part, message.bytes);
            return;
          }
          if (message.type === "progress") {
            options.onProgress?.({ rows: message.rows, bytes: message.bytes, filesDone: 0 });
            return;
          }
          inFlight.delete(worker);
          if (message.type === "done") {
            results[message.result.index] = message.result;
            options.onProgress?.({ rows: 0, bytes: 0, filesDone: 1 });
            options.onResult?.(message.result);
          } else {
            failures.set(message.index, fromErrorRecord(message.error));
          }
          feed(worker);
        });
        // A worker that dies (not one we stop) fails the file it was scanning.
        const crash = (error: Error) => {
          const index = inFlight.get(worker);
          if (index === undefined || !workers.includes(worker)) return;
          inFlight.delete(worker);
          failures.set(index, error);
          settle();
        };
        worker.on("error", crash);
        worker.on("exit", (code) => {
          if (code !== 0) crash(new Error(`scan worker stopped with exit code ${code}`));
        });
        feed(worker);
      }
    });
  } finally {
    const stopping = workers.splice(0);
    await Promise.all(stopping.map((worker) => worker.terminate()));
  }
  return results;
}
