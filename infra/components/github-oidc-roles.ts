import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, buildExecutorPolicy, buildGitHubTrustPolicy, buildPlannerPolicy } from "../iam/github-role-policies.ts";
import { toJson } from "../iam/policy-document.ts";

export interface GitHubOidcRolesArgs {
  partition: string;
  region: string;
  accountId: string;
  /** Existing provider ARN; when undefined the component creates the provider. */
  oidcProviderArn?: string | undefined;
  /** Full `sub` claims the planner role trusts. */
  plannerSubjects: readonly string[];
  /** Full `sub` claims the executor role trusts (the apply ref or environment only). */
  executorSubjects: readonly string[];
  reportsBucket: pulumi.Input<string>;
  reportsKeyArn: pulumi.Input<string>;
  batchRoleArn: pulumi.Input<string>;
  plannerRoleName: string;
  executorRoleName: string;
}

/** The roles GitHub workflows assume through OIDC: the planner (plan) and the executor (apply, status). */
export class GitHubOidcRoles extends pulumi.ComponentResource {
  public readonly oidcProviderArn: pulumi.Output<string>;
  public readonly plannerRoleArn: pulumi.Output<string>;
  public readonly executorRoleArn: pulumi.Output<string>;

  constructor(name: string, args: GitHubOidcRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:iam:GitHubOidcRoles", name, {}, opts);
    this.oidcProviderArn =
      args.oidcProviderArn !== undefined
        ? pulumi.output(args.oidcProviderArn)
        : new aws.iam.OpenIdConnectProvider(`${name}-provider`, { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [GITHUB_OIDC_AUDIENCE] }, { parent: this }).arn;

    const trust = (subjects: readonly string[]) =>
      this.oidcProviderArn.apply((oidcProviderArn) => toJson(buildGitHubTrustPolicy({ oidcProviderArn, subjects })));

    const planner = new aws.iam.Role(
      `${name}-planner`,
      { name: args.plannerRoleName, description: "GitHub Actions: plan Bucket Key jobs from inventory reports (s3-bucket-keys)", assumeRolePolicy: trust(args.plannerSubjects) },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-planner-policy`,
      {
        role: planner.name,
        name: "bucket-keys-plan",
        policy: pulumi
          .all([args.reportsBucket, args.reportsKeyArn])
          .apply(([reportsBucket, reportsKeyArn]) => toJson(buildPlannerPolicy({ partition: args.partition, reportsBucket, reportsKeyArn }))),
      },
      { parent: this },
    );

    const executor = new aws.iam.Role(
      `${name}-executor`,
      { name: args.executorRoleName, description: "GitHub Actions: create and watch approved Bucket Key jobs (s3-bucket-keys)", assumeRolePolicy: trust(args.executorSubjects) },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-executor-policy`,
      {
        role: executor.name,
        name: "bucket-keys-apply",
        policy: pulumi
          .all([args.reportsBucket, args.reportsKeyArn, args.batchRoleArn])
          .apply(([reportsBucket, reportsKeyArn, batchRoleArn]) =>
            toJson(buildExecutorPolicy({ partition: args.partition, region: args.region, accountId: args.accountId, reportsBucket, reportsKeyArn, batchRoleArn })),
          ),
      },
      { parent: this },
    );

    this.plannerRoleArn = planner.arn;
    this.executorRoleArn = executor.arn;
    this.registerOutputs({ oidcProviderArn: this.oidcProviderArn, plannerRoleArn: this.plannerRoleArn, executorRoleArn: this.executorRoleArn });
  }
}
