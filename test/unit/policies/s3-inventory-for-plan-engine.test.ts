import { describe, expect, it } from "vitest";
import { s3InventoryForPlanEngine } from "../../../policies/s3.ts";
import { messages, runStackPolicy, type TestResource } from "../../helpers/policy-runner.ts";
import { WIRE_UNKNOWN, urnOf } from "../../helpers/policy-wire.ts";

const BUCKET = "aws:s3/bucket:Bucket";
const INVENTORY = "aws:s3/inventory:Inventory";
const GOOD_FIELDS = ["EncryptionStatus", "BucketKeyStatus", "Size", "StorageClass"];

function inventory(props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): TestResource {
  return {
    type: INVENTORY,
    name: "logs-inventory",
    props: {
      bucket: "logs",
      name: "bucket-keys",
      enabled: true,
      includedObjectVersions: "All",
      optionalFields: GOOD_FIELDS,
      destination: { bucket: { bucketArn: "arn:aws:s3:::reports", format: "CSV" } },
      schedule: { frequency: "Weekly" },
      ...props,
    },
    ...(propertyDependencies ? { propertyDependencies } : {}),
  };
}

const versionedBucket: TestResource = { type: BUCKET, name: "logs", props: { bucket: "logs", versioning: { enabled: true } } };
const run = (resources: TestResource[], config: object = {}) => runStackPolicy(s3InventoryForPlanEngine, resources, config);

describe("s3-inventory-for-plan-engine", () => {
  it("passes an inventory with the fields the engine needs, all versions, CSV", async () => {
    expect((await run([versionedBucket, inventory({})])).violations).toEqual([]);
  });

  it("is advisory by default", () => {
    expect(s3InventoryForPlanEngine.enforcementLevel).toBe("advisory");
  });

  it("says which required fields are missing and why the engine needs them", async () => {
    const result = await run([inventory({ optionalFields: ["Size", "StorageClass"] })]);
    expect(result.violations).toEqual([
      {
        message:
          "inventory 'bucket-keys' of bucket 'logs': optionalFields lacks EncryptionStatus, BucketKeyStatus, which the plan engine needs to find objects without a Bucket Key and route them by encryption type; add them.",
        urn: urnOf(INVENTORY, "logs-inventory"),
        enforcementLevel: "advisory",
      },
    ]);
  });

  it("asks for Size and StorageClass to keep copies safe", async () => {
    const result = await run([inventory({ optionalFields: ["EncryptionStatus", "BucketKeyStatus"] })]);
    expect(messages(result)).toEqual([expect.stringContaining("optionalFields should include Size, StorageClass")]);
  });

  it("passes a Parquet inventory, which the plan engine reads as it reads CSV", async () => {
    expect((await run([versionedBucket, inventory({ destination: { bucket: { bucketArn: "arn:aws:s3:::reports", format: "Parquet" } } })])).violations).toEqual([]);
  });

  it("flags an ORC inventory, which plans cannot read, naming the formats to use instead", async () => {
    const result = await run([inventory({ destination: { bucket: { bucketArn: "arn:aws:s3:::reports", format: "ORC" } } })]);
    expect(messages(result)).toEqual([
      'inventory \'bucket-keys\' of bucket \'logs\': format is "ORC", which the plan engine cannot read (there is no maintained ORC reader for JavaScript); set format: "Parquet" or "CSV".',
    ]);
  });

  it("flags a format S3 Inventory does not have", async () => {
    const result = await run([inventory({ destination: { bucket: { bucketArn: "arn:aws:s3:::reports", format: "JSON" } } })]);
    expect(messages(result)).toEqual([expect.stringContaining('format is "JSON" but the plan engine reads CSV and Parquet; set format: "CSV" or "Parquet"')]);
  });

  it("flags current-only inventories of a versioned bucket (inline versioning)", async () => {
    const result = await run([versionedBucket, inventory({ includedObjectVersions: "Current" })]);
    expect(messages(result)).toEqual([expect.stringContaining('the bucket is versioned but includedObjectVersions is "Current"')]);
  });

  it("knows a bucket outside the stack is versioned from a BucketVersioning resource naming it", async () => {
    const versioning: TestResource = { type: "aws:s3/bucketVersioning:BucketVersioning", name: "logs-versioning", props: { bucket: "logs", versioningConfiguration: { status: "Enabled" } } };
    const result = await run([versioning, inventory({ includedObjectVersions: "Current" })]);
    expect(messages(result)).toEqual([expect.stringContaining("the bucket is versioned")]);
  });

  it("accepts current-only inventories when versioning is unknown to the stack", async () => {
    expect((await run([inventory({ includedObjectVersions: "Current" })])).violations).toEqual([]);
  });

  it("flags a disabled inventory", async () => {
    const result = await run([inventory({ enabled: false })]);
    expect(messages(result)).toEqual([expect.stringContaining("it is disabled")]);
  });

  it("checks aws-native inline inventoryConfigurations with the bucket's versioningConfiguration", async () => {
    const native: TestResource = {
      type: "aws-native:s3:Bucket",
      name: "native",
      props: {
        bucketName: "native",
        versioningConfiguration: { status: "Enabled" },
        inventoryConfigurations: [{ id: "weekly", enabled: true, includedObjectVersions: "Current", optionalFields: GOOD_FIELDS, destination: { bucketArn: "arn:aws:s3:::reports", format: "ORC" }, scheduleFrequency: "Weekly" }],
      },
    };
    const result = await run([native]);
    expect(messages(result)).toEqual([expect.stringMatching(/^inventory 'weekly' of bucket 'native': format is "ORC", which the plan engine cannot read .*; the bucket is versioned but includedObjectVersions is "Current"/)]);
  });

  it("matches a new bucket through property dependencies and notes what preview can't know", async () => {
    const newBucket: TestResource = { type: BUCKET, name: "logs", props: { bucket: WIRE_UNKNOWN, versioning: { enabled: true } } };
    const result = await run([newBucket, inventory({ bucket: WIRE_UNKNOWN, optionalFields: WIRE_UNKNOWN }, { bucket: [urnOf(BUCKET, "logs")] })]);
    expect(result.unknownReads).toEqual([]);
    expect(result.violations).toEqual([
      {
        message: "inventory 'bucket-keys' of bucket 'logs': optionalFields not known until apply, so it can't be fully checked in this preview; the check runs again on `pulumi up`.",
        urn: urnOf(INVENTORY, "logs-inventory"),
        enforcementLevel: "advisory",
      },
    ]);
  });

  it("shows an exemption's reason instead of the findings", async () => {
    const result = await run([inventory({ optionalFields: [] })], { exemptions: [{ bucket: "logs", reason: "Parquet for Athena; planned from the manifest generator" }] });
    expect(messages(result)).toEqual(["inventory 'bucket-keys' of bucket 'logs' is exempt from s3-inventory-for-plan-engine: Parquet for Athena; planned from the manifest generator"]);
  });
});
