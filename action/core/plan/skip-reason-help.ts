/** What each skip reason means and what to do about it, as plan.md shows it. */
import type { SkipReason } from "../../contracts/plan-schema.ts";

export const SKIP_REASON_HELP: Readonly<Record<SkipReason, { meaning: string; action: string }>> = {
  "delete-marker": { meaning: "Delete markers have no data to encrypt.", action: "Nothing." },
  "already-bucket-key": { meaning: "The object already uses an S3 Bucket Key.", action: "Nothing." },
  "sse-c": { meaning: "Encrypted with a customer-provided key (SSE-C); neither operation can read it.", action: "Rewrite it with the customer's key, or leave it." },
  "dsse-kms": { meaning: "DSSE-KMS objects cannot use Bucket Keys.", action: "Leave them, or copy them to SSE-KMS on purpose outside this plan." },
  "object-lock": { meaning: "Under legal hold or unexpired retention: S3UpdateObjectEncryption fails on locked objects.", action: "Re-plan after retention ends or the hold is removed." },
  "noncurrent-unencrypted": { meaning: "An unencrypted noncurrent version: copying it would make old content current.", action: "Leave it to expire, or delete it." },
  "noncurrent-version": { meaning: "A noncurrent version under --operation copy: copying it would make old content current.", action: "Use --operation auto to update versions in place." },
  archived: { meaning: "Unencrypted and archived (Glacier, Deep Archive, or an Intelligent-Tiering archive tier): a copy needs a restore first.", action: "Restore the objects, then re-plan from a new inventory." },
  "too-large-for-copy": { meaning: "Unencrypted and larger than 5 GiB, the Batch copy limit.", action: "Re-encrypt with a multipart copy (e.g. aws s3 cp) outside Batch Operations." },
  "unsupported-storage-class": { meaning: "A storage class Batch copy cannot write (REDUCED_REDUNDANCY, OUTPOSTS, SNOW, EXPRESS_ONEZONE, or unknown).", action: "Move the objects to a supported class first, or handle them by hand." },
  "acl-grants": { meaning: "The object's ACL grants access beyond its owner (or cannot be read); a copy would reset it to private.", action: "Copy these with their grants by hand, or drop the grants first." },
};
