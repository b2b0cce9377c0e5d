import { describe, expect, it } from "vitest";
import { gitHubError } from "../../../../../action/io/github/github-error.ts";

/** Octokit's RequestError carries the HTTP status and GitHub's message. */
function requestError(status: number, message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status });
}

describe("gitHubError", () => {
  it("points at the repository setting when GITHUB_TOKEN may not open pull requests", () => {
    const error = gitHubError(requestError(403, "GitHub Actions is not permitted to create or approve pull requests."), "opening a pull request from bucket-keys/logs into main");
    expect(error.status).toBe(403);
    expect(error.message).toContain("Allow GitHub Actions to create and approve pull requests");
    expect(error.message).toContain('pass a GitHub App or personal access token as input "token"');
  });

  it("names the token permissions each workflow needs on other 403s", () => {
    expect(gitHubError(requestError(403, "Resource not accessible by integration"), "commenting on #3").message).toContain("apply and status need `contents: read` and `pull-requests: write`");
  });

  it("says the token is invalid on 401", () => {
    expect(gitHubError(requestError(401, "Bad credentials"), "reading repository acme/data").message).toBe("GitHub: reading repository acme/data failed (HTTP 401: Bad credentials). The token is invalid or expired; check the workflow's token input.");
  });
});

describe("gitHubError after retries and rate limits", () => {
  const history = { tries: 4, elapsedMs: 75_000, timeoutMs: 30_000, waitedSeconds: 0, rateLimitGaveUpAfter: undefined };

  it("says it was rate limited, how long it waited and after how many tries, not that the token lacks permissions", () => {
    const error = Object.assign(requestError(403, "You have exceeded a secondary rate limit."), { response: { headers: { "retry-after": "60" } } });
    const message = gitHubError(error, "opening a pull request from bucket-keys/logs into main", { ...history, waitedSeconds: 180, rateLimitGaveUpAfter: 4 }).message;
    expect(message).toMatch(/^GitHub: opening a pull request from bucket-keys\/logs into main failed: rate limited, waited 180 s, giving up after 4 tries \(HTTP 403: You have exceeded a secondary rate limit\.\)\./);
    expect(message).not.toContain("permissions");
  });

  it("names when a primary rate limit resets", () => {
    const error = Object.assign(requestError(403, "API rate limit exceeded"), { response: { headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1893456000" } } });
    expect(gitHubError(error, "listing open pull requests", { ...history, tries: 1, rateLimitGaveUpAfter: 1 }).message).toContain("The token's rate limit resets at 2030-01-01T00:00:00.000Z.");
  });

  it("says no answer came within the time limit, with the tries and the time taken, when every try timed out", () => {
    const error = Object.assign(requestError(500, "The operation was aborted due to timeout"), { cause: { name: "TimeoutError" } });
    expect(gitHubError(error, "opening a pull request from bucket-keys/logs into main", history).message).toBe(
      'GitHub: opening a pull request from bucket-keys/logs into main failed: no answer within 30 s, giving up after 4 tries in 1.3 min. GitHub may be having trouble (https://www.githubstatus.com) or the network path to it is blocked; re-run the workflow. Input "idle-timeout" sets how long each try may take.',
    );
  });

  it("says GitHub kept failing on 5xx after retries", () => {
    expect(gitHubError(requestError(502, "Bad Gateway"), "reading repository acme/data", history).message).toContain("GitHub kept failing (4 tries in 1.3 min); it may be having trouble");
  });
});
