/**
 * Bucket policy of the reports bucket: TLS only, S3 Inventory delivery only from the managed buckets
 * of this account, and job manifests only as SSE-S3 (Batch Operations cannot read a CSV manifest
 * encrypted with SSE-KMS, facts file section 2.2).
 */
import { bucketArn, objectsArn } from "../arns.ts";
import { INVENTORY_PREFIX, MANIFESTS_PREFIX } from "../reports-layout.ts";
import { policyDocument } from "./policy-document.ts";
import type { PolicyDocument, PolicyStatement } from "./policy-document.ts";

export const S3_SERVICE_PRINCIPAL = "s3.amazonaws.com";

/**
 * Which buckets S3 acts for when it delivers (or encrypts) inventory reports: the managed buckets by
 * name, or, when that list would not fit the document's quota, every bucket of this account
 * (`aws:SourceArn` = `arn:<partition>:s3:::*`, narrowed by `aws:SourceAccount`). See docs/deploy.md.
 */
export type InventorySourceScope = "listed-buckets" | "account-buckets";

/** The `aws:SourceArn` values for `scope`. */
export function inventorySourceArns(partition: string, buckets: readonly string[], scope: InventorySourceScope): string[] {
  return scope === "account-buckets" ? [bucketArn(partition, "*")] : [...buckets].sort().map((bucket) => bucketArn(partition, bucket));
}

export interface ReportsBucketPolicyArgs {
  partition: string;
  accountId: string;
  reportsBucket: string;
  /** Buckets whose inventory reports S3 may deliver here. */
  sourceBuckets: readonly string[];
  /** Defaults to listed-buckets. */
  inventorySources?: InventorySourceScope | undefined;
}

/** The statement that lets S3 deliver inventory reports of `sourceBuckets` (shape of AWS's documented example). */
export function buildInventoryDeliveryStatement(args: ReportsBucketPolicyArgs): PolicyStatement {
  const scope = args.inventorySources ?? "listed-buckets";
  return {
    Sid: scope === "listed-buckets" ? "AllowInventoryDeliveryFromManagedBuckets" : "AllowInventoryDeliveryFromBucketsOfThisAccount",
    Effect: "Allow",
    Principal: { Service: S3_SERVICE_PRINCIPAL },
    Action: ["s3:PutObject"],
    Resource: [objectsArn(args.partition, args.reportsBucket, `${INVENTORY_PREFIX}/`)],
    Condition: {
      ArnLike: { "aws:SourceArn": inventorySourceArns(args.partition, args.sourceBuckets, scope) },
      StringEquals: { "aws:SourceAccount": args.accountId, "s3:x-amz-acl": "bucket-owner-full-control" },
    },
  };
}

/** Refuses manifests that would be SSE-KMS encrypted (the bucket default), so a job never fails on them later. */
export function buildManifestsSseS3Statement(args: Pick<ReportsBucketPolicyArgs, "partition" | "reportsBucket">): PolicyStatement {
  return {
    Sid: "DenyManifestsNotEncryptedWithSseS3",
    Effect: "Deny",
    Principal: "*",
    Action: ["s3:PutObject"],
    Resource: [objectsArn(args.partition, args.reportsBucket, `${MANIFESTS_PREFIX}/`)],
    Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
  };
}

export function buildReportsBucketPolicy(args: ReportsBucketPolicyArgs): PolicyDocument {
  if (args.sourceBuckets.length === 0) throw new Error("buildReportsBucketPolicy: no source buckets");
  return policyDocument([
    {
      // A Deny covering every S3 action is the documented TLS-only pattern; it grants nothing.
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: [bucketArn(args.partition, args.reportsBucket), objectsArn(args.partition, args.reportsBucket)],
      Condition: { Bool: { "aws:SecureTransport": false } },
    },
    buildInventoryDeliveryStatement(args),
    buildManifestsSseS3Statement(args),
  ]);
}
