/**
 * The walk both object listings share (API_ListObjectsV2, API_ListObjectVersions): keys in UTF-8
 * order from a marker, limited to a prefix, and rolled up at the first delimiter after the prefix
 * into CommonPrefixes, each of which "count[s] as only one return against the MaxKeys value".
 * Also the request parameters they share and S3's url encoding of names (space as "+", "/" kept).
 */
import type { BucketState } from "./object-model.ts";
import type { S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";
import { compareKeys } from "./sorted-keys.ts";

export const MAX_LIST_KEYS = 1000;

export interface ListParameters {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  encodeNames: boolean;
}

export function readListParameters(request: S3Request): ListParameters {
  const encoding = request.query.get("encoding-type");
  if (encoding !== null && encoding !== "url") throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
  const max = request.query.get("max-keys");
  if (max !== null && !/^\d+$/.test(max)) throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", max);
  return {
    prefix: request.query.get("prefix") ?? "",
    delimiter: request.query.get("delimiter") ?? "",
    maxKeys: max === null ? MAX_LIST_KEYS : Math.min(Number(max), MAX_LIST_KEYS),
    encodeNames: encoding === "url",
  };
}

/** One key, or one common prefix standing for every key under it. */
export type ListEntry = { kind: "key"; key: string } | { kind: "prefix"; prefix: string };

/**
 * Keys (and common prefixes) after `marker` (exclusive; keys under `skipPrefix` too), in order.
 * `include(key)` decides whether a key takes part at all (e.g. not when its current version is a
 * delete marker). The caller stops when its page is full.
 */
export function* walkKeys(bucket: BucketState, parameters: ListParameters, marker: string | undefined, skipPrefix: string | undefined, include: (key: string) => boolean): Generator<ListEntry> {
  const { prefix, delimiter } = parameters;
  const start = marker !== undefined && compareKeys(marker, prefix) >= 0 ? bucket.keys.lowerBound(marker, true) : bucket.keys.lowerBound(prefix);
  let lastPrefix: string | undefined;
  for (const key of bucket.keys.from(start)) {
    if (!key.startsWith(prefix)) break; // the keys under a prefix are one run in sorted order
    if (skipPrefix !== undefined && key.startsWith(skipPrefix)) continue;
    if (!include(key)) continue;
    const at = delimiter === "" ? -1 : key.indexOf(delimiter, prefix.length);
    if (at === -1) {
      yield { kind: "key", key };
      continue;
    }
    const common = key.slice(0, at + delimiter.length);
    if (common === lastPrefix) continue;
    lastPrefix = common;
    yield { kind: "prefix", prefix: common };
  }
}

/** S3's encoding-type=url form of a name: UTF-8 percent-encoding, "/" kept, space as "+". */
export function encodeName(name: string, encode: boolean): string {
  return encode ? encodeURIComponent(name).replace(/%2F/g, "/").replace(/%20/g, "+") : name;
}

export function encodeOptional(name: string | undefined, encode: boolean): string | undefined {
  return name === undefined ? undefined : encodeName(name, encode);
}
