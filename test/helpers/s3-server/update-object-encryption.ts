/**
 * UpdateObjectEncryption (PUT /{Key+}?encryption, added to the S3 API on 2026-01-28): re-encrypts one
 * object version in place to SSE-KMS with the given key and BucketKeyEnabled. It "preserves all object
 * metadata properties, including the storage class, creation date, last modified date, ETag, and
 * checksum properties" and moves no data. Refusals, in the API Reference's words: 400 InvalidRequest
 * for unencrypted, SSE-C and DSSE-KMS sources and for a request without an SSE-KMS key ARN; 403
 * AccessDenied for a key from another account and for objects under Object Lock retention or legal hold.
 */
import { readSmallBody } from "./body-receiver.ts";
import { versionIdHeader } from "./object-headers.ts";
import { isLocked } from "./object-lock.ts";
import { locateObject } from "./object-lookup.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { parseRequestXml, xmlGet, xmlString, type XmlObject } from "./xml-codec.ts";

const KMS_KEY_ARN = /^arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:(\d{12}):key\/[a-zA-Z0-9-]+$/;

const MESSAGES = {
  unencrypted: "The UpdateObjectEncryption operation doesn't supported unencrypted source objects. Only source objects encrypted with SSE-S3 or SSE-KMS are supported.",
  unsupportedSource: "The UpdateObjectEncryption operation doesn't support source objects with the encryption type DSSE-KMS or SSE-C. Only source objects encrypted with SSE-S3 or SSE-KMS are supported.",
  unsupportedTarget: "The UpdateObjectEncryption operation doesn't support updating the encryption type to DSSE-KMS or SSE-C. Modify the request to specify SSE-KMS for the updated encryption type, and then try again.",
  noType: "Requests that modify an object encryption configuration require a valid new encryption type. Valid values are SSEKMS. Modify the request to specify SSE-KMS for the updated encryption type, and then try again.",
  noKey: "Requests that modify an object's encryption type to SSE-KMS require an Amazon Web Services KMS key Amazon Resource Name (ARN). Modify the request to specify a KMS key ARN, and then try again.",
  badKey: "Requests that modify an object's encryption type to SSE-KMS require a valid Amazon Web Services KMS key Amazon Resource Name (ARN). Confirm that you have a correctly formatted KMS key ARN in your request, and then try again.",
  badBucketKey: "The BucketKeyEnabled value isn't valid. Valid values are true or false. Modify the request to specify a valid value, and then try again.",
  otherAccount: "The Amazon Web Services KMS key in the request must be owned by the same account as the bucket. Modify the request to specify a KMS key from the same account, and then try again.",
  locked:
    "The encryption type for the specified object can’t be updated because that object is protected by S3 Object Lock. If the object has a governance-mode retention period or a legal hold, you must first remove the Object Lock status on the object before you issue your UpdateObjectEncryption request. You can't use the UpdateObjectEncryption operation with objects that have an Object Lock compliance mode retention period applied to them.",
};

export const updateObjectEncryption: OperationHandler = async (request, server) => {
  const body = await readSmallBody(request);
  const target = parseTarget(body.length === 0 ? {} : parseRequestXml(body, "ObjectEncryption"));
  const { bucket, version } = locateObject(request, server);
  const account = KMS_KEY_ARN.exec(target.keyArn)?.[1];
  if (account !== server.store.accountId) throw S3Error.accessDenied(MESSAGES.otherAccount);
  if (version.encryption.customerKeyMd5 !== undefined || version.encryption.algorithm === "aws:kms:dsse") throw S3Error.invalidRequest(MESSAGES.unsupportedSource);
  if (version.encryption.algorithm === undefined) throw S3Error.invalidRequest(MESSAGES.unencrypted);
  if (isLocked(version, server.store.now())) throw S3Error.accessDenied(MESSAGES.locked);
  version.encryption = { algorithm: "aws:kms", kmsKeyArn: target.keyArn, bucketKeyEnabled: target.bucketKeyEnabled };
  return { status: 200, headers: { "x-amz-version-id": versionIdHeader(bucket, version) } };
};

function parseTarget(document: XmlObject): { keyArn: string; bucketKeyEnabled: boolean } {
  const members = Object.keys(document);
  if (members.some((name) => name === "SSE-C" || name === "DSSE-KMS")) throw S3Error.invalidRequest(MESSAGES.unsupportedTarget);
  const sseKms = xmlGet(document, "SSE-KMS");
  if (sseKms === undefined || members.length !== 1) throw S3Error.invalidRequest(MESSAGES.noType);
  const keyArn = xmlString(xmlGet(sseKms, "KMSKeyArn"));
  if (keyArn === undefined || keyArn === "") throw S3Error.invalidRequest(MESSAGES.noKey);
  if (!KMS_KEY_ARN.test(keyArn)) throw S3Error.invalidRequest(MESSAGES.badKey);
  const bucketKey = xmlString(xmlGet(sseKms, "BucketKeyEnabled"));
  if (bucketKey !== undefined && bucketKey !== "true" && bucketKey !== "false") throw S3Error.invalidRequest(MESSAGES.badBucketKey);
  return { keyArn, bucketKeyEnabled: bucketKey === "true" };
}
