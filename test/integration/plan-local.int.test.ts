import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { validatePlan } from "../../action/contracts/plan-schema.ts";
import { planInventory, type PlanResult } from "../../action/use-cases/plan-inventory.ts";
import { expectedOutcome } from "../helpers/expected-manifests.ts";
import { FULL_SCHEMA, splitRows, TUTORIAL_SCHEMA, writeInventory, type WrittenInventory } from "../helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../helpers/inventory-rows.ts";

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

  it("writes the same manifests with 1, 2 or 4 scan threads when every file's lines span many output flushes", async () => {
    // Big enough that each job's lines of each file flush several times: a file scanned while an
    // earlier one is still in progress writes part files first, then switches to sending its lines
    // when its turn comes, mid-file.
    const big = await writeInventory(
      { kind: "dir", root: join(root, "sync") },
      { sourceBucket: "bulk", fileSchema: FULL_SCHEMA, dataFiles: [1, 2, 3, 4].map((seed) => realisticRows("bulk", 40_000, seed)) },
    );
    const manifestsWith = async (threads: number) => {
      const outDir = join(root, `bulk-${threads}`);
      const result = await planInventory({ inventories: [big.manifest], kmsKeyArn: KMS, outDir, operation: "auto" }, { logger: memoryLogger(), threads });
      const files = await Promise.all(result.plan.jobs.map(async (job) => [job.manifest.path, await readFile(join(outDir, job.manifest.path))] as const));
      return { plan: await readFile(result.planPath, "utf8"), files: Object.fromEntries(files), bytes: files.reduce((sum, [, data]) => sum + data.length, 0) };
    };
    const one = await manifestsWith(1);
    expect(one.bytes).toBeGreaterThan(4 * 2 * 1024 * 1024); // several 1 MiB flushes per file
    for (const threads of [2, 4]) expect(await manifestsWith(threads)).toEqual(one);
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

describe("planInventory operations and key encodings", () => {
  let root: string;
  beforeAll(async () => void (root = await mkdtemp(join(tmpdir(), "plan-ops-"))));
  afterAll(async () => rm(root, { recursive: true, force: true }));

  const rows = [
    { Bucket: "media", Key: "a/b c+d.txt", VersionId: "v1", IsLatest: "true", IsDeleteMarker: "false", Size: "10", StorageClass: "STANDARD_IA", EncryptionStatus: "SSE-KMS", BucketKeyStatus: "DISABLED" },
    { Bucket: "media", Key: "a/old.txt", VersionId: "v0", IsLatest: "false", IsDeleteMarker: "false", Size: "20", StorageClass: "STANDARD", EncryptionStatus: "SSE-S3", BucketKeyStatus: "DISABLED" },
    { Bucket: "media", Key: "a/plain.txt", VersionId: "", IsLatest: "true", IsDeleteMarker: "false", Size: "30", StorageClass: "STANDARD", EncryptionStatus: "NOT-SSE", BucketKeyStatus: "" },
  ];
  const schema = ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus"];

  async function planWith(operation: "auto" | "update" | "copy", spec: Partial<Parameters<typeof writeInventory>[1]> = {}) {
    const inventoryRoot = join(root, `${operation}-${Object.keys(spec).join("-") || "default"}`);
    const inventory = await writeInventory({ kind: "dir", root: inventoryRoot }, { sourceBucket: "media", fileSchema: schema, dataFiles: [rows], ...spec });
    const result = await planInventory({ inventories: [inventory.manifest], kmsKeyArn: KMS, outDir: join(inventoryRoot, "out"), operation }, { logger: memoryLogger() });
    const manifests: Record<string, string> = {};
    for (const job of result.plan.jobs) manifests[job.id] = await readFile(join(inventoryRoot, "out", job.manifest.path), "utf8");
    return { plan: result.plan, manifests };
  }

  it("routes encrypted rows to update and unencrypted ones to copy under auto", async () => {
    const { manifests } = await planWith("auto");
    expect(manifests).toEqual({ "update-media": "media,a/b%20c%2Bd.txt,v1\nmedia,a/old.txt,v0\n", "copy-media-standard": "media,a/plain.txt\n" });
  });

  it("copies every current row without version ids under --operation copy, and skips the noncurrent one", async () => {
    const { plan, manifests } = await planWith("copy");
    expect(manifests).toEqual({ "copy-media-standard": "media,a/plain.txt\n", "copy-media-standard-ia": "media,a/b%20c%2Bd.txt\n" });
    expect(plan.skipped).toEqual({ "noncurrent-version": 1 });
  });

  it("updates every row, unencrypted ones too, under --operation update, writing a null version as null", async () => {
    const { manifests } = await planWith("update");
    expect(manifests).toEqual({ "update-media": "media,a/b%20c%2Bd.txt,v1\nmedia,a/old.txt,v0\nmedia,a/plain.txt,null\n" });
  });

  it("gives the same manifests whether slashes arrive as / or %2F and whether fields are quoted", async () => {
    const encoded = await planWith("auto", { keepSlash: false, quoting: "none" });
    expect(encoded.manifests).toEqual((await planWith("auto")).manifests);
  });
});
