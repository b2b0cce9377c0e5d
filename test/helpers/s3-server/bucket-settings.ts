/**
 * Configuring a bucket without HTTP (LocalS3Server.createBucket / configureBucket), with the rules
 * the API enforces (Object Lock and replication need versioning Enabled) and two states the API can
 * no longer make: no default encryption (buckets before 2023) and no ownership controls.
 */
import type { ReplicationConfiguration } from "@aws-sdk/client-s3";
import type { BucketState, LockMode, SseAlgorithm } from "./object-model.ts";
import type { XmlNode, XmlObject } from "./xml-codec.ts";

export interface BucketSettings {
  versioning?: "Enabled" | "Suspended";
  /** true: Object Lock on, no default retention; or the default retention rule. Turns versioning on. */
  objectLock?: boolean | { mode: LockMode; days?: number; years?: number };
  /** algorithm "none": the bucket has no default encryption (GetBucketEncryption answers 404). */
  encryption?: { algorithm: SseAlgorithm | "none"; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean };
  requestPayment?: "BucketOwner" | "Requester";
  /** null: no OwnershipControls (GetBucketOwnershipControls answers 404). */
  ownership?: "BucketOwnerPreferred" | "ObjectWriter" | "BucketOwnerEnforced" | null;
  /** In the SDK's PutBucketReplication shape; null removes it. */
  replication?: ReplicationConfiguration | null;
}

export function applyBucketSettings(bucket: BucketState, settings: BucketSettings): void {
  const where = `bucket "${bucket.name}"`;
  if (settings.objectLock !== undefined && settings.objectLock !== false) {
    bucket.versioning = "Enabled";
    const rule = settings.objectLock === true ? undefined : settings.objectLock;
    if (rule !== undefined && (rule.days === undefined) === (rule.years === undefined)) throw new Error(`${where}: objectLock needs exactly one of days or years.`);
    bucket.objectLock = { enabled: true, rule };
  }
  if (settings.versioning !== undefined) {
    if (settings.versioning === "Suspended" && (bucket.objectLock.enabled || bucket.replication !== undefined)) {
      throw new Error(`${where}: versioning cannot be suspended while Object Lock or replication is configured (S3 answers 409 InvalidBucketState).`);
    }
    bucket.versioning = settings.versioning;
  }
  if (settings.encryption !== undefined) {
    const { algorithm, kmsMasterKeyId, bucketKeyEnabled } = settings.encryption;
    bucket.encryption = { algorithm: algorithm === "none" ? undefined : algorithm, ...(kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }), bucketKeyEnabled: bucketKeyEnabled ?? false };
  }
  if (settings.requestPayment !== undefined) bucket.requestPayment = settings.requestPayment;
  if (settings.ownership !== undefined) bucket.ownership = settings.ownership ?? undefined;
  if (settings.replication !== undefined) {
    if (settings.replication !== null && bucket.versioning !== "Enabled") throw new Error(`${where}: replication needs versioning Enabled (S3 answers 400 InvalidRequest).`);
    bucket.replication = settings.replication === null ? undefined : (toXml(settings.replication) as XmlObject);
  }
}

/** The SDK shape in S3's XML element names: the flattened lists Rules and Tags are Rule and Tag elements. */
function toXml(value: unknown): XmlNode {
  if (Array.isArray(value)) return value.map(toXml);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== "object") return String(value);
  const out: XmlObject = {};
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    out[name === "Rules" ? "Rule" : name === "Tags" ? "Tag" : name] = toXml(child);
  }
  return out;
}
