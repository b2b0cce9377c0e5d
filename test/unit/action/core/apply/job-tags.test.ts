import { describe, expect, it } from "vitest";
import { buildCreateJobRequest } from "../../../../../action/core/apply/create-job-request.ts";
import { applyTags, JOB_DESCRIPTION_PREFIX, readJobIdentity, TAG_JOB_ID, TAG_PLAN_ID } from "../../../../../action/core/apply/job-tags.ts";
import { job, uploadedPlan } from "../../fixtures/plan.ts";

describe("job tags", () => {
  const plan = uploadedPlan([job({ id: "update-logs-bucket" })]);
  const request = buildCreateJobRequest(plan, plan.jobs[0]!, {
    accountId: "111122223333",
    roleArn: "arn:aws:iam::111122223333:role/batch",
    reportBucket: "reports-bucket",
    reportPrefix: "job-reports",
    priority: 10,
    tags: applyTags(plan.jobs[0]!, 7, "c".repeat(40)),
  });

  it("finds the plan id and job id the engine's CreateJob request tags, where status and re-runs of apply look for them", () => {
    expect(request.Tags).toEqual(expect.arrayContaining([{ Key: TAG_PLAN_ID, Value: plan.id }, { Key: TAG_JOB_ID, Value: "update-logs-bucket" }]));
    expect(request.Description!.startsWith(JOB_DESCRIPTION_PREFIX)).toBe(true);
    expect(request.Description).toContain(plan.id);
  });

  it("reads back plan, job, bucket, pull request and commit from the tags", () => {
    expect(readJobIdentity(request.Tags!)).toEqual({ planId: plan.id, planJobId: "update-logs-bucket", bucket: "logs-bucket", pullRequest: 7, commit: "c".repeat(40) });
  });

  it("leaves out the pull request and commit tags when apply runs without them (the CLI)", () => {
    expect(applyTags({ bucket: "b-bucket" }, undefined, undefined)).toEqual([{ Key: "bucket-keys:bucket", Value: "b-bucket" }]);
  });
});
