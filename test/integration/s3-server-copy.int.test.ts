/**
 * CopyObject on the local S3 server through @aws-sdk/client-s3: what the new version keeps and what
 * it takes from the request or the destination bucket (metadata and tagging directives, storage
 * class defaulting to STANDARD, SSE-KMS and the Bucket Key, the bucket's default encryption), copies
 * of a named source version, the if-unmodified-since precondition, and the self-copy rule.
 */
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure, text } from "./s3-server-helpers.ts";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
let server: LocalS3Server;
let s3: S3Client;

beforeAll(async () => {
  server = await startS3Server({ buckets: ["src", "kms-default"] });
  server.configureBucket("kms-default", { encryption: { algorithm: "aws:kms", kmsMasterKeyId: KEY_ARN, bucketKeyEnabled: true } });
  s3 = server.client();
  await s3.send(new PutObjectCommand({ Bucket: "src", Key: "photo.jpg", Body: "pixels", ContentType: "image/jpeg", Metadata: { camera: "x100" }, Tagging: "team=media", StorageClass: "STANDARD_IA" }));
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: CopyObject", () => {
  it("copies body, Content-Type, metadata and tags by default, stores STANDARD when no storage class is named, and takes the destination's default encryption", async () => {
    const copy = await s3.send(new CopyObjectCommand({ Bucket: "kms-default", Key: "copy.jpg", CopySource: "src/photo.jpg" }));
    expect(copy.CopyObjectResult?.ETag).toBe(server.head("src", "photo.jpg")?.etag);
    expect(copy).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true });
    const head = await s3.send(new HeadObjectCommand({ Bucket: "kms-default", Key: "copy.jpg" }));
    expect(head).toMatchObject({ ContentType: "image/jpeg", Metadata: { camera: "x100" }, TagCount: 1, ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true });
    expect(head.StorageClass).toBeUndefined();
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "kms-default", Key: "copy.jpg" }))).Body)).toBe("pixels");
  });

  it("replaces metadata and tags with REPLACE directives and keeps the storage class it is given", async () => {
    await s3.send(new CopyObjectCommand({
      Bucket: "src",
      Key: "replaced.jpg",
      CopySource: "src/photo.jpg",
      MetadataDirective: "REPLACE",
      ContentType: "image/png",
      Metadata: { fresh: "1" },
      TaggingDirective: "REPLACE",
      Tagging: "a=b&c=d",
      StorageClass: "STANDARD_IA",
    }));
    expect(server.head("src", "replaced.jpg")).toMatchObject({ contentType: "image/png", metadata: { fresh: "1" }, tags: { a: "b", c: "d" }, storageClass: "STANDARD_IA" });
  });

  it("re-encrypts onto the same key with SSE-KMS, the key and a Bucket Key, keeping metadata, tags and storage class", async () => {
    const before = server.head("src", "photo.jpg");
    await s3.send(new CopyObjectCommand({ Bucket: "src", Key: "photo.jpg", CopySource: "src/photo.jpg", StorageClass: "STANDARD_IA", ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN, BucketKeyEnabled: true }));
    const after = server.head("src", "photo.jpg");
    expect(after).toMatchObject({ serverSideEncryption: "aws:kms", sseKmsKeyId: KEY_ARN, bucketKeyEnabled: true, storageClass: "STANDARD_IA", metadata: before?.metadata, tags: before?.tags, contentType: "image/jpeg", etag: before?.etag });
  });

  it("refuses to copy the current version onto itself without a change, as S3 does", async () => {
    const refused = await failure(s3.send(new CopyObjectCommand({ Bucket: "src", Key: "photo.jpg", CopySource: "src/photo.jpg" })));
    expect(refused).toMatchObject({ name: "InvalidRequest", status: 400 });
    expect(refused.message).toContain("trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes");
  });

  it("copies a named source version, restoring it as the current version", async () => {
    server.createBucket("history", { versioning: "Enabled" });
    const v1 = await s3.send(new PutObjectCommand({ Bucket: "history", Key: "doc", Body: "first" }));
    await s3.send(new PutObjectCommand({ Bucket: "history", Key: "doc", Body: "second" }));
    const copy = await s3.send(new CopyObjectCommand({ Bucket: "history", Key: "doc", CopySource: `history/doc?versionId=${v1.VersionId}` }));
    expect(copy.CopySourceVersionId).toBe(v1.VersionId);
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "history", Key: "doc" }))).Body)).toBe("first");
    expect(server.objectVersions("history")).toHaveLength(3);
  });

  it("fails with 412 PreconditionFailed when the source changed after x-amz-copy-source-if-unmodified-since, and writes nothing", async () => {
    const before = server.objectVersions("src").length;
    const stale = new Date(Date.now() - 3_600_000);
    expect(await failure(s3.send(new CopyObjectCommand({ Bucket: "src", Key: "later.jpg", CopySource: "src/photo.jpg", CopySourceIfUnmodifiedSince: stale })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect(server.objectVersions("src")).toHaveLength(before);
    const fresh = new Date(Date.now() + 60_000);
    await expect(s3.send(new CopyObjectCommand({ Bucket: "src", Key: "later.jpg", CopySource: "src/photo.jpg", CopySourceIfUnmodifiedSince: fresh }))).resolves.toBeDefined();
  });

  it("answers NoSuchKey for a missing source and InvalidObjectState for an archived one", async () => {
    expect(await failure(s3.send(new CopyObjectCommand({ Bucket: "src", Key: "x", CopySource: "src/missing" })))).toMatchObject({ name: "NoSuchKey", status: 404 });
    await server.putObject("src", "frozen", "cold", { storageClass: "GLACIER" });
    expect(await failure(s3.send(new CopyObjectCommand({ Bucket: "src", Key: "thawed", CopySource: "src/frozen" })))).toMatchObject({ name: "InvalidObjectState", status: 403 });
  });
});
