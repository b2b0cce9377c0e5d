/**
 * The x-amz-copy-source header ("bucket/key?versionId=..." URL-encoded, an optional leading slash)
 * and the copy preconditions (API_CopyObject): x-amz-copy-source-if-match, -if-none-match,
 * -if-unmodified-since, -if-modified-since, 412 PreconditionFailed when one does not hold. A true
 * if-match overrides a false if-unmodified-since; a false if-none-match fails even when
 * if-modified-since holds.
 */
import { etagMatches } from "./get-object.ts";
import type { ObjectVersion } from "./object-model.ts";
import type { S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

export interface CopySource {
  bucket: string;
  key: string;
  versionId: string | undefined;
}

export function parseCopySource(header: string): CopySource {
  if (header.startsWith("arn:")) throw S3Error.notImplemented("access point ARNs in x-amz-copy-source");
  const queryAt = header.indexOf("?");
  const path = (queryAt === -1 ? header : header.slice(0, queryAt)).replace(/^\//, "");
  const query = new URLSearchParams(queryAt === -1 ? "" : header.slice(queryAt + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw S3Error.invalidArgument("Invalid copy source encoding.", "x-amz-copy-source", header);
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) {
    throw S3Error.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey.", "x-amz-copy-source", header);
  }
  const versionId = query.get("versionId") ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

export function checkCopyConditions(request: S3Request, source: ObjectVersion): void {
  const modifiedSince = (name: string): boolean | undefined => {
    const value = request.header(name);
    const date = value === undefined ? Number.NaN : new Date(value).getTime();
    return Number.isNaN(date) ? undefined : source.lastModified.getTime() > date;
  };
  const ifMatch = request.header("x-amz-copy-source-if-match");
  const ifNoneMatch = request.header("x-amz-copy-source-if-none-match");
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, source.etag)) throw S3Error.preconditionFailed("x-amz-copy-source-If-Match");
  } else if (modifiedSince("x-amz-copy-source-if-unmodified-since") === true) {
    throw S3Error.preconditionFailed("x-amz-copy-source-If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, source.etag)) throw S3Error.preconditionFailed("x-amz-copy-source-If-None-Match");
  } else if (modifiedSince("x-amz-copy-source-if-modified-since") === false) {
    throw S3Error.preconditionFailed("x-amz-copy-source-If-Modified-Since");
  }
}
