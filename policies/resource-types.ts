/**
 * Type tokens of the resources the pack reads. Written out, so the published pack does not need
 * @pulumi/aws (tens of megabytes every enforcing machine would install); test/unit/policies/
 * resource-types.test.ts checks them against the @pulumi/aws classes, so a rename in the provider
 * still shows up. Provider v6 and v7 tokens are both listed: users run either.
 */
export const TYPES = {
  /** v7 `aws.s3.Bucket` (the v6 `BucketV2` renamed), and v6's legacy `aws.s3.Bucket`. */
  bucket: "aws:s3/bucket:Bucket",
  /** v6 `aws.s3.BucketV2`, still present (deprecated) in v7. */
  bucketV2: "aws:s3/bucketV2:BucketV2",
  nativeBucket: "aws-native:s3:Bucket",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  inventory: "aws:s3/inventory:Inventory",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  policy: "aws:iam/policy:Policy",
  kmsKey: "aws:kms/key:Key",
  kmsAlias: "aws:kms/alias:Alias",
  nativeKmsKey: "aws-native:kms:Key",
} as const;

export const BUCKET_TYPES: ReadonlySet<string> = new Set([TYPES.bucket, TYPES.bucketV2, TYPES.nativeBucket]);
export const ENCRYPTION_TYPES: ReadonlySet<string> = new Set([TYPES.encryption, TYPES.encryptionV2]);
export const KMS_KEY_TYPES: ReadonlySet<string> = new Set([TYPES.kmsKey, TYPES.nativeKmsKey]);
