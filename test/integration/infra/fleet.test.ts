/**
 * A fleet in one stack: 1,000 buckets with 63-character names (the longest S3 allows), run through
 * the program under the mock engine. Every generated document must fit its AWS quota, every bucket's
 * objects must be granted to exactly one Batch role, the policy pack must pass the new shapes, and a
 * configuration that cannot fit must fail the preview naming the quota, the document and its size.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BATCH_ROLE_TARGET_KEY_ACTIONS } from "../../../action/contracts/batch-permissions.ts";
import { EngineSession, type EngineResource } from "../../helpers/policy-engine.ts";
import { DEFAULT_STACK, startPolicyPack, type PolicyPackProcess } from "../../helpers/policy-pack-process.ts";
import { mockResourceState } from "../../helpers/pulumi-mock-aws.ts";
import { MOCK_ACCOUNT_ID, ProgramRunError, readPulumiProject, readStackConfig, runProgram, type ProgramRun, type RecordedResource } from "../../helpers/pulumi-program.ts";
import { parsePolicy, statement, unscopedResources, wildcardActions } from "../../unit/infra/iam-assertions.ts";
import { TYPES, ofType, one } from "./stack-assertions.ts";

const FLEET_SIZE = 1_000;
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

/** `acme-fleet-0001-xxxx…` padded to 63 characters. */
function fleetBucket(index: number): string {
  const name = `acme-fleet-${String(index).padStart(4, "0")}-`;
  return `${name}${"data".repeat(20)}`.slice(0, 62) + "z";
}

function fleetConfig(change: (config: Record<string, any>) => void = () => {}): { config: Record<string, unknown> } {
  const config = structuredClone(readStackConfig("dev")) as Record<string, any>;
  config["bucket-keys:buckets"] = Array.from({ length: FLEET_SIZE }, (_, index) => ({ name: fleetBucket(index), versioned: index % 2 === 0 }));
  change(config);
  return { config };
}

/** Size as IAM counts it: characters other than whitespace. */
const iamSize = (text: unknown) => String(text).replace(/\s/g, "").length;
const bytes = (text: unknown) => Buffer.byteLength(String(text), "utf8");

async function failureOf(stack: Parameters<typeof runProgram>[0]): Promise<ProgramRunError> {
  try {
    await runProgram(stack, { preview: true, timeoutMs: 120_000 });
  } catch (error) {
    if (error instanceof ProgramRunError) return error;
    throw error;
  }
  throw new Error("expected the preview to fail");
}

