/**
 * A CreateJob failed after other jobs of the same push were created (or found): the created ones must
 * still be recorded on the pull request, and the step must fail naming the rest. Re-running apply for
 * the push finishes it: jobs created earlier are found by their tags and not created again.
 */
import { BucketKeysError, errorMessage } from "../../contracts/errors.ts";
import type { AppliedJob } from "./applied-jobs.ts";

export interface MissingJob {
  file: string;
  jobId: string;
  bucket: string;
}

export class PartialApplyError extends BucketKeysError {
  readonly applied: AppliedJob[];
  readonly missing: MissingJob[];

  constructor(applied: AppliedJob[], missing: MissingJob[], cause: unknown) {
    const names = missing.map((job) => `"${job.jobId}" (${job.file})`).join(", ");
    super(
      "PARTIAL_APPLY",
      `${errorMessage(cause)} ${applied.length} of ${applied.length + missing.length} job(s) exist now and are listed on the pull request; not created: ${names}. ` +
        "Fix the cause and re-run apply for this push (re-run the workflow): jobs already created are found by their tags and not created again, and the rest are created.",
      { cause },
    );
    this.name = "PartialApplyError";
    this.applied = applied;
    this.missing = missing;
  }
}

/** The "not created" lines of the apply comment and summary. */
export function missingJobsMarkdown(missing: readonly MissingJob[]): string {
  return ["**Not created yet** (re-run apply for this push to create them):", "", ...missing.map((job) => `- \`${job.jobId}\` in ${job.bucket}, from \`${job.file}\``)].join("\n");
}
