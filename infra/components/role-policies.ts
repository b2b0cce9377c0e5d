import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { toJson } from "../iam/policy-document.ts";
import type { RoleDocuments, RolePolicyLayout } from "../iam/role-policy-layout.ts";

export interface RolePoliciesArgs {
  role: aws.iam.Role;
  roleName: string;
  /** Name of the inline policy. */
  inlineName: string;
  /** What the managed policies hold, for their descriptions. */
  managedDescription: string;
  /** How many managed policies the layout has (known at preview, so the resources are too). */
  layout: RolePolicyLayout;
  /** The real documents, size-checked by the caller. */
  documents: pulumi.Output<RoleDocuments>;
}

/**
 * A role's permissions as role-policy-layout.ts split them: one inline `RolePolicy`, and per managed
 * document an `iam.Policy` named `<role name>-<n>` with its `RolePolicyAttachment`. Children of `parent`,
 * named after `name`.
 */
export function createRolePolicies(parent: pulumi.Resource, name: string, args: RolePoliciesArgs): void {
  new aws.iam.RolePolicy(`${name}-policy`, { role: args.role.name, name: args.inlineName, policy: args.documents.apply((documents) => toJson(documents.inline)) }, { parent });
  args.layout.managed.forEach((_buckets, index) => {
    const number = index + 1;
    const policy = new aws.iam.Policy(
      `${name}-policy-${number}`,
      {
        name: `${args.roleName}-${number}`,
        // IAM cannot change a policy's description in place: keep it free of counts, or a new bucket would replace the policy.
        description: `${args.managedDescription}, part ${number} (s3-bucket-keys)`,
        policy: args.documents.apply((documents) => toJson(documents.managed[index] as RoleDocuments["managed"][number])),
      },
      { parent },
    );
    new aws.iam.RolePolicyAttachment(`${name}-policy-${number}-attachment`, { role: args.role.name, policyArn: policy.arn }, { parent });
  });
}
