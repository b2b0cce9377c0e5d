/**
 * Row generators for inventories: one row per routing branch with the outcome the plan engine must
 * reach, and a seeded stream of realistic rows (random version ids and ETags, as real reports have)
 * for the demo and the benchmark.
 */
import type { InventoryRow } from "./inventory-builder.ts";

/** Where a row must end up: a skip reason, or the job it joins ("update" or "copy:<STORAGE_CLASS>"). */
export type ExpectedOutcome = { skip: string } | { job: "update" | `copy:${string}` };

export interface RoutingCase {
  name: string;
  row: InventoryRow;
  expected: ExpectedOutcome;
}

const FUTURE = "2099-01-01T00:00:00.000Z";
const PAST = "2020-01-01T00:00:00.000Z";
const GIB = 1024 ** 3;

/** An ACL that grants READ to everyone (base64 JSON, as the ObjectAccessControlList field holds it). */
export const PUBLIC_READ_ACL = aclField([
  { canonicalId: "owner", type: "CanonicalUser", permission: "FULL_CONTROL" },
  { uri: "http://acs.amazonaws.com/groups/global/AllUsers", type: "Group", permission: "READ" },
]);
/** An ACL with only the owner's FULL_CONTROL grant. */
export const PRIVATE_ACL = aclField([{ canonicalId: "owner", type: "CanonicalUser", permission: "FULL_CONTROL" }]);

export function aclField(grants: Record<string, string>[]): string {
  return Buffer.from(JSON.stringify({ version: "2022-11-10", status: "AVAILABLE", grants })).toString("base64");
}

/**
 * One row per routing branch of the table (plus the safety rules), for bucket `bucket`, with the
 * outcome under operation "auto" and the full schema. Values use the spellings real reports use.
 */
export function routingCases(bucket: string): RoutingCase[] {
  let n = 0;
  const row = (fields: Record<string, string>): InventoryRow => ({
    Bucket: bucket,
    Key: `case/${String(++n).padStart(2, "0")}`,
    VersionId: `v${n}Aa3.Bb_${n}`,
    IsLatest: "true",
    IsDeleteMarker: "false",
    Size: "1024",
    LastModifiedDate: "2025-06-01T12:00:00.000Z",
    ETag: "0123456789abcdef0123456789abcdef",
    StorageClass: "STANDARD",
    EncryptionStatus: "SSE-KMS",
    BucketKeyStatus: "DISABLED",
    ObjectAccessControlList: PRIVATE_ACL,
    ...fields,
  });
  return [
    { name: "a delete marker", row: row({ IsDeleteMarker: "TRUE", Size: "", EncryptionStatus: "" }), expected: { skip: "delete-marker" } },
    { name: "an object already on a Bucket Key", row: row({ BucketKeyStatus: "ENABLED" }), expected: { skip: "already-bucket-key" } },
    { name: "an SSE-C object", row: row({ EncryptionStatus: "SSE-C" }), expected: { skip: "sse-c" } },
    { name: "a DSSE-KMS object", row: row({ EncryptionStatus: "DSSE-KMS" }), expected: { skip: "dsse-kms" } },
    { name: "an SSE-KMS object under legal hold", row: row({ ObjectLockLegalHoldStatus: "On" }), expected: { skip: "object-lock" } },
    { name: "an SSE-KMS object in governance retention", row: row({ ObjectLockMode: "Governance", ObjectLockRetainUntilDate: FUTURE }), expected: { skip: "object-lock" } },
    { name: "an SSE-KMS object whose compliance retention ended", row: row({ ObjectLockMode: "COMPLIANCE", ObjectLockRetainUntilDate: PAST }), expected: { job: "update" } },
    { name: "an SSE-KMS object without a Bucket Key", row: row({}), expected: { job: "update" } },
    { name: "an SSE-KMS object with an empty BucketKeyStatus", row: row({ BucketKeyStatus: "" }), expected: { job: "update" } },
    { name: "an SSE-S3 object", row: row({ EncryptionStatus: "SSE-S3" }), expected: { job: "update" } },
    { name: "a noncurrent SSE-KMS version", row: row({ IsLatest: "False" }), expected: { job: "update" } },
    { name: "an SSE-KMS null version", row: row({ VersionId: "" }), expected: { job: "update" } },
    { name: "an archived SSE-KMS object", row: row({ StorageClass: "DEEP_ARCHIVE" }), expected: { job: "update" } },
    { name: "a noncurrent unencrypted version", row: row({ EncryptionStatus: "NOT-SSE", IsLatest: "FALSE" }), expected: { skip: "noncurrent-unencrypted" } },
    { name: "an unencrypted GLACIER object", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "GLACIER" }), expected: { skip: "archived" } },
    { name: "an unencrypted DEEP_ARCHIVE object", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "DEEP_ARCHIVE" }), expected: { skip: "archived" } },
    { name: "an unencrypted object in the Archive Access tier", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "INTELLIGENT_TIERING", IntelligentTieringAccessTier: "ARCHIVE_ACCESS" }), expected: { skip: "archived" } },
    { name: "an unencrypted object over 5 GiB", row: row({ EncryptionStatus: "NOT-SSE", Size: String(6 * GIB) }), expected: { skip: "too-large-for-copy" } },
    { name: "an unencrypted REDUCED_REDUNDANCY object", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "REDUCED_REDUNDANCY" }), expected: { skip: "unsupported-storage-class" } },
    { name: "an unencrypted public-read object", row: row({ EncryptionStatus: "NOT-SSE", ObjectAccessControlList: PUBLIC_READ_ACL }), expected: { skip: "acl-grants" } },
    { name: "an unencrypted private STANDARD object", row: row({ EncryptionStatus: "NOT-SSE", ObjectAccessControlList: PRIVATE_ACL }), expected: { job: "copy:STANDARD" } },
    { name: "an unencrypted STANDARD_IA object", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "STANDARD_IA" }), expected: { job: "copy:STANDARD_IA" } },
    { name: "an unencrypted GLACIER_IR object with a space and a plus in its key", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "GLACIER_IR", Key: "photos/a b+c ü.jpg" }), expected: { job: "copy:GLACIER_IR" } },
    { name: "an unencrypted object in the Frequent Access tier", row: row({ EncryptionStatus: "NOT-SSE", StorageClass: "INTELLIGENT_TIERING", IntelligentTieringAccessTier: "FREQUENT" }), expected: { job: "copy:INTELLIGENT_TIERING" } },
  ];
}

