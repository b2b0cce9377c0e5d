/**
 * The pack's policies, listed explicitly, each with its typed config. `index.ts` serves them; the
 * config checker (`check-config.ts`) validates config files against the same list.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { batchOperationsRole, batchRoleConfig } from "./iam.ts";
import { keyRotationConfig, kmsKeyRotation } from "./kms.ts";
import type { PolicyConfig } from "./policy-config.ts";
import {
  bucketKeysConfig,
  coverageConfig,
  inventoryConfig,
  s3BucketKeysEnabled,
  s3EveryBucketCovered,
  s3InventoryForPlanEngine,
} from "./s3.ts";

export const PACK_NAME = "s3-bucket-keys";

export const PACK_DESCRIPTION =
  "Keeps S3 buckets on S3 Bucket Keys: SSE-KMS with Bucket Keys on every bucket, inventories the bucket-keys plan engine can read, a safe and sufficient Batch Operations role, rotating KMS keys.";

export interface PackPolicy {
  policy: ResourceValidationPolicy | StackValidationPolicy;
  config: PolicyConfig<unknown>;
}

export const PACK_POLICIES: readonly PackPolicy[] = [
  { policy: s3BucketKeysEnabled, config: bucketKeysConfig },
  { policy: s3EveryBucketCovered, config: coverageConfig },
  { policy: s3InventoryForPlanEngine, config: inventoryConfig },
  { policy: batchOperationsRole, config: batchRoleConfig },
  { policy: kmsKeyRotation, config: keyRotationConfig },
];
