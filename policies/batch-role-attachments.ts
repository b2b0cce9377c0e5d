/**
 * The permission documents attached to a role within the stack: its inline policies, `RolePolicy`
 * resources, and managed policies attached through `managedPolicyArns`, `RolePolicyAttachment` or
 * `PolicyAttachment` when the `aws.iam.Policy` is in the stack too. Attachments are matched by name
 * or ARN when known, and through property dependencies during preview. Managed policies from outside
 * the stack can't be read; they are listed so messages can say so.
 */
import { UNKNOWN, asList, asStrings, isRecord, type Plain } from "./props.ts";
import { TYPES } from "./resource-types.ts";
import type { StackResource } from "./stack-model.ts";

export interface AttachedDocument {
  /** For messages: `inline policy 'x' of role 'r'`, `role policy 'p'`, `policy 'p'`. */
  label: string;
  /** The resource that holds the document (where a violation is reported). */
  urn: string;
  document: Plain | undefined;
}

export interface RoleAttachments {
  documents: AttachedDocument[];
  /** ARNs of attached managed policies not defined in this stack. */
  external: string[];
}

function knownStrings(...values: (Plain | undefined)[]): string[] {
  return values.filter((value): value is string => typeof value === "string" && value !== "");
}

/** Whether `value` (a role name/ARN) or the resources it came from identify `role`. */
function pointsAt(target: StackResource, value: Plain | undefined, dependencies: readonly string[] | undefined): boolean {
  if (dependencies?.includes(target.urn)) return true;
  const ids = knownStrings(target.props.name, target.props.id, target.props.arn);
  const values = asStrings(value);
  return values !== UNKNOWN && values.some((item) => ids.includes(item));
}

export function attachmentsOf(role: StackResource, resources: readonly StackResource[]): RoleAttachments {
  const documents: AttachedDocument[] = [];
  const policyArns: { arn: Plain | undefined; dependencies: readonly string[] }[] = [];
  const roleLabel = roleLabelOf(role);

  const inline = asList(role.props.inlinePolicies);
  if (inline !== UNKNOWN) {
    inline.forEach((entry, index) => {
      if (!isRecord(entry)) return;
      const name = typeof entry.name === "string" ? entry.name : `inlinePolicies[${index}]`;
      documents.push({ label: `inline policy '${name}' of role '${roleLabel}'`, urn: role.urn, document: entry.policy });
    });
  }
  const managed = asStrings(role.props.managedPolicyArns);
  const managedDeps = role.propertyDependencies.managedPolicyArns ?? [];
  if (managed !== UNKNOWN) for (const arn of managed) policyArns.push({ arn, dependencies: [] });
  for (const urn of managedDeps) policyArns.push({ arn: undefined, dependencies: [urn] });

  for (const resource of resources) {
    if (resource.type === TYPES.rolePolicy && pointsAt(role, resource.props.role, resource.propertyDependencies.role)) {
      documents.push({ label: `role policy '${resource.name}'`, urn: resource.urn, document: resource.props.policy });
    }
    const attaches =
      (resource.type === TYPES.rolePolicyAttachment && pointsAt(role, resource.props.role, resource.propertyDependencies.role)) ||
      (resource.type === TYPES.policyAttachment && pointsAt(role, resource.props.roles, resource.propertyDependencies.roles));
    if (attaches) policyArns.push({ arn: resource.props.policyArn, dependencies: resource.propertyDependencies.policyArn ?? [] });
  }

  const external: string[] = [];
  const seen = new Set<string>();
  for (const { arn, dependencies } of policyArns) {
    const policy = resources.find((resource) => resource.type === TYPES.policy && pointsAt(resource, arn, dependencies));
    if (policy) {
      if (seen.has(policy.urn)) continue;
      seen.add(policy.urn);
      documents.push({ label: `policy '${policy.name}'`, urn: policy.urn, document: policy.props.policy });
    } else if (typeof arn === "string" && !external.includes(arn)) {
      external.push(arn);
    }
  }
  return { documents, external };
}

export function roleLabelOf(role: StackResource): string {
  return typeof role.props.name === "string" && role.props.name !== "" ? role.props.name : role.name;
}
