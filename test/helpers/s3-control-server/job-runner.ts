/**
 * Moves a job one documented step (batch-ops-job-status): New -> Preparing -> (Suspended ->) Ready ->
 * Active -> Completing -> Complete, or Failing -> Failed, or Cancelling -> Cancelled. Preparing reads
 * the manifest from the S3 server; Active runs tasks through the task-outcome function (by default
 * the task itself, on the S3 server: task-executor.ts) and applies the failure threshold (more than
 * 50% failed once at least 1,000 tasks ran).
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { BatchJob, BatchTask, TaskOutcome } from "./batch-job.ts";
import { buildCompletionReport, reportLocation, writeCompletionReport } from "./completion-report.ts";
import { readManifest } from "./manifest-reader.ts";

export const FAILURE_THRESHOLD_MIN_TASKS = 1000;
export const FAILURE_THRESHOLD_RATIO = 0.5;

/** Decides one task's outcome; default: perform the task on the S3 server (s3TaskOutcome). */
export type TaskOutcomeFunction = (task: BatchTask, job: BatchJob) => TaskOutcome | Promise<TaskOutcome>;

export interface JobRunnerOptions {
  s3: S3Client;
  outcome: () => TaskOutcomeFunction;
  /** Tasks run per Active step (default: all remaining), so tests can watch ProgressSummary grow. */
  tasksPerStep: number | undefined;
  now: () => Date;
}

export async function advanceJob(job: BatchJob, options: JobRunnerOptions): Promise<void> {
  const now = options.now();
  switch (job.status) {
    case "New":
      job.status = "Preparing";
      return;
    case "Preparing": {
      const read =
        job.request.Manifest === undefined
          ? { failure: { FailureCode: "ManifestGeneratorUnsupported", FailureReason: "The loopback S3 Control server does not generate manifests; give CreateJob a Manifest." } }
          : await readManifest(options.s3, job.request.Manifest);
      if ("failure" in read) {
        job.failureReasons.push(read.failure);
        job.status = "Failing";
        return;
      }
      job.tasks = read.tasks;
      if (job.confirmationRequired) {
        job.status = "Suspended";
        job.suspendedDate = now;
        job.suspendedCause = "AwaitingConfirmation";
      } else {
        job.status = "Ready";
      }
      return;
    }
    case "Ready":
      job.status = "Active";
      job.activeSince = now;
      return;
    case "Active":
      await runTasks(job, options);
      job.elapsedActiveSeconds = Math.max(1, Math.round((now.getTime() - (job.activeSince ?? now).getTime()) / 1000));
      return;
    case "Completing":
      await finish(job, "Complete", options);
      return;
    case "Failing":
      await finish(job, "Failed", options);
      return;
    case "Cancelling":
      await finish(job, "Cancelled", options);
      return;
    default:
      return; // Suspended waits for UpdateJobStatus; terminal statuses never move.
  }
}

async function runTasks(job: BatchJob, options: JobRunnerOptions): Promise<void> {
  const tasks = job.tasks ?? [];
  const end = Math.min(tasks.length, job.results.length + (options.tasksPerStep ?? tasks.length));
  const outcome = options.outcome();
  while (job.results.length < end) {
    const task = tasks[job.results.length] as BatchTask;
    job.results.push({ task, outcome: task.versionId === "" ? EMPTY_VERSION_OUTCOME : await outcome(task, job) });
    const executed = job.results.length;
    const failed = job.results.filter((r) => r.outcome.status === "failed").length;
    if (executed >= FAILURE_THRESHOLD_MIN_TASKS && failed / executed > FAILURE_THRESHOLD_RATIO) {
      job.failureReasons.push({
        FailureCode: "TaskFailureThresholdExceeded",
        FailureReason: `The job's task failure rate exceeded ${FAILURE_THRESHOLD_RATIO * 100}% (${failed} of ${executed} executed tasks failed).`,
      });
      job.status = "Failing";
      return;
    }
  }
  if (job.results.length >= tasks.length) job.status = "Completing";
}

/** Terminal step: writes the completion report when at least one task ran, then sets the status. */
async function finish(job: BatchJob, status: "Complete" | "Failed" | "Cancelled", options: JobRunnerOptions): Promise<void> {
  const location = reportLocation(job);
  if (location !== undefined && job.results.length > 0) {
    const objects = buildCompletionReport(job, location, options.now());
    try {
      await writeCompletionReport(options.s3, location, objects);
      job.reportKeys = objects.map((o) => o.key);
    } catch (error) {
      job.failureReasons.push({
        FailureCode: "ReportWriteFailure",
        FailureReason: `Writing the completion report to s3://${location.bucket}/${location.prefix} failed: ${(error as Error).name}.`,
      });
      status = "Failed";
    }
  }
  job.status = status;
  job.terminationDate = options.now();
}

const EMPTY_VERSION_OUTCOME: TaskOutcome = {
  status: "failed",
  httpStatus: 400,
  errorCode: "InvalidRequest",
  resultMessage: "The manifest row has an empty version ID; use the literal null for the null version.",
};
