import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { INVENTORY_OPTIONAL_FIELDS, type InventoryFormat } from "../../action/contracts/inventory-fields.ts";
import { INVENTORY_PREFIX, inventoryLocation } from "../reports-layout.ts";

export interface ManagedBucketArgs {
  /** Name of the existing bucket. */
  bucket: string;
  /** Account that must own the bucket (every change is sent with expectedBucketOwner). */
  accountId: string;
  /** Key for default encryption and for the inventory reports. */
  kmsKeyArn: pulumi.Input<string>;
  reportsBucketName: pulumi.Input<string>;
  reportsBucketArn: pulumi.Input<string>;
  inventory: {
    configId: string;
    frequency: "Daily" | "Weekly";
    /** `All` for versioned buckets. */
    includedObjectVersions: "All" | "Current";
    /** The report format: CSV or Parquet (both read by the plan engine). */
    format: InventoryFormat;
  };
  /** Opt-in: expire noncurrent versions after this many days. Undefined leaves lifecycle alone. */
  noncurrentVersionExpirationDays?: number | undefined;
}

/** Id of the lifecycle rule this program writes. */
export const NONCURRENT_EXPIRATION_RULE_ID = "bucket-keys-expire-noncurrent-versions";

/**
 * One existing bucket brought onto Bucket Keys: SSE-KMS default encryption with a Bucket Key (new
 * writes), an inventory that records encryption and Bucket Key status (what is left), and,
 * opt-in, expiry of noncurrent versions.
 */
export class ManagedBucket extends pulumi.ComponentResource {
  public readonly bucket: string;
  /** Folder the inventory reports land in; the Action's `inventory` input. */
  public readonly inventoryLocation: pulumi.Output<string>;

  constructor(name: string, args: ManagedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:s3:ManagedBucket", name, {}, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: args.bucket,
        expectedBucketOwner: args.accountId,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
      },
      { parent: this },
    );
    new aws.s3.Inventory(
      `${name}-inventory`,
      {
        bucket: args.bucket,
        name: args.inventory.configId,
        enabled: true,
        includedObjectVersions: args.inventory.includedObjectVersions,
        schedule: { frequency: args.inventory.frequency },
        optionalFields: [...INVENTORY_OPTIONAL_FIELDS],
        destination: {
          bucket: {
            bucketArn: args.reportsBucketArn,
            accountId: args.accountId,
            format: args.inventory.format,
            prefix: INVENTORY_PREFIX,
            encryption: { sseKms: { keyId: args.kmsKeyArn } },
          },
        },
      },
      { parent: this },
    );
    if (args.noncurrentVersionExpirationDays !== undefined) {
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
          bucket: args.bucket,
          expectedBucketOwner: args.accountId,
          rules: [
            {
              id: NONCURRENT_EXPIRATION_RULE_ID,
              status: "Enabled",
              filter: {},
              noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays },
            },
          ],
        },
        { parent: this },
      );
    }
    this.bucket = args.bucket;
    this.inventoryLocation = pulumi.output(args.reportsBucketName).apply((reports) => inventoryLocation(reports, args.bucket, args.inventory.configId));
    this.registerOutputs({ bucket: this.bucket, inventoryLocation: this.inventoryLocation });
  }
}
