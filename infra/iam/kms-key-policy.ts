/**
 * Key policy of the key the stack creates. No wildcard actions: administration and use are listed
 * action by action. In a key policy `Resource: "*"` means "this key".
 */
import { accountRootArn, s3ViaService } from "../arns.ts";
import { S3_SERVICE_PRINCIPAL, inventorySourceArns, type InventorySourceScope } from "./reports-bucket-policy.ts";
import { actions, policyDocument } from "./policy-document.ts";
import type { PolicyDocument, PolicyStatement } from "./policy-document.ts";

/** What the account's administrators (through IAM policies) may do to the key, including keeping it manageable. */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:CreateGrant",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
] as const;

/** Cryptographic use of the key, for principals an IAM policy (or the S3 statement) allows. */
export const KEY_USE_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
] as const;

export interface KmsKeyPolicyArgs {
  partition: string;
  accountId: string;
  region: string;
  /** Buckets whose inventory S3 encrypts with this key. */
  inventorySourceBuckets: readonly string[];
  allowUseThroughS3ByAccount: boolean;
  /** Defaults to listed-buckets. */
  inventorySources?: InventorySourceScope | undefined;
}

/** S3 encrypts inventory reports with the key (GenerateDataKey), only for this account's managed buckets. */
export function buildInventoryKeyStatement(args: Pick<KmsKeyPolicyArgs, "partition" | "accountId" | "inventorySourceBuckets" | "inventorySources">): PolicyStatement {
  return {
    Sid: "AllowS3ToEncryptInventoryReports",
    Effect: "Allow",
    Principal: { Service: S3_SERVICE_PRINCIPAL },
    Action: ["kms:GenerateDataKey"],
    Resource: ["*"],
    Condition: {
      StringEquals: { "aws:SourceAccount": args.accountId },
      ArnLike: { "aws:SourceArn": inventorySourceArns(args.partition, args.inventorySourceBuckets, args.inventorySources ?? "listed-buckets") },
    },
  };
}

/** Principals of this account may use the key only through S3 in this region (like the `aws/s3` key). */
export function buildUseThroughS3Statement(args: Pick<KmsKeyPolicyArgs, "accountId" | "region">): PolicyStatement {
  return {
    Sid: "AllowUseThroughS3ByPrincipalsOfThisAccount",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: actions(KEY_USE_ACTIONS),
    Resource: ["*"],
    Condition: { StringEquals: { "kms:CallerAccount": args.accountId, "kms:ViaService": s3ViaService(args.region) } },
  };
}

export function buildKmsKeyPolicy(args: KmsKeyPolicyArgs): PolicyDocument {
  const root = accountRootArn(args.partition, args.accountId);
  const statements: PolicyStatement[] = [
    { Sid: "KeyAdministrationThroughIam", Effect: "Allow", Principal: { AWS: root }, Action: actions(KEY_ADMIN_ACTIONS), Resource: ["*"] },
    { Sid: "KeyUseThroughIam", Effect: "Allow", Principal: { AWS: root }, Action: actions(KEY_USE_ACTIONS), Resource: ["*"] },
    buildInventoryKeyStatement(args),
  ];
  if (args.allowUseThroughS3ByAccount) statements.push(buildUseThroughS3Statement(args));
  return policyDocument(statements);
}
