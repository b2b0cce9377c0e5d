/**
 * ListObjectsV2 (continuation-token, start-after, fetch-owner) and ListObjects (V1: marker;
 * NextMarker only with a delimiter) over the current versions; keys whose current version is a
 * delete marker are not listed. The continuation token is opaque: the last entry returned.
 */
import { OWNER } from "./bucket-operations.ts";
import { encodeName, encodeOptional, readListParameters, walkKeys, type ListEntry } from "./list-keys.ts";
import type { BucketState } from "./object-model.ts";
import type { OperationHandler, S3Request, ServerContext } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

interface Page {
  entries: ListEntry[];
  truncated: boolean;
}

export const listObjectsV2: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const parameters = readListParameters(request);
  const token = request.query.get("continuation-token") ?? undefined;
  const startAfter = request.query.get("start-after") ?? undefined;
  const resume = token === undefined ? undefined : decodeToken(token);
  const page = listPage(server, bucket, request, resume?.after ?? startAfter, resume?.prefix === true ? resume.after : undefined);
  const last = page.entries.at(-1);
  const encode = parameters.encodeNames;
  return {
    status: 200,
    xml: {
      root: "ListBucketResult",
      content: {
        Name: bucket.name,
        Prefix: encodeName(parameters.prefix, encode),
        Delimiter: parameters.delimiter === "" ? undefined : encodeName(parameters.delimiter, encode),
        MaxKeys: parameters.maxKeys,
        KeyCount: page.entries.length,
        IsTruncated: page.truncated,
        ContinuationToken: token,
        NextContinuationToken: page.truncated && last !== undefined ? encodeToken(last) : undefined,
        StartAfter: encodeOptional(startAfter, encode),
        EncodingType: encode ? "url" : undefined,
        ...renderEntries(server, bucket, page.entries, encode, request.query.get("fetch-owner") === "true"),
      },
    },
  };
};

export const listObjects: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const parameters = readListParameters(request);
  const marker = request.query.get("marker") ?? undefined;
  const page = listPage(server, bucket, request, marker, undefined);
  const last = page.entries.at(-1);
  const encode = parameters.encodeNames;
  return {
    status: 200,
    xml: {
      root: "ListBucketResult",
      content: {
        Name: bucket.name,
        Prefix: encodeName(parameters.prefix, encode),
        Marker: encodeName(marker ?? "", encode),
        NextMarker: page.truncated && parameters.delimiter !== "" && last !== undefined ? encodeName(last.kind === "key" ? last.key : last.prefix, encode) : undefined,
        MaxKeys: parameters.maxKeys,
        Delimiter: parameters.delimiter === "" ? undefined : encodeName(parameters.delimiter, encode),
        IsTruncated: page.truncated,
        EncodingType: encode ? "url" : undefined,
        ...renderEntries(server, bucket, page.entries, encode, true),
      },
    },
  };
};

function listPage(server: ServerContext, bucket: BucketState, request: S3Request, marker: string | undefined, skipPrefix: string | undefined): Page {
  const parameters = readListParameters(request);
  const entries: ListEntry[] = [];
  const live = (key: string): boolean => server.store.current(bucket, key)?.deleteMarker === false;
  for (const entry of walkKeys(bucket, parameters, marker, skipPrefix, live)) {
    if (entries.length === parameters.maxKeys) return { entries, truncated: parameters.maxKeys > 0 };
    entries.push(entry);
  }
  return { entries, truncated: false };
}

function renderEntries(server: ServerContext, bucket: BucketState, entries: ListEntry[], encode: boolean, withOwner: boolean): Record<string, unknown> {
  const contents = [];
  const prefixes = [];
  for (const entry of entries) {
    if (entry.kind === "prefix") {
      prefixes.push({ Prefix: encodeName(entry.prefix, encode) });
      continue;
    }
    const version = server.store.current(bucket, entry.key);
    if (version === undefined) continue;
    contents.push({
      Key: encodeName(version.key, encode),
      LastModified: version.lastModified,
      ETag: `"${version.etag}"`,
      ChecksumAlgorithm: version.checksum?.algorithm,
      ChecksumType: version.checksum?.type,
      Size: version.size,
      Owner: withOwner ? OWNER : undefined,
      StorageClass: version.storageClass,
    });
  }
  return { Contents: contents, CommonPrefixes: prefixes };
}

function encodeToken(entry: ListEntry): string {
  return Buffer.from(JSON.stringify(entry.kind === "key" ? { after: entry.key } : { after: entry.prefix, prefix: true })).toString("base64url");
}

function decodeToken(token: string): { after: string; prefix?: boolean } {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after?: unknown; prefix?: unknown };
    if (typeof parsed.after === "string") return { after: parsed.after, prefix: parsed.prefix === true };
  } catch {
    // fall through
  }
  throw S3Error.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
}
