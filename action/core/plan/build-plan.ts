/**
 * Turns the scanned inventories into plan.json: jobs (one update job per bucket, one copy job per bucket
 * and storage class), skip counts, warnings, the cost estimate and the content-hash id. Pure and
 * deterministic: the same inputs give the same plan.
 */
import { estimateCost } from "./cost-estimate.ts";
import { emptyTally, mergeTally } from "./file-tally.ts";
import { jobIdFor, storageClassOf } from "./job-id.ts";
import { computePlanId, PLAN_SCHEMA_VERSION, SKIP_REASONS, type ManifestFields, type Plan, type PlanJob, type PlanOperation } from "../../contracts/plan-schema.ts";
import { planWarnings } from "./plan-warnings.ts";
import type { ScannedInventory } from "./scanned-inventory.ts";

export interface JobDraft {
  id: string;
  /** The scan's job key ("update", "copy:STANDARD", ...): names the part files. */
  key: string;
  operation: PlanJob["operation"];
  bucket: string;
  storageClass?: string;
  objects: number;
  bytes?: number;
  fields: ManifestFields;
  unmodifiedSince?: string;
}

export interface PlanInput {
  operation: PlanOperation;
  kmsKeyArn: string;
  /** In plan order (the engine sorts them by source bucket). */
  inventories: ScannedInventory[];
  /** sha256 (hex) and size of each job's manifest CSV, by job id. */
  manifests: Readonly<Record<string, { sha256: string; bytes: number }>>;
}

/** The jobs an inventory's scan produced: update first, then copies by storage class. */
export function draftJobs(inventory: ScannedInventory): JobDraft[] {
  const schema = inventory.fileSchema.map((column) => column.toLowerCase());
  const hasSize = schema.includes("size");
  const hasVersionId = schema.includes("versionid");
  const keys = Object.keys(inventory.tally.jobs).sort((a, b) => (a === "update" ? -1 : b === "update" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key): JobDraft => {
    const counts = inventory.tally.jobs[key]!;
    const update = key === "update";
    const storageClass = storageClassOf(key);
    return {
      id: jobIdFor(inventory.sourceBucket, key),
      key,
      operation: update ? "S3UpdateObjectEncryption" : "S3PutObjectCopy",
      bucket: inventory.sourceBucket,
      ...(storageClass !== undefined && { storageClass }),
      objects: counts.objects,
      ...(hasSize && { bytes: counts.bytes }),
      // A copy never carries version ids: it must act on the current version, never revert a newer write.
      fields: update && hasVersionId ? ["Bucket", "Key", "VersionId"] : ["Bucket", "Key"],
      ...(!update && { unmodifiedSince: inventory.creationTime.toISOString() }),
    };
  });
}

export function buildPlan(input: PlanInput): Plan {
  const jobs: PlanJob[] = input.inventories.flatMap(draftJobs).map(({ key: _key, fields, ...job }) => {
    const manifest = input.manifests[job.id];
    if (manifest === undefined) throw new Error(`buildPlan: no manifest for job ${job.id}`);
    return { ...job, manifest: { path: `manifests/${job.id}.csv`, fields, sha256: manifest.sha256, bytes: manifest.bytes } };
  });
  const total = input.inventories.reduce((sum, inventory) => mergeTally(sum, inventory.tally), emptyTally());
  const skipped: Plan["skipped"] = {};
  for (const reason of SKIP_REASONS) if (total.skipped[reason]) skipped[reason] = total.skipped[reason];
  const skippedCount = Object.values(skipped).reduce((sum, count) => sum + count, 0);
  const withSize = jobs.every((job) => job.bytes !== undefined);
  const body: Omit<Plan, "id"> = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    operation: input.operation,
    kmsKeyArn: input.kmsKeyArn,
    inventories: input.inventories.map((inventory) => ({
      sourceBucket: inventory.sourceBucket,
      manifest: inventory.manifest,
      manifestMd5: inventory.manifestMd5,
      creationTime: inventory.creationTime.toISOString(),
      fileFormat: inventory.fileFormat,
      fileSchema: inventory.fileSchema,
      dataFiles: inventory.dataFiles,
      rows: inventory.tally.rows,
    })),
    jobs,
    skipped,
    totals: {
      rows: total.rows,
      objects: jobs.reduce((sum, job) => sum + job.objects, 0),
      skipped: skippedCount,
      ...(withSize && { bytes: jobs.reduce((sum, job) => sum + (job.bytes ?? 0), 0) }),
    },
    warnings: input.inventories.flatMap((inventory) => planWarnings(inventory, jobs, input)),
    cost: estimateCost(jobs),
  };
  return { id: computePlanId(body), ...body };
}
