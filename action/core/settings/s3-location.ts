/**
 * An `s3://bucket/prefix/` location given by a trusted setting (manifest-uri, report-uri, inventory).
 * Prefixes are kept with a trailing "/" (or empty) so "is under" is a plain string prefix test.
 */
import { InputError } from "../../contracts/errors.ts";
import { settingName, type SettingSource } from "./setting-source.ts";

export interface S3Location {
  bucket: string;
  /** "" for the whole bucket, otherwise ends with "/". */
  prefix: string;
}

// Bucket naming rules for general purpose buckets: 3-63 chars, lowercase letters, digits, dots, hyphens.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://bucket/prefix/` (the trailing slash is added when missing). Throws `InputError` naming the setting. */
export function parseS3Location(value: string, name: string, source: SettingSource): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(value.trim());
  const example = 's3://my-reports-bucket/bucket-keys/manifests/';
  if (!match) throw new InputError(name, `${settingName(name, source)}: "${value}" is not an S3 location (expected something like "${example}").`);
  const bucket = match[1]!;
  if (!BUCKET_NAME.test(bucket)) {
    throw new InputError(name, `${settingName(name, source)}: "${bucket}" is not a valid bucket name (3-63 lowercase letters, digits, "." or "-"). Expected something like "${example}".`);
  }
  const rawPrefix = match[2] ?? "";
  if (rawPrefix.split("/").some((part, index, parts) => part === "" && index < parts.length - 1) || rawPrefix.startsWith("/")) {
    throw new InputError(name, `${settingName(name, source)}: "${value}" has an empty path segment ("//"). Expected something like "${example}".`);
  }
  const prefix = rawPrefix === "" || rawPrefix.endsWith("/") ? rawPrefix : `${rawPrefix}/`;
  return { bucket, prefix };
}

export function formatS3Location(location: S3Location): string {
  return `s3://${location.bucket}/${location.prefix}`;
}

/** Splits `s3://bucket/key` into bucket and key; undefined when it isn't one. */
export function splitS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** `arn:aws:s3:::bucket` for a bucket name (the partition of the caller's other ARNs when given). */
export function bucketArn(bucket: string, partition = "aws"): string {
  return `arn:${partition}:s3:::${bucket}`;
}
