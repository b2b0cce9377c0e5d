/**
 * Scan worker thread: receives the whole task list once, with the pool's shared claim counter, then
 * claims files one at a time (never waiting for the main thread between two files), scans each, and
 * posts its progress and its result (or its error, as a record). Stops when no file is left or the
 * pool says stop (after a failure), and says so. Bundled to dist/scan-worker.js.
 */
import { parentPort } from "node:worker_threads";
import { toErrorRecord } from "./error-transfer.ts";
import { collectOldGarbageIfLarge } from "./minor-gc.ts";
import { scanInventoryFile } from "./scan-inventory-file.ts";
import { stampRead } from "./scan-monitor.ts";
import { NEXT_TASK, STOP, type WorkerMessage, type WorkerStart } from "./scan-protocol.ts";

const port = parentPort;
if (port === null) throw new Error("scan-worker must run as a worker thread");
const post = (message: WorkerMessage) => port.postMessage(message);

// One start message per worker; the listener also keeps the worker alive until the pool terminates it.
port.on("message", async ({ tasks, control, activity, epochMs }: WorkerStart) => {
  while (Atomics.load(control, STOP) === 0) {
    const index = Atomics.add(control, NEXT_TASK, 1);
    if (index >= tasks.length) break;
    collectOldGarbageIfLarge();
    stampRead(activity, epochMs, index);
    post({ type: "claimed", index });
    try {
      const result = await scanInventoryFile(
        tasks[index]!,
        (rows, bytes) => post({ type: "progress", rows, bytes }),
        (jobKey, part, bytes) => post({ type: "part", index, jobKey, part, bytes }),
        { onRead: () => stampRead(activity, epochMs, index), onRetry: (retry) => post({ type: "retry", index, retry }) },
      );
      post({ type: "done", result });
    } catch (error) {
      // Stop every worker at once, not when the main thread gets to this message.
      Atomics.store(control, STOP, 1);
      post({ type: "error", index, error: toErrorRecord(error) });
    }
  }
  post({ type: "idle" });
});
