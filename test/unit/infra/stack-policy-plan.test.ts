import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../infra/config/parse-stack-config.ts";
import { PolicyQuotaError } from "../../../infra/iam/policy-quota-error.ts";
import { batchRoleName, planStackPolicies } from "../../../infra/iam/stack-policy-plan.ts";

const TARGET = { partition: "aws", accountId: "123456789012", region: "us-east-1", namePrefix: "bucket-keys-prod" };
const bucket = (index: number) => `acme-${String(index).padStart(4, "0")}-${"x".repeat(53)}`;

function config(count: number, extra: Record<string, unknown> = {}) {
  const raw: Record<string, unknown> = {
    buckets: Array.from({ length: count }, (_, index) => ({ name: bucket(index) })),
    kms: { create: true },
    github: { repository: "acme/infra", createOidcProvider: true, apply: { ref: "refs/heads/main" } },
    ...extra,
  };
  return parseStackConfig("bucket-keys", Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, JSON.stringify(value)])));
}

describe("planStackPolicies", () => {
  it("gives a small fleet one Batch role and names every bucket in the reports bucket and key policies", () => {
    const plan = planStackPolicies(config(5), TARGET);
    expect(plan.batchRoles.map((role) => [role.roleName, role.roleArn, role.buckets.length])).toEqual([["bucket-keys-prod-batch", "arn:aws:iam::123456789012:role/bucket-keys-prod-batch", 5]]);
    expect([plan.reportsInventorySources, plan.keyInventorySources]).toEqual(["listed-buckets", "listed-buckets"]);
  });

  it("stops naming buckets in the reports bucket policy before the key policy, each when its own quota would be passed", () => {
    const middle = planStackPolicies(config(300), TARGET);
    expect([middle.reportsInventorySources, middle.keyInventorySources]).toEqual(["account-buckets", "listed-buckets"]);
    const large = planStackPolicies(config(1_000), TARGET);
    expect([large.reportsInventorySources, large.keyInventorySources]).toEqual(["account-buckets", "account-buckets"]);
  });

  it("adds Batch roles named <prefix>-batch-2, -3 ... for 1,000 buckets of 63 characters, each bucket in exactly one", () => {
    const plan = planStackPolicies(config(1_000), TARGET);
    expect(plan.batchRoles.map((role) => role.roleName)).toEqual(["bucket-keys-prod-batch", "bucket-keys-prod-batch-2"]);
    expect(plan.batchRoles.flatMap((role) => role.buckets)).toEqual(Array.from({ length: 1_000 }, (_, index) => bucket(index)));
    expect(batchRoleName("p", 2)).toBe("p-batch-3");
  });

  it("fits 1,000 buckets in one Batch role once the account allows 20 managed policies per role", () => {
    expect(planStackPolicies(config(1_000, { quotas: { managedPoliciesPerRole: 20 } }), TARGET).batchRoles).toHaveLength(1);
  });

  it("lists every document over its quota at once", () => {
    const keys = Array.from({ length: 150 }, (_, index) => `arn:aws:kms:us-east-1:123456789012:key/${String(index).padStart(8, "0")}-1111-2222-3333-444444444444`);
    const subjects = Array.from({ length: 60 }, (_, index) => `ref:refs/heads/release-${index}`);
    let error: unknown;
    try {
      planStackPolicies(config(2, { kms: { create: true, sourceKeyArns: keys }, github: { repository: "acme/infra", createOidcProvider: true, plannerSubjects: subjects, apply: { ref: "refs/heads/main" } } }), TARGET);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyQuotaError);
    expect((error as PolicyQuotaError).problems.map((problem) => [problem.document, problem.quota])).toEqual([
      ["inline policies of Batch Operations role 'bucket-keys-prod-batch'", "IAM role policy size (all inline policies of a role together)"],
      ["trust policy of role 'bucket-keys-prod-planner'", "IAM role trust policy length"],
    ]);
  });
});
