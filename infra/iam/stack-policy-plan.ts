/**
 * Decides, before anything is declared, how every generated policy document of the stack fits AWS's
 * quotas: how many Batch Operations roles the fleet needs and which buckets each role's documents
 * hold, and whether the reports bucket policy and the key policy can name every managed bucket.
 * Values unknown until `pulumi up` (the created reports bucket's name, the created key's ARN) are
 * replaced by the longest value they can take, so the real documents are never bigger than the
 * ones checked here. Throws PolicyQuotaError naming every document that would still be over a quota,
 * which fails `pulumi preview`. Pure.
 */
import type { StackConfig } from "../config/parse-stack-config.ts";
import { batchRolePermissions, buildBatchRoleTrustPolicy } from "./batch-role-policy.ts";
import { assertWithinQuotas, bucketPolicyProblem, keyPolicyProblem, roleProblems } from "./document-checks.ts";
import { buildGitHubTrustPolicy, executorPermissions, githubSubjects, plannerPermissions } from "./github-role-policies.ts";
import { buildKmsKeyPolicy } from "./kms-key-policy.ts";
import { BUCKET_POLICY_QUOTA, KEY_POLICY_QUOTA, documentSize, type QuotaProblem } from "./policy-quotas.ts";
import type { PolicyDocument } from "./policy-document.ts";
import { buildReportsBucketPolicy, type InventorySourceScope } from "./reports-bucket-policy.ts";
import { layoutRolePolicies, roleDocuments, type RolePermissions, type RolePolicyLayout } from "./role-policy-layout.ts";

export interface StackTarget {
  partition: string;
  accountId: string;
  region: string;
  namePrefix: string;
}

export interface BatchRolePlan {
  roleName: string;
  roleArn: string;
  /** The buckets whose objects this role's jobs may change, in config order. */
  buckets: string[];
  layout: RolePolicyLayout;
}

export interface StackPolicyPlan {
  batchRoles: BatchRolePlan[];
  plannerLayout: RolePolicyLayout;
  executorLayout: RolePolicyLayout;
  /** For the reports bucket policy (ours, or the statements its owner must add). */
  reportsInventorySources: InventorySourceScope;
  /** For the key policy (ours, or the statement its owner must add). */
  keyInventorySources: InventorySourceScope;
}

/** The longest bucket name S3 allows: stands in for the reports bucket Pulumi will name. */
const LONGEST_BUCKET_NAME = "x".repeat(63);
/** Key ids are UUIDs (36 characters), multi-Region ones `mrk-` and 32 hex digits (also 36). */
const LONGEST_KEY_ID = "x".repeat(36);

/** `<prefix>-batch` for the first group of buckets, then `<prefix>-batch-2`, `-3`, ... */
export function batchRoleName(namePrefix: string, index: number): string {
  return index === 0 ? `${namePrefix}-batch` : `${namePrefix}-batch-${index + 1}`;
}

export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** `listed-buckets` when the document naming every bucket fits its quota, else `account-buckets`. */
function inventoryScope(build: (scope: InventorySourceScope) => PolicyDocument, limit: number): InventorySourceScope {
  return documentSize(build("listed-buckets"), "bytes") <= limit ? "listed-buckets" : "account-buckets";
}

function githubRoleLayout(label: string, permissions: RolePermissions, buckets: readonly string[], managedPoliciesPerRole: number, problems: QuotaProblem[]): RolePolicyLayout {
  const layouts = layoutRolePolicies(permissions, buckets, { managedPoliciesPerRole });
  if (layouts.length > 1) {
    problems.push({
      document: `policies of ${label}`,
      quota: "IAM managed policies per role",
      size: layouts.reduce((sum, layout) => sum + layout.managed.length, 0),
      limit: managedPoliciesPerRole,
      unit: "policies",
      source: "IAM and AWS STS quotas (adjustable up to 25)",
      fix: "A workflow assumes one role, so it cannot be split: raise the account's quota and set quotas.managedPoliciesPerRole, or split the fleet into two stacks.",
    });
  }
  return layouts[0] as RolePolicyLayout;
}

