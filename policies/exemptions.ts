/**
 * Bucket exemptions: a bucket named by its S3 name or by a resource URN, always with a reason. An
 * exemption never hides a bucket silently: the policies print the reason in every preview.
 */
import { z } from "zod";

export const bucketExemptionsSetting = z
  .array(
    z
      .strictObject({
        bucket: z.string().min(1).optional().describe("The S3 bucket name, as in the bucket's `bucket`/`bucketName` or an encryption resource's `bucket`."),
        urn: z
          .string()
          .regex(/^urn:pulumi:/, 'a Pulumi URN starts with "urn:pulumi:" (see `pulumi stack --show-urns`)')
          .optional()
          .describe("The URN of the bucket (or of the resource that configures it)."),
        reason: z.string().trim().min(1).describe("Why the bucket is exempt; shown in every preview."),
      })
      .refine((entry) => entry.bucket !== undefined || entry.urn !== undefined, {
        message: 'an exemption names its bucket with "bucket" (the S3 name) or "urn"',
      }),
  )
  .default([])
  .describe('Buckets this policy skips, each {"bucket": "<name>" or "urn": "<urn>", "reason": "<why>"}.');

export type BucketExemption = z.output<typeof bucketExemptionsSetting>[number];

/** The exemption that names any of these bucket names or URNs. */
export function findExemption(
  exemptions: readonly BucketExemption[],
  names: readonly string[],
  urns: readonly string[],
): BucketExemption | undefined {
  return exemptions.find(
    (entry) => (entry.bucket !== undefined && names.includes(entry.bucket)) || (entry.urn !== undefined && urns.includes(entry.urn)),
  );
}

export function describeExemption(entry: BucketExemption): string {
  return entry.bucket !== undefined ? `bucket '${entry.bucket}'` : `'${entry.urn}'`;
}
