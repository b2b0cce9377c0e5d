import { describe, expect, it } from "vitest";
import { BATCH_ROLE_TARGET_KEY_ACTIONS, UPDATE_ENCRYPTION_OBJECT_ACTIONS } from "../../../action/contracts/batch-permissions.ts";
import { batchOperationsRole } from "../../../policies/iam.ts";
import { messages, runStackPolicy, type TestResource } from "../../helpers/policy-runner.ts";
import { WIRE_UNKNOWN, urnOf } from "../../helpers/policy-wire.ts";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const trust = (condition?: object) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "batchoperations.s3.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
});
const SOURCE_ACCOUNT = { StringEquals: { "aws:SourceAccount": "111122223333" } };

const permissions = (overrides: { kmsActions?: unknown; s3Resource?: unknown; s3Actions?: unknown } = {}) => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "Objects", Effect: "Allow", Action: overrides.s3Actions ?? [...UPDATE_ENCRYPTION_OBJECT_ACTIONS], Resource: overrides.s3Resource ?? "arn:aws:s3:::logs/*" },
    { Sid: "Key", Effect: "Allow", Action: overrides.kmsActions ?? [...BATCH_ROLE_TARGET_KEY_ACTIONS], Resource: KEY },
  ],
});

function role(assumeRolePolicy: unknown, extra: Record<string, unknown> = {}): TestResource {
  return { type: ROLE, name: "batch", props: { name: "bucket-keys-batch", assumeRolePolicy, ...extra } };
}

function rolePolicy(policy: unknown, roleName: unknown = "bucket-keys-batch", propertyDependencies?: Record<string, string[]>): TestResource {
  return { type: ROLE_POLICY, name: "batch-permissions", props: { role: roleName, policy }, ...(propertyDependencies ? { propertyDependencies } : {}) };
}

const run = (resources: TestResource[], config: object = {}) => runStackPolicy(batchOperationsRole, resources, config);

