/**
 * AWS clients for the Action and the CLI's apply/status, built once at the entry point.
 *
 * Default credential chain (aws-actions/configure-aws-credentials with OIDC in workflows). Endpoints:
 * the `endpoint-url` setting for S3 when given, otherwise the SDK's own AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL_S3_CONTROL. Retries are the SDK's standard strategy: throttling (SlowDown,
 * TooManyRequestsException) and transient errors (timeouts included) are retried with jittered
 * exponential backoff. Timeouts: request-handler.ts, from the `idle-timeout` setting.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { networkTimeouts, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { requestHandlerOptions } from "./request-handler.ts";

/** Attempts per AWS call, first try included (SDK default is 3; CreateJob and ListJobs throttle at low rates). */
export const AWS_MAX_ATTEMPTS = 8;

export interface AwsClientOptions {
  region: string;
  /** S3 endpoint override (the `endpoint-url` setting); S3 Control always follows AWS_ENDPOINT_URL_S3_CONTROL. */
  endpointUrl?: string | undefined;
  /** Default: networkTimeouts() (the default idle-timeout). */
  timeouts?: NetworkTimeouts | undefined;
}

export function createS3Client(options: AwsClientOptions): S3Client {
  return new S3Client({
    region: options.region,
    maxAttempts: AWS_MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: requestHandlerOptions(options.timeouts ?? networkTimeouts()),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl, forcePathStyle: true } : {}),
  });
}

export function createS3ControlClient(options: AwsClientOptions): S3ControlClient {
  const override = controlEndpointAsGiven(process.env.AWS_ENDPOINT_URL_S3_CONTROL);
  return new S3ControlClient({
    region: options.region,
    maxAttempts: AWS_MAX_ATTEMPTS,
    retryMode: "standard",
    requestHandler: requestHandlerOptions(options.timeouts ?? networkTimeouts()),
    ...(override ? { endpointProvider: () => ({ url: override }) } : {}),
  });
}

/**
 * S3 Control puts the account id in front of the host ("111122223333.s3-control.us-east-1.amazonaws.com").
 * That works for DNS names, including an override such as a VPC endpoint, which the SDK's own rules then
 * handle; for an IP address or "localhost" override (local test servers) "111122223333.127.0.0.1" is
 * no host at all, so such an endpoint is used exactly as given. Returns that URL, or undefined.
 */
export function controlEndpointAsGiven(endpoint: string | undefined): URL | undefined {
  if (!endpoint) return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":") ? url : undefined;
}

const SSE_S3_MIDDLEWARE = "bucketKeysManifestSseS3";

/**
 * Makes every PutObject of `client` ask for SSE-S3 (unless it names an encryption itself). Job
 * manifests must be SSE-S3: Batch Operations cannot read a CSV manifest encrypted with SSE-KMS, and
 * the Pulumi stack's planner role may only write manifests with `x-amz-server-side-encryption: AES256`,
 * whatever the bucket's default encryption is.
 */
export function putObjectsWithSseS3(client: S3Client): S3Client {
  if (client.middlewareStack.identify().some((entry) => entry.startsWith(SSE_S3_MIDDLEWARE))) return client;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ServerSideEncryption?: string };
      if (context.commandName === "PutObjectCommand" && input.ServerSideEncryption === undefined) input.ServerSideEncryption = "AES256";
      return next(args);
    },
    { step: "initialize", name: SSE_S3_MIDDLEWARE },
  );
  return client;
}
