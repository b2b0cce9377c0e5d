/**
 * The loopback S3 Control server runs each job's tasks on the local S3 server with the real SDK:
 * S3UpdateObjectEncryption calls UpdateObjectEncryption (on the manifest's version), S3PutObjectCopy
 * calls CopyObject onto the same key with the job's fields. Afterwards HeadObject shows what the job
 * did, and every task's S3 outcome is in the completion report.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateJobCommand, type CreateJobCommandInput, type JobManifestFieldName, type S3ControlClient } from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3ControlServer, type S3ControlServer } from "../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { createJobInput, KMS_KEY_ARN, uploadManifest } from "./s3-control-helpers.ts";
import { text } from "./s3-server-helpers.ts";

const OLD_KEY = "arn:aws:kms:us-east-1:123456789012:key/00000000-1111-2222-3333-444444444444";
const LAST_WEEK = new Date(Date.now() - 7 * 86_400_000);
let s3Server: LocalS3Server;
let control: S3ControlServer;
let s3: S3Client;
let client: S3ControlClient;
let jobs = 0;

async function runJob(csv: string, operation: CreateJobCommandInput["Operation"], fields: JobManifestFieldName[] = ["Bucket", "Key"]): Promise<string[]> {
  jobs += 1;
  const key = `tasks/job-${jobs}.csv`;
  const etag = await uploadManifest(s3, key, csv);
  const { JobId } = await client.send(new CreateJobCommand(createJobInput(etag, {
    ClientRequestToken: `tasks-${jobs}`,
    Operation: operation,
    Manifest: { Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: fields }, Location: { ObjectArn: `arn:aws:s3:::manifests/${key}`, ETag: etag } },
  })));
  await control.settle(JobId);
  expect(control.job(JobId ?? "").status).toBe("Complete");
  const reportKeys = control.job(JobId ?? "").reportKeys.filter((k) => k.endsWith(".csv"));
  const rows: string[] = [];
  for (const reportKey of reportKeys) rows.push(...(await text((await s3.send(new GetObjectCommand({ Bucket: "reports", Key: reportKey }))).Body)).trim().split("\n"));
  return rows.sort();
}

const updateOperation = { S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: KMS_KEY_ARN, BucketKeyEnabled: true } } } };

beforeAll(async () => {
  s3Server = await startS3Server({ buckets: ["data", "manifests", "reports"] });
  s3Server.createBucket("versioned", { versioning: "Enabled" });
  s3Server.createBucket("vault", { objectLock: true });
  control = await startS3ControlServer({ s3Endpoint: s3Server.endpoint });
  s3 = s3Server.client();
  client = control.client();
});
afterAll(async () => {
  client.destroy();
  s3.destroy();
  await control.stop();
  await s3Server.stop();
});

describe("loopback S3 Control server: tasks change the objects", () => {
  it("an S3UpdateObjectEncryption job puts each object on SSE-KMS with the key and a Bucket Key, visible in HeadObject", async () => {
    await s3Server.putObject("data", "u/sse-s3.txt", "a", { encryption: "AES256", lastModified: LAST_WEEK });
    await s3Server.putObject("data", "u/kms no key.txt", "b", { encryption: "aws:kms", kmsKeyId: OLD_KEY, bucketKeyEnabled: false, lastModified: LAST_WEEK });
    const rows = await runJob("data,u/sse-s3.txt\ndata,u/kms+no+key.txt\n", updateOperation);
    expect(rows).toEqual(['data,u/kms+no+key.txt,,succeeded,200,,"Successful"', 'data,u/sse-s3.txt,,succeeded,200,,"Successful"']);
    for (const key of ["u/sse-s3.txt", "u/kms no key.txt"]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: "data", Key: key }));
      expect(head).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KMS_KEY_ARN, BucketKeyEnabled: true });
      expect(head.LastModified).toEqual(new Date(Math.floor(LAST_WEEK.getTime() / 1000) * 1000));
    }
  });

  it("updates the version the manifest names, leaving the current one", async () => {
    const old = await s3Server.putObject("versioned", "doc", "old", { encryption: "AES256" });
    const current = await s3Server.putObject("versioned", "doc", "new", { encryption: "AES256" });
    const rows = await runJob(`versioned,doc,${old}\n`, updateOperation, ["Bucket", "Key", "VersionId"]);
    expect(rows).toEqual([`versioned,doc,${old},succeeded,200,,"Successful"`]);
    expect(s3Server.head("versioned", "doc", old)).toMatchObject({ serverSideEncryption: "aws:kms", sseKmsKeyId: KMS_KEY_ARN, bucketKeyEnabled: true });
    expect(s3Server.head("versioned", "doc", current)?.serverSideEncryption).toBe("AES256");
  });

  it("reports S3's refusals per task: 400 InvalidRequest for NOT-SSE and SSE-C, 403 AccessDenied under Object Lock, 404 NoSuchKey for a deleted object", async () => {
    await s3Server.putObject("data", "r/plain", "x", { encryption: "none" });
    await s3Server.putObject("data", "r/customer", "x", { encryption: "SSE-C" });
    await s3Server.putObject("vault", "r/held", "x", { encryption: "AES256", lock: { legalHold: true } });
    const rows = await runJob("data,r/plain\ndata,r/customer\nvault,r/held\ndata,r/gone\n", updateOperation);
    expect(rows.map((row) => row.split(",").slice(0, 6).join(","))).toEqual([
      "data,r/customer,,failed,400,InvalidRequest",
      "data,r/gone,,failed,404,NoSuchKey",
      "data,r/plain,,failed,400,InvalidRequest",
      "vault,r/held,,failed,403,AccessDenied",
    ]);
    expect(s3Server.head("data", "r/plain")?.serverSideEncryption).toBeUndefined();
    expect(s3Server.head("vault", "r/held")?.serverSideEncryption).toBe("AES256");
  });

  it("an S3PutObjectCopy job re-encrypts onto the same key with the key and a Bucket Key, keeping storage class, metadata and tags", async () => {
    await s3Server.putObject("data", "c/photo.jpg", "pixels", { encryption: "none", storageClass: "STANDARD_IA", contentType: "image/jpeg", metadata: { camera: "x100" }, tags: { team: "media" }, lastModified: LAST_WEEK });
    const rows = await runJob("data,c/photo.jpg\n", {
      S3PutObjectCopy: { TargetResource: "arn:aws:s3:::data", StorageClass: "STANDARD_IA", SSEAwsKmsKeyId: KMS_KEY_ARN, BucketKeyEnabled: true, MetadataDirective: "COPY", UnModifiedSinceConstraint: new Date(Date.now() - 86_400_000) },
    });
    expect(rows).toEqual(['data,c/photo.jpg,,succeeded,200,,"Successful"']);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "data", Key: "c/photo.jpg" }));
    expect(head).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KMS_KEY_ARN, BucketKeyEnabled: true, StorageClass: "STANDARD_IA", ContentType: "image/jpeg", Metadata: { camera: "x100" }, TagCount: 1 });
    expect(head.LastModified?.getTime()).toBeGreaterThan(LAST_WEEK.getTime());
  });

  it("fails a copy task with 412 PreconditionFailed when the object changed after UnModifiedSinceConstraint, and leaves it", async () => {
    await s3Server.putObject("data", "c/fresh.txt", "new", { encryption: "none" });
    const rows = await runJob("data,c/fresh.txt\n", {
      S3PutObjectCopy: { TargetResource: "arn:aws:s3:::data", SSEAwsKmsKeyId: KMS_KEY_ARN, BucketKeyEnabled: true, UnModifiedSinceConstraint: new Date(Date.now() - 86_400_000) },
    });
    expect(rows[0]?.split(",").slice(3, 6)).toEqual(["failed", "412", "PreconditionFailed"]);
    expect(s3Server.objectVersions("data").filter((v) => v.key === "c/fresh.txt").map((v) => v.serverSideEncryption)).toEqual([undefined]);
  });

  it("shows what a careless copy request does: no StorageClass makes STANDARD, NewObjectMetadata drops the user metadata", async () => {
    await s3Server.putObject("data", "c/careless", "x", { storageClass: "GLACIER_IR", metadata: { keep: "me" } });
    await runJob("data,c/careless\n", { S3PutObjectCopy: { TargetResource: "arn:aws:s3:::data", SSEAwsKmsKeyId: KMS_KEY_ARN, NewObjectMetadata: { SSEAlgorithm: "KMS" } } });
    expect(s3Server.head("data", "c/careless")).toMatchObject({ storageClass: "STANDARD", metadata: {}, serverSideEncryption: "aws:kms", sseKmsKeyId: KMS_KEY_ARN, bucketKeyEnabled: false });
  });
});
