/**
 * The Batch Operations job API of S3 Control: CreateJob (validation, idempotency by
 * ClientRequestToken), DescribeJob, ListJobs, UpdateJobStatus, UpdateJobPriority and job tagging.
 */
import { randomUUID } from "node:crypto";
import { jobDescriptorXml, jobListDescriptorXml, requestFingerprint, TERMINAL_STATUSES, type BatchJob, type JobStatus } from "./batch-job.ts";
import { validateCreateJob } from "./create-job-validation.ts";
import { S3ControlError } from "./s3-control-error.ts";
import { parseRequestXml, xmlGet, xmlList, xmlMembers, xmlString } from "./xml-codec.ts";

export interface JobStore {
  jobs: Map<string, BatchJob>;
  tokens: Map<string, { fingerprint: string; jobId: string }>;
  region: string;
  now(): Date;
  /** Runs one lifecycle step of a job (serialized per job). */
  advance(job: BatchJob): Promise<void>;
  advanceOnDescribe: boolean;
}

export interface OperationResult {
  status: number;
  root?: string;
  content?: Record<string, unknown>;
}

const MAX_LIST_RESULTS = 1000;

export function createJob(store: JobStore, accountId: string, body: string): OperationResult {
  const request = parseRequestXml(body, "CreateJobRequest");
  const operation = validateCreateJob(request, accountId);
  const token = xmlString(request.ClientRequestToken) ?? "";
  const fingerprint = requestFingerprint(request);
  const previous = store.tokens.get(`${accountId}:${token}`);
  if (previous !== undefined) {
    if (previous.fingerprint !== fingerprint) {
      throw new S3ControlError(400, "IdempotencyException", `ClientRequestToken "${token}" was already used for a different CreateJob request (job ${previous.jobId}).`);
    }
    return { status: 200, root: "CreateJobResult", content: { JobId: previous.jobId } };
  }
  const job: BatchJob = {
    jobId: randomUUID(),
    accountId,
    region: store.region,
    status: "New",
    operation,
    request,
    priority: Number(xmlString(request.Priority)),
    confirmationRequired: xmlString(request.ConfirmationRequired) === "true",
    tags: xmlMembers(request.Tags).map((t) => ({ Key: xmlString(xmlGet(t, "Key")) ?? "", Value: xmlString(xmlGet(t, "Value")) ?? "" })),
    creationTime: store.now(),
    terminationDate: undefined,
    suspendedDate: undefined,
    suspendedCause: undefined,
    statusUpdateReason: undefined,
    failureReasons: [],
    tasks: undefined,
    results: [],
    activeSince: undefined,
    elapsedActiveSeconds: 0,
    reportKeys: [],
  };
  store.jobs.set(job.jobId, job);
  store.tokens.set(`${accountId}:${token}`, { fingerprint, jobId: job.jobId });
  return { status: 200, root: "CreateJobResult", content: { JobId: job.jobId } };
}

export async function describeJob(store: JobStore, accountId: string, jobId: string): Promise<OperationResult> {
  const job = findJob(store, accountId, jobId);
  if (store.advanceOnDescribe) await store.advance(job);
  return { status: 200, root: "DescribeJobResult", content: { Job: jobDescriptorXml(job) } };
}

export function listJobs(store: JobStore, accountId: string, query: URLSearchParams): OperationResult {
  const statuses = query.getAll("jobStatuses");
  const max = Math.min(Number(query.get("maxResults") ?? MAX_LIST_RESULTS) || MAX_LIST_RESULTS, MAX_LIST_RESULTS);
  const token = query.get("nextToken");
  const start = token === null ? 0 : Number(Buffer.from(token, "base64").toString("utf8").replace(/^offset:/, ""));
  if (!Number.isInteger(start) || start < 0) throw new S3ControlError(400, "InvalidNextTokenException", "The next token is not valid.");
  const jobs = [...store.jobs.values()]
    .filter((j) => j.accountId === accountId && (statuses.length === 0 || statuses.includes(j.status)))
    .sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime());
  const page = jobs.slice(start, start + max);
  const next = start + max < jobs.length ? Buffer.from(`offset:${start + max}`).toString("base64") : undefined;
  return { status: 200, root: "ListJobsResult", content: { NextToken: next, Jobs: xmlList(page.map(jobListDescriptorXml)) } };
}

export function updateJobStatus(store: JobStore, accountId: string, jobId: string, query: URLSearchParams): OperationResult {
  const job = findJob(store, accountId, jobId);
  const requested = query.get("requestedJobStatus");
  const reason = query.get("statusUpdateReason") ?? undefined;
  if (requested !== "Ready" && requested !== "Cancelled") {
    throw S3ControlError.invalidRequest(`1 validation error detected: Value '${requested ?? "null"}' at 'requestedJobStatus' failed to satisfy constraint: Member must satisfy enum value set: [Cancelled, Ready]`);
  }
  if (requested === "Ready" && job.status !== "Suspended") throw transitionError(job.status, requested);
  if (requested === "Cancelled" && (TERMINAL_STATUSES.includes(job.status) || job.status === "Cancelling")) throw transitionError(job.status, requested);
  job.status = requested === "Ready" ? "Ready" : "Cancelling";
  job.statusUpdateReason = reason;
  return { status: 200, root: "UpdateJobStatusResult", content: { JobId: job.jobId, Status: job.status, StatusUpdateReason: reason } };
}

export function updateJobPriority(store: JobStore, accountId: string, jobId: string, query: URLSearchParams): OperationResult {
  const job = findJob(store, accountId, jobId);
  const priority = query.get("priority") ?? "";
  if (!/^\d+$/.test(priority) || Number(priority) > 2147483647) {
    throw S3ControlError.invalidRequest(`1 validation error detected: Value '${priority}' at 'priority' failed to satisfy constraint: Member must have value between 0 and 2147483647`);
  }
  job.priority = Number(priority);
  return { status: 200, root: "UpdateJobPriorityResult", content: { JobId: job.jobId, Priority: job.priority } };
}

export function getJobTagging(store: JobStore, accountId: string, jobId: string): OperationResult {
  const job = findJob(store, accountId, jobId);
  return { status: 200, root: "GetJobTaggingResult", content: { Tags: xmlList(job.tags) } };
}

export function putJobTagging(store: JobStore, accountId: string, jobId: string, body: string): OperationResult {
  const job = findJob(store, accountId, jobId);
  const request = parseRequestXml(body, "PutJobTaggingRequest");
  job.tags = xmlMembers(request.Tags).map((t) => ({ Key: xmlString(xmlGet(t, "Key")) ?? "", Value: xmlString(xmlGet(t, "Value")) ?? "" }));
  return { status: 200, root: "PutJobTaggingResult", content: {} };
}

export function deleteJobTagging(store: JobStore, accountId: string, jobId: string): OperationResult {
  findJob(store, accountId, jobId).tags = [];
  return { status: 204 };
}

function findJob(store: JobStore, accountId: string, jobId: string): BatchJob {
  const job = store.jobs.get(jobId);
  if (job === undefined || job.accountId !== accountId) throw S3ControlError.notFound(jobId);
  return job;
}

function transitionError(from: JobStatus, to: string): S3ControlError {
  return new S3ControlError(400, "JobStatusException", `The job status cannot change from ${from} to ${to}.`);
}
