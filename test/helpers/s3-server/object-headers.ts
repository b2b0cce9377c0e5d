/**
 * Object attributes as S3 carries them in headers: reading Content-*, x-amz-meta-*, x-amz-tagging and
 * x-amz-storage-class from a write, and writing an object version's headers on GET and HEAD
 * (API_HeadObject: x-amz-storage-class "for all objects except for S3 Standard storage class
 * objects"; checksums only when x-amz-checksum-mode is ENABLED).
 */
import { checksumHeader } from "./checksums.ts";
import { encryptionHeaders } from "./encryption.ts";
import type { BucketState, ContentAttributes, ObjectVersion, Tag } from "./object-model.ts";
import type { S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

export const STORAGE_CLASSES = [
  "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP",
];
/** Classes whose objects must be restored before GetObject or a copy can read them. */
export const ARCHIVED_CLASSES = ["GLACIER", "DEEP_ARCHIVE"];
const MAX_METADATA_BYTES = 2048;
const MAX_OBJECT_TAGS = 10;

export function readContentAttributes(request: S3Request): ContentAttributes {
  const metadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(request.req.headers)) {
    if (!name.startsWith("x-amz-meta-") || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(",") : value;
    metadata[name.slice("x-amz-meta-".length)] = text;
    metadataBytes += Buffer.byteLength(name.slice("x-amz-meta-".length)) + Buffer.byteLength(text);
  }
  if (metadataBytes > MAX_METADATA_BYTES) {
    throw new S3Error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size", { Size: String(metadataBytes), MaxSizeAllowed: String(MAX_METADATA_BYTES) });
  }
  const encoding = (request.header("content-encoding") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "" && part.toLowerCase() !== "aws-chunked")
    .join(",");
  return {
    contentType: request.header("content-type") ?? "binary/octet-stream",
    cacheControl: request.header("cache-control"),
    contentDisposition: request.header("content-disposition"),
    contentEncoding: encoding === "" ? undefined : encoding,
    contentLanguage: request.header("content-language"),
    expires: request.header("expires"),
    websiteRedirectLocation: request.header("x-amz-website-redirect-location"),
    metadata,
  };
}

export function readStorageClass(request: S3Request): string {
  const value = request.header("x-amz-storage-class");
  if (value === undefined) return "STANDARD";
  if (!STORAGE_CLASSES.includes(value)) throw new S3Error(400, "InvalidStorageClass", "The storage class you specified is not valid", { StorageClassRequested: value });
  return value;
}

/** x-amz-tagging: URL query form, "a=1&b=2". */
export function parseTaggingHeader(value: string | undefined): Tag[] {
  if (value === undefined) return [];
  return validateTags([...new URLSearchParams(value)].map(([Key, Value]) => ({ Key, Value })));
}

export function validateTags(tags: Tag[]): Tag[] {
  if (tags.length > MAX_OBJECT_TAGS) throw new S3Error(400, "BadRequest", "Object tags cannot be greater than 10");
  const keys = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.length < 1 || tag.Key.length > 128) throw new S3Error(400, "InvalidTag", "The TagKey you have provided is invalid", { TagKey: tag.Key });
    if (tag.Value.length > 256) throw new S3Error(400, "InvalidTag", "The TagValue you have provided is invalid", { TagKey: tag.Key, TagValue: tag.Value });
    if (keys.has(tag.Key)) throw new S3Error(400, "InvalidTag", "Cannot provide multiple Tags with the same key", { TagKey: tag.Key });
    keys.add(tag.Key);
  }
  return tags;
}

/** The headers of an object version on GET and HEAD (Content-Length and Content-Range are the caller's). */
export function objectHeaders(version: ObjectVersion, bucket: BucketState, request: S3Request, server: ServerContext): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {
    etag: `"${version.etag}"`,
    "last-modified": version.lastModified.toUTCString(),
    "accept-ranges": "bytes",
    "content-type": version.contentType,
    "cache-control": version.cacheControl,
    "content-disposition": version.contentDisposition,
    "content-encoding": version.contentEncoding,
    "content-language": version.contentLanguage,
    expires: version.expires,
    "x-amz-website-redirect-location": version.websiteRedirectLocation,
    "x-amz-version-id": versionIdHeader(bucket, version),
    "x-amz-storage-class": version.storageClass === "STANDARD" ? undefined : version.storageClass,
    "x-amz-tagging-count": version.tags.length === 0 ? undefined : String(version.tags.length),
    "x-amz-object-lock-mode": version.lock.mode,
    "x-amz-object-lock-retain-until-date": version.lock.retainUntil?.toISOString(),
    "x-amz-object-lock-legal-hold": version.lock.legalHold,
    "x-amz-mp-parts-count": undefined,
    ...encryptionHeaders(version.encryption),
  };
  for (const [name, value] of Object.entries(version.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (request.header("x-amz-checksum-mode") === "ENABLED" && server.settings.returnChecksums && version.checksum !== undefined) {
    headers[checksumHeader(version.checksum.algorithm)] = version.checksum.value;
    headers["x-amz-checksum-type"] = version.checksum.type;
  }
  return headers;
}

/** S3 names versions only in buckets that have had versioning turned on. */
export function versionIdHeader(bucket: BucketState, version: { versionId: string }): string | undefined {
  return bucket.versioning === undefined ? undefined : version.versionId;
}
