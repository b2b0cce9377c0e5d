/** Lookups over the resources a program run recorded. */
import type { RecordedResource } from "../../helpers/pulumi-program.ts";

export const TYPES = {
  bucket: "aws:s3/bucket:Bucket",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  inventory: "aws:s3/inventory:Inventory",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  key: "aws:kms/key:Key",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  stack: "pulumi:pulumi:Stack",
} as const;

export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((resource) => resource.type === type);
}

export function one(resources: readonly RecordedResource[], type: string, predicate: (resource: RecordedResource) => boolean = () => true): RecordedResource {
  const found = ofType(resources, type).filter(predicate);
  if (found.length !== 1) throw new Error(`expected exactly one ${type} matching, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0] as RecordedResource;
}

export function named(resources: readonly RecordedResource[], type: string, name: string): RecordedResource {
  return one(resources, type, (resource) => resource.name === name);
}

/** A nested input value by path (`rules.0.applyServerSideEncryptionByDefault.sseAlgorithm`). */
export function input(resource: RecordedResource, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], resource.inputs);
}
