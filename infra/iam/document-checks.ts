/**
 * Size checks for every kind of document the stack writes. The stack plan runs them at preview on
 * documents built with the longest values the unknowns can take; the components run them again on
 * the real documents, so nothing reaches AWS over a quota. Pure.
 */
import type { PolicyDocument } from "./policy-document.ts";
import { PolicyQuotaError } from "./policy-quota-error.ts";
import {
  BUCKET_POLICY_QUOTA,
  KEY_POLICY_QUOTA,
  MANAGED_POLICY_QUOTA,
  ROLE_INLINE_POLICIES_QUOTA,
  documentSize,
  sizeProblem,
  trustPolicyQuota,
  type QuotaProblem,
} from "./policy-quotas.ts";
import type { RoleDocuments } from "./role-policy-layout.ts";

export interface RoleCheck {
  /** `role 'bucket-keys-prod-batch'` */
  label: string;
  trust: PolicyDocument;
  documents: RoleDocuments;
  trustPolicyChars: number;
  /** What to change when the inline policy (which holds the statements that do not grow with the fleet) is too big. */
  inlineFix: string;
  trustFix: string;
}

export function roleProblems(check: RoleCheck): QuotaProblem[] {
  const problems = [
    sizeProblem(`trust policy of ${check.label}`, documentSize(check.trust, "characters"), trustPolicyQuota(check.trustPolicyChars), check.trustFix),
    sizeProblem(`inline policies of ${check.label}`, documentSize(check.documents.inline, "characters"), ROLE_INLINE_POLICIES_QUOTA, check.inlineFix),
    ...check.documents.managed.map((document, index) =>
      sizeProblem(`managed policy ${index + 1} of ${check.label}`, documentSize(document, "characters"), MANAGED_POLICY_QUOTA, "This is a bug in the layout: please report it with the stack's bucket count."),
    ),
  ];
  return problems.filter((problem): problem is QuotaProblem => problem !== undefined);
}

export function bucketPolicyProblem(label: string, document: PolicyDocument, fix: string): QuotaProblem | undefined {
  return sizeProblem(label, documentSize(document, "bytes"), BUCKET_POLICY_QUOTA, fix);
}

export function keyPolicyProblem(label: string, document: PolicyDocument, fix: string): QuotaProblem | undefined {
  return sizeProblem(label, documentSize(document, "bytes"), KEY_POLICY_QUOTA, fix);
}

/** Throws PolicyQuotaError listing every problem, if there is any. */
export function assertWithinQuotas(problems: readonly (QuotaProblem | undefined)[]): void {
  const found = problems.filter((problem): problem is QuotaProblem => problem !== undefined);
  if (found.length > 0) throw new PolicyQuotaError(found);
}
