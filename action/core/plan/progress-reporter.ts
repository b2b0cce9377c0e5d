/**
 * Scan progress as text: on a terminal a live line (files, rows, MB/s) redrawn a few times a second;
 * elsewhere (CI logs, the Action's log) a plain line at a fixed interval. The plan reports progress
 * on a timer as well as when bytes arrive, so the line also comes while nothing moves, and it names
 * every file that has gone STALLED_AFTER_MS or more without a byte. Pure: writes through `stream`.
 */

export interface PlanProgress {
  files: number;
  filesDone: number;
  rows: number;
  /** Uncompressed bytes scanned. */
  bytes: number;
  /** The files being read now, with the time since each one's last byte. */
  inFlight: { file: string; silentMs: number }[];
}

export const LIVE_REDRAW_MS = 200;
export const LOG_EVERY_MS = 5000;
/** A file this long without a byte is named in the progress line (a healthy S3 read never pauses that long). */
export const STALLED_AFTER_MS = 3000;

export interface ProgressReporter {
  update(progress: PlanProgress): void;
  /** Clears the live line. */
  done(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function createProgressReporter(stream: ProgressStream, clock: () => number = Date.now, logEveryMs: number = LOG_EVERY_MS): ProgressReporter {
  const started = clock();
  let last = started;
  let drawn = false;
  return {
    update(progress) {
      const now = clock();
      if (now - last < (stream.isTTY ? LIVE_REDRAW_MS : logEveryMs)) return;
      last = now;
      const line = describeProgress(progress, now - started);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}

/** "scanning: 1/4 files, 1,234,567 rows, 100 MB/s; s3://…/data/x.csv.gz: no byte for 12 s" */
export function describeProgress(progress: PlanProgress, elapsedMs: number): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const line = `scanning: ${progress.filesDone}/${progress.files} files, ${progress.rows.toLocaleString("en-US")} rows, ${(progress.bytes / 1e6 / seconds).toFixed(0)} MB/s`;
  const stalled = progress.inFlight.filter((file) => file.silentMs >= STALLED_AFTER_MS).map((file) => `${file.file}: no byte for ${Math.floor(file.silentMs / 1000)} s`);
  return stalled.length === 0 ? line : `${line}; ${stalled.join("; ")}`;
}
