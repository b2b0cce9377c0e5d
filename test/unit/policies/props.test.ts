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
  it("spells every provider token exactly as the @pulumi/aws class of that name carries it", () => {
    const aws = require("@pulumi/aws") as Record<string, Record<string, { __pulumiType?: string }>>;
    const classes: Record<string, [string, string]> = {
      bucket: ["s3", "Bucket"],
      bucketV2: ["s3", "BucketV2"],
      encryption: ["s3", "BucketServerSideEncryptionConfiguration"],
      encryptionV2: ["s3", "BucketServerSideEncryptionConfigurationV2"],
      versioning: ["s3", "BucketVersioning"],
      versioningV2: ["s3", "BucketVersioningV2"],
      inventory: ["s3", "Inventory"],
      role: ["iam", "Role"],
      rolePolicy: ["iam", "RolePolicy"],
      rolePolicyAttachment: ["iam", "RolePolicyAttachment"],
      policyAttachment: ["iam", "PolicyAttachment"],
      policy: ["iam", "Policy"],
      kmsKey: ["kms", "Key"],
      kmsAlias: ["kms", "Alias"],
    };
    const providerTokens = Object.fromEntries(Object.entries(classes).map(([name, [module, resource]]) => [name, aws[module]?.[resource]?.__pulumiType]));
    const ours = Object.fromEntries(Object.keys(classes).map((name) => [name, TYPES[name as keyof typeof TYPES]]));
    expect(ours).toEqual(providerTokens);
    expect(Object.keys(TYPES).filter((name) => !(name in classes))).toEqual(["nativeBucket", "nativeKmsKey"]);
  });
});
