/**
 * plan: plans every inventory with the engine (into temporary folders), checks there is one plan per
 * source bucket, then puts each bucket's plan up for review as a pull request (publish-plan.ts).
 * Manifests are uploaded only for plans that will be committed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { InputError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";
import { validatePlanOptions } from "../../core/plan/options.ts";
import { serializePlan, type Plan } from "../../contracts/plan-schema.ts";
import { renderPlanMarkdown } from "../../core/plan/render-plan-markdown.ts";
import { createS3Client, putObjectsWithSseS3 } from "../../io/aws/aws-clients.ts";
import type { GitHubHelper } from "../../io/github/github-helper.ts";
import { uploadManifests } from "../../io/plan/manifest-upload.ts";
import { planInventory, type PlanResult } from "../../use-cases/plan-inventory.ts";
import { createProgressReporter } from "../../core/plan/progress-reporter.ts";
import { networkTimeouts, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import type { CommandResult } from "./command-result.ts";
import type { CommonInputs } from "./inputs.ts";
import { engineOptions, type PlanCommandSettings } from "./plan-settings.ts";
import { planSummary } from "./plan-summary.ts";
import { publishPlan, readRepoState, type PublishResult } from "./publish-plan.ts";
import { resolveInventories } from "./resolve-inventories.ts";

export interface PlanCommandDeps {
  github: GitHubHelper;
  s3: S3Client;
  logger: Logger;
  /** Clock for plan.md's inventory-age warning. */
  now?: Date;
  /** From input "idle-timeout"; default networkTimeouts(). */
  timeouts?: NetworkTimeouts;
}

/** The Action's log gets a progress line this often while a bucket's inventory is scanned. */
export const ACTION_PROGRESS_EVERY_MS = 15_000;

export interface PlanCommandOutcome {
  results: PublishResult[];
  markdown: string;
}

export async function runPlan(settings: PlanCommandSettings, planDir: string, deps: PlanCommandDeps): Promise<PlanCommandOutcome> {
  const base = settings.baseBranch ?? (await deps.github.defaultBranch());
  const inventories = await resolveInventories(settings.inventories, deps.s3, deps.logger);
  const workDir = await mkdtemp(join(tmpdir(), "bucket-keys-plan-"));
  try {
    const planned: { inventory: string; result: PlanResult }[] = [];
    for (const [index, inventory] of inventories.entries()) {
      // Planned without upload: the id does not depend on it, and an unchanged plan must not rewrite its manifests.
      const { manifestUri: _later, ...options } = validatePlanOptions({ ...engineOptions(settings, inventory, join(workDir, String(index))), "manifest-uri": undefined }, "input");
      const progress = createProgressReporter({ write: (line) => deps.logger.info(line.trimEnd()) }, Date.now, ACTION_PROGRESS_EVERY_MS);
      const planOptions = { ...options, timeouts: deps.timeouts ?? networkTimeouts() };
      planned.push({ inventory, result: await planInventory(planOptions, { logger: deps.logger, s3: deps.s3, onProgress: (p) => progress.update(p), ...(deps.now && { now: deps.now }) }) });
    }
    checkOnePlanPerBucket(planned);

    const published: { result: PublishResult; markdown: string }[] = [];
    const repo = await readRepoState(deps.github, base, planDir);
    for (const { result } of planned) {
      let markdown = result.markdown;
      const prepare = async (plan: Plan) => {
        deps.logger.info(`Uploading ${plan.jobs.length} manifest(s) to ${settings.manifestUri}${plan.id}/`);
        const uploaded = await uploadManifests(putObjectsWithSseS3(deps.s3), plan, result.dir, settings.manifestUri, deps.timeouts ?? networkTimeouts(), deps.logger);
        markdown = renderPlanMarkdown(uploaded, { now: deps.now ?? new Date() });
        return { plan: uploaded, json: serializePlan(uploaded), markdown };
      };
      published.push({ result: await publishPlan(result.plan, prepare, planDir, repo, deps.github, deps.logger), markdown });
    }
    return { results: published.map((item) => item.result), markdown: planSummary(published) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Two reports of one bucket would fight over its branch: refuse before anything is published. */
function checkOnePlanPerBucket(planned: readonly { inventory: string; result: PlanResult }[]): void {
  const seen = new Map<string, string>();
  for (const { inventory, result } of planned) {
    const bucket = result.plan.inventories[0]!.sourceBucket;
    const first = seen.get(bucket);
    if (first !== undefined) {
      throw new InputError("inventory", `input "inventory": two reports for bucket "${bucket}" (${first} and ${inventory}). Each bucket gets one plan: list one inventory per bucket, or point at the configuration folder of the report to use.`);
    }
    seen.set(bucket, inventory);
  }
}

/** The Action's plan command: runPlan with the Action's clients, and its outputs (each a JSON object keyed by bucket). */
export async function planCommand(settings: PlanCommandSettings, common: CommonInputs, region: string, gitHub: GitHubHelper, logger: Logger): Promise<CommandResult> {
  const s3 = createS3Client({ region, endpointUrl: common.endpointUrl, timeouts: common.timeouts });
  const outcome = await runPlan(settings, common.planDir, { github: gitHub, s3, logger, timeouts: common.timeouts });
  const byBucket = (pick: (result: (typeof outcome.results)[number]) => unknown) =>
    JSON.stringify(Object.fromEntries(outcome.results.filter((result) => pick(result) !== undefined).map((result) => [result.bucket, pick(result)])));
  const outputs = new Map<string, string>();
  outputs.set("plan-ids", byBucket((result) => result.planId));
  outputs.set("pull-request-numbers", byBucket((result) => result.pullRequest?.number));
  outputs.set("pull-request-urls", byBucket((result) => result.pullRequest?.url));
  outputs.set("objects", byBucket((result) => result.objects));
  return { outputs, summary: outcome.markdown, failure: undefined };
}
