/**
 * plan.json, schema version 1: the document a reviewer approves and the apply step executes.
 *
 * The plan engine writes it, the Action and the CLI read it back. `validatePlan` is the only way a
 * plan read from disk or from a pull request becomes a `Plan`; `computePlanId` is the content hash
 * that makes the plan id checkable.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { PlanError } from "./errors.ts";

export const PLAN_SCHEMA_VERSION = 1;

/** Number of hex characters of the sha256 used as the plan id. */
export const PLAN_ID_HEX_CHARS = 16;

export const JOB_OPERATIONS = ["S3UpdateObjectEncryption", "S3PutObjectCopy"] as const;
export type JobOperation = (typeof JOB_OPERATIONS)[number];

export const PLAN_OPERATIONS = ["auto", "update", "copy"] as const;
export type PlanOperation = (typeof PLAN_OPERATIONS)[number];

/** Reasons a row is left out of every job. Kebab-case, as they appear in plan.json. */
export const SKIP_REASONS = [
  "delete-marker",
  "already-bucket-key",
  "sse-c",
  "dsse-kms",
  "object-lock",
  "noncurrent-unencrypted",
  "archived",
  "too-large-for-copy",
  "unsupported-storage-class",
  "acl-grants",
  "noncurrent-version",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `expected ${length} lowercase hex characters`);
const nonNegativeInt = z.number().int().nonnegative();
/**
 * A sum of object sizes. A job can hold more than 2^53 bytes (9 PB), past which a JSON number is no
 * longer an exact integer; the sum stays deterministic (rows are added in inventory order), so the
 * plan id does too.
 */
const byteTotal = z.number().nonnegative().refine(Number.isFinite, "expected a finite number of bytes");
const isoTime = z.iso.datetime({ offset: false });
/** A full KMS key ARN (the only form S3UpdateObjectEncryption accepts). */
export const KMS_KEY_ARN = /^arn:aws[-a-z0-9]*:kms:[-a-z0-9]+:[0-9]{12}:key\/[-a-zA-Z0-9]+$/;

const manifestSchema = z.strictObject({
  /** Relative to the plan's folder, POSIX separators: "manifests/<job id>.csv". */
  path: z.string().regex(/^manifests\/[a-z0-9][a-z0-9.-]*\.csv$/, 'expected "manifests/<job id>.csv"'),
  fields: z.union([z.tuple([z.literal("Bucket"), z.literal("Key")]), z.tuple([z.literal("Bucket"), z.literal("Key"), z.literal("VersionId")])]),
  /** sha256 of the manifest CSV bytes, hex. */
  sha256: hex(64),
  /** Size of the manifest CSV in bytes. */
  bytes: nonNegativeInt,
  /** s3://bucket/prefix/<plan id>/<job id>.csv, present once uploaded. Not part of the plan id. */
  uri: z.string().regex(/^s3:\/\/[^/]+\/.+\.csv$/, 'expected "s3://bucket/prefix/<plan id>/<job id>.csv"').optional(),
  /** ETag S3 returned for the uploaded manifest, without quotes. Not part of the plan id. */
  etag: z.string().regex(/^[^"\s]+$/, "expected the ETag without quotes").optional(),
});

const jobSchema = z.strictObject({
  /** Unique within the plan; names the manifest file and seeds the job's ClientRequestToken. */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,127}$/, "expected lowercase letters, digits, '.' and '-' (at most 128)"),
  operation: z.enum(JOB_OPERATIONS),
  bucket: z.string().min(3).max(63),
  /** Copy jobs only, when the inventory has a StorageClass column: the class every copy keeps. */
  storageClass: z.string().min(1).optional(),
  objects: nonNegativeInt,
  /** Present when the inventory has a Size column. */
  bytes: byteTotal.optional(),
  /** Copy jobs: the inventory's creation time; objects modified after it fail instead of being overwritten. */
  unmodifiedSince: isoTime.optional(),
  manifest: manifestSchema,
});

const inventorySchema = z.strictObject({
  sourceBucket: z.string().min(1),
  /** "s3://bucket/key/manifest.json", or for a local copy the manifest's path relative to the inventory root. */
  manifest: z.string().min(1),
  /** MD5 (hex) of the manifest.json bytes: identifies the exact report planned from. */
  manifestMd5: hex(32),
  /** The report's creationTimestamp as ISO 8601 (UTC). */
  creationTime: isoTime,
  /** The report's format: "CSV" or "Parquet" (the only inventory metadata that differs between the two). */
  fileFormat: z.enum(["CSV", "Parquet"]),
  /** The report's columns, named as a CSV fileSchema names them (a Parquet report's snake_case names mapped: bucket_key_status is BucketKeyStatus). */
  fileSchema: z.array(z.string().min(1)).min(2),
  dataFiles: nonNegativeInt,
  rows: nonNegativeInt,
});