describe("batch-operations-role", () => {
  it("passes a role with a source-account condition and scoped, sufficient permissions (JSON strings)", async () => {
    const result = await run([role(JSON.stringify(trust(SOURCE_ACCOUNT))), rolePolicy(JSON.stringify(permissions()))]);
    expect(result.violations).toEqual([]);
  });

  it("reads policy documents given as objects too", async () => {
    expect((await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions())])).violations).toEqual([]);
  });

  it("fails a trust policy without aws:SourceAccount, on the role", async () => {
    const result = await run([role(trust()), rolePolicy(permissions())]);
    expect(result.violations).toEqual([
      {
        message: expect.stringMatching(/^role 'bucket-keys-batch': trust policy Statement\[0\] lets batchoperations\.s3\.amazonaws\.com assume it without an aws:SourceAccount condition.*"aws:SourceAccount": "<your account id>"/),
        urn: urnOf(ROLE, "batch"),
        enforcementLevel: "mandatory",
      },
    ]);
  });

  it("does not accept a wildcard source account or an IfExists operator", async () => {
    expect(messages(await run([role(trust({ StringLike: { "aws:SourceAccount": "*" } })), rolePolicy(permissions())]))).toHaveLength(1);
    expect(messages(await run([role(trust({ StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } })), rolePolicy(permissions())]))).toHaveLength(1);
  });

  it("accepts an account id that is unknown until apply", async () => {
    const result = await run([role(trust({ StringEquals: { "aws:SourceAccount": WIRE_UNKNOWN } })), rolePolicy(permissions())]);
    expect(result.violations).toEqual([]);
  });

  it("flags wildcard actions, naming the document and statement", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions({ kmsActions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncrypt*"] }))]);
    expect(result.violations).toEqual([
      {
        message: expect.stringMatching(/^role policy 'batch-permissions' \(attached to role 'bucket-keys-batch'\), statement 'Key' allows wildcard actions kms:ReEncrypt\*/),
        urn: urnOf(ROLE_POLICY, "batch-permissions"),
        enforcementLevel: "mandatory",
      },
    ]);
  });

  it.each([
    ["*", '"*" (every resource)'],
    ["arn:aws:s3:::*/*", "objects of any matching bucket"],
    ["arn:aws:s3:::prod-*/*", "objects of any matching bucket"],
  ])("flags the unscoped resource %s", async (resource, reason) => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions({ s3Resource: resource }))]);
    expect(messages(result)).toEqual([expect.stringContaining(reason)]);
  });

  it("allows object wildcards inside a named bucket", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions({ s3Resource: ["arn:aws:s3:::logs/*", "arn:aws:s3:::reports/manifests/*"] }))]);
    expect(result.violations).toEqual([]);
  });

  it("flags NotAction", async () => {
    const document = { Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "arn:aws:s3:::logs/*" }, ...permissions().Statement] };
    expect(messages(await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(document)]))).toEqual([expect.stringContaining("allows NotAction")]);
  });

  it("names the missing KMS actions as the common cause of failed jobs", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions({ kmsActions: ["kms:Decrypt"] }))]);
    expect(messages(result)).toEqual([
      expect.stringMatching(/^role 'bucket-keys-batch' is trusted by S3 Batch Operations but no policy in this stack allows kms:Encrypt, kms:GenerateDataKey, kms:ReEncryptFrom, kms:ReEncryptTo\. Without them every task on an SSE-KMS object fails with AccessDenied/),
    ]);
  });

  it("takes the required KMS actions from config", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(permissions({ kmsActions: ["kms:Decrypt"] }))], { requiredKmsActions: ["kms:Decrypt"] });
    expect(result.violations).toEqual([]);
  });

  it("counts inline policies, and managed policies attached from this stack by ARN", async () => {
    const inline = { inlinePolicies: [{ name: "objects", policy: JSON.stringify({ Statement: [permissions().Statement[0]] }) }] };
    const keyPolicy: TestResource = { type: POLICY, name: "kms", props: { arn: "arn:aws:iam::111122223333:policy/kms", policy: JSON.stringify({ Statement: [permissions().Statement[1]] }) } };
    const attachment: TestResource = { type: ATTACHMENT, name: "kms-attach", props: { role: "bucket-keys-batch", policyArn: "arn:aws:iam::111122223333:policy/kms" } };
    expect((await run([role(trust(SOURCE_ACCOUNT), inline), keyPolicy, attachment])).violations).toEqual([]);
  });

  it("matches attachments through property dependencies in preview", async () => {
    const newRole: TestResource = { type: ROLE, name: "batch", props: { name: WIRE_UNKNOWN, assumeRolePolicy: JSON.stringify(trust(SOURCE_ACCOUNT)) } };
    const result = await run([newRole, rolePolicy(JSON.stringify(permissions()), WIRE_UNKNOWN, { role: [urnOf(ROLE, "batch")] })]);
    expect(result.violations).toEqual([]);
  });

  it("says which attached policies from outside the stack it couldn't read", async () => {
    const attachment: TestResource = { type: ATTACHMENT, name: "managed", props: { role: "bucket-keys-batch", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } };
    const result = await run([role(trust(SOURCE_ACCOUNT)), attachment]);
    expect(messages(result)).toEqual([expect.stringContaining("couldn't be checked: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")]);
  });

  it("downgrades the KMS check to advisory while a permission document is unknown", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy(WIRE_UNKNOWN)]);
    expect(messages(result, "mandatory")).toEqual([]);
    expect(messages(result, "advisory")).toEqual([expect.stringContaining("role policy 'batch-permissions' not known until apply")]);
  });

  it("reports a permission document that is not JSON", async () => {
    const result = await run([role(trust(SOURCE_ACCOUNT)), rolePolicy("{not json")]);
    expect(messages(result)[0]).toMatch(/^role policy 'batch-permissions' \(attached to role 'bucket-keys-batch'\) is not valid JSON/);
  });

  it("ignores roles other services assume", async () => {
    const lambda = { Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    const result = await run([role(JSON.stringify(lambda)), rolePolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }))]);
    expect(result.violations).toEqual([]);
  });

  it("rejects a wildcard in the configured actions", async () => {
    await expect(run([], { requiredKmsActions: ["kms:ReEncrypt*"] })).rejects.toThrow('requiredKmsActions[0]: an action is spelled out in full, like "kms:Decrypt" (no wildcards)');
  });
});
