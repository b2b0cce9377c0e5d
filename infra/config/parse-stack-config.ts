/**
 * Turns the raw stack configuration (what `pulumi config` holds under the project's namespace) into
 * a checked `StackConfig`, or throws a `StackConfigError` naming every key at fault. Pure.
 */
import type { z } from "zod";
import { parseKmsKeyArn } from "../arns.ts";
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
  if (!result.success) {
    // Also run the cross-field rules on every section that is valid by itself, so one preview lists everything.
    issues.push(...result.error.issues.flatMap((issue) => zodIssueToConfigIssues(namespace, issue)));
    issues.push(...crossFieldIssues(validSections(values)).map(toConfigIssue));
    throw new StackConfigError(issues);
  }

  const config = result.data;
  issues.push(...crossFieldIssues(config).map(toConfigIssue));
  if (issues.length > 0) throw new StackConfigError(issues);

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

interface PathIssue {
  path: (string | number)[];
  message: string;
}

/** The top-level sections that parse on their own (defaults applied). */
function validSections(values: Record<string, unknown>): Partial<ParsedStackConfig> {
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(stackConfigSchema.shape)) {
    const parsed = schema.safeParse(values[key]);
    if (parsed.success) sections[key] = parsed.data;
  }
  return sections as Partial<ParsedStackConfig>;
}

function crossFieldIssues(config: Partial<ParsedStackConfig>): PathIssue[] {
  return [...bucketIssues(config), ...kmsIssues(config), ...githubIssues(config)];
}

function bucketIssues(config: Partial<ParsedStackConfig>): PathIssue[] {
  const issues: PathIssue[] = [];
  if (config.buckets === undefined) return issues;
  const firstIndex = new Map<string, number>();
  config.buckets.forEach((bucket, index) => {
    const first = firstIndex.get(bucket.name);
    if (first === undefined) firstIndex.set(bucket.name, index);
    else issues.push({ path: ["buckets", index, "name"], message: `bucket '${bucket.name}' is listed twice (also at buckets[${first}]); list each bucket once` });
    if (bucket.expireNoncurrentVersions && !bucket.versioned) {
      issues.push({ path: ["buckets", index, "expireNoncurrentVersions"], message: `bucket '${bucket.name}' is not versioned (versioned: false), so it has no noncurrent versions to expire; set versioned: true or remove this option` });
    }
    if (bucket.expireNoncurrentVersions && bucket.exempt) {
      issues.push({ path: ["buckets", index, "expireNoncurrentVersions"], message: `bucket '${bucket.name}' is exempt, and exempt buckets are left alone; remove one of exempt or expireNoncurrentVersions` });
    }
    if (bucket.versioned && config.inventory?.includedVersions === "Current" && !bucket.exempt) {
      issues.push({ path: ["inventory", "includedVersions"], message: `'Current' would hide the noncurrent versions of versioned bucket '${bucket.name}' (buckets[${index}]), which still call KMS without a Bucket Key; use 'auto' or 'All'` });
    }
    if (bucket.name === config.reports?.existingBucket) {
      issues.push({ path: ["reports", "existingBucket"], message: `'${bucket.name}' is also a managed bucket (buckets[${index}]); reports need a bucket of their own` });
    }
  });
  if (config.buckets.length > 0 && config.buckets.every((bucket) => bucket.exempt)) {
    issues.push({ path: ["buckets"], message: "every listed bucket is exempt, so the stack would manage nothing; remove an exemption or the stack" });
  }
  return issues;
}

function kmsIssues(config: Partial<ParsedStackConfig>): PathIssue[] {
  const issues: PathIssue[] = [];
  if (config.kms === undefined) return issues;
  if (config.kms.create && config.kms.keyArn !== undefined) {
    issues.push({ path: ["kms", "keyArn"], message: "a stack either creates its key (create: true) or uses an existing one (keyArn), not both; remove keyArn or set create: false" });
  }
  if (!config.kms.create && config.kms.keyArn === undefined) {
    issues.push({ path: ["kms", "keyArn"], message: "missing: give the ARN of an existing key (like 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'), or set kms.create: true to create one" });
  }

  return issues;
}

function githubIssues(config: Partial<ParsedStackConfig>): PathIssue[] {
  const issues: PathIssue[] = [];
  const github = config.github;
  if (github === undefined) return issues;
  if (github.createOidcProvider && github.oidcProviderArn !== undefined) {
    issues.push({ path: ["github", "oidcProviderArn"], message: "give either an existing provider (oidcProviderArn) or createOidcProvider: true, not both; an account has one GitHub OIDC provider" });
  }
  if (!github.createOidcProvider && github.oidcProviderArn === undefined) {
    issues.push({ path: ["github", "oidcProviderArn"], message: "missing: give the account's GitHub OIDC provider ARN (like 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'), or set createOidcProvider: true" });
  }
  const applyTargets = [github.apply.ref, github.apply.environment].filter((value) => value !== undefined);
  if (applyTargets.length !== 1) {
    issues.push({ path: ["github", "apply"], message: `expected exactly one of ref (like 'refs/heads/main') or environment (like 'production'), got ${applyTargets.length === 0 ? "neither" : "both"}: the executor role trusts only that ref or environment` });
  }
  return issues;
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
