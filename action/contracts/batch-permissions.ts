/**
 * IAM actions the S3 Batch Operations role needs for the two operations the plan engine uses.
 * The Pulumi program builds the role's policy from these lists, the policy pack checks roles against
 * them, and the Action names them when a job fails with AccessDenied, so the three agree.
 *
 * Sources: S3 User Guide, batch-ops-iam-role-policies.html and batch-ops-update-encryption.html
 * (see ../shared/reference/s3-bucket-keys-aws-facts.md, section 2.9). `kms:ReEncrypt*` from AWS's
 * sample is spelled out as its two actions: we never grant wildcard actions.
 */

/** S3UpdateObjectEncryption: on the objects of each managed bucket (`arn:aws:s3:::bucket/*`). */
export const UPDATE_ENCRYPTION_OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:UpdateObjectEncryption",
] as const;

/** S3UpdateObjectEncryption: on the target key (the plan's KMS key). */
export const UPDATE_ENCRYPTION_TARGET_KEY_ACTIONS = [
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
] as const;

/** S3UpdateObjectEncryption: on keys objects are encrypted with today, when they differ from the target key. */
export const UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom"] as const;

/**
 * S3PutObjectCopy onto the same bucket: read the source object and its tags (tags are copied by
 * default), write the new object and its tags. No ACL actions: jobs never set ACLs.
 */
export const COPY_OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:GetObjectTagging",
  "s3:GetObjectVersionTagging",
  "s3:PutObject",
  "s3:PutObjectTagging",
] as const;

/** S3PutObjectCopy: on the target key, to encrypt the copy with a Bucket Key. */
export const COPY_TARGET_KEY_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] as const;

/** S3PutObjectCopy: on keys the source objects are encrypted with. */
export const COPY_SOURCE_KEY_ACTIONS = ["kms:Decrypt"] as const;

/** Read a CSV job manifest (on the manifests prefix). */
export const MANIFEST_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

/** Write the completion report (on the reports prefix). */
export const REPORT_WRITE_ACTIONS = ["s3:PutObject"] as const;

/** Every KMS action a Batch Operations role of this project needs on the plan's key. */
export const BATCH_ROLE_TARGET_KEY_ACTIONS = [...new Set([...UPDATE_ENCRYPTION_TARGET_KEY_ACTIONS, ...COPY_TARGET_KEY_ACTIONS])].sort();

/** Service principal S3 Batch Operations assumes roles as. */
export const BATCH_OPERATIONS_PRINCIPAL = "batchoperations.s3.amazonaws.com";
