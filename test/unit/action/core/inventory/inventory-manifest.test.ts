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
      "a format S3 Inventory never writes",
      { ...valid, fileFormat: "JSON" },
      `${FILE}: fileFormat is "JSON", but bucket-keys reads only CSV and Parquet inventories. Set the inventory configuration's output format to CSV or Parquet and plan from its next report.`,
    ],
    [
      "a Parquet report whose fileSchema is a column list",
      { ...valid, fileFormat: "Parquet" },
      `${FILE}: fileSchema of this Parquet inventory: expected a Parquet message type like "message s3.inventory { required binary bucket (UTF8); ... }" (found "Bucket, Key, VersionId, BucketKeyStatus"). ${RESYNC}`,
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

  describe("Parquet and ORC fileSchema forms", () => {
    /** AWS's Parquet manifest example, verbatim (storage-inventory-location.html, "Inventory manifest"). */
    const AWS_PARQUET =
      "message s3.inventory { required binary bucket (UTF8); required binary key (UTF8); optional binary version_id (UTF8); optional boolean is_latest; optional boolean is_delete_marker; optional int64 size; optional int64 last_modified_date (TIMESTAMP_MILLIS); optional binary e_tag (UTF8); optional binary storage_class (UTF8); optional boolean is_multipart_uploaded; optional binary replication_status (UTF8); optional binary encryption_status (UTF8); optional int64 object_lock_retain_until_date (TIMESTAMP_MILLIS); optional binary object_lock_mode (UTF8); optional binary object_lock_legal_hold_status (UTF8); optional binary intelligent_tiering_access_tier (UTF8); optional binary bucket_key_status (UTF8); optional binary checksum_algorithm (UTF8); optional binary object_access_control_list (UTF8); optional binary object_owner (UTF8);}";
    /** The older example (archived user guide): no ACL or owner, a space before the brace. */
    const AWS_PARQUET_2023 =
      "message s3.inventory { required binary bucket (UTF8); required binary key (UTF8); optional binary version_id (UTF8); optional boolean is_latest; optional boolean is_delete_marker; optional int64 size; optional int64 last_modified_date (TIMESTAMP_MILLIS); optional binary e_tag (UTF8); optional binary storage_class (UTF8); optional boolean is_multipart_uploaded; optional binary replication_status (UTF8); optional binary encryption_status (UTF8); optional int64 object_lock_retain_until_date (TIMESTAMP_MILLIS); optional binary object_lock_mode (UTF8); optional binary object_lock_legal_hold_status (UTF8); optional binary intelligent_tiering_access_tier (UTF8); optional binary bucket_key_status (UTF8); optional binary checksum_algorithm (UTF8); }";
    /** As real reports spell it (lakeFS's and OrcaBus's test fixtures): STRING and TIMESTAMP(MILLIS,true), two spaces. */
    const REAL_PARQUET =
      "message s3.inventory {  required binary bucket (STRING);  required binary key (STRING);  optional binary version_id (STRING);  optional boolean is_latest;  optional boolean is_delete_marker;  optional int64 size;  optional int64 last_modified_date (TIMESTAMP(MILLIS,true));  optional binary e_tag (STRING);  optional binary storage_class (STRING);  optional binary encryption_status (STRING);  optional binary bucket_key_status (STRING);}";
    const AWS_ORC =
      "struct<bucket:string,key:string,version_id:string,is_latest:boolean,is_delete_marker:boolean,size:bigint,last_modified_date:timestamp,e_tag:string,storage_class:string,is_multipart_uploaded:boolean,replication_status:string,encryption_status:string,object_lock_retain_until_date:timestamp,object_lock_mode:string,object_lock_legal_hold_status:string,intelligent_tiering_access_tier:string,bucket_key_status:string,checksum_algorithm:string,object_access_control_list:string,object_owner:string>";

    it.each([
      ["AWS's current example", AWS_PARQUET, 20],
      ["AWS's 2023 example", AWS_PARQUET_2023, 18],
      ["the form of real reports", REAL_PARQUET, 11],
    ])("reads %s as columns named like CSV fields, with their Parquet types", (_, schema, count) => {
      const manifest = parse({ ...valid, fileFormat: "Parquet", fileSchema: schema });
      expect(manifest.fileFormat).toBe("Parquet");
      expect(manifest.fileSchema).toHaveLength(count);
      expect(manifest.fileSchema.slice(0, 8)).toEqual(["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "LastModifiedDate", "ETag"]);
      expect(manifest.fileSchema).toContain("BucketKeyStatus");
      expect(manifest.parquetColumns?.slice(4, 7)).toEqual([
        { name: "is_delete_marker", type: "BOOLEAN", repetition: "OPTIONAL" },
        { name: "size", type: "INT64", repetition: "OPTIONAL" },
        { name: "last_modified_date", type: "INT64", repetition: "OPTIONAL" },
      ]);
    });

    it("maps every column of AWS's example to its CSV field name", () => {
      expect(parse({ ...valid, fileFormat: "Parquet", fileSchema: AWS_PARQUET }).fileSchema).toEqual([
        "Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "LastModifiedDate", "ETag", "StorageClass", "IsMultipartUploaded",
        "ReplicationStatus", "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode", "ObjectLockLegalHoldStatus",
        "IntelligentTieringAccessTier", "BucketKeyStatus", "ChecksumAlgorithm", "ObjectAccessControlList", "ObjectOwner",
      ]);
    });

    it("refuses an ORC report (AWS's struct form) with what to configure instead", () => {
      expect(() => parse({ ...valid, fileFormat: "ORC", fileSchema: AWS_ORC })).toThrow(
        new ManifestError(
          FILE,
          "fileFormat",
          `${FILE}: fileFormat is "ORC", which bucket-keys cannot read (there is no maintained ORC reader for JavaScript). Give the bucket an inventory configuration in CSV or Parquet format and plan from its first report; ` +
            "with this project's Pulumi program: pulumi config set --path 'buckets[<n>].inventory.format' Parquet (n: the bucket's place in bucket-keys:buckets), then pulumi up.",
        ),
      );
    });

    it("names a nested group it cannot read", () => {
      expect(() => parse({ ...valid, fileFormat: "Parquet", fileSchema: "message m { required binary bucket (UTF8); optional group tags { optional binary k; }; }" })).toThrow(/cannot read the field "optional group tags \{ optional binary k"/);
    });
  });
});
