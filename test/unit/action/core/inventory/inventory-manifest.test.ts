import { describe, expect, it } from "vitest";
import { ManifestError } from "../../../../../action/contracts/errors.ts";
import { parseInventoryManifest } from "../../../../../action/core/inventory/inventory-manifest.ts";

const FILE = "inv/photos/cfg/2026-11-01T00-00Z/manifest.json";
const RESYNC = "Point --inventory at a complete manifest.json written by S3 Inventory (re-sync it if it was copied).";
const valid = {
  sourceBucket: "photos",
  destinationBucket: "arn:aws:s3:::inv",
  version: "2016-11-30",
  creationTimestamp: "1793491200000",
  fileFormat: "CSV",
  fileSchema: "Bucket, Key, VersionId, BucketKeyStatus",
  files: [{ key: "inv/photos/cfg/data/a.csv.gz", size: 10, MD5checksum: "0123456789abcdef0123456789ABCDEF" }],
};
const parse = (doc: unknown) => parseInventoryManifest(typeof doc === "string" ? doc : JSON.stringify(doc), FILE);

describe("parseInventoryManifest", () => {
  it("reads the fields the scan needs", () => {
    const manifest = parse(valid);
    expect(manifest).toEqual({
      sourceBucket: "photos",
      creationTime: new Date(1793491200000),
      fileFormat: "CSV",
      fileSchema: ["Bucket", "Key", "VersionId", "BucketKeyStatus"],
      files: [{ key: "inv/photos/cfg/data/a.csv.gz", size: 10, md5: "0123456789abcdef0123456789abcdef" }],
    });
  });

  it.each([
    ["text that is not JSON", "{ nope", `${FILE}: not valid JSON (`],
    ["a JSON array", [], `${FILE}: expected a JSON object with sourceBucket, fileFormat, fileSchema and files. ${RESYNC}`],
    ["no fileSchema", { ...valid, fileSchema: undefined }, `${FILE}: required field "fileSchema" is missing. ${RESYNC}`],
    ["no files", { ...valid, files: undefined }, `${FILE}: required field "files" is missing. ${RESYNC}`],
    ["a numeric creationTimestamp", { ...valid, creationTimestamp: 1 }, `${FILE}: field "creationTimestamp" should be epoch milliseconds as a string, like "1514944800000" (found 1). ${RESYNC}`],
    [
      "a Parquet report",
      { ...valid, fileFormat: "Parquet" },
      `${FILE}: fileFormat is "Parquet", but bucket-keys reads only CSV inventories. Set the inventory configuration's output format to CSV and plan from its next report.`,
    ],
    [
      "a schema without BucketKeyStatus",
      { ...valid, fileSchema: "Bucket, Key, Size" },
      `${FILE}: fileSchema lacks BucketKeyStatus (found: Bucket, Key, Size). Add the optional field BucketKeyStatus to the inventory configuration and plan from its next report.`,
    ],
    ["a schema without Key", { ...valid, fileSchema: "Bucket, BucketKeyStatus" }, `${FILE}: fileSchema lacks the Key column (found: Bucket, BucketKeyStatus). ${RESYNC}`],
    ["a file without MD5checksum", { ...valid, files: [{ key: "a", size: 1 }] }, `${FILE}: field "files[0].MD5checksum" should be 32 hex characters (found undefined). ${RESYNC}`],
    ["a file key climbing out of the root", { ...valid, files: [{ key: "../x", size: 1, MD5checksum: "0".repeat(32) }] }, `${FILE}: field "files[0].key" should be the data file's key (found "../x"). ${RESYNC}`],
  ])("fails naming the file and field for %s", (_name, doc, message) => {
    const error = (() => {
      try {
        parse(doc);
      } catch (caught) {
        return caught;
      }
      throw new Error("expected parseInventoryManifest to throw");
    })();
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).message.startsWith(message)).toBe(true);
    expect((error as ManifestError).file).toBe(FILE);
  });
});
