/**
 * Job ids name manifests and seed CreateJob tokens: "update-<bucket>", "copy-<bucket>-<storage class>"
 * (lower-case, "_" as "-"), or "copy-<bucket>" when the inventory has no StorageClass column.
 */

/** The job id for a job key of a bucket's scan ("update", "copy:STANDARD_IA", "copy:"). */
export function jobIdFor(bucket: string, jobKey: string): string {
  const name = bucket.toLowerCase().replace(/[^a-z0-9.-]/g, "-");
  if (jobKey === "update") return `update-${name}`;
  const storageClass = jobKey.slice("copy:".length);
  return storageClass === "" ? `copy-${name}` : `copy-${name}-${storageClass.toLowerCase().replace(/_/g, "-")}`;
}

/** The storage class of a copy job key, or undefined (update, or no StorageClass column). */
export function storageClassOf(jobKey: string): string | undefined {
  return jobKey.startsWith("copy:") && jobKey.length > "copy:".length ? jobKey.slice("copy:".length) : undefined;
}
