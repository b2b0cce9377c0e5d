/**
 * IAM documents of the two roles GitHub workflows assume through OIDC: the planner (reads inventory,
 * writes manifests) and the executor (creates and watches Batch Operations jobs).
 */
import { BATCH_OPERATIONS_PRINCIPAL } from "../../action/contracts/batch-permissions.ts";
import { batchJobsArn, bucketArn, objectsArn } from "../arns.ts";
import { INVENTORY_PREFIX, JOB_REPORTS_PREFIX, MANIFESTS_PREFIX } from "../reports-layout.ts";
import { actions, policyDocument } from "./policy-document.ts";
import type { PolicyDocument } from "./policy-document.ts";
import { inlineDocument, type RolePermissions } from "./role-policy-layout.ts";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** Job operations the executor may create: the two the plan engine emits. */
export const EXECUTOR_JOB_OPERATIONS = ["S3PutObjectCopy", "S3UpdateObjectEncryption"] as const;

/** `sub` claims for `repo:<owner>/<repo>:<suffix>`. */
export function githubSubjects(repository: string, suffixes: readonly string[]): string[] {
  return [...new Set(suffixes.map((suffix) => `repo:${repository}:${suffix}`))].sort();
}

export interface GitHubTrustArgs {
  oidcProviderArn: string;
  /** Full `sub` values; a `*` in any of them switches the match to StringLike. */
  subjects: readonly string[];
}

/** Trusted only for tokens GitHub issued for AWS STS whose `sub` is one of `subjects`. */
export function buildGitHubTrustPolicy(args: GitHubTrustArgs): PolicyDocument {
  if (args.subjects.length === 0) throw new Error("buildGitHubTrustPolicy: no subjects; the role would trust every repository");
  for (const subject of args.subjects) {
    if (!/^repo:[A-Za-z0-9-]+\/[A-Za-z0-9._-]+:\S+$/.test(subject)) throw new Error(`buildGitHubTrustPolicy: subject '${subject}' is not scoped to one repository ('repo:owner/repo:...')`);
  }
  const subjectOperator = args.subjects.some((subject) => subject.includes("*")) ? "StringLike" : "StringEquals";
  const subjects = [...args.subjects].sort();
  return policyDocument([
    {
      Sid: "GitHubActionsOfThisRepository",
      Effect: "Allow",
      Principal: { Federated: args.oidcProviderArn },
      Action: ["sts:AssumeRoleWithWebIdentity"],
      Condition:
        subjectOperator === "StringEquals"
          ? { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subjects } }
          : { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE }, StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subjects } },
    },
  ]);
}

export interface PlannerPolicyArgs {
  partition: string;
  reportsBucket: string;
  /** The key inventory reports are encrypted with. */
  reportsKeyArn: string;
}

/**
 * Read inventory reports, write job manifests (SSE-S3: Batch Operations cannot read SSE-KMS CSV
 * manifests). A statement that names each managed bucket belongs in `grants`, so the layout splits it
 * across managed policies when the fleet is large.
 */
export function plannerPermissions(args: PlannerPolicyArgs): RolePermissions {
  return { fixed: [
    {
      Sid: "ListInventoryReports",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [bucketArn(args.partition, args.reportsBucket)],
      Condition: { StringLike: { "s3:prefix": [`${INVENTORY_PREFIX}/*`] } },
    },
    {
      Sid: "ReadInventoryReports",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [objectsArn(args.partition, args.reportsBucket, `${INVENTORY_PREFIX}/`)],
    },
    {
      Sid: "DecryptInventoryReports",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [args.reportsKeyArn],
    },
    {
      Sid: "WriteJobManifestsWithSseS3",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: [objectsArn(args.partition, args.reportsBucket, `${MANIFESTS_PREFIX}/`)],
      Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
    },
  ], grants: [] };
}

export function buildPlannerPolicy(args: PlannerPolicyArgs): PolicyDocument {
  return inlineDocument(plannerPermissions(args), []);
}

export interface ExecutorPolicyArgs {
  partition: string;
  region: string;
  accountId: string;
  reportsBucket: string;
  reportsKeyArn: string;
  /** Every Batch Operations role of the stack (one per group of buckets). */
  batchRoleArns: readonly string[];
}

/**
 * Create, describe, tag and cancel jobs; pass only the Batch roles, only to Batch Operations; read
 * reports. A statement that names each managed bucket belongs in `grants` (see plannerPermissions).
 */
export function executorPermissions(args: ExecutorPolicyArgs): RolePermissions {
  const jobs = batchJobsArn(args.partition, args.region, args.accountId);
  return { fixed: [
    {
      // CreateJob has no resource-level permissions (resource "*"); the operation condition scopes it.
      Sid: "CreateBucketKeyJobs",
      Effect: "Allow",
      Action: ["s3:CreateJob"],
      Resource: ["*"],
      Condition: { StringEquals: { "s3:RequestJobOperation": [...EXECUTOR_JOB_OPERATIONS] } },
    },
    {
      // ListJobs has no resource-level permissions either; it reveals job metadata only.
      Sid: "ListJobs",
      Effect: "Allow",
      Action: ["s3:ListJobs"],
      Resource: ["*"],
    },
    {
      Sid: "WatchTagAndCancelJobsOfThisAccount",
      Effect: "Allow",
      Action: actions(["s3:DescribeJob", "s3:GetJobTagging", "s3:PutJobTagging", "s3:UpdateJobStatus"]),
      Resource: [jobs],
    },
    {
      Sid: "PassBatchRoleToBatchOperationsOnly",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [...args.batchRoleArns],
      Condition: { StringEquals: { "iam:PassedToService": BATCH_OPERATIONS_PRINCIPAL } },
    },
    {
      Sid: "ReadManifestMetadataAndCompletionReports",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: [
        objectsArn(args.partition, args.reportsBucket, `${MANIFESTS_PREFIX}/`),
        objectsArn(args.partition, args.reportsBucket, `${JOB_REPORTS_PREFIX}/`),
      ],
    },
    {
      Sid: "ListCompletionReports",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [bucketArn(args.partition, args.reportsBucket)],
      Condition: { StringLike: { "s3:prefix": [`${JOB_REPORTS_PREFIX}/*`] } },
    },
    {
      Sid: "DecryptReports",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [args.reportsKeyArn],
    },
  ], grants: [] };
}

export function buildExecutorPolicy(args: ExecutorPolicyArgs): PolicyDocument {
  return inlineDocument(executorPermissions(args), []);
}
