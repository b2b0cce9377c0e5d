/** `bucket-keys report` as a process (the bundled dist/cli.js) over a plan folder with history.json files. */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

async function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/cli.js", "report", ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const entry = (day: string, onBucketKeys: number, planned: number) => ({ inventoryTime: `2026-11-${day}T00:00:00.000Z`, planId: `${day}`.padEnd(16, "0"), rows: 100, planned: { objects: planned }, skipped: { "already-bucket-key": onBucketKeys } });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "report-e2e-"));
  const write = async (bucket: string, body: string) => {
    await mkdir(join(dir, "plans", bucket), { recursive: true });
    await writeFile(join(dir, "plans", bucket, "history.json"), body);
  };
  await write("photos-prod", JSON.stringify({ schemaVersion: 1, bucket: "photos-prod", entries: [entry("01", 61, 39), entry("08", 80, 20), entry("15", 97, 3)] }));
  await write("logs-prod", JSON.stringify({ schemaVersion: 1, bucket: "logs-prod", entries: [entry("01", 90, 10), entry("08", 100, 0)] }));
  await mkdir(join(dir, "plans", "no-history-yet"), { recursive: true });
  await write("broken", JSON.stringify({ schemaVersion: 1, bucket: "other", entries: [] }).replace('"other"', '"broken"').replace("[]", '[{"inventoryTime":"yesterday"}]'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("bucket-keys report", () => {
  it("refuses an invalid history.json, naming the file and the field, with exit code 1", async () => {
    const result = await report(["--plan-dir", join(dir, "plans")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "plans", "broken", "history.json")}: field "entries[0].inventoryTime"`);
  });

  describe("over valid histories", () => {
    beforeAll(async () => rm(join(dir, "plans", "broken"), { recursive: true }));

    it("prints the chart, the statements and the trends as markdown by default", async () => {
      const result = await report(["--plan-dir", join(dir, "plans")]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^# S3 Bucket Keys coverage\n\n```mermaid\n/);
      expect(result.stdout).toContain("- **`logs-prod` is fully on S3 Bucket Keys**: 100% of 100 objects (inventory of 2026-11-08).");
      expect(result.stdout).toContain("- `photos-prod`: 61% → 97% in 3 plans, 2026-11-01 to 2026-11-15; 3 planned");
    });

    it("prints one CSV row per bucket and inventory date", async () => {
      const result = await report(["--plan-dir", join(dir, "plans"), "--format", "csv"]);
      const lines = result.stdout.trimEnd().split("\r\n");
      expect(lines).toHaveLength(6);
      expect(lines.slice(1).map((line) => line.split(",").slice(0, 2).join(" "))).toEqual([
        "logs-prod 2026-11-01T00:00:00.000Z",
        "logs-prod 2026-11-08T00:00:00.000Z",
        "photos-prod 2026-11-01T00:00:00.000Z",
        "photos-prod 2026-11-08T00:00:00.000Z",
        "photos-prod 2026-11-15T00:00:00.000Z",
      ]);
    });

    it("prints JSON with each bucket's state", async () => {
      const result = await report(["--plan-dir", join(dir, "plans"), "--format", "json"]);
      expect(JSON.parse(result.stdout).buckets.map((bucket: { bucket: string; state: string }) => [bucket.bucket, bucket.state])).toEqual([["logs-prod", "done"], ["photos-prod", "improving"]]);
    });

    it("refuses an unknown format with exit code 2", async () => {
      const result = await report(["--plan-dir", join(dir, "plans"), "--format", "xml"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--format: "xml" is not one of markdown, csv, json.');
    });

    it("names a plan folder it cannot read", async () => {
      const result = await report(["--plan-dir", join(dir, "missing")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--plan-dir: cannot read the folder "${join(dir, "missing")}" (ENOENT)`);
    });
  });
});
