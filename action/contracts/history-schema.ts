/**
 * history.json, schema version 1: a bucket's coverage plan after plan, next to its plan.json
 * (`<plan-dir>/<bucket>/history.json`). The Action's plan command appends one entry per inventory
 * and commits it with the plan; `bucket-keys report` and the summaries read it. `validateHistory`
 * is the only way a history read from a repository becomes a `CoverageHistory`.
 */
import { z } from "zod";
import { ManifestError } from "./errors.ts";
import { PLAN_ID_HEX_CHARS, SKIP_REASONS } from "./plan-schema.ts";

export const HISTORY_SCHEMA_VERSION = 1;

/** Entries kept: two years of weekly inventories, under 50 KB even for the largest counts. Older entries are dropped first. */
export const MAX_HISTORY_ENTRIES = 104;

const count = z.number().int().nonnegative();

const entrySchema = z.strictObject({
  /** The inventory report's creationTime (UTC): the entry's date. At most one entry per inventory. */
  inventoryTime: z.iso.datetime({ offset: false }),
  /** The plan made from that inventory. */
  planId: z.string().regex(new RegExp(`^[0-9a-f]{${PLAN_ID_HEX_CHARS}}$`), `expected ${PLAN_ID_HEX_CHARS} lowercase hex characters`),
  /** Inventory rows (every version and delete marker the report lists). */
  rows: count,
  /** Objects the plan's jobs cover, and their bytes when the inventory has a Size column. */
  planned: z.strictObject({ objects: count, bytes: z.number().nonnegative().optional() }),
  /** Rows left out, by reason; `already-bucket-key` are the objects already on a Bucket Key. */
  skipped: z.partialRecord(z.enum(SKIP_REASONS), count),
});

export const historySchema = z.strictObject({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "expected an S3 bucket name"),
  /** Oldest first, one per inventoryTime. */
  entries: z.array(entrySchema).max(MAX_HISTORY_ENTRIES),
});

export type CoverageHistory = z.infer<typeof historySchema>;
export type CoverageEntry = z.infer<typeof entrySchema>;

/** Serialises a history the way history.json is written: two-space indent, trailing newline. */
export function serializeHistory(history: CoverageHistory): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}

/**
 * Turns untrusted JSON (a history.json from a repository) into a `CoverageHistory`: the schema, entries
 * in time order without two of one inventory, and the bucket its folder names. Throws ManifestError
 * naming the field.
 */
export function validateHistory(input: unknown, file: string, bucket?: string): CoverageHistory {
  const parsed = historySchema.safeParse(input, { jitless: true });
  const fix = "It is written by the plan command: restore it from git history, or delete it to start a new history.";
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
    throw new ManifestError(file, field || undefined, `${file}: ${field ? `field "${field}" ` : ""}${issue.message}. ${fix}`);
  }
  const history = parsed.data;
  if (bucket !== undefined && history.bucket !== bucket) {
    throw new ManifestError(file, "bucket", `${file}: field "bucket" is "${history.bucket}" but the file is in the folder of bucket "${bucket}". ${fix}`);
  }
  history.entries.forEach((entry, index) => {
    const previous = history.entries[index - 1];
    if (previous !== undefined && Date.parse(previous.inventoryTime) >= Date.parse(entry.inventoryTime)) {
      throw new ManifestError(file, `entries[${index}].inventoryTime`, `${file}: field "entries[${index}].inventoryTime" (${entry.inventoryTime}) is not after the entry before it (${previous.inventoryTime}); entries are oldest first, one per inventory. ${fix}`);
    }
  });
  return history;
}
