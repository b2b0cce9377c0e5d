/**
 * Type tokens of the resources the pack reads, taken from the @pulumi/aws classes where one exists (so a
 * rename in the provider shows up in the token test) and written out for aws-native, which we don't
 * depend on. Provider v6 and v7 tokens are both listed: users run either.
 */
import * as aws from "@pulumi/aws";

function tokenOf(resourceClass: object): string {
  const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error(`resource class ${String(resourceClass)} has no Pulumi type token`);
  return token;
}

export const TYPES = {
  /** v7 `aws.s3.Bucket` (the v6 `BucketV2` renamed), and v6's legacy `aws.s3.Bucket`. */
  bucket: tokenOf(aws.s3.Bucket),
  /** v6 `aws.s3.BucketV2`, still present (deprecated) in v7. */
  bucketV2: tokenOf(aws.s3.BucketV2),
  nativeBucket: "aws-native:s3:Bucket",
  encryption: tokenOf(aws.s3.BucketServerSideEncryptionConfiguration),
  encryptionV2: tokenOf(aws.s3.BucketServerSideEncryptionConfigurationV2),
  versioning: tokenOf(aws.s3.BucketVersioning),
  versioningV2: tokenOf(aws.s3.BucketVersioningV2),
  inventory: tokenOf(aws.s3.Inventory),
  role: tokenOf(aws.iam.Role),
  rolePolicy: tokenOf(aws.iam.RolePolicy),
  rolePolicyAttachment: tokenOf(aws.iam.RolePolicyAttachment),
  policyAttachment: tokenOf(aws.iam.PolicyAttachment),
  policy: tokenOf(aws.iam.Policy),
  kmsKey: tokenOf(aws.kms.Key),
  kmsAlias: tokenOf(aws.kms.Alias),
  nativeKmsKey: "aws-native:kms:Key",
} as const;

export const BUCKET_TYPES: ReadonlySet<string> = new Set([TYPES.bucket, TYPES.bucketV2, TYPES.nativeBucket]);
export const ENCRYPTION_TYPES: ReadonlySet<string> = new Set([TYPES.encryption, TYPES.encryptionV2]);
export const KMS_KEY_TYPES: ReadonlySet<string> = new Set([TYPES.kmsKey, TYPES.nativeKmsKey]);
