/**
 * Shared fixtures for the S3 Control server tests: a valid CreateJob input and a manifest upload.
 */
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { CreateJobCommandInput } from "@aws-sdk/client-s3-control";

export const ACCOUNT_ID = "123456789012";
export const KMS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Uploads a manifest CSV and returns its bare ETag (quotes stripped, as CreateJob takes it). */
export async function uploadManifest(s3: S3Client, key: string, csv: string, bucket = "manifests"): Promise<string> {
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(csv) }));
  return (put.ETag ?? "").replace(/"/g, "");
}

export function createJobInput(etag: string, overrides: Partial<CreateJobCommandInput> = {}): CreateJobCommandInput {
  return {
    AccountId: ACCOUNT_ID,
    ClientRequestToken: `token-${etag.slice(0, 16)}`,
    ConfirmationRequired: false,
    Operation: { S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: KMS_KEY_ARN, BucketKeyEnabled: true } } } },
    Manifest: {
      Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key"] },
      Location: { ObjectArn: "arn:aws:s3:::manifests/plans/p1/job-1.csv", ETag: etag },
    },
    Report: { Enabled: true, Bucket: "arn:aws:s3:::reports", Format: "Report_CSV_20180820", Prefix: "bucket-keys", ReportScope: "AllTasks" },
    Priority: 10,
    RoleArn: "arn:aws:iam::123456789012:role/bucket-keys-batch",
    Description: "bucketkeys:p1:job-1",
    Tags: [{ Key: "bucketkeys:plan", Value: "p1" }],
    ...overrides,
  };
}
