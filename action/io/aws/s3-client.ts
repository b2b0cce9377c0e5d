/**
 * Builds S3 clients the same way on the main thread and in scan workers (which cannot share the
 * caller's client): default credential chain, --endpoint-url or AWS_ENDPOINT_URL_S3, path-style
 * addressing for custom endpoints, SDK-managed retries, the run's timeouts (request-handler.ts).
 */
import { S3Client } from "@aws-sdk/client-s3";
import { networkTimeouts, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { requestHandlerOptions } from "./request-handler.ts";

/** Serializable client settings, passed to workers. */
export interface S3ClientSettings {
  endpointUrl?: string;
  region?: string;
  /** Default: networkTimeouts() (the default idle-timeout). */
  timeouts?: NetworkTimeouts;
}

export const S3_MAX_ATTEMPTS = 5;

export function createS3Client(settings: S3ClientSettings): S3Client {
  const endpoint = settings.endpointUrl ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  return new S3Client({
    ...(settings.region !== undefined && { region: settings.region }),
    ...(endpoint !== undefined && { endpoint, forcePathStyle: true }),
    maxAttempts: S3_MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: requestHandlerOptions(settings.timeouts ?? networkTimeouts()),
  });
}

const perThread = new Map<string, S3Client>();

/** One client per settings in this thread (a scan worker reads many data files with the same settings). */
export function s3ClientFor(settings: S3ClientSettings): S3Client {
  const id = JSON.stringify(settings);
  let client = perThread.get(id);
  if (client === undefined) {
    client = createS3Client(settings);
    perThread.set(id, client);
  }
  return client;
}

/** Splits "s3://bucket/key" into its parts. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}
