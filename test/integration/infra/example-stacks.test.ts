/**
 * Runs the program for both example stacks (Pulumi.dev.yaml, Pulumi.prod.yaml) under the mock
 * engine and checks what it declares.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BATCH_OPERATIONS_PRINCIPAL, BATCH_ROLE_TARGET_KEY_ACTIONS } from "../../../action/contracts/batch-permissions.ts";
import { INVENTORY_OPTIONAL_FIELDS } from "../../../action/contracts/inventory-fields.ts";
import { MOCK_ACCOUNT_ID, readStackConfig, runProgram } from "../../helpers/pulumi-program.ts";
import type { ProgramRun, RecordedResource } from "../../helpers/pulumi-program.ts";
import { parsePolicy, statement, unscopedResources, wildcardActions } from "../../unit/infra/iam-assertions.ts";
import { TYPES, input, named, ofType, one } from "./stack-assertions.ts";

interface BucketEntry {
  name: string;
  versioned?: boolean;
  exempt?: { reason: string };
  expireNoncurrentVersions?: { afterDays: number };
}

/** Fields the issue requires in every inventory, on top of the shared list. */
const ISSUE_REQUIRED_FIELDS = ["EncryptionStatus", "BucketKeyStatus", "Size", "StorageClass", "IntelligentTieringAccessTier", "LastModifiedDate", "ETag"];

const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  const [dev, prod] = await Promise.all([runProgram("dev"), runProgram("prod")]);
  runs.set("dev", dev);
  runs.set("prod", prod);
});