export function planStackPolicies(config: StackConfig, target: StackTarget): StackPolicyPlan {
  const { partition, accountId, region, namePrefix } = target;
  const buckets = config.managedBuckets.map((bucket) => bucket.name);
  const { managedPoliciesPerRole, roleTrustPolicyChars } = config.quotas;
  const reportsBucket = config.reports.existingBucket ?? LONGEST_BUCKET_NAME;
  const keyArn = config.kms.keyArn ?? `arn:${partition}:kms:${region}:${accountId}:key/${LONGEST_KEY_ID}`;
  const oidcProviderArn = config.github.oidcProviderArn ?? `arn:${partition}:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`;
  const problems: (QuotaProblem | undefined)[] = [];

  const batchPermissions = batchRolePermissions({ partition, targetKeyArn: keyArn, sourceKeyArns: config.kms.sourceKeyArns, reportsBucket });
  const batchTrust = buildBatchRoleTrustPolicy({ partition, region, accountId, requireSourceArn: config.batchRole.requireSourceArn });
  const batchRoles = layoutRolePolicies(batchPermissions, buckets, { managedPoliciesPerRole }).map((layout, index): BatchRolePlan => {
    const roleName = batchRoleName(namePrefix, index);
    problems.push(
      ...roleProblems({
        label: `Batch Operations role '${roleName}'`,
        trust: batchTrust,
        documents: roleDocuments(batchPermissions, layout),
        trustPolicyChars: roleTrustPolicyChars,
        inlineFix: "Its statements for keys, manifests and reports do not fit: list fewer kms.sourceKeyArns.",
        trustFix: "Raise the account's quota and set quotas.roleTrustPolicyChars.",
      }),
    );
    return { roleName, roleArn: roleArn(partition, accountId, roleName), buckets: [...layout.inline, ...layout.managed.flat()], layout };
  });

  const reportsKeyArn = keyArn;
  const planner = plannerPermissions({ partition, reportsBucket, reportsKeyArn });
  const executorArgs = { partition, region, accountId, reportsBucket, reportsKeyArn, batchRoleArns: batchRoles.map((role) => role.roleArn) };
  const executor = executorPermissions(executorArgs);
  const plannerProblems: QuotaProblem[] = [];
  const plannerLayout = githubRoleLayout(`role '${namePrefix}-planner'`, planner, buckets, managedPoliciesPerRole, plannerProblems);
  const executorLayout = githubRoleLayout(`role '${namePrefix}-executor'`, executor, buckets, managedPoliciesPerRole, plannerProblems);
  problems.push(...plannerProblems);
  const { github } = config;
  const applySubject = github.apply.environment !== undefined ? `environment:${github.apply.environment}` : `ref:${github.apply.ref}`;
  const subjectsFix = "Trust fewer subjects (github.plannerSubjects), or raise the account's quota and set quotas.roleTrustPolicyChars.";
  for (const [name, permissions, layout, subjects] of [
    ["planner", planner, plannerLayout, githubSubjects(github.repository, github.plannerSubjects)],
    ["executor", executor, executorLayout, githubSubjects(github.repository, [applySubject])],
  ] as const) {
    problems.push(
      ...roleProblems({
        label: `role '${namePrefix}-${name}'`,
        trust: buildGitHubTrustPolicy({ oidcProviderArn, subjects }),
        documents: roleDocuments(permissions, layout),
        trustPolicyChars: roleTrustPolicyChars,
        inlineFix: name === "executor" ? `It names every Batch role (${batchRoles.length}); raise quotas.managedPoliciesPerRole so each Batch role holds more buckets.` : "Report this: the planner's statements do not grow with the fleet.",
        trustFix: subjectsFix,
      }),
    );
  }

  const reportsArgs = { partition, accountId, reportsBucket, sourceBuckets: buckets };
  const reportsInventorySources = inventoryScope((inventorySources) => buildReportsBucketPolicy({ ...reportsArgs, inventorySources }), BUCKET_POLICY_QUOTA.limit);
  if (config.reports.existingBucket === undefined) {
    problems.push(bucketPolicyProblem("policy of the reports bucket", buildReportsBucketPolicy({ ...reportsArgs, inventorySources: reportsInventorySources }), "Report this: the policy no longer names buckets once they do not fit."));
  }
  const keyArgs = { partition, accountId, region, inventorySourceBuckets: buckets, allowUseThroughS3ByAccount: config.kms.allowUseThroughS3ByAccount };
  const keyInventorySources = inventoryScope((inventorySources) => buildKmsKeyPolicy({ ...keyArgs, inventorySources }), KEY_POLICY_QUOTA.limit);
  if (config.kms.create) {
    problems.push(keyPolicyProblem("policy of the stack's KMS key", buildKmsKeyPolicy({ ...keyArgs, inventorySources: keyInventorySources }), "Report this: the policy no longer names buckets once they do not fit."));
  }

  assertWithinQuotas(problems);
  return { batchRoles, plannerLayout, executorLayout, reportsInventorySources, keyInventorySources };
}
