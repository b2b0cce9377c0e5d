/**
 * What apply trusts: every location, identity and limit comes from workflow inputs (or CLI flags),
 * never from a plan file a pull request can edit. One validator for both doors.
 */
import { InputError } from "../../contracts/errors.ts";
import { parseS3Location, type S3Location } from "../settings/s3-location.ts";
import { parseBatchRoles } from "./batch-roles.ts";
import { listSetting, settingName, stringSetting, type RawSettings, type SettingSource } from "../settings/setting-source.ts";

export interface JobTag {
  Key: string;
  Value: string;
}

export interface ApplySettings {
  accountId: string;
  region: string;
  /** "aws", "aws-cn", "aws-us-gov": taken from the role ARN. */
  partition: string;
  /** The only Batch Operations role, or the first of several: pick a job's role with batchRoleArnFor (batch-roles.ts). */
  batchRoleArn: string;
  /** The role of each bucket when `batch-role-arn` lists several roles; empty when one role serves every bucket. */
  batchRoleArnsByBucket: ReadonlyMap<string, string>;
  /** Manifests must live at `<manifestLocation><plan id>/<job id>.csv`. */
  manifestLocation: S3Location;
  reportLocation: S3Location;
  allowedBuckets: ReadonlySet<string>;
  priority: number;
  /** Extra job tags from the caller, validated against AWS's tag limits. */
  tags: JobTag[];
  /** When set, every plan must use exactly this key. */
  kmsKeyArn: string | undefined;
  waitMinutes: number;
}

export const DEFAULT_JOB_PRIORITY = 10;
export const MAX_JOB_PRIORITY = 2_147_483_647;
/** A GitHub-hosted job runs at most 6 hours. */
export const MAX_WAIT_MINUTES = 360;
/** AWS: at most 50 tags per Batch Operations job; keys up to 128, values up to 256 characters. */
export const MAX_JOB_TAGS = 50;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;
/** Tags this project sets itself; callers cannot override them. */
export const RESERVED_TAG_PREFIX = "bucket-keys:";
/** Tags the project adds to each job (plan id, job id, bucket, pull request, commit): leaves room under MAX_JOB_TAGS. */
export const PROJECT_TAG_COUNT = 5;

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const KMS_KEY_ARN = /^arn:aws[-a-z0-9]*:kms:[-a-z0-9]+:[0-9]{12}:key\/[-a-zA-Z0-9]+$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function validateApplySettings(raw: RawSettings, source: SettingSource): ApplySettings {
  const name = (setting: string) => settingName(setting, source);
  const required = (setting: string, example: string): string => {
    const value = stringSetting(raw, setting);
    if (value === undefined) throw new InputError(setting, `${name(setting)} is required for apply (for example "${example}").`);
    return value;
  };

  const accountId = required("account-id", "111122223333");
  if (!ACCOUNT_ID.test(accountId)) throw new InputError("account-id", `${name("account-id")}: "${accountId}" is not a 12-digit AWS account id.`);

  const region = required("region", "us-east-1");
  if (!REGION.test(region)) throw new InputError("region", `${name("region")}: "${region}" is not an AWS Region name like "us-east-1".`);

  const roles = parseBatchRoles(raw["batch-role-arn"], accountId, source);

  const manifestLocation = parseS3Location(required("manifest-uri", "s3://reports-bucket/bucket-keys/manifests/"), "manifest-uri", source);
  const reportLocation = parseS3Location(required("report-uri", "s3://reports-bucket/bucket-keys/job-reports/"), "report-uri", source);

  const allowed = listSetting(raw, "allowed-buckets");
  if (allowed.length === 0) throw new InputError("allowed-buckets", `${name("allowed-buckets")} is required for apply: list the buckets jobs may touch, one per line (the managed buckets of the stack).`);
  for (const bucket of allowed) {
    if (!BUCKET_NAME.test(bucket)) throw new InputError("allowed-buckets", `${name("allowed-buckets")}: "${bucket}" is not a bucket name (wildcards are not accepted; list each bucket).`);
  }

  const kmsKeyArn = stringSetting(raw, "kms-key-arn");
  if (kmsKeyArn !== undefined && !KMS_KEY_ARN.test(kmsKeyArn)) {
    throw new InputError("kms-key-arn", `${name("kms-key-arn")}: "${kmsKeyArn}" is not a full KMS key ARN like "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab".`);
  }

  return {
    accountId,
    region,
    ...roles,
    manifestLocation,
    reportLocation,
    allowedBuckets: new Set(allowed),
    priority: integerSetting(raw, "priority", source, { fallback: DEFAULT_JOB_PRIORITY, min: 0, max: MAX_JOB_PRIORITY }),
    tags: parseJobTags(listLines(raw, "tags"), source),
    kmsKeyArn,
    waitMinutes: integerSetting(raw, "wait-minutes", source, { fallback: 0, min: 0, max: MAX_WAIT_MINUTES }),
  };
}

export function integerSetting(raw: RawSettings, setting: string, source: SettingSource, limits: { fallback: number; min: number; max: number }): number {
  const value = stringSetting(raw, setting);
  if (value === undefined) return limits.fallback;
  if (!/^\d+$/.test(value) || Number(value) < limits.min || Number(value) > limits.max) {
    throw new InputError(setting, `${settingName(setting, source)}: "${value}" is not a whole number from ${limits.min} to ${limits.max}.`);
  }
  return Number(value);
}

/** Tags are "key=value", one per line (values may contain commas, so only newlines separate them). */
function listLines(raw: RawSettings, setting: string): string[] {
  const value = raw[setting];
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split("\n") : [];
  return items.map((item: string) => item.trim()).filter((item) => item.length > 0);
}

export function parseJobTags(lines: readonly string[], source: SettingSource): JobTag[] {
  const name = settingName("tags", source);
  const tags: JobTag[] = [];
  for (const line of lines) {
    const equals = line.indexOf("=");
    if (equals <= 0) throw new InputError("tags", `${name}: "${line}" is not "key=value" (for example "team=storage").`);
    const tag = { Key: line.slice(0, equals).trim(), Value: line.slice(equals + 1).trim() };
    if (tag.Key.startsWith(RESERVED_TAG_PREFIX)) throw new InputError("tags", `${name}: tag key "${tag.Key}" uses the reserved prefix "${RESERVED_TAG_PREFIX}"; the Action sets those tags itself.`);
    if (tag.Key.length > MAX_TAG_KEY_CHARS) throw new InputError("tags", `${name}: tag key "${tag.Key}" is longer than ${MAX_TAG_KEY_CHARS} characters.`);
    if (tag.Value.length > MAX_TAG_VALUE_CHARS) throw new InputError("tags", `${name}: the value of tag "${tag.Key}" is longer than ${MAX_TAG_VALUE_CHARS} characters.`);
    if (tags.some((existing) => existing.Key === tag.Key)) throw new InputError("tags", `${name}: tag key "${tag.Key}" is given twice.`);
    tags.push(tag);
  }
  if (tags.length > MAX_JOB_TAGS - PROJECT_TAG_COUNT) {
    throw new InputError("tags", `${name}: ${tags.length} tags given; a job takes at most ${MAX_JOB_TAGS} and the Action adds ${PROJECT_TAG_COUNT}, so give at most ${MAX_JOB_TAGS - PROJECT_TAG_COUNT}.`);
  }
  return tags;
}
