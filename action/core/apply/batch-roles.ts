/**
 * The `batch-role-arn` setting: one role ARN for every bucket, or, for a stack that splits its
 * fleet across several Batch Operations roles (IAM's policy size quotas), each role's ARN followed
 * by the buckets it serves, as `pulumi stack output actionWith` writes it:
 *
 *     arn:aws:iam::111122223333:role/bucket-keys-prod-batch
 *       photos-prod
 *       logs-prod
 *     arn:aws:iam::111122223333:role/bucket-keys-prod-batch-2
 *       archive-prod
 *
 * Buckets may also follow the ARN on its own line, separated by spaces or commas (handy as a
 * repeated CLI flag). Pure.
 */
import { InputError } from "../../contracts/errors.ts";
import { settingName, type SettingSource } from "../settings/setting-source.ts";

export interface BatchRoles {
  /** The only role, or the first of several. */
  batchRoleArn: string;
  /** "aws", "aws-cn", "aws-us-gov": taken from the role ARNs. */
  partition: string;
  /** The role of each bucket when several roles are given; empty when one role serves every bucket. */
  batchRoleArnsByBucket: ReadonlyMap<string, string>;
}

const ROLE_ARN = /^arn:(aws[-a-z]*):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const EXAMPLE = "arn:aws:iam::111122223333:role/bucket-keys-batch";

export function parseBatchRoles(value: string | readonly string[] | undefined, accountId: string, source: SettingSource): BatchRoles {
  const name = settingName("batch-role-arn", source);
  const lines = (Array.isArray(value) ? value : typeof value === "string" ? [value] : []).flatMap((item: string) => item.split("\n"));
  const roles: { arn: string; buckets: string[] }[] = [];
  for (const token of lines.flatMap((line) => line.split(/[\s,]+/)).filter((item) => item !== "")) {
    if (token.startsWith("arn:")) {
      const role = ROLE_ARN.exec(token);
      if (!role) throw new InputError("batch-role-arn", `${name}: "${token}" is not an IAM role ARN like "${EXAMPLE}".`);
      if (role[2] !== accountId) {
        throw new InputError("batch-role-arn", `${name}: the role "${token}" belongs to account ${role[2]} but ${settingName("account-id", source)} is ${accountId}. S3 Batch Operations jobs run with a role of their own account; use the Batch Operations role outputs of the same stack.`);
      }
      if (roles.some((existing) => existing.arn === token)) throw new InputError("batch-role-arn", `${name}: role "${token}" is given twice; give each role once, followed by its buckets.`);
      roles.push({ arn: token, buckets: [] });
      continue;
    }
    const current = roles.at(-1);
    if (current === undefined) throw new InputError("batch-role-arn", `${name}: "${token}" comes before any role ARN; give each role's ARN first, then the buckets it serves (as \`pulumi stack output actionWith\` writes it).`);
    if (!BUCKET_NAME.test(token)) throw new InputError("batch-role-arn", `${name}: "${token}" (listed under role "${current.arn}") is not a bucket name.`);
    current.buckets.push(token);
  }
  const first = roles[0];
  if (first === undefined) throw new InputError("batch-role-arn", `${name} is required for apply (for example "${EXAMPLE}").`);
  const partitions = new Set(roles.map((role) => ROLE_ARN.exec(role.arn)?.[1]));
  if (partitions.size > 1) throw new InputError("batch-role-arn", `${name}: the roles are in different partitions (${[...partitions].join(", ")}); one stack's roles share one.`);

  const byBucket = new Map<string, string>();
  if (roles.length > 1 || first.buckets.length > 0) {
    for (const role of roles) {
      if (role.buckets.length === 0) throw new InputError("batch-role-arn", `${name}: role "${role.arn}" lists no buckets. With several roles, follow each role's ARN with the buckets it serves.`);
      for (const bucket of role.buckets) {
        const other = byBucket.get(bucket);
        if (other !== undefined) throw new InputError("batch-role-arn", `${name}: bucket "${bucket}" is listed under "${other}" and "${role.arn}"; a bucket's jobs run with one role.`);
        byBucket.set(bucket, role.arn);
      }
    }
  }
  return { batchRoleArn: first.arn, partition: ROLE_ARN.exec(first.arn)?.[1] as string, batchRoleArnsByBucket: byBucket };
}

/** The role a job on `bucket` runs with; undefined when the roles are given per bucket and none serves it. */
export function batchRoleArnFor(roles: Pick<BatchRoles, "batchRoleArn" | "batchRoleArnsByBucket">, bucket: string): string | undefined {
  return roles.batchRoleArnsByBucket.size === 0 ? roles.batchRoleArn : roles.batchRoleArnsByBucket.get(bucket);
}
