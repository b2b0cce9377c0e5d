/** IAM policies: the S3 Batch Operations role is safe and has what the jobs need. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { BATCH_ROLE_TARGET_KEY_ACTIONS } from "./contracts/batch-permissions.ts";
import { checkBatchRoles } from "./batch-role-check.ts";
import { definePolicyConfig } from "./policy-config.ts";
import { stackPolicy } from "./stack-policy.ts";

export const batchRoleConfig = definePolicyConfig({
  requiredKmsActions: z
    .array(z.string().regex(/^kms:[A-Za-z]+$/, 'an action is spelled out in full, like "kms:Decrypt" (no wildcards)'))
    .default([...BATCH_ROLE_TARGET_KEY_ACTIONS])
    .describe("KMS actions a role trusted by S3 Batch Operations must be allowed. Defaults to what S3UpdateObjectEncryption and S3PutObjectCopy need on the target key."),
});

export const batchOperationsRole: StackValidationPolicy = stackPolicy({
  name: "batch-operations-role",
  description:
    "A role trusted by S3 Batch Operations must require aws:SourceAccount, grant no wildcard actions or unscoped resources, and include the KMS actions the jobs need.",
  enforcementLevel: "mandatory",
  severity: "high",
  config: batchRoleConfig,
  check: checkBatchRoles,
});