/** A small, fast, seeded PRNG (xorshift32), so generated inventories are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

const VERSION_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
const HEX = "0123456789abcdef";

function randomString(random: () => number, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/**
 * `count` realistic rows of a versioned bucket: mostly SSE-KMS objects without a Bucket Key, with every
 * other branch mixed in (about 1 in 5 rows routes elsewhere). Keys look like application paths; a few
 * contain spaces, "+" and non-ASCII characters. Rows carry every column of FULL_SCHEMA; a schema with
 * fewer columns simply leaves the others out.
 */
export function* realisticRows(bucket: string, count: number, seed = 1): Generator<InventoryRow> {
  const random = seededRandom(seed);
  const classes = ["STANDARD", "STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "ONEZONE_IA"];
  for (let i = 0; i < count; i++) {
    const pick = random();
    const day = 1 + Math.floor(random() * 28);
    const special = random() < 0.01;
    const key = `logs/2025/${String(1 + (i % 12)).padStart(2, "0")}/${String(day).padStart(2, "0")}/${special ? "report final+v2 é" : "app"}-${i}.json.gz`;
    const row: Record<string, string> = {
      Bucket: bucket,
      Key: key,
      VersionId: random() < 0.02 ? "" : randomString(random, VERSION_CHARS, 32),
      IsLatest: random() < 0.85 ? "true" : "false",
      IsDeleteMarker: "false",
      Size: String(Math.floor(random() * 4_000_000)),
      LastModifiedDate: `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(day).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00.000Z`,
      ETag: randomString(random, HEX, 32),
      StorageClass: classes[Math.floor(random() * classes.length)]!,
      EncryptionStatus: "SSE-KMS",
      BucketKeyStatus: "DISABLED",
      ObjectAccessControlList: random() < 0.01 ? PUBLIC_READ_ACL : PRIVATE_ACL,
    };
    if (row.StorageClass === "INTELLIGENT_TIERING") row.IntelligentTieringAccessTier = random() < 0.1 ? "ARCHIVE_ACCESS" : "FREQUENT";
    if (random() < 0.005) {
      row.ObjectLockMode = "GOVERNANCE";
      row.ObjectLockRetainUntilDate = random() < 0.5 ? FUTURE : PAST;
    }
    if (random() < 0.002) row.ObjectLockLegalHoldStatus = "ON";
    if (pick < 0.03) row.IsDeleteMarker = "true";
    else if (pick < 0.08) row.BucketKeyStatus = "ENABLED";
    else if (pick < 0.13) row.EncryptionStatus = "SSE-S3";
    else if (pick < 0.2) row.EncryptionStatus = "NOT-SSE";
    else if (pick < 0.202) row.EncryptionStatus = "SSE-C";
    else if (pick < 0.204) row.EncryptionStatus = "DSSE-KMS";
    else if (pick < 0.205) row.Size = String(6 * GIB + i);
    yield row;
  }
}
