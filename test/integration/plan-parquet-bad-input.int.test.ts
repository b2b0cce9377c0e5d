import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChecksumMismatchError, InventoryDataError, ManifestError } from "../../action/contracts/errors.ts";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { planInventory } from "../../action/use-cases/plan-inventory.ts";
import { STANDARD_SCHEMA, writeInventory, type InventorySpec } from "../helpers/inventory-builder.ts";
import { parquetMessageType } from "../helpers/parquet-data-file.ts";
import { realisticRows } from "../helpers/inventory-rows.ts";

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CORRUPT = "The data file is corrupt or not a Parquet file; re-sync the inventory and run again.";
const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

describe("planInventory with bad Parquet input", () => {
  let root: string;
  let out: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-parquet-bad-"));
    out = join(root, "out");
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  const spec = (change: Partial<InventorySpec> = {}): InventorySpec => ({
    sourceBucket: "photos",
    fileSchema: STANDARD_SCHEMA,
    format: "Parquet",
    parquet: { rowGroupSize: 40 },
    dataFiles: [[...realisticRows("photos", 100, 1)], [...realisticRows("photos", 100, 2)]],
    ...change,
  });
  const write = (change: Partial<InventorySpec> = {}) => writeInventory({ kind: "dir", root: join(root, "sync") }, spec(change));
  const dataPath = (key: string) => join(root, "sync", key);

  /** Runs the plan, expecting it to fail with `type` and `message`, and leave nothing in the output folder. */
  async function expectFailure(manifest: string, type: new (...args: never[]) => Error, message: string): Promise<void> {
    const error = await planInventory({ inventories: [manifest], kmsKeyArn: KMS, outDir: out, operation: "auto" }, { logger: memoryLogger() }).then(
      () => {
        throw new Error("expected the plan to fail");
      },
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(existsSync(join(out, "plan.json"))).toBe(false);
    expect(existsSync(join(out, "manifests"))).toBe(false);
    expect((await readdir(root)).filter((name) => name.includes(".bucket-keys-"))).toEqual([]);
  }

  it("fails on a corrupt footer, naming the file", async () => {
    const inventory = await write({ corrupt: { file: 1, kind: "parquet-footer" } });
    const error = await planInventory({ inventories: [inventory.manifest], kmsKeyArn: KMS, outDir: out, operation: "auto" }, { logger: memoryLogger() }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(InventoryDataError);
    expect((error as Error).message).toMatch(new RegExp(`^${escape(dataPath(inventory.dataKeys[1]!))}: corrupt Parquet footer \\(.+\\)\\. ${escape(CORRUPT)}$`));
    expect(existsSync(join(out, "plan.json"))).toBe(false);
  });

  it("fails on wrong magic bytes at the start of the file", async () => {
    const inventory = await write({ corrupt: { file: 0, kind: "parquet-magic" } });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: not a Parquet file: it does not start with the "PAR1" magic bytes. ${CORRUPT}`);
  });

  it("fails on a truncated file whose MD5 matches manifest.json (the file was truncated before it was listed)", async () => {
    const inventory = await write({ corrupt: { file: 1, kind: "truncated-parquet" } });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[1]!)}: not a Parquet file: it does not end with the "PAR1" magic bytes (truncated or not Parquet). ${CORRUPT}`);
  });

  it("reports an MD5 mismatch, not the Parquet problem it causes, when the file differs from manifest.json", async () => {
    const inventory = await write({ corrupt: { file: 0, kind: "md5-mismatch" } });
    const actual = createHash("md5").update(await readFile(dataPath(inventory.dataKeys[0]!))).digest("hex");
    const listed = JSON.parse(await readFile(inventory.manifest, "utf8")).files[0].MD5checksum as string;
    await expectFailure(inventory.manifest, ChecksumMismatchError, `${dataPath(inventory.dataKeys[0]!)}: MD5 mismatch (manifest ${listed}, file ${actual}). The data file changed or was copied incompletely; re-sync the inventory folder and run again.`);
  });

  it("fails on a column of the wrong type, naming the column and the type S3 writes", async () => {
    const inventory = await write({ parquet: { textColumns: ["Size"] } });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: column "size" (Size) is BYTE_ARRAY (UTF8), but S3 Inventory writes it as INT64. ${RESYNC}`);
  });

  it("fails on an inventory without the bucket_key_status column, saying to add the field", async () => {
    const inventory = await write({ fileSchema: STANDARD_SCHEMA.filter((column) => column !== "BucketKeyStatus") });
    await expectFailure(
      inventory.manifest,
      ManifestError,
      `${inventory.manifest}: fileSchema lacks BucketKeyStatus (bucket_key_status) (found: bucket, key, version_id, is_latest, is_delete_marker, size, last_modified_date, e_tag, storage_class, encryption_status). Add the optional field BucketKeyStatus to the inventory configuration and plan from its next report.`,
    );
  });

  it("fails when manifest.json's fileSchema disagrees with the file's own schema", async () => {
    const declared = parquetMessageType(STANDARD_SCHEMA.filter((column) => column !== "ETag"));
    const inventory = await write({ editManifest: (manifest) => ({ ...manifest, fileSchema: declared }) });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: the file's columns differ from manifest.json's fileSchema (only in the file: e_tag). ${RESYNC}`);
  });

  it("fails when a column's type in the file differs from manifest.json's fileSchema", async () => {
    const declared = parquetMessageType(STANDARD_SCHEMA).replace("optional int64 size;", "optional binary size (UTF8);");
    const inventory = await write({ editManifest: (manifest) => ({ ...manifest, fileSchema: declared }) });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: column "size" (Size) is INT64 in the file but BYTE_ARRAY in manifest.json's fileSchema. ${RESYNC}`);
  });

  it("fails naming the file, the row and its row group when a row's bucket differs from the manifest's", async () => {
    const rows = [...realisticRows("photos", 100, 3)];
    rows[57] = { ...rows[57]!, Bucket: "videos" };
    const inventory = await write({ dataFiles: [rows] });
    await expectFailure(inventory.manifest, InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: row 58 (row group 2 of 3): row's Bucket "videos" differs from the manifest's sourceBucket "photos". ${RESYNC}`);
  });

  it("fails on a fileSchema that is not a Parquet message type", async () => {
    const inventory = await write({ editManifest: (manifest) => ({ ...manifest, fileSchema: STANDARD_SCHEMA.join(", ") }) });
    await expectFailure(
      inventory.manifest,
      ManifestError,
      `${inventory.manifest}: fileSchema of this Parquet inventory: expected a Parquet message type like "message s3.inventory { required binary bucket (UTF8); ... }" (found ${JSON.stringify(STANDARD_SCHEMA.join(", "))}). Point --inventory at a complete manifest.json written by S3 Inventory (re-sync it if it was copied).`,
    );
  });

  it("refuses an ORC inventory, naming CSV and Parquet configurations and the Pulumi setting", async () => {
    const orcSchema = "struct<bucket:string,key:string,version_id:string,is_latest:boolean,is_delete_marker:boolean,size:bigint,last_modified_date:timestamp,e_tag:string,storage_class:string>";
    const inventory = await write({ editManifest: (manifest) => ({ ...manifest, fileFormat: "ORC", fileSchema: orcSchema }) });
    await expectFailure(
      inventory.manifest,
      ManifestError,
      `${inventory.manifest}: fileFormat is "ORC", which bucket-keys cannot read (there is no maintained ORC reader for JavaScript). ` +
        "Give the bucket an inventory configuration in CSV or Parquet format, with the optional fields EncryptionStatus and BucketKeyStatus, and plan from its first report; " +
        "with this project's Pulumi program: pulumi config set --path 'buckets[<n>].inventory.format' Parquet (n: the bucket's place in bucket-keys:buckets), then pulumi up.",
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
