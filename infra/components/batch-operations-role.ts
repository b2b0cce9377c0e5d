import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchRolePermissions, buildBatchRoleTrustPolicy } from "../iam/batch-role-policy.ts";
import type { BatchRoleTrustArgs } from "../iam/batch-role-policy.ts";
import { assertWithinQuotas, roleProblems } from "../iam/document-checks.ts";
import { toJson } from "../iam/policy-document.ts";
import { roleDocuments, type RolePolicyLayout } from "../iam/role-policy-layout.ts";
import { createRolePolicies } from "./role-policies.ts";

export interface BatchOperationsRoleArgs extends BatchRoleTrustArgs {
  roleName: string;
  /** Which buckets each of the role's documents holds (iam/stack-policy-plan.ts). */
  layout: RolePolicyLayout;
  /** The key jobs encrypt with. */
  targetKeyArn: pulumi.Input<string>;
  /** Keys objects are encrypted with today. */
  sourceKeyArns: readonly string[];
  reportsBucket: pulumi.Input<string>;
  /** The account's role trust policy quota, in characters. */
  trustPolicyChars: number;
}

/**
 * A role S3 Batch Operations assumes for this project's jobs on one group of buckets: trust and
 * permissions in iam/batch-role-policy.ts, split into an inline policy and managed policies by
 * iam/role-policy-layout.ts.
 */
export class BatchOperationsRole extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: BatchOperationsRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:iam:BatchOperationsRole", name, {}, opts);
    const trust = buildBatchRoleTrustPolicy(args);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "Assumed by S3 Batch Operations to apply S3 Bucket Keys to existing objects (s3-bucket-keys)",
        assumeRolePolicy: toJson(trust),
      },
      { parent: this },
    );
    const documents = pulumi.all([args.targetKeyArn, args.reportsBucket]).apply(([targetKeyArn, reportsBucket]) => {
      const built = roleDocuments(batchRolePermissions({ partition: args.partition, targetKeyArn, sourceKeyArns: args.sourceKeyArns, reportsBucket }), args.layout);
      assertWithinQuotas(roleProblems({ label: `Batch Operations role '${args.roleName}'`, trust, documents: built, trustPolicyChars: args.trustPolicyChars, inlineFix: "List fewer kms.sourceKeyArns.", trustFix: "Raise quotas.roleTrustPolicyChars." }));
      return built;
    });
    createRolePolicies(this, name, { role, roleName: args.roleName, inlineName: "bucket-keys-jobs", managedDescription: "Objects S3 Batch Operations jobs may update or copy", layout: args.layout, documents });
    this.arn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ arn: this.arn, roleName: this.roleName });
  }
}
