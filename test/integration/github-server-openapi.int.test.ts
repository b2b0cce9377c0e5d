import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubServer, type GitHubServer } from "../helpers/github-server/github-server.ts";
import { validateResponse } from "../helpers/github-server/openapi-validator.ts";

type Octokit = ReturnType<typeof getOctokit>;
const execFileAsync = promisify(execFile);

interface RequestFailure {
  status: number;
  response?: { data: unknown; headers: Record<string, string> };
}

async function failure(promise: Promise<unknown>): Promise<RequestFailure> {
  try {
    await promise;
  } catch (error) {
    return error as RequestFailure;
  }
  throw new Error("expected the request to fail");
}

describe("loopback GitHub server: GitHub's REST description and access rules", () => {
  let github: GitHubServer;
  let octokit: Octokit;

  beforeAll(async () => {
    github = await startGitHubServer();
    github.seedRepo("acme/data", { "README.md": "hello\n" });
    octokit = getOctokit(github.token, { baseUrl: github.url });
  });
  afterAll(() => github.stop());

  it("answers a path that no REST operation has with 404 in GitHub's error shape", async () => {
    const error = await failure(octokit.request("GET /repos/{owner}/{repo}/no-such-endpoint", { owner: "acme", repo: "data" }));
    expect(error.status).toBe(404);
    expect(error.response?.data).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  });

  it("answers a method the path does not have with 404", async () => {
    const error = await failure(octokit.request("DELETE /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner: "acme", repo: "data", file_sha: "abc" }));
    expect(error.status).toBe(404);
  });

  it("rejects a body of the wrong type with 422 naming the field and linking the operation's docs", async () => {
    const error = await failure(
      octokit.request("POST /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "data", title: 5 as unknown as string, head: "x", base: "main" }),
    );
    expect(error.status).toBe(422);
    const data = error.response?.data as { message: string; errors: Array<{ field: string; code: string }>; documentation_url: string };
    expect(data.message).toMatch(/^Invalid request\.\n\nbody\.title must be string/);
    expect(data.errors).toContainEqual(expect.objectContaining({ field: "title", code: "invalid" }));
    expect(data.documentation_url).toBe("https://docs.github.com/rest/pulls/pulls#create-a-pull-request");
  });

  it("rejects a body missing a required property with 422 missing_field", async () => {
    const error = await failure(octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner: "acme", repo: "data", ref: "refs/heads/x" } as never));
    expect(error.status).toBe(422);
    expect((error.response?.data as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining({ field: "sha", code: "missing_field" }));
  });

  it("rejects a create-blob body whose encoding is not a string", async () => {
    const error = await failure(
      octokit.request("POST /repos/{owner}/{repo}/git/blobs", { owner: "acme", repo: "data", content: "x", encoding: 42 as unknown as string }),
    );
    expect(error.status).toBe(422);
  });

  it("rejects a query parameter outside its enum with 422", async () => {
    const error = await failure(octokit.request("GET /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "data", state: "merged" as "open" }));
    expect(error.status).toBe(422);
    expect((error.response?.data as { errors: Array<{ field: string }> }).errors[0]?.field).toBe("state");
  });

  it("rejects a non-numeric path parameter where the schema wants an integer", async () => {
    const error = await failure(octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "acme", repo: "data", pull_number: "abc" as unknown as number }));
    expect(error.status).toBe(422);
  });

  it("answers malformed JSON with 400 Problems parsing JSON", async () => {
    const response = await fetch(`${github.url}/repos/acme/data/git/blobs`, {
      method: "POST",
      headers: { authorization: `token ${github.token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe("Problems parsing JSON");
  });

  it("requires authentication: no Authorization header gives 401 Requires authentication", async () => {
    const response = await fetch(`${github.url}/repos/acme/data`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toBe("Requires authentication");
  });

  it("answers an unknown token with 401 Bad credentials", async () => {
    const error = await failure(getOctokit("ghp_wrong", { baseUrl: github.url }).rest.repos.get({ owner: "acme", repo: "data" }));
    expect(error.status).toBe(401);
    expect((error.response?.data as { message: string }).message).toBe("Bad credentials");
  });

  it("accepts both 'token' and 'Bearer' authorization schemes", async () => {
    for (const scheme of ["token", "Bearer"]) {
      const response = await fetch(`${github.url}/repos/acme/data`, { headers: { authorization: `${scheme} ${github.token}` } });
      expect(response.status).toBe(200);
    }
  });

  it("lets a read-only token read but refuses its writes with 403 Resource not accessible by integration", async () => {
    const reader = getOctokit(github.readOnlyToken, { baseUrl: github.url });
    await expect(reader.rest.repos.get({ owner: "acme", repo: "data" })).resolves.toMatchObject({ status: 200 });
    const error = await failure(reader.rest.git.createBlob({ owner: "acme", repo: "data", content: "x" }));
    expect(error.status).toBe(403);
    expect((error.response?.data as { message: string }).message).toBe("Resource not accessible by integration");
    expect(github.filesAt("acme/data", "main")).toEqual({ "README.md": "hello\n" });
  });

  it("answers 404 for a repository it does not hold", async () => {
    const error = await failure(octokit.rest.repos.get({ owner: "acme", repo: "missing" }));
    expect(error.status).toBe(404);
  });

  it("answers a REST operation it does not implement with 501 naming the operation", async () => {
    const error = await failure(octokit.rest.issues.addLabels({ owner: "acme", repo: "data", issue_number: 1, labels: ["x"] }));
    expect(error.status).toBe(501);
    expect((error.response?.data as { message: string }).message).toContain("issues/add-labels");
  });

  it("returns a repository that validates against GitHub's full-repository schema", async () => {
    const { status, data } = await octokit.rest.repos.get({ owner: "acme", repo: "data" });
    expect(validateResponse("repos/get", status, data)).toEqual([]);
    expect(data.default_branch).toBe("main");
  });

  it("reports a response missing a property GitHub documents as required (the schema check can fail)", async () => {
    const { status, data } = await octokit.rest.repos.get({ owner: "acme", repo: "data" });
    const { default_branch: _dropped, ...withoutDefaultBranch } = data;
    expect(validateResponse("repos/get", status, withoutDefaultBranch)).toContainEqual(
      expect.objectContaining({ field: "response.default_branch", code: "missing_field" }),
    );
  });

  it("logs every request with its operation, status and actor", async () => {
    await octokit.rest.repos.get({ owner: "acme", repo: "data" });
    const last = github.requests().at(-1);
    expect(last).toMatchObject({ method: "GET", url: "/repos/acme/data", operationId: "repos/get", status: 200, actor: "github-actions[bot]" });
  });
});

describe("loopback GitHub server: pagination and GITHUB_API_URL", () => {
  let github: GitHubServer;

  beforeAll(async () => {
    github = await startGitHubServer();
    github.seedRepo("acme/data", { "README.md": "hello\n" });
  });
  afterAll(() => github.stop());

  it("is reached by getOctokit without baseUrl in a process started with GITHUB_API_URL pointing at it", async () => {
    // @actions/github reads GITHUB_API_URL when it loads, so this runs in a child process as an Action does.
    const script =
      "import { getOctokit } from '@actions/github';" +
      "const { data } = await getOctokit(process.env.TEST_TOKEN).rest.repos.get({ owner: 'acme', repo: 'data' });" +
      "process.stdout.write(data.full_name);";
    const { stdout } = await execFileAsync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: process.cwd(),
      env: { ...process.env, GITHUB_API_URL: github.url, TEST_TOKEN: github.token },
    });
    expect(stdout).toBe("acme/data");
  });

  it("honours per_page and page and sets a Link header that octokit.paginate follows", async () => {
    const octokit = getOctokit(github.token, { baseUrl: github.url });
    const pr = await openPullRequest(octokit, github);
    for (let i = 1; i <= 5; i += 1) {
      await octokit.rest.issues.createComment({ owner: "acme", repo: "data", issue_number: pr, body: `comment ${i}` });
    }
    const page2 = await octokit.rest.issues.listComments({ owner: "acme", repo: "data", issue_number: pr, per_page: 2, page: 2 });
    expect(page2.data.map((c) => c.body)).toEqual(["comment 3", "comment 4"]);
    expect(page2.headers.link).toContain('rel="next"');
    expect(page2.headers.link).toContain('rel="prev"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: "acme", repo: "data", issue_number: pr, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(["comment 1", "comment 2", "comment 3", "comment 4", "comment 5"]);
  });
});

async function openPullRequest(octokit: Octokit, github: GitHubServer): Promise<number> {
  github.pushFiles("acme/data", "feature", { "feature.txt": "x\n" });
  const { data } = await octokit.rest.pulls.create({ owner: "acme", repo: "data", title: "Feature", head: "feature", base: "main" });
  return data.number;
}
