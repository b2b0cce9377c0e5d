/**
 * UpdateObjectEncryption on the local S3 server through @aws-sdk/client-s3 (UpdateObjectEncryptionCommand):
 * an object version is re-encrypted in place to SSE-KMS with the key and Bucket Key asked for,
 * keeping Last-Modified, ETag, checksum, storage class and metadata; unencrypted, SSE-C and DSSE-KMS
 * sources are 400 InvalidRequest, Object Lock and another account's key 403 AccessDenied.
 */
import { HeadObjectCommand, PutObjectCommand, UpdateObjectEncryptionCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure } from "./s3-server-helpers.ts";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/99999999-12ab-34cd-56ef-1234567890ab";
let server: LocalS3Server;
let s3: S3Client;
const update = (Key: string, options: { VersionId?: string; KMSKeyArn?: string; BucketKeyEnabled?: boolean; Bucket?: string } = {}) =>
  s3.send(new UpdateObjectEncryptionCommand({
    Bucket: options.Bucket ?? "data",
    Key,
    VersionId: options.VersionId,
    ObjectEncryption: { SSEKMS: { KMSKeyArn: options.KMSKeyArn ?? KEY_ARN, BucketKeyEnabled: options.BucketKeyEnabled ?? true } },
  }));

beforeAll(async () => {
  server = await startS3Server({ buckets: ["data"] });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: UpdateObjectEncryption", () => {
  it("moves an SSE-S3 object to SSE-KMS with the key and a Bucket Key, keeping Last-Modified, ETag, checksum, storage class and metadata", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "report.csv", Body: "a,b\n", StorageClass: "STANDARD_IA", Metadata: { owner: "ops" }, ContentType: "text/csv" }));
    const before = server.head("data", "report.csv");
    await update("report.csv");
    const head = await s3.send(new HeadObjectCommand({ Bucket: "data", Key: "report.csv", ChecksumMode: "ENABLED" }));
    expect(head).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true, StorageClass: "STANDARD_IA", Metadata: { owner: "ops" }, ContentType: "text/csv", ETag: before?.etag });
    expect(head.LastModified?.getTime()).toBe(before?.lastModified.getTime());
    expect(head.ChecksumCRC32).toBe(before?.checksum?.value);
    expect(server.objectVersions("data").filter((v) => v.key === "report.csv")).toHaveLength(1);
  });

  it("adds a Bucket Key to an SSE-KMS object, and changes its key", async () => {
    await server.putObject("data", "kms.bin", "x", { encryption: "aws:kms", kmsKeyId: OTHER_KEY, bucketKeyEnabled: false });
    await update("kms.bin");
    expect(server.head("data", "kms.bin")).toMatchObject({ serverSideEncryption: "aws:kms", sseKmsKeyId: KEY_ARN, bucketKeyEnabled: true });
  });

  it("leaves BucketKeyEnabled false when the request does not send true", async () => {
    await server.putObject("data", "no-bucket-key", "x", { encryption: "AES256" });
    await update("no-bucket-key", { BucketKeyEnabled: false });
    expect(server.head("data", "no-bucket-key")).toMatchObject({ serverSideEncryption: "aws:kms", bucketKeyEnabled: false });
  });

  it("updates the version a VersionId names and no other", async () => {
    server.createBucket("versioned", { versioning: "Enabled" });
    const old = await server.putObject("versioned", "k", "old", { encryption: "AES256" });
    const current = await server.putObject("versioned", "k", "new", { encryption: "AES256" });
    await update("k", { Bucket: "versioned", VersionId: old });
    expect(server.head("versioned", "k", old)?.serverSideEncryption).toBe("aws:kms");
    expect(server.head("versioned", "k", current)?.serverSideEncryption).toBe("AES256");
  });

  it.each([
    ["an unencrypted (NOT-SSE) object", { encryption: "none" as const }, /doesn't supported unencrypted source objects/],
    ["an SSE-C object", { encryption: "SSE-C" as const }, /doesn't support source objects with the encryption type DSSE-KMS or SSE-C/],
    ["a DSSE-KMS object", { encryption: "aws:kms:dsse" as const, kmsKeyId: KEY_ARN }, /doesn't support source objects with the encryption type DSSE-KMS or SSE-C/],
  ])("refuses %s with 400 InvalidRequest and leaves it as it was", async (_name, seed, message) => {
    const key = `refused-${seed.encryption}`;
    await server.putObject("data", key, "x", seed);
    const before = server.head("data", key);
    const refused = await failure(update(key));
    expect(refused).toMatchObject({ name: "InvalidRequest", status: 400 });
    expect(refused.message).toMatch(message);
    expect(server.head("data", key)).toEqual(before);
  });

  it("refuses objects under Object Lock retention or legal hold with 403 AccessDenied", async () => {
    server.createBucket("vault", { objectLock: true });
    await server.putObject("vault", "retained", "x", { encryption: "AES256", lock: { mode: "GOVERNANCE", retainUntil: new Date(Date.now() + 86_400_000) } });
    await server.putObject("vault", "held", "x", { encryption: "AES256", lock: { legalHold: true } });
    await server.putObject("vault", "expired", "x", { encryption: "AES256", lock: { mode: "COMPLIANCE", retainUntil: new Date(Date.now() - 1000) } });
    for (const key of ["retained", "held"]) {
      const refused = await failure(update(key, { Bucket: "vault" }));
      expect(refused).toMatchObject({ name: "AccessDenied", status: 403 });
      expect(refused.message).toContain("protected by S3 Object Lock");
      expect(server.head("vault", key)?.serverSideEncryption).toBe("AES256");
    }
    await update("expired", { Bucket: "vault" });
    expect(server.head("vault", "expired")?.serverSideEncryption).toBe("aws:kms");
  });

  it("refuses a key of another account (403), a key alias (400) and a missing key (404 NoSuchKey)", async () => {
    await server.putObject("data", "plain", "x");
    expect(await failure(update("plain", { KMSKeyArn: "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab" }))).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(await failure(update("plain", { KMSKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/data" }))).toMatchObject({ name: "InvalidRequest", status: 400 });
    expect(await failure(update("missing"))).toMatchObject({ name: "NoSuchKey", status: 404, message: "The specified key does not exist." });
  });
});
