import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../../../action/core/plan/build-plan.ts";
import { emptyTally } from "../../../../../action/core/plan/file-tally.ts";
import { renderPlanMarkdown } from "../../../../../action/core/plan/render-plan-markdown.ts";

const plan = buildPlan({
  operation: "auto",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k-1",
  inventories: [
    {
      sourceBucket: "photos",
      manifest: "inventory/photos/cfg/2026-11-01T00-00Z/manifest.json",
      manifestMd5: "b".repeat(32),
      creationTime: new Date("2026-11-01T00:00:00Z"),
      fileFormat: "CSV",
    fileSchema: ["Bucket", "Key", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus", "ObjectAccessControlList"],
      dataFiles: 1,
      tally: { ...emptyTally(), rows: 1_500_000, skipped: { "sse-c": 2 }, jobs: { update: { objects: 1_000_000, bytes: 3 * 1024 ** 4 }, "copy:GLACIER_IR": { objects: 5, bytes: 2048 } }, updateSseS3: 10 },
    },
  ],
  manifests: { "update-photos": { sha256: "c".repeat(64), bytes: 1 }, "copy-photos-glacier-ir": { sha256: "d".repeat(64), bytes: 1 } },
});

describe("renderPlanMarkdown", () => {
  it("lists each job with operation, bucket, objects, bytes, storage class and its cost, then the totals", () => {
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    expect(markdown).toContain(`# Bucket Keys plan \`${plan.id}\``);
    expect(markdown).toContain("| `update-photos` | S3UpdateObjectEncryption | `photos` | kept | 1,000,000 | 3.0 TiB | $6.25 |");
    expect(markdown).toContain("| `copy-photos-glacier-ir` | S3PutObjectCopy | `photos` | GLACIER_IR | 5 | 2.0 KiB | $0.25 |");
    expect(markdown).toContain("| **2 jobs** | | | | **1,000,005** | **3.0 TiB** | **$6.50** |");
    expect(markdown).toMatch(/^\*\*2 jobs\*\* over \*\*1,000,005 objects\*\* \(3\.0 TiB\), estimated \*\*\$6\.50\*\*; 2 of 1,500,000 inventory rows skipped\./m);
  });

  it("puts the jobs and warnings first and the manifests and the cost per request type in <details> blocks", () => {
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    const at = (text: string) => markdown.indexOf(text);
    expect(at("## Jobs")).toBeLessThan(at("## Warnings"));
    expect(at("## Warnings")).toBeLessThan(at("## Skipped"));
    expect(at("## Skipped")).toBeLessThan(at("<details><summary>Manifests (2)</summary>"));
    const cost = markdown.slice(at("<details><summary>Cost per request type"), markdown.indexOf("</details>", at("<details><summary>Cost per request type")));
    expect(cost).toContain("| Batch Operations job (update-photos) | 1 job | $0.25 per job |");
    expect(markdown.slice(0, at("<details>"))).not.toContain("Batch Operations objects (");
    // A table inside <details> renders only after a blank line.
    expect(markdown).toMatch(/<summary>Cost per request type: \$[\d.,]+<\/summary>\n\n\| Item/);
  });

  it("explains each skip reason and what to do", () => {
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    expect(markdown).toContain("| `sse-c` | 2 | Encrypted with a customer-provided key (SSE-C); neither operation can read it. | Rewrite it with the customer's key, or leave it. |");
  });

  it("warns about an inventory older than 7 days only when it is, judged from `now`", () => {
    expect(renderPlanMarkdown(plan, { now: new Date("2026-11-08T00:00:00Z") })).not.toContain("days old");
    expect(renderPlanMarkdown(plan, { now: new Date("2026-11-09T00:00:01Z") })).toContain("**`photos`**: the inventory is 8 days old (2026-11-01T00:00:00.000Z)");
  });

  it("shows the SSE-S3 to SSE-KMS warning and the dated cost table", () => {
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    expect(markdown).toContain("SSE-S3 objects will move to SSE-KMS under arn:aws:kms:us-east-1:111122223333:key/k-1");
    expect(markdown).toContain(`| **Total** | | | **$${plan.cost.totalUsd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}** |`);
    expect(markdown).toContain(`Prices for us-east-1 as of ${plan.cost.priceTable.asOf}`);
  });

  it("states cost quantities in objects and requests and prices as the price list does", () => {
    const job = plan.jobs[0]!;
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    const objects = job.objects.toLocaleString("en-US");
    expect(markdown).toContain(`| Batch Operations job (${job.id}) | 1 job | $0.25 per job |`);
    expect(markdown).toContain(`| Batch Operations objects (${job.id}) | ${objects} objects | $1 per million objects |`);
    expect(markdown).toMatch(new RegExp(`\\| \\w+ requests \\(${job.id}\\) \\| ${objects} requests \\| \\$0\\.0\\d+ per 1,000 requests \\|`));
  });

  it("links manifests under manifestBaseUrl and shows their upload location", () => {
    const uploaded = { ...plan, jobs: plan.jobs.map((job) => ({ ...job, manifest: { ...job.manifest, uri: `s3://m/p/${plan.id}/${job.id}.csv`, etag: "e" } })) };
    const markdown = renderPlanMarkdown(uploaded, { now: new Date("2026-11-02T00:00:00Z"), manifestBaseUrl: "https://github.com/o/r/blob/main/plans/photos/" });
    expect(markdown).toContain(`[manifests/update-photos.csv](https://github.com/o/r/blob/main/plans/photos/manifests/update-photos.csv)<br>\`s3://m/p/${plan.id}/update-photos.csv\``);
  });
});

describe("renderPlanMarkdown for a plan of several buckets", () => {
  const classes = ["GLACIER_IR", "STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING"];
  const inventory = (bucket: string) => ({
    sourceBucket: bucket,
    manifest: `inventory/${bucket}/cfg/2026-11-01T00-00Z/manifest.json`,
    manifestMd5: "b".repeat(32),
    creationTime: new Date("2026-11-01T00:00:00Z"),
    fileFormat: "CSV" as const,
    fileSchema: ["Bucket", "Key", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus"],
    dataFiles: 1,
    tally: { ...emptyTally(), rows: 100, jobs: { update: { objects: 50, bytes: 50 }, ...Object.fromEntries(classes.map((name) => [`copy:${name}`, { objects: 2, bytes: 2 }])) }, updateSseS3: 5 },
  });
  const manifests = Object.fromEntries(["photos", "logs"].flatMap((bucket) => [`update-${bucket}`, ...classes.map((name) => `copy-${bucket}-${name.toLowerCase().replace(/_/g, "-")}`)]).map((id) => [id, { sha256: "c".repeat(64), bytes: 1 }]));
  const fleet = buildPlan({ operation: "auto", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k-1", inventories: [inventory("photos"), inventory("logs")], manifests });
  const markdown = renderPlanMarkdown(fleet, { now: new Date("2026-11-02T00:00:00Z") });

  it("starts with one row per bucket: jobs, objects, size and cost", () => {
    expect(markdown.indexOf("## Buckets")).toBeLessThan(markdown.indexOf("## Jobs"));
    expect(markdown).toMatch(/\| `photos` \| 100 \| 6 \| 60 \| 60 B \| \$[\d.]+ \|/);
  });

  it("collapses a job table longer than 10 rows", () => {
    expect(fleet.jobs).toHaveLength(12);
    expect(markdown).toContain("## Jobs\n\n<details><summary>12 jobs</summary>\n\n| Job |");
  });

  it("writes a warning shared by several buckets once, naming them and adding up the objects", () => {
    const lines = markdown.split("\n").filter((line) => line.includes("SSE-S3 objects will move to SSE-KMS"));
    expect(lines).toEqual([expect.stringMatching(/^- \*\*`photos`\*\* and \*\*`logs`\*\*: SSE-S3 objects will move .* \(10 objects\)$/)]);
  });
});
