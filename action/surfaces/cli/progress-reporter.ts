/**
 * Scan progress on stderr: on a terminal a live line (files, rows, MB/s) redrawn a few times a second;
 * elsewhere (CI logs) a plain line every few seconds.
 */
import type { PlanProgress } from "../../use-cases/plan-inventory.ts";

export const LIVE_REDRAW_MS = 200;
export const LOG_EVERY_MS = 5000;

export interface ProgressReporter {
  update(progress: PlanProgress): void;
  /** Clears the live line. */
  done(): void;
}

export function createProgressReporter(stream: { write(text: string): unknown; isTTY?: boolean }, clock: () => number = Date.now): ProgressReporter {
  const started = clock();
  let last = started;
  let drawn = false;
  const describe = (p: PlanProgress) => {
    const seconds = Math.max((clock() - started) / 1000, 0.001);
    return `scanning: ${p.filesDone}/${p.files} files, ${p.rows.toLocaleString("en-US")} rows, ${(p.bytes / 1e6 / seconds).toFixed(0)} MB/s`;
  };
  return {
    update(progress) {
      const now = clock();
      if (now - last < (stream.isTTY ? LIVE_REDRAW_MS : LOG_EVERY_MS)) return;
      last = now;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${describe(progress)}`);
        drawn = true;
      } else {
        stream.write(`${describe(progress)}\n`);
      }
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}
