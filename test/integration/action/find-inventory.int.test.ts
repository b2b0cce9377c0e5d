import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../../../action/contracts/logger.ts";
import { findInventories } from "../../../action/io/inventory/find-inventory.ts";
import { writeInventory } from "../../helpers/inventory-builder.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";

const SCHEMA = ["Bucket", "Key", "EncryptionStatus", "BucketKeyStatus"];
let s3: LocalS3Server;
let client: S3Client;

async function report(sourceBucket: string, day: number, options: { configId?: string; checksum?: boolean } = {}): Promise<string> {
  const written = await writeInventory(
    { kind: "s3", client, bucket: "inventory-bucket" },
    { sourceBucket, configId: options.configId ?? "bucket-keys", fileSchema: SCHEMA, dataFiles: [[{ Bucket: sourceBucket, Key: "k", EncryptionStatus: "SSE-KMS", BucketKeyStatus: "DISABLED" }]], prefix: "inventory", creationTime: new Date(Date.UTC(2026, 10, day)) },
  );
  if (options.checksum === false) await client.send(new DeleteObjectCommand({ Bucket: "inventory-bucket", Key: written.manifestKey.replace(/manifest\.json$/, "manifest.checksum") }));
  return written.manifest;
}

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["inventory-bucket", "empty-bucket"] });
  client = s3.client();
  await report("logs-bucket", 1);
  await report("logs-bucket", 8);
  await report("logs-bucket", 9, { checksum: false });
  await report("media-bucket", 3);
});

afterAll(async () => s3?.stop());

describe("findInventories", () => {
  it("finds the newest finished report of every source bucket under a destination prefix", async () => {
    const found = await findInventories(client, "s3://inventory-bucket/inventory", "input", memoryLogger());
    expect(found.map((item) => item.manifestUri)).toEqual([
      "s3://inventory-bucket/inventory/logs-bucket/bucket-keys/2026-11-08T00-00Z/manifest.json",
      "s3://inventory-bucket/inventory/media-bucket/bucket-keys/2026-11-03T00-00Z/manifest.json",
    ]);
  });

  it("logs the newer report it passed over because its manifest.checksum is not written yet", async () => {
    const logger = memoryLogger();
    await findInventories(client, "s3://inventory-bucket/inventory/logs-bucket/", "input", logger);
    expect(logger.lines.map((line) => line.message)).toContain("s3://inventory-bucket/inventory/logs-bucket/bucket-keys/2026-11-09T00-00Z/: skipped, no manifest.checksum yet (S3 writes it when the report is complete)");
  });

  it("accepts a configuration folder itself", async () => {
    const found = await findInventories(client, "s3://inventory-bucket/inventory/media-bucket/bucket-keys/", "input", memoryLogger());
    expect(found).toHaveLength(1);
  });

  it("uses an s3:// manifest.json as given", async () => {
    const uri = "s3://inventory-bucket/inventory/logs-bucket/bucket-keys/2026-11-01T00-00Z/manifest.json";
    expect((await findInventories(client, uri, "input", memoryLogger()))[0]!.manifestUri).toBe(uri);
  });

  it("fails naming input inventory when the prefix holds no report", async () => {
    await expect(findInventories(client, "s3://empty-bucket/inventory/", "input", memoryLogger())).rejects.toThrow('input "inventory": no complete inventory report under "s3://empty-bucket/inventory/"');
  });

  it("names the folder and the S3 error when listing fails", async () => {
    await expect(findInventories(client, "s3://no-such-bucket/inventory/", "input", memoryLogger())).rejects.toThrow("s3://no-such-bucket/inventory/: cannot list the inventory folder (NoSuchBucket");
  });
});
