import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertWithinQuotas, keyPolicyProblem } from "../iam/document-checks.ts";
import { buildKmsKeyPolicy } from "../iam/kms-key-policy.ts";
import type { KmsKeyPolicyArgs } from "../iam/kms-key-policy.ts";
import { toJson } from "../iam/policy-document.ts";

export interface BucketKeysKeyArgs extends KmsKeyPolicyArgs {
  /** Alias name, `alias/...`. */
  aliasName: string;
  /** Days before a deleted key is gone (7-30). */
  deletionWindowInDays: number;
}

/**
 * The customer managed key Bucket Keys derive from: symmetric, rotation enabled, with a key policy
 * that lets S3 use it (see iam/kms-key-policy.ts).
 */
export class BucketKeysKey extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: BucketKeysKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bucketkeys:kms:BucketKeysKey", name, {}, opts);
    const policy = buildKmsKeyPolicy(args);
    assertWithinQuotas([keyPolicyProblem(`policy of KMS key '${args.aliasName}'`, policy, "See docs/deploy.md.")]);
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: "S3 Bucket Keys for buckets managed by s3-bucket-keys",
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowInDays,
        policy: toJson(policy),
      },
      { parent: this },
    );
    new aws.kms.Alias(`${name}-alias`, { name: args.aliasName, targetKeyId: key.keyId }, { parent: this });
    this.arn = key.arn;
    this.keyId = key.keyId;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId });
  }
}
