/**
 * The main flow through the bundled Action: plan opens a pull request per bucket, an unchanged plan
 * touches nothing, a newer inventory updates the pull request, the merge creates each job once, a
 * re-run creates nothing, and status reports the finished jobs in one comment.
 */
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, startHarness, log, type Harness } from "./action-harness.ts";
import { applyInputs, bucketRows, planInputs, pushEvent, putInventory, seedObjects, statusInputs } from "./scenario.ts";

let harness: Harness;
const NOV_1 = new Date("2026-11-01T00:00:00Z");
const NOV_8 = new Date("2026-11-08T00:00:00Z");

beforeAll(async () => {
  harness = await startHarness({ buckets: ["logs-bucket"], control: { advanceOn: "manual" } });
  const rows = bucketRows("logs-bucket", { kms: 5, enabled: 3, plain: 2 });
  // The objects exist as the inventory describes them, so the S3 Control server's tasks succeed on them.
  await seedObjects(harness.s3, rows, NOV_1);
  await putInventory(harness.s3.client(), "logs-bucket", rows, NOV_1);
  // An older report and a newer one still being written (no manifest.checksum yet) must both be passed over.
  await putInventory(harness.s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 1 }), new Date("2026-10-25T00:00:00Z"));
  const unfinished = await putInventory(harness.s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 9 }), new Date("2026-11-05T00:00:00Z"));
  const checksumKey = unfinished.replace("s3://inventory-bucket/", "").replace(/manifest\.json$/, "manifest.checksum");
  await harness.s3.client().send(new DeleteObjectCommand({ Bucket: "inventory-bucket", Key: checksumKey }));
});

afterAll(async () => harness?.stop());

