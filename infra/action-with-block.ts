/**
 * The `with:` block for the GitHub Action, built from stack outputs so a workflow can be wired by
 * pasting it. Input names are the Action's (kebab-case, same as the CLI flags). Pure.
 */

/** Action input names this block sets. They must match action.yml. */
export const ACTION_INPUTS = {
  inventory: "inventory",
  kmsKeyArn: "kms-key-arn",
  manifestUri: "manifest-uri",
  reportUri: "report-uri",
  batchRoleArn: "batch-role-arn",
  accountId: "account-id",
  region: "region",
  allowedBuckets: "allowed-buckets",
} as const;

export interface ActionWithArgs {
  accountId: string;
  region: string;
  kmsKeyArn: string;
  /** One inventory location per managed bucket. */
  inventoryLocations: readonly string[];
  /** The folder every inventory lands under (`s3://<reports>/inventory/`), for a fleet too large to list. */
  inventoryPrefix: string;
  manifestUri: string;
  reportUri: string;
  /** Every Batch Operations role, with the buckets whose jobs it runs. */
  batchRoles: readonly { roleArn: string; buckets: readonly string[] }[];
  plannerRoleArn: string;
  executorRoleArn: string;
  allowedBuckets: readonly string[];
}

/**
 * `batch-role-arn`: the role, when the stack has one; otherwise each role's ARN on a line, followed
 * by the buckets it serves, one per line (the Action picks the role of each plan's bucket).
 */
function batchRoleValue(roles: ActionWithArgs["batchRoles"]): string {
  if (roles.length === 1) return (roles[0] as { roleArn: string }).roleArn;
  return ["|", ...roles.flatMap((role) => [`    ${role.roleArn}`, ...role.buckets.map((bucket) => `      ${bucket}`)])].join("\n");
}

/**
 * Longest `inventory` value written as a list. The runner passes each input as one environment
 * variable, and Linux refuses to start a process with a single variable over 128 KiB (MAX_ARG_STRLEN):
 * 1,000 buckets of 63 characters would list about 155 KB. Past this the block gives the folder all
 * inventories land under, which the Action searches for the newest report of each bucket.
 */
export const MAX_LISTED_INVENTORY_CHARS = 64 * 1024;

export function buildActionWithBlock(args: ActionWithArgs): string {
  const list = (values: readonly string[]) => ["|", ...values.map((value) => `    ${value}`)].join("\n");
  const listed = args.inventoryLocations.join("\n").length <= MAX_LISTED_INVENTORY_CHARS;
  return [
    "# Credentials: aws-actions/configure-aws-credentials with",
    `#   role-to-assume: ${args.plannerRoleArn}   (command: plan)`,
    `#   role-to-assume: ${args.executorRoleArn}   (command: apply, status)`,
    `#   aws-region: ${args.region}`,
    "with:",
    listed ? `  ${ACTION_INPUTS.inventory}: ${list(args.inventoryLocations)}` : `  ${ACTION_INPUTS.inventory}: ${args.inventoryPrefix}   # every bucket's newest report under this folder (the list would be too long for one input)`,
    `  ${ACTION_INPUTS.kmsKeyArn}: ${args.kmsKeyArn}`,
    `  ${ACTION_INPUTS.manifestUri}: ${args.manifestUri}`,
    `  ${ACTION_INPUTS.reportUri}: ${args.reportUri}`,
    `  ${ACTION_INPUTS.batchRoleArn}: ${batchRoleValue(args.batchRoles)}`,
    `  ${ACTION_INPUTS.accountId}: "${args.accountId}"`,
    `  ${ACTION_INPUTS.region}: ${args.region}`,
    `  ${ACTION_INPUTS.allowedBuckets}: ${list(args.allowedBuckets)}`,
    "",
  ].join("\n");
}
