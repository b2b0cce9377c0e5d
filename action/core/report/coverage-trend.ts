/**
 * What a bucket's history says in words: the trend line ("photos-prod: 61% → 97% in 3 plans"), and
 * the plain statements a reader must not miss: fully on Bucket Keys, stopped improving (the same
 * skipped objects plan after plan, with no job left for them), or not improving because planned jobs
 * wait for their pull request. Pure.
 */
import type { CoverageHistory } from "../../contracts/history-schema.ts";
import { formatNumber } from "../plan/number-format.ts";
import { coverageOf, describeLeft, formatPercent, sameLeft, type CoverageFigures } from "./coverage-figures.ts";

/** Plans without a rise in coverage before a bucket with planned objects counts as waiting. */
export const PLANS_WITHOUT_PROGRESS = 3;

export type TrendState = "done" | "stalled" | "waiting" | "improving" | "empty";

export interface BucketTrend {
  bucket: string;
  state: TrendState;
  latest: CoverageFigures | undefined;
  /** "`photos-prod`: 61% → 97% in 3 plans (2026-11-01 to 2026-11-15)". */
  line: string;
  /** A sentence for done, stalled and waiting buckets. */
  statement: string | undefined;
}

const day = (time: string) => time.slice(0, 10);

export function bucketTrend(history: CoverageHistory): BucketTrend {
  const { bucket, entries } = history;
  const name = `\`${bucket}\``;
  const last = entries.at(-1);
  if (last === undefined) return { bucket, state: "empty", latest: undefined, line: `${name}: no plan recorded yet`, statement: undefined };
  const figures = entries.map(coverageOf);
  const latest = figures.at(-1)!;
  const first = figures[0]!;
  const span = entries.length === 1 ? `1 plan, ${day(last.inventoryTime)}` : `${entries.length} plans, ${day(entries[0]!.inventoryTime)} to ${day(last.inventoryTime)}`;
  const change = entries.length === 1 ? formatPercent(latest) : `${formatPercent(first)} → ${formatPercent(latest)}`;
  const open = [latest.planned > 0 ? `${formatNumber(latest.planned)} planned` : "", latest.leftTotal > 0 ? `${formatNumber(latest.leftTotal)} skipped (${describeLeft(latest.left)})` : ""].filter(Boolean);
  const line = `${name}: ${change} in ${span}${open.length > 0 ? `; ${open.join(", ")}` : ""}`;

  if (latest.onBucketKeys >= latest.objects) {
    const statement = `**${name} is fully on S3 Bucket Keys**: 100% of ${formatNumber(latest.objects)} objects (inventory of ${day(last.inventoryTime)}).`;
    return { bucket, state: "done", latest, line, statement };
  }
  const previous = figures.at(-2);
  if (previous !== undefined && latest.planned === 0 && latest.leftTotal > 0 && sameLeft(previous, latest)) {
    const plans = countSameLeft(figures);
    const statement =
      `**${name} has stopped improving** at ${formatPercent(latest)}: the last ${plans} plans skip the same ${formatNumber(latest.leftTotal)} objects (${describeLeft(latest.left)}) and no job is left for them. ` +
      "They need a person: plan.md's Skipped table says what to do for each reason.";
    return { bucket, state: "stalled", latest, line, statement };
  }
  const recent = figures.slice(-PLANS_WITHOUT_PROGRESS);
  if (latest.planned > 0 && recent.length === PLANS_WITHOUT_PROGRESS && recent.every((item) => item.percent <= recent[0]!.percent)) {
    const statement = `**${name} has not improved in the last ${PLANS_WITHOUT_PROGRESS} plans** (${formatPercent(latest)}): ${formatNumber(latest.planned)} objects are planned, but their jobs have not run. Merge the plan's pull request so apply creates them.`;
    return { bucket, state: "waiting", latest, line, statement };
  }
  return { bucket, state: "improving", latest, line, statement: undefined };
}

/** How many of the last plans skip the same objects as the last one (at least 2 here). */
function countSameLeft(figures: readonly CoverageFigures[]): number {
  const latest = figures.at(-1)!;
  let plans = 0;
  for (let index = figures.length - 1; index >= 0 && sameLeft(figures[index]!, latest); index--) plans++;
  return plans;
}
