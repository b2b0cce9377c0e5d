/**
 * Optional wait after apply: polls DescribeJob with backoff until every job ends or the time is up,
 * logging progress. Ending the wait early is not a failure: the status workflow picks the jobs up.
 */
import { jobViewOf, TERMINAL_JOB_STATUSES, summarizeJobs, type JobView } from "../core/status/status-summary.ts";
import type { Logger } from "../contracts/logger.ts";
import type { BatchJobClient } from "../io/aws/batch-job-client.ts";

/** First poll after this long, then each wait 1.5x longer, at most POLL_MAX_SECONDS. */
export const POLL_FIRST_SECONDS = 10;
export const POLL_MAX_SECONDS = 120;
export const POLL_GROWTH = 1.5;

export interface WaitDeps {
  jobs: BatchJobClient;
  logger: Logger;
  /** Injected for tests; defaults to a timer. */
  sleep?: (milliseconds: number) => Promise<void>;
  now?: () => number;
}

export async function waitForJobs(jobIds: readonly string[], minutes: number, region: string, deps: WaitDeps): Promise<string> {
  const sleep = deps.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const now = deps.now ?? Date.now;
  const deadline = now() + minutes * 60_000;
  let delaySeconds = POLL_FIRST_SECONDS;
  let views: JobView[] = [];
  for (;;) {
    views = [];
    for (const jobId of jobIds) {
      const job = await deps.jobs.describeJob(jobId);
      const view = jobViewOf(job);
      views.push(view);
      deps.logger.info(`Job ${jobId}: ${view.status}, ${view.succeededTasks + view.failedTasks} of ${view.totalTasks ?? "?"} tasks done, ${view.failedTasks} failed.`);
    }
    if (views.every((view) => TERMINAL_JOB_STATUSES.has(view.status))) break;
    const remaining = deadline - now();
    if (remaining <= 0) {
      deps.logger.info(`Stopped waiting after ${minutes} minute(s); the status workflow reports the rest.`);
      break;
    }
    await sleep(Math.min(delaySeconds * 1000, remaining));
    delaySeconds = Math.min(delaySeconds * POLL_GROWTH, POLL_MAX_SECONDS);
  }
  return summarizeJobs(views, region, "Jobs after waiting").markdown;
}
