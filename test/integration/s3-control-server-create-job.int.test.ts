import type { S3Client } from "@aws-sdk/client-s3";
import { CreateJobCommand, DescribeJobCommand, S3ControlClient, type CreateJobCommandInput } from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3ControlServer, type S3ControlServer } from "../helpers/s3-control-server/s3-control-server.ts";
import { LOCAL_S3_CREDENTIALS, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { ACCOUNT_ID, createJobInput, KMS_KEY_ARN, uploadManifest } from "./s3-control-helpers.ts";

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

describe("loopback S3 Control server: reaching it and CreateJob's constraints", () => {
  let s3Server: LocalS3Server;
  let control: S3ControlServer;
  let s3: S3Client;
  let client: S3ControlClient;
  let etag: string;

  beforeAll(async () => {
    s3Server = await startS3Server({ buckets: ["data", "manifests", "reports"] });
    control = await startS3ControlServer({ s3Endpoint: s3Server.endpoint, advanceOn: "manual" });
    s3 = s3Server.client();
    client = control.client();
    etag = await uploadManifest(s3, "plans/p1/job-1.csv", "data,a.txt\n");
  });
  afterAll(async () => {
    client.destroy();
    s3.destroy();
    await control.stop();
    await s3Server.stop();
  });

  it("cannot be reached through a plain `endpoint` override: the endpoint rules prefix the account id to the host", async () => {
    const plain = new S3ControlClient({ region: "us-east-1", endpoint: control.url, credentials: { ...LOCAL_S3_CREDENTIALS }, maxAttempts: 1 });
    const error = await failure(plain.send(new DescribeJobCommand({ AccountId: ACCOUNT_ID, JobId: "00000" })));
    expect(error.message).toMatch(/Invalid URL/);
    plain.destroy();
  });

  it("answers a client whose endpointProvider resolves to the override (how the Action must build it)", async () => {
    const error = await failure(client.send(new DescribeJobCommand({ AccountId: ACCOUNT_ID, JobId: "00000" })));
    expect(error).toMatchObject({ name: "NoSuchJob", status: 404 });
  });

  it("rejects a request signed with the wrong secret with 403 SignatureDoesNotMatch", async () => {
    const wrong = control.client({ credentials: { accessKeyId: LOCAL_S3_CREDENTIALS.accessKeyId, secretAccessKey: "not-the-secret" }, maxAttempts: 1 });
    const error = await failure(wrong.send(new CreateJobCommand(createJobInput(etag))));
    expect(error).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    wrong.destroy();
  });

  it("rejects an unsigned request with 403", async () => {
    const response = await fetch(`${control.url}/v20180820/jobs`, { headers: { "x-amz-account-id": ACCOUNT_ID } });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("denies requests for another account with 403 AccessDenied", async () => {
    const error = await failure(client.send(new CreateJobCommand(createJobInput(etag, { AccountId: "210987654321" }))));
    expect(error).toMatchObject({ name: "AccessDenied", status: 403 });
  });

  it("creates a job in status New for a valid request", async () => {
    const { JobId } = await client.send(new CreateJobCommand(createJobInput(etag, { ClientRequestToken: "valid-1" })));
    expect(JobId).toMatch(/^[a-zA-Z0-9\-_]{5,36}$/);
    expect(control.job(JobId ?? "").status).toBe("New");
  });

  const invalid: Array<[string, Partial<CreateJobCommandInput>, string]> = [
    ["a RoleArn that is not an IAM role ARN", { RoleArn: "arn:aws:iam::123456789012:user/alice" }, "at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[^:]+:iam::\\d{12}:role/.*"],
    ["a KMS alias instead of a full key ARN", { Operation: { S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/bucket-keys", BucketKeyEnabled: true } } } } }, "kMSKeyArn' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ["S3UpdateObjectEncryption without SSE-KMS", { Operation: { S3UpdateObjectEncryption: { ObjectEncryption: {} } } }, "objectEncryption.sSEKMS' failed to satisfy constraint: Member must not be null"],
    ["a priority above 2147483647", { Priority: 2147483648 }, "at 'priority' failed to satisfy constraint: Member must have value between 0 and 2147483647"],
    ["a negative priority", { Priority: -1 }, "at 'priority' failed to satisfy constraint"],
    ["a 257-character description", { Description: "d".repeat(257) }, "at 'description' failed to satisfy constraint: Member must have length less than or equal to 256"],
    ["a 65-character ClientRequestToken", { ClientRequestToken: "t".repeat(65) }, "at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64"],
    ["a report bucket given by name instead of ARN", { Report: { Enabled: true, Bucket: "reports", Format: "Report_CSV_20180820" } }, "at 'report.bucket' failed to satisfy constraint"],
    ["an enabled report without a bucket", { Report: { Enabled: true, Format: "Report_CSV_20180820" } }, "Value null at 'report.bucket'"],
    ["a copy target that is not a bucket ARN", { Operation: { S3PutObjectCopy: { TargetResource: "data", StorageClass: "STANDARD" } } }, "at 'operation.s3PutObjectCopy.targetResource' failed to satisfy constraint"],
    ["a copy storage class S3 Control doesn't have", { Operation: { S3PutObjectCopy: { TargetResource: "arn:aws:s3:::data", StorageClass: "REDUCED_REDUNDANCY" as "STANDARD" } } }, "Value 'REDUCED_REDUNDANCY' at 'operation.s3PutObjectCopy.storageClass' failed to satisfy constraint: Member must satisfy enum value set"],
    ["two operations", { Operation: { S3PutObjectCopy: { TargetResource: "arn:aws:s3:::data" }, S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: KMS_KEY_ARN } } } } }, "Exactly one operation must be specified"],
    ["no operation", { Operation: {} }, "Exactly one operation must be specified"],
    ["a manifest ObjectArn that is not an S3 ARN", { Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] }, Location: { ObjectArn: "s3://manifests/x.csv", ETag: "abc" } } }, "at 'manifest.location.objectArn' failed to satisfy constraint"],
    ["a manifest without ETag", { Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] }, Location: { ObjectArn: "arn:aws:s3:::manifests/x.csv", ETag: undefined as unknown as string } } }, "Value null at 'manifest.location.eTag'"],
    ["CSV manifest Fields without Key", { Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Ignore"] }, Location: { ObjectArn: "arn:aws:s3:::manifests/x.csv", ETag: "abc" } } }, "Fields must name the Bucket and Key columns"],
    ["both Manifest and ManifestGenerator", { ManifestGenerator: { S3JobManifestGenerator: { SourceBucket: "arn:aws:s3:::data", EnableManifestOutput: false } } }, "Exactly one of Manifest or ManifestGenerator must be specified."],
    ["a tag key with characters outside the tag pattern", { Tags: [{ Key: "plan#1", Value: "x" }] }, "at 'tags.1.member.key' failed to satisfy constraint"],
  ];

  it.each(invalid)("rejects %s with 400 InvalidRequest and creates no job", async (_case, overrides, message) => {
    const before = control.jobs().length;
    const error = await failure(client.send(new CreateJobCommand(createJobInput(etag, { ClientRequestToken: `bad-${_case.length}`, ...overrides }))));
    expect(error).toMatchObject({ name: "InvalidRequest", status: 400 });
    expect(error.message).toContain(message);
    expect(control.jobs()).toHaveLength(before);
  });

  it("lists every violated constraint in one message", async () => {
    const error = await failure(client.send(new CreateJobCommand(createJobInput(etag, { RoleArn: "role", Description: "" }))));
    expect(error.message).toMatch(/^2 validation errors detected: /);
  });

  it("returns the same JobId for a retried request with the same ClientRequestToken, creating one job", async () => {
    const before = control.jobs().length;
    const input = createJobInput(etag, { ClientRequestToken: "plan-p1-job-1" });
    const first = await client.send(new CreateJobCommand(input));
    const second = await client.send(new CreateJobCommand(input));
    expect(second.JobId).toBe(first.JobId);
    expect(control.jobs()).toHaveLength(before + 1);
  });

  it("answers IdempotencyException when the token is reused for a different request", async () => {
    const token = "plan-p1-job-2";
    await client.send(new CreateJobCommand(createJobInput(etag, { ClientRequestToken: token })));
    const error = await failure(client.send(new CreateJobCommand(createJobInput(etag, { ClientRequestToken: token, Priority: 99 }))));
    expect(error).toMatchObject({ name: "IdempotencyException", status: 400 });
  });
});
