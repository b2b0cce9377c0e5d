/**
 * Finding the object version a request names, with S3's answers for what is not there
 * (API_GetObject / API_HeadObject): no key, or a current delete marker, is 404 NoSuchKey with
 * x-amz-delete-marker; a versionId that names a delete marker is 405 MethodNotAllowed with
 * Last-Modified; an unknown versionId is 404 NoSuchVersion.
 */
import { versionIdHeader } from "./object-headers.ts";
import type { BucketState, ObjectVersion } from "./object-model.ts";
import type { S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

export interface Located {
  bucket: BucketState;
  version: ObjectVersion;
}

export function locateObject(request: S3Request, server: ServerContext): Located {
  const bucket = server.store.bucket(request.bucket ?? "");
  const key = request.key ?? "";
  const versionId = request.query.get("versionId") ?? undefined;
  return { bucket, version: locateVersion(server, bucket, key, versionId) };
}

export function locateVersion(server: ServerContext, bucket: BucketState, key: string, versionId: string | undefined): ObjectVersion {
  if (versionId === undefined) {
    const current = server.store.current(bucket, key);
    if (current === undefined) throw S3Error.noSuchKey(key);
    if (current.deleteMarker) throw S3Error.noSuchKey(key, { "x-amz-delete-marker": "true", "x-amz-version-id": versionIdHeader(bucket, current) ?? "null" });
    return current;
  }
  if (versionId === "") throw S3Error.invalidArgument("Version id cannot be the empty string", "versionId", "");
  const version = server.store.findVersion(bucket, key, versionId);
  if (version === undefined) throw S3Error.noSuchVersion(key, versionId);
  if (version.deleteMarker) {
    throw S3Error.methodNotAllowed({ "x-amz-delete-marker": "true", "x-amz-version-id": version.versionId, "last-modified": version.lastModified.toUTCString() });
  }
  return version;
}
