/**
 * Where each supported resource type keeps its default-encryption rules, and what a rule means for
 * Bucket Keys. Shapes differ by provider and version:
 *
 * - `BucketServerSideEncryptionConfiguration(V2)`: `rules[].applyServerSideEncryptionByDefault` (an
 *   object in v7, a one-element list in some v6 releases) and `rules[].bucketKeyEnabled`.
 * - `aws:s3/bucket:Bucket`: `serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault`.
 * - `aws:s3/bucketV2:BucketV2` (v6): `serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[]`.
 * - `aws-native:s3:Bucket`: `bucketEncryption.serverSideEncryptionConfiguration[].serverSideEncryptionByDefault`
 *   with `sseAlgorithm`/`kmsMasterKeyId` (older aws-native releases spelled them `sSEAlgorithm`/`kMSMasterKeyID`).
 *
 * The locator walks the raw objects (so a remediation can write into them); readers copy them to plain data.
 */
import { BUCKET_TYPES, ENCRYPTION_TYPES, TYPES } from "./resource-types.ts";
import { UNKNOWN, asBoolean, asString, field, isRecord, isUnknown, toPlain, unwrap, type Unknown } from "./props.ts";

type RawRecord = Record<string, unknown>;

export interface LocatedRule {
  /** Where the rule sits, for messages: `rules[0]`, `serverSideEncryptionConfiguration.rule`, ... */
  path: string;
  rule: RawRecord;
}

export interface EncryptionRule {
  path: string;
  sseAlgorithm: string | Unknown | undefined;
  kmsMasterKeyId: string | Unknown | undefined;
  bucketKeyEnabled: boolean | Unknown | undefined;
}

/** The resource's encryption block: its property name and rules (UNKNOWN while preview can't tell). */
export interface EncryptionBlock<R> {
  property: string;
  rules: R[] | Unknown;
}

export const KMS = "aws:kms";
export const DSSE_KMS = "aws:kms:dsse";
export const SSE_S3 = "AES256";

function entries(value: unknown, path: string): { path: string; item: RawRecord }[] | Unknown {
  const raw = unwrap(value);
  if (isUnknown(raw)) return UNKNOWN;
  const items = Array.isArray(raw) ? raw.map((item, i) => ({ path: `${path}[${i}]`, item })) : [{ path, item: raw }];
  const out: { path: string; item: RawRecord }[] = [];
  for (const { path: itemPath, item } of items) {
    const rawItem = unwrap(item);
    if (isUnknown(rawItem)) return UNKNOWN;
    if (rawItem !== null && typeof rawItem === "object" && !Array.isArray(rawItem)) out.push({ path: itemPath, item: rawItem as RawRecord });
  }
  return out;
}

function firstKey(record: RawRecord, names: readonly string[]): string | undefined {
  return names.find((name) => record[name] !== undefined && record[name] !== null);
}

/** Rules nested one level below each block entry (`rule`/`rules`), flattened. */
function nestedRules(blocks: { path: string; item: RawRecord }[], names: readonly string[]): LocatedRule[] | Unknown {
  const rules: LocatedRule[] = [];
  for (const block of blocks) {
    const key = firstKey(block.item, names);
    if (key === undefined) continue;
    const found = entries(block.item[key], `${block.path}.${key}`);
    if (found === UNKNOWN) return UNKNOWN;
    rules.push(...found.map(({ path, item }) => ({ path, rule: item })));
  }
  return rules;
}

/**
 * The encryption block a resource declares, or undefined when it declares none (a bucket without
 * inline encryption) or isn't a type we read.
 */
