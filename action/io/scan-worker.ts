/**
 * Scan worker thread: receives ScanTasks one at a time, scans the data file, and posts progress and the
 * result (or the error, as a record) back. Bundled to dist/scan-worker.js.
 */
import { parentPort } from "node:worker_threads";
import { toErrorRecord } from "./error-transfer.ts";
import { scanDataFile, type ScanTask } from "./scan-data-file.ts";

export type WorkerMessage =
  | { type: "progress"; rows: number; bytes: number }
  | { type: "part"; index: number; jobKey: string; part: string; bytes: number }
  | { type: "done"; result: Awaited<ReturnType<typeof scanDataFile>> }
  | { type: "error"; index: number; error: ReturnType<typeof toErrorRecord> };

const port = parentPort;
if (port === null) throw new Error("scan-worker must run as a worker thread");

port.on("message", (task: ScanTask) => {
  scanDataFile(
    task,
    (rows, bytes) => port.postMessage({ type: "progress", rows, bytes } satisfies WorkerMessage),
    (jobKey, part, bytes) => port.postMessage({ type: "part", index: task.index, jobKey, part, bytes } satisfies WorkerMessage),
  ).then(
    (result) => port.postMessage({ type: "done", result } satisfies WorkerMessage),
    (error: unknown) => port.postMessage({ type: "error", index: task.index, error: toErrorRecord(error) } satisfies WorkerMessage),
  );
});
