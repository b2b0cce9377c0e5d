/**
 * The S3 Inventory fields the plan engine reads. The Pulumi program (infra/) creates inventory
 * configurations from these lists and the policy pack (policies/) checks configurations against them,
 * so the three cannot drift apart.
 *
 * Names are the `InventoryOptionalField` enum values of PutBucketInventoryConfiguration, which are also
 * the column names in a CSV inventory's `fileSchema`.
 */

/** Without these the plan engine cannot route rows (BucketKeyStatus) or cannot route them exactly (EncryptionStatus). */
export const REQUIRED_INVENTORY_FIELDS = ["EncryptionStatus", "BucketKeyStatus"] as const;

/** Fields that let the plan engine keep copies safe (storage class, size limit, archive tiers, Object Lock). */
export const RECOMMENDED_INVENTORY_FIELDS = [
  "Size",
  "StorageClass",
  "IntelligentTieringAccessTier",
  "LastModifiedDate",
  "ETag",
  "ObjectLockMode",
  "ObjectLockRetainUntilDate",
  "ObjectLockLegalHoldStatus",
] as const;

/** Every optional field an inventory configuration made by this project includes. */
export const INVENTORY_OPTIONAL_FIELDS = [...REQUIRED_INVENTORY_FIELDS, ...RECOMMENDED_INVENTORY_FIELDS] as const;

/** Inventory output formats the plan engine reads (S3 Inventory also writes ORC, which it cannot read). */
export const SUPPORTED_INVENTORY_FORMATS = ["CSV", "Parquet"] as const;

export type InventoryFormat = (typeof SUPPORTED_INVENTORY_FORMATS)[number];

export type InventoryOptionalField = (typeof INVENTORY_OPTIONAL_FIELDS)[number];
