/**
 * What the scan pool (main thread) and its workers say to each other: the start message each worker
 * gets once, the shared control words, and the messages workers post back.
 */
import type { S3ReadRetry } from "../aws/s3-object-read.ts";
import type { ErrorRecord } from "./error-transfer.ts";
import type { ScanResult, ScanTask } from "./scan-data-file.ts";

/** Index of the next unclaimed task, in the pool's shared control words (Int32Array over a SharedArrayBuffer). */
export const NEXT_TASK = 0;
/** Non-zero once a file failed: workers claim no further file. */
export const STOP = 1;
export const CONTROL_WORDS = 2;

export interface WorkerStart {
  tasks: ScanTask[];
  control: Int32Array;
  /** Per task: when its last compressed chunk arrived, in ms since `epochMs` (see scan-monitor.ts). */
  activity: Int32Array;
  epochMs: number;
}

export type WorkerMessage =
  | { type: "claimed"; index: number }
  | { type: "progress"; rows: number; bytes: number }
  | { type: "part"; index: number; jobKey: string; part: string; bytes: number }
  | { type: "retry"; index: number; retry: S3ReadRetry }
  | { type: "done"; result: ScanResult }
  | { type: "error"; index: number; error: ErrorRecord }
  | { type: "idle" };