describe("the Action end to end", () => {
  let pullNumber = 0;
  let push: ReturnType<Harness["github"]["mergePullRequest"]>;

  it("plan opens a pull request with plan.json, plan.md and history.json on bucket-keys/<bucket>", async () => {
    const run = await harness.run(planInputs());
    expect(run.code, log(run)).toBe(0);
    const pulls = harness.github.pullRequests(REPO);
    expect(pulls).toHaveLength(1);
    pullNumber = pulls[0]!.number;
    expect(pulls[0]!.headRef).toBe("bucket-keys/logs-bucket");
    expect(pulls[0]!.body).toContain("S3UpdateObjectEncryption");
    const files = harness.github.filesAt(REPO, "bucket-keys/logs-bucket");
    expect(Object.keys(files).filter((path) => path.startsWith("bucket-key-plans/")).sort()).toEqual(["bucket-key-plans/logs-bucket/history.json", "bucket-key-plans/logs-bucket/plan.json", "bucket-key-plans/logs-bucket/plan.md"]);
    const plan = JSON.parse(files["bucket-key-plans/logs-bucket/plan.json"]!);
    const history = JSON.parse(files["bucket-key-plans/logs-bucket/history.json"]!);
    expect(history).toEqual({ schemaVersion: 1, bucket: "logs-bucket", entries: [{ inventoryTime: NOV_1.toISOString(), planId: plan.id, rows: 10, planned: { objects: 7, bytes: 7 * 2048 }, skipped: { "already-bucket-key": 3 } }] });
    expect(pulls[0]!.body).toContain("## Coverage over time\n\n```mermaid\n");
    expect(pulls[0]!.body).toContain("- `logs-bucket`: 30% in 1 plan, 2026-11-01; 7 planned");
    expect(run.summary).toContain("### Coverage over time");
    expect(plan.totals.objects).toBe(7);
    expect(plan.jobs.every((job: { manifest: { uri?: string } }) => job.manifest.uri?.startsWith(`s3://reports-bucket/bucket-keys/manifests/${plan.id}/`))).toBe(true);
    expect(JSON.parse(run.outputs["plan-ids"]!)).toEqual({ "logs-bucket": plan.id });
    expect(JSON.parse(run.outputs["pull-request-numbers"]!)).toEqual({ "logs-bucket": pullNumber });
    expect(JSON.parse(run.outputs.objects!)).toEqual({ "logs-bucket": 7 });
    expect(run.summary).toContain("logs-bucket");
    expect(log(run)).toContain("2026-11-05T00-00Z/: skipped, no manifest.checksum yet");
  });

  it("planning again from the same inventory writes nothing to GitHub", async () => {
    const writes = harness.github.writeCount();
    const run = await harness.run(planInputs());
    expect(run.code, log(run)).toBe(0);
    expect(harness.github.writeCount()).toBe(writes);
    expect(log(run)).toContain("is unchanged");
    expect(JSON.parse(run.outputs["pull-request-numbers"]!)).toEqual({ "logs-bucket": pullNumber });
  });

  it("a newer inventory updates the same pull request with the new plan", async () => {
    const before = JSON.parse(harness.github.filesAt(REPO, "bucket-keys/logs-bucket")["bucket-key-plans/logs-bucket/plan.json"]!);
    await putInventory(harness.s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 4, enabled: 4, plain: 2 }), NOV_8);
    const run = await harness.run(planInputs());
    expect(run.code, log(run)).toBe(0);
    const after = JSON.parse(harness.github.filesAt(REPO, "bucket-keys/logs-bucket")["bucket-key-plans/logs-bucket/plan.json"]!);
    expect(after.id).not.toBe(before.id);
    expect(after.totals.objects).toBe(6);
    const pulls = harness.github.pullRequests(REPO);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toContain(after.id);
    // The pending pull request's entry stays, and the newer inventory adds its own.
    const history = JSON.parse(harness.github.filesAt(REPO, "bucket-keys/logs-bucket")["bucket-key-plans/logs-bucket/history.json"]!);
    expect(history.entries.map((entry: { inventoryTime: string; planId: string }) => [entry.inventoryTime, entry.planId])).toEqual([[NOV_1.toISOString(), before.id], [NOV_8.toISOString(), after.id]]);
    expect(pulls[0]!.body).toContain("- `logs-bucket`: 30% → 40% in 2 plans, 2026-11-01 to 2026-11-08; 6 planned");
  });

  it("merging creates each job of the plan once, tagged with plan, pull request and commit", async () => {
    push = harness.github.mergePullRequest(REPO, pullNumber);
    const run = await harness.run(applyInputs(), pushEvent(push));
    expect(run.code, log(run)).toBe(0);
    const plan = JSON.parse(harness.github.filesAt(REPO, "main")["bucket-key-plans/logs-bucket/plan.json"]!);
    const jobs = harness.control.jobs();
    expect(jobs).toHaveLength(plan.jobs.length);
    const tags = jobs[0]!.tags;
    expect(tags).toEqual(expect.arrayContaining([{ Key: "bucket-keys:plan-id", Value: plan.id }, { Key: "bucket-keys:pull-request", Value: String(pullNumber) }, { Key: "bucket-keys:commit", Value: push.after }]));
    expect(JSON.parse(run.outputs["job-ids"]!)).toHaveLength(plan.jobs.length);
    const comments = harness.github.comments(REPO, pullNumber);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`https://${"us-east-1"}.console.aws.amazon.com/s3/jobs/${jobs[0]!.jobId}?region=us-east-1`);
  });

  it("re-running apply for the same push creates no job and adds no comment", async () => {
    const jobs = harness.control.jobs().length;
    const run = await harness.run(applyInputs(), pushEvent(push));
    expect(run.code, log(run)).toBe(0);
    expect(harness.control.jobs()).toHaveLength(jobs);
    expect(JSON.parse(run.outputs["job-ids"]!)).toEqual(harness.control.jobs().map((job) => job.jobId));
    expect(log(run)).toContain("already created");
    expect(harness.github.comments(REPO, pullNumber)).toHaveLength(1);
  });

  it("status reports finished jobs in one comment, edited on the next run, and passes when no task failed", async () => {
    await harness.control.settle();
    const first = await harness.run(statusInputs());
    expect(first.code, log(first)).toBe(0);
    const second = await harness.run(statusInputs());
    expect(second.code, log(second)).toBe(0);
    const comments = harness.github.comments(REPO, pullNumber).filter((comment) => comment.body.includes("bucket-keys:status"));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("All jobs completed without failed tasks.");
    // The coverage the merged plans recorded on the default branch, under the jobs.
    expect(comments[0]!.body).toContain("### Coverage over time");
    expect(comments[0]!.body).toContain("- `logs-bucket`: 30% → 40% in 2 plans");
    expect(second.summary).toContain("xychart-beta");
    expect(JSON.parse(second.outputs["failed-jobs"]!)).toEqual([]);
  });
});
