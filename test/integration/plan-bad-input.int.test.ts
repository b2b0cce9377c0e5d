import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChecksumMismatchError, InputError, InventoryDataError, ManifestError } from "../../action/contracts/errors.ts";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { planInventory } from "../../action/use-cases/plan-inventory.ts";
import { STANDARD_SCHEMA, writeInventory, type InventorySpec } from "../helpers/inventory-builder.ts";
import { realisticRows } from "../helpers/inventory-rows.ts";

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

describe("planInventory with bad input", () => {
  let root: string;
  let out: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-bad-"));
    out = join(root, "out");
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  const spec = (change: Partial<InventorySpec> = {}): InventorySpec => ({
    sourceBucket: "photos",
    fileSchema: STANDARD_SCHEMA,
    dataFiles: [[...realisticRows("photos", 50, 1)], [...realisticRows("photos", 50, 2)]],
    ...change,
  });
  const write = (change: Partial<InventorySpec> = {}) => writeInventory({ kind: "dir", root: join(root, "sync") }, spec(change));
  const dataPath = (key: string) => join(root, "sync", key);

  /** Runs the plan, expecting it to fail with `type` and `message`, and leave nothing in the output folder. */
  async function expectFailure(manifests: string[], type: new (...args: never[]) => Error, message: string | RegExp): Promise<Error> {
    const error = await planInventory({ inventories: manifests, kmsKeyArn: KMS, outDir: out, operation: "auto" }, { logger: memoryLogger() }).then(
      () => {
        throw new Error("expected the plan to fail");
      },
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(type);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(existsSync(join(out, "plan.json"))).toBe(false);
    expect(existsSync(join(out, "manifests"))).toBe(false);
    expect((await readdir(root)).filter((name) => name.includes(".bucket-keys-"))).toEqual([]);
    return error;
  }

  it("fails on a data file whose MD5 differs from manifest.json, naming the file and both sums", async () => {
    const inventory = await write({ corrupt: { file: 1, kind: "md5-mismatch" } });
    const actual = createHash("md5").update(await readFile(dataPath(inventory.dataKeys[1]!))).digest("hex");
    const listed = JSON.parse(await readFile(inventory.manifest, "utf8")).files[1].MD5checksum;
    await expectFailure([inventory.manifest], ChecksumMismatchError, `${dataPath(inventory.dataKeys[1]!)}: MD5 mismatch (manifest ${listed}, file ${actual}). The data file changed or was copied incompletely; re-sync the inventory folder and run again.`);
  });

  it("fails on a truncated gzip file", async () => {
    const inventory = await write({ corrupt: { file: 0, kind: "truncated-gzip" } });
    await expectFailure([inventory.manifest], InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}: not a readable gzip file (unexpected end of file). The data file is corrupt or truncated; re-sync the inventory and run again.`);
  });

  it("fails on a data file that is not gzip at all", async () => {
    const inventory = await write({ corrupt: { file: 1, kind: "not-gzip" } });
    await expectFailure([inventory.manifest], InventoryDataError, `${dataPath(inventory.dataKeys[1]!)}: not a readable gzip file (incorrect header check). The data file is corrupt or truncated; re-sync the inventory and run again.`);
  });

  it("fails on a fileSchema without BucketKeyStatus, saying to add the field", async () => {
    const inventory = await write({ fileSchema: STANDARD_SCHEMA.filter((column) => column !== "BucketKeyStatus") });
    await expectFailure(
      [inventory.manifest],
      ManifestError,
      `${inventory.manifest}: fileSchema lacks BucketKeyStatus (found: Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass, EncryptionStatus). Add the optional field BucketKeyStatus to the inventory configuration and plan from its next report.`,
    );
  });

  it("fails naming file and line when a row's column count does not match fileSchema", async () => {
    const inventory = await write({ editManifest: (manifest) => ({ ...manifest, fileSchema: STANDARD_SCHEMA.filter((column) => column !== "ETag").join(", ") }) });
    await expectFailure(
      [inventory.manifest],
      InventoryDataError,
      `${dataPath(inventory.dataKeys[0]!)}:1: row has 11 fields but fileSchema lists 10 (Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, StorageClass, EncryptionStatus, BucketKeyStatus). ${RESYNC}`,
    );
  });

  it("fails on a fileFormat other than CSV and Parquet, naming the supported ones", async () => {
    const inventory = await write({ fileFormat: "Avro" });
    await expectFailure([inventory.manifest], ManifestError, `${inventory.manifest}: fileFormat is "Avro", but bucket-keys reads only CSV and Parquet inventories. Set the inventory configuration's output format to CSV or Parquet and plan from its next report.`);
  });

  it("fails on a manifest.json that is not JSON", async () => {
    const inventory = await write({ manifestText: "<html>not json</html>" });
    await expectFailure([inventory.manifest], ManifestError, new RegExp(`^${escape(inventory.manifest)}: not valid JSON \\(.+\\)\\. Point --inventory at a complete manifest\\.json`));
  });

  it("fails on a manifest.json without files", async () => {
    const inventory = await write({ editManifest: ({ files: _files, ...rest }) => rest });
    await expectFailure([inventory.manifest], ManifestError, `${inventory.manifest}: required field "files" is missing. Point --inventory at a complete manifest.json written by S3 Inventory (re-sync it if it was copied).`);
  });

  it("fails on a manifest.json that does not match its manifest.checksum", async () => {
    const inventory = await write({ editManifest: (manifest) => manifest });
    const { writeFile } = await import("node:fs/promises");
    await writeFile(inventory.manifest.replace("manifest.json", "manifest.checksum"), "0".repeat(32));
    await expectFailure([inventory.manifest], ChecksumMismatchError, new RegExp(`^${escape(inventory.manifest)}: MD5 mismatch \\(manifest\\.checksum 0{32}, manifest\\.json [0-9a-f]{32}\\)\\. manifest\\.json changed after S3 wrote it`));
  });

  it("fails on a listed data file that is missing", async () => {
    const inventory = await write({ corrupt: { file: 1, kind: "missing" } });
    await expectFailure([inventory.manifest], InventoryDataError, `${dataPath(inventory.dataKeys[1]!)}: data file listed in manifest.json is missing. Re-sync the whole inventory folder (aws s3 sync) and run again.`);
  });

  it("fails when no data file can be found next to the manifest or above it", async () => {
    const inventory = await write({ corrupt: { file: 0, kind: "missing" } });
    await expectFailure(
      [inventory.manifest],
      ManifestError,
      `${inventory.manifest}: data file "${inventory.dataKeys[0]}" (files[0].key) is not under the manifest's folder or any parent. Copy the whole inventory destination with aws s3 sync, keeping its layout, and point --inventory at the copied manifest.json.`,
    );
  });

  it("fails naming file and line on a key with a malformed escape", async () => {
    const rows = [...realisticRows("photos", 3, 1)];
    rows[1] = { ...rows[1], Key: "bad%zzkey" };
    const inventory = await write({ dataFiles: [rows], encodeKeys: false });
    await expectFailure([inventory.manifest], InventoryDataError, `${dataPath(inventory.dataKeys[0]!)}:2: Key "bad%zzkey" cannot be decoded: "%zz" at byte 4 is not a %XX escape. ${RESYNC}`);
  });

  it("fails naming file and line on CSV that no parser accepts", async () => {
    const rows = [...realisticRows("photos", 3, 1)];
    rows[2] = { ...rows[2], Key: 'a"b' };
    const inventory = await write({ dataFiles: [rows], encodeKeys: false, quoting: "none" });
    await expectFailure([inventory.manifest], InventoryDataError, new RegExp(`^${escape(dataPath(inventory.dataKeys[0]!))}:3: malformed CSV \\(Invalid Opening Quote: .+\\)\\. The data file is corrupt; re-sync the inventory and run again\\.$`));
  });

  it("fails on two inventories of the same bucket", async () => {
    const a = await write();
    const b = await writeInventory({ kind: "dir", root: join(root, "sync2") }, spec());
    await expectFailure([a.manifest, b.manifest], InputError, `${b.manifest}: a second inventory for bucket "photos" (the first is ${a.manifest}). Give one report per bucket: the newest.`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("planInventory with options that skipped validatePlanOptions", () => {
  it("refuses to write a plan that validatePlan would reject (a KMS alias instead of a key ARN)", async () => {
    const root = await mkdtemp(join(tmpdir(), "plan-unvalidated-"));
    try {
      const inventory = await writeInventory({ kind: "dir", root: join(root, "sync") }, { sourceBucket: "photos", fileSchema: STANDARD_SCHEMA, dataFiles: [[...realisticRows("photos", 20, 1)]] });
      const out = join(root, "out");
      await expect(planInventory({ inventories: [inventory.manifest], kmsKeyArn: "alias/photos", outDir: out, operation: "auto" }, { logger: memoryLogger() })).rejects.toThrow(
        `${join(out, "plan.json")}: field "kmsKeyArn" expected a full key ARN`,
      );
      expect(existsSync(join(out, "plan.json"))).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
