/**
 * The Action as another repository's runner runs it after `uses: acme/s3-bucket-keys@v1`: a folder
 * holding only what a release holds for a node24 action (action.yml and dist/; no node_modules, no
 * sources, no package.json), started as `node <that folder>/dist/index.js` with INPUT_* and GITHUB_*
 * variables and the job's own empty workspace as working directory, against the loopback GitHub, S3
 * and S3 Control servers: plan for two buckets, apply each merge with a Batch role per bucket, status.
 */
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_ID, REPO, log, startHarness, type Harness } from "./action-harness.ts";
import { applyInputs, bucketRows, planInputs, pushEvent, putInventory, seedObjects, statusInputs } from "./scenario.ts";

const NOV_1 = new Date("2026-11-01T00:00:00Z");
const LOGS_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/bucket-keys-prod-batch`;
const MEDIA_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/bucket-keys-prod-batch-2`;

let runner: string;
let actionDir: string;
let workspace: string;
let harness: Harness;

beforeAll(async () => {
  runner = await mkdtemp(join(tmpdir(), "bucket-keys-runner-"));
  actionDir = join(runner, "_actions", "acme", "s3-bucket-keys", "v1");
  workspace = join(runner, "_work", "data", "data");
  await mkdir(actionDir, { recursive: true });
  await mkdir(workspace, { recursive: true });
  await cp("action.yml", join(actionDir, "action.yml"));
  await cp("dist", join(actionDir, "dist"), { recursive: true });
  harness = await startHarness({ buckets: ["logs-bucket", "media-bucket"], control: { advanceOn: "manual" }, action: { dir: actionDir, workspace } });
  for (const bucket of ["logs-bucket", "media-bucket"]) {
    const rows = bucketRows(bucket, { kms: 4, enabled: 2, plain: 1 });
    await seedObjects(harness.s3, rows, NOV_1);
    await putInventory(harness.s3.client(), bucket, rows, NOV_1);
  }
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  if (runner) await rm(runner, { recursive: true, force: true });
});

describe("the released Action, run as a consumer's runner runs it", () => {
  const pulls = new Map<string, number>();
  let mediaPush: ReturnType<Harness["github"]["mergePullRequest"]>;

  it("holds only action.yml and dist/, and nothing it could resolve from outside", async () => {
    expect((await readdir(actionDir)).sort()).toEqual(["action.yml", "dist"]);
    expect(existsSync(join(actionDir, "node_modules"))).toBe(false);
    for (let dir = actionDir; dir !== join(dir, ".."); dir = join(dir, "..")) expect(existsSync(join(dir, "node_modules"))).toBe(false);
    expect(await readdir(workspace)).toEqual([]);
  });

  it("plan opens a pull request per bucket with plan.json, plan.md and history.json, and writes nothing into the workspace", async () => {
    const run = await harness.run(planInputs());
    expect(run.code, log(run)).toBe(0);
    for (const pull of harness.github.pullRequests(REPO)) pulls.set(pull.headRef.replace("bucket-keys/", ""), pull.number);
    expect([...pulls.keys()].sort()).toEqual(["logs-bucket", "media-bucket"]);
    const files = harness.github.filesAt(REPO, "bucket-keys/media-bucket");
    expect(Object.keys(files).filter((path) => path.startsWith("bucket-key-plans/")).sort()).toEqual(["bucket-key-plans/media-bucket/history.json", "bucket-key-plans/media-bucket/plan.json", "bucket-key-plans/media-bucket/plan.md"]);
    expect(harness.github.pullRequests(REPO)[0]!.body).toContain("xychart-beta");
    expect(run.summary).toContain("### Coverage over time");
    expect(await readdir(workspace)).toEqual([]);
  });

  it("apply refuses a merge whose bucket no Batch role serves, creating nothing", async () => {
    mediaPush = harness.github.mergePullRequest(REPO, pulls.get("media-bucket")!);
    const run = await harness.run(applyInputs({ "batch-role-arn": `${LOGS_ROLE}\n  logs-bucket` }), pushEvent(mediaPush));
    expect(run.code).toBe(1);
    expect(log(run)).toContain('targets bucket "media-bucket", which no role in input "batch-role-arn" serves');
    expect(harness.control.jobs()).toEqual([]);
  });

  it("apply creates each merged plan's jobs with the Batch role the input gives its bucket", async () => {
    const roles = `${LOGS_ROLE}\n  logs-bucket\n${MEDIA_ROLE}\n  media-bucket\n`;
    const first = await harness.run(applyInputs({ "batch-role-arn": roles }), pushEvent(mediaPush));
    expect(first.code, log(first)).toBe(0);
    const logs = harness.github.mergePullRequest(REPO, pulls.get("logs-bucket")!);
    const second = await harness.run(applyInputs({ "batch-role-arn": roles }), pushEvent(logs));
    expect(second.code, log(second)).toBe(0);
    const jobs = harness.control.jobs();
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    const roleOf = (bucket: string) => [...new Set(jobs.filter((job) => job.tags.some((tag) => tag.Key === "bucket-keys:bucket" && tag.Value === bucket)).map((job) => job.request.RoleArn))];
    expect(roleOf("media-bucket")).toEqual([MEDIA_ROLE]);
    expect(roleOf("logs-bucket")).toEqual([LOGS_ROLE]);
  });

  it("status reports the finished jobs on each pull request with the buckets' coverage", async () => {
    await harness.control.settle();
    const run = await harness.run(statusInputs());
    expect(run.code, log(run)).toBe(0);
    for (const [bucket, number] of pulls) {
      const comment = harness.github.comments(REPO, number).find((item) => item.body.includes("bucket-keys:status"));
      expect(comment?.body).toContain("All jobs completed without failed tasks.");
      expect(comment?.body).toContain(`- \`${bucket}\`: 28% in 1 plan, 2026-11-01; 5 planned`);
    }
    expect(run.summary).toContain("xychart-beta");
    expect(await readdir(workspace)).toEqual([]);
  });
});
