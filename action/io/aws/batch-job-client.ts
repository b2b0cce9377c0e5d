/**
 * S3 Batch Operations jobs through S3 Control: create, describe, list, tags. One adapter; errors the
 * user must act on become `AwsCallError`s that say which permission or input to check.
 */
import {
  CreateJobCommand,
  DescribeJobCommand,
  GetJobTaggingCommand,
  paginateListJobs,
  type CreateJobCommandInput,
  type JobDescriptor,
  type JobListDescriptor,
  type S3ControlClient,
  type S3Tag,
} from "@aws-sdk/client-s3-control";
import { BATCH_OPERATIONS_PRINCIPAL } from "../../contracts/batch-permissions.ts";
import { AwsCallError } from "../../contracts/errors.ts";
import { awsErrorInfo, isAccessDenied } from "./aws-error.ts";

export interface TaggedJob {
  job: JobListDescriptor;
  tags: S3Tag[];
}

export class BatchJobClient {
  private readonly client: S3ControlClient;
  private readonly accountId: string;

  constructor(client: S3ControlClient, accountId: string) {
    this.client = client;
    this.accountId = accountId;
  }

  /** Creates a job; returns its id. A request repeated with the same ClientRequestToken returns the first job's id. */
  async createJob(input: CreateJobCommandInput, label: string): Promise<string> {
    try {
      const output = await this.client.send(new CreateJobCommand({ ...input, AccountId: this.accountId }));
      if (!output.JobId) throw new AwsCallError("CreateJob", undefined, `${label}: CreateJob returned no job id.`);
      return output.JobId;
    } catch (error) {
      if (error instanceof AwsCallError) throw error;
      throw createJobError(error, label, input.RoleArn ?? "(none)", this.accountId);
    }
  }

  async describeJob(jobId: string): Promise<JobDescriptor> {
    try {
      const output = await this.client.send(new DescribeJobCommand({ AccountId: this.accountId, JobId: jobId }));
      if (!output.Job) throw new AwsCallError("DescribeJob", undefined, `Job ${jobId}: DescribeJob returned no job.`);
      return output.Job;
    } catch (error) {
      if (error instanceof AwsCallError) throw error;
      throw readError("DescribeJob", "s3:DescribeJob", error, `Job ${jobId}`, this.accountId);
    }
  }

  /** Every job S3 still lists for the account (ListJobs keeps ended jobs for a limited time), newest first. */
  async listJobs(): Promise<JobListDescriptor[]> {
    const jobs: JobListDescriptor[] = [];
    try {
      for await (const page of paginateListJobs({ client: this.client }, { AccountId: this.accountId })) jobs.push(...(page.Jobs ?? []));
    } catch (error) {
      throw readError("ListJobs", "s3:ListJobs", error, `Account ${this.accountId}`, this.accountId);
    }
    return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
  }

  async getJobTags(jobId: string): Promise<S3Tag[]> {
    try {
      const output = await this.client.send(new GetJobTaggingCommand({ AccountId: this.accountId, JobId: jobId }));
      return output.Tags ?? [];
    } catch (error) {
      throw readError("GetJobTagging", "s3:GetJobTagging", error, `Job ${jobId}`, this.accountId);
    }
  }

  /** Jobs whose list entry passes `candidate` (cheap, e.g. by description) and whose tags pass `match`. */
  async findJobs(candidate: (job: JobListDescriptor) => boolean, match: (tags: S3Tag[]) => boolean): Promise<TaggedJob[]> {
    const found: TaggedJob[] = [];
    for (const job of await this.listJobs()) {
      if (!job.JobId || !candidate(job)) continue;
      const tags = await this.getJobTags(job.JobId);
      if (match(tags)) found.push({ job, tags });
    }
    return found;
  }
}

function createJobError(error: unknown, label: string, roleArn: string, accountId: string): AwsCallError {
  const info = awsErrorInfo(error);
  if (isAccessDenied(info)) {
    const passRole = /iam:PassRole/i.test(info.message);
    const missing = passRole
      ? `iam:PassRole on ${roleArn} (allowed only when iam:PassedToService is ${BATCH_OPERATIONS_PRINCIPAL})`
      : `s3:CreateJob on arn:aws:s3:*:${accountId}:job/*, and iam:PassRole on ${roleArn} (with iam:PassedToService ${BATCH_OPERATIONS_PRINCIPAL})`;
    return new AwsCallError(
      "CreateJob",
      info.name,
      `${label}: CreateJob was denied (AccessDenied). The workflow's AWS credentials (the executor role from the Pulumi stack) need ${missing}. ` +
        `Check that the workflow assumed the executor role, that the run's ref or environment matches the role's trust policy, and that no permissions boundary, SCP or condition on s3:RequestJobOperation, s3:RequestJobPriority or job tags denies it. AWS said: ${info.message}`,
      { cause: error },
    );
  }
  if (info.name === "IdempotencyException") {
    return new AwsCallError("CreateJob", info.name, `${label}: S3 refused the job because a job with the same ClientRequestToken but different parameters exists (${info.message}). The workflow inputs (role, report location, priority, tags) changed since the first apply of this plan; restore them, or re-plan to get a new plan id.`, { cause: error });
  }
  return new AwsCallError("CreateJob", info.name, `${label}: CreateJob failed (${info.name ?? "error"}${info.httpStatus ? `, HTTP ${info.httpStatus}` : ""}: ${info.message}).`, { cause: error });
}

function readError(operation: string, permission: string, error: unknown, where: string, accountId: string): AwsCallError {
  const info = awsErrorInfo(error);
  const hint = isAccessDenied(info) ? ` The workflow's AWS credentials need ${permission} on arn:aws:s3:*:${accountId}:job/*.` : "";
  return new AwsCallError(operation, info.name, `${where}: ${operation} failed (${info.name ?? "error"}: ${info.message}).${hint}`, { cause: error });
}
