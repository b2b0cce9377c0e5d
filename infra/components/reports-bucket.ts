import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertWithinQuotas, bucketPolicyProblem } from "../iam/document-checks.ts";
import { buildReportsBucketPolicy, type InventorySourceScope } from "../iam/reports-bucket-policy.ts";
import { toJson } from "../iam/policy-document.ts";
import { INVENTORY_PREFIX, JOB_REPORTS_PREFIX, MANIFESTS_PREFIX } from "../reports-layout.ts";

export interface ReportsBucketArgs {
  partition: string;
  accountId: string;
  /** The key the bucket's default encryption (with a Bucket Key) uses. */
  kmsKeyArn: pulumi.Input<string>;
  /** Buckets whose inventory reports S3 may deliver here. */
  sourceBuckets: readonly string[];
  /** Name them, or (when the list would not fit the policy) allow every bucket of the account. */
  inventorySources: InventorySourceScope;
  /** Days to keep inventory reports. */
  inventoryRetentionDays: number;
  /** Days to keep job manifests. */
  manifestRetentionDays: number;
  /** Days to keep completion reports. */
  jobReportRetentionDays: number;
}

/** Days after which incomplete multipart uploads are aborted. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

/**
 * The bucket that receives inventory reports, job manifests and completion reports: private,
 * owner-enforced, SSE-KMS with a Bucket Key, TLS only, old reports expired per prefix.
 */
export class ReportsBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly arn: pulumi.Output<string>;
  /** Resolves once the bucket policy is in place (inventory delivery depends on it). */
  public readonly policyReady: pulumi.Resource;

  constructor(name: string, args: ReportsBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:s3:ReportsBucket", name, {}, opts);
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false }, { parent: this });

    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      { parent: this },
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent: this });
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        expectedBucketOwner: args.accountId,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
      },
      { parent: this },
    );
    this.policyReady = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: bucket.id,
        policy: bucket.bucket.apply((reportsBucket) => {
          const policy = buildReportsBucketPolicy({ partition: args.partition, accountId: args.accountId, reportsBucket, sourceBuckets: args.sourceBuckets, inventorySources: args.inventorySources });
          assertWithinQuotas([bucketPolicyProblem(`policy of the reports bucket '${reportsBucket}'`, policy, "See docs/deploy.md.")]);
          return toJson(policy);
        }),
      },
      { parent: this, dependsOn: [publicAccess] },
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket: bucket.id, expectedBucketOwner: args.accountId, rules: buildReportsLifecycleRules(args) },
      { parent: this },
    );

    this.bucketName = bucket.bucket;
    this.arn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}

/** One expiry rule per prefix, plus cleanup of abandoned multipart uploads. */
export function buildReportsLifecycleRules(args: Pick<ReportsBucketArgs, "inventoryRetentionDays" | "manifestRetentionDays" | "jobReportRetentionDays">) {
  const expire = (id: string, prefix: string, days: number) => ({
    id,
    status: "Enabled",
    filter: { prefix: `${prefix}/` },
    expiration: { days },
  });
  return [
    expire("expire-inventory-reports", INVENTORY_PREFIX, args.inventoryRetentionDays),
    expire("expire-job-manifests", MANIFESTS_PREFIX, args.manifestRetentionDays),
    expire("expire-completion-reports", JOB_REPORTS_PREFIX, args.jobReportRetentionDays),
    { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS } },
  ];
}
