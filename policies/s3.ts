/**
 * S3 policies: Bucket Keys on every encryption rule (with remediation), every bucket covered, and
 * inventories the plan engine can use. The decisions live in the *-check.ts files; this file wires
 * them to the engine.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { bucketExemptionsSetting, findExemption } from "./exemptions.ts";
import { definePolicyConfig } from "./policy-config.ts";
import { isRecord, toPlain } from "./props.ts";
import { reportFindings } from "./report.ts";
import { BUCKET_TYPES, ENCRYPTION_TYPES } from "./resource-types.ts";
import { checkEncryptionBlock } from "./s3-bucket-keys-check.ts";
import { checkCoverage } from "./s3-coverage-check.ts";
import { enableBucketKeys, readEncryption } from "./s3-encryption.ts";
import { checkInventories } from "./s3-inventory-check.ts";
import { toBucket } from "./s3-stack.ts";
import { stackPolicy } from "./stack-policy.ts";

export const bucketKeysConfig = definePolicyConfig({ exemptions: bucketExemptionsSetting });

function carriesEncryption(args: ResourceValidationArgs): boolean {
  return BUCKET_TYPES.has(args.type) || ENCRYPTION_TYPES.has(args.type);
}

/** How messages name the resource, and the bucket names an exemption may use for it. */
function subjectOf(args: ResourceValidationArgs): { subject: string; names: string[] } {
  const plain = toPlain(args.props);
  const props = isRecord(plain) ? plain : {};
  if (ENCRYPTION_TYPES.has(args.type)) {
    const bucket = typeof props.bucket === "string" ? props.bucket : undefined;
    return { subject: `encryption configuration '${args.name}' of bucket '${bucket ?? "(not known until apply)"}'`, names: bucket ? [bucket] : [] };
  }
  const bucket = toBucket({ type: args.type, urn: args.urn, name: args.name, props, propertyDependencies: {}, dependencies: [] });
  return { subject: `bucket '${bucket.label}'`, names: bucket.names };
}

export const s3BucketKeysEnabled: ResourceValidationPolicy = {
  name: "s3-bucket-keys-enabled",
  description:
    'S3 default encryption must use SSE-KMS ("aws:kms") with bucketKeyEnabled: true, so S3 calls KMS once per bucket key instead of once per object.',
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: bucketKeysConfig.schema,
  validateResource: (args, reportViolation) => {
    if (!carriesEncryption(args)) args.notApplicable("Policy only applies to S3 buckets and bucket encryption configurations");
    const config = bucketKeysConfig.parse(s3BucketKeysEnabled.name, args.getConfig());
    const block = readEncryption(args.type, args.props);
    if (block === undefined) return; // a bucket without inline encryption: s3-every-bucket-covered decides
    const { subject, names } = subjectOf(args);
    const exemption = findExemption(config.exemptions, names, [args.urn]);
    if (exemption) {
      reportFindings(reportViolation, [{ advisory: true, message: `${subject} is exempt from ${s3BucketKeysEnabled.name}: ${exemption.reason}` }]);
      return;
    }
    reportFindings(reportViolation, checkEncryptionBlock(subject, block).findings);
  },
  remediateResource: (args) => {
    if (!carriesEncryption(args)) args.notApplicable("Policy only applies to S3 buckets and bucket encryption configurations");
    const config = bucketKeysConfig.parse(s3BucketKeysEnabled.name, args.getConfig());
    if (findExemption(config.exemptions, subjectOf(args).names, [args.urn])) return undefined;
    return enableBucketKeys(args.type, args.props) ? args.props : undefined;
  },
};

export const coverageConfig = definePolicyConfig({ exemptions: bucketExemptionsSetting });

export const s3EveryBucketCovered: StackValidationPolicy = stackPolicy({
  name: "s3-every-bucket-covered",
  description:
    "Every S3 bucket in the stack must have default encryption with Bucket Keys, inline or through an encryption-configuration resource that points at it; exempt a bucket by name or URN with a reason.",
  enforcementLevel: "mandatory",
  severity: "high",
  config: coverageConfig,
  check: (resources, config) => checkCoverage(resources, config.exemptions, s3EveryBucketCovered.name),
});

export const inventoryConfig = definePolicyConfig({ exemptions: bucketExemptionsSetting });

export const s3InventoryForPlanEngine: StackValidationPolicy = stackPolicy({
  name: "s3-inventory-for-plan-engine",
  description:
    'S3 Inventory configurations must record what the bucket-keys plan engine reads: EncryptionStatus and BucketKeyStatus (plus Size and StorageClass), all versions for versioned buckets, CSV or Parquet format (not ORC).',
  enforcementLevel: "advisory",
  severity: "medium",
  config: inventoryConfig,
  check: (resources, config) => checkInventories(resources, config.exemptions, s3InventoryForPlanEngine.name),
});
