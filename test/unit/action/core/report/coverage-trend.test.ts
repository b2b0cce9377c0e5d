import { describe, expect, it } from "vitest";
import { coverageOf, formatPercent } from "../../../../../action/core/report/coverage-figures.ts";
import { bucketTrend } from "../../../../../action/core/report/coverage-trend.ts";
import { entry, history } from "./coverage-fixtures.ts";

describe("coverageOf", () => {
  it("counts every version but no delete marker, and separates what is left for a person from what is done", () => {
    const figures = coverageOf(entry("2026-11-01", { rows: 1100, deleteMarkers: 100, onBucketKeys: 600, planned: 350, left: { "object-lock": 30, "sse-c": 20 } }));
    expect(figures).toMatchObject({ objects: 1000, onBucketKeys: 600, planned: 350, leftTotal: 50, percent: 60, left: { "object-lock": 30, "sse-c": 20 } });
  });

  it("never rounds up to 100%: 99.99% prints as 99%, and 100% needs every object", () => {
    expect(formatPercent(coverageOf(entry("2026-11-01", { rows: 10_000, onBucketKeys: 9_999, planned: 1 })))).toBe("99%");
    expect(formatPercent(coverageOf(entry("2026-11-01", { rows: 10_000, onBucketKeys: 10_000, planned: 0 })))).toBe("100%");
  });
});

describe("bucketTrend", () => {
  it("gives the trend over the plans, with what is planned and skipped in the latest", () => {
    const trend = bucketTrend(history("photos-prod", [entry("2026-11-01", { onBucketKeys: 610, planned: 380, left: { "sse-c": 10 } }), entry("2026-11-08", { onBucketKeys: 800, planned: 190, left: { "sse-c": 10 } }), entry("2026-11-15", { onBucketKeys: 970, planned: 20, left: { "sse-c": 10 } })]));
    expect(trend.state).toBe("improving");
    expect(trend.line).toBe("`photos-prod`: 61% → 97% in 3 plans, 2026-11-01 to 2026-11-15; 20 planned, 10 skipped (sse-c 10)");
    expect(trend.statement).toBeUndefined();
  });

  it("states plainly that a bucket is fully on Bucket Keys", () => {
    const trend = bucketTrend(history("logs", [entry("2026-11-01", { onBucketKeys: 900, planned: 100 }), entry("2026-11-08", { onBucketKeys: 1000, planned: 0 })]));
    expect(trend.state).toBe("done");
    expect(trend.statement).toBe("**`logs` is fully on S3 Bucket Keys**: 100% of 1,000 objects (inventory of 2026-11-08).");
  });

  it("says a bucket stopped improving when the same objects are skipped plan after plan and no job is left", () => {
    const left = { "object-lock": 139, "sse-c": 61 };
    const trend = bucketTrend(history("archive", [entry("2026-11-01", { onBucketKeys: 500, planned: 300, left }), entry("2026-11-08", { onBucketKeys: 800, planned: 0, left }), entry("2026-11-15", { onBucketKeys: 800, planned: 0, left })]));
    expect(trend.state).toBe("stalled");
    expect(trend.statement).toContain("**`archive` has stopped improving** at 80%: the last 3 plans skip the same 200 objects (object-lock 139, sse-c 61) and no job is left for them.");
  });

  it("does not call a bucket stalled when the skipped objects changed, or jobs are still planned", () => {
    const changed = bucketTrend(history("a", [entry("2026-11-01", { onBucketKeys: 800, planned: 0, left: { "sse-c": 200 } }), entry("2026-11-08", { onBucketKeys: 810, planned: 0, left: { "sse-c": 190 } })]));
    expect(changed.state).toBe("improving");
    const planned = bucketTrend(history("b", [entry("2026-11-01", { onBucketKeys: 700, planned: 100, left: { "sse-c": 200 } }), entry("2026-11-08", { onBucketKeys: 750, planned: 50, left: { "sse-c": 200 } })]));
    expect(planned.state).toBe("improving");
  });

  it("says a bucket has not improved in 3 plans when its planned jobs have not run", () => {
    const trend = bucketTrend(history("media", [0, 1, 2].map((week) => entry(`2026-11-0${week + 1}`, { onBucketKeys: 400, planned: 600 }))));
    expect(trend.state).toBe("waiting");
    expect(trend.statement).toContain("**`media` has not improved in the last 3 plans** (40%): 600 objects are planned, but their jobs have not run.");
  });

  it("treats a bucket with only delete markers as fully covered", () => {
    expect(bucketTrend(history("empty", [entry("2026-11-01", { rows: 5, deleteMarkers: 5, onBucketKeys: 0, planned: 0 })])).state).toBe("done");
  });
});
