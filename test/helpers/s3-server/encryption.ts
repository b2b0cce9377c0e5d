/**
 * Server-side encryption of a write, as S3 decides it (API_PutObject, API_CopyObject, UG "Setting
 * default server-side encryption behavior"): the request's x-amz-server-side-encryption headers
 * when given, otherwise the bucket's default encryption — never the copy source's. A KMS key is
 * kept as a full key ARN (HeadObject returns the ARN); aws:kms without a key id uses the AWS managed
 * key aws/s3. BucketKeyEnabled comes from the request header, else from the bucket's rule.
 */
import { createHash } from "node:crypto";
import type { BucketState, ObjectEncryption, SseAlgorithm } from "./object-model.ts";
import type { S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

const ALGORITHMS: readonly string[] = ["AES256", "aws:kms", "aws:kms:dsse"];
/** The key id this server gives the AWS managed key aws/s3 in every account. */
export const AWS_MANAGED_S3_KEY_ID = "a0a0a0a0-0000-4000-8000-0000000a0053";

export function kmsKeyArn(keyId: string, region: string, accountId: string): string {
  if (keyId.startsWith("arn:")) return keyId;
  if (keyId.startsWith("alias/")) return `arn:aws:kms:${region}:${accountId}:${keyId}`;
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

export function awsManagedKeyArn(region: string, accountId: string): string {
  return kmsKeyArn(AWS_MANAGED_S3_KEY_ID, region, accountId);
}

/** The encryption of a new object (PutObject, CopyObject, CreateMultipartUpload). */
export function resolveWriteEncryption(request: S3Request, bucket: BucketState, accountId: string): ObjectEncryption {
  const algorithm = request.header("x-amz-server-side-encryption");
  const keyId = request.header("x-amz-server-side-encryption-aws-kms-key-id");
  const bucketKeyHeader = request.header("x-amz-server-side-encryption-bucket-key-enabled");
  const context = request.header("x-amz-server-side-encryption-context");
  const customer = readCustomerKey(request, "x-amz-server-side-encryption-customer-");
  if (algorithm !== undefined && !ALGORITHMS.includes(algorithm)) {
    throw S3Error.invalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", algorithm);
  }
  if (customer !== undefined) {
    if (algorithm !== undefined || keyId !== undefined) {
      throw S3Error.invalidArgument("Server Side Encryption with Customer provided key is incompatible with the encryption method specified", "x-amz-server-side-encryption", algorithm ?? "");
    }
    return { algorithm: undefined, bucketKeyEnabled: false, customerKeyMd5: customer };
  }
  if (bucketKeyHeader !== undefined && bucketKeyHeader !== "true" && bucketKeyHeader !== "false") {
    throw S3Error.invalidArgument("The header 'x-amz-server-side-encryption-bucket-key-enabled' shall be either 'true' or 'false'.", "x-amz-server-side-encryption-bucket-key-enabled", bucketKeyHeader);
  }
  const chosen = (algorithm ?? bucket.encryption.algorithm) as SseAlgorithm | undefined;
  if ((keyId !== undefined || context !== undefined) && chosen !== "aws:kms" && chosen !== "aws:kms:dsse") {
    throw S3Error.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", keyId ?? "");
  }
  if (chosen === undefined) return { algorithm: undefined, bucketKeyEnabled: false };
  if (chosen === "AES256") return { algorithm: "AES256", bucketKeyEnabled: false };
  const configuredKey = algorithm === undefined ? bucket.encryption.kmsMasterKeyId : undefined;
  const key = keyId ?? configuredKey;
  const bucketKey = chosen === "aws:kms" && (bucketKeyHeader === undefined ? bucket.encryption.bucketKeyEnabled : bucketKeyHeader === "true");
  return {
    algorithm: chosen,
    kmsKeyArn: key === undefined ? awsManagedKeyArn(bucket.region, accountId) : kmsKeyArn(key, bucket.region, accountId),
    bucketKeyEnabled: bucketKey,
    ...(context === undefined ? {} : { context }),
  };
}

/** The SSE headers of an object on GET, HEAD and write responses. */
export function encryptionHeaders(encryption: ObjectEncryption): Record<string, string | undefined> {
  if (encryption.customerKeyMd5 !== undefined) {
    return { "x-amz-server-side-encryption-customer-algorithm": "AES256", "x-amz-server-side-encryption-customer-key-md5": encryption.customerKeyMd5 };
  }
  return {
    "x-amz-server-side-encryption": encryption.algorithm,
    "x-amz-server-side-encryption-aws-kms-key-id": encryption.kmsKeyArn,
    "x-amz-server-side-encryption-bucket-key-enabled": encryption.bucketKeyEnabled ? "true" : undefined,
  };
}

/**
 * Reading an SSE-C object needs its customer key (API_GetObject: "you must provide ... the same
 * encryption key"); the key headers on any other object are an error. `prefix` is
 * "x-amz-server-side-encryption-customer-" or "x-amz-copy-source-server-side-encryption-customer-".
 */
export function checkReadEncryption(request: S3Request, encryption: ObjectEncryption, prefix = "x-amz-server-side-encryption-customer-"): void {
  const given = readCustomerKey(request, prefix);
  if (encryption.customerKeyMd5 === undefined) {
    if (given !== undefined) throw S3Error.invalidRequest("The encryption parameters are not applicable to this object.");
    return;
  }
  if (given === undefined) {
    throw S3Error.invalidRequest("The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.");
  }
  if (given !== encryption.customerKeyMd5) throw S3Error.accessDenied("Access Denied: the customer-provided key does not match the key the object was stored with.");
}

/** The base64 MD5 of a valid SSE-C key in the request, or undefined when none is given. */
function readCustomerKey(request: S3Request, prefix: string): string | undefined {
  const algorithm = request.header(`${prefix}algorithm`);
  const key = request.header(`${prefix}key`);
  const md5 = request.header(`${prefix}key-md5`);
  if (algorithm === undefined && key === undefined && md5 === undefined) return undefined;
  if (algorithm !== "AES256") throw S3Error.invalidArgument("The server-side encryption algorithm for customer-provided keys must be AES256.", `${prefix}algorithm`, algorithm ?? "");
  const raw = Buffer.from(key ?? "", "base64");
  if (raw.length !== 32) throw S3Error.invalidArgument("The secret key was invalid for the specified algorithm.", `${prefix}key`, "");
  const actual = createHash("md5").update(raw).digest("base64");
  if (md5 !== undefined && md5 !== actual) throw S3Error.invalidArgument("The calculated MD5 hash of the key did not match the hash that was provided.", `${prefix}key-MD5`, md5);
  return actual;
}
