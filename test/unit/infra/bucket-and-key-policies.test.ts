import { describe, expect, it } from "vitest";
import { KEY_ADMIN_ACTIONS, buildKmsKeyPolicy } from "../../../infra/iam/kms-key-policy.ts";
import { buildReportsBucketPolicy } from "../../../infra/iam/reports-bucket-policy.ts";
import { statement, unscopedResources, wildcardActions } from "./iam-assertions.ts";

describe("buildReportsBucketPolicy", () => {
  const document = buildReportsBucketPolicy({ partition: "aws", accountId: "123456789012", reportsBucket: "acme-reports", sourceBuckets: ["b-two", "a-one"] });

  it("denies every request not sent over TLS, on the bucket and its objects", () => {
    expect(statement(document, "DenyInsecureTransport")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"],
      Condition: { Bool: { "aws:SecureTransport": false } },
    });
  });

  it("lets S3 deliver inventory reports only from the managed buckets of this account, into the inventory prefix", () => {
    expect(statement(document, "AllowInventoryDeliveryFromManagedBuckets")).toEqual({
      Sid: "AllowInventoryDeliveryFromManagedBuckets",
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: ["arn:aws:s3:::acme-reports/inventory/*"],
      Condition: {
        ArnLike: { "aws:SourceArn": ["arn:aws:s3:::a-one", "arn:aws:s3:::b-two"] },
        StringEquals: { "aws:SourceAccount": "123456789012", "s3:x-amz-acl": "bucket-owner-full-control" },
      },
    });
  });

  it("allows delivery from every bucket of this account, not named, when asked to (a fleet too large to name)", () => {
    const wide = buildReportsBucketPolicy({ partition: "aws", accountId: "123456789012", reportsBucket: "acme-reports", sourceBuckets: ["b-two", "a-one"], inventorySources: "account-buckets" });
    expect(statement(wide, "AllowInventoryDeliveryFromBucketsOfThisAccount").Condition).toEqual({
      ArnLike: { "aws:SourceArn": ["arn:aws:s3:::*"] },
      StringEquals: { "aws:SourceAccount": "123456789012", "s3:x-amz-acl": "bucket-owner-full-control" },
    });
  });

  it("refuses manifests that are not SSE-S3, which Batch Operations could not read", () => {
    expect(statement(document, "DenyManifestsNotEncryptedWithSseS3")).toMatchObject({
      Effect: "Deny",
      Action: ["s3:PutObject"],
      Resource: ["arn:aws:s3:::acme-reports/manifests/*"],
      Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
    });
  });

  it("allows nothing with a wildcard action (the wildcard is only in a Deny)", () => {
    expect(wildcardActions(document)).toEqual([]);
    expect(unscopedResources(document)).toEqual([]);
  });
});

describe("buildKmsKeyPolicy", () => {
  const args = { partition: "aws", accountId: "123456789012", region: "us-east-1", inventorySourceBuckets: ["acme-data"], allowUseThroughS3ByAccount: true };
  const document = buildKmsKeyPolicy(args);

  it("keeps the key manageable by the account through IAM, listing each admin action", () => {
    expect(statement(document, "KeyAdministrationThroughIam")).toMatchObject({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: [...KEY_ADMIN_ACTIONS].sort() });
    expect(KEY_ADMIN_ACTIONS).toContain("kms:PutKeyPolicy");
  });

  it("lets S3 encrypt inventory reports of the managed buckets of this account only", () => {
    expect(statement(document, "AllowS3ToEncryptInventoryReports")).toMatchObject({
      Principal: { Service: "s3.amazonaws.com" },
      Action: ["kms:GenerateDataKey"],
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": ["arn:aws:s3:::acme-data"] } },
    });
  });

  it("lets principals of this account use the key only through S3 in the stack's region", () => {
    expect(statement(document, "AllowUseThroughS3ByPrincipalsOfThisAccount").Condition).toEqual({
      StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "s3.us-east-1.amazonaws.com" },
    });
  });

  it("omits the account-wide S3 statement when turned off", () => {
    expect(buildKmsKeyPolicy({ ...args, allowUseThroughS3ByAccount: false }).Statement.map((s) => s.Sid)).not.toContain("AllowUseThroughS3ByPrincipalsOfThisAccount");
  });

  it("lists every action (no kms:*), and Resource '*' only in its key-policy meaning", () => {
    expect(wildcardActions(document)).toEqual([]);
    expect(unscopedResources(document, { keyPolicy: true })).toEqual([]);
  });
});
