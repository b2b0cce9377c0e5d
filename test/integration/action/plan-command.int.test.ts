/**
 * The plan command in-process against the loopback GitHub and S3 servers: the outcomes the main
 * end-to-end flow does not reach (nothing to do, already merged, closed without merging, two
 * reports for one bucket).
 */
import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { memoryLogger } from "../../../action/contracts/logger.ts";
import { runPlan } from "../../../action/surfaces/action/plan.ts";
import type { PlanCommandSettings } from "../../../action/surfaces/action/plan-settings.ts";
import { GitHubHelper } from "../../../action/io/github/github-helper.ts";
import { startGitHubServer, type GitHubServer } from "../../helpers/github-server/github-server.ts";
import { writeInventory, type InventoryRow } from "../../helpers/inventory-builder.ts";
import { startS3Server, type LocalS3Server } from "../../helpers/s3-server.ts";

const SCHEMA = ["Bucket", "Key", "EncryptionStatus", "BucketKeyStatus"];
const KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
let s3: LocalS3Server;
let github: GitHubServer;
let helper: GitHubHelper;
let repoCount = 0;
let repo = "";

function settings(inventories: string[]): PlanCommandSettings {
  return { inventories, kmsKeyArn: KMS, operation: "auto", manifestUri: "s3://reports-bucket/manifests/", endpointUrl: undefined, region: "us-east-1", baseBranch: undefined };
}

async function inventory(bucket: string, rows: InventoryRow[], configId = "bucket-keys"): Promise<string> {
  const written = await writeInventory({ kind: "s3", client: s3.client(), bucket: "inventory-bucket" }, { sourceBucket: bucket, configId, fileSchema: SCHEMA, dataFiles: [rows], prefix: `inv-${repoCount}` });
  return written.manifest;
}

const kmsRow = (bucket: string, key: string): InventoryRow => ({ Bucket: bucket, Key: key, EncryptionStatus: "SSE-KMS", BucketKeyStatus: "DISABLED" });
const deps = () => ({ github: helper, s3: s3.client(), logger: memoryLogger() });

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["inventory-bucket", "reports-bucket"] });
  // The engine's scan workers build their own S3 clients from the environment.
  for (const [name, value] of Object.entries(s3.env())) vi.stubEnv(name, value);
  github = await startGitHubServer();
});

beforeEach(() => {
  repo = `acme/data-${++repoCount}`;
  github.seedRepo(repo, { "README.md": "# data\n" });
  const [owner, name] = repo.split("/") as [string, string];
  helper = new GitHubHelper(getOctokit(github.token, { baseUrl: github.url }), { owner, repo: name }, "https://github.com");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await github?.stop();
  await s3?.stop();
});

describe("plan command", () => {
  it("opens nothing and says so when every object already uses a Bucket Key", async () => {
    const manifest = await inventory("done-bucket", [{ Bucket: "done-bucket", Key: "a", EncryptionStatus: "SSE-KMS", BucketKeyStatus: "ENABLED" }]);
    const writes = github.writeCount();
    const outcome = await runPlan(settings([manifest]), "bucket-key-plans", deps());
    expect(outcome.results[0]!.action).toBe("nothing-to-do");
    expect(github.writeCount()).toBe(writes);
    expect(github.pullRequests(repo)).toEqual([]);
    expect(outcome.markdown).toContain("nothing to do");
  });

  it("touches nothing once the same plan is merged", async () => {
    const manifest = await inventory("logs-bucket", [kmsRow("logs-bucket", "a")]);
    const first = await runPlan(settings([manifest]), "bucket-key-plans", deps());
    github.mergePullRequest(repo, first.results[0]!.pullRequest!.number);
    const writes = github.writeCount();
    const again = await runPlan(settings([manifest]), "bucket-key-plans", deps());
    expect(again.results[0]!.action).toBe("already-merged");
    expect(github.writeCount()).toBe(writes);
  });

  it("does not reopen a plan a reviewer closed without merging", async () => {
    const manifest = await inventory("logs-bucket", [kmsRow("logs-bucket", "b")]);
    const first = await runPlan(settings([manifest]), "bucket-key-plans", deps());
    const [owner, name] = repo.split("/") as [string, string];
    await getOctokit(github.token, { baseUrl: github.url }).rest.pulls.update({ owner, repo: name, pull_number: first.results[0]!.pullRequest!.number, state: "closed" });
    const again = await runPlan(settings([manifest]), "bucket-key-plans", deps());
    expect(again.results[0]!.action).toBe("closed-unmerged");
    expect(github.pullRequests(repo)).toHaveLength(1);
  });

  it("refuses two reports of one bucket before publishing either", async () => {
    const one = await inventory("logs-bucket", [kmsRow("logs-bucket", "c")], "config-a");
    const two = await inventory("logs-bucket", [kmsRow("logs-bucket", "d")], "config-b");
    const writes = github.writeCount();
    await expect(runPlan(settings([one, two]), "bucket-key-plans", deps())).rejects.toThrow('input "inventory": two reports for bucket "logs-bucket"');
    expect(github.writeCount()).toBe(writes);
  });

  it("plans each bucket under a destination prefix into its own pull request", async () => {
    await inventory("logs-bucket", [kmsRow("logs-bucket", "e")]);
    await inventory("media-bucket", [kmsRow("media-bucket", "f")]);
    const outcome = await runPlan(settings([`s3://inventory-bucket/inv-${repoCount}/`]), "plans", deps());
    expect(outcome.results.map((result) => [result.bucket, result.action])).toEqual([["logs-bucket", "opened"], ["media-bucket", "opened"]]);
    expect(github.pullRequests(repo).map((pull) => pull.headRef).sort()).toEqual(["bucket-keys/logs-bucket", "bucket-keys/media-bucket"]);
    expect(Object.keys(github.filesAt(repo, "bucket-keys/media-bucket"))).toContain("plans/media-bucket/plan.md");
  });
});

