/**
 * The policy pack as the Pulumi CLI runs it: started through @pulumi/pulumi/cmd/run-policy-pack from
 * the pack folder, port read from stdout, driven over the Analyzer gRPC service with requests built
 * like the engine's (protobuf Structs with unknown and secret sentinels).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineSession, type EngineResource, type PolicyInfo } from "../../helpers/policy-engine.ts";
import { DEFAULT_STACK, startPolicyPack, type PolicyPackProcess } from "../../helpers/policy-pack-process.ts";
import { WIRE_UNKNOWN, urnOf, wireSecret } from "../../helpers/policy-wire.ts";
import { BAD_STACK, SSE, badEncryption } from "./fixtures.ts";
import { renderSample } from "./sample-output.ts";

const require = createRequire(import.meta.url);

async function startSession(): Promise<{ pack: PolicyPackProcess; engine: EngineSession; policies: PolicyInfo[] }> {
  const pack = await startPolicyPack();
  const engine = new EngineSession(pack.client);
  await engine.configureStack(DEFAULT_STACK);
  const { policies } = await engine.getAnalyzerInfo();
  return { pack, engine, policies };
}

describe("policy pack over the Analyzer protocol", () => {
  let pack: PolicyPackProcess;
  let engine: EngineSession;
  let policies: PolicyInfo[];

  beforeAll(async () => {
    ({ pack, engine, policies } = await startSession());
    await engine.configure(policies);
  });
  afterAll(() => pack?.stop());

  it("answers Handshake as unimplemented, which the CLI accepts and falls back from", async () => {
    await expect(engine.handshake()).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
  });

  it("GetAnalyzerInfo names the pack, its version from policies/package.json, and every policy with its level and config schema", async () => {
    const info = await engine.getAnalyzerInfo();
    expect(info).toMatchObject({ name: "s3-bucket-keys", version: require("../../../policies/package.json").version, supportsConfig: true });
    expect(info.policies.map(({ name, type, enforcementLevel }) => ({ name, type, enforcementLevel }))).toEqual([
      { name: "s3-bucket-keys-enabled", type: "resource", enforcementLevel: "mandatory" },
      { name: "s3-every-bucket-covered", type: "stack", enforcementLevel: "mandatory" },
      { name: "s3-inventory-for-plan-engine", type: "stack", enforcementLevel: "advisory" },
      { name: "batch-operations-role", type: "stack", enforcementLevel: "mandatory" },
      { name: "kms-key-rotation", type: "stack", enforcementLevel: "advisory" },
    ]);
    const coverage = info.policies.find((policy) => policy.name === "s3-every-bucket-covered");
    expect(coverage?.configSchema?.properties.exemptions).toMatchObject({ type: "array", default: [] });
    const batch = info.policies.find((policy) => policy.name === "batch-operations-role");
    expect(batch?.configSchema?.properties.requiredKmsActions).toMatchObject({ default: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"] });
  });

  it("GetPluginInfo reports the @pulumi/policy version serving the pack", async () => {
    expect(await engine.getPluginVersion()).toMatch(/\d+\.\d+\.\d+/);
  });

  it("Analyze returns a mandatory diagnostic for an encryption rule without Bucket Keys", async () => {
    const result = await engine.analyze(badEncryption("logs-encryption", "logs", "AES256"));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        policyName: "s3-bucket-keys-enabled",
        policyPackName: "s3-bucket-keys",
        enforcementLevel: "mandatory",
        message: expect.stringContaining("encryption configuration 'logs-encryption' of bucket 'logs' (rules[0]) uses SSE-S3"),
      }),
    ]);
  });

  it("Analyze during preview gives the policy's own advisory note for unknown values, not the generic \"can't run\"", async () => {
    const preview: EngineResource = {
      type: SSE,
      name: "new-encryption",
      props: { bucket: WIRE_UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: WIRE_UNKNOWN }, bucketKeyEnabled: WIRE_UNKNOWN }] },
    };
    const result = await engine.analyze(preview);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ enforcementLevel: "advisory", message: expect.stringContaining("bucketKeyEnabled is not known until apply") }),
    ]);
    expect(result.diagnostics[0]?.message).not.toContain("can't run");
  });

  it("Analyze passes a compliant rule and marks the resource policy not applicable to other types", async () => {
    expect((await engine.analyze(badEncryption("ok", "logs", "aws:kms", true))).diagnostics).toEqual([]);
    const other = await engine.analyze({ type: "aws:sqs/queue:Queue", name: "q", props: {} });
    expect(other.notApplicable).toContainEqual({ policyName: "s3-bucket-keys-enabled", reason: "Policy only applies to S3 buckets and bucket encryption configurations" });
  });

  it("AnalyzeStack reports every stack policy's findings on the resources at fault", async () => {
    const result = await engine.analyzeStack(BAD_STACK);
    const summary = result.diagnostics.map(({ policyName, enforcementLevel, urn }) => ({ policyName, enforcementLevel, urn }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { policyName: "s3-every-bucket-covered", enforcementLevel: "mandatory", urn: urnOf("aws:s3/bucket:Bucket", "uploads") },
        { policyName: "s3-inventory-for-plan-engine", enforcementLevel: "advisory", urn: urnOf("aws:s3/inventory:Inventory", "uploads-inventory") },
        { policyName: "batch-operations-role", enforcementLevel: "mandatory", urn: urnOf("aws:iam/role:Role", "batch") },
        { policyName: "kms-key-rotation", enforcementLevel: "advisory", urn: urnOf("aws:kms/key:Key", "bucket-keys") },
      ]),
    );
    expect(result.diagnostics).toHaveLength(5);
  });

  it("AnalyzeStack during preview matches a new bucket to its encryption through property dependencies", async () => {
    const bucketUrn = urnOf("aws:s3/bucket:Bucket", "new");
    const keyUrn = urnOf("aws:kms/key:Key", "new-key");
    const preview: EngineResource[] = [
      { type: "aws:s3/bucket:Bucket", name: "new", props: { bucket: WIRE_UNKNOWN, id: WIRE_UNKNOWN, arn: WIRE_UNKNOWN, serverSideEncryptionConfiguration: WIRE_UNKNOWN } },
      { type: "aws:kms/key:Key", name: "new-key", props: { arn: WIRE_UNKNOWN, keyId: WIRE_UNKNOWN, enableKeyRotation: false } },
      {
        type: SSE,
        name: "new-encryption",
        props: { bucket: WIRE_UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: WIRE_UNKNOWN }, bucketKeyEnabled: true }] },
        propertyDependencies: { bucket: [bucketUrn], rules: [keyUrn] },
      },
    ];
    const result = await engine.analyzeStack(preview);
    expect(result.diagnostics.map(({ policyName, enforcementLevel, urn }) => ({ policyName, enforcementLevel, urn }))).toEqual([
      { policyName: "kms-key-rotation", enforcementLevel: "advisory", urn: keyUrn },
    ]);
    expect(result.diagnostics[0]?.message).toContain("KMS key 'new-key' encrypts bucket 'new'");
  });

  it.each(["docs/policies.md", "README.md"])("reports exactly the sample output %s shows", async (file) => {
    const doc = readFileSync(new URL(`../../../${file}`, import.meta.url), "utf8");
    const sample = /<!-- sample-output:start -->\n```text\n([\s\S]*?)\n```\n<!-- sample-output:end -->/.exec(doc)?.[1];
    expect(sample).toBe(await renderSample(engine));
  });
});

describe("policy pack configured over the Analyzer protocol", () => {
  let pack: PolicyPackProcess;
  let engine: EngineSession;
  let policies: PolicyInfo[];

  beforeAll(async () => ({ pack, engine, policies } = await startSession()));
  afterAll(() => pack?.stop());

  it("Configure applies enforcement levels and exemptions, and the exemption's reason shows in the output", async () => {
    await engine.configure(policies, {
      "s3-every-bucket-covered": { exemptions: [{ bucket: "uploads", reason: "vendor bucket, SSE-S3 by contract" }] },
      "batch-operations-role": { enforcementLevel: "advisory" },
      "kms-key-rotation": { enforcementLevel: "disabled" },
    });
    const result = await engine.analyzeStack(BAD_STACK);
    const byPolicy = (name: string) => result.diagnostics.filter((d) => d.policyName === name);
    expect(byPolicy("s3-every-bucket-covered")).toEqual([
      expect.objectContaining({ enforcementLevel: "advisory", message: "bucket 'uploads' is exempt from s3-every-bucket-covered: vendor bucket, SSE-S3 by contract" }),
    ]);
    expect(byPolicy("batch-operations-role").map((d) => d.enforcementLevel)).toEqual(["advisory", "advisory"]);
    expect(byPolicy("kms-key-rotation")).toEqual([]);
  });

  it("Remediate returns the fixed properties, keeping secrets and unknowns, when the Bucket Keys policy remediates", async () => {
    await engine.configure(policies, { "s3-bucket-keys-enabled": { enforcementLevel: "remediate" } });
    const resource: EngineResource = {
      type: SSE,
      name: "logs-encryption",
      props: { bucket: "logs", expectedBucketOwner: wireSecret("111122223333"), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: WIRE_UNKNOWN }, bucketKeyEnabled: false }] },
    };
    expect(await engine.remediate(resource)).toEqual([
      {
        policyName: "s3-bucket-keys-enabled",
        properties: { ...resource.props, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: WIRE_UNKNOWN }, bucketKeyEnabled: true }] },
      },
    ]);
    expect(await engine.remediate(badEncryption("sse-s3", "logs", "AES256"))).toEqual([]);
  });

  it("rejects malformed config with a message naming the policy and field, without a JS stack", async () => {
    await engine.configure(policies, { "s3-every-bucket-covered": { exemptions: [{ bucket: "uploads", reason: 42 }] } });
    const failure = engine.analyzeStack(BAD_STACK);
    await expect(failure).rejects.toMatchObject({
      details: expect.stringContaining("policy 's3-every-bucket-covered': invalid config: exemptions[0].reason: Invalid input: expected string, received number"),
    });
    await expect(failure).rejects.toMatchObject({ details: expect.not.stringMatching(/\n\s+at /) });
  });
});
