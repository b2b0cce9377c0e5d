import { describe, expect, it } from "vitest";
import { batchRolePermissions } from "../../../infra/iam/batch-role-policy.ts";
import { PolicyQuotaError } from "../../../infra/iam/policy-quota-error.ts";
import { documentSize } from "../../../infra/iam/policy-quotas.ts";
import { layoutRolePolicies, roleDocuments, type RolePermissions } from "../../../infra/iam/role-policy-layout.ts";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const permissions = batchRolePermissions({ partition: "aws", targetKeyArn: KEY, sourceKeyArns: [], reportsBucket: "acme-reports" });
const bucket = (index: number) => `acme-${String(index).padStart(4, "0")}-${"x".repeat(52)}`;
const buckets = (count: number) => Array.from({ length: count }, (_, index) => bucket(index));

describe("layoutRolePolicies", () => {
  it("keeps a small fleet in the inline policy alone", () => {
    expect(layoutRolePolicies(permissions, buckets(20), { managedPoliciesPerRole: 10 })).toEqual([{ inline: buckets(20), managed: [] }]);
  });

  it("fills the inline policy, then managed policies, then another role, keeping every document within its quota", () => {
    const layouts = layoutRolePolicies(permissions, buckets(1_000), { managedPoliciesPerRole: 10 });
    expect(layouts.length).toBe(2);
    expect(layouts[0]?.managed).toHaveLength(10);
    for (const layout of layouts) {
      const documents = roleDocuments(permissions, layout);
      expect(documentSize(documents.inline, "characters")).toBeLessThanOrEqual(10_240);
      for (const managed of documents.managed) expect(documentSize(managed, "characters")).toBeLessThanOrEqual(6_144);
    }
    expect(layouts.flatMap((layout) => [...layout.inline, ...layout.managed.flat()])).toEqual(buckets(1_000));
  });

  it("fills each document as far as its quota allows: one more bucket would not fit", () => {
    const [layout] = layoutRolePolicies(permissions, buckets(300), { managedPoliciesPerRole: 10 });
    const documents = roleDocuments(permissions, { inline: [...layout!.inline, bucket(9_999)], managed: [[...layout!.managed[0]!, bucket(9_998)]] });
    expect(documentSize(documents.inline, "characters")).toBeGreaterThan(10_240);
    expect(documentSize(documents.managed[0]!, "characters")).toBeGreaterThan(6_144);
  });

  it("puts more buckets in one role when the account allows more managed policies per role", () => {
    expect(layoutRolePolicies(permissions, buckets(1_000), { managedPoliciesPerRole: 20 })).toHaveLength(1);
  });

  it("changes only the last document when a bucket is added at the end", () => {
    const before = layoutRolePolicies(permissions, buckets(400), { managedPoliciesPerRole: 10 });
    const after = layoutRolePolicies(permissions, [...buckets(400), bucket(400)], { managedPoliciesPerRole: 10 });
    expect(after[0]?.inline).toEqual(before[0]?.inline);
    expect(after[0]?.managed.slice(0, -1)).toEqual(before[0]?.managed.slice(0, -1));
  });

  it("measures whatever the permissions hold: a longer action list leaves room for fewer buckets", () => {
    const wider: RolePermissions = { ...permissions, grants: permissions.grants.map((grant) => ({ ...grant, Action: [...grant.Action, "s3:GetObjectAcl", "s3:GetObjectVersionAcl", "s3:GetObjectAttributes"] })) };
    const [narrowLayout] = layoutRolePolicies(permissions, buckets(200), { managedPoliciesPerRole: 10 });
    const [wideLayout] = layoutRolePolicies(wider, buckets(200), { managedPoliciesPerRole: 10 });
    expect(wideLayout!.inline.length).toBeLessThan(narrowLayout!.inline.length);
  });

  it("moves every bucket to managed policies when the fixed statements fill the inline policy by themselves", () => {
    const huge: RolePermissions = { ...permissions, fixed: [{ Sid: "Huge", Effect: "Allow", Action: ["kms:Decrypt"], Resource: Array.from({ length: 200 }, (_, index) => `${KEY}${index}`) }] };
    expect(layoutRolePolicies(huge, buckets(3), { managedPoliciesPerRole: 1 })).toEqual([{ inline: [], managed: [buckets(3)] }]);
  });

  it("refuses, naming the quota, when one bucket's statements alone exceed a managed policy", () => {
    const wide: RolePermissions = { fixed: [], grants: [{ Sid: "Wide", Action: ["s3:GetObject"], resources: (name) => Array.from({ length: 400 }, (_, index) => `arn:aws:s3:::${name}/${index}/*`) }] };
    let error: unknown;
    try {
      layoutRolePolicies(wide, buckets(1), { managedPoliciesPerRole: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyQuotaError);
    expect((error as Error).message).toMatch(/the permissions for bucket 'acme-0000-x+' alone: [\d,]+ characters, whitespace not counted, over the IAM managed policy size quota of 6,144/);
  });
});
