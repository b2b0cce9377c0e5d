/**
 * Whether an encryption block gives a bucket S3 Bucket Keys, and what to tell the user when it doesn't.
 * Each case says why: SSE-S3 doesn't use KMS at all, DSSE-KMS doesn't support Bucket Keys, and
 * `aws:kms` needs `bucketKeyEnabled: true`.
 */
import { UNKNOWN } from "./props.ts";
import type { Finding } from "./report.ts";
import { classifyRule, type EncryptionBlock, type EncryptionRule, type RuleFinding } from "./s3-encryption.ts";

export type BlockStatus = "bucket-keys" | "violation" | "unknown";

export interface BlockCheck {
  status: BlockStatus;
  findings: Finding[];
}

const FIX = 'Set sseAlgorithm to "aws:kms" with your KMS key (kmsMasterKeyId) and bucketKeyEnabled: true';

export function describeRuleFinding(where: string, finding: RuleFinding): string {
  switch (finding.kind) {
    case "ok":
      return `${where} uses SSE-KMS with Bucket Keys.`;
    case "unknown":
      return `${where}: ${finding.what} is not known until apply, so Bucket Keys can't be checked in this preview; the check runs again on \`pulumi up\`.`;
    case "sse-s3":
      return `${where} uses SSE-S3 (sseAlgorithm "AES256"), which never calls KMS, so Bucket Keys can't apply. ${FIX}, or exempt the bucket with a reason if SSE-S3 is intended (KMS adds request cost and makes reads depend on the key).`;
    case "dsse-kms":
      return `${where} uses DSSE-KMS (sseAlgorithm "aws:kms:dsse"), which doesn't support Bucket Keys. ${FIX}, or exempt the bucket with a reason if dual-layer encryption is required.`;
    case "no-default-algorithm":
      return `${where} sets no default encryption algorithm, so S3 applies SSE-S3 without Bucket Keys. Add applyServerSideEncryptionByDefault: ${FIX.charAt(0).toLowerCase()}${FIX.slice(1)}.`;
    case "other-algorithm":
      return `${where} uses sseAlgorithm ${JSON.stringify(finding.algorithm)}, which S3 Bucket Keys don't support. ${FIX}.`;
    case "kms-without-bucket-key":
      return `${where} uses SSE-KMS ("aws:kms") with bucketKeyEnabled=${finding.bucketKeyEnabled ?? "absent"}. Set bucketKeyEnabled: true on this rule (enforcementLevel "remediate" does it for you).`;
  }
}

/**
 * `subject` names the resource for messages (`bucket 'logs'`); `via` says where its encryption comes
 * from when that is another resource (`encrypted by 'logs-sse'`).
 */
export function checkEncryptionBlock(subject: string, block: EncryptionBlock<EncryptionRule>, via?: string): BlockCheck {
  if (block.rules === UNKNOWN) {
    return {
      status: "unknown",
      findings: [{ advisory: true, message: `${subject}: ${block.property} is not known until apply, so Bucket Keys can't be checked in this preview; the check runs again on \`pulumi up\`.` }],
    };
  }
  if (block.rules.length === 0) {
    return { status: "violation", findings: [{ message: `${subject} declares ${block.property} without an encryption rule. Add a rule: ${FIX.charAt(0).toLowerCase()}${FIX.slice(1)}.` }] };
  }
  const findings: Finding[] = [];
  let unknown = false;
  for (const rule of block.rules) {
    const finding = classifyRule(rule);
    if (finding.kind === "ok") continue;
    if (finding.kind === "unknown") unknown = true;
    const where = via ? `${subject} (${via}, ${rule.path})` : `${subject} (${rule.path})`;
    findings.push({ message: describeRuleFinding(where, finding), advisory: finding.kind === "unknown" });
  }
  const violation = findings.some((finding) => !finding.advisory);
  return { status: violation ? "violation" : unknown ? "unknown" : "bucket-keys", findings };
}
