/** KMS policies: keys that encrypt buckets rotate. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { checkKeyRotation } from "./kms-rotation-check.ts";
import { definePolicyConfig } from "./policy-config.ts";
import { stackPolicy } from "./stack-policy.ts";

export const keyRotationConfig = definePolicyConfig({
  checkAllKeys: z
    .boolean()
    .default(false)
    .describe("Check every symmetric encryption key in the stack, not only keys that encrypt S3 buckets. Defaults to false."),
});

export const kmsKeyRotation: StackValidationPolicy = stackPolicy({
  name: "kms-key-rotation",
  description: "KMS keys used for S3 bucket encryption must have automatic key rotation enabled (enableKeyRotation: true).",
  enforcementLevel: "advisory",
  severity: "medium",
  config: keyRotationConfig,
  check: checkKeyRotation,
});
