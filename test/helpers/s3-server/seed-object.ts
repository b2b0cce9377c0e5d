/**
 * Writing objects straight into the store, without HTTP (LocalS3Server.putObject): for states a test
 * needs that the S3 API cannot make any more, such as unencrypted (NOT-SSE) objects from before
 * default encryption, SSE-C or DSSE-KMS objects, old Last-Modified dates or locked versions. The
 * bucket's versioning and default retention apply as for a PutObject.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { checksumOf, type ChecksumAlgorithm } from "./checksums.ts";
import { awsManagedKeyArn, kmsKeyArn } from "./encryption.ts";
import type { LockMode, ObjectEncryption, ObjectLockState, ObjectVersion } from "./object-model.ts";
import { STORAGE_CLASSES } from "./object-headers.ts";
import { defaultRetention } from "./object-lock.ts";
import type { S3Store } from "./s3-store.ts";

export interface SeedObjectOptions {
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
  storageClass?: string;
  /** Default: the bucket's default encryption. "none" makes a NOT-SSE object; "SSE-C" one with a customer key. */
  encryption?: "AES256" | "aws:kms" | "aws:kms:dsse" | "SSE-C" | "none";
  /** Key id, alias or ARN for aws:kms / aws:kms:dsse (default: the bucket's key, else aws/s3). */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
  /** Default: the bucket's default retention, if any. */
  lock?: { mode?: LockMode; retainUntil?: Date; legalHold?: boolean };
  /** Default CRC64NVME, as S3 adds to objects uploaded without a checksum. */
  checksumAlgorithm?: ChecksumAlgorithm;
  lastModified?: Date;
}

/** Returns the new version's id ("null" in unversioned or suspended buckets). */
export async function seedObject(store: S3Store, bucketName: string, key: string, body: string | Uint8Array, options: SeedObjectOptions = {}): Promise<string> {
  const bucket = store.bucket(bucketName);
  const bytes = typeof body === "string" ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const storageClass = options.storageClass ?? "STANDARD";
  if (!STORAGE_CLASSES.includes(storageClass)) throw new Error(`seed ${bucketName}/${key}: unknown storage class "${storageClass}" (expected one of ${STORAGE_CLASSES.join(", ")}).`);
  const lastModified = new Date(Math.floor((options.lastModified ?? store.now()).getTime() / 1000) * 1000);
  const bodyPath = store.newBodyPath();
  await writeFile(bodyPath, bytes);
  const algorithm = options.checksumAlgorithm ?? "CRC64NVME";
  const version: ObjectVersion = {
    key,
    versionId: "",
    deleteMarker: false,
    lastModified,
    size: bytes.length,
    etag: createHash("md5").update(bytes).digest("hex"),
    bodyPath,
    contentType: options.contentType ?? "binary/octet-stream",
    metadata: Object.fromEntries(Object.entries(options.metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    tags: Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    storageClass,
    encryption: seedEncryption(store, bucketName, options),
    checksum: { algorithm, value: checksumOf(algorithm, bytes), type: "FULL_OBJECT" },
    partsCount: undefined,
    lock: seedLock(store, bucketName, lastModified, options.lock),
  };
  await store.putVersion(bucket, version);
  return version.versionId;
}

function seedEncryption(store: S3Store, bucketName: string, options: SeedObjectOptions): ObjectEncryption {
  const bucket = store.bucket(bucketName);
  const algorithm = options.encryption ?? bucket.encryption.algorithm ?? "none";
  if (algorithm === "none") return { algorithm: undefined, bucketKeyEnabled: false };
  if (algorithm === "SSE-C") return { algorithm: undefined, bucketKeyEnabled: false, customerKeyMd5: createHash("md5").update(Buffer.alloc(32, 7)).digest("base64") };
  if (algorithm === "AES256") return { algorithm, bucketKeyEnabled: false };
  const defaultKey = options.encryption === undefined ? bucket.encryption.kmsMasterKeyId : undefined;
  const key = options.kmsKeyId ?? defaultKey;
  return {
    algorithm,
    kmsKeyArn: key === undefined ? awsManagedKeyArn(bucket.region, store.accountId) : kmsKeyArn(key, bucket.region, store.accountId),
    bucketKeyEnabled: algorithm === "aws:kms" && (options.bucketKeyEnabled ?? bucket.encryption.bucketKeyEnabled),
  };
}

function seedLock(store: S3Store, bucketName: string, created: Date, lock: SeedObjectOptions["lock"]): ObjectLockState {
  const bucket = store.bucket(bucketName);
  if (lock !== undefined) {
    if (!bucket.objectLock.enabled) throw new Error(`seed ${bucketName}: the bucket has no Object Lock (create it with objectLock: true).`);
    return { mode: lock.mode, retainUntil: lock.retainUntil, legalHold: lock.legalHold === undefined ? undefined : lock.legalHold ? "ON" : "OFF" };
  }
  return defaultRetention(bucket, created);
}
