/**
 * The CreateJob request that applying one job of a plan sends. Pure: the plan says what to do, the
 * settings (account, role, report location, priority, tags) come only from trusted inputs, never from a
 * file a pull request can edit.
 */
import { createHash } from "node:crypto";
import type { CreateJobCommandInput, S3StorageClass } from "@aws-sdk/client-s3-control";
import { InputError, PlanError } from "../../contracts/errors.ts";
import type { Plan, PlanJob } from "../../contracts/plan-schema.ts";

export interface JobSettings {
  accountId: string;
  roleArn: string;
  /** Bucket name (or ARN) for completion reports. */
  reportBucket: string;
  reportPrefix: string;
  priority: number;
  tags?: { Key: string; Value: string }[];
}

const MAX_DESCRIPTION_CHARS = 256;

/** Idempotency token: the same plan, job and uploaded manifest always give the same token. */
export function clientRequestToken(planId: string, jobId: string, manifestEtag: string): string {
  return createHash("sha256").update(`${planId}:${jobId}:${manifestEtag}`).digest("hex").slice(0, 64);
}

export function buildCreateJobRequest(plan: Plan, job: PlanJob, settings: JobSettings): CreateJobCommandInput {
  checkSettings(settings);
  const { uri, etag } = job.manifest;
  if (uri === undefined || etag === undefined) {
    throw new PlanError("plan.json", `jobs.${job.id}.manifest`, `plan.json: job "${job.id}" has no uploaded manifest (uri and etag). Plan again with --manifest-uri so the manifests are uploaded.`);
  }
  const partition = plan.kmsKeyArn.split(":")[1] ?? "aws";
  const manifestObject = uri.slice("s3://".length);
  const reportBucketArn = settings.reportBucket.startsWith("arn:") ? settings.reportBucket : `arn:${partition}:s3:::${settings.reportBucket}`;
  const operation: CreateJobCommandInput["Operation"] =
    job.operation === "S3UpdateObjectEncryption"
      ? { S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: plan.kmsKeyArn, BucketKeyEnabled: true } } } }
      : {
          S3PutObjectCopy: {
            TargetResource: `arn:${partition}:s3:::${job.bucket}`,
            SSEAwsKmsKeyId: plan.kmsKeyArn,
            BucketKeyEnabled: true,
            MetadataDirective: "COPY",
            ...(job.storageClass !== undefined && { StorageClass: job.storageClass as S3StorageClass }),
            ...(job.unmodifiedSince !== undefined && { UnModifiedSinceConstraint: new Date(job.unmodifiedSince) }),
          },
        };
  return {
    AccountId: settings.accountId,
    ConfirmationRequired: false,
    Operation: operation,
    Manifest: {
      Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: [...job.manifest.fields] },
      Location: { ObjectArn: `arn:${partition}:s3:::${manifestObject}`, ETag: etag },
    },
    Report: {
      Bucket: reportBucketArn,
      Prefix: settings.reportPrefix,
      Format: "Report_CSV_20180820",
      Enabled: true,
      ReportScope: "AllTasks",
    },
    ClientRequestToken: clientRequestToken(plan.id, job.id, etag),
    Priority: settings.priority,
    RoleArn: settings.roleArn,
    Description: `bucket-keys plan ${plan.id} job ${job.id}: ${job.objects} objects`.slice(0, MAX_DESCRIPTION_CHARS),
    Tags: [{ Key: "bucket-keys:plan-id", Value: plan.id }, { Key: "bucket-keys:job-id", Value: job.id }, ...(settings.tags ?? [])],
  };
}

function checkSettings(settings: JobSettings): void {
  if (!/^\d{12}$/.test(settings.accountId)) throw new InputError("account-id", `account-id: "${settings.accountId}" is not a 12-digit AWS account id.`);
  if (!/^arn:[^:]+:iam::\d{12}:role\/.+$/.test(settings.roleArn)) {
    throw new InputError("role-arn", `role-arn: "${settings.roleArn}" is not an IAM role ARN, e.g. "arn:aws:iam::111122223333:role/bucket-keys-batch".`);
  }
  if (!Number.isInteger(settings.priority) || settings.priority < 0 || settings.priority > 2_147_483_647) {
    throw new InputError("priority", `priority: ${settings.priority} is not an integer from 0 to 2147483647.`);
  }
  if (settings.reportBucket.trim() === "") throw new InputError("report-bucket", "report-bucket: is required: the bucket for Batch Operations completion reports.");
}
