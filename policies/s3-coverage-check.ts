/**
 * Every bucket in the stack has default encryption with Bucket Keys: inline, or through a separate
 * encryption-configuration resource that points at it. A separate resource wins over inline settings
 * (it is applied after the bucket, and a bucket's outputs keep the encryption S3 reported at creation).
 */
import { describeExemption, findExemption, type BucketExemption } from "./exemptions.ts";
import { UNKNOWN } from "./props.ts";
import type { Finding } from "./report.ts";
import { ENCRYPTION_TYPES } from "./resource-types.ts";
import { checkEncryptionBlock, type BlockCheck } from "./s3-bucket-keys-check.ts";
import { readEncryption } from "./s3-encryption.ts";
import { bucketRefOf, bucketsOf, isUnresolved, refersTo, type Bucket } from "./s3-stack.ts";
import type { StackResource } from "./stack-model.ts";

const ADD_ENCRYPTION =
  'Add an aws.s3.BucketServerSideEncryptionConfiguration with `bucket` set to this bucket and one rule: sseAlgorithm "aws:kms", your kmsMasterKeyId and bucketKeyEnabled: true (or exempt the bucket with a reason)';

export function checkCoverage(resources: readonly StackResource[], exemptions: readonly BucketExemption[], policy: string): Finding[] {
  const encryptions = resources
    .filter((resource) => ENCRYPTION_TYPES.has(resource.type))
    .map((resource) => ({ resource, ref: bucketRefOf(resource) }));
  const unresolved = encryptions.filter(({ ref }) => isUnresolved(ref)).map(({ resource }) => `'${resource.name}'`);
  const findings: Finding[] = [];
  const used = new Set<BucketExemption>();

  for (const bucket of bucketsOf(resources)) {
    const subject = `bucket '${bucket.label}'`;
    const urn = bucket.resource.urn;
    const exemption = findExemption(exemptions, bucket.names, [urn]);
    if (exemption) {
      used.add(exemption);
      findings.push({ urn, advisory: true, message: `${subject} is exempt from ${policy}: ${exemption.reason}` });
      continue;
    }
    const separate = encryptions.filter(({ ref }) => refersTo(ref, bucket));
    const checks = separate.length > 0 ? separate.map(({ resource }) => checkSeparate(subject, resource)) : [checkInline(subject, bucket)];
    const defined = checks.filter((check): check is BlockCheck => check !== undefined);
    if (defined.length === 0) {
      findings.push(
        unresolved.length > 0
          ? { urn, advisory: true, message: `${subject}: can't tell in this preview whether ${unresolved.join(", ")} encrypt it (their bucket is not known until apply); the check runs again on \`pulumi up\`.` }
          : { urn, message: `${subject} has no default encryption with S3 Bucket Keys. ${ADD_ENCRYPTION}.` },
      );
      continue;
    }
    for (const check of defined) findings.push(...check.findings.map((finding) => ({ ...finding, urn })));
  }

  for (const exemption of exemptions) {
    if (!used.has(exemption)) {
      findings.push({ advisory: true, message: `The ${policy} exemption for ${describeExemption(exemption)} matches no bucket in this stack; remove it or correct the name.` });
    }
  }
  return findings;
}

function checkSeparate(subject: string, resource: StackResource): BlockCheck | undefined {
  const block = readEncryption(resource.type, resource.props);
  return block && checkEncryptionBlock(subject, block, `encrypted by '${resource.name}'`);
}

/**
 * Inline encryption that is wholly unknown counts as absent: during preview a bucket's outputs hold
 * the provider's computed default for a block the program never set, and a compliance gate fails closed.
 */
function checkInline(subject: string, bucket: Bucket): BlockCheck | undefined {
  const block = readEncryption(bucket.resource.type, bucket.resource.props);
  if (block === undefined || block.rules === UNKNOWN) return undefined;
  return checkEncryptionBlock(subject, block);
}
