/**
 * CopyObject (API_CopyObject) onto any key, the same one included. What the new version gets:
 * metadata and tags copied or replaced per x-amz-metadata-directive / x-amz-tagging-directive;
 * the storage class of the request ("If the x-amz-storage-class header is not used, the copied
 * object will be stored in the STANDARD Storage Class by default"); the request's encryption or
 * else the destination bucket's default ("if you don't specify encryption information in your copy
 * request, the encryption setting of the target object is set to the default encryption
 * configuration of the destination bucket"), never the source's; the bucket's default retention.
 * A copy of the current version onto itself must change something, as S3 requires.
 */
import { checkCopyConditions, parseCopySource } from "./copy-source.ts";
import { copyBodies } from "./body-file.ts";
import { parseChecksumAlgorithm, type StoredChecksum } from "./checksums.ts";
import { checkReadEncryption, encryptionHeaders, resolveWriteEncryption } from "./encryption.ts";
import { ARCHIVED_CLASSES, parseTaggingHeader, readContentAttributes, readStorageClass, versionIdHeader } from "./object-headers.ts";
import type { ContentAttributes, ObjectVersion } from "./object-model.ts";
import { lockForNewVersion } from "./object-lock.ts";
import type { OperationHandler, S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

const MAX_COPY_SOURCE_BYTES = 5 * 1024 ** 3;
const SELF_COPY_MESSAGE =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

export const copyObject: OperationHandler = async (request, server) => {
  const { store } = server;
  const bucket = store.bucket(request.bucket ?? "");
  const key = request.key ?? "";
  const source = parseCopySource(request.header("x-amz-copy-source") ?? "");
  const sourceBucket = store.bucket(source.bucket);
  const sourceVersion = locateSource(store.current(sourceBucket, source.key), source.versionId === undefined ? undefined : store.findVersion(sourceBucket, source.key, source.versionId), source);
  checkReadEncryption(request, sourceVersion.encryption, "x-amz-copy-source-server-side-encryption-customer-");
  if (ARCHIVED_CLASSES.includes(sourceVersion.storageClass)) {
    throw new S3Error(403, "InvalidObjectState", "Operation is not valid for the source object's storage class", { StorageClass: sourceVersion.storageClass });
  }
  if (sourceVersion.size > MAX_COPY_SOURCE_BYTES) {
    throw S3Error.invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_SOURCE_BYTES}`);
  }
  checkCopyConditions(request, sourceVersion);
  const metadataDirective = directive(request, "x-amz-metadata-directive");
  const taggingDirective = directive(request, "x-amz-tagging-directive");
  const current = store.current(bucket, key);
  const selfCopy = source.bucket === bucket.name && source.key === key && (source.versionId === undefined || source.versionId === current?.versionId);
  if (selfCopy && metadataDirective === "COPY" && !requestsChange(request)) throw S3Error.invalidRequest(SELF_COPY_MESSAGE);

  const attributes: ContentAttributes =
    metadataDirective === "REPLACE" ? readContentAttributes(request) : { ...copiedAttributes(sourceVersion), websiteRedirectLocation: request.header("x-amz-website-redirect-location") };
  const tags = taggingDirective === "REPLACE" ? parseTaggingHeader(request.header("x-amz-tagging")) : sourceVersion.tags.map((tag) => ({ ...tag }));
  const storageClass = readStorageClass(request);
  const encryption = resolveWriteEncryption(request, bucket, store.accountId);
  const created = store.now();
  const lock = lockForNewVersion(request, bucket, created, { integrityHeader: false });
  const requested = request.header("x-amz-checksum-algorithm");
  const algorithm = requested === undefined ? (sourceVersion.checksum?.algorithm ?? "CRC64NVME") : parseChecksumAlgorithm(requested);
  const reuseChecksum = sourceVersion.checksum?.type === "FULL_OBJECT" && sourceVersion.checksum.algorithm === algorithm;
  const copied = await copyBodies(server, [sourceVersion.bodyPath as string], { md5: sourceVersion.etag.includes("-"), checksum: reuseChecksum ? undefined : algorithm });
  const checksum: StoredChecksum = { algorithm, value: reuseChecksum ? (sourceVersion.checksum?.value ?? "") : (copied.checksum ?? ""), type: "FULL_OBJECT" };
  const version: ObjectVersion = {
    ...attributes,
    key,
    versionId: "",
    deleteMarker: false,
    lastModified: created,
    size: sourceVersion.size,
    etag: copied.md5Hex ?? sourceVersion.etag,
    bodyPath: copied.bodyPath,
    tags,
    storageClass,
    encryption,
    checksum,
    partsCount: undefined,
    lock,
  };
  await store.putVersion(bucket, version);
  return {
    status: 200,
    headers: {
      "x-amz-version-id": versionIdHeader(bucket, version),
      "x-amz-copy-source-version-id": versionIdHeader(sourceBucket, sourceVersion),
      ...encryptionHeaders(encryption),
    },
    xml: {
      root: "CopyObjectResult",
      content: {
        ETag: `"${version.etag}"`,
        LastModified: version.lastModified,
        [`Checksum${checksum.algorithm}`]: checksum.value,
        ChecksumType: checksum.type,
      },
    },
  };
};

function locateSource(current: ObjectVersion | undefined, named: ObjectVersion | undefined, source: { key: string; versionId: string | undefined }): ObjectVersion {
  if (source.versionId !== undefined) {
    if (named === undefined) throw S3Error.noSuchVersion(source.key, source.versionId);
    if (named.deleteMarker) throw S3Error.invalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.");
    return named;
  }
  if (current === undefined || current.deleteMarker) throw S3Error.noSuchKey(source.key);
  return current;
}

function directive(request: S3Request, header: string): "COPY" | "REPLACE" {
  const value = request.header(header) ?? "COPY";
  if (value !== "COPY" && value !== "REPLACE") throw S3Error.invalidArgument(`Unknown ${header === "x-amz-metadata-directive" ? "metadata" : "tagging"} directive.`, header, value);
  return value;
}

/** Whether a copy names a new storage class, website redirect or encryption (what makes a self-copy legal). */
function requestsChange(request: S3Request): boolean {
  return [
    "x-amz-storage-class",
    "x-amz-website-redirect-location",
    "x-amz-server-side-encryption",
    "x-amz-server-side-encryption-aws-kms-key-id",
    "x-amz-server-side-encryption-bucket-key-enabled",
    "x-amz-server-side-encryption-customer-algorithm",
  ].some((name) => request.header(name) !== undefined);
}

function copiedAttributes(source: ObjectVersion): ContentAttributes {
  return {
    contentType: source.contentType,
    cacheControl: source.cacheControl,
    contentDisposition: source.contentDisposition,
    contentEncoding: source.contentEncoding,
    contentLanguage: source.contentLanguage,
    expires: source.expires,
    metadata: { ...source.metadata },
  };
}
