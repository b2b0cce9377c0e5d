/**
 * Names the S3 operation a path-style request asks for, from its method, whether it names a bucket
 * or an object, and its subresource query parameter (?versioning, ?uploads, ...), as the S3 API
 * Reference's request syntax defines them. A subresource this server does not implement answers
 * 501 NotImplemented naming it, so a test never passes against a silently ignored call.
 */
import { S3Error } from "./s3-error.ts";

interface Route {
  /** Subresource query parameter, "" for none. */
  sub: string;
  operation: string;
}

const BUCKET_ROUTES: Record<string, Route[]> = {
  PUT: [
    { sub: "versioning", operation: "PutBucketVersioning" },
    { sub: "encryption", operation: "PutBucketEncryption" },
    { sub: "replication", operation: "PutBucketReplication" },
    { sub: "object-lock", operation: "PutObjectLockConfiguration" },
    { sub: "requestPayment", operation: "PutBucketRequestPayment" },
    { sub: "ownershipControls", operation: "PutBucketOwnershipControls" },
    { sub: "", operation: "CreateBucket" },
  ],
  GET: [
    { sub: "versioning", operation: "GetBucketVersioning" },
    { sub: "encryption", operation: "GetBucketEncryption" },
    { sub: "replication", operation: "GetBucketReplication" },
    { sub: "object-lock", operation: "GetObjectLockConfiguration" },
    { sub: "requestPayment", operation: "GetBucketRequestPayment" },
    { sub: "ownershipControls", operation: "GetBucketOwnershipControls" },
    { sub: "location", operation: "GetBucketLocation" },
    { sub: "versions", operation: "ListObjectVersions" },
    { sub: "", operation: "ListObjects" },
  ],
  DELETE: [
    { sub: "encryption", operation: "DeleteBucketEncryption" },
    { sub: "replication", operation: "DeleteBucketReplication" },
    { sub: "ownershipControls", operation: "DeleteBucketOwnershipControls" },
    { sub: "", operation: "DeleteBucket" },
  ],
  HEAD: [{ sub: "", operation: "HeadBucket" }],
  POST: [{ sub: "delete", operation: "DeleteObjects" }],
};

const OBJECT_ROUTES: Record<string, Route[]> = {
  PUT: [
    { sub: "tagging", operation: "PutObjectTagging" },
    { sub: "retention", operation: "PutObjectRetention" },
    { sub: "legal-hold", operation: "PutObjectLegalHold" },
    { sub: "encryption", operation: "UpdateObjectEncryption" },
    { sub: "uploadId", operation: "UploadPart" },
    { sub: "", operation: "PutObject" },
  ],
  GET: [
    { sub: "tagging", operation: "GetObjectTagging" },
    { sub: "retention", operation: "GetObjectRetention" },
    { sub: "legal-hold", operation: "GetObjectLegalHold" },
    { sub: "uploadId", operation: "ListParts" },
    { sub: "", operation: "GetObject" },
  ],
  HEAD: [{ sub: "", operation: "HeadObject" }],
  DELETE: [
    { sub: "tagging", operation: "DeleteObjectTagging" },
    { sub: "uploadId", operation: "AbortMultipartUpload" },
    { sub: "", operation: "DeleteObject" },
  ],
  POST: [
    { sub: "uploads", operation: "CreateMultipartUpload" },
    { sub: "uploadId", operation: "CompleteMultipartUpload" },
  ],
};

/** Query parameters that are arguments, not subresources. */
const ARGUMENTS = new Set([
  "x-id",
  "versionId",
  "partNumber",
  "list-type",
  "prefix",
  "delimiter",
  "max-keys",
  "continuation-token",
  "start-after",
  "encoding-type",
  "fetch-owner",
  "marker",
  "key-marker",
  "version-id-marker",
  "max-parts",
  "part-number-marker",
  "response-content-type",
  "response-content-language",
  "response-expires",
  "response-cache-control",
  "response-content-disposition",
  "response-content-encoding",
]);

/** Subresources S3 has that this server does not implement (all answered 501). */
const KNOWN_UNIMPLEMENTED = new Set([
  "acl", "policy", "policyStatus", "cors", "website", "logging", "lifecycle", "notification", "inventory", "metrics", "analytics",
  "accelerate", "intelligent-tiering", "publicAccessBlock", "metadataTable", "metadataConfiguration", "attributes", "restore", "select",
  "torrent", "renameObject", "session", "abac",
]);

export function routeOperation(method: string, bucket: string | undefined, key: string | undefined, query: URLSearchParams, copySource: boolean): string {
  if (bucket === undefined) {
    if (method === "GET") return "ListBuckets";
    throw S3Error.notImplemented(`${method} / (service-level operations other than ListBuckets)`);
  }
  const routes = (key === undefined ? BUCKET_ROUTES : OBJECT_ROUTES)[method];
  if (routes === undefined) throw S3Error.methodNotAllowed();
  const subresources = [...new Set(query.keys())].filter((name) => !ARGUMENTS.has(name) && !name.startsWith("X-Amz-"));
  const unimplemented = subresources.filter((name) => !routes.some((route) => route.sub === name));
  if (unimplemented.length > 0) {
    const what = unimplemented.map((name) => `?${name}`).join(", ");
    throw S3Error.notImplemented(`${method} ${key === undefined ? "bucket" : "object"} ${what}${unimplemented.some((n) => KNOWN_UNIMPLEMENTED.has(n)) ? "" : " (unknown to this server)"}`);
  }
  const route = routes.find((r) => r.sub !== "" && query.has(r.sub)) ?? routes.find((r) => r.sub === "");
  if (route === undefined) throw S3Error.methodNotAllowed();
  if (route.operation === "ListObjects" && query.get("list-type") === "2") return "ListObjectsV2";
  if (route.operation === "UploadPart" && copySource) throw S3Error.notImplemented("UploadPartCopy");
  if (route.operation === "PutObject" && copySource) return "CopyObject";
  return route.operation;
}
