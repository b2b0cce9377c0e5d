/**
 * ListObjectVersions (API_ListObjectVersions): every version and delete marker, keys in UTF-8
 * order and each key's versions newest first, IsLatest on the current one; common prefixes as in
 * ListObjectsV2. Paging by key-marker (start after that key) and version-id-marker (start after that
 * version of the key-marker key); "A version-id marker cannot be specified without a key marker."
 */
import { OWNER } from "./bucket-operations.ts";
import { encodeName, encodeOptional, readListParameters, walkKeys } from "./list-keys.ts";
import type { ObjectVersion } from "./object-model.ts";
import type { OperationHandler } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

type Item = { kind: "version"; version: ObjectVersion; latest: boolean } | { kind: "prefix"; prefix: string };

export const listObjectVersions: OperationHandler = async (request, server) => {
  const bucket = server.store.bucket(request.bucket ?? "");
  const parameters = readListParameters(request);
  const keyMarker = request.query.get("key-marker") || undefined;
  const versionIdMarker = request.query.get("version-id-marker") || undefined;
  if (versionIdMarker !== undefined && keyMarker === undefined) {
    throw S3Error.invalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", versionIdMarker);
  }
  const items: Item[] = [];
  let truncated = false;
  const add = (item: Item): boolean => {
    if (items.length === parameters.maxKeys) {
      truncated = parameters.maxKeys > 0;
      return false;
    }
    items.push(item);
    return true;
  };
  const addVersions = (versions: ObjectVersion[]): boolean => versions.every((version, index) => add({ kind: "version", version, latest: index === 0 && version === server.store.current(bucket, version.key) }));

  let open = true;
  if (keyMarker !== undefined && versionIdMarker !== undefined) {
    const versions = server.store.versions(bucket, keyMarker);
    const at = versions.findIndex((v) => v.versionId === versionIdMarker);
    if (at === -1 && versions.length > 0) throw S3Error.invalidArgument("Invalid version id specified", "version-id-marker", versionIdMarker);
    if (keyMarker.startsWith(parameters.prefix)) {
      open = versions.slice(at + 1).every((version, index) => add({ kind: "version", version, latest: at + 1 + index === 0 }));
    }
  }
  // A NextKeyMarker that was a common prefix: its keys were rolled up already.
  const rolledUp = keyMarker !== undefined && parameters.delimiter !== "" && keyMarker.startsWith(parameters.prefix) && keyMarker.indexOf(parameters.delimiter, parameters.prefix.length) === keyMarker.length - parameters.delimiter.length;
  const skipPrefix = rolledUp ? keyMarker : undefined;
  if (open) {
    for (const entry of walkKeys(bucket, parameters, keyMarker, skipPrefix, () => true)) {
      const fits = entry.kind === "prefix" ? add(entry) : addVersions(server.store.versions(bucket, entry.key));
      if (!fits) break;
    }
  }
  const last = items.at(-1);
  const encode = parameters.encodeNames;
  const owner = { Owner: OWNER };
  return {
    status: 200,
    xml: {
      root: "ListVersionsResult",
      content: {
        Name: bucket.name,
        Prefix: encodeName(parameters.prefix, encode),
        KeyMarker: encodeName(keyMarker ?? "", encode),
        VersionIdMarker: versionIdMarker ?? "",
        NextKeyMarker: truncated && last !== undefined ? encodeName(last.kind === "prefix" ? last.prefix : last.version.key, encode) : undefined,
        NextVersionIdMarker: truncated && last?.kind === "version" ? last.version.versionId : undefined,
        MaxKeys: parameters.maxKeys,
        Delimiter: encodeOptional(parameters.delimiter === "" ? undefined : parameters.delimiter, encode),
        IsTruncated: truncated,
        EncodingType: encode ? "url" : undefined,
        Version: items.flatMap((item) =>
          item.kind === "version" && !item.version.deleteMarker
            ? [{
                Key: encodeName(item.version.key, encode),
                VersionId: item.version.versionId,
                IsLatest: item.latest,
                LastModified: item.version.lastModified,
                ETag: `"${item.version.etag}"`,
                ChecksumAlgorithm: item.version.checksum?.algorithm,
                ChecksumType: item.version.checksum?.type,
                Size: item.version.size,
                StorageClass: item.version.storageClass,
                ...owner,
              }]
            : [],
        ),
        DeleteMarker: items.flatMap((item) =>
          item.kind === "version" && item.version.deleteMarker
            ? [{ Key: encodeName(item.version.key, encode), VersionId: item.version.versionId, IsLatest: item.latest, LastModified: item.version.lastModified, ...owner }]
            : [],
        ),
        CommonPrefixes: items.flatMap((item) => (item.kind === "prefix" ? [{ Prefix: encodeName(item.prefix, encode) }] : [])),
      },
    },
  };
};
