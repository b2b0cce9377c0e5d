/** Turns an S3 SDK failure on one object into an AwsCallError naming the bucket, key and what to do. */
import { AwsCallError } from "../../contracts/errors.ts";
import { formatDuration } from "../../core/settings/network-timeouts.ts";

interface SdkError {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
}

/** `elapsedMs`: how long the call took, retries included, for "S3 did not answer in time (5 attempts in 12 s)". */
export function s3CallError(error: unknown, operation: string, bucket: string, key: string, elapsedMs?: number): AwsCallError {
  const sdk = (error ?? {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  let code = sdk.Code ?? sdk.name;
  if (/region is missing/i.test(sdk.message ?? "")) code = "RegionMissing";
  if (code === "NotFound" || (code === "UnknownError" && status === 404)) code = "NoSuchKey";
  if (code === "Forbidden" || (code === "UnknownError" && status === 403)) code = "AccessDenied";
  const where = `s3://${bucket}/${key}`;
  const detail = sdk.message && sdk.message !== code ? ` (${sdk.message})` : "";
  let advice: string;
  switch (code) {
    case "NoSuchKey":
      advice = "The object does not exist: check the URI, and that the inventory report was not expired by a lifecycle rule.";
      break;
    case "NoSuchBucket":
      advice = "The bucket does not exist: check the bucket name and the --endpoint-url / --region.";
      break;
    case "AccessDenied":
      advice = operation === "PutObject"
        ? "Grant the credentials s3:PutObject on this bucket and prefix."
        : "Grant the credentials s3:GetObject on this object (and kms:Decrypt on its key if the report is SSE-KMS encrypted).";
      break;
    case "RegionMissing":
      advice = "Pass --region (or set AWS_REGION) to the Region of the bucket.";
      break;
    case "CredentialsProviderError":
      advice = "No AWS credentials were found: configure the default credential chain (environment, profile or role).";
      break;
    case "TimeoutError":
      advice = `S3 did not answer in time${attemptsOf(sdk, elapsedMs)}. Check the network path to S3 (proxy, firewall, VPC endpoint) and run again; --idle-timeout (input "idle-timeout") sets how long a silent connection is waited for.`;
      break;
    default:
      advice = status !== undefined && status >= 500
        ? `S3 kept failing${attemptsOf(sdk, elapsedMs)}; run again in a few minutes.`
        : "Check the credentials, --region and --endpoint-url, then run again.";
  }
  return new AwsCallError(operation, code, `${where}: ${operation} failed with ${code ?? "an error"}${detail}. ${advice}`, { cause: error });
}

/** " (3 attempts in 12 s)" from the SDK's error metadata and the time taken, when known. */
function attemptsOf(sdk: SdkError & { attempts?: unknown }, elapsedMs: number | undefined): string {
  const attempts = typeof sdk.attempts === "number" ? sdk.attempts : sdk.$metadata?.attempts;
  const parts = [typeof attempts === "number" && attempts > 1 ? `${attempts} attempts` : undefined, elapsedMs === undefined ? undefined : `in ${formatDuration(elapsedMs)}`].filter((part) => part !== undefined);
  return parts.length === 0 ? "" : ` (${parts.join(" ")})`;
}
