/**
 * Put, Get (and Delete where S3 has it) of a bucket's configuration: default encryption (SSE-S3 on
 * every bucket since January 2023; DeleteBucketEncryption resets to it), replication (needs
 * versioning Enabled), Object Lock (needs versioning Enabled; default retention in Days or Years),
 * request payment, ownership controls (set on every new bucket). Absent configurations answer the
 * "...NotFoundError" codes S3 uses.
 */
import { readSmallBody } from "./body-receiver.ts";
import type { DefaultRetention, SseAlgorithm } from "./object-model.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlGet, xmlItems, xmlString, type XmlNode } from "./xml-codec.ts";

const notFound = (code: string, message: string): S3Error => new S3Error(404, code, message);

export const getBucketEncryption: OperationHandler = async (request, server) => {
  const { encryption } = server.store.bucket(request.bucket ?? "");
  if (encryption.algorithm === undefined) throw notFound("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found");
  const byDefault = { SSEAlgorithm: encryption.algorithm, KMSMasterKeyID: encryption.kmsMasterKeyId };
  return { status: 200, xml: { root: "ServerSideEncryptionConfiguration", content: { Rule: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: encryption.bucketKeyEnabled }] } } };
};

export const putBucketEncryption: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const rules = xmlItems(parseRequestXml(body, "ServerSideEncryptionConfiguration").Rule);
  if (rules.length !== 1) throw S3Error.malformedXml();
  const algorithm = xmlString(xmlGet(rules[0], "ApplyServerSideEncryptionByDefault", "SSEAlgorithm"));
  const keyId = xmlString(xmlGet(rules[0], "ApplyServerSideEncryptionByDefault", "KMSMasterKeyID"));
  const bucketKey = xmlString(xmlGet(rules[0], "BucketKeyEnabled"));
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") throw S3Error.malformedXml();
  if (keyId !== undefined && algorithm === "AES256") {
    throw S3Error.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault", "");
  }
  if (bucketKey !== undefined && bucketKey !== "true" && bucketKey !== "false") throw S3Error.malformedXml();
  bucket.encryption = { algorithm: algorithm as SseAlgorithm, ...(keyId === undefined || keyId === "" ? {} : { kmsMasterKeyId: keyId }), bucketKeyEnabled: bucketKey === "true" };
  return { status: 200 };
};

export const deleteBucketEncryption: OperationHandler = async (request, server) => {
  server.store.bucket(request.bucket ?? "").encryption = { algorithm: "AES256", bucketKeyEnabled: false };
  return { status: 204 };
};

export const getBucketReplication: OperationHandler = async (request, server) => {
  const { replication } = server.store.bucket(request.bucket ?? "");
  if (replication === undefined) throw notFound("ReplicationConfigurationNotFoundError", "The replication configuration was not found");
  return { status: 200, xml: { root: "ReplicationConfiguration", content: replication } };
};

export const putBucketReplication: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const configuration = parseRequestXml(body, "ReplicationConfiguration");
  if (bucket.versioning !== "Enabled") throw S3Error.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  const rules = xmlItems(configuration.Rule);
  const valid = (rule: XmlNode): boolean =>
    ["Enabled", "Disabled"].includes(xmlString(xmlGet(rule, "Status")) ?? "") && /^arn:[^:]+:s3:::[^/]+$/.test(xmlString(xmlGet(rule, "Destination", "Bucket")) ?? "");
  if (xmlString(configuration.Role) === undefined || rules.length === 0 || !rules.every(valid)) throw S3Error.malformedXml();
  bucket.replication = configuration;
  return { status: 200 };
};

export const deleteBucketReplication: OperationHandler = async (request, server) => {
  server.store.bucket(request.bucket ?? "").replication = undefined;
  return { status: 204 };
};

export const getObjectLockConfiguration: OperationHandler = async (request, server) => {
  const { objectLock } = server.store.bucket(request.bucket ?? "");
  if (!objectLock.enabled) throw notFound("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket");
  const rule = objectLock.rule === undefined ? undefined : { DefaultRetention: { Mode: objectLock.rule.mode, Days: objectLock.rule.days, Years: objectLock.rule.years } };
  return { status: 200, xml: { root: "ObjectLockConfiguration", content: { ObjectLockEnabled: "Enabled", Rule: rule } } };
};

export const putObjectLockConfiguration: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const configuration = parseRequestXml(body, "ObjectLockConfiguration");
  if (xmlString(configuration.ObjectLockEnabled) !== "Enabled") throw S3Error.malformedXml();
  if (!bucket.objectLock.enabled && bucket.versioning !== "Enabled") {
    throw new S3Error(409, "InvalidBucketState", "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
  }
  const rules = xmlItems(configuration.Rule);
  if (rules.length > 1) throw S3Error.malformedXml();
  bucket.objectLock = { enabled: true, rule: rules[0] === undefined ? undefined : parseDefaultRetention(rules[0]) };
  return { status: 200 };
};

function parseDefaultRetention(rule: XmlNode): DefaultRetention {
  const mode = xmlString(xmlGet(rule, "DefaultRetention", "Mode"));
  const days = xmlString(xmlGet(rule, "DefaultRetention", "Days"));
  const years = xmlString(xmlGet(rule, "DefaultRetention", "Years"));
  if (mode !== "GOVERNANCE" && mode !== "COMPLIANCE") throw S3Error.malformedXml();
  if ((days === undefined) === (years === undefined)) throw S3Error.malformedXml();
  const period = Number(days ?? years);
  if (!Number.isInteger(period) || period <= 0) throw S3Error.invalidArgument("Default retention period must be a positive integer value.", "DefaultRetention", days ?? years ?? "");
  return days === undefined ? { mode, years: period } : { mode, days: period };
}

export const getBucketRequestPayment: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  return { status: 200, xml: { root: "RequestPaymentConfiguration", content: { Payer: bucket.requestPayment } } };
};

export const putBucketRequestPayment: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const payer = xmlString(parseRequestXml(body, "RequestPaymentConfiguration").Payer);
  if (payer !== "BucketOwner" && payer !== "Requester") throw S3Error.malformedXml();
  bucket.requestPayment = payer;
  return { status: 200 };
};

export const getBucketOwnershipControls: OperationHandler = async (request, server) => {
  const { ownership } = server.store.bucket(request.bucket ?? "");
  if (ownership === undefined) throw notFound("OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
  return { status: 200, xml: { root: "OwnershipControls", content: { Rule: [{ ObjectOwnership: ownership }] } } };
};

export const putBucketOwnershipControls: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const bucket = server.store.bucket(request.bucket ?? "");
  const rules = xmlItems(parseRequestXml(body, "OwnershipControls").Rule);
  const ownership = xmlString(xmlGet(rules[0], "ObjectOwnership"));
  if (rules.length !== 1 || !["BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"].includes(ownership ?? "")) throw S3Error.malformedXml();
  bucket.ownership = ownership;
  return { status: 200 };
};

export const deleteBucketOwnershipControls: OperationHandler = async (request, server) => {
  server.store.bucket(request.bucket ?? "").ownership = undefined;
  return { status: 204 };
};
