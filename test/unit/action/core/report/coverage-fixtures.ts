import type { CoverageEntry, CoverageHistory } from "../../../../../action/contracts/history-schema.ts";

/** An entry of a bucket with `rows` inventory rows: `onBucketKeys` already done, `planned` in jobs, `left` skipped by reason. */
export function entry(date: string, counts: { rows?: number; onBucketKeys: number; planned: number; left?: CoverageEntry["skipped"]; deleteMarkers?: number }, planId = "0123456789abcdef"): CoverageEntry {
  return {
    inventoryTime: `${date}T00:00:00.000Z`,
    planId,
    rows: counts.rows ?? 1000,
    planned: { objects: counts.planned },
    skipped: { "already-bucket-key": counts.onBucketKeys, ...(counts.deleteMarkers ? { "delete-marker": counts.deleteMarkers } : {}), ...counts.left },
  };
}

export function history(bucket: string, entries: CoverageEntry[]): CoverageHistory {
  return { schemaVersion: 1, bucket, entries };
}
