/**
 * Uploads a plan's manifests to s3://bucket/prefix/<plan id>/<job id>.csv. Each PutObject streams the
 * file with ContentLength and ChecksumSHA256 (S3 verifies the bytes and keeps a full-object SHA-256;
 * the SDK then sends a plain body, not aws-chunked) and SSE-S3 encryption; a failed attempt is sent
 * again from the start (put-file.ts). The plan records each one's URI and ETag.
 */
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Logger } from "../../contracts/logger.ts";
import type { Plan } from "../../contracts/plan-schema.ts";
import { networkTimeouts, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { putFile } from "../aws/put-file.ts";
import { s3CallError } from "../aws/s3-call-error.ts";
import { parseS3Uri } from "../aws/s3-client.ts";

/** Returns the plan with every job's manifest.uri and manifest.etag set. */
export async function uploadManifests(s3: S3Client, plan: Plan, planDir: string, manifestUri: string, timeouts: NetworkTimeouts = networkTimeouts(), logger?: Logger): Promise<Plan> {
  const { bucket, key } = parseS3Uri(manifestUri);
  const prefix = key === "" || key.endsWith("/") ? key : `${key}/`;
  const jobs = [];
  for (const job of plan.jobs) {
    const objectKey = `${prefix}${plan.id}/${job.id}.csv`;
    let etag: string | undefined;
    try {
      const input = {
        Bucket: bucket,
        Key: objectKey,
        ContentLength: job.manifest.bytes,
        ContentType: "text/csv",
        // Batch Operations cannot read a CSV manifest encrypted with SSE-KMS: keep it SSE-S3 even in a
        // bucket whose default encryption is SSE-KMS.
        ServerSideEncryption: "AES256" as const,
        ChecksumSHA256: Buffer.from(job.manifest.sha256, "hex").toString("base64"),
      };
      const response = await putFile(s3, input, join(planDir, job.manifest.path), {
        timeouts,
        onRetry: (retry) => logger?.info(`s3://${bucket}/${objectKey}: upload failed (${retry.reason}); sending it again (attempt ${retry.attempt} of ${retry.maxAttempts}).`),
      });
      etag = response.ETag?.replace(/"/g, "");
    } catch (error) {
      const elapsedMs = (error as { elapsedMs?: unknown }).elapsedMs;
      throw s3CallError(error, "PutObject", bucket, objectKey, typeof elapsedMs === "number" ? elapsedMs : undefined);
    }
    if (!etag) throw s3CallError(new Error("S3 returned no ETag"), "PutObject", bucket, objectKey);
    jobs.push({ ...job, manifest: { ...job.manifest, uri: `s3://${bucket}/${objectKey}`, etag } });
  }
  return { ...plan, jobs };
}
