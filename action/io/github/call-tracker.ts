import { gitHubError, type GitHubErrorHistory } from "./github-error.ts";

/**
 * What happened during one GitHubHelper call (the helper's calls run one after another): the tries of
 * each request, attempts that hit the time limit, rate-limit waits. A failure then says "no answer
 * within 30 s, 4 tries" or "rate limited, waited 62 s, giving up after 4 tries" instead of a bare status.
 */
export interface CallRecord {
  startedAt: number;
  /** Tries per "METHOD url". */
  tries: Map<string, number>;
  timedOut: number;
  timeoutMs: number;
  /** Seconds waited for rate limits. */
  waitedSeconds: number;
  /** Set when a rate limit was not waited out: the tries made for that request. */
  rateLimitGaveUpAfter: number | undefined;
}

function fresh(): CallRecord {
  return { startedAt: Date.now(), tries: new Map(), timedOut: 0, timeoutMs: 0, waitedSeconds: 0, rateLimitGaveUpAfter: undefined };
}

export class CallTracker {
  #current: CallRecord = fresh();

  begin(): void {
    this.#current = fresh();
  }

  get current(): Readonly<CallRecord> {
    return this.#current;
  }

  attempt(method: string, url: string): void {
    const key = `${method.toUpperCase()} ${url}`;
    this.#current.tries.set(key, (this.#current.tries.get(key) ?? 0) + 1);
  }

  timedOut(ms: number): void {
    this.#current.timedOut++;
    this.#current.timeoutMs = ms;
  }

  /** A rate limit answered a request; `again`: it is waited out (`seconds`) and the request retried. */
  rateLimited(seconds: number, again: boolean, tries: number): void {
    if (again) this.#current.waitedSeconds += seconds;
    else this.#current.rateLimitGaveUpAfter = tries;
  }

  /** Tries of the request `method url`. */
  triesOf(method: string | undefined, url: string | undefined): number {
    return this.#current.tries.get(`${(method ?? "GET").toUpperCase()} ${url ?? ""}`) ?? 0;
  }
}

/**
 * Runs one helper call under `tracker`: its requests are counted, and a failure (one `onError` does not
 * turn into a result) becomes a GitHubError saying `what` failed, after how many tries and how long.
 */
export async function runTracked<T>(tracker: CallTracker, what: string, run: () => Promise<T>, onError?: (error: unknown) => T | Promise<T>): Promise<T> {
  tracker.begin();
  try {
    return await run();
  } catch (error) {
    if (onError === undefined) throw failure(tracker, error, what);
    try {
      return await onError(error);
    } catch (unhandled) {
      throw failure(tracker, unhandled, what);
    }
  }
}

function failure(tracker: CallTracker, error: unknown, what: string) {
  const record = tracker.current;
  const request = (error as { request?: { method?: string; url?: string } } | null)?.request;
  const history: GitHubErrorHistory = {
    tries: Math.max(1, tracker.triesOf(request?.method, request?.url)),
    elapsedMs: Date.now() - record.startedAt,
    timeoutMs: record.timeoutMs,
    waitedSeconds: record.waitedSeconds,
    rateLimitGaveUpAfter: record.rateLimitGaveUpAfter,
  };
  return gitHubError(error, what, history);
}
