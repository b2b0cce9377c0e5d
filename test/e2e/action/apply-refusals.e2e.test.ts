/**
 * Apply refuses, creating nothing, whenever a plan cannot be trusted: edited to target another bucket,
 * edited without its id, a manifest replaced after approval, or a run that is not a push to the
 * default branch. The same plan applies once the manifest is back, so the refusals are the checks.
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePlanId, type Plan } from "../../../action/contracts/plan-schema.ts";
import { log, REPO, startHarness, type Harness } from "./action-harness.ts";
import { applyInputs, bucketRows, planInputs, pushEvent, putInventory } from "./scenario.ts";

const PLAN_PATH = "bucket-key-plans/logs-bucket/plan.json";
let harness: Harness;
let approved: Plan;
let approvedText: string;

beforeAll(async () => {
  harness = await startHarness({ control: { advanceOn: "manual" } });
  await putInventory(harness.s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 3, plain: 2 }), new Date("2026-11-01T00:00:00Z"));
  const run = await harness.run(planInputs());
  expect(run.code, log(run)).toBe(0);
  approvedText = harness.github.filesAt(REPO, "bucket-keys/logs-bucket")[PLAN_PATH]!;
  approved = JSON.parse(approvedText) as Plan;
});

afterAll(async () => harness?.stop());

/** Pushes `files` to main (a merge or a direct push) and runs apply for that push. */
async function applyPush(files: Record<string, string>) {
  const push = harness.github.pushFiles(REPO, "main", files, "Update plans");
  return harness.run(applyInputs(), pushEvent(push));
}

/** The approved plan.json, with `n` extra trailing newlines so each push changes the file (JSON content unchanged). */
function approvedVariant(n: number): string {
  return `${approvedText}${"\n".repeat(n)}`;
}

function withId(plan: Plan): string {
  return `${JSON.stringify({ ...plan, id: computePlanId(plan) }, null, 2)}\n`;
}

describe("apply refuses untrusted plans and creates nothing", () => {
  it("refuses a plan edited to target a bucket outside allowed-buckets, even with its id recomputed", async () => {
    const edited = { ...approved, jobs: approved.jobs.map((job) => ({ ...job, bucket: "attacker-bucket" })) };
    const run = await applyPush({ [PLAN_PATH]: withId(edited) });
    expect(run.code).toBe(1);
    expect(log(run)).toContain('targets bucket "attacker-bucket", which is not in input "allowed-buckets"');
    expect(harness.control.jobs()).toHaveLength(0);
  });

  it("refuses a plan whose id does not match its content", async () => {
    const edited = { ...approved, jobs: approved.jobs.map((job) => ({ ...job, objects: job.objects + 1 })) };
    const run = await applyPush({ [PLAN_PATH]: `${JSON.stringify(edited, null, 2)}\n` });
    expect(run.code).toBe(1);
    expect(log(run)).toContain(`${PLAN_PATH}: field "id" is "${approved.id}" but the plan's content hashes to`);
    expect(harness.control.jobs()).toHaveLength(0);
  });

  it("refuses every plan of a push when one of them fails, so a good plan is not applied beside a bad one", async () => {
    const other = { ...approved, jobs: approved.jobs.map((job) => ({ ...job, bucket: "attacker-bucket" })) };
    const run = await applyPush({ [PLAN_PATH]: approvedVariant(1), "bucket-key-plans/attacker-bucket/plan.json": withId(other) });
    expect(run.code).toBe(1);
    expect(log(run)).toContain("attacker-bucket");
    expect(harness.control.jobs()).toHaveLength(0);
  });

  it("refuses a manifest replaced after approval, naming both ETags", async () => {
    const uri = approved.jobs[0]!.manifest.uri!.replace("s3://reports-bucket/", "");
    const original = await harness.s3.client().send(new GetObjectCommand({ Bucket: "reports-bucket", Key: uri }));
    const originalBody = await original.Body!.transformToString();
    await harness.s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: uri, Body: "someone-elses-bucket,secret.txt\n" }));
    const run = await applyPush({ [PLAN_PATH]: approvedVariant(2) });
    expect(run.code).toBe(1);
    expect(log(run)).toContain(`was replaced after approval (ETag in plan ${approved.jobs[0]!.manifest.etag} vs in S3`);
    expect(harness.control.jobs()).toHaveLength(0);
    await harness.s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: uri, Body: originalBody }));
  });

  it("refuses to run on a pull_request event, before any AWS call", async () => {
    const requests = harness.control.requests().length;
    const run = await harness.run(applyInputs(), { name: "pull_request", payload: { number: 1, pull_request: { number: 1 } }, ref: "refs/pull/1/merge" });
    expect(run.code).toBe(1);
    expect(log(run)).toContain('apply runs only on "push" to the default branch (this run is "pull_request")');
    expect(harness.control.requests()).toHaveLength(requests);
  });

  it("refuses a push to another branch than the default one", async () => {
    const push = harness.github.pushFiles(REPO, "feature", { [PLAN_PATH]: approvedVariant(3) });
    const run = await harness.run(applyInputs(), pushEvent(push));
    expect(run.code).toBe(1);
    expect(log(run)).toContain('this push is to "refs/heads/feature"');
    expect(harness.control.jobs()).toHaveLength(0);
  });

  it("applies the approved plan once its manifest is back as approved", async () => {
    const run = await applyPush({ [PLAN_PATH]: approvedVariant(4) });
    expect(run.code, log(run)).toBe(0);
    expect(harness.control.jobs()).toHaveLength(approved.jobs.length);
  });
});
