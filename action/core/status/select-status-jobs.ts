/**
 * Which jobs status reports. Pure.
 *
 * With a pull request or plan id given: that one's jobs. Otherwise, for each bucket, the jobs of the
 * plan applied last: once a newer plan for a bucket is applied, the older plan's outcome (including
 * its failures) is history and no longer fails the step.
 */
import type { JobIdentity } from "../apply/job-tags.ts";

export interface StatusCandidate {
  jobId: string;
  identity: JobIdentity;
  creationTime: Date | undefined;
}

export function selectStatusJobs<T extends StatusCandidate>(candidates: readonly T[], filter: { pullRequest: number | undefined; planId: string | undefined }): T[] {
  const ours = candidates.filter((candidate) => candidate.identity.planId !== undefined);
  if (filter.pullRequest !== undefined || filter.planId !== undefined) {
    return ours.filter(
      (candidate) =>
        (filter.pullRequest === undefined || candidate.identity.pullRequest === filter.pullRequest) &&
        (filter.planId === undefined || candidate.identity.planId === filter.planId),
    );
  }
  const newestPlan = new Map<string, { planId: string; time: number }>();
  for (const candidate of ours) {
    const bucket = candidate.identity.bucket ?? candidate.identity.planId!;
    const time = candidate.creationTime?.getTime() ?? 0;
    const current = newestPlan.get(bucket);
    if (current === undefined || time > current.time) newestPlan.set(bucket, { planId: candidate.identity.planId!, time });
  }
  return ours.filter((candidate) => newestPlan.get(candidate.identity.bucket ?? candidate.identity.planId!)?.planId === candidate.identity.planId);
}
