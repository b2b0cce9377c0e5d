/**
 * The project's own Pulumi program passes the pack: every resource the example stacks register
 * (run under the mock engine by test/helpers/pulumi-program.ts) goes through Analyze with its inputs
 * and through AnalyzeStack with its outputs, as `pulumi up --policy-pack policies
 * --policy-pack-config policies/config/<stack>.json` would send them (prod makes every policy mandatory).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineSession, type Diagnostic, type EngineResource, type PolicyInfo } from "../../helpers/policy-engine.ts";
import { DEFAULT_STACK, POLICIES_DIR, startPolicyPack, type PolicyPackProcess } from "../../helpers/policy-pack-process.ts";
import { mockResourceState } from "../../helpers/pulumi-mock-aws.ts";
import { MOCK_ACCOUNT_ID, readPulumiProject, readStackConfig, runProgram } from "../../helpers/pulumi-program.ts";

const STACKS = ["dev", "prod"] as const;

/** Outputs as the engine holds them after `pulumi up`: the provider's state (the mock's), with the id. */
function withOutputs(stack: string, resources: Awaited<ReturnType<typeof runProgram>>["resources"]): EngineResource[] {
  const region = readStackConfig(stack)["aws:region"];
  const options = { project: readPulumiProject().name, stack, accountId: MOCK_ACCOUNT_ID, region: typeof region === "string" ? region : "us-east-1" };
  return resources.map((resource) => {
    const props = resource.custom ? (({ id, state }) => ({ ...state, id }))(mockResourceState(options, resource.type, resource.name, resource.inputs)) : {};
    return { type: resource.type, name: resource.name, urn: resource.urn, props, ...(resource.parent ? { parent: resource.parent } : {}) };
  });
}

function describeDiagnostics(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `[${d.enforcementLevel}] ${d.policyName} ${d.urn}: ${d.message}`);
}

describe.each(STACKS)("the %s example stack under the policy pack", (stack) => {
  let pack: PolicyPackProcess;
  let engine: EngineSession;
  let policies: PolicyInfo[];
  let program: Awaited<ReturnType<typeof runProgram>>;

  beforeAll(async () => {
    [pack, program] = await Promise.all([startPolicyPack({ ...DEFAULT_STACK, stack }), runProgram(stack)]);
    engine = new EngineSession(pack.client);
    await engine.configureStack({ ...DEFAULT_STACK, stack, dryRun: false });
    ({ policies } = await engine.getAnalyzerInfo());
    await engine.configure(policies, JSON.parse(readFileSync(join(POLICIES_DIR, "config", `${stack}.json`), "utf8")));
  });
  afterAll(() => pack?.stop());

  it("declares the resources the policies look at", () => {
    const types = new Set(program.resources.map((resource) => resource.type));
    for (const type of ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/inventory:Inventory", "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:s3/bucket:Bucket"]) {
      expect(types).toContain(type);
    }
  });

  it("has no violation, advisory or mandatory, for any resource's inputs (Analyze)", async () => {
    const diagnostics: Diagnostic[] = [];
    for (const resource of program.resources.filter((r) => r.custom)) {
      const result = await engine.analyze({ type: resource.type, name: resource.name, urn: resource.urn, props: resource.inputs });
      diagnostics.push(...result.diagnostics);
    }
    expect(describeDiagnostics(diagnostics)).toEqual([]);
  });

  it("has no violation, advisory or mandatory, for the whole stack (AnalyzeStack)", async () => {
    const result = await engine.analyzeStack(withOutputs(stack, program.resources));
    expect(describeDiagnostics(result.diagnostics)).toEqual([]);
    expect(result.notApplicable).toEqual([]);
  });
});
