import { describe, expect, it } from "vitest";
import { coverageChart, LINE_COLOURS } from "../../../../../action/core/report/coverage-chart.ts";
import { coverageCsv, coverageJson } from "../../../../../action/core/report/coverage-formats.ts";
import { coverageMarkdown } from "../../../../../action/core/report/coverage-markdown.ts";
import { entry, history } from "./coverage-fixtures.ts";

const photos = history("photos-prod", [entry("2026-11-01", { rows: 10_000, onBucketKeys: 6_100, planned: 3_900 }), entry("2026-11-15", { rows: 10_000, onBucketKeys: 9_714, planned: 286 })]);
const logs = history("logs", [entry("2026-11-08", { onBucketKeys: 500, planned: 500 })]);

describe("coverageChart", () => {
  it("draws one xychart-beta line per bucket over the dates of every plan, largest bucket first, with a colour per line", () => {
    const chart = coverageChart([logs, photos])!;
    expect(chart.mermaid).toContain("xychart-beta");
    expect(chart.mermaid).toContain('x-axis ["11-01", "11-08", "11-15"]');
    expect(chart.mermaid).toContain('y-axis "coverage %" 0 --> 100');
    // photos: 61 on 11-01, kept on 11-08, 97.1 on 11-15; logs starts at its first value.
    expect(chart.mermaid).toMatch(/line \[61, 61, 97\.1\]\n {4}line \[50, 50, 50\]/);
    expect(chart.mermaid).toContain(`plotColorPalette: "${LINE_COLOURS[0].hex}, ${LINE_COLOURS[1].hex}"`);
    expect(chart.caption).toMatch(/^Lines: blue `photos-prod`, orange `logs`\./);
    expect(chart.mermaid.startsWith("```mermaid\n")).toBe(true);
    expect(chart.mermaid.endsWith("\n```")).toBe(true);
  });

  it("draws at most one line per colour and says the rest are listed only", () => {
    const many = Array.from({ length: 9 }, (_, index) => history(`bucket-${index}`, [entry("2026-11-01", { rows: 1000 + index, onBucketKeys: 500, planned: 1 })]));
    const chart = coverageChart(many)!;
    expect(chart.buckets).toEqual(["bucket-8", "bucket-7", "bucket-6", "bucket-5", "bucket-4", "bucket-3"]);
    expect(chart.mermaid.match(/^ {4}line /gm)).toHaveLength(LINE_COLOURS.length);
    expect(chart.caption).toContain("The 3 smaller buckets are listed below only.");
  });

  it("labels dates with the year when the plans span years", () => {
    const chart = coverageChart([history("a", [entry("2025-12-29", { onBucketKeys: 1, planned: 1 }), entry("2026-01-05", { onBucketKeys: 2, planned: 0 })])])!;
    expect(chart.mermaid).toContain('x-axis ["2025-12-29", "2026-01-05"]');
  });

  it("draws nothing without entries", () => {
    expect(coverageChart([history("a", [])])).toBeUndefined();
    expect(coverageMarkdown([history("a", [])])).toContain("No plan recorded yet");
  });
});

describe("coverageMarkdown", () => {
  it("puts the chart, the plain statements and one trend line per bucket in one section", () => {
    const done = history("done-bucket", [entry("2026-11-08", { onBucketKeys: 1000, planned: 0 })]);
    const markdown = coverageMarkdown([photos, done]);
    expect(markdown).toMatch(/^## Coverage over time\n\n```mermaid\n/);
    expect(markdown).toContain("- **`done-bucket` is fully on S3 Bucket Keys**: 100% of 1,000 objects");
    expect(markdown).toContain("- `photos-prod`: 61% → 97% in 2 plans, 2026-11-01 to 2026-11-15; 286 planned");
  });
});

describe("coverage CSV and JSON", () => {
  it("writes one CSV row per bucket and inventory date, with a column per skip reason", () => {
    const csv = coverageCsv([photos]);
    const [header, first] = csv.split("\r\n");
    expect(header!.split(",").slice(0, 9)).toEqual(["bucket", "inventory_time", "plan_id", "objects", "on_bucket_keys", "percent", "planned", "planned_bytes", "skipped_left"]);
    expect(first).toMatch(/^photos-prod,2026-11-01T00:00:00\.000Z,0123456789abcdef,10000,6100,61,3900,,0,/);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4);
  });

  it("writes JSON with each bucket's state, trend and entries", () => {
    const json = JSON.parse(coverageJson([photos]));
    expect(json.buckets[0]).toMatchObject({ bucket: "photos-prod", state: "improving", trend: "photos-prod: 61% → 97% in 2 plans, 2026-11-01 to 2026-11-15; 286 planned" });
    expect(json.buckets[0].entries[1]).toMatchObject({ inventoryTime: "2026-11-15T00:00:00.000Z", percent: 97.1, planned: 286 });
  });
});
