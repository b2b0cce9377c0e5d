/**
 * AWS errors through the bundled Action: AccessDenied from CreateJob names the permissions to grant
 * and creates nothing, throttling is absorbed by the SDK's retries, and status fails the step with
 * failed tasks summarised by error code and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_ROLE_ARN, log, REPO, startHarness, type Harness } from "./action-harness.ts";
import { applyInputs, bucketRows, planInputs, pushEvent, putInventory, statusInputs } from "./scenario.ts";

let harness: Harness;
let push: ReturnType<Harness["github"]["mergePullRequest"]>;
let pullNumber = 0;

beforeAll(async () => {
  harness = await startHarness({ control: { advanceOn: "manual" } });
  await putInventory(harness.s3.client(), "media-bucket", bucketRows("media-bucket", { kms: 4, plain: 1 }), new Date("2026-11-01T00:00:00Z"));
  const run = await harness.run(planInputs());
  expect(run.code, log(run)).toBe(0);
  pullNumber = harness.github.pullRequests(REPO)[0]!.number;
  push = harness.github.mergePullRequest(REPO, pullNumber);
});

afterAll(async () => harness?.stop());

describe("AWS errors", () => {
  it("names s3:CreateJob and iam:PassRole on the Batch role when CreateJob is denied, and creates nothing", async () => {
    harness.control.denyCreateJob("User: arn:aws:sts::123456789012:assumed-role/bucket-keys-executor/gha is not authorized to perform: s3:CreateJob");
    const run = await harness.run(applyInputs(), pushEvent(push));
    harness.control.allowCreateJob();
    expect(run.code).toBe(1);
    expect(log(run)).toContain("CreateJob was denied (AccessDenied)");
    expect(log(run)).toContain(`need s3:CreateJob on arn:aws:s3:*:123456789012:job/*, and iam:PassRole on ${BATCH_ROLE_ARN}`);
    expect(harness.control.jobs()).toHaveLength(0);
    expect(harness.github.comments(REPO, pullNumber)).toHaveLength(0);
  });

  it("retries throttled CreateJob calls and creates each job once", async () => {
    harness.control.throttle(3, { code: "TooManyRequestsException", operations: ["CreateJob"] });
    harness.control.throttle(1, { code: "SlowDown", operations: ["ListJobs"] });
    const run = await harness.run(applyInputs(), pushEvent(push));
    expect(run.code, log(run)).toBe(0);
    const requests = harness.control.requests();
    expect(requests.filter((request) => request.operation === "CreateJob" && request.errorCode === "TooManyRequestsException")).toHaveLength(3);
    expect(requests.filter((request) => request.operation === "ListJobs" && request.errorCode === "SlowDown")).toHaveLength(1);
    const plan = JSON.parse(harness.github.filesAt(REPO, "main")["bucket-key-plans/media-bucket/plan.json"]!);
    expect(harness.control.jobs()).toHaveLength(plan.jobs.length);
  });

  it("status fails the step and explains failed tasks by error code in a single pull request comment", async () => {
    harness.control.setTaskOutcome((task) =>
      task.key.includes("kms 1")
        ? { status: "failed", httpStatus: 403, errorCode: "AccessDenied", resultMessage: "User is not authorized to perform: kms:ReEncryptFrom on the key" }
        : task.key.includes("plain")
          ? { status: "failed", httpStatus: 404, errorCode: "NoSuchKey", resultMessage: "The specified key does not exist." }
          : { status: "succeeded", httpStatus: 200, resultMessage: "Successful" },
    );
    await harness.control.settle();
    const first = await harness.run(statusInputs());
    const second = await harness.run(statusInputs());
    expect(first.code).toBe(1);
    expect(second.code).toBe(1);
    expect(log(second)).toContain("job(s) failed or have failed tasks");
    expect(JSON.parse(second.outputs["failed-jobs"]!)).toHaveLength(harness.control.jobs().length);
    const status = harness.github.comments(REPO, pullNumber).filter((comment) => comment.body.includes("bucket-keys:status"));
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain("| `AccessDenied` | 403 | 1 |");
    expect(status[0]!.body).toContain("`kms:ReEncryptFrom`");
    expect(status[0]!.body).toContain("| `NoSuchKey` | 404 | 1 |");
    expect(second.summary).toContain("deleted after the inventory");
  });
});
