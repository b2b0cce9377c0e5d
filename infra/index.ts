/**
 * Pulumi program entry point: read and check the stack configuration, learn the account and region,
 * declare the stack, return its outputs. Decisions live in bucket-keys-stack.ts and the pure modules.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createBucketKeysStack } from "./bucket-keys-stack.ts";
import { loadStackConfig } from "./config/load-stack-config.ts";
import { checkStackEnvironment } from "./config/parse-stack-config.ts";
import { StackConfigError } from "./config/stack-config-error.ts";
import { PolicyQuotaError } from "./iam/policy-quota-error.ts";

export default async function main(): Promise<Record<string, unknown>> {
  const namespace = pulumi.getProject();
  try {
    const config = loadStackConfig(namespace);
    const [identity, region] = await Promise.all([aws.getCallerIdentity(), aws.getRegion()]);
    const env = { accountId: identity.accountId, region: region.region };
    checkStackEnvironment(namespace, config, env);
    return createBucketKeysStack(config, { ...env, stack: pulumi.getStack() });
  } catch (error) {
    // A RunError is printed without a stack trace: the message already says what to fix.
    if (error instanceof StackConfigError || error instanceof PolicyQuotaError) throw new pulumi.RunError(error.message);
    throw error;
  }
}
