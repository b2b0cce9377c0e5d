/**
 * Coverage of one entry: objects (every version, without delete markers, which hold no data) and how
 * many already use a Bucket Key, are planned, or stay skipped and why. Pure.
 */
import type { CoverageEntry } from "../../contracts/history-schema.ts";
import type { SkipReason } from "../../contracts/plan-schema.ts";
import { formatNumber } from "../plan/number-format.ts";

/** Skip reasons that are not work left: done already, or nothing to encrypt. */
const NOT_LEFT: ReadonlySet<SkipReason> = new Set(["already-bucket-key", "delete-marker"]);

export interface CoverageFigures {
  /** Objects that should use a Bucket Key: rows without delete markers. */
  objects: number;
  onBucketKeys: number;
  planned: number;
  /** Objects skipped for a reason a person must handle (SSE-C, Object Lock, ...), by reason. */
  left: Partial<Record<SkipReason, number>>;
  leftTotal: number;
  /** onBucketKeys / objects, 0 to 100; 100 for a bucket without objects. */
  percent: number;
}

export function coverageOf(entry: CoverageEntry): CoverageFigures {
  const objects = entry.rows - (entry.skipped["delete-marker"] ?? 0);
  const onBucketKeys = entry.skipped["already-bucket-key"] ?? 0;
  const left: Partial<Record<SkipReason, number>> = {};
  let leftTotal = 0;
  for (const [reason, count] of Object.entries(entry.skipped) as [SkipReason, number][]) {
    if (NOT_LEFT.has(reason) || count === 0) continue;
    left[reason] = count;
    leftTotal += count;
  }
  return { objects, onBucketKeys, planned: entry.planned.objects, left, leftTotal, percent: objects <= 0 ? 100 : (100 * onBucketKeys) / objects };
}

/** "61%", "99%" (never rounded up to 100), "100%" only when every object is on a Bucket Key. */
export function formatPercent(figures: Pick<CoverageFigures, "objects" | "onBucketKeys" | "percent">): string {
  if (figures.onBucketKeys >= figures.objects) return "100%";
  return `${Math.floor(figures.percent)}%`;
}

/** One decimal, for charts and data (never 100.0 unless every object is covered). */
export function percentValue(figures: Pick<CoverageFigures, "objects" | "onBucketKeys" | "percent">): number {
  if (figures.onBucketKeys >= figures.objects) return 100;
  return Math.floor(figures.percent * 10) / 10;
}

/** "object-lock 1,139, sse-c 613", largest first. */
export function describeLeft(left: CoverageFigures["left"]): string {
  return (Object.entries(left) as [SkipReason, number][])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => `${reason} ${formatNumber(count)}`)
    .join(", ");
}

export function sameLeft(a: CoverageFigures, b: CoverageFigures): boolean {
  const reasons = new Set([...Object.keys(a.left), ...Object.keys(b.left)]) as Set<SkipReason>;
  return [...reasons].every((reason) => (a.left[reason] ?? 0) === (b.left[reason] ?? 0));
}
