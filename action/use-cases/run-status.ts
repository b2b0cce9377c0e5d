/**
 * status: finds the jobs apply created (by their tags), reports progress, tallies the completion
 * reports of finished jobs, keeps one status comment per pull request up to date, and fails when a
 * job failed or has failed tasks.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { JobDescriptor } from "@aws-sdk/client-s3-control";
import { STATUS_COMMENT_MARKER } from "../core/status/comment-markers.ts";
import { BucketKeysError, errorMessage } from "../contracts/errors.ts";
import { JOB_DESCRIPTION_PREFIX, readJobIdentity, type JobIdentity } from "../core/apply/job-tags.ts";
import type { Logger } from "../contracts/logger.ts";
import { selectStatusJobs } from "../core/status/select-status-jobs.ts";
import type { StatusSettings } from "../core/status/status-settings.ts";
import { jobViewOf, summarizeJobs, TERMINAL_JOB_STATUSES, type JobView, type StatusSummary } from "../core/status/status-summary.ts";
import type { BatchJobClient } from "../io/aws/batch-job-client.ts";
import type { GitHubHelper } from "../io/github/github-helper.ts";
import { readJobReport } from "../io/status/job-report.ts";

export interface StatusDeps {
  jobs: BatchJobClient;
  s3: S3Client;
  /** Absent in the CLI: no pull request comments. */
  github: GitHubHelper | undefined;
  logger: Logger;
  /** The coverage section for these buckets (chart and trends from their history.json), appended to comments and the summary. */
  coverage?: (buckets: readonly string[]) => Promise<string>;
}

export interface StatusOutcome {
  summary: StatusSummary;
  jobIds: string[];
  /** Pull requests whose status comment was written. */
  comments: { pullRequest: number; created: boolean }[];
}

export async function runStatus(settings: StatusSettings, deps: StatusDeps): Promise<StatusOutcome> {
  // Jobs apply creates carry "bucket-keys plan <id> ..." as description: only those have their tags read.
  const tagged = await deps.jobs.findJobs((job) => (job.Description ?? "").startsWith(JOB_DESCRIPTION_PREFIX), (tags) => readJobIdentity(tags).planId !== undefined);
  const candidates = tagged.map(({ job, tags }) => ({ jobId: job.JobId!, identity: readJobIdentity(tags), creationTime: job.CreationTime }));
  const selected = selectStatusJobs(candidates, settings);
  deps.logger.info(`Found ${tagged.length} job(s) created by apply; reporting ${selected.length}.`);

  const views: JobView[] = [];
  for (const candidate of selected) views.push(await viewJob(await deps.jobs.describeJob(candidate.jobId), candidate.identity, deps));

  const bucketsOf = (of: readonly JobView[]) => [...new Set(of.flatMap((view) => (view.bucket === undefined ? [] : [view.bucket])))].sort();
  const coverage = async (of: readonly JobView[]) => (deps.coverage && of.length > 0 ? `\n${await deps.coverage(bucketsOf(of))}` : "");
  const comments: StatusOutcome["comments"] = [];
  if (deps.github) {
    for (const pullRequest of [...new Set(views.map((view) => view.pullRequest).filter((number) => number !== undefined))]) {
      const ofPull = views.filter((view) => view.pullRequest === pullRequest);
      const body = `${STATUS_COMMENT_MARKER}\n${summarizeJobs(ofPull, settings.region, `S3 Bucket Keys jobs of this pull request`).markdown}${await coverage(ofPull)}`;
      const { created } = await deps.github.upsertComment(pullRequest, STATUS_COMMENT_MARKER, body);
      comments.push({ pullRequest, created });
      deps.logger.info(`${created ? "Added" : "Updated"} the status comment on #${pullRequest}.`);
    }
  }
  const summary = summarizeJobs(views, settings.region);
  return { summary: { ...summary, markdown: `${summary.markdown}${await coverage(views)}` }, jobIds: views.map((view) => view.jobId), comments };
}

/** The error status throws after reporting, so the step fails when a job failed. */
export function failedJobsError(summary: StatusSummary): BucketKeysError | undefined {
  if (summary.failedJobs.length === 0) return undefined;
  return new BucketKeysError("JOBS_FAILED", `${summary.failedJobs.length} job(s) failed or have failed tasks: ${summary.failedJobs.join(", ")}. The summary lists the failures by error code with what to do.`);
}

async function viewJob(job: JobDescriptor, identity: JobIdentity, deps: StatusDeps): Promise<JobView> {
  const view = jobViewOf(job, identity);
  if (!TERMINAL_JOB_STATUSES.has(view.status)) return view;
  if (!job.Report?.Enabled || !job.Report.Bucket) return { ...view, reportNote: "the job was created without a completion report." };
  try {
    const report = await readJobReport(deps.s3, { bucket: job.Report.Bucket, prefix: job.Report.Prefix, jobId: view.jobId });
    if (report.kind === "missing") return { ...view, reportNote: `no completion report at ${report.manifestKey} (S3 writes one only when at least one task ran).` };
    for (const warning of report.warnings) deps.logger.warn(warning);
    return { ...view, report: { ...report.tally, succeeded: view.succeededTasks } };
  } catch (error) {
    deps.logger.warn(errorMessage(error));
    return { ...view, reportNote: `the completion report could not be read: ${errorMessage(error)}` };
  }
}
