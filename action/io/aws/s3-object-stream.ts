/**
 * Streams one S3 object with GetObject (never buffered whole). Kept apart from data-file-source.ts and
 * loaded on demand, so scan workers reading local files never load the AWS SDK.
 */
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { s3CallError } from "./s3-call-error.ts";
import { createS3Client, type S3ClientSettings } from "./s3-client.ts";

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

export async function openS3Object(settings: S3ClientSettings, bucket: string, key: string): Promise<Readable> {
  try {
    const response = await clientFor(settings).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return response.Body as Readable;
  } catch (error) {
    throw s3CallError(error, "GetObject", bucket, key);
  }
}
