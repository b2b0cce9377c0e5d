/**
 * The local S3 server's buckets and their configuration through @aws-sdk/client-s3: create, head,
 * delete, location; default encryption (SSE-S3 by default, SSE-KMS with a key and a Bucket Key
 * inherited by new objects); replication, Object Lock, request payment and ownership controls with
 * the NotFound codes S3 uses; and the per-bucket deny() test control.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutBucketReplicationCommand,
  PutBucketRequestPaymentCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure } from "./s3-server-helpers.ts";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;
let server: LocalS3Server;
let s3: S3Client;

beforeAll(async () => {
  server = await startS3Server({ buckets: ["config"] });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: bucket lifecycle", () => {
  it("creates a bucket, heads it with its region, refuses to delete it while it holds an object, then deletes it", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "made-here" }));
    expect((await s3.send(new HeadBucketCommand({ Bucket: "made-here" }))).BucketRegion).toBe("us-east-1");
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "made-here" }))).LocationConstraint).toBeUndefined();
    // us-east-1 answers 200 to re-creating an owned bucket "for legacy compatibility"
    await expect(s3.send(new CreateBucketCommand({ Bucket: "made-here" }))).resolves.toBeDefined();
    await s3.send(new PutObjectCommand({ Bucket: "made-here", Key: "k", Body: "x" }));
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: "made-here" })))).toMatchObject({ name: "BucketNotEmpty", status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket: "made-here", Key: "k" }));
    await s3.send(new DeleteBucketCommand({ Bucket: "made-here" }));
    expect((await failure(s3.send(new HeadBucketCommand({ Bucket: "made-here" })))).status).toBe(404);
  });

  it("refuses a bucket name S3 would refuse with 400 InvalidBucketName, through the API and at start", async () => {
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: "Not_Valid" })))).toMatchObject({ name: "InvalidBucketName", status: 400 });
    await expect(startS3Server({ buckets: ["ab"] })).rejects.toThrow('The specified bucket is not valid: "ab" (3-63 lower-case letters');
  });
});

describe("local S3 server: default encryption", () => {
  it("answers SSE-S3 (AES256, no Bucket Key) for a new bucket, as every bucket has since January 2023", async () => {
    const { ServerSideEncryptionConfiguration: config } = await s3.send(new GetBucketEncryptionCommand({ Bucket: "config" }));
    expect(config?.Rules).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }]);
    await s3.send(new PutObjectCommand({ Bucket: "config", Key: "sse-s3", Body: "x" }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: "config", Key: "sse-s3" }))).ServerSideEncryption).toBe("AES256");
  });

  it("applies an SSE-KMS default with its key (as a full ARN) and its Bucket Key to objects written without encryption headers", async () => {
    await s3.send(new PutBucketEncryptionCommand({
      Bucket: "config",
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ID }, BucketKeyEnabled: true }] },
    }));
    const { ServerSideEncryptionConfiguration: config } = await s3.send(new GetBucketEncryptionCommand({ Bucket: "config" }));
    expect(config?.Rules?.[0]).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ID }, BucketKeyEnabled: true });
    const put = await s3.send(new PutObjectCommand({ Bucket: "config", Key: "inherits", Body: "x" }));
    expect(put).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true });
    const head = await s3.send(new HeadObjectCommand({ Bucket: "config", Key: "inherits" }));
    expect(head).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true });
  });

  it("uses the request's encryption over the default: AES256 as asked, and the AWS managed key for aws:kms without a key id", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "config", Key: "asked-aes", Body: "x", ServerSideEncryption: "AES256" }));
    expect(server.head("config", "asked-aes")).toMatchObject({ serverSideEncryption: "AES256", sseKmsKeyId: undefined, bucketKeyEnabled: false });
    await s3.send(new PutObjectCommand({ Bucket: "config", Key: "managed", Body: "x", ServerSideEncryption: "aws:kms", BucketKeyEnabled: false }));
    const managed = server.head("config", "managed");
    expect(managed?.sseKmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    expect(managed?.sseKmsKeyId).not.toBe(KEY_ARN);
    expect(managed?.bucketKeyEnabled).toBe(false);
  });

  it("refuses a KMS key id without aws:kms with 400 InvalidArgument", async () => {
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: "config" }));
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: "config", Key: "k", Body: "x", SSEKMSKeyId: KEY_ARN })))).toMatchObject({ name: "InvalidArgument", status: 400 });
    const { ServerSideEncryptionConfiguration: reset } = await s3.send(new GetBucketEncryptionCommand({ Bucket: "config" }));
    expect(reset?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe("AES256");
  });
});

describe("local S3 server: replication, Object Lock, request payment, ownership", () => {
  it("answers ReplicationConfigurationNotFoundError until a configuration is put, which needs versioning Enabled", async () => {
    expect(await failure(s3.send(new GetBucketReplicationCommand({ Bucket: "config" })))).toMatchObject({ name: "ReplicationConfigurationNotFoundError", status: 404 });
    const configuration = {
      Role: "arn:aws:iam::123456789012:role/replication",
      Rules: [{ ID: "all", Status: "Enabled" as const, Priority: 1, Filter: { Prefix: "" }, DeleteMarkerReplication: { Status: "Disabled" as const }, Destination: { Bucket: "arn:aws:s3:::replica", StorageClass: "STANDARD_IA" as const } }],
    };
    expect(await failure(s3.send(new PutBucketReplicationCommand({ Bucket: "config", ReplicationConfiguration: configuration })))).toMatchObject({ name: "InvalidRequest", status: 400 });
    await s3.send(new PutBucketVersioningCommand({ Bucket: "config", VersioningConfiguration: { Status: "Enabled" } }));
    await s3.send(new PutBucketReplicationCommand({ Bucket: "config", ReplicationConfiguration: configuration }));
    const { ReplicationConfiguration: got } = await s3.send(new GetBucketReplicationCommand({ Bucket: "config" }));
    expect(got).toEqual(configuration);
  });

  it("answers ObjectLockConfigurationNotFoundError until Object Lock is on, then its default retention", async () => {
    server.createBucket("locked");
    expect(await failure(s3.send(new GetObjectLockConfigurationCommand({ Bucket: "locked" })))).toMatchObject({ name: "ObjectLockConfigurationNotFoundError", status: 404 });
    const rule = { DefaultRetention: { Mode: "GOVERNANCE" as const, Days: 30 } };
    expect(await failure(s3.send(new PutObjectLockConfigurationCommand({ Bucket: "locked", ObjectLockConfiguration: { ObjectLockEnabled: "Enabled", Rule: rule } })))).toMatchObject({ name: "InvalidBucketState", status: 409 });
    await s3.send(new CreateBucketCommand({ Bucket: "locked-at-birth", ObjectLockEnabledForBucket: true }));
    await s3.send(new PutObjectLockConfigurationCommand({ Bucket: "locked-at-birth", ObjectLockConfiguration: { ObjectLockEnabled: "Enabled", Rule: rule } }));
    const { ObjectLockConfiguration: got } = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: "locked-at-birth" }));
    expect(got).toEqual({ ObjectLockEnabled: "Enabled", Rule: rule });
  });

  it("answers the Payer, BucketOwner until changed", async () => {
    expect((await s3.send(new GetBucketRequestPaymentCommand({ Bucket: "config" }))).Payer).toBe("BucketOwner");
    await s3.send(new PutBucketRequestPaymentCommand({ Bucket: "config", RequestPaymentConfiguration: { Payer: "Requester" } }));
    expect((await s3.send(new GetBucketRequestPaymentCommand({ Bucket: "config" }))).Payer).toBe("Requester");
  });

  it("answers BucketOwnerEnforced for a new bucket and OwnershipControlsNotFoundError once the controls are deleted", async () => {
    const { OwnershipControls: controls } = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "config" }));
    expect(controls?.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    await s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: "config" }));
    expect(await failure(s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "config" })))).toMatchObject({ name: "OwnershipControlsNotFoundError", status: 404 });
  });

  it("answers 403 AccessDenied for an operation deny() names on that bucket only, until allow()", async () => {
    server.deny("config", "GetBucketEncryption", "User is not authorized to perform: s3:GetEncryptionConfiguration");
    expect(await failure(s3.send(new GetBucketEncryptionCommand({ Bucket: "config" })))).toMatchObject({ name: "AccessDenied", status: 403, message: "User is not authorized to perform: s3:GetEncryptionConfiguration" });
    await expect(s3.send(new GetBucketEncryptionCommand({ Bucket: "locked" }))).resolves.toBeDefined();
    await expect(s3.send(new GetBucketRequestPaymentCommand({ Bucket: "config" }))).resolves.toBeDefined();
    server.deny("config", "HeadObject");
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: "config", Key: "inherits" })))).status).toBe(403);
    server.allow("config");
    await expect(s3.send(new GetBucketEncryptionCommand({ Bucket: "config" }))).resolves.toBeDefined();
  });
});
