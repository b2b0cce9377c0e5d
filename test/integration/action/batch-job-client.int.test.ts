/**
 * BatchJobClient against the loopback S3 Control server: the errors a user must act on say which
 * permission or setting to check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCallError } from "../../../action/contracts/errors.ts";
import { BatchJobClient } from "../../../action/io/aws/batch-job-client.ts";
import { startS3ControlServer, type S3ControlServer } from "../../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";
import { ACCOUNT_ID, createJobInput, uploadManifest } from "../s3-control-helpers.ts";

let s3: LocalS3Server;
let control: S3ControlServer;
let jobs: BatchJobClient;
let etag: string;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["manifests", "reports"] });
  control = await startS3ControlServer({ s3Endpoint: s3.endpoint, advanceOn: "manual" });
  jobs = new BatchJobClient(control.client(), ACCOUNT_ID);
  etag = await uploadManifest(s3.client(), "plans/p1/job-1.csv", "data,a\n");
});

afterAll(async () => {
  await control?.stop();
  await s3?.stop();
});

async function failure(run: () => Promise<unknown>): Promise<AwsCallError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AwsCallError) return error;
    throw error;
  }
  throw new Error("expected an AwsCallError");
}

describe("BatchJobClient", () => {
  it("names only iam:PassRole on the role when AWS says PassRole was denied", async () => {
    control.denyCreateJob("User: arn:aws:sts::123456789012:assumed-role/x/y is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/bucket-keys-batch");
    const error = await failure(() => jobs.createJob(createJobInput(etag), "plan.json: job \"j\""));
    control.allowCreateJob();
    expect(error.awsCode).toBe("AccessDenied");
    expect(error.message).toContain('plan.json: job "j": CreateJob was denied (AccessDenied). The workflow\'s AWS credentials (the executor role from the Pulumi stack) need iam:PassRole on arn:aws:iam::123456789012:role/bucket-keys-batch (allowed only when iam:PassedToService is batchoperations.s3.amazonaws.com)');
  });

  it("returns the first job for a repeated ClientRequestToken and explains a token reused with other settings", async () => {
    const first = await jobs.createJob(createJobInput(etag), "job");
    expect(await jobs.createJob(createJobInput(etag), "job")).toBe(first);
    const error = await failure(() => jobs.createJob(createJobInput(etag, { Priority: 99 }), "job"));
    expect(error.awsCode).toBe("IdempotencyException");
    expect(error.message).toContain("The workflow inputs (role, report location, priority, tags) changed since the first apply of this plan");
  });

  it("finds jobs by tag, reading tags only for jobs whose listing passes the cheap filter", async () => {
    const found = await jobs.findJobs((job) => (job.Description ?? "").startsWith("bucketkeys:p1"), (tags) => tags.some((tag) => tag.Key === "bucketkeys:plan" && tag.Value === "p1"));
    expect(found).toHaveLength(1);
    const tagReads = control.requests().filter((request) => request.operation === "GetJobTagging").length;
    await jobs.findJobs(() => false, () => true);
    expect(control.requests().filter((request) => request.operation === "GetJobTagging")).toHaveLength(tagReads);
  });
});
