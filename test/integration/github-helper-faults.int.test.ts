/**
 * GitHubHelper as the Action builds it (retry and throttling plugins, a time limit per try) against
 * the loopback GitHub behind a fault proxy: a write whose answer is lost is not written twice, rate
 * limits are waited out as GitHub asks (and logged), and a limit GitHub asks to wait too long for
 * fails at once saying when it resets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { memoryLogger } from "../../action/contracts/logger.ts";
import { networkTimeouts } from "../../action/core/settings/network-timeouts.ts";
import { GitHubHelper } from "../../action/io/github/github-helper.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { startGitHubServer, type GitHubServer } from "../helpers/github-server/github-server.ts";

const REPO = "acme/data";
let github: GitHubServer;
let proxy: FaultProxy;
let logger: ReturnType<typeof memoryLogger>;
let helper: GitHubHelper;

beforeAll(async () => {
  github = await startGitHubServer();
  github.seedRepo(REPO, { "README.md": "# data\n" });
  proxy = await startFaultProxy(github.url);
  process.env.BUCKET_KEYS_GITHUB_WRITE_INTERVAL_MS = "0";
  logger = memoryLogger();
  helper = GitHubHelper.create(github.token, { owner: "acme", repo: "data" }, "https://github.com", { baseUrl: proxy.url, logger, timeouts: networkTimeouts(1) });
});

afterEach(() => {
  proxy.clear();
  github.clearFaults();
  logger.lines.splice(0);
});

afterAll(async () => {
  delete process.env.BUCKET_KEYS_GITHUB_WRITE_INTERVAL_MS;
  await proxy?.stop();
  await github?.stop();
});

describe("GitHubHelper with retries, throttling and a time limit", () => {
  it("writes one comment when GitHub creates it but its answer never comes", async () => {
    const base = await helper.baseHead("main");
    await helper.commitFiles("bucket-keys/c", base, [{ path: "p/c/plan.json", content: "{}\n" }], "Plan c");
    expect((await helper.createPullRequest("bucket-keys/c", "main", "Plan c", "body")).number).toBe(1);
    proxy.inject({ method: "POST", path: /\/issues\/\d+\/comments$/, fault: { kind: "hang", forward: true } });
    const result = await helper.upsertComment(1, "<!-- marker -->", "hello");
    expect(result.created).toBe(false);
    expect(github.comments(REPO, 1)).toHaveLength(1);
    expect(github.requests().filter((request) => request.operationId === "issues/create-comment")).toHaveLength(1);
  });

  it("moves the branch when a create whose answer was lost already made it", async () => {
    const base = await helper.baseHead("main");
    const before = github.requests().length;
    proxy.inject({ method: "POST", path: /\/git\/refs$/, fault: { kind: "hang", forward: true } });
    const sha = await helper.commitFiles("bucket-keys/x", base, [{ path: "p/x/plan.json", content: "{}\n" }], "Plan x", false);
    expect(github.branches(REPO)["bucket-keys/x"]).toBe(sha);
    expect(github.requests().slice(before).filter((request) => request.operationId === "git/create-ref").map((request) => request.status)).toEqual([201, 422]);
  });

  it("waits out a secondary rate limit for the seconds GitHub asks, and says so", async () => {
    github.rateLimit(1, { retryAfterSeconds: 1, operations: ["repos/get"] });
    const started = Date.now();
    expect(await helper.defaultBranch()).toBe("main");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(logger.lines).toContainEqual({ level: "warn", message: "GitHub: secondary rate limit on GET /repos/{owner}/{repo}; waiting 1 s as GitHub asks (wait 1 of at most 3)." });
  });

  it("waits for a primary rate limit's reset, also on a 429", async () => {
    github.rateLimit(1, { primary: true, retryAfterSeconds: 1, status: 429, operations: ["repos/get"] });
    expect(await helper.defaultBranch()).toBe("main");
    expect(logger.lines.map((line) => line.message)).toContainEqual(expect.stringMatching(/^GitHub: primary rate limit on GET \/repos\/\{owner\}\/\{repo\}; waiting [1-3] s as GitHub asks/));
  });

  it("fails at once, saying when the limit resets, when GitHub asks for a wait longer than 15 minutes", async () => {
    github.rateLimit(1, { primary: true, retryAfterSeconds: 3600, operations: ["repos/get"] });
    const started = Date.now();
    const error = await helper.defaultBranch().catch((caught: Error) => caught);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((error as Error).message).toMatch(/^GitHub: reading repository acme\/data failed: rate limited, waited 0 s, giving up after 1 try \(HTTP 403: API rate limit exceeded for installation ID 1000\. - https:\/\/docs\.github\.com\/[^)]+\)\. The token's rate limit resets at \d{4}-/);
  });

  it("retries a 502 after a second and goes on", async () => {
    github.serverError(1, { status: 502, operations: ["repos/get"] });
    const started = Date.now();
    expect(await helper.defaultBranch()).toBe("main");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(github.requests().filter((request) => request.fault === "server-error")).toHaveLength(1);
  });

  it("gives up on a request that never answers after 4 tries of 1 s, saying so", async () => {
    proxy.inject({ method: "GET", path: /\/repos\/acme\/data$/, times: 4, fault: { kind: "hang", forward: false } });
    const started = Date.now();
    const error = await helper.defaultBranch().catch((caught: Error) => caught);
    // 4 tries of 1 s and waits of 1, 4 and 9 s (the retry plugin's (n + 1)^2), whatever the requests before did.
    expect(Date.now() - started).toBeLessThan(22_000);
    expect((error as Error).message).toMatch(/^GitHub: reading repository acme\/data failed: no answer within 1 s, giving up after 4 tries in 1\d s\./);
  }, 60_000);
});