describe.each(["dev", "prod"])("example stack %s", (stack) => {
  const config = readStackConfig(stack);
  const buckets = config["bucket-keys:buckets"] as BucketEntry[];
  const managed = buckets.filter((bucket) => bucket.exempt === undefined);
  const exempt = buckets.filter((bucket) => bucket.exempt !== undefined);
  const run = () => runs.get(stack) as ProgramRun;
  const resources = () => run().resources;
  const outputs = () => run().outputs;

  it("gives every managed bucket SSE-KMS default encryption with a Bucket Key and the stack's key", () => {
    for (const bucket of managed) {
      const encryption = one(resources(), TYPES.encryption, (resource) => input(resource, "bucket") === bucket.name);
      expect(encryption.inputs).toMatchObject({
        expectedBucketOwner: MOCK_ACCOUNT_ID,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: outputs()["kmsKeyArn"] }, bucketKeyEnabled: true }],
      });
    }
  });

  it("gives every managed bucket an inventory in its format (CSV unless it says Parquet) with the fields the plan engine needs, all versions when versioned", () => {
    for (const bucket of managed) {
      const inventory = one(resources(), TYPES.inventory, (resource) => input(resource, "bucket") === bucket.name);
      expect(inventory.inputs["optionalFields"]).toEqual(expect.arrayContaining([...ISSUE_REQUIRED_FIELDS, ...INVENTORY_OPTIONAL_FIELDS]));
      expect(inventory.inputs).toMatchObject({
        enabled: true,
        name: "bucket-keys",
        includedObjectVersions: bucket.versioned ? "All" : "Current",
        schedule: { frequency: (config["bucket-keys:inventory"] as { frequency: string }).frequency },
        destination: {
          bucket: {
            bucketArn: `arn:aws:s3:::${String(outputs()["reportsBucket"])}`,
            format: (bucket as { inventory?: { format?: string } }).inventory?.format ?? "CSV",
            prefix: "inventory",
            accountId: MOCK_ACCOUNT_ID,
            encryption: { sseKms: { keyId: outputs()["kmsKeyArn"] } },
          },
        },
      });
    }
  });

  it("declares nothing for exempt buckets and reports them, with their reasons, as an output", () => {
    const everything = JSON.stringify(resources().map((resource) => resource.inputs));
    for (const bucket of exempt) expect(everything).not.toContain(bucket.name);
    expect(outputs()["exemptions"]).toEqual(exempt.map((bucket) => ({ bucket: bucket.name, reason: bucket.exempt?.reason })));
  });

  it("expires noncurrent versions only on buckets that opted in", () => {
    const lifecycles = ofType(resources(), TYPES.lifecycle).filter((resource) => managed.some((bucket) => bucket.name === input(resource, "bucket")));
    const optedIn = managed.filter((bucket) => bucket.expireNoncurrentVersions !== undefined);
    expect(lifecycles.map((resource) => input(resource, "bucket"))).toEqual(optedIn.map((bucket) => bucket.name));
    for (const bucket of optedIn) {
      const lifecycle = lifecycles.find((resource) => input(resource, "bucket") === bucket.name) as RecordedResource;
      expect(lifecycle.inputs["rules"]).toEqual([
        { id: "bucket-keys-expire-noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: bucket.expireNoncurrentVersions?.afterDays } },
      ]);
    }
  });

  it("keeps the reports bucket private, owner-enforced, SSE-KMS with a Bucket Key, TLS-only and expiring old reports", () => {
    const bucket = named(resources(), TYPES.bucket, "reports-bucket");
    const reports = String(outputs()["reportsBucket"]);
    const on = (type: string) => one(resources(), type, (resource) => input(resource, "bucket") === reports && resource.parent === bucket.parent);
    expect(on(TYPES.publicAccessBlock).inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    expect(on(TYPES.ownership).inputs).toMatchObject({ rule: { objectOwnership: "BucketOwnerEnforced" } });
    expect(on(TYPES.encryption).inputs).toMatchObject({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: outputs()["kmsKeyArn"] }, bucketKeyEnabled: true }] });
    const policy = parsePolicy(on(TYPES.bucketPolicy).inputs["policy"]);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "AllowInventoryDeliveryFromManagedBuckets", "DenyManifestsNotEncryptedWithSseS3"]);
    expect(statement(policy, "AllowInventoryDeliveryFromManagedBuckets").Condition?.["ArnLike"]).toEqual({ "aws:SourceArn": managed.map((b) => `arn:aws:s3:::${b.name}`).sort() });
    const retention = config["bucket-keys:reports"] as Record<string, number>;
    const rules = on(TYPES.lifecycle).inputs["rules"] as { id: string; filter: { prefix?: string }; expiration?: { days: number } }[];
    expect(rules.filter((rule) => rule.expiration).map((rule) => [rule.filter.prefix, rule.expiration?.days])).toEqual([
      ["inventory/", retention["inventoryRetentionDays"]],
      ["manifests/", retention["manifestRetentionDays"]],
      ["job-reports/", retention["jobReportRetentionDays"]],
    ]);
  });

  it("writes no IAM document with a wildcard action or an unscoped resource", () => {
    const documents: [RecordedResource, string][] = [
      ...ofType(resources(), TYPES.role).map((role): [RecordedResource, string] => [role, "assumeRolePolicy"]),
      ...ofType(resources(), TYPES.rolePolicy).map((policy): [RecordedResource, string] => [policy, "policy"]),
      ...ofType(resources(), TYPES.bucketPolicy).map((policy): [RecordedResource, string] => [policy, "policy"]),
      ...ofType(resources(), TYPES.key).map((key): [RecordedResource, string] => [key, "policy"]),
    ];
    expect(documents.length).toBeGreaterThanOrEqual(stack === "dev" ? 8 : 7);
    for (const [resource, field] of documents) {
      const document = parsePolicy(resource.inputs[field]);
      expect({ resource: resource.name, wildcards: wildcardActions(document) }).toEqual({ resource: resource.name, wildcards: [] });
      const exceptions = { keyPolicy: resource.type === TYPES.key, unscopableActions: ["s3:CreateJob", "s3:ListJobs"] };
      expect({ resource: resource.name, unscoped: unscopedResources(document, exceptions) }).toEqual({ resource: resource.name, unscoped: [] });
    }
  });

  it("lets only Batch Operations of this account assume the Batch role, which holds the KMS actions jobs need", () => {
    const role = named(resources(), TYPES.role, "batch-operations-role");
    const trust = parsePolicy(role.inputs["assumeRolePolicy"]).Statement[0];
    expect(trust?.Principal).toEqual({ Service: BATCH_OPERATIONS_PRINCIPAL });
    expect(trust?.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
      ArnLike: { "aws:SourceArn": `arn:aws:s3:${String(outputs()["region"])}:${MOCK_ACCOUNT_ID}:job/*` },
    });
    const policy = parsePolicy(named(resources(), TYPES.rolePolicy, "batch-operations-policy").inputs["policy"]);
    expect(statement(policy, "EncryptWithTargetKey")).toMatchObject({ Action: [...BATCH_ROLE_TARGET_KEY_ACTIONS], Resource: [outputs()["kmsKeyArn"]] });
    expect(statement(policy, "UpdateOrCopyObjectsOfManagedBuckets").Resource).toEqual(managed.map((bucket) => `arn:aws:s3:::${bucket.name}/*`));
  });

  it("lets the executor role be assumed only from the configured apply ref or environment", () => {
    const github = config["bucket-keys:github"] as { repository: string; apply: { ref?: string; environment?: string } };
    const subject = github.apply.environment ? `repo:${github.repository}:environment:${github.apply.environment}` : `repo:${github.repository}:ref:${github.apply.ref}`;
    const trust = parsePolicy(named(resources(), TYPES.role, "github-executor").inputs["assumeRolePolicy"]).Statement[0];
    expect(trust?.Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": [subject] },
    });
    expect(trust?.Principal).toEqual({ Federated: outputs()["oidcProviderArn"] });
  });

  it("lets the planner role be assumed only from the configured repository", () => {
    const github = config["bucket-keys:github"] as { repository: string };
    const trust = parsePolicy(named(resources(), TYPES.role, "github-planner").inputs["assumeRolePolicy"]).Statement[0];
    const subjects = Object.values(trust?.Condition ?? {}).flatMap((block) => Object.entries(block)).filter(([key]) => key.endsWith(":sub")).flatMap(([, value]) => value as string[]);
    expect(subjects.length).toBeGreaterThan(0);
    for (const subject of subjects) expect(subject.startsWith(`repo:${github.repository}:`)).toBe(true);
  });

  it("nests every AWS resource in a component, and every component directly in the stack", () => {
    const byUrn = new Map(resources().map((resource) => [resource.urn, resource]));
    const root = one(resources(), TYPES.stack);
    expect(root.parent).toBeUndefined();
    for (const resource of resources().filter((r) => r !== root)) {
      const parent = byUrn.get(resource.parent ?? "");
      expect({ resource: resource.name, parent: parent?.type }).toEqual({ resource: resource.name, parent: resource.custom ? expect.stringMatching(/^bucketkeys:/) : TYPES.stack });
    }
    expect(byUrn.size).toBe(resources().length);
  });

  it("exports every output the Action and operators need, including a with: block that parses", () => {
    expect(outputs()).toMatchObject({
      accountId: MOCK_ACCOUNT_ID,
      region: config["aws:region"],
      kmsKeyArn: expect.stringMatching(/^arn:aws:kms:/),
      reportsBucket: expect.any(String),
      manifestUri: `s3://${String(outputs()["reportsBucket"])}/manifests/`,
      jobReportUri: `s3://${String(outputs()["reportsBucket"])}/job-reports/`,
      batchOperationsRoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//),
      plannerRoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//),
      executorRoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//),
    });
    expect(Object.keys(outputs()["inventoryLocations"] as object).sort()).toEqual(managed.map((bucket) => bucket.name).sort());
    const block = parseYaml(String(outputs()["actionWith"])) as { with: Record<string, string> };
    expect(block.with["kms-key-arn"]).toBe(outputs()["kmsKeyArn"]);
    expect(block.with["batch-role-arn"]).toBe(outputs()["batchOperationsRoleArn"]);
    expect(block.with["allowed-buckets"]?.trim().split("\n")).toEqual(managed.map((bucket) => bucket.name));
  });

  it("logs no warnings or errors", () => {
    expect(run().logs.filter((entry) => entry.severity === "warning" || entry.severity === "error")).toEqual([]);
  });
});

