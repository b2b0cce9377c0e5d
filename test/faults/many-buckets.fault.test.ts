/**
 * One plan run for 300 buckets through the bundled Action: GitHub's secondary rate limits and a 502
 * along the way are waited out and retried, and the run ends with exactly one pull request per bucket;
 * a second run writes nothing. Tiny inventories (scanned in the Action's own thread), manifests named
 * one per line (no prefix to search) and no pause between writes keep it fast.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { log, REPO, startHarness, type Harness } from "../e2e/action/action-harness.ts";
import { bucketRows, planInputs, putInventory } from "../e2e/action/scenario.ts";

const BUCKETS = Array.from({ length: 300 }, (_, index) => `bucket-${String(index).padStart(3, "0")}`);
let harness: Harness;
let inventory: string;

beforeAll(async () => {
  harness = await startHarness();
  const client = harness.s3.client();
  const manifests: string[] = [];
  for (let at = 0; at < BUCKETS.length; at += 20) {
    manifests.push(...(await Promise.all(BUCKETS.slice(at, at + 20).map((bucket) => putInventory(client, bucket, bucketRows(bucket, { kms: 1 }), new Date("2026-11-01T00:00:00Z"))))));
  }
  inventory = manifests.join("\n");
}, 120_000);

afterAll(async () => harness?.stop());

describe("planning 300 buckets in one run", () => {
  it("opens exactly 300 pull requests, waiting out secondary rate limits and retrying a 502", async () => {
    const started = Date.now();
    harness.github.rateLimit(2, { retryAfterSeconds: 1, operations: ["pulls/create"] });
    harness.github.serverError(1, { status: 502, operations: ["git/create-tree"] });
    const run = await harness.run(planInputs({ inventory }));
    console.log(`300 buckets: ${(Date.now() - started) / 1000} s`);
    expect(run.code, log(run).slice(-3000)).toBe(0);
    const pulls = harness.github.pullRequests(REPO);
    expect(pulls).toHaveLength(300);
    expect(new Set(pulls.map((pull) => pull.headRef)).size).toBe(300);
    expect(log(run)).toContain("GitHub: secondary rate limit on POST /repos/{owner}/{repo}/pulls; waiting 1 s as GitHub asks");
    expect(harness.github.requests().filter((request) => request.fault !== undefined).map((request) => request.fault)).toEqual(["server-error", "secondary-rate-limit", "secondary-rate-limit"]);
  }, 240_000);

  it("changes nothing when run again", async () => {
    const writes = harness.github.writeCount();
    const run = await harness.run(planInputs({ inventory }));
    expect(run.code, log(run).slice(-3000)).toBe(0);
    expect(harness.github.writeCount()).toBe(writes);
    expect(harness.github.pullRequests(REPO)).toHaveLength(300);
  }, 240_000);
});
