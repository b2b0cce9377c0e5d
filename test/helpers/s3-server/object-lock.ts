/**
 * Object Lock on object versions (UG "Locking objects with Object Lock"): retention (mode and
 * retain-until date) and legal hold, from x-amz-object-lock-* headers or the bucket's default
 * retention ("calculates a Retain Until Date for the object version by adding the specified duration
 * to the object version's creation timestamp"); what a lock forbids (deleting a locked version,
 * shortening COMPLIANCE, shortening GOVERNANCE without x-amz-bypass-governance-retention).
 */
import { declaredChecksum } from "./body-receiver.ts";
import type { BucketState, LockMode, ObjectLockState, ObjectVersion } from "./object-model.ts";
import type { S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export function parseLockMode(value: string | undefined, name: string): LockMode {
  if (value !== "GOVERNANCE" && value !== "COMPLIANCE") throw S3Error.invalidArgument("Unknown wormMode directive.", name, value ?? "");
  return value;
}

/**
 * The lock of a new version: explicit headers override the bucket's default retention. A PUT that
 * sets a lock must prove its body's integrity (Content-MD5 or an x-amz-checksum-*); a copy has no body.
 */
export function lockForNewVersion(request: S3Request, bucket: BucketState, created: Date, options: { integrityHeader: boolean } = { integrityHeader: true }): ObjectLockState {
  const mode = request.header("x-amz-object-lock-mode");
  const until = request.header("x-amz-object-lock-retain-until-date");
  const hold = request.header("x-amz-object-lock-legal-hold");
  const explicit = mode !== undefined || until !== undefined || hold !== undefined;
  if (explicit && !bucket.objectLock.enabled) throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration");
  if ((mode === undefined) !== (until === undefined)) {
    throw S3Error.invalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied", mode === undefined ? "x-amz-object-lock-mode" : "x-amz-object-lock-retain-until-date", "");
  }
  if (hold !== undefined && hold !== "ON" && hold !== "OFF") throw S3Error.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'", "x-amz-object-lock-legal-hold", hold);
  const lock: ObjectLockState = hold === undefined ? {} : { legalHold: hold };
  if (mode !== undefined && until !== undefined) {
    lock.mode = parseLockMode(mode, "x-amz-object-lock-mode");
    lock.retainUntil = parseRetainUntil(until, "x-amz-object-lock-retain-until-date", created);
  } else {
    Object.assign(lock, defaultRetention(bucket, created));
  }
  const locked = lock.mode !== undefined || lock.legalHold === "ON";
  if (locked && options.integrityHeader && request.header("content-md5") === undefined && declaredChecksum(request) === undefined) {
    throw S3Error.invalidRequest("Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");
  }
  return lock;
}

/** The bucket's default retention for a version created at `created` (empty when the bucket has none). */
export function defaultRetention(bucket: BucketState, created: Date): ObjectLockState {
  const rule = bucket.objectLock.rule;
  if (rule === undefined) return {};
  const retainUntil = new Date(created);
  if (rule.years !== undefined) retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + rule.years);
  else retainUntil.setTime(retainUntil.getTime() + (rule.days ?? 0) * DAY_MS);
  return { mode: rule.mode, retainUntil };
}

export function parseRetainUntil(value: string, name: string, now: Date): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw S3Error.invalidArgument("The retain until date is not a valid date.", name, value);
  if (date.getTime() <= now.getTime()) throw S3Error.invalidArgument("The retain until date must be in the future!", name, value);
  return date;
}

export function retentionActive(lock: ObjectLockState, now: Date): boolean {
  return lock.mode !== undefined && lock.retainUntil !== undefined && lock.retainUntil.getTime() > now.getTime();
}

/** Whether a version is under Object Lock protection now: active retention or a legal hold. */
export function isLocked(version: ObjectVersion, now: Date): boolean {
  return retentionActive(version.lock, now) || version.lock.legalHold === "ON";
}

/** Permanently deleting a version: refused under legal hold, COMPLIANCE, or GOVERNANCE without bypass. */
export function checkVersionDeletable(request: S3Request, version: ObjectVersion, now: Date): void {
  if (version.lock.legalHold === "ON") throw S3Error.accessDenied("Access Denied because object protected by object lock.");
  if (!retentionActive(version.lock, now)) return;
  if (version.lock.mode === "GOVERNANCE" && request.header("x-amz-bypass-governance-retention") === "true") return;
  throw S3Error.accessDenied("Access Denied because object protected by object lock.");
}
