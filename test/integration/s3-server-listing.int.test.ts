/**
 * The local S3 server's listings through @aws-sdk/client-s3: ListObjectsV2 (prefix, delimiter with
 * CommonPrefixes at any depth, max-keys, continuation tokens, start-after, encoding-type=url) and
 * ListObjectVersions (versions, delete markers, IsLatest, key-marker/version-id-marker paging).
 */
import { ListObjectsV2Command, ListObjectVersionsCommand, paginateListObjectsV2, PutObjectCommand, DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure } from "./s3-server-helpers.ts";

let server: LocalS3Server;
let s3: S3Client;
const KEYS = [
  "inventory/logs/cfg/2026-11-01T00-00Z/manifest.json",
  "inventory/logs/cfg/data/a.csv.gz",
  "inventory/media/cfg/2026-11-02T00-00Z/manifest.json",
  "inventory/top.txt",
  "other/x",
  "run books/x.txt",
  "a+b.txt",
  "a b.txt",
  "z",
];

beforeAll(async () => {
  server = await startS3Server({ buckets: ["list", "versions"] });
  s3 = server.client();
  for (const key of KEYS) await server.putObject("list", key, key);
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: ListObjectsV2", () => {
  it("lists keys in UTF-8 order with their size, ETag and storage class", async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: "list" }));
    expect(page.Contents?.map((c) => c.Key)).toEqual([...KEYS].sort());
    expect(page.KeyCount).toBe(KEYS.length);
    expect(page.IsTruncated).toBe(false);
    expect(page.Contents?.[0]).toMatchObject({ Size: "a b.txt".length, StorageClass: "STANDARD" });
    expect(page.Contents?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("rolls keys up into CommonPrefixes at the first delimiter after a prefix, however deep the keys are", async () => {
    const root = await s3.send(new ListObjectsV2Command({ Bucket: "list", Prefix: "inventory/", Delimiter: "/" }));
    expect(root.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["inventory/logs/", "inventory/media/"]);
    expect(root.Contents?.map((c) => c.Key)).toEqual(["inventory/top.txt"]);
    expect(root.KeyCount).toBe(3);
    const deeper = await s3.send(new ListObjectsV2Command({ Bucket: "list", Prefix: "inventory/logs/cfg/", Delimiter: "/" }));
    expect(deeper.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["inventory/logs/cfg/2026-11-01T00-00Z/", "inventory/logs/cfg/data/"]);
    const top = await s3.send(new ListObjectsV2Command({ Bucket: "list", Delimiter: "/" }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["inventory/", "other/", "run books/"]);
    expect(top.Contents?.map((c) => c.Key)).toEqual(["a b.txt", "a+b.txt", "z"]);
  });

  it("pages by max-keys with continuation tokens, counting each common prefix once, until every entry was listed once", async () => {
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: "list", Delimiter: "/" })) pages.push(page);
    expect(pages.map((p) => p.KeyCount)).toEqual([2, 2, 2]);
    expect(pages.flatMap((p) => [...(p.CommonPrefixes ?? []).map((c) => c.Prefix), ...(p.Contents ?? []).map((c) => c.Key)]).sort()).toEqual(
      ["a b.txt", "a+b.txt", "inventory/", "other/", "run books/", "z"].sort(),
    );
    expect(pages.at(-1)?.IsTruncated).toBe(false);
    expect(pages[0]?.NextContinuationToken).toBeDefined();
  });

  it("starts after start-after", async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: "list", StartAfter: "other/x" }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(["run books/x.txt", "z"]);
    expect(page.StartAfter).toBe("other/x");
  });

  it("URL-encodes names with encoding-type=url (space as +, + as %2B, / kept)", async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: "list", EncodingType: "url", Delimiter: "/" }));
    expect(page.EncodingType).toBe("url");
    expect(page.Contents?.map((c) => c.Key)).toEqual(["a+b.txt", "a%2Bb.txt", "z"]);
    expect(page.CommonPrefixes?.map((p) => p.Prefix)).toContain("run+books/");
  });

  it("refuses a malformed continuation token and an unknown encoding type with 400 InvalidArgument", async () => {
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: "list", ContinuationToken: "not-a-token" })))).toMatchObject({ name: "InvalidArgument", status: 400 });
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: "list", EncodingType: "base64" as never })))).toMatchObject({ name: "InvalidArgument", status: 400 });
  });
});

describe("local S3 server: ListObjectVersions", () => {
  const versionIds: Record<string, string[]> = {};
  beforeAll(async () => {
    server.configureBucket("versions", { versioning: "Enabled" });
    for (const [key, count] of [["a", 3], ["b", 1], ["c", 2]] as const) {
      for (let i = 0; i < count; i += 1) {
        const put = await s3.send(new PutObjectCommand({ Bucket: "versions", Key: key, Body: `${key}${i}` }));
        (versionIds[key] ??= []).unshift(put.VersionId ?? "");
      }
    }
    await s3.send(new DeleteObjectCommand({ Bucket: "versions", Key: "b" }));
  });

  it("lists every version newest first per key, delete markers apart, with IsLatest on the current one", async () => {
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: "versions" }));
    expect(listed.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ["a", versionIds.a?.[0], true],
      ["a", versionIds.a?.[1], false],
      ["a", versionIds.a?.[2], false],
      ["b", versionIds.b?.[0], false],
      ["c", versionIds.c?.[0], true],
      ["c", versionIds.c?.[1], false],
    ]);
    expect(listed.DeleteMarkers?.map((m) => [m.Key, m.IsLatest])).toEqual([["b", true]]);
    expect(server.objectVersions("versions").map((v) => v.isDeleteMarker)).toEqual([false, false, false, true, false, false, false]);
  });

  it("pages with key-marker and version-id-marker through every version exactly once", async () => {
    const seen: string[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: "versions", MaxKeys: 2, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
      pages += 1;
      seen.push(...(page.Versions ?? []).map((v) => `${v.Key}:${v.VersionId}`), ...(page.DeleteMarkers ?? []).map((m) => `${m.Key}:${m.VersionId}`));
      if (page.IsTruncated !== true) break;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("starts after every version of key-marker when no version-id-marker is given", async () => {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: "versions", KeyMarker: "a" }));
    expect(page.Versions?.map((v) => v.Key)).toEqual(["b", "c", "c"]);
  });

  it("refuses a version-id-marker without a key-marker with 400 InvalidArgument", async () => {
    expect(await failure(s3.send(new ListObjectVersionsCommand({ Bucket: "versions", VersionIdMarker: versionIds.a?.[0] })))).toMatchObject({ name: "InvalidArgument", status: 400 });
  });

  it("names unversioned objects with the version id null", async () => {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: "list", Prefix: "z" }));
    expect(page.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([["z", "null", true]]);
  });
});
