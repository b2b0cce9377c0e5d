/** ManagedBucket under Pulumi's in-process mocks (pulumi.runtime.setMocks). */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NONCURRENT_EXPIRATION_RULE_ID, ManagedBucket } from "../../../infra/components/managed-bucket.ts";
import type { ManagedBucketArgs } from "../../../infra/components/managed-bucket.ts";

interface Created {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const created: Created[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        created.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        throw new Error(`Mock call not implemented: ${args.token}`);
      },
    },
    "bucket-keys",
    "unit",
  );
});

beforeEach(() => {
  created.length = 0;
});

const args: ManagedBucketArgs = {
  bucket: "acme-data",
  accountId: "123456789012",
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
  reportsBucketName: "acme-reports",
  reportsBucketArn: "arn:aws:s3:::acme-reports",
  inventory: { configId: "bucket-keys", frequency: "Weekly", includedObjectVersions: "All", format: "CSV" },
};

/** Declares the component and waits until it and its `children` children are registered. */
async function declare(bucketArgs: ManagedBucketArgs): Promise<{ component: ManagedBucket; types: string[] }> {
  const children = bucketArgs.noncurrentVersionExpirationDays === undefined ? 2 : 3;
  const component = new ManagedBucket("bucket-acme-data", bucketArgs);
  await vi.waitFor(() => expect(created).toHaveLength(1 + children), { timeout: 5_000 });
  // Let any unexpected extra registration land, so it shows up in the count.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(created).toHaveLength(1 + children);
  return { component, types: created.map((resource) => resource.type) };
}

describe("ManagedBucket", () => {
  it("creates no lifecycle configuration unless noncurrent-version expiry is set", async () => {
    const { types } = await declare(args);
    expect(types).not.toContain("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    expect(types).toEqual(expect.arrayContaining(["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/inventory:Inventory"]));
  });

  it("writes exactly one whole-bucket noncurrent-version rule when expiry is set", async () => {
    await declare({ ...args, noncurrentVersionExpirationDays: 45 });
    const lifecycle = created.find((resource) => resource.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
    expect(lifecycle?.inputs).toMatchObject({
      bucket: "acme-data",
      expectedBucketOwner: "123456789012",
      rules: [{ id: NONCURRENT_EXPIRATION_RULE_ID, status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 45 } }],
    });
  });

  it("names its children after itself", async () => {
    await declare(args);
    expect(created.map((resource) => resource.name).sort()).toEqual(["bucket-acme-data", "bucket-acme-data-encryption", "bucket-acme-data-inventory"]);
  });

  it("points the Action at the folder S3 writes this bucket's reports into", async () => {
    const { component } = await declare(args);
    const location = await new Promise<string>((resolve) => component.inventoryLocation.apply(resolve));
    expect(location).toBe("s3://acme-reports/inventory/acme-data/bucket-keys/");
  });
});
