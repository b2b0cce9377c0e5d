/**
 * The status of a plan's jobs as markdown for the pull request comment and the step summary, and the
 * verdict that fails the step. Pure.
 */
import type { JobDescriptor } from "@aws-sdk/client-s3-control";
import { adviceForFailure } from "./failure-advice.ts";
import type { JobIdentity } from "../apply/job-tags.ts";
import { consoleJobUrl } from "../apply/job-links.ts";
import { formatNumber } from "../plan/number-format.ts";
import { JOB_OPERATIONS, type JobOperation } from "../../contracts/plan-schema.ts";
import { failureGroups, type ReportTally } from "./report-results.ts";

export const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set(["Complete", "Failed", "Cancelled"]);

export interface JobView {
  jobId: string;
  status: string;
  operation: JobOperation | undefined;
  bucket: string | undefined;
  planId: string | undefined;
  planJobId: string | undefined;
  pullRequest: number | undefined;
  totalTasks: number | undefined;
  succeededTasks: number;
  failedTasks: number;
  failureReasons: { code: string; reason: string }[];
  /** The completion report's tally, for finished jobs whose report could be read. */
  report: ReportTally | undefined;
  /** Why there is no report tally for a finished job (no report configured, none written, unreadable). */
  reportNote: string | undefined;
}

/** What DescribeJob says about a job, with what its tags say when they were read; no report yet. */
export function jobViewOf(job: JobDescriptor, identity?: JobIdentity): JobView {
  const progress = job.ProgressSummary;
  return {
    jobId: job.JobId ?? "?",
    status: job.Status ?? "Unknown",
    operation: JOB_OPERATIONS.find((name) => job.Operation?.[name] !== undefined),
    bucket: identity?.bucket,
    planId: identity?.planId,
    planJobId: identity?.planJobId,
    pullRequest: identity?.pullRequest,
    totalTasks: progress?.TotalNumberOfTasks,
    succeededTasks: progress?.NumberOfTasksSucceeded ?? 0,
    failedTasks: progress?.NumberOfTasksFailed ?? 0,
    failureReasons: (job.FailureReasons ?? []).map((reason) => ({ code: reason.FailureCode ?? "?", reason: reason.FailureReason ?? "" })),
    report: undefined,
    reportNote: undefined,
  };
}

export interface StatusSummary {
  markdown: string;
  /** Job ids that failed, were cancelled, or have failed tasks. */
  failedJobs: string[];
  /** True when every job reached a terminal status. */
  finished: boolean;
}

export function jobHasFailed(job: JobView): boolean {
  return job.status === "Failed" || job.status === "Cancelled" || Math.max(job.failedTasks, job.report?.failed ?? 0) > 0;
}

export function summarizeJobs(jobs: readonly JobView[], region: string, title = "S3 Bucket Keys jobs"): StatusSummary {
  const lines = [`### ${title}`, ""];
  if (jobs.length === 0) {
    lines.push("No jobs found.");
    return { markdown: `${lines.join("\n")}\n`, failedJobs: [], finished: true };
  }
  lines.push("| Job | Bucket | Operation | Status | Progress | Failed tasks |", "|---|---|---|---|---|---|");
  for (const job of jobs) {
    const failed = Math.max(job.failedTasks, job.report?.failed ?? 0);
    lines.push(`| [${cell(job.jobId)}](${consoleJobUrl(region, job.jobId)}) | ${cell(job.bucket ?? "?")} | ${cell(job.operation ?? "?")} | ${statusBadge(job)} | ${progress(job)} | ${formatNumber(failed)} |`);
  }
  for (const job of jobs) lines.push(...jobDetails(job));
  const failedJobs = jobs.filter(jobHasFailed).map((job) => job.jobId);
  const finished = jobs.every((job) => TERMINAL_JOB_STATUSES.has(job.status));
  lines.push("", finished ? (failedJobs.length > 0 ? `**${failedJobs.length} of ${jobs.length} job(s) failed or have failed tasks.**` : "**All jobs completed without failed tasks.**") : "Jobs are still running; this comment is updated on the next status run.");
  return { markdown: `${lines.join("\n")}\n`, failedJobs, finished };
}

function jobDetails(job: JobView): string[] {
  const lines: string[] = [];
  if (job.failureReasons.length > 0) {
    lines.push("", `#### Job ${job.jobId}: ${job.status}`, "");
    for (const reason of job.failureReasons) lines.push(`- \`${reason.code}\`: ${reason.reason}`);
  }
  const groups = job.report ? failureGroups(job.report) : [];
  if (groups.length > 0) {
    lines.push("", `#### Job ${job.jobId}: ${formatNumber(job.report!.failed)} failed task(s) by error code`, "", "| Error | HTTP | Tasks | Example | What to do |", "|---|---|---|---|---|");
    for (const group of groups) {
      const example = `${group.sampleKeys.map((key) => `\`${key.replace(/`/g, "'")}\``).join(", ")}${group.message ? `: ${group.message}` : ""}`;
      lines.push(`| \`${cell(group.errorCode)}\` | ${group.httpStatus ?? ""} | ${formatNumber(group.count)} | ${cell(example)} | ${cell(adviceForFailure(job.operation, group))} |`);
    }
  }
  if (job.reportNote && TERMINAL_JOB_STATUSES.has(job.status)) lines.push("", `Job ${job.jobId}: ${job.reportNote}`);
  return lines;
}

function statusBadge(job: JobView): string {
  if (job.status === "Complete") return jobHasFailed(job) ? "Complete with failures" : "Complete";
  return job.status;
}

function progress(job: JobView): string {
  const done = job.succeededTasks + job.failedTasks;
  if (job.totalTasks === undefined || job.totalTasks === 0) return done > 0 ? `${formatNumber(done)} tasks` : "preparing";
  const percent = Math.floor((done / job.totalTasks) * 100);
  return `${formatNumber(done)} / ${formatNumber(job.totalTasks)} (${percent}%)`;
}

/** Makes text safe inside a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
