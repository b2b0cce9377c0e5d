import { gzipSync } from "node:zlib";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  CreateJobCommand,
  DescribeJobCommand,
  GetJobTaggingCommand,
  ListJobsCommand,
  UpdateJobPriorityCommand,
  UpdateJobStatusCommand,
  type JobManifestFieldName,
  type S3ControlClient,
} from "@aws-sdk/client-s3-control";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startS3ControlServer, type S3ControlServer } from "../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { ACCOUNT_ID, createJobInput, uploadManifest } from "./s3-control-helpers.ts";

describe("loopback S3 Control server: job lifecycle, reports and error injection", () => {
  let s3Server: LocalS3Server;
  let control: S3ControlServer;
  let s3: S3Client;
  let client: S3ControlClient;
  let tokens = 0;

  const getText = async (bucket: string, key: string): Promise<string> =>
    (await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString()) ?? "";
  const describeJob = async (jobId: string) => (await client.send(new DescribeJobCommand({ AccountId: ACCOUNT_ID, JobId: jobId }))).Job;
  const create = async (
    manifestKey: string,
    csv: string,
    overrides: Parameters<typeof createJobInput>[1] = {},
    fields: JobManifestFieldName[] = ["Bucket", "Key"],
  ): Promise<string> => {
    const etag = await uploadManifest(s3, manifestKey, csv);
    const input = createJobInput(etag, {
      ClientRequestToken: `lifecycle-${(tokens += 1)}`,
      ...overrides,
      Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: fields }, Location: { ObjectArn: `arn:aws:s3:::manifests/${manifestKey}`, ETag: etag } },
    });
    const { JobId } = await client.send(new CreateJobCommand(input));
    return JobId ?? "";
  };

  beforeAll(async () => {
    s3Server = await startS3Server({ buckets: ["data", "manifests", "reports", "inventory"] });
    control = await startS3ControlServer({ s3Endpoint: s3Server.endpoint });
    s3 = s3Server.client();
    client = control.client();
    for (const key of ["logs/a.txt", "logs/with space.txt", "logs/plus+sign.txt"]) {
      await s3.send(new PutObjectCommand({ Bucket: "data", Key: key, Body: Buffer.from(key) }));
    }
  });
  afterEach(() => {
    control.setTaskOutcome();
  });
  afterAll(async () => {
    client.destroy();
    s3.destroy();
    await control.stop();
    await s3Server.stop();
  });

  it("moves a job New -> Preparing -> Ready -> Active -> Completing -> Complete, one step per DescribeJob, and writes AWS's report layout", async () => {
    const csv = "data,logs/a.txt\ndata,logs/with%20space.txt\ndata,logs/plus%2Bsign.txt\ndata,logs/missing.txt\n";
    const jobId = await create("plans/p1/job-1.csv", csv);
    const statuses: string[] = [];
    let job = await describeJob(jobId);
    statuses.push(job?.Status ?? "");
    while (job?.Status !== "Complete" && statuses.length < 10) {
      job = await describeJob(jobId);
      statuses.push(job?.Status ?? "");
    }
    expect(statuses).toEqual(["Preparing", "Ready", "Active", "Completing", "Complete"]);
    expect(job?.ProgressSummary).toMatchObject({ TotalNumberOfTasks: 4, NumberOfTasksSucceeded: 3, NumberOfTasksFailed: 1 });
    expect(job?.TerminationDate).toBeInstanceOf(Date);
    expect(job?.FailureReasons).toBeUndefined();

    const manifest = JSON.parse(await getText("reports", `bucket-keys/job-${jobId}/manifest.json`)) as {
      Format: string;
      ReportSchema: string;
      Results: Array<{ TaskExecutionStatus: string; Bucket: string; Key: string; MD5Checksum: string }>;
    };
    expect(manifest.Format).toBe("Report_CSV_20180820");
    expect(manifest.ReportSchema).toBe("Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage");
    expect(manifest.Results.map((r) => [r.TaskExecutionStatus, r.Bucket])).toEqual([
      ["succeeded", "reports"],
      ["failed", "reports"],
    ]);
    for (const result of manifest.Results) expect(result.Key).toMatch(new RegExp(`^bucket-keys/job-${jobId}/results/[0-9a-f]{40}\\.csv$`));
    const failed = await getText("reports", manifest.Results[1]?.Key ?? "");
    expect(failed).toBe('data,logs/missing.txt,,failed,404,NoSuchKey,"The specified key does not exist."\n');
    const succeeded = await getText("reports", manifest.Results[0]?.Key ?? "");
    expect(succeeded.trim().split("\n")).toEqual([
      'data,logs/a.txt,,succeeded,200,,"Successful"',
      'data,logs/with%20space.txt,,succeeded,200,,"Successful"',
      'data,logs/plus%2Bsign.txt,,succeeded,200,,"Successful"',
    ]);
  });

  it("fails the job like AWS when the manifest changed after CreateJob (ETag mismatch), running no task", async () => {
    const jobId = await create("plans/p1/job-2.csv", "data,logs/a.txt\n");
    await uploadManifest(s3, "plans/p1/job-2.csv", "data,logs/a.txt\ndata,logs/other.txt\n");
    await control.settle(jobId);
    const job = await describeJob(jobId);
    expect(job?.Status).toBe("Failed");
    expect(job?.FailureReasons?.[0]?.FailureCode).toBe("ManifestETagMismatch");
    expect(job?.FailureReasons?.[0]?.FailureReason).toMatch(/does not match the object's current ETag/);
    expect(job?.ProgressSummary).toMatchObject({ NumberOfTasksSucceeded: 0, NumberOfTasksFailed: 0 });
    expect(control.job(jobId).reportKeys).toEqual([]);
  });

  it("fails the job when more than half of at least 1,000 executed tasks failed", async () => {
    control.setTaskOutcome((task) =>
      Number(task.key.slice(4)) % 5 < 3
        ? { status: "failed", httpStatus: 403, errorCode: "AccessDenied", resultMessage: "Access Denied" }
        : { status: "succeeded", httpStatus: 200, resultMessage: "Successful" },
    );
    const csv = Array.from({ length: 1500 }, (_, i) => `data,obj-${i}\n`).join("");
    const jobId = await create("plans/p1/job-3.csv", csv);
    await control.settle(jobId);
    const job = await describeJob(jobId);
    expect(job?.Status).toBe("Failed");
    expect(job?.FailureReasons?.[0]?.FailureCode).toBe("TaskFailureThresholdExceeded");
    const executed = (job?.ProgressSummary?.NumberOfTasksSucceeded ?? 0) + (job?.ProgressSummary?.NumberOfTasksFailed ?? 0);
    expect(executed).toBe(1000);
    expect(job?.ProgressSummary?.TotalNumberOfTasks).toBe(1500);
    expect(control.job(jobId).reportKeys.at(-1)).toBe(`bucket-keys/job-${jobId}/manifest.json`);
  });

  it("completes a small job even when most of its tasks fail (the threshold needs 1,000 executed tasks)", async () => {
    control.setTaskOutcome(() => ({ status: "failed", httpStatus: 404, errorCode: "NoSuchKey", resultMessage: "The specified key does not exist." }));
    const jobId = await create("plans/p1/job-4.csv", "data,x\ndata,y\n");
    await control.settle(jobId);
    expect((await describeJob(jobId))?.Status).toBe("Complete");
  });

  it("parks a job that requires confirmation in Suspended until UpdateJobStatus(Ready)", async () => {
    const jobId = await create("plans/p1/job-5.csv", "data,logs/a.txt\n", { ConfirmationRequired: true });
    await control.settle(jobId);
    expect((await describeJob(jobId))?.Status).toBe("Suspended");
    const updated = await client.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT_ID, JobId: jobId, RequestedJobStatus: "Ready", StatusUpdateReason: "approved in PR #1" }));
    expect(updated).toMatchObject({ JobId: jobId, Status: "Ready", StatusUpdateReason: "approved in PR #1" });
    await control.settle(jobId);
    expect((await describeJob(jobId))?.Status).toBe("Complete");
  });

  it("refuses UpdateJobStatus(Ready) for a job that is not Suspended with JobStatusException", async () => {
    const jobId = await create("plans/p1/job-6.csv", "data,logs/a.txt\n");
    await expect(client.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT_ID, JobId: jobId, RequestedJobStatus: "Ready" }))).rejects.toMatchObject({ name: "JobStatusException" });
  });

  it("cancels a running job through Cancelling to Cancelled", async () => {
    const jobId = await create("plans/p1/job-7.csv", "data,logs/a.txt\n", { ConfirmationRequired: true });
    const updated = await client.send(new UpdateJobStatusCommand({ AccountId: ACCOUNT_ID, JobId: jobId, RequestedJobStatus: "Cancelled" }));
    expect(updated.Status).toBe("Cancelling");
    expect((await describeJob(jobId))?.Status).toBe("Cancelled");
  });

  it("treats the VersionId literal null as the null version and fails rows with an empty version id", async () => {
    control.setTaskOutcome((task) => ({ status: task.versionId === "null" ? "succeeded" : "failed", httpStatus: 200, resultMessage: "checked" }));
    const jobId = await create("plans/p1/job-8.csv", "data,logs/a.txt,null\ndata,logs/a.txt,\n", {}, ["Bucket", "Key", "VersionId"]);
    await control.settle(jobId);
    const results = control.job(jobId).results.map((r) => [r.task.versionId, r.outcome.status, r.outcome.errorCode]);
    expect(results).toEqual([
      ["null", "succeeded", undefined],
      ["", "failed", "InvalidRequest"],
    ]);
  });

  it("reads an S3 Inventory CSV manifest (manifest.json plus gzipped data files, keys URL-encoded)", async () => {
    const data = gzipSync(Buffer.from('"data","logs/with+space.txt","true"\n"data","logs/a.txt","true"\n'));
    await s3.send(new PutObjectCommand({ Bucket: "inventory", Key: "data/1.csv.gz", Body: data }));
    const manifest = JSON.stringify({
      sourceBucket: "data",
      destinationBucket: "arn:aws:s3:::inventory",
      fileFormat: "CSV",
      fileSchema: "Bucket, Key, IsLatest",
      files: [{ key: "data/1.csv.gz", size: data.length, MD5checksum: "" }],
    });
    const etag = (await s3.send(new PutObjectCommand({ Bucket: "inventory", Key: "manifest.json", Body: Buffer.from(manifest) }))).ETag?.replace(/"/g, "") ?? "";
    control.setTaskOutcome((task) => ({ status: "succeeded", httpStatus: 200, resultMessage: task.key }));
    const input = createJobInput(etag, {
      ClientRequestToken: "inventory-1",
      Manifest: { Spec: { Format: "S3InventoryReport_CSV_20161130" }, Location: { ObjectArn: "arn:aws:s3:::inventory/manifest.json", ETag: etag } },
    });
    const { JobId } = await client.send(new CreateJobCommand(input));
    await control.settle(JobId);
    expect(control.job(JobId ?? "").results.map((r) => r.task.key)).toEqual(["logs/with space.txt", "logs/a.txt"]);
  });

  it("retries through injected 503 SlowDown responses (the SDK's own retries) and creates the job once", async () => {
    const etag = await uploadManifest(s3, "plans/p1/job-9.csv", "data,logs/a.txt\n");
    control.throttle(2, { operations: ["CreateJob"] });
    const before = control.requests().filter((r) => r.operation === "CreateJob").length;
    const { JobId } = await client.send(new CreateJobCommand(createJobInput(etag, { ClientRequestToken: "throttled-1", Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] }, Location: { ObjectArn: "arn:aws:s3:::manifests/plans/p1/job-9.csv", ETag: etag } } })));
    const attempts = control.requests().filter((r) => r.operation === "CreateJob").slice(before);
    expect(attempts.map((r) => [r.status, r.errorCode])).toEqual([
      [503, "SlowDown"],
      [503, "SlowDown"],
      [200, undefined],
    ]);
    expect(control.jobs().filter((j) => j.jobId === JobId)).toHaveLength(1);
  });

  it("retries through injected TooManyRequestsException on DescribeJob", async () => {
    const jobId = await create("plans/p1/job-10.csv", "data,logs/a.txt\n");
    control.throttle(1, { code: "TooManyRequestsException", operations: ["DescribeJob"] });
    await expect(describeJob(jobId)).resolves.toMatchObject({ JobId: jobId });
    expect(control.requests().filter((r) => r.errorCode === "TooManyRequestsException")).toHaveLength(1);
  });

  it("answers CreateJob with 403 AccessDenied while denied, which the SDK does not retry", async () => {
    const message = "User: arn:aws:sts::123456789012:assumed-role/executor/ci is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/bucket-keys-batch";
    control.denyCreateJob(message);
    const before = control.requests().length;
    const jobs = control.jobs().length;
    const error = await client.send(new CreateJobCommand(createJobInput("abc", { ClientRequestToken: "denied-1" }))).catch((e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode: number } });
    control.allowCreateJob();
    expect(error).toMatchObject({ name: "AccessDenied", message, $metadata: { httpStatusCode: 403 } });
    expect(control.requests().length - before).toBe(1);
    expect(control.jobs()).toHaveLength(jobs);
  });

  it("lists jobs filtered by status with pagination, updates priority and returns the job's tags", async () => {
    const jobId = await create("plans/p1/job-11.csv", "data,logs/a.txt\n");
    const active = await client.send(new ListJobsCommand({ AccountId: ACCOUNT_ID, JobStatuses: ["New"] }));
    expect(active.Jobs?.map((j) => j.JobId)).toContain(jobId);
    expect(active.Jobs?.every((j) => j.Status === "New")).toBe(true);
    const page = await client.send(new ListJobsCommand({ AccountId: ACCOUNT_ID, MaxResults: 2 }));
    expect(page.Jobs).toHaveLength(2);
    expect(page.NextToken).toBeDefined();
    const next = await client.send(new ListJobsCommand({ AccountId: ACCOUNT_ID, MaxResults: 2, NextToken: page.NextToken }));
    expect(next.Jobs?.[0]?.JobId).not.toBe(page.Jobs?.[0]?.JobId);
    const priority = await client.send(new UpdateJobPriorityCommand({ AccountId: ACCOUNT_ID, JobId: jobId, Priority: 42 }));
    expect(priority).toMatchObject({ JobId: jobId, Priority: 42 });
    const tags = await client.send(new GetJobTaggingCommand({ AccountId: ACCOUNT_ID, JobId: jobId }));
    expect(tags.Tags).toEqual([{ Key: "bucketkeys:plan", Value: "p1" }]);
  });
});
