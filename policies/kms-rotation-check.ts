/**
 * KMS keys that encrypt buckets rotate their key material. A key counts as used for bucket encryption
 * when an encryption rule names it (ARN, id, or an alias in the stack) or when the rule's value came
 * from the key resource (preview, where the key's ARN is not known yet).
 */
import { UNKNOWN, asString, type Plain } from "./props.ts";
import type { Finding } from "./report.ts";
import { BUCKET_TYPES, ENCRYPTION_TYPES, KMS_KEY_TYPES, TYPES } from "./resource-types.ts";
import { readEncryption } from "./s3-encryption.ts";
import { bucketRefOf, bucketsOf, refLabel, toBucket } from "./s3-stack.ts";
import type { StackResource } from "./stack-model.ts";

export interface KeyRotationOptions {
  /** Check every symmetric encryption key in the stack, not only those that encrypt buckets. */
  checkAllKeys: boolean;
}

interface KeyUse {
  bucket: string;
  keyIds: string[];
  dependencies: string[];
}

function known(...values: (Plain | undefined)[]): string[] {
  return values.filter((value): value is string => typeof value === "string" && value !== "");
}

function usesOf(resources: readonly StackResource[]): KeyUse[] {
  const buckets = bucketsOf(resources);
  const uses: KeyUse[] = [];
  for (const resource of resources) {
    if (!ENCRYPTION_TYPES.has(resource.type) && !BUCKET_TYPES.has(resource.type)) continue;
    const block = readEncryption(resource.type, resource.props);
    if (block === undefined) continue;
    const bucket = ENCRYPTION_TYPES.has(resource.type) ? refLabel(bucketRefOf(resource), buckets) : toBucket(resource).label;
    const keyIds = block.rules === UNKNOWN ? [] : block.rules.flatMap((rule) => (typeof rule.kmsMasterKeyId === "string" ? [rule.kmsMasterKeyId] : []));
    uses.push({ bucket, keyIds, dependencies: resource.propertyDependencies[block.property] ?? [] });
  }
  return uses;
}

function isSymmetricEncryptionKey(key: StackResource): boolean {
  const spec = asString(key.props.keySpec ?? key.props.customerMasterKeySpec);
  const usage = asString(key.props.keyUsage);
  return (spec === undefined || spec === UNKNOWN || spec === "SYMMETRIC_DEFAULT") && (usage === undefined || usage === UNKNOWN || usage === "ENCRYPT_DECRYPT");
}

function bucketsUsing(key: StackResource, uses: readonly KeyUse[], resources: readonly StackResource[]): string[] {
  const keyIds = known(key.props.arn, key.props.id, key.props.keyId);
  const aliases = resources.filter(
    (alias) =>
      alias.type === TYPES.kmsAlias &&
      ((alias.propertyDependencies.targetKeyId ?? []).includes(key.urn) || known(alias.props.targetKeyId).some((id) => keyIds.includes(id))),
  );
  const names = [...keyIds, ...aliases.flatMap((alias) => known(alias.props.name, alias.props.arn))];
  const urns = [key.urn, ...aliases.map((alias) => alias.urn)];
  const buckets = uses
    .filter((use) => use.dependencies.some((urn) => urns.includes(urn)) || use.keyIds.some((id) => names.includes(id)))
    .map((use) => `'${use.bucket}'`);
  return [...new Set(buckets)];
}

export function checkKeyRotation(resources: readonly StackResource[], options: KeyRotationOptions): Finding[] {
  const uses = usesOf(resources);
  const findings: Finding[] = [];
  for (const key of resources) {
    if (!KMS_KEY_TYPES.has(key.type) || !isSymmetricEncryptionKey(key)) continue;
    const rotation = key.props.enableKeyRotation;
    if (rotation === true || rotation === UNKNOWN) continue;
    const buckets = bucketsUsing(key, uses, resources);
    if (buckets.length === 0 && !options.checkAllKeys) continue;
    const usedBy = buckets.length > 0 ? ` encrypts bucket ${buckets.join(", ")} but` : "";
    findings.push({
      urn: key.urn,
      message: `KMS key '${key.name}'${usedBy} has enableKeyRotation=${rotation === undefined ? "absent" : JSON.stringify(rotation)}. Set enableKeyRotation: true; KMS keeps earlier key material, so existing objects and Bucket Keys still decrypt after each rotation.`,
    });
  }
  return findings;
}
