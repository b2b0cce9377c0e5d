import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubServer, type GitHubServer } from "../helpers/github-server/github-server.ts";
import { validateResponse, validateWebhookPayload } from "../helpers/github-server/openapi-validator.ts";

type Octokit = ReturnType<typeof getOctokit>;
const repo = { owner: "acme", repo: "data" };

async function failure(promise: Promise<unknown>): Promise<{ status: number; data: { message?: string; errors?: unknown[] } }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response: { data: { message?: string; errors?: unknown[] } } };
    return { status: e.status, data: e.response.data };
  }
  throw new Error("expected the request to fail");
}

describe("loopback GitHub server: pull request lifecycle", () => {
  let github: GitHubServer;
  let octokit: Octokit;
  let number: number;

  beforeAll(async () => {
    github = await startGitHubServer();
    github.seedRepo("acme/data", { "README.md": "hello\n" });
    github.pushFiles("acme/data", "bucket-keys/logs", { "bucket-key-plans/logs/plan.json": '{"id":"a"}\n' }, "Plan a");
    github.pushFiles("acme/data", "bucket-keys/media", { "bucket-key-plans/media/plan.json": '{"id":"b"}\n' }, "Plan b");
    octokit = getOctokit(github.token, { baseUrl: github.url });
  });
  afterAll(() => github.stop());

  it("opens a pull request whose response validates against GitHub's pull-request schema", async () => {
    const created = await octokit.rest.pulls.create({ ...repo, title: "Bucket Keys: logs", head: "bucket-keys/logs", base: "main", body: "plan a" });
    expect(created.status).toBe(201);
    expect(validateResponse("pulls/create", created.status, created.data)).toEqual([]);
    number = created.data.number;
    expect(created.data).toMatchObject({
      state: "open",
      merged: false,
      merge_commit_sha: null,
      head: { ref: "bucket-keys/logs", sha: github.branches("acme/data")["bucket-keys/logs"] },
      base: { ref: "main", sha: github.branches("acme/data").main },
      html_url: `https://github.com/acme/data/pull/${number}`,
    });
    const fetched = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    expect(validateResponse("pulls/get", fetched.status, fetched.data)).toEqual([]);
    expect(fetched.data.changed_files).toBe(1);
  });

  it("refuses a second open pull request for the same head and base (422)", async () => {
    const error = await failure(octokit.rest.pulls.create({ ...repo, title: "again", head: "bucket-keys/logs", base: "main" }));
    expect(error.status).toBe(422);
    expect(error.data.errors).toContainEqual(expect.objectContaining({ message: "A pull request already exists for acme:bucket-keys/logs." }));
  });

  it("refuses a pull request with no commits between base and head, or an unknown head (422)", async () => {
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/same", sha: github.branches("acme/data").main ?? "" });
    const empty = await failure(octokit.rest.pulls.create({ ...repo, title: "empty", head: "same", base: "main" }));
    expect(empty.data.errors).toContainEqual(expect.objectContaining({ message: "No commits between main and same" }));
    const unknown = await failure(octokit.rest.pulls.create({ ...repo, title: "x", head: "nope", base: "main" }));
    expect(unknown.data.errors).toContainEqual({ resource: "PullRequest", field: "head", code: "invalid" });
  });

  it("filters the list by owner:branch head, base and state, and ignores a bare-branch head like GitHub", async () => {
    await octokit.rest.pulls.create({ ...repo, title: "Bucket Keys: media", head: "bucket-keys/media", base: "main" });
    const byHead = await octokit.rest.pulls.list({ ...repo, head: "acme:bucket-keys/media", base: "main" });
    expect(byHead.data.map((p) => p.head.ref)).toEqual(["bucket-keys/media"]);
    expect(validateResponse("pulls/list", byHead.status, byHead.data)).toEqual([]);
    const bare = await octokit.rest.pulls.list({ ...repo, head: "bucket-keys/media" });
    expect(bare.data).toHaveLength(2);
    expect((await octokit.rest.pulls.list({ ...repo, state: "closed" })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, base: "other" })).data).toEqual([]);
  });

  it("updates title and body, and follows new commits on the head branch", async () => {
    const pushed = github.pushFiles("acme/data", "bucket-keys/logs", { "bucket-key-plans/logs/plan.json": '{"id":"a2"}\n' }, "Plan a2");
    const updated = await octokit.rest.pulls.update({ ...repo, pull_number: number, title: "Bucket Keys: logs (a2)", body: "plan a2" });
    expect(validateResponse("pulls/update", updated.status, updated.data)).toEqual([]);
    expect(updated.data).toMatchObject({ title: "Bucket Keys: logs (a2)", body: "plan a2", head: { sha: pushed.after } });
  });

  it("lists a pull request's files and commits with responses valid for GitHub's schemas", async () => {
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: number });
    expect(validateResponse("pulls/list-files", files.status, files.data)).toEqual([]);
    expect(files.data.map((f) => [f.filename, f.status])).toEqual([["bucket-key-plans/logs/plan.json", "added"]]);
    const commits = await octokit.rest.pulls.listCommits({ ...repo, pull_number: number });
    expect(validateResponse("pulls/list-commits", commits.status, commits.data)).toEqual([]);
    expect(commits.data.map((c) => c.commit.message)).toEqual(["Plan a", "Plan a2"]);
  });

  it("lists the pull requests associated with a commit on the head branch", async () => {
    const head = github.branches("acme/data")["bucket-keys/logs"] ?? "";
    const { status, data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: head });
    expect(validateResponse("repos/list-pull-requests-associated-with-commit", status, data)).toEqual([]);
    expect(data.map((p) => p.number)).toEqual([number]);
  });

  it("creates, lists and edits issue comments on the pull request", async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: "Jobs: pending" });
    expect(validateResponse("issues/create-comment", created.status, created.data)).toEqual([]);
    const edited = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: "Jobs: 2 complete" });
    expect(validateResponse("issues/update-comment", edited.status, edited.data)).toEqual([]);
    const fetched = await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id });
    expect(validateResponse("issues/get-comment", fetched.status, fetched.data)).toEqual([]);
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: number });
    expect(validateResponse("issues/list-comments", listed.status, listed.data)).toEqual([]);
    expect(listed.data.map((c) => [c.id, c.body])).toEqual([[created.data.id, "Jobs: 2 complete"]]);
    expect(github.comments("acme/data", number).map((c) => c.body)).toEqual(["Jobs: 2 complete"]);
    expect((await failure(octokit.rest.issues.createComment({ ...repo, issue_number: 999, body: "x" }))).status).toBe(404);
  });

  it("merges through the test control: merge commit on base, pull request merged, push payload valid for GitHub's push schema", async () => {
    const before = github.branches("acme/data").main ?? "";
    const headSha = github.branches("acme/data")["bucket-keys/logs"] ?? "";
    const push = github.mergePullRequest("acme/data", number);
    expect(validateWebhookPayload("push", push)).toEqual([]);
    const after = github.branches("acme/data").main ?? "";
    expect(push).toMatchObject({ ref: "refs/heads/main", before, after, created: false, deleted: false, forced: false });
    expect(push.head_commit).toMatchObject({ id: after, distinct: true, added: ["bucket-key-plans/logs/plan.json"], modified: [], removed: [] });
    expect(push.commits.map((c) => [c.message.split("\n")[0], c.distinct])).toEqual([
      ["Plan a", false],
      ["Plan a2", false],
      [`Merge pull request #${number} from acme/bucket-keys/logs`, true],
    ]);
    expect(github.filesAt("acme/data", "main")["bucket-key-plans/logs/plan.json"]).toBe('{"id":"a2"}\n');

    const merged = await octokit.rest.pulls.get({ ...repo, pull_number: number });
    expect(merged.data).toMatchObject({ state: "closed", merged: true, merge_commit_sha: after, head: { sha: headSha }, base: { sha: before } });
    const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: after });
    expect(commit.data.parents.map((p) => p.sha)).toEqual([before, headSha]);
    const associated = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: after });
    expect(associated.data.map((p) => p.number)).toEqual([number]);
  });

  it("squash-merges into a single new commit on the base branch", async () => {
    const open = (await octokit.rest.pulls.list({ ...repo, head: "acme:bucket-keys/media" })).data[0];
    const push = github.mergePullRequest("acme/data", open?.number ?? 0, { method: "squash", mergedBy: "octocat" });
    expect(validateWebhookPayload("push", push)).toEqual([]);
    expect(push.commits).toHaveLength(1);
    expect(push.head_commit?.message).toBe(`Bucket Keys: media (#${open?.number})`);
    expect(push.pusher.name).toBe("octocat");
  });

  it("refuses to merge a pull request that is not open", () => {
    expect(() => github.mergePullRequest("acme/data", number)).toThrow(/already merged/);
  });

  it("closes and reopens an unmerged pull request through update", async () => {
    github.pushFiles("acme/data", "bucket-keys/tmp", { "tmp.txt": "t\n" });
    const pr = await octokit.rest.pulls.create({ ...repo, title: "tmp", head: "bucket-keys/tmp", base: "main" });
    const closed = await octokit.rest.pulls.update({ ...repo, pull_number: pr.data.number, state: "closed" });
    expect(closed.data).toMatchObject({ state: "closed", merged: false });
    expect(closed.data.closed_at).not.toBeNull();
    const reopened = await octokit.rest.pulls.update({ ...repo, pull_number: pr.data.number, state: "open" });
    expect(reopened.data.state).toBe("open");
    expect(github.writeCount()).toBeGreaterThan(0);
  });
});
