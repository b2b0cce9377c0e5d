/**
 * Rules that involve more than one config value: a bucket listed twice, a key both created and
 * given, exactly one apply target. They run on what is known of the config (known-config.ts), so a
 * schema error in one value never hides a rule broken by the others. Pure.
 */
import type { ConfigPath, KnownConfig } from "./known-config.ts";
import type { ParsedStackConfig } from "./stack-config-schema.ts";

export interface PathIssue {
  path: (string | number)[];
  message: string;
}

type Config = KnownConfig<ParsedStackConfig>;

export function crossFieldIssues(config: Config): PathIssue[] {
  return [...bucketIssues(config), ...kmsIssues(config), ...githubIssues(config)];
}

function bucketIssues({ values, given }: Config): PathIssue[] {
  const issues: PathIssue[] = [];
  const buckets = values.buckets;
  if (buckets === undefined) return issues;
  const firstIndex = new Map<string, number>();
  buckets.forEach((bucket, index) => {
    const at = (...path: ConfigPath) => given(["buckets", index, ...path]);
    const name = bucket?.name;
    if (name !== undefined) {
      const first = firstIndex.get(name);
      if (first === undefined) firstIndex.set(name, index);
      else issues.push({ path: ["buckets", index, "name"], message: `bucket '${name}' is listed twice (also at buckets[${first}]); list each bucket once` });
    }
    const label = name === undefined ? `buckets[${index}]` : `bucket '${name}'`;
    if (at("expireNoncurrentVersions") && bucket?.versioned === false) {
      issues.push({ path: ["buckets", index, "expireNoncurrentVersions"], message: `${label} is not versioned (versioned: false), so it has no noncurrent versions to expire; set versioned: true or remove this option` });
    }
    if (at("expireNoncurrentVersions") && at("exempt")) {
      issues.push({ path: ["buckets", index, "expireNoncurrentVersions"], message: `${label} is exempt, and exempt buckets are left alone; remove one of exempt or expireNoncurrentVersions` });
    }
    if (bucket?.versioned === true && values.inventory?.includedVersions === "Current" && !at("exempt")) {
      issues.push({ path: ["inventory", "includedVersions"], message: `'Current' would hide the noncurrent versions of versioned ${label} (buckets[${index}]), which still call KMS without a Bucket Key; use 'auto' or 'All'` });
    }
    if (name !== undefined && name === values.reports?.existingBucket) {
      issues.push({ path: ["reports", "existingBucket"], message: `'${name}' is also a managed bucket (buckets[${index}]); reports need a bucket of their own` });
    }
  });
  if (buckets.length > 0 && buckets.every((_bucket, index) => given(["buckets", index, "exempt"]))) {
    issues.push({ path: ["buckets"], message: "every listed bucket is exempt, so the stack would manage nothing; remove an exemption or the stack" });
  }
  return issues;
}

function kmsIssues({ values, given }: Config): PathIssue[] {
  const issues: PathIssue[] = [];
  const kms = values.kms;
  if (kms === undefined) return issues;
  if (kms.create === true && given(["kms", "keyArn"])) {
    issues.push({ path: ["kms", "keyArn"], message: "a stack either creates its key (create: true) or uses an existing one (keyArn), not both; remove keyArn or set create: false" });
  }
  if (kms.create === false && !given(["kms", "keyArn"])) {
    issues.push({ path: ["kms", "keyArn"], message: "missing: give the ARN of an existing key (like 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'), or set kms.create: true to create one" });
  }
  return issues;
}

function githubIssues({ values, given }: Config): PathIssue[] {
  const issues: PathIssue[] = [];
  const github = values.github;
  if (github === undefined) return issues;
  if (github.createOidcProvider === true && given(["github", "oidcProviderArn"])) {
    issues.push({ path: ["github", "oidcProviderArn"], message: "give either an existing provider (oidcProviderArn) or createOidcProvider: true, not both; an account has one GitHub OIDC provider" });
  }
  if (github.createOidcProvider === false && !given(["github", "oidcProviderArn"])) {
    issues.push({ path: ["github", "oidcProviderArn"], message: "missing: give the account's GitHub OIDC provider ARN (like 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'), or set createOidcProvider: true" });
  }
  if (github.apply !== undefined) {
    const targets = [given(["github", "apply", "ref"]), given(["github", "apply", "environment"])].filter(Boolean).length;
    if (targets !== 1) {
      issues.push({ path: ["github", "apply"], message: `expected exactly one of ref (like 'refs/heads/main') or environment (like 'production'), got ${targets === 0 ? "neither" : "both"}: the executor role trusts only that ref or environment` });
    }
  }
  return issues;
}
