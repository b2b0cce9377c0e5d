/**
 * The local S3 server's object API through @aws-sdk/client-s3: PutObject (headers, metadata, tags,
 * storage class, Content-MD5, checksums), GetObject (ranges, conditions), HeadObject (what S3 returns
 * and omits), DeleteObject(s), tagging, and the errors S3 gives for each.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure, text } from "./s3-server-helpers.ts";

let server: LocalS3Server;
let s3: S3Client;
const BODY = "0123456789abcdefghij";
const sha256 = (data: string): string => createHash("sha256").update(data).digest("base64");

beforeAll(async () => {
  server = await startS3Server({ buckets: ["objects"] });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: PutObject and HeadObject", () => {
  it("keeps the body, Content-Type, Content-* headers, user metadata, tags and storage class, and returns them on HeadObject", async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: "objects",
        Key: "docs/report one.txt",
        Body: BODY,
        ContentType: "text/plain",
        CacheControl: "max-age=60",
        ContentDisposition: 'attachment; filename="r.txt"',
        ContentEncoding: "identity",
        ContentLanguage: "en",
        Metadata: { Owner: "team-a", stage: "2" },
        Tagging: "class=internal&keep=yes",
        StorageClass: "STANDARD_IA",
      }),
    );
    const md5 = createHash("md5").update(BODY).digest("hex");
    expect(put.ETag).toBe(`"${md5}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "docs/report one.txt" }));
    expect(head).toMatchObject({
      ContentLength: BODY.length,
      ContentType: "text/plain",
      CacheControl: "max-age=60",
      ContentDisposition: 'attachment; filename="r.txt"',
      ContentEncoding: "identity",
      ContentLanguage: "en",
      Metadata: { owner: "team-a", stage: "2" },
      TagCount: 2,
      StorageClass: "STANDARD_IA",
      ETag: `"${md5}"`,
      ServerSideEncryption: "AES256",
    });
    expect(head.LastModified).toBeInstanceOf(Date);
    expect(head.VersionId).toBeUndefined(); // never-versioned buckets name no version
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "objects", Key: "docs/report one.txt" }))).Body)).toBe(BODY);
  });

  it("omits x-amz-storage-class for STANDARD objects, as S3 does", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "standard.txt", Body: "x", StorageClass: "STANDARD" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "standard.txt" }));
    expect(head.StorageClass).toBeUndefined();
    expect(server.head("objects", "standard.txt")?.storageClass).toBe("STANDARD");
  });

  it("returns the full-object SHA-256 only when HeadObject asks with ChecksumMode ENABLED, and none after omitChecksums()", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "summed.csv", Body: BODY, ChecksumSHA256: sha256(BODY) }));
    const plain = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "summed.csv" }));
    expect(plain.ChecksumSHA256).toBeUndefined();
    const asked = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "summed.csv", ChecksumMode: "ENABLED" }));
    expect(asked).toMatchObject({ ChecksumSHA256: sha256(BODY), ChecksumType: "FULL_OBJECT" });
    server.omitChecksums(true);
    try {
      const omitted = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "summed.csv", ChecksumMode: "ENABLED" }));
      expect(omitted.ChecksumSHA256).toBeUndefined();
    } finally {
      server.omitChecksums(false);
    }
  });

  it("keeps the CRC32 the SDK sends by default, and adds CRC64NVME to an object stored with no checksum", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "crc.txt", Body: BODY }));
    expect(server.head("objects", "crc.txt")?.checksum?.algorithm).toBe("CRC32");
    await server.putObject("objects", "seeded.txt", BODY);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "seeded.txt", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
  });

  it("refuses a body whose x-amz-checksum-sha256 or Content-MD5 does not match with 400 BadDigest and stores nothing", async () => {
    const wrongSha = await failure(s3.send(new PutObjectCommand({ Bucket: "objects", Key: "bad-sha.txt", Body: BODY, ChecksumSHA256: sha256("other") })));
    expect(wrongSha).toMatchObject({ name: "BadDigest", status: 400 });
    const wrongMd5 = await failure(s3.send(new PutObjectCommand({ Bucket: "objects", Key: "bad-md5.txt", Body: BODY, ContentMD5: createHash("md5").update("other").digest("base64") })));
    expect(wrongMd5).toMatchObject({ name: "BadDigest", status: 400, message: "The Content-MD5 you specified did not match what we received." });
    expect(server.head("objects", "bad-sha.txt")).toBeUndefined();
    expect(server.head("objects", "bad-md5.txt")).toBeUndefined();
  });

  it("stores a streamed body the SDK sends aws-chunked with a trailing checksum, decoded", async () => {
    const data = Buffer.alloc(300_000, "z");
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "streamed.bin", Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }));
    const stored = server.head("objects", "streamed.bin");
    expect(stored).toMatchObject({ size: data.length, etag: `"${createHash("md5").update(data).digest("hex")}"` });
    expect(stored?.checksum?.algorithm).toBe("CRC32");
    expect(server.requests().find((r) => r.key === "streamed.bin")?.status).toBe(200);
  });

  it("answers 404 NoSuchKey for a missing key and NoSuchBucket for a missing bucket (HEAD with the status only)", async () => {
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "objects", Key: "missing" })))).toMatchObject({ name: "NoSuchKey", status: 404, message: "The specified key does not exist." });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: "objects", Key: "missing" })))).toMatchObject({ name: "NotFound", status: 404 });
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "no-such-bucket", Key: "k" })))).toMatchObject({ name: "NoSuchBucket", status: 404 });
  });

  it("refuses an unknown storage class and more than 10 tags", async () => {
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: "objects", Key: "k", Body: "x", StorageClass: "COLD" as never })))).toMatchObject({ name: "InvalidStorageClass", status: 400 });
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}=v`).join("&");
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: "objects", Key: "k", Body: "x", Tagging: tags })))).toMatchObject({ name: "BadRequest", status: 400 });
  });
});

describe("local S3 server: GetObject ranges and conditions", () => {
  beforeAll(async () => {
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "range.txt", Body: BODY }));
  });
  const get = (range: string) => s3.send(new GetObjectCommand({ Bucket: "objects", Key: "range.txt", Range: range }));

  it.each([
    ["bytes=2-5", "2345", "bytes 2-5/20"],
    ["bytes=15-", "fghij", "bytes 15-19/20"],
    ["bytes=-3", "hij", "bytes 17-19/20"],
    ["bytes=18-100", "ij", "bytes 18-19/20"],
  ])("answers %s with 206, the bytes and Content-Range %s", async (range, bytes, contentRange) => {
    const response = await get(range);
    expect(response.$metadata.httpStatusCode).toBe(206);
    expect(response.ContentRange).toBe(contentRange);
    expect(response.ContentLength).toBe(bytes.length);
    expect(await text(response.Body)).toBe(bytes);
  });

  it("answers a range past the end with 416 InvalidRange", async () => {
    expect(await failure(get("bytes=20-"))).toMatchObject({ name: "InvalidRange", status: 416 });
  });

  it("honours If-Match (412), If-None-Match (304) and If-Unmodified-Since (412)", async () => {
    const etag = `"${createHash("md5").update(BODY).digest("hex")}"`;
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "objects", Key: "range.txt", IfMatch: '"other"' })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: "objects", Key: "range.txt", IfMatch: etag }))).Body)).toBe(BODY);
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: "objects", Key: "range.txt", IfNoneMatch: etag })))).status).toBe(304);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "objects", Key: "range.txt", IfUnmodifiedSince: new Date(Date.now() - 3_600_000) })))).toMatchObject({ name: "PreconditionFailed", status: 412 });
  });
});

describe("local S3 server: deletes and tagging", () => {
  it("deletes one object, then several with DeleteObjects, and reports each key", async () => {
    for (const key of ["d/1", "d/2", "d/3"]) await s3.send(new PutObjectCommand({ Bucket: "objects", Key: key, Body: key }));
    await s3.send(new DeleteObjectCommand({ Bucket: "objects", Key: "d/1" }));
    expect(server.head("objects", "d/1")).toBeUndefined();
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: "objects", Delete: { Objects: [{ Key: "d/2" }, { Key: "d/3" }] } }));
    expect(result.Deleted?.map((d) => d.Key)).toEqual(["d/2", "d/3"]);
    expect(server.objectVersions("objects").filter((v) => v.key.startsWith("d/"))).toEqual([]);
  });

  it("replaces an object's tag set and returns it", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "objects", Key: "tagged", Body: "x", Tagging: "a=1" }));
    await s3.send(new PutObjectTaggingCommand({ Bucket: "objects", Key: "tagged", Tagging: { TagSet: [{ Key: "b", Value: "2" }, { Key: "c", Value: "" }] } }));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: "objects", Key: "tagged" }));
    expect(tags.TagSet).toEqual([{ Key: "b", Value: "2" }, { Key: "c", Value: "" }]);
    expect(server.head("objects", "tagged")?.tags).toEqual({ b: "2", c: "" });
  });
});
