/**
 * Faults under `bucket-keys apply` (the bundled dist/cli.js), with fault proxies in front of the
 * loopback S3 and S3 Control servers and --idle-timeout 2: a manifest replaced in S3 whose new ETag was
 * written into plan.json is refused and nothing is created; a CreateJob that fails after another was
 * created prints the created job and the missing one, and a re-run (whose CreateJob is never answered
 * the first time) creates it, once.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../action/contracts/plan-schema.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { startS3ControlServer, type S3ControlServer } from "../helpers/s3-control-server/s3-control-server.ts";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { ACCOUNT_ID, BATCH_ROLE_ARN, KMS_KEY_ARN, MANIFEST_URI, REGION, REPORT_URI } from "../e2e/action/action-harness.ts";
import { bucketRows, putInventory } from "../e2e/action/scenario.ts";

let s3: LocalS3Server;
let control: S3ControlServer;
let s3Proxy: FaultProxy;
let controlProxy: FaultProxy;
let work: string;
let planDir: string;
let plan: Plan;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: work, AWS_CONFIG_FILE: join(work, "none"), AWS_SHARED_CREDENTIALS_FILE: join(work, "none"), AWS_EC2_METADATA_DISABLED: "true", ...s3.env(), ...control.env(), AWS_ENDPOINT_URL_S3: s3Proxy.url, AWS_ENDPOINT_URL_S3_CONTROL: controlProxy.url };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["dist/cli.js", ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const applyArgs = (plan: string) => ["apply", "--plan", plan, "--account-id", ACCOUNT_ID, "--region", REGION, "--batch-role-arn", BATCH_ROLE_ARN, "--manifest-uri", MANIFEST_URI, "--report-uri", REPORT_URI, "--allowed-buckets", "logs-bucket", "--idle-timeout", "2"];
const ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error></ErrorResponse>';

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["inventory-bucket", "reports-bucket"] });
  control = await startS3ControlServer({ s3Endpoint: s3.endpoint, accountId: ACCOUNT_ID, region: REGION, advanceOn: "manual" });
  s3Proxy = await startFaultProxy(s3.endpoint);
  controlProxy = await startFaultProxy(control.url);
  work = await mkdtemp(join(tmpdir(), "bucket-keys-apply-faults-"));
  planDir = join(work, "plan");
  const manifest = await putInventory(s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 30, plain: 10 }), new Date("2026-11-01T00:00:00Z"));
  const planned = await cli(["plan", "--inventory", manifest, "--kms-key-arn", KMS_KEY_ARN, "--out", planDir, "--manifest-uri", MANIFEST_URI]);
  expect(planned.code, planned.stderr).toBe(0);
  plan = JSON.parse(await readFile(join(planDir, "plan.json"), "utf8")) as Plan;
  expect(plan.jobs).toHaveLength(2);
});

afterEach(() => {
  s3Proxy.clear();
  controlProxy.clear();
});

afterAll(async () => {
  await Promise.allSettled([s3Proxy?.stop(), controlProxy?.stop()]);
  await control?.stop();
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("bucket-keys apply over a faulty network", () => {
  it("refuses a manifest replaced in S3 whose new ETag was written into plan.json, creating nothing", async () => {
    const job = plan.jobs[0]!;
    const key = job.manifest.uri!.replace("s3://reports-bucket/", "");
    const original = await (await s3.client().send(new GetObjectCommand({ Bucket: "reports-bucket", Key: key }))).Body!.transformToByteArray();
    const put = await s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: key, Body: `${job.bucket},other/object.txt\n`.repeat(job.objects) }));
    const edited = join(work, "edited");
    await cp(planDir, edited, { recursive: true });
    await writeFile(join(edited, "plan.json"), JSON.stringify({ ...plan, jobs: plan.jobs.map((item, index) => (index === 0 ? { ...item, manifest: { ...item.manifest, etag: put.ETag!.replace(/"/g, "") } } : item)) }));
    const run = await cli(applyArgs(edited));
    await s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: key, Body: original }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`job "${job.id}" manifest "${job.manifest.uri}" has different content than approved (sha256 in plan ${job.manifest.sha256} vs read from S3`);
    expect(control.jobs()).toHaveLength(0);
  });

  it("prints the created job and the missing one when the second CreateJob fails, and a re-run creates it once", async () => {
    controlProxy.inject({ method: "POST", path: /\/v20180820\/jobs$/, skip: 1, fault: { kind: "respond", status: 403, headers: { "content-type": "application/xml" }, body: ACCESS_DENIED } });
    // The manifest reads break off half-way too: apply reads on and still proves them.
    s3Proxy.inject({ method: "GET", path: /\/reports-bucket\/bucket-keys\/manifests\//, times: 2, fault: { kind: "reset-body", afterFraction: 0.5 } });
    const first = await cli(applyArgs(planDir));
    expect(first.code).toBe(1);
    expect(control.jobs()).toHaveLength(1);
    const [created] = control.jobs();
    expect(first.stdout).toContain(created!.jobId);
    expect(first.stdout).toContain(`**Not created yet** (re-run apply for this push to create them):\n\n- \`${plan.jobs[1]!.id}\``);
    expect(first.stderr).toContain(`1 of 2 job(s) exist now and are listed on the pull request; not created: "${plan.jobs[1]!.id}"`);
    const manifestGets = s3Proxy.hits().filter((hit) => hit.method === "GET" && hit.path.includes("/bucket-keys/manifests/"));
    expect(manifestGets.filter((hit) => hit.fault === "reset-body")).toHaveLength(2);
    expect(manifestGets.filter((hit) => hit.headers.range !== undefined && hit.headers["if-match"] !== undefined)).toHaveLength(2);

    controlProxy.inject({ method: "POST", path: /\/v20180820\/jobs$/, fault: { kind: "hang", forward: true } });
    const again = await cli(applyArgs(planDir));
    expect(again.code, again.stderr).toBe(0);
    expect(control.jobs()).toHaveLength(2);
    for (const job of control.jobs()) expect(again.stdout).toContain(job.jobId);
  });
});
