import { describe, expect, it } from "vitest";
import {
  BATCH_OPERATIONS_PRINCIPAL,
  BATCH_ROLE_TARGET_KEY_ACTIONS,
  COPY_OBJECT_ACTIONS,
  COPY_SOURCE_KEY_ACTIONS,
  MANIFEST_READ_ACTIONS,
  REPORT_WRITE_ACTIONS,
  UPDATE_ENCRYPTION_OBJECT_ACTIONS,
  UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS,
} from "../../../action/contracts/batch-permissions.ts";
import { buildBatchRolePolicy, buildBatchRoleTrustPolicy } from "../../../infra/iam/batch-role-policy.ts";
import { statement, unscopedResources, wildcardActions } from "./iam-assertions.ts";

const TARGET = "arn:aws:kms:us-east-1:123456789012:key/target";
const OLD = "arn:aws:kms:us-east-1:123456789012:key/old";
const args = { partition: "aws", buckets: ["acme-data", "acme-logs"], targetKeyArn: TARGET, sourceKeyArns: [OLD, TARGET, OLD], reportsBucket: "acme-reports" };

describe("buildBatchRoleTrustPolicy", () => {
  const trust = { partition: "aws", region: "eu-west-1", accountId: "123456789012", requireSourceArn: true };

  it("trusts only the Batch Operations service principal, for this account's jobs in this region", () => {
    const document = buildBatchRoleTrustPolicy(trust);
    expect(document.Statement).toEqual([
      {
        Sid: "BatchOperationsOfThisAccount",
        Effect: "Allow",
        Principal: { Service: BATCH_OPERATIONS_PRINCIPAL },
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: { "aws:SourceAccount": "123456789012" },
          ArnLike: { "aws:SourceArn": "arn:aws:s3:eu-west-1:123456789012:job/*" },
        },
      },
    ]);
  });

  it("keeps the source-account condition when the source-ARN condition is turned off", () => {
    const document = buildBatchRoleTrustPolicy({ ...trust, requireSourceArn: false });
    expect(document.Statement[0]?.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });
});

describe("buildBatchRolePolicy", () => {
  const document = buildBatchRolePolicy(args);

  it("grants every object action both operations need, on the objects of the managed buckets only", () => {
    const objects = statement(document, "UpdateOrCopyObjectsOfManagedBuckets");
    expect(objects.Action).toEqual([...new Set([...UPDATE_ENCRYPTION_OBJECT_ACTIONS, ...COPY_OBJECT_ACTIONS])].sort());
    expect(objects.Resource).toEqual(["arn:aws:s3:::acme-data/*", "arn:aws:s3:::acme-logs/*"]);
  });

  it("grants the KMS actions of both operations on the target key", () => {
    const target = statement(document, "EncryptWithTargetKey");
    expect(target.Action).toEqual([...BATCH_ROLE_TARGET_KEY_ACTIONS]);
    expect(target.Resource).toEqual([TARGET]);
  });

  it("grants decrypt and re-encrypt-from on the keys objects use today, without repeating the target key", () => {
    const source = statement(document, "DecryptWithCurrentObjectKeys");
    expect(source.Action).toEqual([...new Set([...UPDATE_ENCRYPTION_SOURCE_KEY_ACTIONS, ...COPY_SOURCE_KEY_ACTIONS])].sort());
    expect(source.Resource).toEqual([OLD]);
  });

  it("has no source-key statement when no other keys are configured", () => {
    expect(buildBatchRolePolicy({ ...args, sourceKeyArns: [] }).Statement.map((s) => s.Sid)).not.toContain("DecryptWithCurrentObjectKeys");
  });

  it("reads manifests and writes reports only under their prefixes", () => {
    expect(statement(document, "ReadJobManifests")).toMatchObject({ Action: [...MANIFEST_READ_ACTIONS].sort(), Resource: ["arn:aws:s3:::acme-reports/manifests/*"] });
    expect(statement(document, "WriteCompletionReports")).toMatchObject({ Action: [...REPORT_WRITE_ACTIONS], Resource: ["arn:aws:s3:::acme-reports/job-reports/*"] });
  });

  it("uses no wildcard action and no unscoped resource", () => {
    expect(wildcardActions(document)).toEqual([]);
    expect(unscopedResources(document)).toEqual([]);
  });

  it("builds ARNs in the given partition", () => {
    const china = buildBatchRolePolicy({ ...args, partition: "aws-cn" });
    expect(statement(china, "ReadJobManifests").Resource).toEqual(["arn:aws-cn:s3:::acme-reports/manifests/*"]);
  });

  it("refuses to build a policy for no buckets", () => {
    expect(() => buildBatchRolePolicy({ ...args, buckets: [] })).toThrow(/no buckets/);
  });
});
