import { describe, expect, it } from "vitest";
import { kmsKeyRotation } from "../../../policies/kms.ts";
import { messages, runStackPolicy, type TestResource } from "../../helpers/policy-runner.ts";
import { WIRE_UNKNOWN, urnOf } from "../../helpers/policy-wire.ts";

const KEY_TYPE = "aws:kms/key:Key";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function key(props: Record<string, unknown>): TestResource {
  return { type: KEY_TYPE, name: "bucket-keys", props: { arn: ARN, keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", ...props } };
}

function encryption(kmsMasterKeyId: unknown, propertyDependencies?: Record<string, string[]>): TestResource {
  return {
    type: SSE,
    name: "logs-sse",
    props: { bucket: "logs", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId }, bucketKeyEnabled: true }] },
    ...(propertyDependencies ? { propertyDependencies } : {}),
  };
}

const run = (resources: TestResource[], config: object = {}) => runStackPolicy(kmsKeyRotation, resources, config);

describe("kms-key-rotation", () => {
  it("passes a bucket key with rotation enabled", async () => {
    expect((await run([key({ enableKeyRotation: true }), encryption(ARN)])).violations).toEqual([]);
  });

  it("flags a key that encrypts a bucket without rotation, naming the bucket", async () => {
    const result = await run([key({ enableKeyRotation: false }), encryption(ARN)]);
    expect(result.violations).toEqual([
      {
        message: "KMS key 'bucket-keys' encrypts bucket 'logs' but has enableKeyRotation=false. Set enableKeyRotation: true; KMS keeps earlier key material, so existing objects and Bucket Keys still decrypt after each rotation.",
        urn: urnOf(KEY_TYPE, "bucket-keys"),
        enforcementLevel: "advisory",
      },
    ]);
  });

  it("links the key through property dependencies when its ARN is unknown (preview)", async () => {
    const result = await run([key({ arn: WIRE_UNKNOWN, keyId: WIRE_UNKNOWN }), encryption(WIRE_UNKNOWN, { rules: [urnOf(KEY_TYPE, "bucket-keys")] })]);
    expect(result.unknownReads).toEqual([]);
    expect(messages(result)).toEqual([expect.stringContaining("enableKeyRotation=absent")]);
  });

  it("follows an alias the encryption rule names", async () => {
    const alias: TestResource = { type: "aws:kms/alias:Alias", name: "alias", props: { name: "alias/bucket-keys", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" } };
    expect(messages(await run([key({}), alias, encryption("alias/bucket-keys")]))).toHaveLength(1);
  });

  it("ignores keys that encrypt no bucket unless checkAllKeys is set", async () => {
    expect((await run([key({})])).violations).toEqual([]);
    expect(messages(await run([key({})], { checkAllKeys: true }))).toEqual([expect.stringMatching(/^KMS key 'bucket-keys' has enableKeyRotation=absent/)]);
  });

  it("skips asymmetric keys, which can't rotate automatically", async () => {
    expect((await run([key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })], { checkAllKeys: true })).violations).toEqual([]);
  });

  it("checks aws-native keys too", async () => {
    const native: TestResource = { type: "aws-native:kms:Key", name: "native", props: { arn: ARN, enableKeyRotation: false } };
    expect(messages(await run([native, encryption(ARN)]))).toHaveLength(1);
  });

  it("rejects a non-boolean checkAllKeys", async () => {
    await expect(run([], { checkAllKeys: "yes" })).rejects.toThrow("checkAllKeys: Invalid input: expected boolean, received string");
  });
});