export function locateRules(type: string, props: unknown): EncryptionBlock<LocatedRule> | undefined {
  const raw = unwrap(props);
  if (raw === null || typeof raw !== "object") return undefined;
  const record = raw as RawRecord;
  if (ENCRYPTION_TYPES.has(type)) {
    const found = record.rules === undefined || record.rules === null ? [] : entries(record.rules, "rules");
    return { property: "rules", rules: found === UNKNOWN ? UNKNOWN : found.map(({ path, item }) => ({ path, rule: item })) };
  }
  if (type === TYPES.nativeBucket) {
    if (record.bucketEncryption === undefined || record.bucketEncryption === null) return undefined;
    const blocks = entries(record.bucketEncryption, "bucketEncryption");
    return { property: "bucketEncryption", rules: blocks === UNKNOWN ? UNKNOWN : nestedRules(blocks, ["serverSideEncryptionConfiguration"]) };
  }
  if (BUCKET_TYPES.has(type)) {
    const key = firstKey(record, ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"]);
    if (key === undefined) return undefined;
    const blocks = entries(record[key], key);
    return { property: key, rules: blocks === UNKNOWN ? UNKNOWN : nestedRules(blocks, ["rule", "rules"]) };
  }
  return undefined;
}

function defaultsOf(rule: RawRecord, path: string): { path: string; item: RawRecord }[] | Unknown {
  const key = firstKey(rule, [
    "applyServerSideEncryptionByDefault",
    "applyServerSideEncryptionByDefaults",
    "serverSideEncryptionByDefault",
  ]);
  return key === undefined ? [] : entries(rule[key], `${path}.${key}`);
}

/** A located rule as plain data: algorithm, key and Bucket Key flag (UNKNOWN where preview can't tell). */
export function readRule(located: LocatedRule): EncryptionRule {
  const plain = toPlain(located.rule);
  const bucketKeyEnabled = isRecord(plain) ? asBoolean(plain.bucketKeyEnabled) : undefined;
  const defaults = defaultsOf(located.rule, located.path);
  if (defaults === UNKNOWN) {
    return { path: located.path, sseAlgorithm: UNKNOWN, kmsMasterKeyId: UNKNOWN, bucketKeyEnabled };
  }
  const first = defaults[0] === undefined ? undefined : toPlain(defaults[0].item);
  const byDefault = isRecord(first) ? first : {};
  return {
    path: located.path,
    sseAlgorithm: asString(field(byDefault, "sseAlgorithm", "sSEAlgorithm")),
    kmsMasterKeyId: asString(field(byDefault, "kmsMasterKeyId", "kMSMasterKeyID")),
    bucketKeyEnabled,
  };
}

/** The encryption block of a resource as plain rules. */
export function readEncryption(type: string, props: unknown): EncryptionBlock<EncryptionRule> | undefined {
  const block = locateRules(type, props);
  if (block === undefined) return undefined;
  return { property: block.property, rules: block.rules === UNKNOWN ? UNKNOWN : block.rules.map(readRule) };
}

export type RuleFinding =
  | { kind: "ok" }
  | { kind: "unknown"; what: "sseAlgorithm" | "bucketKeyEnabled" }
  | { kind: "sse-s3" }
  | { kind: "dsse-kms" }
  | { kind: "no-default-algorithm" }
  | { kind: "other-algorithm"; algorithm: string }
  | { kind: "kms-without-bucket-key"; bucketKeyEnabled: boolean | undefined };

/** What a rule means for Bucket Keys. Only `kms-without-bucket-key` is safe to fix automatically. */
export function classifyRule(rule: EncryptionRule): RuleFinding {
  const algorithm = rule.sseAlgorithm;
  if (algorithm === UNKNOWN) return { kind: "unknown", what: "sseAlgorithm" };
  if (algorithm === undefined) return { kind: "no-default-algorithm" };
  if (algorithm === SSE_S3) return { kind: "sse-s3" };
  if (algorithm === DSSE_KMS) return { kind: "dsse-kms" };
  if (algorithm !== KMS) return { kind: "other-algorithm", algorithm };
  if (rule.bucketKeyEnabled === UNKNOWN) return { kind: "unknown", what: "bucketKeyEnabled" };
  if (rule.bucketKeyEnabled === true) return { kind: "ok" };
  return { kind: "kms-without-bucket-key", bucketKeyEnabled: rule.bucketKeyEnabled };
}

/**
 * Sets `bucketKeyEnabled: true` on every rule that already uses `aws:kms`, in place, and says whether
 * anything changed. Never touches other algorithms: moving SSE-S3 to KMS changes cost and key
 * dependencies, and DSSE-KMS can't use Bucket Keys, so those need a person's decision.
 */
export function enableBucketKeys(type: string, props: unknown): boolean {
  const block = locateRules(type, props);
  if (block === undefined || block.rules === UNKNOWN) return false;
  let changed = false;
  for (const located of block.rules) {
    if (classifyRule(readRule(located)).kind === "kms-without-bucket-key") {
      located.rule.bucketKeyEnabled = true;
      changed = true;
    }
  }
  return changed;
}
