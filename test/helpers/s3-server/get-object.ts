/**
 * GetObject and HeadObject: the version lookup, SSE-C keys, archived storage classes (GetObject of
 * GLACIER/DEEP_ARCHIVE is 403 InvalidObjectState), conditional requests (RFC 7232 order, as
 * API_GetObject describes the If-Match/If-Unmodified-Since and If-None-Match/If-Modified-Since
 * pairs), one byte range (bytes=a-b, a-, -n; 206 with Content-Range, 416 InvalidRange), and the body
 * streamed from its file. Checksums are returned only for whole-object responses.
 */
import { open } from "node:fs/promises";
import { checkReadEncryption } from "./encryption.ts";
import { ARCHIVED_CLASSES, objectHeaders } from "./object-headers.ts";
import type { ObjectVersion } from "./object-model.ts";
import { locateObject } from "./object-lookup.ts";
import type { OperationHandler, S3Request, S3Response, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

const OVERRIDES: Record<string, string> = {
  "response-content-type": "content-type",
  "response-content-language": "content-language",
  "response-expires": "expires",
  "response-cache-control": "cache-control",
  "response-content-disposition": "content-disposition",
  "response-content-encoding": "content-encoding",
};

export const getObject: OperationHandler = (request, server) => readObject(request, server, true);
export const headObject: OperationHandler = (request, server) => readObject(request, server, false);

async function readObject(request: S3Request, server: ServerContext, withBody: boolean): Promise<S3Response> {
  if (request.query.has("partNumber")) throw S3Error.notImplemented("GetObject/HeadObject with partNumber");
  const { bucket, version } = locateObject(request, server);
  checkReadEncryption(request, version.encryption);
  if (withBody && ARCHIVED_CLASSES.includes(version.storageClass)) {
    throw new S3Error(403, "InvalidObjectState", "The operation is not valid for the object's storage class", { StorageClass: version.storageClass });
  }
  const notModified = checkConditions(request, version);
  const headers = objectHeaders(version, bucket, request, server);
  if (notModified) return { status: 304, headers: { etag: headers.etag, "last-modified": headers["last-modified"] } };
  if (withBody) for (const [query, header] of Object.entries(OVERRIDES)) if (request.query.has(query)) headers[header] = request.query.get(query) ?? "";
  const range = parseRange(request.header("range"), version.size);
  if (range !== undefined) {
    for (const name of Object.keys(headers)) if (name.startsWith("x-amz-checksum-")) delete headers[name];
    headers["content-range"] = `bytes ${range.start}-${range.end}/${version.size}`;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? version.size - 1;
  const status = range === undefined ? 200 : 206;
  const length = Math.max(0, end - start + 1);
  if (!withBody || length === 0) return { status, headers, bodyLength: length };
  const file = await open(version.bodyPath as string, "r");
  return { status, headers, body: file.createReadStream({ start, end, highWaterMark: 1024 * 1024 }), bodyLength: length };
}

/** Returns true for 304 Not Modified; throws 412 PreconditionFailed. */
function checkConditions(request: S3Request, version: ObjectVersion): boolean {
  const ifMatch = request.header("if-match");
  const ifNoneMatch = request.header("if-none-match");
  const modified = (header: string): boolean | undefined => {
    const value = request.header(header);
    const date = value === undefined ? Number.NaN : new Date(value).getTime();
    return Number.isNaN(date) ? undefined : version.lastModified.getTime() > date;
  };
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, version.etag)) throw S3Error.preconditionFailed("If-Match");
  } else if (modified("if-unmodified-since") === true) {
    throw S3Error.preconditionFailed("If-Unmodified-Since");
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, version.etag);
  return modified("if-modified-since") === false;
}

export function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((candidate) => {
    const value = candidate.trim().replace(/^W\//, "").replace(/"/g, "");
    return value === "*" || value === etag;
  });
}

/** One satisfiable byte range, undefined to send the whole object (no or unparseable Range), or 416. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null || (match[1] === "" && match[2] === "")) return undefined;
  const unsatisfiable = (): S3Error =>
    new S3Error(416, "InvalidRange", "The requested range is not satisfiable", { RangeRequested: header, ActualObjectSize: String(size) }, { "content-range": `bytes */${size}` });
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Number(match[2]);
  if (match[2] !== "" && end < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: Math.min(end, size - 1) };
}
