import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubServer, type GitHubServer } from "../helpers/github-server/github-server.ts";
import { validateResponse } from "../helpers/github-server/openapi-validator.ts";

type Octokit = ReturnType<typeof getOctokit>;
const repo = { owner: "acme", repo: "data" };

async function status(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response?: { data?: { message?: string } } };
    return { status: e.status, message: e.response?.data?.message ?? "" };
  }
  throw new Error("expected the request to fail");
}

describe("loopback GitHub server: git data flow", () => {
  let github: GitHubServer;
  let octokit: Octokit;
  let seedSha: string;

  beforeAll(async () => {
    github = await startGitHubServer();
    seedSha = github.seedRepo("acme/data", { "README.md": "hello\n", "plans/old/plan.json": "{}\n", "plans/old/plan.md": "# old\n" }).headSha;
    octokit = getOctokit(github.token, { baseUrl: github.url });
  });
  afterAll(() => github.stop());

  it("gives a blob git's object id, so identical content has an identical sha", async () => {
    const blob = await octokit.rest.git.createBlob({ ...repo, content: "hello\n", encoding: "utf-8" });
    // `printf 'hello\n' | git hash-object --stdin`
    expect(blob.data.sha).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(validateResponse("git/create-blob", blob.status, blob.data)).toEqual([]);
    const back = await octokit.rest.git.getBlob({ ...repo, file_sha: blob.data.sha });
    expect(Buffer.from(back.data.content, "base64").toString()).toBe("hello\n");
    expect(validateResponse("git/get-blob", back.status, back.data)).toEqual([]);
  });

  it("commits blob -> tree (nested paths over base_tree) -> commit -> ref update, readable through the Contents API", async () => {
    const base = await octokit.rest.git.getCommit({ ...repo, commit_sha: seedSha });
    expect(validateResponse("git/get-commit", base.status, base.data)).toEqual([]);
    const planJson = await octokit.rest.git.createBlob({ ...repo, content: Buffer.from('{"id":"p1"}\n').toString("base64"), encoding: "base64" });
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "plans/new/plan.json", mode: "100644", type: "blob", sha: planJson.data.sha },
        { path: "plans/new/plan.md", mode: "100644", type: "blob", content: "# p1\n" },
        { path: "plans/old/plan.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(validateResponse("git/create-tree", tree.status, tree.data)).toEqual([]);
    const commit = await octokit.rest.git.createCommit({ ...repo, message: "Plan p1", tree: tree.data.sha, parents: [seedSha] });
    expect(validateResponse("git/create-commit", commit.status, commit.data)).toEqual([]);
    expect(commit.data.parents.map((p) => p.sha)).toEqual([seedSha]);
    const created = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/bucket-keys/logs", sha: seedSha });
    expect(validateResponse("git/create-ref", created.status, created.data)).toEqual([]);
    const updated = await octokit.rest.git.updateRef({ ...repo, ref: "heads/bucket-keys/logs", sha: commit.data.sha });
    expect(updated.data.object.sha).toBe(commit.data.sha);
    expect(validateResponse("git/update-ref", updated.status, updated.data)).toEqual([]);

    const file = await octokit.rest.repos.getContent({ ...repo, path: "plans/new/plan.json", ref: "bucket-keys/logs" });
    expect(validateResponse("repos/get-content", file.status, file.data)).toEqual([]);
    expect(Array.isArray(file.data)).toBe(false);
    const content = file.data as { content: string; sha: string };
    expect(Buffer.from(content.content, "base64").toString()).toBe('{"id":"p1"}\n');
    expect(content.sha).toBe(planJson.data.sha);
    const dir = await octokit.rest.repos.getContent({ ...repo, path: "plans", ref: "bucket-keys/logs" });
    expect(validateResponse("repos/get-content", dir.status, dir.data)).toEqual([]);
    expect((dir.data as Array<{ name: string; type: string }>).map((e) => [e.name, e.type])).toEqual([
      ["new", "dir"],
      ["old", "dir"],
    ]);
    expect(github.filesAt("acme/data", "bucket-keys/logs")).toEqual({
      "README.md": "hello\n",
      "plans/new/plan.json": '{"id":"p1"}\n',
      "plans/new/plan.md": "# p1\n",
      "plans/old/plan.json": "{}\n",
    });
    expect(github.filesAt("acme/data", "main")).not.toHaveProperty("plans/new/plan.json");
  });

  it("serves raw file bytes for the application/vnd.github.raw media type", async () => {
    const raw = await octokit.rest.repos.getContent({ ...repo, path: "README.md", mediaType: { format: "raw" } });
    expect(String(raw.data)).toBe("hello\n");
  });

  it("answers 404 for a path that doesn't exist at the ref", async () => {
    expect((await status(octokit.rest.repos.getContent({ ...repo, path: "plans/none/plan.json" }))).status).toBe(404);
  });

  it("lists a tree recursively when asked", async () => {
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: "main", recursive: "true" });
    expect(tree.data.tree.map((e) => e.path)).toEqual(["README.md", "plans", "plans/old", "plans/old/plan.json", "plans/old/plan.md"]);
    expect(validateResponse("git/get-tree", tree.status, tree.data)).toEqual([]);
  });

  it("refuses a non-fast-forward ref update without force (422) and applies it with force", async () => {
    const other = await octokit.rest.git.createCommit({ ...repo, message: "unrelated", tree: (await octokit.rest.git.getCommit({ ...repo, commit_sha: seedSha })).data.tree.sha, parents: [] });
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/ff-check", sha: seedSha });
    const refused = await status(octokit.rest.git.updateRef({ ...repo, ref: "heads/ff-check", sha: other.data.sha }));
    expect(refused).toEqual({ status: 422, message: "Update is not a fast forward" });
    expect(github.branches("acme/data")["ff-check"]).toBe(seedSha);
    await octokit.rest.git.updateRef({ ...repo, ref: "heads/ff-check", sha: other.data.sha, force: true });
    expect(github.branches("acme/data")["ff-check"]).toBe(other.data.sha);
  });

  it("reads, lists and deletes refs with responses valid for GitHub's schemas", async () => {
    const ref = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    expect(validateResponse("git/get-ref", ref.status, ref.data)).toEqual([]);
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/tmp/one", sha: seedSha });
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: "heads/tmp/" });
    expect(validateResponse("git/list-matching-refs", matching.status, matching.data)).toEqual([]);
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/heads/tmp/one"]);
    const deleted = await octokit.rest.git.deleteRef({ ...repo, ref: "heads/tmp/one" });
    expect(deleted.status).toBe(204);
    expect(github.branches("acme/data")).not.toHaveProperty("tmp/one");
  });

  it("refuses to create a ref that exists and to update one that doesn't (422)", async () => {
    expect(await status(octokit.rest.git.createRef({ ...repo, ref: "refs/heads/main", sha: seedSha }))).toEqual({ status: 422, message: "Reference already exists" });
    expect(await status(octokit.rest.git.updateRef({ ...repo, ref: "heads/nope", sha: seedSha }))).toEqual({ status: 422, message: "Reference does not exist" });
    expect((await status(octokit.rest.git.getRef({ ...repo, ref: "heads/nope" }))).status).toBe(404);
  });

  it("refuses a commit whose parent or tree doesn't exist (422)", async () => {
    const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: seedSha })).data.tree.sha;
    expect((await status(octokit.rest.git.createCommit({ ...repo, message: "m", tree, parents: ["0".repeat(40)] }))).status).toBe(422);
    expect((await status(octokit.rest.git.createCommit({ ...repo, message: "m", tree: "1".repeat(40), parents: [seedSha] }))).status).toBe(422);
  });

  it("compares base...head with added, modified and removed files and the ahead/behind counts", async () => {
    github.pushFiles("acme/data", "compare-me", { "README.md": "hello again\n", "plans/x/plan.json": "{}\n", "plans/old/plan.md": null });
    const { status: code, data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...compare-me" });
    expect(validateResponse("repos/compare-commits-with-basehead", code, data)).toEqual([]);
    expect(data.status).toBe("ahead");
    expect([data.ahead_by, data.behind_by, data.total_commits]).toEqual([1, 0, 1]);
    expect(data.files?.map((f) => [f.filename, f.status])).toEqual([
      ["README.md", "modified"],
      ["plans/old/plan.md", "removed"],
      ["plans/x/plan.json", "added"],
    ]);
  });

  it("returns a commit with its files through the Repositories API", async () => {
    const head = github.branches("acme/data")["compare-me"] ?? "";
    const { status: code, data } = await octokit.rest.repos.getCommit({ ...repo, ref: head });
    expect(validateResponse("repos/get-commit", code, data)).toEqual([]);
    expect(data.files?.map((f) => f.filename)).toEqual(["README.md", "plans/old/plan.md", "plans/x/plan.json"]);
  });
});
