import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeInventoryKey, writeInventory } from "../helpers/inventory-builder.ts";

describe("writeInventory (test helper)", () => {
  let root: string;
  beforeEach(async () => void (root = await mkdtemp(join(tmpdir(), "inv-builder-"))));
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it("writes the aws s3 sync layout with gzip data files whose MD5s match manifest.json", async () => {
    const written = await writeInventory(
      { kind: "dir", root },
      {
        sourceBucket: "photos",
        fileSchema: ["Key", "Bucket", "BucketKeyStatus"],
        dataFiles: [[{ Bucket: "photos", Key: "a b/c+d", BucketKeyStatus: "DISABLED" }], [{ Bucket: "photos", Key: "x" }]],
        creationTime: new Date("2026-03-04T05:06:00Z"),
      },
    );
    expect(written.manifestKey).toBe("inventory/photos/bucket-keys/2026-03-04T05-06Z/manifest.json");
    const manifestBytes = await readFile(written.manifest);
    const manifest = JSON.parse(manifestBytes.toString());
    expect(manifest.fileSchema).toBe("Key, Bucket, BucketKeyStatus");
    expect(manifest.creationTimestamp).toBe(String(Date.parse("2026-03-04T05:06:00Z")));
    expect(manifest.files).toHaveLength(2);
    for (const file of manifest.files) {
      const body = await readFile(join(root, file.key));
      expect(createHash("md5").update(body).digest("hex")).toBe(file.MD5checksum);
      expect(body.length).toBe(file.size);
    }
    const first = gunzipSync(await readFile(join(root, manifest.files[0].key))).toString();
    expect(first).toBe('"a+b/c%2Bd","photos","DISABLED"\n');
    const checksum = await readFile(written.manifest.replace("manifest.json", "manifest.checksum"), "utf8");
    expect(checksum.trim()).toBe(createHash("md5").update(manifestBytes).digest("hex"));
  });

  it("form-encodes keys as S3 Inventory does, with slashes kept unless asked", () => {
    expect(encodeInventoryKey("a b+c~ü/d")).toBe("a+b%2Bc%7E%C3%BC/d");
    expect(encodeInventoryKey("a/b", false)).toBe("a%2Fb");
  });
});
