/**
 * apply: on a push to the default branch, creates the S3 Batch Operations jobs of every plan the push
 * added or changed, once. All checks pass for every job of every plan before the first CreateJob;
 * role, account, region, locations and allowlist come only from the trusted settings.
 */
import type { context as actionsContext } from "@actions/github";
import type { S3Client } from "@aws-sdk/client-s3";
import { checkApplyEvent, checkPushEvent, payloadDefaultBranch, type ApplyEvent } from "../../core/apply/apply-event.ts";
import type { PlanFile } from "../../core/apply/apply-checks.ts";
import type { ApplySettings } from "../../core/apply/apply-settings.ts";
import { PlanError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";
import { filesFromPushCommits, selectChangedPlanFiles, type ChangedFile } from "../../core/plan/plan-files.ts";
import { validatePlan } from "../../contracts/plan-schema.ts";
import { createS3Client, createS3ControlClient } from "../../io/aws/aws-clients.ts";
import { BatchJobClient } from "../../io/aws/batch-job-client.ts";
import type { GitHubHelper } from "../../io/github/github-helper.ts";
import { appliedJobsMarkdown, type AppliedJob } from "../../core/apply/applied-jobs.ts";
import { missingJobsMarkdown, PartialApplyError, type MissingJob } from "../../core/apply/partial-apply.ts";
import { applyCommentMarker } from "../../core/status/comment-markers.ts";
import { applyPlans } from "../../use-cases/apply-plans.ts";
import { waitForJobs } from "../../use-cases/wait-for-jobs.ts";
import type { CommandResult } from "./command-result.ts";
import type { CommonInputs } from "./inputs.ts";
import type { NetworkTimeouts } from "../../core/settings/network-timeouts.ts";

export interface ApplyDeps {
  github: GitHubHelper;
  s3: S3Client;
  jobs: BatchJobClient;
  logger: Logger;
  timeouts?: NetworkTimeouts;
}

export interface ApplyOutcome {
  jobs: AppliedJob[];
  pullRequest: number | undefined;
  markdown: string;
  /** Set when a CreateJob failed after other jobs were created: they are recorded, the step must still fail. */
  failure: PartialApplyError | undefined;
}

/** The Action's apply command: runApply on the push event with the Action's clients, and the created job ids as output. */
export async function applyCommand(settings: ApplySettings, common: CommonInputs, context: typeof actionsContext, gitHub: GitHubHelper, logger: Logger): Promise<CommandResult> {
  const s3 = createS3Client({ region: settings.region, endpointUrl: common.endpointUrl, timeouts: common.timeouts });
  const jobs = new BatchJobClient(createS3ControlClient({ region: settings.region, timeouts: common.timeouts }), settings.accountId);
  const event = { eventName: context.eventName, ref: context.ref, payload: context.payload };
  const outcome = await runApply(settings, common.planDir, event, { github: gitHub, s3, jobs, logger, timeouts: common.timeouts });
  return { outputs: new Map([["job-ids", JSON.stringify(outcome.jobs.map((item) => item.jobId))]]), summary: outcome.markdown, failure: outcome.failure };
}

export async function runApply(settings: ApplySettings, planDir: string, event: ApplyEvent, deps: ApplyDeps): Promise<ApplyOutcome> {
  checkPushEvent(event);
  const push = checkApplyEvent(event, payloadDefaultBranch(event) ?? (await deps.github.defaultBranch()));
  const planPaths = selectChangedPlanFiles(await changedFiles(push, deps), planDir);
  if (planPaths.length === 0) {
    deps.logger.info(`No plan.json under ${planDir}/ was added or changed by this push; nothing to apply.`);
    return { jobs: [], pullRequest: undefined, markdown: `### S3 Bucket Keys apply\n\nNo plan under \`${planDir}/\` changed in this push.\n`, failure: undefined };
  }
  const planFiles = await readPlans(planPaths, push.after, deps);
  const pullRequest = await mergedPullRequest(push.after, deps);
  let applied: AppliedJob[];
  let failure: PartialApplyError | undefined;
  try {
    applied = await applyPlans(planFiles, settings, { pullRequest, commit: push.after }, deps);
  } catch (error) {
    if (!(error instanceof PartialApplyError)) throw error;
    // Jobs exist: record them on the pull request before the step fails.
    applied = error.applied;
    failure = error;
  }
  let markdown: string;
  try {
    markdown = await reportApply(applied, planFiles, pullRequest, settings, deps, failure?.missing ?? []);
  } catch (error) {
    // Say what exists even when GitHub cannot be told.
    if (failure !== undefined) throw new PartialApplyError(failure.applied, failure.missing, new Error(`${failure.message} Recording the created jobs on the pull request failed too: ${(error as Error).message}`));
    throw error;
  }
  return { jobs: applied, pullRequest, markdown, failure };
}

/** Plan files changed by the push: compare API, or the push payload's commit lists when that is unavailable or partial. */
async function changedFiles(push: { before: string | undefined; after: string; commits: Parameters<typeof filesFromPushCommits>[0] }, deps: ApplyDeps): Promise<ChangedFile[]> {
  const fromCommits = filesFromPushCommits(push.commits);
  if (push.before === undefined) return fromCommits;
  const compared = await deps.github.changedFiles(push.before, push.after);
  if (compared === undefined) {
    deps.logger.warn(`GitHub could not compare ${push.before}...${push.after}; using the push event's commit lists.`);
    return fromCommits;
  }
  return compared.truncated ? [...compared.files, ...fromCommits] : compared.files;
}

async function readPlans(paths: readonly string[], sha: string, deps: ApplyDeps): Promise<PlanFile[]> {
  const planFiles: PlanFile[] = [];
  for (const file of paths) {
    const text = await deps.github.readFile(file, sha);
    if (text === undefined) throw new PlanError(file, undefined, `${file}: not found at ${sha}, although the push changed it. Nothing was created.`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new PlanError(file, undefined, `${file}: not valid JSON (${(error as Error).message}). Regenerate the plan with the plan workflow. Nothing was created.`, { cause: error });
    }
    planFiles.push({ file, plan: validatePlan(json, file) });
  }
  return planFiles;
}


async function mergedPullRequest(sha: string, deps: ApplyDeps): Promise<number | undefined> {
  const pulls = await deps.github.pullRequestsForCommit(sha);
  const pull = pulls.find((candidate) => candidate.mergeCommitSha === sha) ?? pulls[0];
  if (!pull) deps.logger.warn(`No pull request is associated with ${sha}; jobs are created without a pull request tag and no comment is written.`);
  return pull?.number;
}

/**
 * What apply says when it is done: one comment per plan on the merged pull request (edited on
 * re-runs, never duplicated) with the job ids and console links, the step summary, and the optional
 * wait for the jobs to finish.
 */
export async function reportApply(applied: readonly AppliedJob[], planFiles: readonly PlanFile[], pullRequest: number | undefined, settings: ApplySettings, deps: ApplyDeps, missing: readonly MissingJob[] = []): Promise<string> {
  if (pullRequest !== undefined) {
    for (const { file, plan } of planFiles) {
      const notCreated = missing.filter((job) => job.file === file);
      const marker = applyCommentMarker(plan.id);
      const body = [
        marker,
        `### S3 Bucket Keys: jobs for plan \`${plan.id}\``,
        "",
        `From \`${file}\`, in account ${settings.accountId}, ${settings.region}. Completion reports go to \`s3://${settings.reportLocation.bucket}/${settings.reportLocation.prefix}\`.`,
        "",
        appliedJobsMarkdown(applied, settings.region, plan.id),
        ...(notCreated.length > 0 ? ["", missingJobsMarkdown(notCreated)] : []),
        "",
        "The status workflow reports progress and failures in a separate comment.",
      ].join("\n");
      const { created } = await deps.github.upsertComment(pullRequest, marker, body);
      deps.logger.info(`${created ? "Commented" : "Updated the comment"} on #${pullRequest} with the jobs of plan ${plan.id}.`);
    }
  }
  const created = applied.filter((item) => item.created).length;
  const lines = [
    "### S3 Bucket Keys apply",
    "",
    `${created} job(s) created, ${applied.length - created} already created before${pullRequest === undefined ? "" : ` (pull request #${pullRequest})`}.`,
    "",
    appliedJobsMarkdown(applied, settings.region),
    ...(missing.length > 0 ? ["", missingJobsMarkdown(missing)] : []),
  ];
  if (settings.waitMinutes > 0 && missing.length === 0) lines.push("", await waitForJobs(applied.map((item) => item.jobId), settings.waitMinutes, settings.region, deps));
  return `${lines.join("\n")}\n`;
}
