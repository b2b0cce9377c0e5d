/**
 * The local S3 server's versioning through @aws-sdk/client-s3: the null version of never-versioned
 * and suspended buckets, new version ids once Enabled, delete markers, and what GetObject and
 * HeadObject answer for a deleted key and for a delete-marker version.
 */
import { DeleteObjectCommand, GetBucketVersioningCommand, GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure, text } from "./s3-server-helpers.ts";

let server: LocalS3Server;
let s3: S3Client;
const put = (bucket: string, key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

beforeAll(async () => {
  server = await startS3Server({ buckets: ["plain", "versioned", "suspended"] });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: versioning", () => {
  it("reports no versioning status for a bucket never versioned, and replaces its null version on every put", async () => {
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: "plain" }))).Status).toBeUndefined();
    expect((await put("plain", "k", "one")).VersionId).toBeUndefined();
    await put("plain", "k", "two");
    expect(server.objectVersions("plain").map((v) => [v.versionId, v.isLatest])).toEqual([["null", true]]);
    await s3.send(new DeleteObjectCommand({ Bucket: "plain", Key: "k" }));
    expect(server.objectVersions("plain")).toEqual([]);
  });

  it("gives every put a new version id once Enabled, keeping the null version written before", async () => {
    await put("versioned", "k", "before");
    await s3.send(new PutBucketVersioningCommand({ Bucket: "versioned", VersioningConfiguration: { Status: "Enabled" } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: "versioned" }))).Status).toBe("Enabled");
    const first = await put("versioned", "k", "v1");
    const second = await put("versioned", "k", "v2");
    expect(first.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.VersionId).not.toBe(first.VersionId);
    expect(server.objectVersions("versioned").map((v) => v.versionId)).toEqual([second.VersionId, first.VersionId, "null"]);
    const old = await s3.send(new GetObjectCommand({ Bucket: "versioned", Key: "k", VersionId: "null" }));
    expect(await text(old.Body)).toBe("before");
    expect(old.VersionId).toBe("null");
  });

  it("writes the null version again while Suspended, replacing only the earlier null version", async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket: "suspended", VersioningConfiguration: { Status: "Enabled" } }));
    const kept = await put("suspended", "k", "kept");
    await s3.send(new PutBucketVersioningCommand({ Bucket: "suspended", VersioningConfiguration: { Status: "Suspended" } }));
    await put("suspended", "k", "null one");
    await put("suspended", "k", "null two");
    expect(server.objectVersions("suspended").map((v) => v.versionId)).toEqual(["null", kept.VersionId]);
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "suspended", Key: "k" }))).Body)).toBe("null two");
  });

  it("adds a delete marker on a simple delete in a versioned bucket; the key then answers 404 with x-amz-delete-marker", async () => {
    const v1 = await put("versioned", "gone", "data");
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: "versioned", Key: "gone" }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const get = await failure(s3.send(new GetObjectCommand({ Bucket: "versioned", Key: "gone" })));
    expect(get).toMatchObject({ name: "NoSuchKey", status: 404 });
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: "versioned", Key: "gone" })));
    expect(head.status).toBe(404);
    expect(head.headers["x-amz-delete-marker"]).toBe("true");
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "versioned", Key: "gone", VersionId: v1.VersionId }))).Body)).toBe("data");
    expect(server.head("versioned", "gone")?.isDeleteMarker).toBe(true);
  });

  it("answers 405 MethodNotAllowed with Last-Modified when HeadObject or GetObject names a delete-marker version", async () => {
    await put("versioned", "marked", "data");
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: "versioned", Key: "marked" }));
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: "versioned", Key: "marked", VersionId: marker.VersionId })));
    expect(head.status).toBe(405);
    expect(head.headers["x-amz-delete-marker"]).toBe("true");
    expect(head.headers["last-modified"]).toMatch(/GMT$/);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "versioned", Key: "marked", VersionId: marker.VersionId })))).toMatchObject({ name: "MethodNotAllowed", status: 405 });
  });

  it("removes a version for good when DeleteObject names it, and 404 NoSuchVersion afterwards", async () => {
    const v1 = await put("versioned", "pruned", "one");
    const v2 = await put("versioned", "pruned", "two");
    await s3.send(new DeleteObjectCommand({ Bucket: "versioned", Key: "pruned", VersionId: v2.VersionId }));
    expect(server.objectVersions("versioned").filter((v) => v.key === "pruned").map((v) => [v.versionId, v.isLatest])).toEqual([[v1.VersionId, true]]);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "versioned", Key: "pruned", VersionId: v2.VersionId })))).toMatchObject({ name: "NoSuchVersion", status: 404 });
  });
});