describe(`a stack of ${FLEET_SIZE} buckets with 63-character names`, () => {
  let run: ProgramRun;
  const buckets = Array.from({ length: FLEET_SIZE }, (_, index) => fleetBucket(index));
  const roles = () => ofType(run.resources, TYPES.role).filter((role) => String(role.inputs["name"]).includes("-batch"));
  const byParent = (type: string, role: RecordedResource) => ofType(run.resources, type).filter((resource) => resource.parent === role.parent);

  beforeAll(async () => {
    expect(new Set(buckets).size).toBe(FLEET_SIZE);
    for (const bucket of buckets) expect(bucket).toHaveLength(63);
    run = await runProgram(fleetConfig(), { stackName: "fleet", timeoutMs: 170_000 });
  }, 180_000);

  it("declares every bucket and logs no warning or error", () => {
    expect(ofType(run.resources, TYPES.inventory)).toHaveLength(FLEET_SIZE);
    expect(run.logs.filter((entry) => entry.severity === "warning" || entry.severity === "error")).toEqual([]);
  });

  it("keeps every Batch role within IAM's quotas: trust 2,048, inline 10,240 in total, managed 6,144 each, 10 attached", () => {
    expect(roles().length).toBeGreaterThan(1);
    for (const role of roles()) {
      const inline = byParent(TYPES.rolePolicy, role);
      const managed = byParent(POLICY, role);
      expect(iamSize(role.inputs["assumeRolePolicy"])).toBeLessThanOrEqual(2_048);
      expect(inline.reduce((sum, policy) => sum + iamSize(policy.inputs["policy"]), 0)).toBeLessThanOrEqual(10_240);
      for (const policy of managed) expect({ policy: policy.name, size: iamSize(policy.inputs["policy"]) <= 6_144 }).toEqual({ policy: policy.name, size: true });
      expect(byParent(ATTACHMENT, role)).toHaveLength(managed.length);
      expect(managed.length).toBeLessThanOrEqual(10);
    }
  });

  it("grants the objects of every bucket to exactly one Batch role, the one the outputs name for it", () => {
    const granted = new Map<string, string[]>();
    for (const role of roles()) {
      const documents = [...byParent(TYPES.rolePolicy, role), ...byParent(POLICY, role)].map((policy) => parsePolicy(policy.inputs["policy"]));
      for (const document of documents) {
        for (const s of document.Statement.filter((s) => s.Sid === "UpdateOrCopyObjectsOfManagedBuckets")) {
          for (const resource of s.Resource ?? []) granted.set(resource, [...(granted.get(resource) ?? []), String(role.inputs["name"])]);
        }
      }
    }
    expect([...granted.keys()].sort()).toEqual(buckets.map((bucket) => `arn:aws:s3:::${bucket}/*`).sort());
    expect([...granted.values()].filter((names) => names.length !== 1)).toEqual([]);
    const outputs = run.outputs["batchOperationsRoles"] as { roleArn: string; buckets: string[] }[];
    expect(outputs.flatMap((role) => role.buckets)).toEqual(buckets);
    for (const role of outputs) {
      for (const bucket of role.buckets) expect(`arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${granted.get(`arn:aws:s3:::${bucket}/*`)?.[0]}`).toBe(role.roleArn);
    }
  });

  it("gives every Batch role the KMS, manifest and report statements in its inline policy", () => {
    for (const role of roles()) {
      const inline = parsePolicy(one(byParent(TYPES.rolePolicy, role), TYPES.rolePolicy).inputs["policy"]);
      expect(statement(inline, "EncryptWithTargetKey").Action).toEqual([...BATCH_ROLE_TARGET_KEY_ACTIONS]);
      expect(inline.Statement.map((s) => s.Sid)).toEqual(expect.arrayContaining(["ReadJobManifests", "WriteCompletionReports"]));
    }
  });

  it("lets the executor pass every Batch role, and keeps the GitHub roles within IAM's quotas", () => {
    const executor = one(run.resources, TYPES.rolePolicy, (policy) => policy.name === "github-executor-policy");
    expect(statement(parsePolicy(executor.inputs["policy"]), "PassBatchRoleToBatchOperationsOnly").Resource).toEqual(roles().map((role) => `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${String(role.inputs["name"])}`));
    for (const name of ["github-planner-policy", "github-executor-policy"]) expect(iamSize(one(run.resources, TYPES.rolePolicy, (p) => p.name === name).inputs["policy"])).toBeLessThanOrEqual(10_240);
  });

  it("keeps the reports bucket policy under 20 KB by allowing inventory delivery from this account's buckets instead of naming each", () => {
    const policy = one(run.resources, TYPES.bucketPolicy).inputs["policy"];
    expect(bytes(policy)).toBeLessThanOrEqual(20_480);
    const delivery = statement(parsePolicy(policy), "AllowInventoryDeliveryFromBucketsOfThisAccount");
    expect(delivery.Condition).toEqual({
      ArnLike: { "aws:SourceArn": ["arn:aws:s3:::*"] },
      StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID, "s3:x-amz-acl": "bucket-owner-full-control" },
    });
    expect(delivery.Resource).toEqual([`arn:aws:s3:::${String(run.outputs["reportsBucket"])}/inventory/*`]);
  });

  it("keeps the key policy under 32 KB, still limited to this account", () => {
    const policy = one(run.resources, TYPES.key).inputs["policy"];
    expect(bytes(policy)).toBeLessThanOrEqual(32_768);
    expect(statement(parsePolicy(policy), "AllowS3ToEncryptInventoryReports").Condition?.["StringEquals"]).toEqual({ "aws:SourceAccount": MOCK_ACCOUNT_ID });
  });

  it("writes no document with a wildcard action or an unscoped resource", () => {
    const documents = [
      ...ofType(run.resources, TYPES.rolePolicy).map((r) => r.inputs["policy"]),
      ...ofType(run.resources, POLICY).map((r) => r.inputs["policy"]),
      ...ofType(run.resources, TYPES.role).map((r) => r.inputs["assumeRolePolicy"]),
    ].map(parsePolicy);
    for (const document of documents) {
      expect(wildcardActions(document)).toEqual([]);
      expect(unscopedResources(document, { unscopableActions: ["s3:CreateJob", "s3:ListJobs"] })).toEqual([]);
    }
  });

  it("hands the Action each role with its buckets in the with: block", () => {
    const block = parseYaml(String(run.outputs["actionWith"])) as { with: Record<string, string> };
    const lines = String(block.with["batch-role-arn"]).trim().split("\n").map((line) => line.trim());
    expect(lines.filter((line) => line.startsWith("arn:"))).toEqual((run.outputs["batchOperationsRoles"] as { roleArn: string }[]).map((role) => role.roleArn));
    expect(lines.filter((line) => !line.startsWith("arn:"))).toEqual(buckets);
    // Each input is one environment variable of the Action's process: Linux caps one at 128 KiB.
    for (const [name, value] of Object.entries(block.with)) expect({ name, fits: String(value).length < 128 * 1024 }).toEqual({ name, fits: true });
    expect(block.with["inventory"]).toBe(`s3://${String(run.outputs["reportsBucket"])}/inventory/`);
  });

  describe("under the policy pack", () => {
    let pack: PolicyPackProcess;
    beforeAll(async () => {
      pack = await startPolicyPack({ ...DEFAULT_STACK, stack: "fleet" });
    });
    afterAll(() => pack?.stop());

    it("passes the Batch role checks (AnalyzeStack) for roles split into inline and managed policies", async () => {
      const engine = new EngineSession(pack.client);
      await engine.configureStack({ ...DEFAULT_STACK, stack: "fleet", dryRun: false });
      const { policies } = await engine.getAnalyzerInfo();
      await engine.configure(policies, {});
      const options = { project: readPulumiProject().name, stack: "fleet", accountId: MOCK_ACCOUNT_ID, region: "us-east-1" };
      const resources: EngineResource[] = run.resources.map((resource) => ({
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: resource.custom ? (({ id, state }) => ({ ...state, id }))(mockResourceState(options, resource.type, resource.name, resource.inputs)) : {},
        ...(resource.parent ? { parent: resource.parent } : {}),
      }));
      const result = await engine.analyzeStack(resources);
      expect(result.diagnostics.map((d) => `${d.policyName}: ${d.message}`)).toEqual([]);
    }, 60_000);
  });
});

describe("a stack whose documents cannot fit", () => {
  it("fails the preview naming the quota, the document and its size when the Batch role's fixed statements are too big", async () => {
    const keys = Array.from({ length: 150 }, (_, index) => `arn:aws:kms:us-east-1:123456789012:key/${String(index).padStart(8, "0")}-1111-2222-3333-444444444444`);
    const failure = await failureOf(fleetConfig((c) => (c["bucket-keys:kms"] = { create: true, sourceKeyArns: keys })));
    expect(failure.message).toMatch(/^Generated policies would exceed AWS quotas \(\d+ documents?\):\n  inline policies of Batch Operations role 'bucket-keys-test-batch': [\d,]+ characters, whitespace not counted, over the IAM role policy size \(all inline policies of a role together\) quota of 10,240 \(IAM and AWS STS quotas/);
    expect(failure.message).toContain("list fewer kms.sourceKeyArns");
    expect(failure.resources.map((resource) => resource.type)).toEqual([TYPES.stack]);
  });

  it("fails the preview when the planner trusts more subjects than the trust policy quota holds, and passes once the quota is raised", async () => {
    const subjects = Array.from({ length: 60 }, (_, index) => `ref:refs/heads/release-${index}`);
    const failure = await failureOf({ config: { ...fleetConfig().config, "bucket-keys:buckets": [{ name: "acme-one" }], "bucket-keys:github": { ...(readStackConfig("dev")["bucket-keys:github"] as object), plannerSubjects: subjects } } });
    expect(failure.message).toMatch(/trust policy of role 'bucket-keys-test-planner': [\d,]+ characters, whitespace not counted, over the IAM role trust policy length quota of 2,048/);
    const raised = await runProgram(
      { config: { ...fleetConfig().config, "bucket-keys:buckets": [{ name: "acme-one" }], "bucket-keys:github": { ...(readStackConfig("dev")["bucket-keys:github"] as object), plannerSubjects: subjects }, "bucket-keys:quotas": { roleTrustPolicyChars: 4096 } } },
      { preview: true },
    );
    expect(ofType(raised.resources, TYPES.role).length).toBeGreaterThan(0);
  });
});


