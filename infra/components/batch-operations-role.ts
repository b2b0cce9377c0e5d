import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { buildBatchRolePolicy, buildBatchRoleTrustPolicy } from "../iam/batch-role-policy.ts";
import type { BatchRolePolicyArgs, BatchRoleTrustArgs } from "../iam/batch-role-policy.ts";
import { toJson } from "../iam/policy-document.ts";

export interface BatchOperationsRoleArgs extends BatchRoleTrustArgs, Omit<BatchRolePolicyArgs, "targetKeyArn" | "reportsBucket"> {
  roleName: string;
  targetKeyArn: pulumi.Input<string>;
  reportsBucket: pulumi.Input<string>;
}

/** The role S3 Batch Operations assumes for this project's jobs (trust and permissions in iam/batch-role-policy.ts). */
export class BatchOperationsRole extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;

  constructor(name: string, args: BatchOperationsRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:iam:BatchOperationsRole", name, {}, opts);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description: "Assumed by S3 Batch Operations to apply S3 Bucket Keys to existing objects (s3-bucket-keys)",
        assumeRolePolicy: toJson(buildBatchRoleTrustPolicy(args)),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.name,
        name: "bucket-keys-jobs",
        policy: pulumi
          .all([args.targetKeyArn, args.reportsBucket])
          .apply(([targetKeyArn, reportsBucket]) => toJson(buildBatchRolePolicy({ ...args, targetKeyArn, reportsBucket }))),
      },
      { parent: this },
    );
    this.arn = role.arn;
    this.roleName = role.name;
    this.registerOutputs({ arn: this.arn, roleName: this.roleName });
  }
}
