/**
 * PutObject: headers checked first (storage class, tags, encryption, Object Lock), then the body
 * streamed to disk and verified; the new version gets ETag = MD5 hex, the request's checksum or
 * S3's default CRC64NVME (API_PutObject: "uploaded without a checksum (and Amazon S3 added the
 * default checksum, CRC64NVME ...)"), and the bucket's default encryption when the request names none.
 * Conditional writes: If-None-Match: * and If-Match.
 */
import { unlink } from "node:fs/promises";
import { receiveToFile } from "./body-file.ts";
import { checksumHeader } from "./checksums.ts";
import { encryptionHeaders, resolveWriteEncryption } from "./encryption.ts";
import { parseTaggingHeader, readContentAttributes, readStorageClass, versionIdHeader } from "./object-headers.ts";
import type { BucketState, ObjectVersion } from "./object-model.ts";
import { lockForNewVersion } from "./object-lock.ts";
import type { OperationHandler, S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

export const putObject: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const key = request.key ?? "";
  if (Buffer.byteLength(key) > 1024) throw new S3Error(400, "KeyTooLongError", "Your key is too long", { Key: key });
  const attributes = readContentAttributes(request);
  const storageClass = readStorageClass(request);
  const tags = parseTaggingHeader(request.header("x-amz-tagging"));
  const encryption = resolveWriteEncryption(request, bucket, server.store.accountId);
  const created = server.store.now();
  const lock = lockForNewVersion(request, bucket, created);
  checkWriteConditions(request, server, bucket, key);
  const body = await receiveToFile(request, server, { compute: "CRC64NVME" });
  try {
    checkWriteConditions(request, server, bucket, key);
  } catch (error) {
    await unlink(body.bodyPath).catch(() => undefined);
    throw error;
  }
  const checksum = body.checksum === undefined ? undefined : { ...body.checksum, type: "FULL_OBJECT" as const };
  const version: ObjectVersion = {
    ...attributes,
    key,
    versionId: "",
    deleteMarker: false,
    lastModified: created,
    size: body.size,
    etag: body.md5Hex,
    bodyPath: body.bodyPath,
    tags,
    storageClass,
    encryption,
    checksum,
    partsCount: undefined,
    lock,
  };
  await server.store.putVersion(bucket, version);
  const headers: Record<string, string | undefined> = {
    etag: `"${version.etag}"`,
    "x-amz-version-id": versionIdHeader(bucket, version),
    ...encryptionHeaders(encryption),
  };
  if (checksum !== undefined) {
    headers[checksumHeader(checksum.algorithm)] = checksum.value;
    headers["x-amz-checksum-type"] = checksum.type;
  }
  return { status: 200, headers };
};

/** If-None-Match: * (fail when the key exists) and If-Match: <etag> (fail unless it matches). */
export function checkWriteConditions(request: S3Request, server: ServerContext, bucket: BucketState, key: string): void {
  const current = server.store.current(bucket, key);
  const exists = current !== undefined && !current.deleteMarker;
  const ifNoneMatch = request.header("if-none-match");
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch !== "*") throw S3Error.notImplemented("If-None-Match other than * on writes");
    if (exists) throw S3Error.preconditionFailed("If-None-Match");
  }
  const ifMatch = request.header("if-match");
  if (ifMatch !== undefined) {
    if (!exists) throw S3Error.noSuchKey(key);
    if (ifMatch.replace(/"/g, "") !== current.etag) throw S3Error.preconditionFailed("If-Match");
  }
}
