import { describe, expect, it } from "vitest";
import { buildExecutorPolicy, buildGitHubTrustPolicy, buildPlannerPolicy, githubSubjects } from "../../../infra/iam/github-role-policies.ts";
import { statement, unscopedResources, wildcardActions } from "./iam-assertions.ts";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/k";

describe("githubSubjects", () => {
  it("prefixes each suffix with the repository and drops duplicates", () => {
    expect(githubSubjects("acme/infra", ["ref:refs/heads/main", "*", "*"])).toEqual(["repo:acme/infra:*", "repo:acme/infra:ref:refs/heads/main"]);
  });
});

describe("buildGitHubTrustPolicy", () => {
  it("matches exact subjects with StringEquals and always pins the STS audience", () => {
    const document = buildGitHubTrustPolicy({ oidcProviderArn: PROVIDER, subjects: ["repo:acme/infra:environment:production"] });
    expect(document.Statement).toEqual([
      {
        Sid: "GitHubActionsOfThisRepository",
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": ["repo:acme/infra:environment:production"],
          },
        },
      },
    ]);
  });

  it("switches the subject match to StringLike for a repository-wide subject", () => {
    const document = buildGitHubTrustPolicy({ oidcProviderArn: PROVIDER, subjects: ["repo:acme/infra:*"] });
    expect(document.Statement[0]?.Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/infra:*"] },
    });
  });

  it.each([[[]], [["repo:acme/*"]], [["*"]]])("refuses subjects not scoped to one repository: %j", (subjects) => {
    expect(() => buildGitHubTrustPolicy({ oidcProviderArn: PROVIDER, subjects })).toThrow(/buildGitHubTrustPolicy/);
  });
});

describe("buildPlannerPolicy", () => {
  const document = buildPlannerPolicy({ partition: "aws", reportsBucket: "acme-reports", reportsKeyArn: KEY });

  it("lists and reads only the inventory prefix", () => {
    expect(statement(document, "ListInventoryReports")).toMatchObject({ Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::acme-reports"], Condition: { StringLike: { "s3:prefix": ["inventory/*"] } } });
    expect(statement(document, "ReadInventoryReports")).toMatchObject({ Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::acme-reports/inventory/*"] });
  });

  it("decrypts inventory reports with the reports key only", () => {
    expect(statement(document, "DecryptInventoryReports")).toMatchObject({ Action: ["kms:Decrypt"], Resource: [KEY] });
  });

  it("writes manifests only under the manifests prefix and only as SSE-S3", () => {
    expect(statement(document, "WriteJobManifestsWithSseS3")).toMatchObject({
      Action: ["s3:PutObject"],
      Resource: ["arn:aws:s3:::acme-reports/manifests/*"],
      Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
    });
  });

  it("cannot create jobs or pass roles", () => {
    expect(document.Statement.flatMap((s) => s.Action).filter((action) => /CreateJob|PassRole/.test(action))).toEqual([]);
  });

  it("uses no wildcard action and no unscoped resource", () => {
    expect(wildcardActions(document)).toEqual([]);
    expect(unscopedResources(document)).toEqual([]);
  });
});

describe("buildExecutorPolicy", () => {
  const document = buildExecutorPolicy({
    partition: "aws",
    region: "us-east-1",
    accountId: "123456789012",
    reportsBucket: "acme-reports",
    reportsKeyArn: KEY,
    batchRoleArns: ["arn:aws:iam::123456789012:role/batch", "arn:aws:iam::123456789012:role/batch-2"],
  });

  it("passes only the Batch roles, and only to Batch Operations", () => {
    expect(statement(document, "PassBatchRoleToBatchOperationsOnly")).toMatchObject({
      Action: ["iam:PassRole"],
      Resource: ["arn:aws:iam::123456789012:role/batch", "arn:aws:iam::123456789012:role/batch-2"],
      Condition: { StringEquals: { "iam:PassedToService": "batchoperations.s3.amazonaws.com" } },
    });
  });

  it("creates only the two job operations the plan engine emits", () => {
    expect(statement(document, "CreateBucketKeyJobs").Condition).toEqual({ StringEquals: { "s3:RequestJobOperation": ["S3PutObjectCopy", "S3UpdateObjectEncryption"] } });
  });

  it("describes, tags and cancels jobs of this account and region only", () => {
    expect(statement(document, "WatchTagAndCancelJobsOfThisAccount")).toMatchObject({
      Action: ["s3:DescribeJob", "s3:GetJobTagging", "s3:PutJobTagging", "s3:UpdateJobStatus"],
      Resource: ["arn:aws:s3:us-east-1:123456789012:job/*"],
    });
  });

  it("reads manifest metadata and completion reports but writes no object", () => {
    expect(statement(document, "ReadManifestMetadataAndCompletionReports").Resource).toEqual(["arn:aws:s3:::acme-reports/manifests/*", "arn:aws:s3:::acme-reports/job-reports/*"]);
    expect(document.Statement.flatMap((s) => s.Action).filter((action) => action.startsWith("s3:Put") && action !== "s3:PutJobTagging")).toEqual([]);
  });

  it("uses no wildcard action; only CreateJob and ListJobs, which have no resource-level permissions, use '*'", () => {
    expect(wildcardActions(document)).toEqual([]);
    expect(unscopedResources(document, { unscopableActions: ["s3:CreateJob", "s3:ListJobs"] })).toEqual([]);
    expect(unscopedResources(document)).toEqual(["CreateBucketKeyJobs: *", "ListJobs: *"]);
  });
});
