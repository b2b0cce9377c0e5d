/**
 * The Octokit the Action uses: @actions/github's (GITHUB_API_URL, proxy support) with
 * @octokit/plugin-retry and @octokit/plugin-throttling, and a time limit on every attempt.
 *
 * - Each attempt gets `gitHubAttemptMs` (the `idle-timeout` setting) from a fetch wrapper: Octokit has
 *   no timeout of its own, and undici's waits 300 s per phase. A timed-out attempt is a 500 to the
 *   retry plugin, retried like a 5xx (up to GITHUB_RETRIES times, waiting 1, 4, 9 s).
 * - Rate limits, as GitHub asks ("Rate limits for the REST API"): a 403 or 429 for a secondary limit
 *   waits `retry-after` seconds (60 without it), a primary limit (`x-ratelimit-remaining: 0`) waits
 *   for `x-ratelimit-reset`; each wait is logged, at most GITHUB_RATE_LIMIT_RETRIES of them per request,
 *   none longer than MAX_RATE_LIMIT_WAIT_SECONDS. Writes go one at a time, at least a second apart
 *   ("wait at least one second between each request", GitHub's best practices), pull requests and
 *   comments three seconds apart (the plugin's own pacing).
 * - Each helper call is tracked (call-tracker.ts), so a failure can say how many tries it took and how
 *   long it waited.
 */
import { getOctokit } from "@actions/github";
import { defaults } from "@actions/github/lib/utils";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";
import { InputError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";
import { formatDuration, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { CallTracker } from "./call-tracker.ts";

/** Retries of a request that failed with a 5xx or no answer (plugin-retry's default). */
export const GITHUB_RETRIES = 3;
/** Rate-limit waits per request before giving up. */
export const GITHUB_RATE_LIMIT_RETRIES = 3;
/** A rate limit that asks for a longer wait than this fails the request at once (the message says when it resets). */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 15 * 60;
/** Minimum time between two writes; GitHub's advice. */
export const DEFAULT_WRITE_INTERVAL_MS = 1000;
/** Pull requests and comments notify people: the throttling plugin spaces them three times as far. */
const NOTIFICATION_INTERVAL_FACTOR = 3;
/** Environment variable that sets the write interval (ms), e.g. 0 on GitHub Enterprise Server without rate limiting. */
export const WRITE_INTERVAL_VARIABLE = "BUCKET_KEYS_GITHUB_WRITE_INTERVAL_MS";

export type Octokit = ReturnType<typeof getOctokit>;
type Fetch = typeof globalThis.fetch;

export interface OctokitClientOptions {
  baseUrl?: string | undefined;
  timeouts: NetworkTimeouts;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

export function createOctokit(token: string, options: OctokitClientOptions): { octokit: Octokit; tracker: CallTracker } {
  const { timeouts, logger } = options;
  const tracker = new CallTracker();
  const writeIntervalMs = writeInterval(options.env ?? process.env);
  const baseFetch = (defaults.request?.fetch ?? globalThis.fetch) as Fetch;
  // A fresh signal per attempt: a shared one would stay aborted for the retries.
  const fetchWithTimeout: Fetch = async (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeouts.gitHubAttemptMs);
    tracker.attempt(init.method ?? "GET", typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    try {
      return await baseFetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (error) {
      if (timeout.aborted) tracker.timedOut(timeouts.gitHubAttemptMs);
      throw error;
    }
  };
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < GITHUB_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
    tracker.rateLimited(retryAfter, again, retryCount + 1);
    const what = `GitHub: ${kind} rate limit on ${request.method} ${request.url}`;
    if (again) logger.warn(`${what}; waiting ${formatDuration(retryAfter * 1000)} as GitHub asks (wait ${retryCount + 1} of at most ${GITHUB_RATE_LIMIT_RETRIES}).`);
    else logger.warn(`${what}; not waiting again (${retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS ? `GitHub asks for ${formatDuration(retryAfter * 1000)}, more than ${formatDuration(MAX_RATE_LIMIT_WAIT_SECONDS * 1000)}` : `${retryCount} waits already`}).`);
    return again;
  };
  const octokit = getOctokit(
    token,
    {
      ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
      // Octokit.defaults merges `request` shallowly: keep @actions/github's agent and proxy fetch.
      request: { ...defaults.request, fetch: fetchWithTimeout },
      log: { debug: (message: string) => logger.debug(message), info: (message: string) => logger.debug(message), warn: (message: string) => logger.warn(message), error: (message: string) => logger.warn(message) },
      // 429 is the throttling plugin's, not retried a second time here.
      retry: { retries: GITHUB_RETRIES, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs * NOTIFICATION_INTERVAL_FACTOR }),
      },
    },
    retry,
    throttling,
  );
  // Both plugins keep a request's retry count on `options.request`, which Octokit passes by reference
  // from its defaults to every request: a count left by one request would lengthen the next one's
  // first wait ((count + 1)^2 s). This wrap, the outermost, starts each request at 0 (the helper's
  // requests run one at a time).
  octokit.hook.wrap("request", (request, options) => {
    if (options.request !== undefined) options.request.retryCount = 0;
    return request(options);
  });
  return { octokit, tracker };
}

function writeInterval(env: NodeJS.ProcessEnv): number {
  const value = env[WRITE_INTERVAL_VARIABLE];
  if (value === undefined || value === "") return DEFAULT_WRITE_INTERVAL_MS;
  if (!/^\d+$/.test(value) || Number(value) > 60_000) {
    throw new InputError(WRITE_INTERVAL_VARIABLE, `${WRITE_INTERVAL_VARIABLE}=${JSON.stringify(value)} is not a number of milliseconds from 0 to 60000 (default ${DEFAULT_WRITE_INTERVAL_MS}, GitHub's advice for github.com).`);
  }
  return Number(value);
}
