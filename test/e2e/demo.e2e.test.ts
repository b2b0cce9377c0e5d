import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { validatePlan } from "../../action/contracts/plan-schema.ts";

const run = promisify(execFile);

describe("npm start (scripts/demo.ts)", () => {
  it("plans generated inventories from a local S3 endpoint, writes ./out, prints plan.md and the CreateJob requests, and exits 0", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "demo-e2e-"));
    try {
      const { stdout } = await run(process.execPath, [resolve("scripts/demo.ts")], { cwd, env: { ...process.env, BUCKET_KEYS_DEMO_ROWS: "3000" }, maxBuffer: 1 << 24 });
      const plan = validatePlan(JSON.parse(await readFile(join(cwd, "out", "plan.json"), "utf8")), "out/plan.json");
      expect(stdout).toContain(await readFile(join(cwd, "out", "plan.md"), "utf8"));
      expect(plan.inventories.map((inventory) => inventory.sourceBucket)).toEqual(["legacy-logs", "photos-prod"]);
      expect(plan.jobs.every((job) => job.manifest.uri?.startsWith(`s3://batch-manifests/bucket-keys/${plan.id}/`) && job.manifest.etag)).toBe(true);
      for (const job of plan.jobs) expect(stdout).toContain(`### ${job.id}\n\n\`\`\`json\n{\n  "AccountId": "111122223333"`);
      expect(stdout).toContain('"S3UpdateObjectEncryption": {');
      expect(stdout).toContain('"UnModifiedSinceConstraint"');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
