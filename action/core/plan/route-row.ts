/**
 * What happens to one inventory row: a skip reason, an S3UpdateObjectEncryption, or an S3PutObjectCopy
 * in the row's storage class. Pure; the scanner decodes a row into `RowFacts` and calls it per row.
 */
import type { PlanOperation, SkipReason } from "../../contracts/plan-schema.ts";

/**
 * S3 Batch copy fails on objects above 5 GiB. Routing reads a row's Size only to compare it with this
 * limit: the scan kernel's row signature keeps just that comparison of Size (route-row.test.ts holds
 * routeRow to it).
 */
export const MAX_COPY_OBJECT_BYTES = 5 * 1024 ** 3;

/** Storage classes a Batch copy can write (S3 Control's S3StorageClass), minus the archived ones. */
export const COPY_STORAGE_CLASSES: ReadonlySet<string> = new Set(["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR"]);

/** Storage classes whose objects must be restored before a copy can read them. */
export const ARCHIVED_STORAGE_CLASSES: ReadonlySet<string> = new Set(["GLACIER", "DEEP_ARCHIVE"]);

export type EncryptionStatus = "SSE-S3" | "SSE-KMS" | "DSSE-KMS" | "SSE-C" | "NOT-SSE";

/** One row, decoded just enough to route it. Enum-like values are already compared case-insensitively. */
export interface RowFacts {
  isDeleteMarker: boolean;
  /** False for noncurrent versions (and when IsLatest is empty: unknown counts as noncurrent). */
  isLatest: boolean;
  /** undefined: the inventory has no EncryptionStatus column; "": an empty or unrecognised value. */
  encryption: EncryptionStatus | "" | undefined;
  bucketKeyEnabled: boolean;
  /** Upper-case storage class; undefined when the inventory has no StorageClass column. Decoded on demand. */
  storageClass(): string | undefined;
  /** Bytes; undefined when the inventory has no Size column. Decoded on demand. */
  size(): number | undefined;
  /** IntelligentTieringAccessTier is an archive tier (ARCHIVE_ACCESS, DEEP_ARCHIVE_ACCESS). */
  archiveTier: boolean;
  legalHold: boolean;
  /** ObjectLockMode is GOVERNANCE or COMPLIANCE. */
  lockMode: boolean;
  /** ObjectLockRetainUntilDate in ms; NaN when empty or unreadable (a set mode then counts as locked). */
  retainUntilMs: number;
  /** Whether the object's ACL grants more than the owner's FULL_CONTROL; undefined without that column. */
  extraAclGrants: (() => boolean) | undefined;
}

export interface RouteContext {
  operation: PlanOperation;
  /** The inventory's creation time: retention ending before it no longer locks the object. */
  inventoryTimeMs: number;
}

export type Route = SkipReason | "update" | "copy";

export function routeRow(facts: RowFacts, context: RouteContext): Route {
  if (facts.isDeleteMarker) return "delete-marker";
  if (facts.bucketKeyEnabled) return "already-bucket-key";
  const encryption = facts.encryption;
  if (encryption === "SSE-C") return "sse-c";
  if (encryption === "DSSE-KMS") return "dsse-kms";
  const copy = context.operation === "copy" || (context.operation === "auto" && encryption === "NOT-SSE");
  if (!copy) {
    const retained = facts.lockMode && !(facts.retainUntilMs <= context.inventoryTimeMs);
    return facts.legalHold || retained ? "object-lock" : "update";
  }
  // A copy writes a new current version: copying an old version would make its content current again.
  if (!facts.isLatest) return encryption === "NOT-SSE" ? "noncurrent-unencrypted" : "noncurrent-version";
  const storageClass = facts.storageClass();
  if (facts.archiveTier || (storageClass !== undefined && ARCHIVED_STORAGE_CLASSES.has(storageClass))) return "archived";
  if (storageClass !== undefined && !COPY_STORAGE_CLASSES.has(storageClass)) return "unsupported-storage-class";
  const size = facts.size();
  if (size !== undefined && size > MAX_COPY_OBJECT_BYTES) return "too-large-for-copy";
  // A copy resets the ACL to private: keep objects that share more than the owner's access out of it.
  if (facts.extraAclGrants?.()) return "acl-grants";
  return "copy";
}
