/**
 * A Batch Operations job as the loopback S3 Control server keeps it, and its JobDescriptor /
 * JobListDescriptor in S3 Control's XML form.
 */
import type { OPERATION_NAMES } from "./create-job-validation.ts";
import { xmlList, type XmlNode, type XmlObject } from "./xml-codec.ts";

export type JobStatus =
  | "New"
  | "Preparing"
  | "Suspended"
  | "Ready"
  | "Active"
  | "Pausing"
  | "Paused"
  | "Completing"
  | "Complete"
  | "Cancelling"
  | "Cancelled"
  | "Failing"
  | "Failed";

export const TERMINAL_STATUSES: readonly JobStatus[] = ["Complete", "Cancelled", "Failed"];

/** One manifest row. `key` is decoded; `rawKey` and `versionId` are as written in the manifest. */
export interface BatchTask {
  bucket: string;
  key: string;
  rawKey: string;
  versionId: string | undefined;
}

export interface TaskOutcome {
  status: "succeeded" | "failed";
  httpStatus: number;
  errorCode?: string;
  resultMessage: string;
}

export interface TaskResult {
  task: BatchTask;
  outcome: TaskOutcome;
}

export interface JobFailure {
  FailureCode: string;
  FailureReason: string;
}

export interface BatchJob {
  jobId: string;
  accountId: string;
  region: string;
  status: JobStatus;
  operation: (typeof OPERATION_NAMES)[number];
  /** The CreateJob request as parsed from XML (Operation, Manifest and Report are echoed back as sent). */
  request: XmlObject;
  priority: number;
  confirmationRequired: boolean;
  tags: Array<{ Key: string; Value: string }>;
  creationTime: Date;
  terminationDate: Date | undefined;
  suspendedDate: Date | undefined;
  suspendedCause: string | undefined;
  statusUpdateReason: string | undefined;
  failureReasons: JobFailure[];
  /** Set when Preparing has read the manifest. */
  tasks: BatchTask[] | undefined;
  results: TaskResult[];
  activeSince: Date | undefined;
  elapsedActiveSeconds: number;
  /** Keys of the completion report objects written to the report bucket (manifest.json last). */
  reportKeys: string[];
}

export function jobArn(job: BatchJob): string {
  return `arn:aws:s3:${job.region}:${job.accountId}:job/${job.jobId}`;
}

export function progressSummary(job: BatchJob): Record<string, unknown> {
  const succeeded = job.results.filter((r) => r.outcome.status === "succeeded").length;
  return {
    TotalNumberOfTasks: job.tasks?.length,
    NumberOfTasksSucceeded: succeeded,
    NumberOfTasksFailed: job.results.length - succeeded,
    Timers: { ElapsedTimeInActiveSeconds: job.elapsedActiveSeconds },
  };
}

export function jobDescriptorXml(job: BatchJob): Record<string, unknown> {
  return {
    JobId: job.jobId,
    ConfirmationRequired: String(job.confirmationRequired),
    Description: job.request.Description,
    JobArn: jobArn(job),
    Status: job.status,
    Manifest: job.request.Manifest,
    ManifestGenerator: job.request.ManifestGenerator,
    Operation: job.request.Operation,
    Priority: job.priority,
    ProgressSummary: progressSummary(job),
    StatusUpdateReason: job.statusUpdateReason,
    FailureReasons: job.failureReasons.length === 0 ? undefined : xmlList(job.failureReasons),
    Report: job.request.Report,
    CreationTime: job.creationTime,
    TerminationDate: job.terminationDate,
    RoleArn: job.request.RoleArn,
    SuspendedDate: job.suspendedDate,
    SuspendedCause: job.suspendedCause,
  };
}

export function jobListDescriptorXml(job: BatchJob): Record<string, unknown> {
  return {
    JobId: job.jobId,
    Description: job.request.Description,
    Operation: job.operation,
    Priority: job.priority,
    Status: job.status,
    CreationTime: job.creationTime,
    TerminationDate: job.terminationDate,
    ProgressSummary: progressSummary(job),
  };
}

/** A stable fingerprint of a CreateJob request for idempotency (same token + same request = same job). */
export function requestFingerprint(request: XmlNode): string {
  const canonical = (node: XmlNode): unknown => {
    if (typeof node === "string") return node;
    if (Array.isArray(node)) return node.map(canonical);
    return Object.fromEntries(Object.keys(node).sort().map((k) => [k, canonical(node[k] as XmlNode)]));
  };
  return JSON.stringify(canonical(request));
}
