/** What a scan of one data file contributed to a plan, and how tallies add up across files. */
import type { SkipReason } from "../../contracts/plan-schema.ts";

/** Job keys: "update", "copy:<STORAGE_CLASS>", or "copy:" without a StorageClass column. */
export interface FileTally {
  rows: number;
  skipped: Partial<Record<SkipReason, number>>;
  jobs: Record<string, { objects: number; bytes: number }>;
  /** Rows routed to update by their EncryptionStatus (for the plan's warnings). */
  updateSseS3: number;
  updateSseKms: number;
  updateUnknownEncryption: number;
}

export function emptyTally(): FileTally {
  return { rows: 0, skipped: {}, jobs: {}, updateSseS3: 0, updateSseKms: 0, updateUnknownEncryption: 0 };
}

export function mergeTally(into: FileTally, from: FileTally): FileTally {
  into.rows += from.rows;
  for (const [reason, count] of Object.entries(from.skipped) as [SkipReason, number][]) into.skipped[reason] = (into.skipped[reason] ?? 0) + count;
  for (const [key, job] of Object.entries(from.jobs)) {
    const target = (into.jobs[key] ??= { objects: 0, bytes: 0 });
    target.objects += job.objects;
    target.bytes += job.bytes;
  }
  into.updateSseS3 += from.updateSseS3;
  into.updateSseKms += from.updateSseKms;
  into.updateUnknownEncryption += from.updateUnknownEncryption;
  return into;
}