describe("plan command and the coverage history", () => {
  const doneRow = (bucket: string, key: string): InventoryRow => ({ Bucket: bucket, Key: key, EncryptionStatus: "SSE-KMS", BucketKeyStatus: "ENABLED" });
  const at = (day: string) => new Date(`2026-11-${day}T00:00:00Z`);
  async function dated(bucket: string, rows: InventoryRow[], creationTime: Date): Promise<string> {
    const written = await writeInventory({ kind: "s3", client: s3.client(), bucket: "inventory-bucket" }, { sourceBucket: bucket, fileSchema: SCHEMA, dataFiles: [rows], prefix: `inv-${repoCount}`, creationTime });
    return written.manifest;
  }

  it("records a bucket that reached 100% after earlier plans in one pull request, and stays quiet while nothing changes", async () => {
    const first = await runPlan(settings([await dated("logs-bucket", [kmsRow("logs-bucket", "a"), doneRow("logs-bucket", "b")], at("01"))]), "bucket-key-plans", deps());
    github.mergePullRequest(repo, first.results[0]!.pullRequest!.number);
    const done = await runPlan(settings([await dated("logs-bucket", [doneRow("logs-bucket", "a"), doneRow("logs-bucket", "b")], at("08"))]), "bucket-key-plans", deps());
    expect(done.results[0]!.action).toBe("recorded");
    const pull = github.pullRequests(repo).find((candidate) => candidate.state === "open")!;
    expect(pull.title).toBe(`S3 Bucket Keys: logs-bucket at 100%, no jobs left (plan ${done.results[0]!.planId})`);
    expect(pull.body).toContain("- **`logs-bucket` is fully on S3 Bucket Keys**: 100% of 2 objects (inventory of 2026-11-08).");
    expect(pull.body).toContain("- `logs-bucket`: 50% → 100% in 2 plans");
    const history = JSON.parse(github.filesAt(repo, "bucket-keys/logs-bucket")["bucket-key-plans/logs-bucket/history.json"]!);
    expect(history.entries.map((entry: { planned: { objects: number } }) => entry.planned.objects)).toEqual([1, 0]);
    expect(done.markdown).toContain("is fully on S3 Bucket Keys");

    const writes = github.writeCount();
    const again = await runPlan(settings([await dated("logs-bucket", [doneRow("logs-bucket", "a"), doneRow("logs-bucket", "b")], at("15"))]), "bucket-key-plans", deps());
    expect(again.results[0]!.action).toBe("nothing-to-do");
    expect(again.results[0]!.note).toContain(`Pull request #${pull.number} records this coverage already.`);
    expect(github.writeCount()).toBe(writes);
  });

  it("leaves a history.json that is not valid alone, warns naming it, and still publishes the plan", async () => {
    github.seedRepo(repo, { "README.md": "# data\n", "bucket-key-plans/logs-bucket/history.json": "{ not json" });
    const logger = memoryLogger();
    const outcome = await runPlan(settings([await dated("logs-bucket", [kmsRow("logs-bucket", "a")], at("01"))]), "bucket-key-plans", { ...deps(), logger });
    expect(outcome.results[0]!.action).toBe("opened");
    expect(github.filesAt(repo, "bucket-keys/logs-bucket")["bucket-key-plans/logs-bucket/history.json"]).toBe("{ not json");
    expect(logger.lines.filter((entry) => entry.level === "warn").map((entry) => entry.message).join("\n")).toMatch(/bucket-key-plans\/logs-bucket\/history\.json \(main\): not valid JSON .*Restore it from git history, or delete it/);
  });
});

describe("plan command with a token that cannot write", () => {
  it("fails naming the token permissions the plan workflow needs", async () => {
    const manifest = await inventory("logs-bucket", [kmsRow("logs-bucket", "g")]);
    const [owner, name] = repo.split("/") as [string, string];
    const readOnly = new GitHubHelper(getOctokit(github.readOnlyToken, { baseUrl: github.url }), { owner, repo: name }, "https://github.com");
    await expect(runPlan(settings([manifest]), "bucket-key-plans", { ...deps(), github: readOnly })).rejects.toThrow(
      /GitHub: committing bucket-key-plans\/logs-bucket\/plan\.json, bucket-key-plans\/logs-bucket\/plan\.md, bucket-key-plans\/logs-bucket\/history\.json to bucket-keys\/logs-bucket failed \(HTTP 403: Resource not accessible by integration.*\)\. The token may lack permissions: the plan workflow needs `contents: write` and `pull-requests: write`/,
    );
  });
});
