import { BucketKeysError } from "../../action/contracts/errors.ts";
import { formatQuotaProblem, type QuotaProblem } from "./policy-quotas.ts";

/**
 * A generated policy document would not fit an AWS quota. The message lists every document over
 * its quota, with its size, the quota and its source, so `pulumi preview` fails before `pulumi up`
 * would fail part-way with LimitExceeded.
 */
export class PolicyQuotaError extends BucketKeysError {
  readonly problems: readonly QuotaProblem[];

  constructor(problems: readonly QuotaProblem[]) {
    const lines = problems.map((problem) => `  ${formatQuotaProblem(problem)}`);
    super(
      "POLICY_QUOTA",
      `Generated policies would exceed AWS quotas (${problems.length} ${problems.length === 1 ? "document" : "documents"}):\n${lines.join("\n")}\n` +
        "Nothing was declared. docs/deploy.md (\"How the documents fit AWS's quotas\") says how each document is split and which quotas can be raised.",
    );
    this.name = "PolicyQuotaError";
    this.problems = problems;
  }
}
