/**
 * Warnings a reviewer must see before approving, as data in plan.json. Time-dependent ones (an old
 * inventory) are added when plan.md is rendered, never stored.
 */
import type { ScannedInventory } from "./scanned-inventory.ts";
import type { PlanJob, PlanOperation, PlanWarning } from "../../contracts/plan-schema.ts";

export function planWarnings(inventory: ScannedInventory, jobs: readonly PlanJob[], input: { operation: PlanOperation; kmsKeyArn: string }): PlanWarning[] {
  const bucket = inventory.sourceBucket;
  const schema = new Set(inventory.fileSchema.map((column) => column.toLowerCase()));
  const tally = inventory.tally;
  const updates = jobs.filter((job) => job.bucket === bucket && job.operation === "S3UpdateObjectEncryption").reduce((sum, job) => sum + job.objects, 0);
  const copies = jobs.filter((job) => job.bucket === bucket && job.operation === "S3PutObjectCopy").reduce((sum, job) => sum + job.objects, 0);
  const warnings: PlanWarning[] = [];
  const warn = (code: string, objects: number, message: string) => warnings.push({ code, message, bucket, objects });

  if (!schema.has("encryptionstatus") && input.operation !== "copy") {
    warn(
      "no-encryption-status",
      updates,
      "The inventory has no EncryptionStatus column, so every row without a Bucket Key goes to S3UpdateObjectEncryption; " +
        "unencrypted (NOT-SSE) objects among them will fail their tasks. Add EncryptionStatus to the inventory configuration to route them exactly.",
    );
  }
  if (tally.updateSseS3 > 0) {
    warn(
      "sse-s3-to-sse-kms",
      tally.updateSseS3,
      `SSE-S3 objects will move to SSE-KMS under ${input.kmsKeyArn}: every reader will then need kms:Decrypt on that key, and reads will make (Bucket Key-reduced) KMS requests.`,
    );
  }
  if (tally.updateSseKms > 0) {
    warn(
      "sse-kms-rekey",
      tally.updateSseKms,
      `SSE-KMS objects will be re-encrypted under ${input.kmsKeyArn}. The inventory does not say which key each object used, so objects under any other key change key; make sure their readers can use this one.`,
    );
  }
  if (tally.updateUnknownEncryption > 0 && schema.has("encryptionstatus")) {
    warn("unknown-encryption-status", tally.updateUnknownEncryption, "Objects with an empty or unrecognised EncryptionStatus go to S3UpdateObjectEncryption; tasks for unencrypted ones will fail.");
  }
  if (copies > 0) {
    warn(
      "copy-rewrites-objects",
      copies,
      "Copies rewrite objects in place: LastModified and lifecycle clocks restart, a versioned bucket keeps each old version as noncurrent " +
        "(storage grows until it expires), and replication and event notifications fire for every copy.",
    );
    warn("copy-drops-redirects", copies, "Copies drop website redirects (x-amz-website-redirect-location) set on objects.");
    if (!schema.has("objectaccesscontrollist")) {
      warn("copy-resets-acl", copies, "Copies reset object ACLs to private, and the inventory has no ObjectAccessControlList column to find objects shared by ACL. Add that field to the inventory configuration to keep them out of copies.");
    }
    if (!schema.has("storageclass")) {
      warn("storage-class-unknown", copies, "The inventory has no StorageClass column: copies would write STANDARD whatever class each object is in. Add StorageClass to the inventory configuration.");
    }
    if (!schema.has("size")) {
      warn("copy-size-unchecked", copies, "The inventory has no Size column, so objects above the 5 GiB copy limit cannot be left out; their tasks will fail. Add Size to the inventory configuration.");
    }
  }
  return warnings;
}
