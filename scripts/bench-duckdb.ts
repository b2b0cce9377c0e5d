/**
 * The benchmark's DuckDB line, in a process of its own: what the plan does, as one SQL statement over
 * the same gzip data files, for scale. read_csv of every file (all columns as text, the quoting S3
 * writes), the plan's routing under --operation auto as a CASE over the same columns, each key
 * rewritten to the manifest form (decoded, then url_encode with "/" and the marks encodeURIComponent
 * keeps turned back), and a COPY of "bucket,key[,version id]" lines into one CSV per job
 * (PARTITION_BY). DuckDB's own thread pool, set to the bench's thread count. No MD5, no plan.json:
 * less work than the plan, not more. Prints one JSON line, with each job's line count (counted after
 * the clock stops) so the bench can check that both wrote the same jobs.
 *
 *   node scripts/bench-duckdb.ts <manifest.json> <threads> <out dir>
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";

const [manifestPath, threadsText, out] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const cpuStart = process.cpuUsage();
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { sourceBucket: string; fileSchema: string; creationTimestamp: string; files: { key: string }[] };
const root = dirname(dirname(dirname(dirname(dirname(manifestPath)))));
const schema = manifest.fileSchema.split(",").map((column) => column.trim());
const has = (column: string) => schema.includes(column);
const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
const upper = (column: string) => `upper("${column}")`;

// routeRow (action/core/plan/route-row.ts) under --operation auto, for the columns this inventory has.
const inventoryTime = new Date(Number(manifest.creationTimestamp)).toISOString();
const locked = [
  has("ObjectLockLegalHoldStatus") ? `${upper("ObjectLockLegalHoldStatus")} = 'ON'` : "false",
  has("ObjectLockMode")
    ? `(${upper("ObjectLockMode")} IN ('GOVERNANCE', 'COMPLIANCE') AND NOT coalesce(${has("ObjectLockRetainUntilDate") ? `TRY_CAST("ObjectLockRetainUntilDate" AS TIMESTAMPTZ) <= ${text(inventoryTime)}::TIMESTAMPTZ` : "false"}, false))`
    : "false",
].join(" OR ");
const storageClass = has("StorageClass") ? upper("StorageClass") : "NULL";
const job = `CASE
  WHEN lower("IsDeleteMarker") = 'true' THEN NULL
  WHEN ${upper("BucketKeyStatus")} = 'ENABLED' THEN NULL
  ${has("EncryptionStatus") ? `WHEN ${upper("EncryptionStatus")} IN ('SSE-C', 'DSSE-KMS') THEN NULL` : ""}
  WHEN ${has("EncryptionStatus") ? `${upper("EncryptionStatus")} <> 'NOT-SSE'` : "true"} THEN CASE WHEN ${locked} THEN NULL ELSE 'update' END
  WHEN lower("IsLatest") <> 'true' THEN NULL
  ${has("IntelligentTieringAccessTier") ? `WHEN ${upper("IntelligentTieringAccessTier")} IN ('ARCHIVE_ACCESS', 'DEEP_ARCHIVE_ACCESS', 'ARCHIVE', 'DEEP_ARCHIVE') THEN NULL` : ""}
  WHEN ${storageClass} IN ('GLACIER', 'DEEP_ARCHIVE') THEN NULL
  WHEN ${storageClass} NOT IN ('STANDARD', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR') THEN NULL
  ${has("Size") ? `WHEN TRY_CAST("Size" AS BIGINT) > 5368709120 THEN NULL` : ""}
  ELSE 'copy-' || replace(lower(${storageClass}), '_', '-')
END`;
// manifest-key.ts: "+" is a space, %XX a byte; then encodeURIComponent with %2F back to "/".
let key = `url_encode(url_decode(replace("Key", '+', ' ')))`;
for (const [escape, char] of [["%2F", "/"], ["%21", "!"], ["%2A", "*"], ["%27", "'"], ["%28", "("], ["%29", ")"]]) key = `replace(${key}, '${escape}', ${text(char!)})`;
const version = has("VersionId") ? `CASE WHEN job = 'update' THEN ',' || CASE WHEN "VersionId" = '' THEN 'null' ELSE "VersionId" END ELSE '' END` : "''";
const files = manifest.files.map((file) => text(join(root, file.key))).join(", ");
const columns = schema.map((column) => `${text(column)}: 'VARCHAR'`).join(", ");
const sql = `COPY (
  SELECT "Bucket" || ',' || ${key} || ${version} AS line, job
  FROM (SELECT *, ${job} AS job FROM read_csv([${files}], columns = {${columns}}, header = false, delim = ',', quote = '"', escape = '"', compression = 'gzip', allow_quoted_nulls = false))
  WHERE job IS NOT NULL
) TO ${text(out)} (FORMAT csv, HEADER false, DELIMITER '\t', QUOTE '', PARTITION_BY (job), OVERWRITE_OR_IGNORE)`;

await rm(out, { recursive: true, force: true });
const instance = await DuckDBInstance.create(":memory:", { threads: threadsText });
const connection = await instance.connect();
await connection.run(sql);
connection.closeSync();
instance.closeSync();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
const maxRssBytes = process.resourceUsage().maxRSS * 1024;

const jobs: Record<string, number> = {};
for (const folder of readdirSync(out)) {
  let lines = 0;
  for (const file of readdirSync(join(out, folder))) for (const byte of readFileSync(join(out, folder, file))) if (byte === 10) lines++;
  jobs[folder.replace(/^job=/, "")] = lines;
}
await rm(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssBytes, uncompressedBytes: 0, rows: 0, jobs }));
