/**
 * Where things live in the reports bucket. Separate prefixes let each role and each lifecycle rule
 * be scoped to exactly one kind of object.
 *
 * inventory/<source bucket>/<config id>/...   S3 Inventory reports (written by S3, SSE-KMS)
 * manifests/<plan id>/<job id>.csv             job manifests (written by the planner, SSE-S3 only)
 * job-reports/job-<job id>/...                 Batch Operations completion reports
 */
export const INVENTORY_PREFIX = "inventory";
export const MANIFESTS_PREFIX = "manifests";
export const JOB_REPORTS_PREFIX = "job-reports";

/** `s3://bucket/prefix/` */
export function s3Uri(bucket: string, prefix: string): string {
  return `s3://${bucket}/${prefix}/`;
}

/** Folder S3 writes a bucket's inventory reports into (each report in a dated subfolder). */
export function inventoryLocation(reportsBucket: string, sourceBucket: string, configId: string): string {
  return `s3://${reportsBucket}/${INVENTORY_PREFIX}/${sourceBucket}/${configId}/`;
}
