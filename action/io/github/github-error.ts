/** Turns Octokit's RequestError into a `GitHubError` that says what happened and what to check. */
import { GitHubError } from "../../contracts/errors.ts";
import { formatDuration } from "../../core/settings/network-timeouts.ts";

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

export function isGitHubNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** GitHub refused the request as invalid (422): e.g. "A pull request already exists", "Reference already exists". */
export function isGitHubUnprocessable(error: unknown): boolean {
  return statusOf(error) === 422;
}

/** A failure the request may not have reached GitHub's answer for: no answer in time, a broken connection, a 5xx. */
export function isGitHubUnanswered(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/** What the call went through, from call-tracker.ts. */
export interface GitHubErrorHistory {
  /** Tries of the request that failed. */
  tries: number;
  elapsedMs: number;
  timeoutMs: number;
  waitedSeconds: number;
  /** Set when a rate limit was not waited out: the tries made. */
  rateLimitGaveUpAfter: number | undefined;
}

export function gitHubError(error: unknown, what: string, history?: GitHubErrorHistory): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const headers = ((error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers ?? {}) as Record<string, unknown>;
  const prefix = `GitHub: ${what} failed`;
  const http = status ? `HTTP ${status}: ` : "";
  const rateLimited = (status === 403 || status === 429) && (headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0" || history?.rateLimitGaveUpAfter !== undefined);
  if (rateLimited) {
    const tries = history?.rateLimitGaveUpAfter ?? history?.tries ?? 1;
    const reset = Number(headers["x-ratelimit-reset"]);
    const when = headers["x-ratelimit-remaining"] === "0" && reset > 0 ? ` The token's rate limit resets at ${new Date(reset * 1000).toISOString()}.` : "";
    return new GitHubError(
      status,
      `${prefix}: rate limited, waited ${history?.waitedSeconds ?? 0} s, giving up after ${tries} ${tries === 1 ? "try" : "tries"} (${http}${detail}).${when} GitHub limits how fast a token may call and write ("secondary rate limits" for bursts); re-run the workflow later, or plan fewer buckets per run.`,
      { cause: error },
    );
  }
  const cause = (error as { cause?: { name?: unknown } } | null)?.cause;
  if (cause?.name === "TimeoutError" && history !== undefined) {
    return new GitHubError(
      status,
      `${prefix}: no answer within ${formatDuration(history.timeoutMs)}, giving up after ${history.tries} tries in ${formatDuration(history.elapsedMs)}. GitHub may be having trouble (https://www.githubstatus.com) or the network path to it is blocked; re-run the workflow. Input "idle-timeout" sets how long each try may take.`,
      { cause: error },
    );
  }
  let hint = "";
  if (status === 401) hint = " The token is invalid or expired; check the workflow's token input.";
  else if (/not permitted to create or approve pull requests/i.test(detail)) {
    hint = ' Allow it in the repository settings (Actions > General > "Allow GitHub Actions to create and approve pull requests"), or pass a GitHub App or personal access token as input "token".';
  } else if (status === 403 || status === 404) {
    hint = " The token may lack permissions: the plan workflow needs `contents: write` and `pull-requests: write`, apply and status need `contents: read` and `pull-requests: write`.";
  } else if (status === 422) hint = " GitHub rejected the request as invalid.";
  else if (status !== undefined && status >= 500) {
    hint = ` GitHub kept failing${history && history.tries > 1 ? ` (${history.tries} tries in ${formatDuration(history.elapsedMs)})` : ""}; it may be having trouble (https://www.githubstatus.com). Re-run the workflow.`;
  }
  return new GitHubError(status, `${prefix} (${http}${detail}).${hint}`, { cause: error });
}
