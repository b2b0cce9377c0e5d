/**
 * Uploads a plan's manifests to s3://bucket/prefix/<plan id>/<job id>.csv. Each PutObject streams the
 * file with ContentLength and ChecksumSHA256 (S3 verifies the bytes; the SDK then sends a plain body,
 * not aws-chunked) and SSE-S3 encryption, and the plan records each one's URI and ETag.
 */
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Plan } from "../../contracts/plan-schema.ts";
import { s3CallError } from "../aws/s3-call-error.ts";
import { parseS3Uri } from "../aws/s3-client.ts";

/** Returns the plan with every job's manifest.uri and manifest.etag set. */
export async function uploadManifests(s3: S3Client, plan: Plan, planDir: string, manifestUri: string): Promise<Plan> {
  const { bucket, key } = parseS3Uri(manifestUri);
  const prefix = key === "" || key.endsWith("/") ? key : `${key}/`;
  const jobs = [];
  for (const job of plan.jobs) {
    const objectKey = `${prefix}${plan.id}/${job.id}.csv`;
    let etag: string | undefined;
    try {
      const response = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey,
          Body: createReadStream(join(planDir, job.manifest.path)),
          ContentLength: job.manifest.bytes,
          ContentType: "text/csv",
          // Batch Operations cannot read a CSV manifest encrypted with SSE-KMS: keep it SSE-S3 even in a
          // bucket whose default encryption is SSE-KMS.
          ServerSideEncryption: "AES256",
          ChecksumSHA256: Buffer.from(job.manifest.sha256, "hex").toString("base64"),
        }),
      );
      etag = response.ETag?.replace(/"/g, "");
    } catch (error) {
      throw s3CallError(error, "PutObject", bucket, objectKey);
    }
    if (!etag) throw s3CallError(new Error("S3 returned no ETag"), "PutObject", bucket, objectKey);
    jobs.push({ ...job, manifest: { ...job.manifest, uri: `s3://${bucket}/${objectKey}`, etag } });
  }
  return { ...plan, jobs };
}
