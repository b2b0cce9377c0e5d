import { BucketKeysError } from "../../action/contracts/errors.ts";

/** One thing wrong with the stack configuration: the full key (`bucket-keys:buckets[1].name`) and what is expected. */
export interface StackConfigIssue {
  key: string;
  message: string;
}

/**
 * The stack configuration is invalid. The message lists every issue, one per line, each naming the
 * config key at fault, so one preview shows everything to fix.
 */
export class StackConfigError extends BucketKeysError {
  readonly issues: readonly StackConfigIssue[];

  constructor(issues: readonly StackConfigIssue[]) {
    const lines = issues.map((issue) => `  ${issue.key}: ${issue.message}`);
    super(
      "STACK_CONFIG",
      `Invalid stack configuration (${issues.length} ${issues.length === 1 ? "problem" : "problems"}):\n${lines.join("\n")}\n` +
        "Fix these with `pulumi config set` or in the stack's Pulumi.<stack>.yaml; docs/deploy.md lists every key.",
    );
    this.name = "StackConfigError";
    this.issues = issues;
  }
}

/** `["buckets", 1, "name"]` -> `buckets[1].name`. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}
