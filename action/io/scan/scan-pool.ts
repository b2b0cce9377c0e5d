/**
 * Scans data files in parallel worker threads and returns the results in task order. Each worker
 * claims its next file from a counter shared by all of them, so a worker never waits for the main
 * thread (busy appending manifests) between two files. After a failure no new file starts; once the
 * files in flight settle, the failure of the earliest file is rethrown as its typed error (so the same
 * bad input always gives the same message).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { S3ReadRetry } from "../aws/s3-object-read.ts";
import { fromErrorRecord } from "./error-transfer.ts";
import type { ScanResult, ScanTask } from "./scan-data-file.ts";
import { stampRead, type ScanMonitor } from "./scan-monitor.ts";
import { CONTROL_WORDS, NEXT_TASK, STOP, type WorkerMessage, type WorkerStart } from "./scan-protocol.ts";

const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./scan-worker.ts" : "./scan-worker.js", import.meta.url);

/**
 * A scan worker's young generation, in MB (V8 sizes it from the machine's memory otherwise, up to some
 * 30 MB per thread). A worker keeps little on its heap: measured with 4 workers reading an `s3://`
 * inventory of 64 data files, peak RSS 306 MiB by default and 281 MiB with 2 MB, with no change in the
 * benchmark's CPU time; an inventory whose every row takes the JavaScript path (as rows with keys to
 * re-encode and object-lock dates did before the kernel handled them) takes about 4% longer, its young objects being collected more often.
 */
const WORKER_YOUNG_GENERATION_MB = 2;

/**
 * Default worker count: one per core, but no more than libuv's thread pool (4 unless UV_THREADPOOL_SIZE
 * says otherwise). Each worker costs its own memory, so the count stays bounded on large machines; and
 * that pool runs the process's file reads and, when the scan inflates through zlib's streams
 * (BUCKET_KEYS_INFLATE=stream), every inflation, so more workers would only wait for it.
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
  /** A task's S3 body failed part-way and is read on from the byte reached. */
  onRetry?: (index: number, retry: S3ReadRetry) => void;
  /** Told which files are in flight and when each last got a byte. */
  monitor?: ScanMonitor;
  /** Scan the files one by one in this thread (for tiny inventories, see IN_THREAD_MAX_BYTES) instead of in workers. */
  inThread?: boolean;
}

/**
 * Inventories whose data files hold at most this many compressed bytes in all are scanned in the
 * calling thread: they take milliseconds, and a worker thread costs a few hundred to start (its own
 * AWS SDK client included), which adds up when the Action plans hundreds of small buckets in one run.
 */
export const IN_THREAD_MAX_BYTES = 256 * 1024;

/** Tasks must be numbered 0..n-1 in order (`task.index`). */
export async function runScanPool(tasks: readonly ScanTask[], options: ScanPoolOptions = {}): Promise<ScanResult[]> {
  const results: ScanResult[] = new Array(tasks.length);
  if (tasks.length === 0) return results;
  if (options.inThread) return scanInThread(tasks, options);
  const threads = Math.max(1, Math.min(options.threads ?? defaultScanThreads(), tasks.length));
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
  const activity = new Int32Array(new SharedArrayBuffer(tasks.length * Int32Array.BYTES_PER_ELEMENT));
  const start: WorkerStart = { tasks: [...tasks], control, activity, epochMs: Date.now() };
  const workers: Worker[] = [];
  const failures = new Map<number, Error>();
  /** The file each running worker is scanning, if any. */
  const inFlight = new Map<Worker, number | undefined>();
  /** Why a worker stopped unasked, when it did so before claiming a file. */
  let lostWorker: Error | undefined;
  let filesDone = 0;
  let scanned = false;
  options.monitor?.attach(activity, start.epochMs, function* () {
    for (const index of inFlight.values()) if (index !== undefined) yield index;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (index: number, error: Error) => {
        failures.set(index, error);
        Atomics.store(control, STOP, 1);
      };
      const settle = () => {
        if (inFlight.size > 0) return;
        if (failures.size > 0) reject(failures.get(Math.min(...failures.keys())));
        else if (filesDone < tasks.length) {
          // Every worker is gone with files left: they died before they could claim them.
          reject(lostWorker ?? new Error("scan workers stopped before every data file was scanned"));
        } else resolve();
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        workers.push(worker);
        inFlight.set(worker, undefined);
        worker.on("message", (message: WorkerMessage) => {
          switch (message.type) {
            case "claimed":
              inFlight.set(worker, message.index);
              return;
            case "part":
              options.onPartGrown?.(message.index, message.jobKey, message.part, message.bytes);
              return;
            case "retry":
              options.onRetry?.(message.index, message.retry);
              return;
            case "progress":
              options.onProgress?.({ rows: message.rows, bytes: message.bytes, filesDone: 0 });
              return;
            case "done":
              inFlight.set(worker, undefined);
              results[message.result.index] = message.result;
              filesDone++;
              options.onProgress?.({ rows: 0, bytes: 0, filesDone: 1 });
              options.onResult?.(message.result);
              return;
            case "error":
              inFlight.set(worker, undefined);
              fail(message.index, fromErrorRecord(message.error));
              return;
            case "idle":
              inFlight.delete(worker);
              settle();
          }
        });
        // A worker that dies (not one we stop) fails the file it was scanning.
        const crash = (error: Error) => {
          if (!inFlight.has(worker)) return;
          const index = inFlight.get(worker);
          inFlight.delete(worker);
          if (index !== undefined) fail(index, error);
          else lostWorker ??= error;
          settle();
        };
        worker.on("error", crash);
        worker.on("exit", (code) => crash(new Error(`scan worker stopped with exit code ${code}`)));
        worker.postMessage(start);
      }
    });
    scanned = true;
  } finally {
    const stopping = Promise.all(workers.splice(0).map((worker) => worker.terminate()));
    // After a success every worker is idle, and they stop while the caller writes the plan; after a
    // failure the error is thrown only once they stopped.
    if (scanned) stopping.catch(() => {});
    else await stopping;
  }
  return results;
}

/** The pool's work, done file after file in this thread, with the same callbacks in the same order. */
async function scanInThread(tasks: readonly ScanTask[], options: ScanPoolOptions): Promise<ScanResult[]> {
  const { scanInventoryFile } = await import("./scan-inventory-file.ts");
  const results: ScanResult[] = new Array(tasks.length);
  const activity = new Int32Array(tasks.length);
  const epochMs = Date.now();
  let current: number | undefined;
  options.monitor?.attach(activity, epochMs, function* () {
    if (current !== undefined) yield current;
  });
  for (const task of tasks) {
    current = task.index;
    stampRead(activity, epochMs, task.index);
    const result = await scanInventoryFile(
      task,
      (rows, bytes) => options.onProgress?.({ rows, bytes, filesDone: 0 }),
      (jobKey, part, bytes) => options.onPartGrown?.(task.index, jobKey, part, bytes),
      { onRead: () => stampRead(activity, epochMs, task.index), onRetry: (retry) => options.onRetry?.(task.index, retry) },
    );
    results[task.index] = result;
    options.onProgress?.({ rows: 0, bytes: 0, filesDone: 1 });
    options.onResult?.(result);
  }
  current = undefined;
  return results;
}
