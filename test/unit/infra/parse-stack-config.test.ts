import { describe, expect, it } from "vitest";
import { checkStackEnvironment, parseStackConfig } from "../../../infra/config/parse-stack-config.ts";
import { StackConfigError } from "../../../infra/config/stack-config-error.ts";
import { readStackConfig, toPulumiConfigEnv } from "../../helpers/pulumi-program.ts";

const NS = "bucket-keys";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Raw values as the CLI hands them over (PULUMI_CONFIG), for the `bucket-keys` namespace. */
function raw(config: Record<string, unknown>): Record<string, string> {
  const env = JSON.parse(toPulumiConfigEnv(config)) as Record<string, string>;
  return Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith(`${NS}:`)).map(([key, value]) => [key.slice(NS.length + 1), value]));
}

function valid(): Record<string, unknown> {
  return {
    "bucket-keys:buckets": [{ name: "acme-data", versioned: true }, { name: "acme-logs" }],
    "bucket-keys:kms": { keyArn: KEY },
    "bucket-keys:github": { repository: "acme/infra", createOidcProvider: true, apply: { ref: "refs/heads/main" } },
  };
}

function issuesOf(config: Record<string, unknown>): { key: string; message: string }[] {
  try {
    parseStackConfig(NS, raw(config));
  } catch (error) {
    if (error instanceof StackConfigError) return [...error.issues];
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

function withChange(change: (config: Record<string, any>) => void): Record<string, unknown> {
  const config = structuredClone(valid()) as Record<string, any>;
  change(config);
  return config;
}

describe("parseStackConfig", () => {
  it.each(["dev", "prod"])("accepts the example stack file Pulumi.%s.yaml", (stack) => {
    const config = parseStackConfig(NS, raw(readStackConfig(stack)));
    expect(config.managedBuckets.length).toBeGreaterThan(0);
    expect(config.exemptions).toHaveLength(1);
  });

  it("fills documented defaults", () => {
    const config = parseStackConfig(NS, raw(valid()));
    expect(config.inventory).toEqual({ frequency: "Weekly", includedVersions: "auto", format: "CSV", configId: "bucket-keys" });
    expect(config.reports).toEqual({ inventoryRetentionDays: 30, manifestRetentionDays: 90, jobReportRetentionDays: 365 });
    expect(config.github.plannerSubjects).toEqual(["*"]);
    expect(config.batchRole.requireSourceArn).toBe(true);
    expect(config.kms).toMatchObject({ create: false, sourceKeyArns: [], deletionWindowInDays: 30, allowUseThroughS3ByAccount: true });
  });

  it("separates exempt buckets, with their reasons, from managed ones", () => {
    const config = parseStackConfig(NS, raw(withChange((c) => c["bucket-keys:buckets"].push({ name: "acme-site", exempt: { reason: "CloudFront OAI" } }))));
    expect(config.managedBuckets.map((bucket) => bucket.name)).toEqual(["acme-data", "acme-logs"]);
    expect(config.exemptions).toEqual([{ bucket: "acme-site", reason: "CloudFront OAI" }]);
  });

  it("names an unknown bucket option and lists the known ones", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"][1].versionned = true)));
    expect(issues).toEqual([{ key: "bucket-keys:buckets[1].versionned", message: "unknown option (expected one of: name, versioned, exempt, expireNoncurrentVersions, inventory)" }]);
  });

  it("names an unknown top-level key", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:bucket"] = "x")))[0]?.key).toBe("bucket-keys:bucket");
  });

  it("rejects a bucket listed twice, naming the second entry and the first", () => {
    const issues = issuesOf(withChange((c) => c["bucket-keys:buckets"].push({ name: "acme-data" })));
    expect(issues).toEqual([{ key: "bucket-keys:buckets[2].name", message: "bucket 'acme-data' is listed twice (also at buckets[0]); list each bucket once" }]);
  });

  it.each([
    ["an alias instead of a key ARN", "bucket-keys:kms.keyArn", (c: Record<string, any>) => (c["bucket-keys:kms"].keyArn = "arn:aws:kms:us-east-1:123456789012:alias/s3")],
    ["a key id instead of a key ARN", "bucket-keys:kms.sourceKeyArns[0]", (c: Record<string, any>) => (c["bucket-keys:kms"].sourceKeyArns = ["1234abcd-12ab-34cd-56ef-1234567890ab"])],
    ["an OIDC provider of another host", "bucket-keys:github.oidcProviderArn", (c: Record<string, any>) => (c["bucket-keys:github"] = { ...c["bucket-keys:github"], createOidcProvider: false, oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/example.com" })],
  ])("rejects %s, naming the key and showing the expected form", (_case, key, change) => {
    const issues = issuesOf(withChange(change));
    expect(issues.map((issue) => issue.key)).toEqual([key]);
    expect(issues[0]?.message).toMatch(/expected .*like 'arn:aws:/);
  });

  it("requires a key ARN when the stack does not create a key", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:kms"] = {})));
    expect(issues).toEqual([{ key: "bucket-keys:kms.keyArn", message: expect.stringMatching(/^missing: give the ARN of an existing key .* or set kms.create: true/) }]);
  });

  it("refuses to both create a key and use an existing one", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:kms"].create = true)))).toEqual([{ key: "bucket-keys:kms.keyArn", message: expect.stringContaining("not both") }]);
  });

  it.each([
    ["neither", {}],
    ["both", { ref: "refs/heads/main", environment: "production" }],
  ])("requires exactly one apply ref or environment (%s given)", (given, apply) => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:github"].apply = apply)));
    expect(issues).toEqual([{ key: "bucket-keys:github.apply", message: expect.stringContaining(`got ${given}`) }]);
  });

  it("rejects a wildcard apply ref", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:github"].apply = { ref: "refs/heads/*" })))[0]?.key).toBe("bucket-keys:github.apply.ref");
  });

  it("rejects a repository with a wildcard", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:github"].repository = "acme/*")))[0]?.key).toBe("bucket-keys:github.repository");
  });

  it("requires an OIDC provider ARN unless it creates one", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:github"].createOidcProvider = false)))[0]?.key).toBe("bucket-keys:github.oidcProviderArn");
  });

  it("refuses current-version inventories for versioned buckets", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:inventory"] = { includedVersions: "Current" })));
    expect(issues).toEqual([{ key: "bucket-keys:inventory.includedVersions", message: expect.stringContaining("versioned bucket 'acme-data' (buckets[0])") }]);
  });

  it("refuses noncurrent-version expiry on an unversioned bucket", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"][1].expireNoncurrentVersions = { afterDays: 30, replaceLifecycleConfiguration: true })));
    expect(issues[0]?.key).toBe("bucket-keys:buckets[1].expireNoncurrentVersions");
  });

  it("requires acknowledging that the lifecycle configuration is replaced", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"][0].expireNoncurrentVersions = { afterDays: 30 })));
    expect(issues).toEqual([{ key: "bucket-keys:buckets[0].expireNoncurrentVersions.replaceLifecycleConfiguration", message: expect.stringContaining("replaces the bucket's whole lifecycle configuration") }]);
  });

  it("refuses a stack whose every bucket is exempt", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"] = [{ name: "acme-site", exempt: { reason: "CloudFront" } }])));
    expect(issues[0]?.key).toBe("bucket-keys:buckets");
  });

  it("refuses an exemption without a reason", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:buckets"][0].exempt = { reason: " " })))[0]?.key).toBe("bucket-keys:buckets[0].exempt.reason");
  });

  it("takes a bucket's own inventory format over the stack's", () => {
    const config = parseStackConfig(NS, raw(withChange((c) => (c["bucket-keys:buckets"][1].inventory = { format: "Parquet" }))));
    expect(config.managedBuckets.map((bucket) => bucket.inventory?.format)).toEqual([undefined, "Parquet"]);
  });

  it("refuses ORC, which the plan engine cannot read, naming the formats it reads", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:buckets"][0].inventory = { format: "ORC" })))).toEqual([
      { key: "bucket-keys:buckets[0].inventory.format", message: 'expected "CSV" or "Parquet", the formats the plan engine reads (it cannot read ORC) (got "ORC")' },
    ]);
  });

  it("reports wrong types with the value found", () => {
    expect(issuesOf(withChange((c) => (c["bucket-keys:buckets"][0].versioned = "yes")))).toEqual([{ key: "bucket-keys:buckets[0].versioned", message: 'expected boolean, got "yes"' }]);
  });

  it("reports a missing required key", () => {
    expect(issuesOf(withChange((c) => delete c["bucket-keys:github"]))).toEqual([{ key: "bucket-keys:github", message: "missing (expected object)" }]);
  });

  it("reports an object key set as plain text", () => {
    const issues = parseAndCatch({ buckets: "acme-data" });
    expect(issues[0]).toEqual({ key: "bucket-keys:buckets", message: expect.stringContaining("expected an object or list") });
  });

  it("also checks the cross-field rules of sections that are valid when another section is not", () => {
    const issues = issuesOf(withChange((c) => {
      c["bucket-keys:buckets"][0].versionned = true;
      c["bucket-keys:kms"] = {};
    }));
    expect(issues.map((issue) => issue.key)).toEqual(["bucket-keys:buckets[0].versionned", "bucket-keys:kms.keyArn"]);
  });

  it("reports a bad bucket name and a duplicate in the same list, not only the first", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"] = [{ name: "acme-data" }, { name: "Zeta_Raw" }, { name: "acme-data" }])));
    expect(issues).toEqual([
      { key: "bucket-keys:buckets[1].name", message: expect.stringContaining("expected an S3 bucket name") },
      { key: "bucket-keys:buckets[2].name", message: "bucket 'acme-data' is listed twice (also at buckets[0]); list each bucket once" },
    ]);
  });

  it("counts a bucket with a misspelt option as listed when looking for duplicates", () => {
    const issues = issuesOf(withChange((c) => c["bucket-keys:buckets"].push({ name: "acme-logs", versionned: true })));
    expect(issues.map((issue) => issue.key)).toEqual(["bucket-keys:buckets[2].versionned", "bucket-keys:buckets[2].name"]);
  });

  it("checks the rules between a bucket's options when another of its options is wrong", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:buckets"][1] = { name: "acme-logs", exempt: { reason: "" }, expireNoncurrentVersions: { afterDays: 0, replaceLifecycleConfiguration: true } })));
    expect(issues.map((issue) => issue.key)).toEqual([
      "bucket-keys:buckets[1].exempt.reason",
      "bucket-keys:buckets[1].expireNoncurrentVersions.afterDays",
      "bucket-keys:buckets[1].expireNoncurrentVersions",
      "bucket-keys:buckets[1].expireNoncurrentVersions",
    ]);
    expect(issues[2]?.message).toContain("bucket 'acme-logs' is not versioned");
    expect(issues[3]?.message).toContain("bucket 'acme-logs' is exempt");
  });

  it("reports a key that is both created and given even when the given ARN is malformed, and an invalid deletion window beside it", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:kms"] = { create: true, keyArn: "alias/aws/s3", deletionWindowInDays: 3 })));
    expect(issues.map((issue) => issue.key)).toEqual(["bucket-keys:kms.keyArn", "bucket-keys:kms.deletionWindowInDays", "bucket-keys:kms.keyArn"]);
    expect(issues[2]?.message).toContain("not both");
  });

  it("reports both apply targets when one of them is also malformed", () => {
    const issues = issuesOf(withChange((c) => (c["bucket-keys:github"].apply = { ref: "refs/heads/*", environment: "production" })));
    expect(issues.map((issue) => [issue.key, issue.message.slice(0, 30)])).toEqual([
      ["bucket-keys:github.apply.ref", expect.any(String)],
      ["bucket-keys:github.apply", "expected exactly one of ref (l"],
    ]);
  });

  it("lists every problem at once and says where to fix them", () => {
    const config = withChange((c) => {
      c["bucket-keys:buckets"][0].name = "Bad_Name";
      c["bucket-keys:inventory"] = { frequency: "Hourly" };
    });
    let error: unknown;
    try {
      parseStackConfig(NS, raw(config));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    expect((error as Error).message).toMatch(/^Invalid stack configuration \(2 problems\):\n  bucket-keys:buckets\[0\]\.name: .*\n  bucket-keys:inventory\.frequency: expected one of "Daily", "Weekly", got "Hourly"\nFix these with `pulumi config set`/);
  });
});

function parseAndCatch(values: Record<string, string>): { key: string; message: string }[] {
  try {
    parseStackConfig(NS, values);
  } catch (error) {
    if (error instanceof StackConfigError) return [...error.issues];
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

describe("checkStackEnvironment", () => {
  const config = parseStackConfig(NS, raw(valid()));

  it("accepts a key of the stack's account and region", () => {
    expect(() => checkStackEnvironment(NS, config, { accountId: "123456789012", region: "us-east-1" })).not.toThrow();
  });

  it("refuses a key of another account, because S3UpdateObjectEncryption needs the bucket owner's key", () => {
    expect(() => checkStackEnvironment(NS, config, { accountId: "210987654321", region: "us-east-1" })).toThrow(/bucket-keys:kms\.keyArn: the key belongs to account 123456789012, but the stack deploys to account 210987654321/);
  });

  it("refuses a key of another region", () => {
    expect(() => checkStackEnvironment(NS, config, { accountId: "123456789012", region: "eu-west-1" })).toThrow(/bucket-keys:kms\.keyArn: the key is in region us-east-1, but the stack deploys to eu-west-1/);
  });

  it("refuses an OIDC provider of another account", () => {
    const other = parseStackConfig(NS, raw(withChange((c) => (c["bucket-keys:github"] = { ...c["bucket-keys:github"], createOidcProvider: false, oidcProviderArn: "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com" }))));
    expect(() => checkStackEnvironment(NS, other, { accountId: "123456789012", region: "us-east-1" })).toThrow(/bucket-keys:github\.oidcProviderArn: the provider belongs to account 999999999999/);
  });
});
