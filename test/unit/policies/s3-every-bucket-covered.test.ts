import { describe, expect, it } from "vitest";
import { s3EveryBucketCovered } from "../../../policies/s3.ts";
import { messages, runStackPolicy, type TestResource } from "../../helpers/policy-runner.ts";
import { WIRE_UNKNOWN, urnOf } from "../../helpers/policy-wire.ts";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const kmsRule = (bucketKeyEnabled: boolean) => [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled }];

function bucket(name: string, props: Record<string, unknown> = {}): TestResource {
  return { type: BUCKET, name, props: { bucket: name, id: name, ...props } };
}

function encryption(name: string, props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): TestResource {
  return { type: SSE, name, props, ...(propertyDependencies ? { propertyDependencies } : {}) };
}

const run = (resources: TestResource[], config: object = {}) => runStackPolicy(s3EveryBucketCovered, resources, config);

describe("s3-every-bucket-covered", () => {
  it("passes a bucket covered by a separate encryption resource that names it", async () => {
    const result = await run([bucket("logs"), encryption("logs-sse", { bucket: "logs", rules: kmsRule(true) })]);
    expect(result.violations).toEqual([]);
  });

  it("passes a bucket covered by the v6 V2 encryption resource", async () => {
    const result = await run([bucket("logs"), { type: SSE_V2, name: "logs-sse", props: { bucket: "logs", rules: kmsRule(true) } }]);
    expect(result.violations).toEqual([]);
  });

  it("matches the encryption resource through property dependencies when the bucket name is unknown (preview of a new bucket)", async () => {
    const newBucket: TestResource = { type: BUCKET, name: "reports", props: { bucket: WIRE_UNKNOWN, id: WIRE_UNKNOWN } };
    const result = await run([newBucket, encryption("reports-sse", { bucket: WIRE_UNKNOWN, rules: kmsRule(true) }, { bucket: [urnOf(BUCKET, "reports")] })]);
    expect(result.unknownReads).toEqual([]);
    expect(result.violations).toEqual([]);
  });

  it("passes a bucket with inline SSE-KMS and Bucket Keys", async () => {
    const inline = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true } } };
    expect((await run([bucket("logs", inline)])).violations).toEqual([]);
  });

  it("passes an aws-native bucket with bucketEncryption and Bucket Keys", async () => {
    const native: TestResource = {
      type: "aws-native:s3:Bucket",
      name: "native",
      props: { bucketName: "native", bucketEncryption: { serverSideEncryptionConfiguration: [{ bucketKeyEnabled: true, serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] } },
    };
    expect((await run([native])).violations).toEqual([]);
  });

  it("fails a bucket with no encryption configuration, on the bucket's URN, saying what to add", async () => {
    const result = await run([bucket("logs")]);
    expect(result.violations).toEqual([
      {
        message: expect.stringMatching(/^bucket 'logs' has no default encryption with S3 Bucket Keys\. Add an aws\.s3\.BucketServerSideEncryptionConfiguration with `bucket` set to this bucket/),
        urn: urnOf(BUCKET, "logs"),
        enforcementLevel: "mandatory",
      },
    ]);
  });

  it("fails a bucket whose encryption resource uses SSE-S3, naming that resource", async () => {
    const result = await run([bucket("logs"), encryption("logs-sse", { bucket: "logs", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })]);
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("bucket 'logs' (encrypted by 'logs-sse', rules[0]) uses SSE-S3")]);
  });

  it("fails a bucket whose encryption resource has aws:kms without Bucket Keys", async () => {
    const result = await run([bucket("logs"), encryption("logs-sse", { bucket: "logs", rules: kmsRule(false) })]);
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("bucketKeyEnabled=false")]);
  });

  it("lets a separate encryption resource win over the SSE-S3 default a created bucket reports in its outputs", async () => {
    const created = bucket("logs", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false } } });
    const result = await run([created, encryption("logs-sse", { bucket: "logs", rules: kmsRule(true) })]);
    expect(result.violations).toEqual([]);
  });

  it("does not count an encryption resource for another bucket", async () => {
    const result = await run([bucket("logs"), encryption("other-sse", { bucket: "other", rules: kmsRule(true) })]);
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("bucket 'logs' has no default encryption")]);
  });

  it("fails closed when a bucket's inline encryption is wholly unknown in preview (the provider's computed default)", async () => {
    const result = await run([bucket("logs", { serverSideEncryptionConfiguration: WIRE_UNKNOWN })]);
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("has no default encryption")]);
  });

  it("downgrades to an advisory note when an encryption resource's bucket can't be resolved in preview", async () => {
    const result = await run([bucket("logs"), encryption("mystery-sse", { bucket: WIRE_UNKNOWN, rules: kmsRule(true) })]);
    expect(messages(result, "mandatory")).toEqual([]);
    expect(messages(result, "advisory")).toEqual([expect.stringContaining("can't tell in this preview whether 'mystery-sse' encrypt it")]);
  });

  it("shows an exemption by bucket name with its reason as advisory", async () => {
    const result = await run([bucket("legacy")], { exemptions: [{ bucket: "legacy", reason: "decommissioned in Q3; no new writes" }] });
    expect(result.violations).toEqual([
      { message: "bucket 'legacy' is exempt from s3-every-bucket-covered: decommissioned in Q3; no new writes", urn: urnOf(BUCKET, "legacy"), enforcementLevel: "advisory" },
    ]);
  });

  it("honours an exemption by URN", async () => {
    const result = await run([bucket("legacy")], { exemptions: [{ urn: urnOf(BUCKET, "legacy"), reason: "vendor-managed" }] });
    expect(messages(result, "mandatory")).toEqual([]);
    expect(messages(result, "advisory")).toEqual([expect.stringContaining("vendor-managed")]);
  });

  it("points out an exemption that matches no bucket", async () => {
    const result = await run([bucket("logs"), encryption("logs-sse", { bucket: "logs", rules: kmsRule(true) })], { exemptions: [{ bucket: "lgos", reason: "typo" }] });
    expect(messages(result, "advisory")).toEqual(["The s3-every-bucket-covered exemption for bucket 'lgos' matches no bucket in this stack; remove it or correct the name."]);
  });

  it("rejects config with an unknown setting", async () => {
    await expect(run([bucket("logs")], { exemption: [] })).rejects.toThrow('(top level): unknown setting "exemption" (accepted: exemptions, enforcementLevel)');
  });
});
