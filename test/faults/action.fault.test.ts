/**
 * Faults under the bundled Action (dist/index.js), with a fault proxy in front of the loopback S3,
 * S3 Control and GitHub servers and input idle-timeout 2: a data file that stalls and a POST /pulls
 * that is never answered still give one pull request with the fault-free plan; a rate limit that does
 * not end fails saying how long it waited; a replaced manifest whose etag was edited in plan.json is
 * refused with nothing created; a CreateJob that fails after another was created leaves the created
 * job on the pull request and fails the step naming the other, and a re-run finishes it (its CreateJob
 * never answered the first time, and still only one job is made).
 */
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { computePlanId, type Plan } from "../../action/contracts/plan-schema.ts";
import { log, REPO, startHarness, type Harness } from "../e2e/action/action-harness.ts";
import { applyInputs, bucketRows, planInputs, pushEvent, putInventory } from "../e2e/action/scenario.ts";

const IDLE = { "idle-timeout": "2" };
const PLAN_PATH = "bucket-key-plans/logs-bucket/plan.json";
let harness: Harness;
let proxies: NonNullable<Harness["proxies"]>;

beforeAll(async () => {
  harness = await startHarness({ proxies: true, control: { advanceOn: "manual" } });
  proxies = harness.proxies!;
  await putInventory(harness.s3.client(), "logs-bucket", bucketRows("logs-bucket", { kms: 1500, plain: 500 }), new Date("2026-11-01T00:00:00Z"));
});

afterEach(() => {
  for (const proxy of Object.values(proxies)) proxy.clear();
});

afterAll(async () => harness?.stop());

const planOnBranch = (bucket: string) => JSON.parse(harness.github.filesAt(REPO, `bucket-keys/${bucket}`)[`bucket-key-plans/${bucket}/plan.json`]!) as Plan;

describe("the Action's plan over a faulty network", () => {
  it("opens one pull request with the plan when a data file trickles, stalls and is cut, and POST /pulls is never answered", async () => {
    // The first GetObject trickles at 1 KB/s, the resumed one stops half-way, the next is cut half-way.
    const dataFile = /\/logs-bucket\/bucket-keys\/data\//;
    proxies.s3.inject({ method: "GET", path: dataFile, fault: { kind: "slow-body", bytesPerSecond: 1024 } });
    proxies.s3.inject({ method: "GET", path: dataFile, fault: { kind: "stall-body", afterFraction: 0.5 } });
    proxies.s3.inject({ method: "GET", path: dataFile, fault: { kind: "reset-body", afterFraction: 0.5 } });
    // GitHub gets the request (and opens the pull request) but its answer never comes.
    proxies.github.inject({ method: "POST", path: /\/pulls$/, fault: { kind: "hang", forward: true } });
    const run = await harness.run(planInputs(IDLE));
    expect(run.code, log(run)).toBe(0);
    expect(log(run)).toMatch(/data\/.+\.csv\.gz: [\d.]+ KiB\/s for [\d.]+ s \(slower than 8 KiB\/s\); reading on from byte [\d,]+ \(attempt 2 of at most 5 in a row\)/);
    expect(log(run)).toMatch(/data\/.+\.csv\.gz: no byte for 2 s; reading on from byte [\d,]+ \(attempt 3 of at most 5 in a row\)/);
    expect(log(run)).toMatch(/reading on from byte [\d,]+ \(attempt 4 of at most 5 in a row\)/);
    const pulls = harness.github.pullRequests(REPO);
    expect(pulls).toHaveLength(1);
    expect(harness.github.requests().filter((request) => request.operationId === "pulls/create").map((request) => request.status)).toEqual([201, 422]);
    const plan = planOnBranch("logs-bucket");
    expect(plan.totals.objects).toBe(2000);
    expect(JSON.parse(run.outputs["pull-request-numbers"]!)).toEqual({ "logs-bucket": pulls[0]!.number });
  });

  it("fails saying it was rate limited, how long it waited and after how many tries, when the limit does not end", async () => {
    await putInventory(harness.s3.client(), "media-bucket", bucketRows("media-bucket", { kms: 3 }), new Date("2026-11-01T00:00:00Z"));
    harness.github.rateLimit(10, { retryAfterSeconds: 1, operations: ["pulls/create"] });
    const run = await harness.run(planInputs(IDLE));
    harness.github.clearFaults();
    expect(run.code).toBe(1);
    expect(log(run)).toContain("GitHub: opening a pull request from bucket-keys/media-bucket into main failed: rate limited, waited 3 s, giving up after 4 tries (HTTP 403: You have exceeded a secondary rate limit.");
    expect(log(run)).toContain("GitHub: secondary rate limit on POST /repos/{owner}/{repo}/pulls; waiting 1 s as GitHub asks (wait 1 of at most 3).");
    expect(log(run)).not.toContain("The token may lack permissions");
  });

  it("opens the missing pull request when run again once the limit is over, and finds the stalled run's plan to be the fault-free one", async () => {
    const run = await harness.run(planInputs(IDLE));
    expect(run.code, log(run)).toBe(0);
    expect(log(run)).toContain(`logs-bucket: plan ${planOnBranch("logs-bucket").id} is unchanged`);
    expect(harness.github.pullRequests(REPO).map((pull) => pull.headRef).sort()).toEqual(["bucket-keys/logs-bucket", "bucket-keys/media-bucket"]);
  });
});

