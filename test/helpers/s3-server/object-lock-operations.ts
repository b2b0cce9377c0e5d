/**
 * PutObjectRetention, GetObjectRetention, PutObjectLegalHold, GetObjectLegalHold on one object
 * version. A retention can always be extended; COMPLIANCE can never be shortened or removed, and
 * GOVERNANCE only with x-amz-bypass-governance-retention: true (UG "Object Lock retention modes").
 */
import { readSmallBody } from "./body-receiver.ts";
import { versionIdHeader } from "./object-headers.ts";
import { parseLockMode, parseRetainUntil, retentionActive } from "./object-lock.ts";
import { locateObject } from "./object-lookup.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlString } from "./xml-codec.ts";

const NO_LOCK = (): S3Error => new S3Error(404, "NoSuchObjectLockConfiguration", "The specified object does not have a ObjectLock configuration");

export const putObjectRetention: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const { bucket, version } = locateObject(request, server);
  if (!bucket.objectLock.enabled) throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration");
  const retention = parseRequestXml(body, "Retention");
  const now = server.store.now();
  const modeText = xmlString(retention.Mode);
  const untilText = xmlString(retention.RetainUntilDate);
  if ((modeText === undefined) !== (untilText === undefined)) throw S3Error.malformedXml();
  const mode = modeText === undefined ? undefined : parseLockMode(modeText, "Mode");
  const until = untilText === undefined ? undefined : parseRetainUntil(untilText, "RetainUntilDate", now);
  if (retentionActive(version.lock, now)) {
    const current = version.lock.retainUntil as Date;
    const weaker = until === undefined || until.getTime() < current.getTime() || (version.lock.mode === "COMPLIANCE" && mode !== "COMPLIANCE");
    const bypass = request.header("x-amz-bypass-governance-retention") === "true";
    if (weaker && (version.lock.mode === "COMPLIANCE" || !bypass)) throw S3Error.accessDenied("Access Denied because object protected by object lock.");
  }
  version.lock.mode = mode;
  version.lock.retainUntil = until;
  return { status: 200, headers: { "x-amz-version-id": versionIdHeader(bucket, version) } };
};

export const getObjectRetention: OperationHandler = async (request, server) => {
  const { bucket, version } = locateObject(request, server);
  if (!bucket.objectLock.enabled) throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration");
  if (version.lock.mode === undefined) throw NO_LOCK();
  return { status: 200, xml: { root: "Retention", content: { Mode: version.lock.mode, RetainUntilDate: version.lock.retainUntil } } };
};

export const putObjectLegalHold: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const { bucket, version } = locateObject(request, server);
  if (!bucket.objectLock.enabled) throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration");
  const status = xmlString(parseRequestXml(body, "LegalHold").Status);
  if (status !== "ON" && status !== "OFF") throw S3Error.malformedXml();
  version.lock.legalHold = status;
  return { status: 200, headers: { "x-amz-version-id": versionIdHeader(bucket, version) } };
};

export const getObjectLegalHold: OperationHandler = async (request, server) => {
  const { bucket, version } = locateObject(request, server);
  if (!bucket.objectLock.enabled) throw S3Error.invalidRequest("Bucket is missing Object Lock Configuration");
  if (version.lock.legalHold === undefined) throw NO_LOCK();
  return { status: 200, xml: { root: "LegalHold", content: { Status: version.lock.legalHold } } };
};
