/**
 * What S3 says about each job manifest right now (HeadObject with checksums), for the apply checks.
 */
import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { ManifestHead } from "../../core/apply/apply-checks.ts";
import { AwsCallError } from "../../contracts/errors.ts";
import { splitS3Uri } from "../../core/settings/s3-location.ts";
import { awsErrorInfo, isAccessDenied, isNotFound } from "../aws/aws-error.ts";

/** Looks up every URI; a missing object maps to `undefined`. */
export async function headManifests(s3: S3Client, uris: readonly string[]): Promise<Map<string, ManifestHead | undefined>> {
  const heads = new Map<string, ManifestHead | undefined>();
  for (const uri of uris) heads.set(uri, await headManifest(s3, uri));
  return heads;
}

export async function headManifest(s3: S3Client, uri: string): Promise<ManifestHead | undefined> {
  const location = splitS3Uri(uri);
  if (!location) throw new AwsCallError("HeadObject", undefined, `"${uri}" is not an s3://bucket/key URI.`);
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key, ChecksumMode: "ENABLED" }));
    // A multipart upload stores a checksum of part checksums ("...-3"), not comparable with the plan's sha256.
    const fullObject = head.ChecksumSHA256 !== undefined && head.ChecksumType !== "COMPOSITE" && !head.ChecksumSHA256.includes("-");
    return { etag: (head.ETag ?? "").replace(/"/g, ""), checksumSha256: fullObject ? head.ChecksumSHA256 : undefined };
  } catch (error) {
    const info = awsErrorInfo(error);
    if (isNotFound(info)) return undefined;
    const hint = isAccessDenied(info) ? ` The workflow's AWS credentials need s3:GetObject on arn:aws:s3:::${location.bucket}/${location.key.replace(/[^/]+\/[^/]+$/, "")}* to check manifests before creating jobs.` : "";
    throw new AwsCallError("HeadObject", info.name, `${uri}: cannot check the manifest (${info.name ?? "error"}: ${info.message}).${hint}`, { cause: error });
  }
}
