/** KMS policies: keys that encrypt buckets rotate. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { checkKeyRotation } from "./kms-rotation-check.ts";
import { definePolicyConfig } from "./policy-config.ts";
import { reportFindings } from "./report.ts";
import { toStackResource } from "./stack-model.ts";

export const keyRotationConfig = definePolicyConfig({
  checkAllKeys: z
    .boolean()
    .default(false)
    .describe("Check every symmetric encryption key in the stack, not only keys that encrypt S3 buckets. Defaults to false."),
});

export const kmsKeyRotation: StackValidationPolicy = {
  name: "kms-key-rotation",
  description: "KMS keys used for S3 bucket encryption must have automatic key rotation enabled (enableKeyRotation: true).",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: keyRotationConfig.schema,
  validateStack: (args, reportViolation) => {
    const config = keyRotationConfig.parse(kmsKeyRotation.name, args.getConfig());
    reportFindings(reportViolation, checkKeyRotation(args.resources.map(toStackResource), config));
  },
};
