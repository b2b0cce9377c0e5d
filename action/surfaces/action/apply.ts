/**
 * apply: on a push to the default branch, creates the S3 Batch Operations jobs of every plan the push
 * added or changed, once. All checks pass for every job of every plan before the first CreateJob;
 * role, account, region, locations and allowlist come only from the trusted settings.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { checkApplyEvent, checkPushEvent, payloadDefaultBranch, type ApplyEvent } from "../../core/apply/apply-event.ts";
import type { PlanFile } from "../../core/apply/apply-checks.ts";
import type { ApplySettings } from "../../core/apply/apply-settings.ts";
import { PlanError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";
import { filesFromPushCommits, selectChangedPlanFiles, type ChangedFile } from "../../core/plan/plan-files.ts";
import { validatePlan } from "../../contracts/plan-schema.ts";
import type { BatchJobClient } from "../../io/aws/batch-job-client.ts";
import type { GitHubHelper } from "../../io/github/github-helper.ts";
import { applyPlans, type AppliedJob } from "../../use-cases/apply-plans.ts";
import { reportApply } from "./apply-report.ts";

export interface ApplyDeps {
  github: GitHubHelper;
  s3: S3Client;
  jobs: BatchJobClient;
  logger: Logger;
}

export interface ApplyOutcome {
  jobs: AppliedJob[];
  pullRequest: number | undefined;
  markdown: string;
}

export async function runApply(settings: ApplySettings, planDir: string, event: ApplyEvent, deps: ApplyDeps): Promise<ApplyOutcome> {
  checkPushEvent(event);
  const push = checkApplyEvent(event, payloadDefaultBranch(event) ?? (await deps.github.defaultBranch()));
  const planPaths = selectChangedPlanFiles(await changedFiles(push, deps), planDir);
  if (planPaths.length === 0) {
    deps.logger.info(`No plan.json under ${planDir}/ was added or changed by this push; nothing to apply.`);
    return { jobs: [], pullRequest: undefined, markdown: `### S3 Bucket Keys apply\n\nNo plan under \`${planDir}/\` changed in this push.\n` };
  }
  const planFiles = await readPlans(planPaths, push.after, deps);
  const pullRequest = await mergedPullRequest(push.after, deps);
  const applied = await applyPlans(planFiles, settings, { pullRequest, commit: push.after }, deps);
  const markdown = await reportApply(applied, planFiles, pullRequest, settings, deps);
  return { jobs: applied, pullRequest, markdown };
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

