/**
 * AWS clients for the Action and the CLI's apply/status, built once at the entry point.
 *
 * Default credential chain (aws-actions/configure-aws-credentials with OIDC in workflows). Endpoints:
 * the `endpoint-url` setting for S3 when given, otherwise the SDK's own AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL_S3_CONTROL. Retries are the SDK's: throttling and transient errors are retried
 * with backoff by the adaptive strategy, which also slows the client down while S3 Control throttles.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";

/** Attempts per AWS call, first try included (SDK default is 3; CreateJob and ListJobs throttle at low rates). */
export const AWS_MAX_ATTEMPTS = 8;

export interface AwsClientOptions {
  region: string;
  /** S3 endpoint override (the `endpoint-url` setting); S3 Control always follows AWS_ENDPOINT_URL_S3_CONTROL. */
  endpointUrl?: string | undefined;
}

export function createS3Client(options: AwsClientOptions): S3Client {
  return new S3Client({
    region: options.region,
    maxAttempts: AWS_MAX_ATTEMPTS,
    retryMode: "adaptive",
    ...(options.endpointUrl ? { endpoint: options.endpointUrl, forcePathStyle: true } : {}),
  });
}

export function createS3ControlClient(options: AwsClientOptions): S3ControlClient {
  return new S3ControlClient({ region: options.region, maxAttempts: AWS_MAX_ATTEMPTS, retryMode: "adaptive" });
}
