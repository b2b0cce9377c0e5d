/** Configurations other than the two example stacks. */
import { describe, expect, it } from "vitest";
import { readStackConfig, runProgram } from "../../helpers/pulumi-program.ts";
import { parsePolicy } from "../../unit/infra/iam-assertions.ts";
import { TYPES, input, named, ofType } from "./stack-assertions.ts";

function devWith(change: (config: Record<string, any>) => void): { config: Record<string, unknown> } {
  const config = structuredClone(readStackConfig("dev")) as Record<string, any>;
  change(config);
  return { config };
}

describe("program with an existing reports bucket", () => {
  it("creates no bucket, points inventories at the existing one and says which policy statements it needs", async () => {
    const { resources, outputs } = await runProgram(devWith((c) => (c["bucket-keys:reports"] = { existingBucket: "acme-shared-reports" })));
    expect(ofType(resources, TYPES.bucket)).toEqual([]);
    expect(ofType(resources, TYPES.bucketPolicy)).toEqual([]);
    for (const inventory of ofType(resources, TYPES.inventory)) expect(input(inventory, "destination.bucket.bucketArn")).toBe("arn:aws:s3:::acme-shared-reports");
    expect(outputs["reportsBucket"]).toBe("acme-shared-reports");
    expect(outputs["requiredReportsBucketPolicyStatements"]).toEqual([
      expect.objectContaining({ Sid: "AllowInventoryDeliveryFromManagedBuckets" }),
      expect.objectContaining({ Sid: "DenyManifestsNotEncryptedWithSseS3" }),
    ]);
  });
});

describe("program with optional settings", () => {
  it("drops the aws:SourceArn trust condition when requireSourceArn is false, keeping aws:SourceAccount", async () => {
    const { resources } = await runProgram(devWith((c) => (c["bucket-keys:batchRole"] = { requireSourceArn: false })));
    const trust = parsePolicy(named(resources, TYPES.role, "batch-operations-role").inputs["assumeRolePolicy"]);
    expect(trust.Statement[0]?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("lists all versions of every bucket when includedVersions is All, and uses the namePrefix for roles", async () => {
    const { resources, outputs } = await runProgram(devWith((c) => {
      c["bucket-keys:inventory"] = { includedVersions: "All", frequency: "Daily" };
      c["bucket-keys:namePrefix"] = "storage-keys";
    }));
    expect(ofType(resources, TYPES.inventory).map((inventory) => [inventory.inputs["includedObjectVersions"], input(inventory, "schedule.frequency")])).toEqual([
      ["All", "Daily"],
      ["All", "Daily"],
    ]);
    expect(outputs["batchOperationsRoleArn"]).toBe("arn:aws:iam::123456789012:role/storage-keys-batch");
  });

  it("writes a bucket's inventory in Parquet when its inventory.format says so, the others in the stack's format (CSV by default)", async () => {
    const { resources } = await runProgram(devWith((c) => (c["bucket-keys:buckets"][1].inventory = { format: "Parquet" })));
    const formats = ofType(resources, TYPES.inventory).map((inventory) => [inventory.inputs["bucket"], input(inventory, "destination.bucket.format")]);
    expect(formats).toEqual([
      ["acme-dev-app-uploads", "CSV"],
      ["acme-dev-analytics-exports", "Parquet"],
    ]);
  });

  it("writes every inventory in Parquet when the stack's inventory.format is Parquet", async () => {
    const { resources } = await runProgram(devWith((c) => (c["bucket-keys:inventory"] = { format: "Parquet" })));
    expect(ofType(resources, TYPES.inventory).map((inventory) => input(inventory, "destination.bucket.format"))).toEqual(["Parquet", "Parquet"]);
  });

  it("declares the same resources when run as a preview", async () => {
    const [up, preview] = await Promise.all([runProgram("dev"), runProgram("dev", { preview: true })]);
    expect(preview.resources.map((resource) => resource.urn)).toEqual(up.resources.map((resource) => resource.urn));
  });
});
