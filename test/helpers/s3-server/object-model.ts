/**
 * What the local S3 server keeps: buckets with their configuration, and per key a stack of object
 * versions (newest first) whose bodies are files on disk. Metadata lives in memory.
 */
import type { StoredChecksum, ChecksumAlgorithm, ChecksumType } from "./checksums.ts";
import type { SortedKeys } from "./sorted-keys.ts";
import type { XmlObject } from "./xml-codec.ts";

export type SseAlgorithm = "AES256" | "aws:kms" | "aws:kms:dsse";
export type LockMode = "GOVERNANCE" | "COMPLIANCE";

/** An object's server-side encryption. `algorithm` undefined means not encrypted (NOT-SSE, pre-2023 objects). */
export interface ObjectEncryption {
  algorithm: SseAlgorithm | undefined;
  /** Full key ARN for aws:kms and aws:kms:dsse. */
  kmsKeyArn?: string;
  bucketKeyEnabled: boolean;
  /** SSE-C: base64 MD5 of the customer key (the key itself is never kept). */
  customerKeyMd5?: string;
  context?: string;
}

export interface ObjectLockState {
  mode?: LockMode;
  retainUntil?: Date;
  /** undefined: never set (GetObjectLegalHold answers NoSuchObjectLockConfiguration). */
  legalHold?: "ON" | "OFF";
}

export interface ContentAttributes {
  contentType: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  expires?: string;
  websiteRedirectLocation?: string;
  /** User metadata, keys lower-case without the x-amz-meta- prefix. */
  metadata: Record<string, string>;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface ObjectVersion extends ContentAttributes {
  key: string;
  /** "null" for the null version. */
  versionId: string;
  deleteMarker: boolean;
  /** Whole seconds, as S3's Last-Modified. */
  lastModified: Date;
  size: number;
  /** Bare ETag (no quotes): MD5 hex, or "<md5 of part md5s>-<parts>" for multipart uploads. */
  etag: string;
  /** The body file; undefined for delete markers. */
  bodyPath: string | undefined;
  tags: Tag[];
  storageClass: string;
  encryption: ObjectEncryption;
  checksum: StoredChecksum | undefined;
  partsCount: number | undefined;
  lock: ObjectLockState;
}

export interface DefaultEncryption {
  /** undefined: no default encryption configured (buckets before 2023; only through the test API). */
  algorithm: SseAlgorithm | undefined;
  /** KMSMasterKeyID as configured (key id, key ARN or alias). */
  kmsMasterKeyId?: string;
  bucketKeyEnabled: boolean;
}

export interface DefaultRetention {
  mode: LockMode;
  days?: number;
  years?: number;
}

export interface MultipartPart {
  partNumber: number;
  bodyPath: string;
  size: number;
  etag: string;
  checksum: string | undefined;
  lastModified: Date;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: Date;
  attributes: ContentAttributes;
  tags: Tag[];
  storageClass: string;
  encryption: ObjectEncryption;
  lock: ObjectLockState;
  /** Whether `lock` came from x-amz-object-lock-* headers (else the default retention applies at completion). */
  explicitLock: boolean;
  checksumAlgorithm: ChecksumAlgorithm | undefined;
  checksumType: ChecksumType | undefined;
  parts: Map<number, MultipartPart>;
}

export interface BucketState {
  name: string;
  region: string;
  creationDate: Date;
  versioning: "Enabled" | "Suspended" | undefined;
  encryption: DefaultEncryption;
  /** The ReplicationConfiguration as sent (parsed), or undefined. */
  replication: XmlObject | undefined;
  objectLock: { enabled: boolean; rule: DefaultRetention | undefined };
  requestPayment: "BucketOwner" | "Requester";
  /** ObjectOwnership, or undefined when the bucket has no OwnershipControls. */
  ownership: string | undefined;
  keys: SortedKeys;
  /** Versions per key, newest first. */
  objects: Map<string, ObjectVersion[]>;
  uploads: Map<string, MultipartUpload>;
  /** Operation name -> AccessDenied message, set by the test control deny(). */
  denied: Map<string, string>;
}
