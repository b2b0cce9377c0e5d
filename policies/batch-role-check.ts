/**
 * The role S3 Batch Operations assumes is safe (trusted only with a source-account condition; no
 * wildcard actions, no unscoped resources) and sufficient (has the KMS actions the jobs need: missing
 * KMS permissions are the most common reason these jobs fail, task by task, with AccessDenied).
 */
import { BATCH_OPERATIONS_PRINCIPAL } from "./contracts/batch-permissions.ts";
import { attachmentsOf, roleLabelOf, type AttachedDocument } from "./batch-role-attachments.ts";
import { actionMatches, hasSourceAccountCondition, hasWildcard, parseDocument, unscopedReason, type Statement } from "./iam-documents.ts";
import { UNKNOWN } from "./props.ts";
import type { Finding } from "./report.ts";
import { TYPES } from "./resource-types.ts";
import type { StackResource } from "./stack-model.ts";

export interface BatchRoleOptions {
  /** KMS actions the role must be allowed (on the plan's key). */
  requiredKmsActions: readonly string[];
}

function isAllow(statement: Statement): boolean {
  return statement.effect === "Allow";
}

function trustsBatchOperations(statement: Statement): boolean {
  if (!isAllow(statement) || statement.services === UNKNOWN) return false;
  const services = statement.services.map((service) => service.toLowerCase());
  if (!services.includes(BATCH_OPERATIONS_PRINCIPAL)) return false;
  return statement.actions === UNKNOWN || statement.actions.some((action) => actionMatches(action, "sts:AssumeRole"));
}

export function checkBatchRoles(resources: readonly StackResource[], options: BatchRoleOptions): Finding[] {
  const findings: Finding[] = [];
  for (const role of resources) {
    if (role.type !== TYPES.role) continue;
    const trust = parseDocument(role.props.assumeRolePolicy);
    if (trust === undefined || trust === UNKNOWN || "error" in trust) continue;
    const trusting = trust.statements.filter(trustsBatchOperations);
    if (trusting.length === 0) continue;
    const label = `role '${roleLabelOf(role)}'`;
    for (const statement of trusting) {
      if (!hasSourceAccountCondition(statement.condition)) {
        findings.push({
          urn: role.urn,
          message: `${label}: trust policy ${statement.label} lets ${BATCH_OPERATIONS_PRINCIPAL} assume it without an aws:SourceAccount condition, so Batch Operations jobs of any account could use it. Add "Condition": {"StringEquals": {"aws:SourceAccount": "<your account id>"}}.`,
        });
      }
    }
    findings.push(...checkPermissions(label, role, resources, options));
  }
  return findings;
}

function checkPermissions(label: string, role: StackResource, resources: readonly StackResource[], options: BatchRoleOptions): Finding[] {
  const findings: Finding[] = [];
  const { documents, external } = attachmentsOf(role, resources);
  const granted: string[] = [];
  const unknownDocuments: string[] = [];
  for (const attached of documents) {
    const result = checkDocument(label, attached, granted);
    if (result.unknown) unknownDocuments.push(attached.label);
    findings.push(...result.findings);
  }
  const missing = options.requiredKmsActions.filter((action) => !granted.some((pattern) => actionMatches(pattern, action)));
  if (missing.length === 0) return findings;
  const notChecked = external.length > 0 ? ` Attached policies defined outside this stack couldn't be checked: ${external.join(", ")}.` : "";
  const message =
    `${label} is trusted by S3 Batch Operations but no policy in this stack allows ${missing.join(", ")}. ` +
    `Without them every task on an SSE-KMS object fails with AccessDenied (the most common reason these jobs fail); allow them on the KMS key the plan uses.${notChecked}`;
  if (unknownDocuments.length > 0) {
    findings.push({ urn: role.urn, advisory: true, message: `${message} (${unknownDocuments.join(", ")} not known until apply; the check runs again on \`pulumi up\`.)` });
  } else {
    findings.push({ urn: role.urn, message });
  }
  return findings;
}

/** Findings for one attached document (and whether part of it is unknown); its allowed actions go to `granted`. */
function checkDocument(label: string, attached: AttachedDocument, granted: string[]): { findings: Finding[]; unknown: boolean } {
  const parsed = parseDocument(attached.document);
  if (parsed === UNKNOWN) return { findings: [], unknown: true };
  if (parsed === undefined) return { findings: [], unknown: false };
  if ("error" in parsed) return { findings: [{ urn: attached.urn, message: `${attached.label} (attached to ${label}) ${parsed.error}.` }], unknown: false };
  const findings: Finding[] = [];
  let unknown = false;
  for (const statement of parsed.statements.filter(isAllow)) {
    const where = `${attached.label} (attached to ${label}), ${statement.label}`;
    if (statement.notActions !== UNKNOWN && statement.notActions.length > 0) {
      findings.push({ urn: attached.urn, message: `${where} allows NotAction ${JSON.stringify(statement.notActions)}, which grants every other action. List the actions the jobs need instead.` });
    }
    if (statement.actions === UNKNOWN) {
      unknown = true;
    } else {
      const wildcards = statement.actions.filter(hasWildcard);
      if (wildcards.length > 0) {
        findings.push({ urn: attached.urn, message: `${where} allows wildcard actions ${wildcards.join(", ")}. List each action the jobs need (for example kms:ReEncryptFrom and kms:ReEncryptTo instead of kms:ReEncrypt*).` });
      }
      granted.push(...statement.actions);
    }
    if (statement.notResources !== UNKNOWN && statement.notResources.length > 0) {
      findings.push({ urn: attached.urn, message: `${where} uses NotResource, which allows every other resource. Name the buckets, prefixes and keys instead.` });
    }
    if (statement.resources !== UNKNOWN) {
      const unscoped = statement.resources.map(unscopedReason).filter((reason): reason is string => reason !== undefined);
      if (unscoped.length > 0) {
        findings.push({ urn: attached.urn, message: `${where} applies to ${unscoped.join(", ")}. Scope it to the managed buckets (arn:aws:s3:::<bucket>/*), the manifest and report prefixes, and the KMS key ARNs.` });
      }
    }
  }
  return { findings, unknown };
}
