/**
 * Turns the raw stack configuration (what `pulumi config` holds under the project's namespace) into
 * a checked `StackConfig`, or throws a `StackConfigError` naming every key at fault. Pure.
 */
import type { z } from "zod";
import { parseKmsKeyArn } from "../arns.ts";
import { crossFieldIssues, type PathIssue } from "./cross-field-rules.ts";
import { knownConfig } from "./known-config.ts";
import { OBJECT_CONFIG_KEYS, stackConfigSchema } from "./stack-config-schema.ts";
import type { ManagedBucketConfig, ParsedStackConfig } from "./stack-config-schema.ts";
import { StackConfigError, formatConfigPath } from "./stack-config-error.ts";
import type { StackConfigIssue } from "./stack-config-error.ts";

export interface Exemption {
  bucket: string;
  reason: string;
}

export interface StackConfig extends ParsedStackConfig {
  /** Buckets the program configures (every listed bucket that is not exempt). */
  managedBuckets: ManagedBucketConfig[];
  /** Buckets left alone, with the reason given. */
  exemptions: Exemption[];
}

/** Where the stack runs, known only once the provider answers. */
export interface StackEnvironment {
  accountId: string;
  region: string;
}

/**
 * Parses the configuration values of one namespace. `raw` maps short keys (`buckets`) to their
 * values as `pulumi config` stores them: JSON text for objects and lists, plain text otherwise.
 */
export function parseStackConfig(namespace: string, raw: Readonly<Record<string, string>>): StackConfig {
  const issues: StackConfigIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(raw)) {
    if (!OBJECT_CONFIG_KEYS.has(key)) {
      values[key] = text;
      continue;
    }
    try {
      values[key] = JSON.parse(text);
    } catch {
      issues.push({ key: `${namespace}:${key}`, message: `expected an object or list (set it with \`pulumi config set --path\` or as YAML in the stack file), got the text ${JSON.stringify(text)}` });
    }
  }
  if (issues.length > 0) throw new StackConfigError(issues);

  const toConfigIssue = ({ path, message }: PathIssue) => ({ key: `${namespace}:${formatConfigPath(path)}`, message });
  const result = stackConfigSchema.safeParse(values, { reportInput: true });
  if (!result.success) issues.push(...result.error.issues.flatMap((issue) => zodIssueToConfigIssues(namespace, issue)));
  // The cross-field rules run on every value that is valid on its own, so one preview lists everything.
  issues.push(...crossFieldIssues(knownConfig(stackConfigSchema, values)).map(toConfigIssue));
  if (!result.success || issues.length > 0) throw new StackConfigError(issues);

  const config = result.data;
  return {
    ...config,
    managedBuckets: config.buckets.filter((bucket) => bucket.exempt === undefined),
    exemptions: config.buckets.flatMap((bucket) => (bucket.exempt ? [{ bucket: bucket.name, reason: bucket.exempt.reason }] : [])),
  };
}

/** Checks that need the account and region: the existing key and OIDC provider must live there. */
export function checkStackEnvironment(namespace: string, config: StackConfig, env: StackEnvironment): void {
  const issues: StackConfigIssue[] = [];
  if (config.kms.keyArn !== undefined) {
    const key = parseKmsKeyArn(config.kms.keyArn);
    if (key && key.accountId !== env.accountId) {
      issues.push({ key: `${namespace}:kms.keyArn`, message: `the key belongs to account ${key.accountId}, but the stack deploys to account ${env.accountId}. S3UpdateObjectEncryption only accepts keys owned by the bucket owner's account; use a key of account ${env.accountId}` });
    }
    if (key && key.region !== env.region) {
      issues.push({ key: `${namespace}:kms.keyArn`, message: `the key is in region ${key.region}, but the stack deploys to ${env.region}. S3 default encryption needs a key in the bucket's region; use a key of ${env.region}` });
    }
  }
  const provider = config.github.oidcProviderArn;
  const providerAccount = provider?.split(":")[4];
  if (provider !== undefined && providerAccount !== env.accountId) {
    issues.push({ key: `${namespace}:github.oidcProviderArn`, message: `the provider belongs to account ${providerAccount}, but the roles are created in account ${env.accountId}; use that account's provider or set createOidcProvider: true` });
  }
  if (issues.length > 0) throw new StackConfigError(issues);
}

function zodIssueToConfigIssues(namespace: string, issue: z.core.$ZodIssue): StackConfigIssue[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ key: `${namespace}:${formatConfigPath([...path, key])}`, message: issue.message }));
  }
  const key = path.length === 0 ? `${namespace}` : `${namespace}:${formatConfigPath(path)}`;
  const custom = !issue.message.startsWith("Invalid");
  if (issue.code === "invalid_type" && !custom) {
    const missing = issue.input === undefined;
    return [{ key, message: missing ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${JSON.stringify(issue.input)}` }];
  }
  if (issue.code === "invalid_value" && !custom) {
    return [{ key, message: `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}, got ${JSON.stringify(issue.input)}` }];
  }
  const got = issue.input === undefined || typeof issue.input === "object" ? "" : ` (got ${JSON.stringify(issue.input)})`;
  return [{ key, message: `${issue.message}${got}` }];
}
