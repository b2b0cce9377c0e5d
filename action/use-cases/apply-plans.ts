/**
 * The part of apply the Action and `bucket-keys apply` share: check every job of every plan (nothing
 * is created unless all pass), then create each job once. A job created earlier (found by its tags)
 * is reported, not created again; the ClientRequestToken makes a retried CreateJob return the same job.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { findApplyProblems, manifestsToRead, manifestUrisToCheck, type ManifestContent, type PlanFile } from "../core/apply/apply-checks.ts";
import type { ApplySettings } from "../core/apply/apply-settings.ts";
import { batchRoleArnFor } from "../core/apply/batch-roles.ts";
import { buildCreateJobRequest } from "../core/apply/create-job-request.ts";
import { PlanError } from "../contracts/errors.ts";
import type { AppliedJob } from "../core/apply/applied-jobs.ts";
import { PartialApplyError } from "../core/apply/partial-apply.ts";
import { applyTags, readJobIdentity } from "../core/apply/job-tags.ts";
import type { Logger } from "../contracts/logger.ts";
import type { BatchJobClient } from "../io/aws/batch-job-client.ts";
import { headManifests } from "../io/apply/manifest-head.ts";
import { readManifestContent } from "../io/apply/manifest-content.ts";
import { networkTimeouts, type NetworkTimeouts } from "../core/settings/network-timeouts.ts";

export interface ApplyPlansDeps {
  s3: S3Client;
  jobs: BatchJobClient;
  logger: Logger;
  /** For reading manifests; default networkTimeouts(). */
  timeouts?: NetworkTimeouts;
}

/**
 * Throws PlanError listing every problem when any job of any plan fails a check: the static checks,
 * HeadObject of each manifest (it exists, its ETag, S3's full-object SHA-256 when it has one), then
 * each manifest read whole (its SHA-256 against the plan's, the bucket of every line, the line count).
 */
export async function checkPlans(planFiles: readonly PlanFile[], settings: ApplySettings, deps: Pick<ApplyPlansDeps, "s3" | "logger" | "timeouts">): Promise<void> {
  const heads = await headManifests(deps.s3, manifestUrisToCheck(planFiles, settings));
  const contents = new Map<string, ManifestContent>();
  const idleMs = (deps.timeouts ?? networkTimeouts()).idleMs;
  for (const job of manifestsToRead(planFiles, settings, heads)) {
    deps.logger.info(`Reading ${job.manifest.uri} (${job.manifest.bytes.toLocaleString("en-US")} bytes) to check it is the approved manifest.`);
    contents.set(job.manifest.uri!, await readManifestContent(deps.s3, job, idleMs));
  }
  const problems = findApplyProblems(planFiles, settings, heads, contents);
  if (problems.length === 0) return;
  const first = problems[0]!;
  const message = problems.length === 1 ? first.message : `${problems.length} problems; no job was created:\n${problems.map((problem) => `- ${problem.message}`).join("\n")}`;
  throw new PlanError(first.file, first.field, message);
}

/**
 * Checks every plan, then creates each job once. When a CreateJob fails after other jobs exist, throws
 * PartialApplyError with those (to be recorded) and the jobs not created; with none created yet, the
 * CreateJob error itself.
 */
export async function applyPlans(planFiles: readonly PlanFile[], settings: ApplySettings, origin: { pullRequest: number | undefined; commit: string | undefined }, deps: ApplyPlansDeps): Promise<AppliedJob[]> {
  await checkPlans(planFiles, settings, deps);
  const existing = await existingJobs(new Set(planFiles.map((file) => file.plan.id)), deps);
  const applied: AppliedJob[] = [];
  const all = planFiles.flatMap(({ file, plan }) => plan.jobs.map((job) => ({ file, plan, job })));
  for (const [position, { file, plan, job }] of all.entries()) {
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
    let jobId: string;
    try {
      jobId = await deps.jobs.createJob(request, `${file}: job "${job.id}"`);
    } catch (error) {
      // The jobs after this one: those created by an earlier run are recorded too, the others are missing.
      const rest = all.slice(position);
      for (const item of rest) {
        const earlier = existing.get(`${item.plan.id}/${item.job.id}`);
        if (earlier) applied.push({ planId: item.plan.id, file: item.file, job: item.job, jobId: earlier, created: false });
      }
      if (applied.length === 0) throw error;
      const missing = rest.filter((item) => !existing.has(`${item.plan.id}/${item.job.id}`)).map((item) => ({ file: item.file, jobId: item.job.id, bucket: item.job.bucket }));
      throw new PartialApplyError(applied, missing, error);
    }
    deps.logger.info(`${file}: created job ${jobId} for "${job.id}" (${job.operation}, ${job.objects} objects in ${job.bucket}).`);
    applied.push({ planId: plan.id, file, job, jobId, created: true });
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
