/**
 * The test-facing view of an object version (LocalS3Server.objectVersions / head): plain data in the
 * SDK's field names, copied so a test cannot change the server's state by accident.
 */
import type { ChecksumAlgorithm, ChecksumType } from "./checksums.ts";
import type { BucketState, LockMode, ObjectVersion } from "./object-model.ts";

export interface ObjectVersionInfo {
  key: string;
  versionId: string;
  isLatest: boolean;
  isDeleteMarker: boolean;
  lastModified: Date;
  size: number;
  /** Quoted, as S3 returns it. */
  etag: string;
  storageClass: string;
  /** undefined: not encrypted (NOT-SSE) or SSE-C. */
  serverSideEncryption: "AES256" | "aws:kms" | "aws:kms:dsse" | undefined;
  sseKmsKeyId: string | undefined;
  bucketKeyEnabled: boolean;
  /** SSE-C objects: the base64 MD5 of the customer key. */
  sseCustomerKeyMd5: string | undefined;
  contentType: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  checksum: { algorithm: ChecksumAlgorithm; value: string; type: ChecksumType } | undefined;
  objectLock: { mode: LockMode | undefined; retainUntilDate: Date | undefined; legalHold: "ON" | "OFF" | undefined };
  partsCount: number | undefined;
}

export function versionInfo(bucket: BucketState, version: ObjectVersion): ObjectVersionInfo {
  return {
    key: version.key,
    versionId: version.versionId,
    isLatest: bucket.objects.get(version.key)?.[0] === version,
    isDeleteMarker: version.deleteMarker,
    lastModified: new Date(version.lastModified),
    size: version.size,
    etag: version.deleteMarker ? "" : `"${version.etag}"`,
    storageClass: version.storageClass,
    serverSideEncryption: version.encryption.algorithm,
    sseKmsKeyId: version.encryption.kmsKeyArn,
    bucketKeyEnabled: version.encryption.bucketKeyEnabled,
    sseCustomerKeyMd5: version.encryption.customerKeyMd5,
    contentType: version.contentType,
    metadata: { ...version.metadata },
    tags: Object.fromEntries(version.tags.map((tag) => [tag.Key, tag.Value])),
    checksum: version.checksum === undefined ? undefined : { ...version.checksum },
    objectLock: { mode: version.lock.mode, retainUntilDate: version.lock.retainUntil === undefined ? undefined : new Date(version.lock.retainUntil), legalHold: version.lock.legalHold },
    partsCount: version.partsCount,
  };
}
