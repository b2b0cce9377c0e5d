import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertWithinQuotas, roleProblems } from "../iam/document-checks.ts";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, buildGitHubTrustPolicy, executorPermissions, plannerPermissions } from "../iam/github-role-policies.ts";
import { toJson } from "../iam/policy-document.ts";
import { roleDocuments, type RolePermissions, type RolePolicyLayout } from "../iam/role-policy-layout.ts";
import { createRolePolicies } from "./role-policies.ts";

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
  /** Every Batch Operations role of the stack. */
  batchRoleArns: pulumi.Input<string>[];
  plannerRoleName: string;
  executorRoleName: string;
  /** Which documents hold what (iam/stack-policy-plan.ts). */
  plannerLayout: RolePolicyLayout;
  executorLayout: RolePolicyLayout;
  /** The account's role trust policy quota, in characters. */
  trustPolicyChars: number;
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

    const trust = (subjects: readonly string[]) => this.oidcProviderArn.apply((oidcProviderArn) => buildGitHubTrustPolicy({ oidcProviderArn, subjects }));
    const role = (suffix: string, roleName: string, description: string, subjects: readonly string[], layout: RolePolicyLayout, permissions: pulumi.Output<RolePermissions>) => {
      const trustPolicy = trust(subjects);
      const created = new aws.iam.Role(`${name}-${suffix}`, { name: roleName, description, assumeRolePolicy: trustPolicy.apply(toJson) }, { parent: this });
      const documents = pulumi.all([trustPolicy, permissions]).apply(([trustDocument, rolePermissions]) => {
        const built = roleDocuments(rolePermissions, layout);
        assertWithinQuotas(roleProblems({ label: `role '${roleName}'`, trust: trustDocument, documents: built, trustPolicyChars: args.trustPolicyChars, inlineFix: "See docs/deploy.md.", trustFix: "Trust fewer subjects or raise quotas.roleTrustPolicyChars." }));
        return built;
      });
      createRolePolicies(this, `${name}-${suffix}`, { role: created, roleName, inlineName: `bucket-keys-${suffix === "planner" ? "plan" : "apply"}`, managedDescription: `GitHub Actions ${suffix}`, layout, documents });
      return created;
    };

    const planner = role(
      "planner",
      args.plannerRoleName,
      "GitHub Actions: plan Bucket Key jobs from inventory reports (s3-bucket-keys)",
      args.plannerSubjects,
      args.plannerLayout,
      pulumi.all([args.reportsBucket, args.reportsKeyArn]).apply(([reportsBucket, reportsKeyArn]) => plannerPermissions({ partition: args.partition, reportsBucket, reportsKeyArn })),
    );
    const executor = role(
      "executor",
      args.executorRoleName,
      "GitHub Actions: create and watch approved Bucket Key jobs (s3-bucket-keys)",
      args.executorSubjects,
      args.executorLayout,
      pulumi
        .all([args.reportsBucket, args.reportsKeyArn, pulumi.all(args.batchRoleArns)])
        .apply(([reportsBucket, reportsKeyArn, batchRoleArns]) =>
          executorPermissions({ partition: args.partition, region: args.region, accountId: args.accountId, reportsBucket, reportsKeyArn, batchRoleArns }),
        ),
    );

    this.plannerRoleArn = planner.arn;
    this.executorRoleArn = executor.arn;
    this.registerOutputs({ oidcProviderArn: this.oidcProviderArn, plannerRoleArn: this.plannerRoleArn, executorRoleArn: this.executorRoleArn });
  }
}
