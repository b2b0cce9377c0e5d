/**
 * ARN formats the program accepts in config and builds for policies. Pure: no Pulumi, no I/O.
 */

/** A KMS key ARN (not an alias: S3UpdateObjectEncryption rejects aliases and key IDs). */
export const KMS_KEY_ARN_PATTERN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;

/** An IAM OIDC provider ARN for GitHub Actions. */
export const GITHUB_OIDC_PROVIDER_ARN_PATTERN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):oidc-provider\/token\.actions\.githubusercontent\.com$/;

/** S3 bucket names for general purpose buckets (3-63 chars, lowercase, digits, dots, hyphens). */
export const BUCKET_NAME_PATTERN = /^(?!xn--)(?!.*\.\.)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const EXAMPLE_KMS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const EXAMPLE_OIDC_PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

export interface KmsKeyArnParts {
  partition: string;
  region: string;
  accountId: string;
}

export function parseKmsKeyArn(arn: string): KmsKeyArnParts | undefined {
  const match = KMS_KEY_ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  return { partition: match[1] as string, region: match[2] as string, accountId: match[3] as string };
}

/** The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** ARN of every object under `prefix` (`""` for the whole bucket) of `bucket`. */
export function objectsArn(partition: string, bucket: string, prefix = ""): string {
  return `arn:${partition}:s3:::${bucket}/${prefix}*`;
}

/** ARN pattern of every S3 Batch Operations job of an account in a region. */
export function batchJobsArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:s3:${region}:${accountId}:job/*`;
}

export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The regional S3 endpoint name KMS sees as `kms:ViaService`. */
export function s3ViaService(region: string): string {
  return `s3.${region}.amazonaws.com`;
}
