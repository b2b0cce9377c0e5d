/**
 * `bucket-keys report`'s CSV and JSON: one row per bucket and inventory date, for dashboards. Pure.
 */
import type { CoverageHistory } from "../../contracts/history-schema.ts";
import { SKIP_REASONS } from "../../contracts/plan-schema.ts";
import { coverageOf, percentValue } from "./coverage-figures.ts";
import { bucketTrend } from "./coverage-trend.ts";

export interface CoverageRow {
  bucket: string;
  inventoryTime: string;
  planId: string;
  objects: number;
  onBucketKeys: number;
  percent: number;
  planned: number;
  plannedBytes: number | undefined;
  skippedLeft: number;
  skipped: Partial<Record<(typeof SKIP_REASONS)[number], number>>;
}

export function coverageRows(histories: readonly CoverageHistory[]): CoverageRow[] {
  return histories.flatMap((history) =>
    history.entries.map((entry) => {
      const figures = coverageOf(entry);
      return {
        bucket: history.bucket,
        inventoryTime: entry.inventoryTime,
        planId: entry.planId,
        objects: figures.objects,
        onBucketKeys: figures.onBucketKeys,
        percent: percentValue(figures),
        planned: figures.planned,
        plannedBytes: entry.planned.bytes,
        skippedLeft: figures.leftTotal,
        skipped: entry.skipped,
      };
    }),
  );
}

const CSV_COLUMNS = ["bucket", "inventory_time", "plan_id", "objects", "on_bucket_keys", "percent", "planned", "planned_bytes", "skipped_left", ...SKIP_REASONS.map((reason) => `skipped_${reason.replace(/-/g, "_")}`)];

/** RFC 4180: a header, CRLF line ends, fields quoted only when they need it. */
export function coverageCsv(histories: readonly CoverageHistory[]): string {
  const quote = (value: string | number | undefined) => {
    const text = value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of coverageRows(histories)) {
    lines.push(
      [row.bucket, row.inventoryTime, row.planId, row.objects, row.onBucketKeys, row.percent, row.planned, row.plannedBytes, row.skippedLeft, ...SKIP_REASONS.map((reason) => row.skipped[reason] ?? 0)].map(quote).join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** `{ buckets: [{ bucket, state, statement, entries: [...] }] }`, two-space indent. */
export function coverageJson(histories: readonly CoverageHistory[]): string {
  const rows = coverageRows(histories);
  const buckets = histories.map((history) => {
    const trend = bucketTrend(history);
    return { bucket: history.bucket, state: trend.state, trend: trend.line.replace(/`/g, ""), statement: trend.statement?.replace(/\*\*|`/g, ""), entries: rows.filter((row) => row.bucket === history.bucket).map(({ bucket: _bucket, ...row }) => row) };
  });
  return `${JSON.stringify({ buckets }, null, 2)}\n`;
}
