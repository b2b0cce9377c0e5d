/**
 * Streams one S3 object with GetObject (never buffered whole), resumed from the byte reached when its
 * body fails part-way (s3-object-read.ts). Kept apart from data-file-source.ts and loaded on demand,
 * so scan workers reading local files never load the AWS SDK.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { networkTimeouts } from "../../core/settings/network-timeouts.ts";
import { createS3Client, type S3ClientSettings } from "./s3-client.ts";
import { readS3Object, type S3ReadRetry } from "./s3-object-read.ts";

const clients = new Map<string, S3Client>();

/** One client per settings per thread. */
function clientFor(settings: S3ClientSettings): S3Client {
  const id = JSON.stringify(settings);
  let client = clients.get(id);
  if (client === undefined) {
    client = createS3Client(settings);
    clients.set(id, client);
  }
  return client;
}

export function openS3Object(settings: S3ClientSettings, bucket: string, key: string, onRetry?: (retry: S3ReadRetry) => void): AsyncIterable<Buffer> {
  const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
  return readS3Object(clientFor(settings), { bucket, key, idleMs, ...(onRetry && { onRetry }) });
}
