/** Inventories and inputs the Action's end-to-end tests share. */
import type { S3Client } from "@aws-sdk/client-s3";
import { writeInventory, type InventoryRow } from "../../helpers/inventory-builder.ts";
import type { LocalS3Server } from "../../helpers/s3-server.ts";
import { ACCOUNT_ID, BATCH_ROLE_ARN, KMS_KEY_ARN, MANIFEST_URI, REGION, REPORT_URI } from "./action-harness.ts";

export const INVENTORY_PREFIX = "s3://inventory-bucket/inventory/";
export const SCHEMA = ["Bucket", "Key", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus"];

/** `kms` SSE-KMS objects without a Bucket Key (update job), `enabled` already on one, `plain` unencrypted (copy job). */
export function bucketRows(bucket: string, counts: { kms: number; enabled?: number; plain?: number; prefix?: string }): InventoryRow[] {
  const row = (key: string, encryption: string, bucketKey: string): InventoryRow => ({ Bucket: bucket, Key: key, Size: "2048", StorageClass: "STANDARD", EncryptionStatus: encryption, BucketKeyStatus: bucketKey });
  const prefix = counts.prefix ?? "data";
  return [
    ...Array.from({ length: counts.kms }, (_, index) => row(`${prefix}/kms ${index}.json`, "SSE-KMS", "DISABLED")),
    ...Array.from({ length: counts.enabled ?? 0 }, (_, index) => row(`${prefix}/done-${index}.json`, "SSE-KMS", "ENABLED")),
    ...Array.from({ length: counts.plain ?? 0 }, (_, index) => row(`${prefix}/plain-${index}.csv`, "NOT-SSE", "")),
  ];
}

/**
 * Writes the objects the rows describe into the S3 server, as they were when the inventory was taken:
 * SSE-KMS with or without a Bucket Key, or unencrypted (NOT-SSE), last modified before `before`. The
 * S3 Control server then runs the jobs' tasks on real objects (a copy's UnModifiedSinceConstraint
 * is the inventory's creation time).
 */
export async function seedObjects(s3: LocalS3Server, rows: InventoryRow[], before: Date): Promise<void> {
  const lastModified = new Date(before.getTime() - 7 * 24 * 60 * 60 * 1000);
  for (const row of rows) {
    const encryption = row.EncryptionStatus === "SSE-KMS" ? "aws:kms" : "none";
    await s3.putObject(row.Bucket!, row.Key!, "x", { encryption, kmsKeyId: KMS_KEY_ARN, bucketKeyEnabled: row.BucketKeyStatus === "ENABLED", lastModified });
  }
}

export async function putInventory(client: S3Client, bucket: string, rows: InventoryRow[], creationTime: Date): Promise<string> {
  const written = await writeInventory({ kind: "s3", client, bucket: "inventory-bucket" }, { sourceBucket: bucket, fileSchema: SCHEMA, dataFiles: [rows], prefix: "inventory", creationTime });
  return written.manifest;
}

export function planInputs(extra: Record<string, string> = {}): Record<string, string> {
  return { command: "plan", inventory: INVENTORY_PREFIX, "kms-key-arn": KMS_KEY_ARN, "manifest-uri": MANIFEST_URI, region: REGION, ...extra };
}

export function applyInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    command: "apply",
    "account-id": ACCOUNT_ID,
    region: REGION,
    "batch-role-arn": BATCH_ROLE_ARN,
    "manifest-uri": MANIFEST_URI,
    "report-uri": REPORT_URI,
    "allowed-buckets": "logs-bucket\nmedia-bucket",
    ...extra,
  };
}

export function statusInputs(extra: Record<string, string> = {}): Record<string, string> {
  return { command: "status", "account-id": ACCOUNT_ID, region: REGION, ...extra };
}

/** The push event a merge produced, as the runner presents it. */
export function pushEvent(payload: { ref: string; after: string }): { name: string; payload: Record<string, unknown>; ref: string; sha: string } {
  return { name: "push", payload: payload as unknown as Record<string, unknown>, ref: payload.ref, sha: payload.after };
}
