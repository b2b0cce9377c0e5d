/**
 * Faults under `bucket-keys plan` (the bundled dist/cli.js) reading an s3:// inventory through a fault
 * proxy in front of the loopback S3 server, with --idle-timeout 2: a data file that stalls after its
 * headers, trickles at 1 KB/s or is cut half-way, and a manifest upload cut half-way, each end in the
 * plan.json of a fault-free run, byte for byte; a data file that stalls on every attempt ends in a
 * clear error within the stated time, with no plan.json and no staging folder left; a run killed
 * half-way has its staging folder removed by the next run; and small inputs get clear errors.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeInventory } from "../helpers/inventory-builder.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { KMS_KEY_ARN, MANIFEST_URI } from "../e2e/action/action-harness.ts";
import { bucketRows, putInventory, SCHEMA } from "../e2e/action/scenario.ts";

const IDLE_SECONDS = 2;
const DATA_FILE = /\/inventory-bucket\/inventory\/logs-bucket\/bucket-keys\/data\//;
let s3: LocalS3Server;
let proxy: FaultProxy;
let work: string;
let manifest: string;
let baseline: string;

interface Run {
  pid: number | undefined;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs dist/cli.js with the S3 endpoint at the proxy; `onStart` gets the child (to kill it). */
function cli(args: string[], onStart?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const env = { PATH: process.env.PATH ?? "", HOME: work, AWS_CONFIG_FILE: join(work, "none"), AWS_SHARED_CREDENTIALS_FILE: join(work, "none"), AWS_EC2_METADATA_DISABLED: "true", ...s3.env(), AWS_ENDPOINT_URL_S3: proxy.url };
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["dist/cli.js", ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (code) => resolve({ pid: child.pid, code, stdout, stderr, ms: Date.now() - started }));
    onStart?.(child);
  });
}

const planArgs = (out: string, ...extra: string[]) => ["plan", "--inventory", manifest, "--kms-key-arn", KMS_KEY_ARN, "--out", out, "--manifest-uri", MANIFEST_URI, "--idle-timeout", String(IDLE_SECONDS), ...extra];
const stagingLeft = async (out: string) => (await readdir(dirname(out))).filter((name) => name.startsWith(`.${out.split("/").at(-1)}.bucket-keys-`));

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["inventory-bucket", "reports-bucket"] });
  proxy = await startFaultProxy(s3.endpoint);
  work = await mkdtemp(join(tmpdir(), "bucket-keys-faults-"));
  // About 90 KB of CSV, 9 KB gzipped, 3,000 manifest lines: big enough to break in the middle.
  manifest = await putInventory(s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 2000, plain: 1000 }), new Date("2026-11-01T00:00:00Z"));
  const run = await cli(planArgs(join(work, "baseline")));
  expect(run.code, run.stderr).toBe(0);
  baseline = await readFile(join(work, "baseline", "plan.json"), "utf8");
});

afterEach(() => proxy.clear());

afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("bucket-keys plan over a faulty network", () => {
  it.each([
    ["a data file that stops after its headers", { kind: "stall-body", afterFraction: 0.5 } as const, /no byte for 2 s; reading on from byte [\d,]+ \(attempt 2 of at most 5 in a row\)/],
    ["a data file served at 1 KB/s", { kind: "slow-body", bytesPerSecond: 1024 } as const, /KiB\/s for [\d.]+ s \(slower than 8 KiB\/s\); reading on from byte/],
    ["a data file cut half-way", { kind: "reset-body", afterFraction: 0.5 } as const, /reading on from byte/],
    // Answered by the proxy (a load balancer's 502 page): the SDK retries it before any body is read.
    ["a single 502 to the data file's GetObject", { kind: "respond", status: 502, headers: { "content-type": "text/html" }, body: "<html><body>502 Bad Gateway</body></html>" } as const, /^(?![\s\S]*reading on)/],
  ])("gives the fault-free plan byte for byte after %s", async (_name, fault, logged) => {
    proxy.inject({ method: "GET", path: DATA_FILE, fault });
    const out = join(work, `out-${fault.kind}`);
    const hitsBefore = proxy.hits().length;
    const run = await cli(planArgs(out));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr, JSON.stringify(proxy.hits().map((hit) => [hit.method, hit.path, hit.fault]))).toMatch(logged);
    expect(await readFile(join(out, "plan.json"), "utf8")).toBe(baseline);
    expect(proxy.hits().slice(hitsBefore).filter((hit) => hit.fault !== undefined)).toHaveLength(1);
    expect(run.ms).toBeLessThan(15_000);
  });

  it("gives the fault-free plan after a manifest upload cut half-way, sending it again", async () => {
    proxy.inject({ method: "PUT", path: /\/reports-bucket\/bucket-keys\/manifests\//, fault: { kind: "reset-upload", afterFraction: 0.5 } });
    const out = join(work, "out-upload");
    const run = await cli(planArgs(out));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/upload failed \(.+\); sending it again \(attempt 2 of 5\)/);
    expect(await readFile(join(out, "plan.json"), "utf8")).toBe(baseline);
  });

  it("fails within the stated time naming the file, the attempts and what to do when every attempt stalls, leaving nothing behind", async () => {
    proxy.inject({ method: "GET", path: DATA_FILE, times: 10, fault: { kind: "stall-body", afterBytes: 0 } });
    const out = join(work, "out-gives-up");
    const run = await cli(planArgs(out, "--idle-timeout", "1"));
    expect(run.code).toBe(1);
    const lastLine = run.stderr.trimEnd().split("\n").at(-1)!;
    expect(lastLine).toMatch(/^s3:\/\/inventory-bucket\/inventory\/logs-bucket\/bucket-keys\/data\/[0-9a-f-]+\.csv\.gz: GetObject gave up after 5 attempts in [\d.]+ s, at byte 0 of [\d,]+ \(last attempt: no byte for 1 s\)\. Check the network path to S3 \(proxy, firewall, VPC endpoint\) and run again; raise --idle-timeout/);
    // The progress line comes on its own schedule and names the silent file.
    expect(run.stderr).toMatch(/scanning: 0\/1 files, 0 rows, 0 MB\/s; s3:\/\/inventory-bucket\/.+\.csv\.gz: no byte for \d+ s/);
    // 5 attempts of 1 s, and waits of 0.5, 1 and 2 s between them: about 8.5 s.
    expect(run.ms).toBeLessThan(15_000);
    expect(existsSync(join(out, "plan.json"))).toBe(false);
    expect(await stagingLeft(out)).toEqual([]);
  });

  it("removes the staging folder a killed run left behind, on the next run on the same --out", async () => {
    proxy.inject({ method: "GET", path: DATA_FILE, times: 10, fault: { kind: "stall-body", afterBytes: 1000 } });
    const out = join(work, "out-killed");
    const killed = await cli(planArgs(out, "--idle-timeout", "60"), (child) => {
      const poll = setInterval(async () => {
        if ((await stagingLeft(out)).length > 0) {
          clearInterval(poll);
          child.kill("SIGKILL");
        }
      }, 50);
    });
    expect(killed.code).toBe(null);
    const [left] = await stagingLeft(out);
    expect(left).toBeDefined();
    proxy.clear();
    const run = await cli(planArgs(out));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Removed ${join(dirname(out), left!)}, a staging folder left by pid ${killed.pid}`);
    expect(run.stderr).toContain("which stopped before it could clean up.");
    expect(await stagingLeft(out)).toEqual([]);
    expect(await readFile(join(out, "plan.json"), "utf8")).toBe(baseline);
  });
});

describe("bucket-keys plan with small-input mistakes", () => {
  let local: string;
  let localRoot: string;
  beforeAll(async () => {
    localRoot = join(work, "sync");
    local = (await writeInventory({ kind: "dir", root: localRoot }, { sourceBucket: "photos", fileSchema: SCHEMA, dataFiles: [bucketRows("photos", { kms: 3, plain: 1 })] })).manifest;
  });
  const localPlan = (out: string, inventory = local) => ["plan", "--inventory", inventory, "--kms-key-arn", KMS_KEY_ARN, "--out", out];

  it("refuses an --out that is a file, exit 2, writing nothing", async () => {
    const file = join(work, "a-file");
    await writeFile(file, "keep me\n");
    const run = await cli(localPlan(file));
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`--out: "${file}" is a file, not a folder. Give --out a folder of its own for this plan (it is created if missing).`);
    expect(await readFile(file, "utf8")).toBe("keep me\n");
  });

  it("refuses an --out inside the inventory report", async () => {
    const out = join(localRoot, "inventory", "photos", "bucket-keys", "plan");
    const run = await cli(localPlan(out));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out: "${out}" is inside the inventory report ${join(localRoot, "inventory", "photos", "bucket-keys")}; plan.json, plan.md and manifests/ would be written among its files.`);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an --out holding the plan of another bucket, and keeps that plan", async () => {
    const out = join(work, "shared-out");
    expect((await cli(localPlan(out))).code).toBe(0);
    const before = await readFile(join(out, "plan.json"), "utf8");
    const other = (await writeInventory({ kind: "dir", root: localRoot }, { sourceBucket: "videos", fileSchema: SCHEMA, dataFiles: [bucketRows("videos", { kms: 2 })] })).manifest;
    const run = await cli(localPlan(out, other));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out: ".+shared-out" holds the plan of bucket "photos" \(plan [0-9a-f]{16}\), and this run plans bucket "videos"; it would be replaced\. Give each bucket its own folder \(e\.g\. "plans\/videos"\)/);
    expect(await readFile(join(out, "plan.json"), "utf8")).toBe(before);
  });

  it("skips a UTF-8 BOM at the start of a data file: same jobs and manifests as without it", async () => {
    const rows = bucketRows("bom-bucket", { kms: 4, plain: 2 });
    const plainRoot = join(work, "no-bom");
    const bomRoot = join(work, "bom");
    const without = (await writeInventory({ kind: "dir", root: plainRoot }, { sourceBucket: "bom-bucket", fileSchema: SCHEMA, dataFiles: [rows] })).manifest;
    const withBom = (await writeInventory({ kind: "dir", root: bomRoot }, { sourceBucket: "bom-bucket", fileSchema: SCHEMA, dataFiles: [rows], gzip: (csv) => gzipSync(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv])) })).manifest;
    const a = await cli(localPlan(join(work, "out-no-bom"), without));
    const b = await cli(localPlan(join(work, "out-bom"), withBom));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const jobs = async (dir: string) => JSON.parse(await readFile(join(work, dir, "plan.json"), "utf8")).jobs;
    expect(await jobs("out-bom")).toEqual(await jobs("out-no-bom"));
    expect((await jobs("out-bom")).reduce((sum: number, job: { objects: number }) => sum + job.objects, 0)).toBe(6);
  });
});
