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
