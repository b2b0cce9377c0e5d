import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../../action/core/logger.ts";
import { validatePlan } from "../../action/core/plan-schema.ts";
import { planInventory, type PlanResult } from "../../action/plan.ts";
import { expectedOutcome } from "../helpers/expected-manifests.ts";
import { FULL_SCHEMA, splitRows, TUTORIAL_SCHEMA, writeInventory, type WrittenInventory } from "../helpers/inventory-builder.ts";
import { routingCases } from "../helpers/inventory-rows.ts";

const KMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** FULL_SCHEMA in a scrambled order: columns are found by name. */
const SCRAMBLED = [...FULL_SCHEMA].sort((a, b) => (a.length % 5) - (b.length % 5) || b.localeCompare(a));

describe("planInventory on local inventories (aws s3 sync layout)", () => {
  let root: string;
  let photos: WrittenInventory;
  let logs: WrittenInventory;
  let first: PlanResult;
  const photoCases = routingCases("photos");
  const logCases = routingCases("logs").filter((c) => c.row.EncryptionStatus !== "NOT-SSE" && c.row.EncryptionStatus !== "SSE-C" && c.row.EncryptionStatus !== "DSSE-KMS");

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-local-"));
    photos = await writeInventory({ kind: "dir", root: join(root, "sync") }, { sourceBucket: "photos", fileSchema: SCRAMBLED, dataFiles: splitRows(photoCases.map((c) => c.row), 3), quoting: "needed" });
    logs = await writeInventory({ kind: "dir", root: join(root, "sync") }, { sourceBucket: "logs", fileSchema: [...TUTORIAL_SCHEMA].reverse(), dataFiles: splitRows(logCases.map((c) => c.row), 2), lineEnding: "\r\n" });
    first = await planInventory({ inventories: [photos.manifest, logs.manifest], kmsKeyArn: KMS, outDir: join(root, "out"), operation: "auto" }, { logger: memoryLogger(), now: new Date("2026-11-02T00:00:00Z") });
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it("writes one manifest per job with exactly the expected rows for two buckets at once", async () => {
    const expectedPhotos = expectedOutcome("photos", photoCases, { versionIds: true });
    const files = await readdir(join(root, "out", "manifests"));
    const expectedIds = [...Object.keys(expectedPhotos.manifests), "update-logs"].sort();
    expect(files.sort()).toEqual(expectedIds.map((id) => `${id}.csv`).sort());
    for (const [id, text] of Object.entries(expectedPhotos.manifests)) expect(await readFile(join(root, "out", "manifests", `${id}.csv`), "utf8")).toBe(text);
  });

  it("sends every tutorial-schema row without a Bucket Key to update, with version ids", async () => {
    const lines = (await readFile(join(root, "out", "manifests", "update-logs.csv"), "utf8")).trimEnd().split("\n");
    const expected = logCases.filter((c) => c.row.IsDeleteMarker !== "TRUE" && c.row.BucketKeyStatus !== "ENABLED");
    expect(lines).toEqual(expected.map((c) => `logs,${c.row.Key},${c.row.VersionId || "null"}`));
    expect(first.plan.warnings.find((w) => w.bucket === "logs")?.code).toBe("no-encryption-status");
  });

  it("records jobs, skip counts and inventories in a plan.json that validates", async () => {
    const plan = validatePlan(JSON.parse(await readFile(first.planPath, "utf8")), "plan.json");
    expect(plan).toEqual(first.plan);
    expect(plan.skipped).toEqual(countSkips());
    expect(plan.inventories.map((inventory) => [inventory.sourceBucket, inventory.manifest, inventory.dataFiles])).toEqual([
      ["logs", logs.manifestKey, 2],
      ["photos", photos.manifestKey, 3],
    ]);
    expect(plan.jobs.filter((job) => job.operation === "S3PutObjectCopy").every((job) => job.unmodifiedSince === "2026-11-01T00:00:00.000Z")).toBe(true);
    expect(await readFile(first.markdownPath, "utf8")).toBe(first.markdown);
  });

  it("gives a byte-identical plan and manifests for the same inputs, whatever the folder and the parallelism", async () => {
    const again = await planInventory({ inventories: [logs.manifest, photos.manifest], kmsKeyArn: KMS, outDir: join(root, "elsewhere", "out"), operation: "auto" }, { logger: memoryLogger(), threads: 1 });
    expect(await readFile(again.planPath, "utf8")).toBe(await readFile(first.planPath, "utf8"));
    for (const job of first.plan.jobs) {
      expect(await readFile(join(root, "elsewhere", "out", job.manifest.path))).toEqual(await readFile(join(root, "out", job.manifest.path)));
    }
  });

  it("replaces an earlier plan's manifests and leaves no staging folder behind", async () => {
    const out = join(root, "replace");
    await mkdir(join(out, "manifests"), { recursive: true });
    await writeFile(join(out, "manifests", "stale-job.csv"), "old,row\n");
    await planInventory({ inventories: [photos.manifest], kmsKeyArn: KMS, outDir: out, operation: "auto" }, { logger: memoryLogger() });
    expect(existsSync(join(out, "manifests", "stale-job.csv"))).toBe(false);
    expect((await readdir(root)).filter((name) => name.includes(".bucket-keys-"))).toEqual([]);
  });

  function countSkips(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of [...photoCases, ...logCases.filter((l) => l.row.IsDeleteMarker === "TRUE" || l.row.BucketKeyStatus === "ENABLED")]) {
      const skip = c.expected;
      if ("skip" in skip) counts[skip.skip] = (counts[skip.skip] ?? 0) + 1;
    }
    return counts;
  }
});
