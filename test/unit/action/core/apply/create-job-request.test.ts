import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCreateJobRequest, clientRequestToken } from "../../../../../action/core/apply/create-job-request.ts";
import { InputError, PlanError } from "../../../../../action/contracts/errors.ts";
import type { Plan, PlanJob } from "../../../../../action/contracts/plan-schema.ts";

const settings = { accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/batch", reportBucket: "reports", reportPrefix: "bucket-keys/p1", priority: 10, tags: [{ Key: "team", Value: "data" }] };
const KMS = "arn:aws:kms:us-east-1:111122223333:key/k-1";
const manifest = { path: "manifests/x.csv", sha256: "a".repeat(64), bytes: 10, uri: "s3://manifests/bucket-keys/p1/x.csv", etag: "9e107d9d372bb6826bd81d3542a419d6" };
const update: PlanJob = { id: "update-photos", operation: "S3UpdateObjectEncryption", bucket: "photos", objects: 5, manifest: { ...manifest, fields: ["Bucket", "Key", "VersionId"] } };
const copy: PlanJob = { id: "copy-photos-standard-ia", operation: "S3PutObjectCopy", bucket: "photos", storageClass: "STANDARD_IA", objects: 2, unmodifiedSince: "2026-11-01T00:00:00.000Z", manifest: { ...manifest, fields: ["Bucket", "Key"] } };
const plan = { id: "0123456789abcdef", kmsKeyArn: KMS, jobs: [update, copy] } as unknown as Plan;

describe("buildCreateJobRequest", () => {
  it("builds an S3UpdateObjectEncryption job that enables the Bucket Key", () => {
    expect(buildCreateJobRequest(plan, update, settings)).toEqual({
      AccountId: "111122223333",
      ConfirmationRequired: false,
      Operation: { S3UpdateObjectEncryption: { ObjectEncryption: { SSEKMS: { KMSKeyArn: KMS, BucketKeyEnabled: true } } } },
      Manifest: {
        Spec: { Format: "S3BatchOperations_CSV_20180820", Fields: ["Bucket", "Key", "VersionId"] },
        Location: { ObjectArn: "arn:aws:s3:::manifests/bucket-keys/p1/x.csv", ETag: "9e107d9d372bb6826bd81d3542a419d6" },
      },
      Report: { Bucket: "arn:aws:s3:::reports", Prefix: "bucket-keys/p1", Format: "Report_CSV_20180820", Enabled: true, ReportScope: "AllTasks" },
      ClientRequestToken: clientRequestToken("0123456789abcdef", "update-photos", "9e107d9d372bb6826bd81d3542a419d6"),
      Priority: 10,
      RoleArn: "arn:aws:iam::111122223333:role/batch",
      Description: "bucket-keys plan 0123456789abcdef job update-photos: 5 objects",
      Tags: [{ Key: "bucket-keys:plan-id", Value: "0123456789abcdef" }, { Key: "bucket-keys:job-id", Value: "update-photos" }, { Key: "team", Value: "data" }],
    });
  });

  it("builds an in-place copy that keeps the storage class, metadata, ACL and tags and refuses objects modified since the inventory", () => {
    const request = buildCreateJobRequest(plan, copy, settings);
    expect(request.Operation).toEqual({
      S3PutObjectCopy: {
        TargetResource: "arn:aws:s3:::photos",
        SSEAwsKmsKeyId: KMS,
        BucketKeyEnabled: true,
        MetadataDirective: "COPY",
        StorageClass: "STANDARD_IA",
        UnModifiedSinceConstraint: new Date("2026-11-01T00:00:00.000Z"),
      },
    });
    expect(request.Manifest?.Spec?.Fields).toEqual(["Bucket", "Key"]);
  });

  it("derives the idempotency token from plan id, job id and manifest ETag (64 hex characters)", () => {
    const token = clientRequestToken("p", "j", "e");
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toBe(createHash("sha256").update("p:j:e").digest("hex"));
    expect(clientRequestToken("p", "j", "e2")).not.toBe(token);
  });

  it("refuses a job whose manifest was never uploaded", () => {
    const local = { ...update, manifest: { ...update.manifest, uri: undefined, etag: undefined } };
    expect(() => buildCreateJobRequest(plan, local, settings)).toThrow(PlanError);
  });

  it("refuses settings that are not an account id, a role ARN or a valid priority", () => {
    expect(() => buildCreateJobRequest(plan, update, { ...settings, accountId: "1234" })).toThrow(InputError);
    expect(() => buildCreateJobRequest(plan, update, { ...settings, roleArn: "batch" })).toThrow('role-arn: "batch" is not an IAM role ARN');
    expect(() => buildCreateJobRequest(plan, update, { ...settings, priority: -1 })).toThrow("priority: -1 is not an integer from 0 to 2147483647.");
  });
});
