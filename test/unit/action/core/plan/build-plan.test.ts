import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../../../action/core/plan/build-plan.ts";
import type { ScannedInventory } from "../../../../../action/core/plan/scanned-inventory.ts";
import { emptyTally } from "../../../../../action/core/plan/file-tally.ts";
import { serializePlan, validatePlan } from "../../../../../action/contracts/plan-schema.ts";

const ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SHA = "a".repeat(64);

function inventory(bucket: string, schema: string[], jobs: Record<string, { objects: number; bytes: number }>): ScannedInventory {
  return {
    sourceBucket: bucket,
    manifest: `inventory/${bucket}/cfg/2026-11-01T00-00Z/manifest.json`,
    manifestMd5: "b".repeat(32),
    creationTime: new Date("2026-11-01T00:00:00Z"),
    fileFormat: "CSV",
    fileSchema: schema,
    dataFiles: 2,
    tally: { ...emptyTally(), rows: 100, skipped: { "delete-marker": 3, "already-bucket-key": 4 }, jobs, updateSseKms: jobs.update?.objects ?? 0 },
  };
}

const FULL = ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus", "ObjectAccessControlList"];
const manifests = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, { sha256: SHA, bytes: 10 }]));

describe("buildPlan", () => {
  const photos = inventory("photos", FULL, { "copy:STANDARD_IA": { objects: 2, bytes: 20 }, update: { objects: 5, bytes: 50 }, "copy:STANDARD": { objects: 1, bytes: 10 } });
  const plan = buildPlan({
    operation: "auto",
    kmsKeyArn: ARN,
    inventories: [photos],
    manifests: manifests(["update-photos", "copy-photos-standard", "copy-photos-standard-ia"]),
  });

  it("makes one update job per bucket with version ids, then one copy job per storage class without them", () => {
    expect(plan.jobs.map((job) => [job.id, job.operation, job.storageClass, job.objects, job.bytes, job.manifest.fields.join(",")])).toEqual([
      ["update-photos", "S3UpdateObjectEncryption", undefined, 5, 50, "Bucket,Key,VersionId"],
      ["copy-photos-standard", "S3PutObjectCopy", "STANDARD", 1, 10, "Bucket,Key"],
      ["copy-photos-standard-ia", "S3PutObjectCopy", "STANDARD_IA", 2, 20, "Bucket,Key"],
    ]);
  });

  it("guards copy jobs with the inventory's creation time and not update jobs", () => {
    expect(plan.jobs.map((job) => job.unmodifiedSince)).toEqual([undefined, "2026-11-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z"]);
  });

  it("builds a plan that passes validatePlan, whose id is its content hash", () => {
    expect(validatePlan(JSON.parse(serializePlan(plan)), "plan.json")).toEqual(plan);
  });

  it("counts totals and skips", () => {
    expect(plan.totals).toEqual({ rows: 100, objects: 8, skipped: 7, bytes: 80 });
    expect(plan.skipped).toEqual({ "delete-marker": 3, "already-bucket-key": 4 });
  });

  it("gives the same id for the same inputs and a different id when anything changes", () => {
    const again = buildPlan({ operation: "auto", kmsKeyArn: ARN, inventories: [photos], manifests: manifests(["update-photos", "copy-photos-standard", "copy-photos-standard-ia"]) });
    expect(serializePlan(again)).toBe(serializePlan(plan));
    const otherKey = buildPlan({ operation: "auto", kmsKeyArn: ARN.replace("1234abcd", "9999abcd"), inventories: [photos], manifests: manifests(["update-photos", "copy-photos-standard", "copy-photos-standard-ia"]) });
    expect(otherKey.id).not.toBe(plan.id);
  });

  it("names copy jobs without a storage class and warns when the inventory lacks StorageClass, Size, ACL and EncryptionStatus", () => {
    const bare = inventory("logs", ["Bucket", "Key", "BucketKeyStatus", "EncryptionStatus"], { "copy:": { objects: 3, bytes: 0 } });
    const result = buildPlan({ operation: "auto", kmsKeyArn: ARN, inventories: [bare], manifests: manifests(["copy-logs"]) });
    expect(result.jobs.map((job) => [job.id, job.storageClass, job.bytes])).toEqual([["copy-logs", undefined, undefined]]);
    expect(result.totals.bytes).toBeUndefined();
    expect(result.warnings.map((warning) => warning.code)).toEqual(["copy-rewrites-objects", "copy-drops-redirects", "copy-resets-acl", "storage-class-unknown", "copy-size-unchecked"]);
    const tutorial = inventory("old", ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "BucketKeyStatus"], { update: { objects: 9, bytes: 0 } });
    const withoutEncryption = buildPlan({ operation: "auto", kmsKeyArn: ARN, inventories: [tutorial], manifests: manifests(["update-old"]) });
    expect(withoutEncryption.warnings[0]).toMatchObject({ code: "no-encryption-status", bucket: "old", objects: 9 });
  });
});
