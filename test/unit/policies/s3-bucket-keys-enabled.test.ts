import { describe, expect, it } from "vitest";
import { s3BucketKeysEnabled } from "../../../policies/s3.ts";
import { PolicyConfigError } from "../../../policies/policy-config-error.ts";
import { messages, runRemediation, runResourcePolicy } from "../../helpers/policy-runner.ts";
import { WIRE_UNKNOWN, urnOf, wireSecret } from "../../helpers/policy-wire.ts";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

type Rule = { sseAlgorithm?: unknown; kmsMasterKeyId?: unknown; bucketKeyEnabled?: unknown };

/** The same rule in every resource shape the policy reads, as the engine sends each. */
const SHAPES: { shape: string; type: string; props: (rule: Rule) => Record<string, unknown> }[] = [
  {
    shape: "v7 BucketServerSideEncryptionConfiguration",
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    props: ({ bucketKeyEnabled, ...byDefault }) => ({ bucket: "logs", rules: [{ applyServerSideEncryptionByDefault: byDefault, ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }) }] }),
  },
  {
    shape: "v6 BucketServerSideEncryptionConfigurationV2 (list-shaped default)",
    type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    props: ({ bucketKeyEnabled, ...byDefault }) => ({ bucket: "logs", rules: [{ applyServerSideEncryptionByDefault: [byDefault], ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }) }] }),
  },
  {
    shape: "aws:s3/bucket:Bucket inline serverSideEncryptionConfiguration",
    type: "aws:s3/bucket:Bucket",
    props: ({ bucketKeyEnabled, ...byDefault }) => ({ bucket: "logs", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: byDefault, ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }) } } }),
  },
  {
    shape: "v6 BucketV2 inline serverSideEncryptionConfigurations",
    type: "aws:s3/bucketV2:BucketV2",
    props: ({ bucketKeyEnabled, ...byDefault }) => ({ bucket: "logs", serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [byDefault], ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }) }] }] }),
  },
  {
    shape: "aws-native:s3:Bucket bucketEncryption",
    type: "aws-native:s3:Bucket",
    props: ({ bucketKeyEnabled, ...byDefault }) => ({ bucketName: "logs", bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault, ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }) }] } }),
  },
];

const run = (type: string, props: Record<string, unknown>, config: object = {}) =>
  runResourcePolicy(s3BucketKeysEnabled, { type, props, name: "logs-encryption" }, config);

