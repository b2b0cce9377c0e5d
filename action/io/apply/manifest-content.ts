/**
 * Reads a job manifest object whole, pinned to the plan's ETag, resumed if its body breaks off
 * (s3-object-read.ts): its SHA-256 and its lines (manifest-lines.ts), for apply's checks. Memory stays
 * flat whatever the manifest's size.
 */
import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ManifestContent } from "../../core/apply/apply-checks.ts";
import { ManifestLineCheck } from "../../core/apply/manifest-lines.ts";
import { AwsCallError } from "../../contracts/errors.ts";
import type { PlanJob } from "../../contracts/plan-schema.ts";
import { splitS3Uri } from "../../core/settings/s3-location.ts";
import { readS3Object } from "../aws/s3-object-read.ts";

/** `job.manifest.uri` and `etag` must be set. */
export async function readManifestContent(s3: S3Client, job: PlanJob, idleMs: number): Promise<ManifestContent> {
  const uri = job.manifest.uri ?? "";
  const location = splitS3Uri(uri);
  if (!location) throw new AwsCallError("GetObject", undefined, `"${uri}" is not an s3://bucket/key URI.`);
  const hash = createHash("sha256");
  const lines = new ManifestLineCheck(job.bucket, job.manifest.fields.length);
  let bytes = 0;
  try {
    for await (const chunk of readS3Object(s3, { bucket: location.bucket, key: location.key, idleMs, ...(job.manifest.etag !== undefined && { etag: job.manifest.etag }) })) {
      hash.update(chunk);
      lines.push(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    if (error instanceof AwsCallError && error.awsCode === "PreconditionFailed") return { kind: "changed", detail: error.message };
    if (error instanceof AwsCallError && error.awsCode === "AccessDenied") {
      throw new AwsCallError("GetObject", "AccessDenied", `${error.message} Apply reads each manifest whole before it creates the job.`, { cause: error });
    }
    throw error;
  }
  const tally = lines.finish();
  return { kind: "read", sha256: hash.digest("hex"), bytes, lines: tally.lines, bad: tally.bad };
}
