/**
 * The stack configuration of the Pulumi program, as a zod schema. Every object is strict, so a
 * misspelt option fails the preview instead of being ignored. Cross-field rules (a bucket listed
 * twice, a key that is both created and given) live in `parseStackConfig`.
 */
import { z } from "zod";
import { SUPPORTED_INVENTORY_FORMATS } from "../../action/contracts/inventory-fields.ts";
import {
  BUCKET_NAME_PATTERN,
  EXAMPLE_KMS_KEY_ARN,
  EXAMPLE_OIDC_PROVIDER_ARN,
  GITHUB_OIDC_PROVIDER_ARN_PATTERN,
  KMS_KEY_ARN_PATTERN,
} from "../arns.ts";
import { DEFAULT_MANAGED_POLICIES_PER_ROLE, DEFAULT_ROLE_TRUST_POLICY_CHARS, MAX_MANAGED_POLICIES_PER_ROLE } from "../iam/policy-quotas.ts";

/** Inventory configuration id, the `<config-ID>` path segment of every report. */
export const DEFAULT_INVENTORY_CONFIG_ID = "bucket-keys";

function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown option (expected one of: ${known})` : undefined,
  });
}

const bucketName = z
  .string()
  .regex(BUCKET_NAME_PATTERN, "expected an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, like 'acme-app-data'");

const kmsKeyArn = z
  .string()
  .regex(KMS_KEY_ARN_PATTERN, `expected a full KMS key ARN like '${EXAMPLE_KMS_KEY_ARN}' (aliases and key IDs are not accepted by S3UpdateObjectEncryption)`);

/** CSV or Parquet: the report formats the plan engine reads (S3 Inventory's third, ORC, it cannot). */
const inventoryFormat = z.enum(SUPPORTED_INVENTORY_FORMATS, {
  error: `expected "CSV" or "Parquet", the formats the plan engine reads (it cannot read ORC)`,
});

const days = (min: number, max: number) => z.number().int().min(min).max(max);

const exemption = strictObject({
  /** Why this bucket keeps its current encryption; shown in the `exemptions` output. */
  reason: z.string().trim().min(1, "give the reason this bucket is exempt"),
});

const noncurrentExpiration = strictObject({
  /** Noncurrent versions are deleted this many days after they stop being current. */
  afterDays: days(1, 36500),
  /**
   * Must be `true`: a lifecycle configuration resource replaces every lifecycle rule the bucket
   * already has. Setting it states that the bucket has no other rules (or that you moved them here).
   */
  replaceLifecycleConfiguration: z.literal(true, {
    error: "must be true: this replaces the bucket's whole lifecycle configuration, so any rule it has today is deleted. Move existing rules elsewhere first, or remove expireNoncurrentVersions",
  }),
});

export const managedBucketSchema = strictObject({
  /** Name of an existing general purpose bucket in the stack's account and region. */
  name: bucketName,
  /** Whether versioning is (or was ever) enabled: the inventory then lists every version. Defaults to false. */
  versioned: z.boolean().default(false),
  /** Leave the bucket's encryption and inventory alone, for the reason given. */
  exempt: exemption.optional(),
  /** Opt-in: expire noncurrent versions (old unencrypted versions go away). Off by default. */
  expireNoncurrentVersions: noncurrentExpiration.optional(),
  /** This bucket's inventory, where it differs from the stack's `inventory` settings. */
  inventory: strictObject({
    /** Report format for this bucket: CSV or Parquet (both read by the plan engine). Defaults to the stack's `inventory.format`. */
    format: inventoryFormat.optional(),
  }).optional(),
});

const kmsSchema = strictObject({
  /** Create a customer managed key with rotation. Defaults to false (then `keyArn` is required). */
  create: z.boolean().default(false),
  /** An existing key (same account and region as the stack) to encrypt with. */
  keyArn: kmsKeyArn.optional(),
  /** Keys objects are encrypted with today, which Batch Operations must decrypt. Defaults to none. */
  sourceKeyArns: z.array(kmsKeyArn).default([]),
  /** Waiting period before a deleted key is gone (created key only). Defaults to 30. */
  deletionWindowInDays: days(7, 30).default(30),
  /**
   * Let every principal of this account use the created key through S3 (as the AWS managed `aws/s3`
   * key does), so readers of objects moved from SSE-S3 keep working. Defaults to true.
   */
  allowUseThroughS3ByAccount: z.boolean().default(true),
});

const inventorySchema = strictObject({
  /** How often S3 writes a report. Defaults to Weekly. */
  frequency: z.enum(["Daily", "Weekly"]).default("Weekly"),
  /** `auto` lists every version of versioned buckets and current versions of the others. Defaults to auto. */
  includedVersions: z.enum(["auto", "All", "Current"]).default("auto"),
  /** Report format of every bucket (a bucket's own `inventory.format` overrides it): CSV or Parquet. Defaults to CSV. */
  format: inventoryFormat.default("CSV"),
  /** Inventory configuration id. Defaults to "bucket-keys". */
  configId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "expected 1-64 letters, digits, dots, underscores or hyphens").default(DEFAULT_INVENTORY_CONFIG_ID),
});

const reportsSchema = strictObject({
  /** Use this existing bucket instead of creating one; its policy is then yours to manage. */
  existingBucket: bucketName.optional(),
  /** Days to keep inventory reports. Defaults to 30. */
  inventoryRetentionDays: days(1, 3650).default(30),
  /** Days to keep job manifests (they must outlive the pull request review). Defaults to 90. */
  manifestRetentionDays: days(7, 3650).default(90),
  /** Days to keep Batch Operations completion reports. Defaults to 365. */
  jobReportRetentionDays: days(1, 3650).default(365),
});

const applySchema = strictObject({
  /** The only git ref the executor role trusts, like `refs/heads/main`. */
  ref: z.string().regex(/^refs\/(heads|tags)\/[^\s*?]+$/, "expected a full git ref without wildcards, like 'refs/heads/main'").optional(),
  /** The only GitHub environment the executor role trusts, like `production`. */
  environment: z.string().regex(/^[^\s*?:]{1,255}$/, "expected a GitHub environment name without wildcards or colons, like 'production'").optional(),
});

const githubSchema = strictObject({
  /** The repository whose workflows assume the roles, `owner/repo`. */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "expected 'owner/repo' without wildcards, like 'acme/storage-encryption'"),
  /** Use this existing GitHub OIDC provider. */
  oidcProviderArn: z.string().regex(GITHUB_OIDC_PROVIDER_ARN_PATTERN, `expected an IAM OIDC provider ARN like '${EXAMPLE_OIDC_PROVIDER_ARN}'`).optional(),
  /** Create the account's GitHub OIDC provider (there can be only one per account). Defaults to false. */
  createOidcProvider: z.boolean().default(false),
  /**
   * `sub` claims (after `repo:owner/repo:`) the planner role trusts. Defaults to ["*"], any workflow
   * of the repository; narrow it to e.g. ["ref:refs/heads/main"].
   */
  plannerSubjects: z
    .array(z.string().regex(/^(\*|ref:refs\/(heads|tags)\/[^\s]+|environment:[^\s:]+|pull_request)$/, "expected '*', 'ref:refs/heads/<branch>', 'environment:<name>' or 'pull_request'"))
    .min(1)
    .default(["*"]),
  /** What the executor role trusts: exactly one of `ref` or `environment`. */
  apply: applySchema,
});

const batchRoleSchema = strictObject({
  /**
   * Also require `aws:SourceArn` = a Batch Operations job of this account and region in the trust
   * policy. Defaults to true; set false only if jobs fail to assume the role (see docs/deploy.md).
   */
  requireSourceArn: z.boolean().default(true),
});

/**
 * IAM quotas an account can raise (Service Quotas, service "IAM"). The stack splits its role
 * policies to fit them; set them to the account's values once raised.
 */
const quotasSchema = strictObject({
  /** Managed policies one role may have attached ("Managed policies per role"). Defaults to 10, IAM's default. */
  managedPoliciesPerRole: z.number().int().min(1).max(MAX_MANAGED_POLICIES_PER_ROLE).default(DEFAULT_MANAGED_POLICIES_PER_ROLE),
  /** Characters a role trust policy may have ("Role trust policy length"). Defaults to 2048, IAM's default. */
  roleTrustPolicyChars: z.number().int().min(DEFAULT_ROLE_TRUST_POLICY_CHARS).max(8192).default(DEFAULT_ROLE_TRUST_POLICY_CHARS),
});

export const stackConfigSchema = strictObject({
  buckets: z.array(managedBucketSchema).min(1, "list at least one bucket to manage"),
  kms: kmsSchema,
  inventory: inventorySchema.default(inventorySchema.parse({})),
  reports: reportsSchema.default(reportsSchema.parse({})),
  github: githubSchema,
  batchRole: batchRoleSchema.default(batchRoleSchema.parse({})),
  quotas: quotasSchema.default(quotasSchema.parse({})),
  /** Prefix of IAM role and KMS alias names. Defaults to `bucket-keys-<stack>`. */
  namePrefix: z.string().regex(/^[A-Za-z0-9+=,.@_-]{1,50}$/, "expected 1-50 characters allowed in IAM role names").optional(),
});

export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type ParsedStackConfig = z.output<typeof stackConfigSchema>;
export type ManagedBucketConfig = z.output<typeof managedBucketSchema>;

/** Config keys whose values are objects or lists (JSON in PULUMI_CONFIG); the others are plain strings. */
export const OBJECT_CONFIG_KEYS: ReadonlySet<string> = new Set(["buckets", "kms", "inventory", "reports", "github", "batchRole", "quotas"]);
