/**
 * Tags on the jobs apply creates, and reading them back: they tie a job to its plan, its pull
 * request and the merge commit, which is how status and re-runs of apply find jobs. Pure.
 */
import type { JobTag } from "./apply-settings.ts";

/** create-job-request.ts (the engine) sets these two tags and the description; apply adds the rest. */
export const TAG_PLAN_ID = "bucket-keys:plan-id";
export const TAG_JOB_ID = "bucket-keys:job-id";
export const TAG_PULL_REQUEST = "bucket-keys:pull-request";
export const TAG_COMMIT = "bucket-keys:commit";
export const TAG_BUCKET = "bucket-keys:bucket";
/** Start of the description create-job-request.ts gives every job: "bucket-keys plan <plan id> job <job id>: ...". */
export const JOB_DESCRIPTION_PREFIX = "bucket-keys plan ";

export interface JobIdentity {
  planId: string | undefined;
  planJobId: string | undefined;
  pullRequest: number | undefined;
  commit: string | undefined;
  bucket: string | undefined;
}

/** The tags apply adds besides the plan's own (plan id and job id come with the CreateJob request). */
export function applyTags(job: { bucket: string }, pullRequest: number | undefined, commit: string | undefined): JobTag[] {
  return [
    { Key: TAG_BUCKET, Value: job.bucket },
    ...(pullRequest === undefined ? [] : [{ Key: TAG_PULL_REQUEST, Value: String(pullRequest) }]),
    ...(commit === undefined ? [] : [{ Key: TAG_COMMIT, Value: commit }]),
  ];
}

export function readJobIdentity(tags: readonly { Key?: string | undefined; Value?: string | undefined }[]): JobIdentity {
  const value = (key: string) => tags.find((tag) => tag.Key === key)?.Value;
  const pull = value(TAG_PULL_REQUEST);
  return {
    planId: value(TAG_PLAN_ID),
    planJobId: value(TAG_JOB_ID),
    pullRequest: pull !== undefined && /^\d+$/.test(pull) ? Number(pull) : undefined,
    commit: value(TAG_COMMIT),
    bucket: value(TAG_BUCKET),
  };
}
