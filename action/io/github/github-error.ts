/** Turns Octokit's RequestError into a `GitHubError` that says what to check. */
import { GitHubError } from "../../contracts/errors.ts";

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

export function isGitHubNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

export function gitHubError(error: unknown, what: string): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  let hint = "";
  if (status === 401) hint = " The token is invalid or expired; check the workflow's token input.";
  else if (/not permitted to create or approve pull requests/i.test(detail)) {
    hint = ' Allow it in the repository settings (Actions > General > "Allow GitHub Actions to create and approve pull requests"), or pass a GitHub App or personal access token as input "token".';
  } else if (status === 403 || status === 404) {
    hint = " The token may lack permissions: the plan workflow needs `contents: write` and `pull-requests: write`, apply and status need `contents: read` and `pull-requests: write`.";
  } else if (status === 422) hint = " GitHub rejected the request as invalid.";
  return new GitHubError(status, `GitHub: ${what} failed (${status ? `HTTP ${status}: ` : ""}${detail}).${hint}`, { cause: error });
}
