/**
 * The CLI does locally what the Action does: `bucket-keys apply --plan <dir>` creates the jobs of a
 * plan made with `bucket-keys plan --manifest-uri`, once, and `bucket-keys status` reports them, run
 * from the bundled dist/cli.js against the loopback S3 and S3 Control servers.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3ControlServer, type S3ControlServer } from "../../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";
import { ACCOUNT_ID, BATCH_ROLE_ARN, KMS_KEY_ARN, MANIFEST_URI, REGION, REPORT_URI } from "./action-harness.ts";
import { bucketRows, putInventory } from "./scenario.ts";

const execFileAsync = promisify(execFile);
let s3: LocalS3Server;
let control: S3ControlServer;
let work: string;
let planDir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? "", AWS_CONFIG_FILE: join(work, "none"), AWS_SHARED_CREDENTIALS_FILE: join(work, "none"), AWS_EC2_METADATA_DISABLED: "true", ...s3.env(), ...control.env() };
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["dist/cli.js", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const applyArgs = (plan: string) => ["apply", "--plan", plan, "--account-id", ACCOUNT_ID, "--region", REGION, "--batch-role-arn", BATCH_ROLE_ARN, "--manifest-uri", MANIFEST_URI, "--report-uri", REPORT_URI, "--allowed-buckets", "logs-bucket"];

beforeAll(async () => {
  // logs-bucket exists but holds none of the inventory's objects, so every task fails with NoSuchKey.
  s3 = await startS3Server({ buckets: ["inventory-bucket", "reports-bucket", "logs-bucket"] });
  control = await startS3ControlServer({ s3Endpoint: s3.endpoint, accountId: ACCOUNT_ID, region: REGION, advanceOn: "manual" });
  work = await mkdtemp(join(tmpdir(), "bucket-keys-cli-"));
  planDir = join(work, "plan");
  const manifest = await putInventory(s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 3, plain: 1 }), new Date("2026-11-01T00:00:00Z"));
  const planned = await cli(["plan", "--inventory", manifest, "--kms-key-arn", KMS_KEY_ARN, "--out", planDir, "--manifest-uri", MANIFEST_URI]);
  expect(planned.code, planned.stderr).toBe(0);
});

afterAll(async () => {
  await control?.stop();
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("bucket-keys apply and status", () => {
  it("creates each job of the plan and prints its id", async () => {
    const run = await cli(applyArgs(planDir));
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(await readFile(join(planDir, "plan.json"), "utf8"));
    expect(control.jobs()).toHaveLength(plan.jobs.length);
    for (const job of control.jobs()) expect(run.stdout).toContain(job.jobId);
  });

  it("creates nothing when run again", async () => {
    const jobs = control.jobs().length;
    const run = await cli(applyArgs(join(planDir, "plan.json")));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("already created");
    expect(control.jobs()).toHaveLength(jobs);
  });

  it("refuses a plan edited after it was made, naming the file", async () => {
    const plan = JSON.parse(await readFile(join(planDir, "plan.json"), "utf8"));
    const edited = join(work, "edited.json");
    await writeFile(edited, JSON.stringify({ ...plan, jobs: plan.jobs.map((job: object) => ({ ...job, bucket: "other-bucket" })) }));
    const run = await cli(applyArgs(edited));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${edited}: field "id"`);
  });

  it("exits 2 naming the flag when a setting is malformed", async () => {
    const run = await cli([...applyArgs(planDir), "--priority", "high"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--priority: "high" is not a whole number');
  });

  it("status prints the failed tasks by error code and exits 1", async () => {
    await control.settle();
    const plan = JSON.parse(await readFile(join(planDir, "plan.json"), "utf8"));
    const run = await cli(["status", "--account-id", ACCOUNT_ID, "--region", REGION, "--plan-id", plan.id]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("| `NoSuchKey` | 404 |");
    expect(run.stderr).toContain("failed or have failed tasks");
  });
});
