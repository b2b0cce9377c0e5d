/**
 * How one role's permissions are split across IAM documents so a fleet of any size fits IAM's
 * quotas: statements that do not grow with the fleet, plus the per-bucket part of every per-bucket
 * statement, go in the role's inline policy until it is full (10,240 characters for all inline
 * policies of a role); the rest goes in managed policies of at most 6,144 characters each, up to the
 * managed-policies-per-role quota; then a further role of the same shape starts. A bucket's grants
 * always stay in one document, and buckets keep their config order, so adding a bucket at the end
 * changes only the last document. Sizes are measured, never estimated, so whatever a builder adds to
 * `fixed` or `grants` (another action, another statement) is accounted for. Pure.
 */
import { MANAGED_POLICY_QUOTA, ROLE_INLINE_POLICIES_QUOTA, documentSize, sizeProblem } from "./policy-quotas.ts";
import { PolicyQuotaError } from "./policy-quota-error.ts";
import { actions, policyDocument } from "./policy-document.ts";
import type { ConditionBlock, PolicyDocument, PolicyStatement } from "./policy-document.ts";

/** An Allow statement with one set of resources per bucket (the objects of each managed bucket). */
export interface BucketGrant {
  Sid: string;
  Action: readonly string[];
  /** The resources of one bucket, like `arn:aws:s3:::<bucket>/*`. */
  resources(bucket: string): string[];
  Condition?: ConditionBlock;
}

export interface RolePermissions {
  /** Statements that do not grow with the fleet; they always go in the inline policy. */
  fixed: PolicyStatement[];
  /** Statements that grow with the fleet, split by bucket across the role's documents. */
  grants: readonly BucketGrant[];
}

/** Which buckets' grants each document of one role holds. */
export interface RolePolicyLayout {
  inline: string[];
  /** One entry per managed policy, in attachment order. */
  managed: string[][];
}

export interface RoleDocuments {
  inline: PolicyDocument;
  managed: PolicyDocument[];
}

export interface LayoutLimits {
  /** Managed policies one role may have attached (the account's IAM quota). */
  managedPoliciesPerRole: number;
}

/** The grants' statements for `buckets`; none when there are no buckets. */
export function grantStatements(grants: readonly BucketGrant[], buckets: readonly string[]): PolicyStatement[] {
  if (buckets.length === 0) return [];
  return grants.map((grant) => ({
    Sid: grant.Sid,
    Effect: "Allow" as const,
    Action: actions(grant.Action),
    Resource: buckets.flatMap((bucket) => grant.resources(bucket)),
    ...(grant.Condition ? { Condition: grant.Condition } : {}),
  }));
}

export function inlineDocument(permissions: RolePermissions, buckets: readonly string[]): PolicyDocument {
  return policyDocument([...permissions.fixed, ...grantStatements(permissions.grants, buckets)]);
}

export function managedDocument(permissions: RolePermissions, buckets: readonly string[]): PolicyDocument {
  return policyDocument(grantStatements(permissions.grants, buckets));
}

export function roleDocuments(permissions: RolePermissions, layout: RolePolicyLayout): RoleDocuments {
  return { inline: inlineDocument(permissions, layout.inline), managed: layout.managed.map((buckets) => managedDocument(permissions, buckets)) };
}

/**
 * Splits `buckets` into roles and, within each role, into its inline and managed policies. Returns
 * one layout per role needed (at least one).
 */
export function layoutRolePolicies(permissions: RolePermissions, buckets: readonly string[], limits: LayoutLimits): RolePolicyLayout[] {
  const roles: RolePolicyLayout[] = [];
  let role: RolePolicyLayout = { inline: [], managed: [] };
  // -1: the inline policy; 0..n-1: a managed policy.
  let slot = -1;
  const inlineFits = (candidate: string[]) => documentSize(inlineDocument(permissions, candidate), "characters") <= ROLE_INLINE_POLICIES_QUOTA.limit;
  const managedFits = (candidate: string[]) => documentSize(managedDocument(permissions, candidate), "characters") <= MANAGED_POLICY_QUOTA.limit;

  for (const bucket of buckets) {
    for (;;) {
      if (slot === -1) {
        if (inlineFits([...role.inline, bucket])) {
          role.inline.push(bucket);
          break;
        }
        slot = 0;
      } else if (slot < role.managed.length) {
        const policy = role.managed[slot] as string[];
        if (managedFits([...policy, bucket])) {
          policy.push(bucket);
          break;
        }
        slot += 1;
      } else if (role.managed.length < limits.managedPoliciesPerRole) {
        if (!managedFits([bucket])) {
          const size = documentSize(managedDocument(permissions, [bucket]), "characters");
          const problem = sizeProblem(`the permissions for bucket '${bucket}' alone`, size, MANAGED_POLICY_QUOTA, "A single bucket's statements cannot be split further; shorten them.");
          throw new PolicyQuotaError(problem ? [problem] : []);
        }
        role.managed.push([]);
      } else {
        if (role.inline.length === 0 && role.managed.length === 0) {
          // A fresh role cannot take even this bucket: the inline policy is full with the fixed statements alone.
          const size = documentSize(inlineDocument(permissions, [bucket]), "characters");
          const problem = sizeProblem("the inline policy with one bucket", size, ROLE_INLINE_POLICIES_QUOTA, "Allow managed policies (quotas.managedPoliciesPerRole) or shorten the fixed statements.");
          throw new PolicyQuotaError(problem ? [problem] : []);
        }
        roles.push(role);
        role = { inline: [], managed: [] };
        slot = -1;
      }
    }
  }
  roles.push(role);
  return roles;
}