describe("stack differences between environments", () => {
  it("dev creates a rotating key and the GitHub OIDC provider", () => {
    const dev = runs.get("dev") as ProgramRun;
    expect(one(dev.resources, TYPES.key).inputs).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 7, customerMasterKeySpec: "SYMMETRIC_DEFAULT" });
    expect(one(dev.resources, TYPES.oidcProvider).inputs).toMatchObject({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
    expect(dev.outputs["requiredKeyPolicyStatements"]).toBeUndefined();
  });

  it("prod uses the existing key and provider, and says which key-policy statement the key needs", () => {
    const prod = runs.get("prod") as ProgramRun;
    expect(ofType(prod.resources, TYPES.key)).toEqual([]);
    expect(ofType(prod.resources, TYPES.oidcProvider)).toEqual([]);
    expect(prod.outputs["kmsKeyArn"]).toBe((readStackConfig("prod")["bucket-keys:kms"] as { keyArn: string }).keyArn);
    expect(prod.outputs["requiredKeyPolicyStatements"]).toEqual([expect.objectContaining({ Sid: "AllowS3ToEncryptInventoryReports", Action: ["kms:GenerateDataKey"] })]);
  });

  it("prod lets jobs decrypt with the keys objects use today", () => {
    const prod = runs.get("prod") as ProgramRun;
    const policy = parsePolicy(named(prod.resources, TYPES.rolePolicy, "batch-operations-policy").inputs["policy"]);
    expect(statement(policy, "DecryptWithCurrentObjectKeys").Resource).toEqual((readStackConfig("prod")["bucket-keys:kms"] as { sourceKeyArns: string[] }).sourceKeyArns);
  });
});
