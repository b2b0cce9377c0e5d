/**
 * The part of apply the Action and `bucket-keys apply` share: check every job of every plan (nothing
 * is created unless all pass), then create each job once. A job created earlier (found by its tags)
 * is reported, not created again; the ClientRequestToken makes a retried CreateJob return the same job.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { findApplyProblems, manifestUrisToCheck, type PlanFile } from "../core/apply/apply-checks.ts";
import type { ApplySettings } from "../core/apply/apply-settings.ts";
import { batchRoleArnFor } from "../core/apply/batch-roles.ts";
import { buildCreateJobRequest } from "../core/apply/create-job-request.ts";
import { PlanError } from "../contracts/errors.ts";
import type { AppliedJob } from "../core/apply/applied-jobs.ts";
import { applyTags, readJobIdentity } from "../core/apply/job-tags.ts";
import type { Logger } from "../contracts/logger.ts";
import type { BatchJobClient } from "../io/aws/batch-job-client.ts";
import { headManifests } from "../io/apply/manifest-head.ts";

export interface ApplyPlansDeps {
  s3: S3Client;
  jobs: BatchJobClient;
  logger: Logger;
}

/** Throws PlanError listing every problem when any job of any plan fails a check. */
export async function checkPlans(planFiles: readonly PlanFile[], settings: ApplySettings, deps: Pick<ApplyPlansDeps, "s3">): Promise<void> {
  const heads = await headManifests(deps.s3, manifestUrisToCheck(planFiles, settings));
  const problems = findApplyProblems(planFiles, settings, heads);
  if (problems.length === 0) return;
  const first = problems[0]!;
  const message = problems.length === 1 ? first.message : `${problems.length} problems; no job was created:\n${problems.map((problem) => `- ${problem.message}`).join("\n")}`;
  throw new PlanError(first.file, first.field, message);
}

export async function applyPlans(planFiles: readonly PlanFile[], settings: ApplySettings, origin: { pullRequest: number | undefined; commit: string | undefined }, deps: ApplyPlansDeps): Promise<AppliedJob[]> {
  await checkPlans(planFiles, settings, deps);
  const existing = await existingJobs(new Set(planFiles.map((file) => file.plan.id)), deps);
  const applied: AppliedJob[] = [];
  for (const { file, plan } of planFiles) {
    for (const job of plan.jobs) {
      const found = existing.get(`${plan.id}/${job.id}`);
      if (found) {
        deps.logger.info(`${file}: job "${job.id}" was already created as ${found}; not creating it again.`);
        applied.push({ planId: plan.id, file, job, jobId: found, created: false });
        continue;
      }
      const roleArn = batchRoleArnFor(settings, job.bucket);
      // checkPlans refused any job whose bucket has no role.
      if (roleArn === undefined) throw new PlanError(file, "jobs", `${file}: job "${job.id}": no Batch Operations role serves bucket "${job.bucket}".`);
      const request = buildCreateJobRequest(plan, job, {
        accountId: settings.accountId,
        roleArn,
        reportBucket: settings.reportLocation.bucket,
        // S3 writes reports to "<prefix>/job-<id>/": the prefix goes without its trailing slash.
        reportPrefix: settings.reportLocation.prefix.replace(/\/+$/, ""),
        priority: settings.priority,
        tags: [...settings.tags, ...applyTags(job, origin.pullRequest, origin.commit)],
      });
      const jobId = await deps.jobs.createJob(request, `${file}: job "${job.id}"`);
      deps.logger.info(`${file}: created job ${jobId} for "${job.id}" (${job.operation}, ${job.objects} objects in ${job.bucket}).`);
      applied.push({ planId: plan.id, file, job, jobId, created: true });
    }
  }
  return applied;
}

/** Jobs already created for these plans, keyed "<plan id>/<job id>". */
async function existingJobs(planIds: ReadonlySet<string>, deps: ApplyPlansDeps): Promise<Map<string, string>> {
  const found = await deps.jobs.findJobs(
    (job) => [...planIds].some((id) => (job.Description ?? "").includes(id)),
    (tags) => planIds.has(readJobIdentity(tags).planId ?? ""),
  );
  const byKey = new Map<string, string>();
  for (const { job, tags } of found) {
    const identity = readJobIdentity(tags);
    const key = `${identity.planId}/${identity.planJobId}`;
    if (identity.planJobId && job.JobId && !byKey.has(key)) byKey.set(key, job.JobId);
  }
  return byKey;
}