describe("the Action's apply", () => {
  let approved: Plan;
  let approvedText: string;
  let merged: ReturnType<Harness["github"]["mergePullRequest"]>;

  beforeAll(async () => {
    approvedText = harness.github.filesAt(REPO, "bucket-keys/logs-bucket")[PLAN_PATH]!;
    approved = JSON.parse(approvedText) as Plan;
    const pull = harness.github.pullRequests(REPO).find((candidate) => candidate.headRef === "bucket-keys/logs-bucket")!;
    merged = harness.github.mergePullRequest(REPO, pull.number);
  });

  it("refuses a manifest replaced in S3 whose new ETag was written into plan.json, creating nothing", async () => {
    const job = approved.jobs[0]!;
    const key = job.manifest.uri!.replace("s3://reports-bucket/", "");
    const original = await (await harness.s3.client().send(new GetObjectCommand({ Bucket: "reports-bucket", Key: key }))).Body!.transformToByteArray();
    const other = `${job.bucket},someone-else/secret.txt,null\n`.repeat(job.objects);
    const put = await harness.s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: key, Body: other }));
    const edited: Plan = { ...approved, jobs: approved.jobs.map((item, index) => (index === 0 ? { ...item, manifest: { ...item.manifest, etag: put.ETag!.replace(/"/g, "") } } : item)) };
    expect(computePlanId(edited)).toBe(approved.id);
    const pushed = harness.github.pushFiles(REPO, "main", { [PLAN_PATH]: `${JSON.stringify(edited, null, 2)}\n` }, "Edit the manifest etag");
    const run = await harness.run(applyInputs(IDLE), pushEvent(pushed));
    expect(run.code).toBe(1);
    expect(log(run)).toContain(`job "${job.id}" manifest "${job.manifest.uri}" has different content than approved (sha256 in plan ${job.manifest.sha256} vs read from S3`);
    expect(harness.control.jobs()).toHaveLength(0);
    // Put the approved manifest back, byte for byte (so its ETag is the approved one again), for the tests below.
    await harness.s3.client().send(new PutObjectCommand({ Bucket: "reports-bucket", Key: key, Body: original }));
  });

  it("records the created job and fails naming the other when the second CreateJob fails; a re-run creates it once", async () => {
    expect(approved.jobs).toHaveLength(2);
    proxies.control.inject({
      method: "POST",
      path: /\/v20180820\/jobs$/,
      skip: 1,
      fault: { kind: "respond", status: 403, headers: { "content-type": "application/xml" }, body: '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error></ErrorResponse>' },
    });
    // Apply for the merge itself: its pull request gets the comment.
    const first = await harness.run(applyInputs(IDLE), pushEvent(merged));
    expect(first.code).toBe(1);
    expect(harness.control.jobs()).toHaveLength(1);
    const [created] = harness.control.jobs();
    const missing = approved.jobs[1]!.id;
    expect(log(first)).toContain(`1 of 2 job(s) exist now and are listed on the pull request; not created: "${missing}" (${PLAN_PATH}). Fix the cause and re-run apply for this push`);
    expect(JSON.parse(first.outputs["job-ids"]!)).toEqual([created!.jobId]);
    const pull = harness.github.pullRequests(REPO).find((candidate) => candidate.headRef === "bucket-keys/logs-bucket")!;
    const comments = harness.github.comments(REPO, pull.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(created!.jobId);
    expect(comments[0]!.body).toContain(`**Not created yet** (re-run apply for this push to create them):\n\n- \`${missing}\``);

    // The re-run's CreateJob reaches S3 Control but its answer never comes: the SDK retries with the same ClientRequestToken.
    proxies.control.inject({ method: "POST", path: /\/v20180820\/jobs$/, fault: { kind: "hang", forward: true } });
    const again = await harness.run(applyInputs(IDLE), pushEvent(merged));
    expect(again.code, log(again)).toBe(0);
    expect(harness.control.jobs()).toHaveLength(2);
    expect(harness.control.requests().filter((request) => request.operation === "CreateJob")).toHaveLength(3);
    expect(log(again)).toContain("already created");
    const updated = harness.github.comments(REPO, pull.number);
    expect(updated).toHaveLength(1);
    expect(updated[0]!.body).not.toContain("Not created yet");
    for (const job of harness.control.jobs()) expect(updated[0]!.body).toContain(job.jobId);
  });
});
