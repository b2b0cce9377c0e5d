/**
 * Streams one S3 object with GetObject (never buffered whole), resumed from the byte reached when its
 * body fails part-way (s3-object-read.ts). Kept apart from data-file-source.ts and loaded on demand,
 * so scan workers reading local files never load the AWS SDK.
 */
import { networkTimeouts } from "../../core/settings/network-timeouts.ts";
import { s3ClientFor, type S3ClientSettings } from "./s3-client.ts";
import { readS3Object, type S3ReadRetry } from "./s3-object-read.ts";

export function openS3Object(settings: S3ClientSettings, bucket: string, key: string, onRetry?: (retry: S3ReadRetry) => void): AsyncIterable<Buffer> {
  const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
  return readS3Object(s3ClientFor(settings), { bucket, key, idleMs, ...(onRetry && { onRetry }) });
}
