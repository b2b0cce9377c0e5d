/**
 * The IAM documents of the role S3 Batch Operations assumes to run this project's jobs. Actions come
 * from action/contracts/batch-permissions.ts, which the policy pack and the Action also read.
 */
import {
  BATCH_OPERATIONS_PRINCIPAL,
  BATCH_ROLE_TARGET_KEY_ACTIONS,
  COPY_OBJECT_ACTIONS,
  COPY_SOURCE_KEY_ACTIONS,
  MANIFEST_READ_ACTIONS,
  REPORT_WRITE_ACTIONS,
  UPDATE_ENCRYPTION_OBJECT_ACTIONS,
  UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS,
} from "../../action/contracts/batch-permissions.ts";
import { batchJobsArn, objectsArn } from "../arns.ts";
import { JOB_REPORTS_PREFIX, MANIFESTS_PREFIX } from "../reports-layout.ts";
import { actions, policyDocument } from "./policy-document.ts";
import type { PolicyDocument, PolicyStatement } from "./policy-document.ts";
import { inlineDocument, type BucketGrant, type RolePermissions } from "./role-policy-layout.ts";

export interface BatchRoleTrustArgs {
  partition: string;
  region: string;
  accountId: string;
  /** Add `aws:SourceArn` = a job of this account and region (see docs/deploy.md for when to drop it). */
  requireSourceArn: boolean;
}

/** Only Batch Operations, and only for jobs of this account (confused-deputy conditions). */
export function buildBatchRoleTrustPolicy(args: BatchRoleTrustArgs): PolicyDocument {
  const condition: Record<string, Record<string, string>> = {
    StringEquals: { "aws:SourceAccount": args.accountId },
  };
  if (args.requireSourceArn) condition["ArnLike"] = { "aws:SourceArn": batchJobsArn(args.partition, args.region, args.accountId) };
  return policyDocument([
    {
      Sid: "BatchOperationsOfThisAccount",
      Effect: "Allow",
      Principal: { Service: BATCH_OPERATIONS_PRINCIPAL },
      Action: ["sts:AssumeRole"],
      Condition: condition,
    },
  ]);
}

export interface BatchRolePolicyArgs {
  partition: string;
  /** Names of the buckets whose objects jobs update or copy in place. */
  buckets: readonly string[];
  /** The key jobs encrypt with (full ARN). */
  targetKeyArn: string;
  /** Keys objects are encrypted with today; jobs decrypt (copy) or re-encrypt from (update) them. */
  sourceKeyArns: readonly string[];
  reportsBucket: string;
}

/**
 * Least privilege for S3UpdateObjectEncryption and S3PutObjectCopy: the statements that do not grow
 * with the fleet (keys, manifests, reports) and the one that does (the objects of each bucket), for
 * role-policy-layout.ts to split across the role's documents. Add an action to the lists in
 * action/contracts/batch-permissions.ts, or a statement here, and the layout and the size checks
 * take it into account.
 */
export function batchRolePermissions(args: Omit<BatchRolePolicyArgs, "buckets">): RolePermissions {
  const fixed: PolicyStatement[] = [
    {
      Sid: "EncryptWithTargetKey",
      Effect: "Allow",
      Action: actions(BATCH_ROLE_TARGET_KEY_ACTIONS),
      Resource: [args.targetKeyArn],
    },
  ];
  const sourceKeys = [...new Set(args.sourceKeyArns)].filter((arn) => arn !== args.targetKeyArn).sort();
  if (sourceKeys.length > 0) {
    fixed.push({
      Sid: "DecryptWithCurrentObjectKeys",
      Effect: "Allow",
      Action: actions(UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS, COPY_SOURCE_KEY_ACTIONS),
      Resource: sourceKeys,
    });
  }
  fixed.push(
    {
      Sid: "ReadJobManifests",
      Effect: "Allow",
      Action: actions(MANIFEST_READ_ACTIONS),
      Resource: [objectsArn(args.partition, args.reportsBucket, `${MANIFESTS_PREFIX}/`)],
    },
    {
      Sid: "WriteCompletionReports",
      Effect: "Allow",
      Action: actions(REPORT_WRITE_ACTIONS),
      Resource: [objectsArn(args.partition, args.reportsBucket, `${JOB_REPORTS_PREFIX}/`)],
    },
  );
  const grants: BucketGrant[] = [
    {
      Sid: "UpdateOrCopyObjectsOfManagedBuckets",
      Action: actions(UPDATE_ENCRYPTION_OBJECT_ACTIONS, COPY_OBJECT_ACTIONS),
      resources: (bucket) => [objectsArn(args.partition, bucket)],
    },
  ];
  return { fixed, grants };
}

/** Every permission of a Batch role for `buckets`, in one document (what a small fleet's inline policy holds). */
export function buildBatchRolePolicy(args: BatchRolePolicyArgs): PolicyDocument {
  if (args.buckets.length === 0) throw new Error("buildBatchRolePolicy: no buckets; the role would have nothing to act on");
  return inlineDocument(batchRolePermissions(args), args.buckets);
}
