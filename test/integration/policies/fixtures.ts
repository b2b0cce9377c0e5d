/** Known-bad resources, shaped as the engine sends them, for the protocol tests. */
import type { EngineResource } from "../../helpers/policy-engine.ts";
import { urnOf } from "../../helpers/policy-wire.ts";

export const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export function badEncryption(name: string, bucket: string, sseAlgorithm: string, bucketKeyEnabled = false): EngineResource {
  const byDefault = sseAlgorithm === "AES256" ? { sseAlgorithm } : { sseAlgorithm, kmsMasterKeyId: KEY_ARN };
  return { type: SSE, name, props: { bucket, rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled }] } };
}

/**
 * A stack with one fault per stack policy: bucket `uploads` without Bucket Keys, its inventory
 * without BucketKeyStatus, a Batch Operations role without a source-account condition and without
 * KMS actions, and a bucket key without rotation. Bucket `logs` is fine.
 */
export const BAD_STACK: EngineResource[] = [
  { type: "aws:s3/bucket:Bucket", name: "logs", props: { bucket: "logs", id: "logs" } },
  { ...badEncryption("logs-encryption", "logs", "aws:kms", true), propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "logs")], rules: [urnOf("aws:kms/key:Key", "bucket-keys")] } },
  { type: "aws:s3/bucket:Bucket", name: "uploads", props: { bucket: "uploads", id: "uploads" } },
  { ...badEncryption("uploads-encryption", "uploads", "AES256"), propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "uploads")] } },
  {
    type: "aws:s3/inventory:Inventory",
    name: "uploads-inventory",
    props: { bucket: "uploads", name: "weekly", enabled: true, includedObjectVersions: "Current", optionalFields: ["Size", "StorageClass", "EncryptionStatus"], destination: { bucket: { bucketArn: "arn:aws:s3:::reports", format: "CSV" } }, schedule: { frequency: "Weekly" } },
  },
  { type: "aws:kms/key:Key", name: "bucket-keys", props: { arn: KEY_ARN, enableKeyRotation: false } },
  {
    type: "aws:iam/role:Role",
    name: "batch",
    props: {
      name: "bucket-keys-batch",
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
      inlinePolicies: [{ name: "objects", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::uploads/*" }] }) }],
    },
  },
];
