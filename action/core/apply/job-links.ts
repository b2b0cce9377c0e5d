/** Links to S3 Batch Operations jobs in the AWS console. Pure. */

/** https://<region>.console.aws.amazon.com/s3/jobs/<jobId>?region=<region> (China and GovCloud have their own consoles). */
export function consoleJobUrl(region: string, jobId: string): string {
  const host = region.startsWith("cn-")
    ? "console.amazonaws.cn"
    : region.startsWith("us-gov-")
      ? "console.amazonaws-us-gov.com"
      : `${region}.console.aws.amazon.com`;
  return `https://${host}/s3/jobs/${encodeURIComponent(jobId)}?region=${encodeURIComponent(region)}`;
}
