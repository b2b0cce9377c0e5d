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
  it("lists each job with operation, bucket, objects, bytes, storage class and manifest", () => {
    const markdown = renderPlanMarkdown(plan, { now: new Date("2026-11-02T00:00:00Z") });
    expect(markdown).toContain(`# Bucket Keys plan \`${plan.id}\``);
    expect(markdown).toContain("| `update-photos` | S3UpdateObjectEncryption | `photos` | kept | 1,000,000 | 3.0 TiB | `manifests/update-photos.csv` |");
    expect(markdown).toContain("| `copy-photos-glacier-ir` | S3PutObjectCopy | `photos` | GLACIER_IR | 5 | 2.0 KiB | `manifests/copy-photos-glacier-ir.csv` |");
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
