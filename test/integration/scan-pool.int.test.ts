import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChecksumMismatchError } from "../../action/contracts/errors.ts";
import type { ScanResult, ScanTask } from "../../action/io/scan/scan-data-file.ts";
import { runScanPool } from "../../action/io/scan/scan-pool.ts";
import { STANDARD_SCHEMA, writeInventory } from "../helpers/inventory-builder.ts";
import { realisticRows } from "../helpers/inventory-rows.ts";

/** Rows per data file: uneven, so workers finish out of order. */
const ROWS = [60_000, 10, 2000, 5, 1200, 40];
const WRONG_MD5 = "0".repeat(32);

describe("runScanPool (worker threads claiming files from a shared counter)", () => {
  let root: string;
  let tasks: ScanTask[];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "scan-pool-"));
    const inventory = await writeInventory(
      { kind: "dir", root: join(root, "sync") },
      { sourceBucket: "photos", fileSchema: STANDARD_SCHEMA, dataFiles: ROWS.map((count, index) => realisticRows("photos", count, index + 1)) },
    );
    const manifest = JSON.parse(await readFile(inventory.manifest, "utf8")) as { files: { key: string; MD5checksum: string }[] };
    tasks = manifest.files.map((file, index) => ({
      index,
      source: { kind: "local", path: join(root, "sync", file.key), display: file.key },
      expectedMd5: file.MD5checksum,
      fileFormat: "CSV",
      fileSchema: [...STANDARD_SCHEMA],
      sourceBucket: "photos",
      operation: "auto",
      inventoryTimeMs: Date.parse("2026-11-01T00:00:00Z"),
      partsDir: join(root, "parts", String(index)),
    }));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  /** The tasks with their own parts folder under `run`, and the files at `wrong` given a wrong MD5. */
  const tasksFor = (run: string, wrong: number[] = []): ScanTask[] =>
    tasks.map((task) => ({ ...task, partsDir: join(root, run, String(task.index)), ...(wrong.includes(task.index) && { expectedMd5: WRONG_MD5 }) }));

  it("returns every file's result in task order, however the workers finish", async () => {
    const finished: number[] = [];
    const results = await runScanPool(tasksFor("ordered"), { threads: 3, onResult: (result) => finished.push(result.index) });
    expect(results.map((result) => result.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((result) => result.tally.rows)).toEqual(ROWS);
    expect([...finished].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("starts no file after one failed, and rejects with that file's error", async () => {
    const finished: ScanResult[] = [];
    const error = await runScanPool(tasksFor("stop", [1]), { threads: 1, onResult: (result) => finished.push(result) }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toContain(tasks[1]!.source.display);
    expect(finished.map((result) => result.index)).toEqual([0]);
    // A file's scan creates its parts folder first: the later files never started.
    for (const index of [2, 3, 4, 5]) expect(existsSync(join(root, "stop", String(index)))).toBe(false);
  });

  it("reports the earliest file's failure when several fail, whichever failed first", async () => {
    // File 1 (10 rows) fails long before file 0 (60,000 rows) is read to its end.
    const error = await runScanPool(tasksFor("earliest", [0, 1]), { threads: 2 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toContain(tasks[0]!.source.display);
  });
});
