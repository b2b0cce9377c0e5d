/**
 * Declares one environment's stack from checked configuration: the KMS key, the reports bucket, one
 * ManagedBucket per bucket that is not exempt, the Batch Operations role and the GitHub OIDC roles.
 * Returns the stack outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildActionWithBlock } from "./action-with-block.ts";
import { partitionOf } from "./arns.ts";
import { BatchOperationsRole } from "./components/batch-operations-role.ts";
import { BucketKeysKey } from "./components/bucket-keys-key.ts";
import { GitHubOidcRoles } from "./components/github-oidc-roles.ts";
import { ManagedBucket } from "./components/managed-bucket.ts";
import { ReportsBucket } from "./components/reports-bucket.ts";
import type { StackConfig } from "./config/parse-stack-config.ts";
import { githubSubjects } from "./iam/github-role-policies.ts";
import { planStackPolicies } from "./iam/stack-policy-plan.ts";
import { buildInventoryKeyStatement } from "./iam/kms-key-policy.ts";
import { buildInventoryDeliveryStatement, buildManifestsSseS3Statement } from "./iam/reports-bucket-policy.ts";
import { INVENTORY_PREFIX, JOB_REPORTS_PREFIX, MANIFESTS_PREFIX, s3Uri } from "./reports-layout.ts";

export interface DeploymentTarget {
  accountId: string;
  region: string;
  stack: string;
}

export function createBucketKeysStack(config: StackConfig, target: DeploymentTarget): Record<string, unknown> {
  const { accountId, region } = target;
  const partition = partitionOf(region);
  const namePrefix = config.namePrefix ?? `bucket-keys-${target.stack}`;
  const bucketNames = config.managedBuckets.map((bucket) => bucket.name);
  const outputs: Record<string, unknown> = {};
  // Before any resource: every document's layout, and a PolicyQuotaError if one cannot fit.
  const policies = planStackPolicies(config, { partition, accountId, region, namePrefix });

  let kmsKeyArn: pulumi.Output<string>;
  if (config.kms.create) {
    kmsKeyArn = new BucketKeysKey("kms", {
      partition,
      accountId,
      region,
      inventorySourceBuckets: bucketNames,
      allowUseThroughS3ByAccount: config.kms.allowUseThroughS3ByAccount,
      inventorySources: policies.keyInventorySources,
      aliasName: `alias/${namePrefix}`,
      deletionWindowInDays: config.kms.deletionWindowInDays,
    }).arn;
  } else {
    kmsKeyArn = pulumi.output(config.kms.keyArn as string);
    // The key is managed elsewhere: its owner must add this statement, or inventory delivery fails.
    outputs["requiredKeyPolicyStatements"] = [buildInventoryKeyStatement({ partition, accountId, inventorySourceBuckets: bucketNames, inventorySources: policies.keyInventorySources })];
  }

  let reportsBucket: pulumi.Output<string>;
  let reportsBucketArn: pulumi.Output<string>;
  const inventoryDependsOn: pulumi.Resource[] = [];
  const existingReportsBucket = config.reports.existingBucket;
  if (existingReportsBucket === undefined) {
    const reports = new ReportsBucket("reports", { partition, accountId, kmsKeyArn, sourceBuckets: bucketNames, inventorySources: policies.reportsInventorySources, ...config.reports });
    reportsBucket = reports.bucketName;
    reportsBucketArn = reports.arn;
    inventoryDependsOn.push(reports.policyReady);
  } else {
    reportsBucket = pulumi.output(existingReportsBucket);
    reportsBucketArn = pulumi.output(`arn:${partition}:s3:::${existingReportsBucket}`);
    // The bucket policy is managed elsewhere: these statements must be in it.
    const policyArgs = { partition, accountId, reportsBucket: existingReportsBucket, sourceBuckets: bucketNames, inventorySources: policies.reportsInventorySources };
    outputs["requiredReportsBucketPolicyStatements"] = [buildInventoryDeliveryStatement(policyArgs), buildManifestsSseS3Statement(policyArgs)];
  }

  const managedBuckets = config.managedBuckets.map(
    (bucket) =>
      new ManagedBucket(
        `bucket-${bucket.name}`,
        {
          bucket: bucket.name,
          accountId,
          kmsKeyArn,
          reportsBucketName: reportsBucket,
          reportsBucketArn,
          inventory: {
            configId: config.inventory.configId,
            frequency: config.inventory.frequency,
            format: bucket.inventory?.format ?? config.inventory.format,
            includedObjectVersions: config.inventory.includedVersions === "auto" ? (bucket.versioned ? "All" : "Current") : config.inventory.includedVersions,
          },
          noncurrentVersionExpirationDays: bucket.expireNoncurrentVersions?.afterDays,
        },
        { dependsOn: inventoryDependsOn },
      ),
  );

  // One role per group of buckets; the first keeps the name (and the Pulumi name) a one-role stack always had.
  const batchRoles = policies.batchRoles.map(
    (plan, index) =>
      new BatchOperationsRole(index === 0 ? "batch-operations" : `batch-operations-${index + 1}`, {
        roleName: plan.roleName,
        layout: plan.layout,
        partition,
        region,
        accountId,
        requireSourceArn: config.batchRole.requireSourceArn,
        targetKeyArn: kmsKeyArn,
        sourceKeyArns: config.kms.sourceKeyArns,
        reportsBucket,
        trustPolicyChars: config.quotas.roleTrustPolicyChars,
      }),
  );
  const batchRole = batchRoles[0] as BatchOperationsRole;
  const batchRoleArns = batchRoles.map((role) => role.arn);

  const { github } = config;
  const applySubject = github.apply.environment !== undefined ? `environment:${github.apply.environment}` : `ref:${github.apply.ref}`;
  const githubRoles = new GitHubOidcRoles("github", {
    partition,
    region,
    accountId,
    oidcProviderArn: github.oidcProviderArn,
    plannerSubjects: githubSubjects(github.repository, github.plannerSubjects),
    executorSubjects: githubSubjects(github.repository, [applySubject]),
    reportsBucket,
    reportsKeyArn: kmsKeyArn,
    batchRoleArns,
    plannerLayout: policies.plannerLayout,
    executorLayout: policies.executorLayout,
    trustPolicyChars: config.quotas.roleTrustPolicyChars,
    plannerRoleName: `${namePrefix}-planner`,
    executorRoleName: `${namePrefix}-executor`,
  });

  const manifestUri = reportsBucket.apply((bucket) => s3Uri(bucket, MANIFESTS_PREFIX));
  const jobReportUri = reportsBucket.apply((bucket) => s3Uri(bucket, JOB_REPORTS_PREFIX));
  const inventoryLocations = pulumi.all(managedBuckets.map((bucket) => bucket.inventoryLocation));
  return {
    accountId,
    region,
    kmsKeyArn,
    reportsBucket,
    manifestUri,
    jobReportUri,
    inventoryLocations: inventoryLocations.apply((locations) => Object.fromEntries(locations.map((location, index) => [bucketNames[index], location]))),
    batchOperationsRoleArn: batchRole.arn,
    batchOperationsRoles: pulumi.all(batchRoleArns).apply((arns) => arns.map((roleArn, index) => ({ roleArn, buckets: policies.batchRoles[index]?.buckets ?? [] }))),
    oidcProviderArn: githubRoles.oidcProviderArn,
    plannerRoleArn: githubRoles.plannerRoleArn,
    executorRoleArn: githubRoles.executorRoleArn,
    exemptions: config.exemptions,
    actionWith: pulumi
      .all([kmsKeyArn, inventoryLocations, manifestUri, jobReportUri, pulumi.all(batchRoleArns), githubRoles.plannerRoleArn, githubRoles.executorRoleArn])
      .apply(([kms, locations, manifests, reports, roleArns, plannerRoleArn, executorRoleArn]) =>
        buildActionWithBlock({
          accountId,
          region,
          kmsKeyArn: kms,
          inventoryLocations: locations,
          inventoryPrefix: manifests.replace(new RegExp(`${MANIFESTS_PREFIX}/$`), `${INVENTORY_PREFIX}/`),
          manifestUri: manifests,
          reportUri: reports,
          batchRoles: roleArns.map((roleArn, index) => ({ roleArn, buckets: policies.batchRoles[index]?.buckets ?? [] })),
          plannerRoleArn,
          executorRoleArn,
          allowedBuckets: bucketNames,
        }),
      ),
    ...outputs,
  };
}