describe("s3-bucket-keys-enabled", () => {
  describe.each(SHAPES)("on $shape", ({ type, props }) => {
    it("passes aws:kms with bucketKeyEnabled true", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY, bucketKeyEnabled: true }));
      expect(result.violations).toEqual([]);
    });

    it("flags SSE-S3 as not using KMS at all", async () => {
      const result = await run(type, props({ sseAlgorithm: "AES256" }));
      expect(messages(result, "mandatory")).toEqual([expect.stringContaining('uses SSE-S3 (sseAlgorithm "AES256"), which never calls KMS, so Bucket Keys can\'t apply')]);
    });

    it("flags DSSE-KMS as not supporting Bucket Keys", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY, bucketKeyEnabled: true }));
      expect(messages(result, "mandatory")).toEqual([expect.stringContaining('uses DSSE-KMS (sseAlgorithm "aws:kms:dsse"), which doesn\'t support Bucket Keys')]);
    });

    it("flags aws:kms with bucketKeyEnabled false", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY, bucketKeyEnabled: false }));
      expect(messages(result, "mandatory")).toEqual([expect.stringContaining('uses SSE-KMS ("aws:kms") with bucketKeyEnabled=false. Set bucketKeyEnabled: true')]);
    });

    it("flags aws:kms without bucketKeyEnabled", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms" }));
      expect(messages(result, "mandatory")).toEqual([expect.stringContaining("with bucketKeyEnabled=absent")]);
    });

    it("reads a secret KMS key id like a plain one", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: wireSecret(KEY), bucketKeyEnabled: true }));
      expect(result.violations).toEqual([]);
    });

    it("turns an unknown bucketKeyEnabled (preview) into an advisory note instead of an unhandled unknown read", async () => {
      const result = await run(type, props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: WIRE_UNKNOWN, bucketKeyEnabled: WIRE_UNKNOWN }));
      expect(result.unknownReads).toEqual([]);
      expect(messages(result, "mandatory")).toEqual([]);
      expect(messages(result, "advisory")).toEqual([expect.stringContaining("bucketKeyEnabled is not known until apply")]);
    });

    it("still flags SSE-S3 when the key id is unknown", async () => {
      const result = await run(type, props({ sseAlgorithm: "AES256", kmsMasterKeyId: WIRE_UNKNOWN }));
      expect(messages(result, "mandatory")).toHaveLength(1);
    });

    it("sets bucketKeyEnabled true by remediation when the algorithm is aws:kms", async () => {
      const fixed = await runRemediation(s3BucketKeysEnabled, { type, props: props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY, bucketKeyEnabled: false }) });
      expect(fixed).toEqual(props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY, bucketKeyEnabled: true }));
    });

    it("leaves SSE-S3 and DSSE-KMS rules to a person (no remediation)", async () => {
      expect(await runRemediation(s3BucketKeysEnabled, { type, props: props({ sseAlgorithm: "AES256" }) })).toBeUndefined();
      expect(await runRemediation(s3BucketKeysEnabled, { type, props: props({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY }) })).toBeUndefined();
    });

    it("keeps secrets secret and unknowns unknown when it remediates", async () => {
      const fixed = await runRemediation(s3BucketKeysEnabled, { type, props: props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: wireSecret(WIRE_UNKNOWN) }) });
      expect(fixed).toEqual(props({ sseAlgorithm: "aws:kms", kmsMasterKeyId: wireSecret(WIRE_UNKNOWN), bucketKeyEnabled: true }));
    });
  });

  it("reads aws-native's older sSEAlgorithm/kMSMasterKeyID spelling", async () => {
    const props = { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sSEAlgorithm: "aws:kms", kMSMasterKeyID: KEY } }] } };
    const result = await run("aws-native:s3:Bucket", props);
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("bucketKeyEnabled=absent")]);
  });

  it("flags a rule without a default algorithm (S3 then applies SSE-S3)", async () => {
    const result = await run("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { bucket: "logs", rules: [{ bucketKeyEnabled: true }] });
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("sets no default encryption algorithm")]);
  });

  it("flags an encryption configuration without rules", async () => {
    const result = await run("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { bucket: "logs", rules: [] });
    expect(messages(result, "mandatory")).toEqual([expect.stringContaining("declares rules without an encryption rule")]);
  });

  it("names the encryption resource, its bucket and the rule in the message", async () => {
    const result = await run("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
      bucket: "logs",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: false }],
    });
    expect(messages(result)[0]).toMatch(/^encryption configuration 'logs-encryption' of bucket 'logs' \(rules\[0\]\) uses SSE-KMS/);
  });

  it("names the bucket as not known yet when the encryption resource's bucket is unknown", async () => {
    const result = await run("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
      bucket: WIRE_UNKNOWN,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    expect(result.unknownReads).toEqual([]);
    expect(messages(result)[0]).toContain("of bucket '(not known until apply)'");
  });

  it("treats wholly unknown rules as an advisory note", async () => {
    const result = await run("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { bucket: "logs", rules: WIRE_UNKNOWN });
    expect(messages(result, "mandatory")).toEqual([]);
    expect(messages(result, "advisory")).toEqual([expect.stringContaining("rules is not known until apply")]);
  });

  it("has nothing to say about a bucket without inline encryption (the coverage policy decides)", async () => {
    const result = await run("aws:s3/bucket:Bucket", { bucket: "logs" });
    expect(result.violations).toEqual([]);
  });

  it("is not applicable to other resource types", async () => {
    const result = await run("aws:s3/bucketPolicy:BucketPolicy", { bucket: "logs" });
    expect(result.notApplicable).toBe("Policy only applies to S3 buckets and bucket encryption configurations");
  });

  it("reports an exempted bucket (by name) as advisory with the reason instead of failing", async () => {
    const config = { exemptions: [{ bucket: "logs", reason: "CNSA requires dual-layer encryption" }] };
    const result = await run("aws:s3/bucket:Bucket", { bucket: "logs", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } } } }, config);
    expect(result.violations).toEqual([
      { message: "bucket 'logs' is exempt from s3-bucket-keys-enabled: CNSA requires dual-layer encryption", urn: undefined, enforcementLevel: "advisory" },
    ]);
  });

  it("exempts by URN and does not remediate an exempted resource", async () => {
    const urn = urnOf("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "legacy");
    const config = { exemptions: [{ urn, reason: "owned by the data team" }] };
    const resource = {
      type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      name: "legacy",
      urn,
      props: { bucket: "legacy", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
    };
    expect(messages(await runResourcePolicy(s3BucketKeysEnabled, resource, config), "advisory")).toEqual([expect.stringContaining("owned by the data team")]);
    expect(await runRemediation(s3BucketKeysEnabled, resource, config)).toBeUndefined();
  });

  it("rejects malformed config naming the field and the fix", async () => {
    const bad = run("aws:s3/bucket:Bucket", { bucket: "logs" }, { exemptions: [{ bucket: "logs" }] });
    await expect(bad).rejects.toThrow(PolicyConfigError);
    await expect(bad).rejects.toThrow(
      "policy 's3-bucket-keys-enabled': invalid config: exemptions[0].reason: Invalid input: expected string, received undefined. Fix this policy's entry",
    );
  });

  it("rejects an exemption that names neither a bucket nor a URN", async () => {
    await expect(run("aws:s3/bucket:Bucket", { bucket: "logs" }, { exemptions: [{ reason: "why" }] })).rejects.toThrow(
      'exemptions[0]: an exemption names its bucket with "bucket" (the S3 name) or "urn"',
    );
  });
});
