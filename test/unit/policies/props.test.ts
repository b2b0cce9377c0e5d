import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { UNKNOWN, UNKNOWN_SENTINELS, toPlain } from "../../../policies/props.ts";
import { TYPES } from "../../../policies/resource-types.ts";

const require = createRequire(import.meta.url);

describe("props", () => {
  it("knows exactly the unknown-value sentinels @pulumi/policy knows", () => {
    const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
    const theirs = Object.entries(proxy).filter(([name]) => /^unknown[A-Z]\w*Value$/.test(name)).map(([, value]) => value);
    expect(new Set(theirs)).toEqual(new Set(UNKNOWN_SENTINELS));
  });

  it("copies values out, marking unknowns and dropping undefined", () => {
    expect(toPlain({ a: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", b: [1, { c: undefined, d: true }] })).toEqual({ a: UNKNOWN, b: [1, { d: true }] });
  });
});

describe("resource types", () => {
  it("takes the provider tokens from @pulumi/aws", () => {
    expect(TYPES).toMatchObject({
      bucket: "aws:s3/bucket:Bucket",
      bucketV2: "aws:s3/bucketV2:BucketV2",
      encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
      inventory: "aws:s3/inventory:Inventory",
      role: "aws:iam/role:Role",
      rolePolicy: "aws:iam/rolePolicy:RolePolicy",
      rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      policy: "aws:iam/policy:Policy",
      kmsKey: "aws:kms/key:Key",
    });
  });
});
