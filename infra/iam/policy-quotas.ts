/**
 * The AWS quotas every generated policy document must fit, how each service measures a document,
 * and the check that names the document, its size and the quota. Pure. Sources and exact phrases
 * are in docs/deploy.md ("How the documents fit AWS's quotas").
 */
import type { PolicyDocument } from "./policy-document.ts";
import { toJson } from "./policy-document.ts";

export interface SizeQuota {
  /** How messages name the quota. */
  name: string;
  limit: number;
  /** How the service measures: IAM counts characters other than whitespace, S3 and KMS bytes. */
  unit: "characters" | "bytes";
  /** Where the figure comes from. */
  source: string;
}

const IAM_QUOTAS_PAGE = "IAM and AWS STS quotas, docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

/** IAM, fixed: "Role policy size can't exceed 10,240 characters" (all inline policies of a role together). */
export const ROLE_INLINE_POLICIES_QUOTA: SizeQuota = { name: "IAM role policy size (all inline policies of a role together)", limit: 10_240, unit: "characters", source: IAM_QUOTAS_PAGE };

/** IAM, fixed: "The size of each managed policy can't exceed 6,144 characters". */
export const MANAGED_POLICY_QUOTA: SizeQuota = { name: "IAM managed policy size", limit: 6_144, unit: "characters", source: IAM_QUOTAS_PAGE };

/** IAM, adjustable (Service Quotas "Role trust policy length"): 2,048 characters by default. */
export const DEFAULT_ROLE_TRUST_POLICY_CHARS = 2_048;

/** IAM, adjustable (Service Quotas "Managed policies per role"): 10 by default. */
export const DEFAULT_MANAGED_POLICIES_PER_ROLE = 10;
/** The most Service Quotas grants for managed policies per role. */
export const MAX_MANAGED_POLICIES_PER_ROLE = 25;

export function trustPolicyQuota(limit: number): SizeQuota {
  return { name: "IAM role trust policy length", limit, unit: "characters", source: `${IAM_QUOTAS_PAGE} (adjustable; the stack's quotas.roleTrustPolicyChars)` };
}

/** S3: "Bucket policies are limited to 20 KB in size." */
export const BUCKET_POLICY_QUOTA: SizeQuota = { name: "S3 bucket policy size", limit: 20_480, unit: "bytes", source: "Amazon S3 User Guide, docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html" };

/** KMS: "The policy size limit is 32 KiB (32768 bytes)." */
export const KEY_POLICY_QUOTA: SizeQuota = { name: "KMS key policy size", limit: 32_768, unit: "bytes", source: "AWS KMS API Reference, PutKeyPolicy, docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html" };

/** A document's size as the quota's service measures it. */
export function documentSize(document: PolicyDocument, unit: SizeQuota["unit"]): number {
  const json = toJson(document);
  return unit === "bytes" ? Buffer.byteLength(json, "utf8") : json.replace(/\s/g, "").length;
}

/** Several documents that share one quota (the inline policies of a role). */
export function totalSize(documents: readonly PolicyDocument[], unit: SizeQuota["unit"]): number {
  return documents.reduce((sum, document) => sum + documentSize(document, unit), 0);
}

export interface QuotaProblem {
  /** The document, as a reader finds it: `inline policies of role 'bucket-keys-prod-batch'`. */
  document: string;
  quota: string;
  size: number;
  limit: number;
  unit: string;
  source: string;
  /** What to change. */
  fix: string;
}

export function sizeProblem(document: string, size: number, quota: SizeQuota, fix: string): QuotaProblem | undefined {
  if (size <= quota.limit) return undefined;
  return { document, quota: quota.name, size, limit: quota.limit, unit: quota.unit, source: quota.source, fix };
}

export function formatQuotaProblem(problem: QuotaProblem): string {
  const measured = problem.unit === "characters" ? "characters, whitespace not counted" : "bytes";
  return `${problem.document}: ${problem.size.toLocaleString("en-US")} ${measured}, over the ${problem.quota} quota of ${problem.limit.toLocaleString("en-US")} (${problem.source}). ${problem.fix}`;
}