const warningSchema = z.strictObject({
  /** Stable kebab-case identifier, e.g. "no-encryption-status". */
  code: z.string().regex(/^[a-z0-9-]+$/),
  message: z.string().min(1),
  bucket: z.string().optional(),
  objects: nonNegativeInt.optional(),
});

const costLineSchema = z.strictObject({
  item: z.string().min(1),
  /** In natural units: jobs, objects, requests, GB. */
  quantity: z.number().nonnegative(),
  /** Singular: "job", "object", "request", "GB". */
  unit: z.string().min(1),
  /** The price of `per` units, as the price list states it (e.g. $0.005 per 1,000 requests). */
  priceUsd: z.number().nonnegative(),
  per: z.number().int().positive(),
  amountUsd: z.number().nonnegative(),
});

const costSchema = z.strictObject({
  currency: z.literal("USD"),
  priceTable: z.strictObject({ source: z.string().min(1), asOf: z.iso.date(), region: z.string().min(1) }),
  lines: z.array(costLineSchema),
  totalUsd: z.number().nonnegative(),
});

export const planSchema = z.strictObject({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  id: hex(PLAN_ID_HEX_CHARS),
  operation: z.enum(PLAN_OPERATIONS),
  kmsKeyArn: z.string().regex(KMS_KEY_ARN, 'expected a full key ARN like "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"'),
  inventories: z.array(inventorySchema).min(1),
  jobs: z.array(jobSchema),
  skipped: z.partialRecord(z.enum(SKIP_REASONS), nonNegativeInt),
  totals: z.strictObject({ rows: nonNegativeInt, objects: nonNegativeInt, skipped: nonNegativeInt, bytes: byteTotal.optional() }),
  warnings: z.array(warningSchema),
  cost: costSchema,
});

export type Plan = z.infer<typeof planSchema>;
export type PlanJob = z.infer<typeof jobSchema>;
export type PlanJobManifest = z.infer<typeof manifestSchema>;
export type PlanInventory = z.infer<typeof inventorySchema>;
export type PlanWarning = z.infer<typeof warningSchema>;
export type CostEstimate = z.infer<typeof costSchema>;
export type CostLine = z.infer<typeof costLineSchema>;
export type ManifestFields = PlanJobManifest["fields"];

/** JSON with object keys sorted at every level and no whitespace: the form the plan id hashes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item);
    }
    return out;
  }
  return value;
}

/**
 * The plan id: sha256 over the canonical JSON of the plan without `id` and without each manifest's
 * upload location (`uri`, `etag`), which are only known after the id names the upload folder.
 */
export function computePlanId(plan: Omit<Plan, "id"> | Plan): string {
  const { id: _id, ...rest } = plan as Plan;
  const hashed = {
    ...rest,
    jobs: rest.jobs.map((job) => {
      const { uri: _uri, etag: _etag, ...manifest } = job.manifest;
      return { ...job, manifest };
    }),
  };
  return createHash("sha256").update(canonicalJson(hashed)).digest("hex").slice(0, PLAN_ID_HEX_CHARS);
}

/** Serialises a plan the way plan.json is written: two-space indent, trailing newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * Turns untrusted JSON (a plan.json from disk or a pull request) into a `Plan`.
 * Checks the schema, that job ids and manifest paths are unique, that each manifest path is named
 * after its job, and that `id` equals the hash of the content. Throws `PlanError` naming the field.
 */
export function validatePlan(input: unknown, file: string): Plan {
  // Without zod's compiled fast path: a process validates a plan once or twice, and compiling the
  // parser costs more than it saves (10 ms against 5 ms for a first parse).
  const parsed = planSchema.safeParse(input, { jitless: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
    throw new PlanError(file, field || undefined, `${file}: ${field ? `field "${field}" ` : ""}${issue.message}. Regenerate the plan with "bucket-keys plan" instead of editing it by hand.`);
  }
  const plan = parsed.data;
  const seen = new Set<string>();
  plan.jobs.forEach((job, index) => {
    if (seen.has(job.id)) throw new PlanError(file, `jobs[${index}].id`, `${file}: field "jobs[${index}].id" repeats job id "${job.id}". Each job needs its own id; regenerate the plan.`);
    seen.add(job.id);
    const expectedPath = `manifests/${job.id}.csv`;
    if (job.manifest.path !== expectedPath) {
      throw new PlanError(file, `jobs[${index}].manifest.path`, `${file}: field "jobs[${index}].manifest.path" is "${job.manifest.path}" but job "${job.id}" must use "${expectedPath}". Regenerate the plan.`);
    }
  });
  const expectedId = computePlanId(plan);
  if (plan.id !== expectedId) {
    throw new PlanError(file, "id", `${file}: field "id" is "${plan.id}" but the plan's content hashes to "${expectedId}": the plan was edited after it was generated. Regenerate it with "bucket-keys plan" and review it again.`);
  }
  return plan;
}
