/**
 * `bucket-keys apply --plan <dir> ...`: what the Action's apply does, from a local plan folder and
 * without GitHub. The same checks run (schema and id, manifest location, allowlist, manifest ETag and
 * checksum) before any job is created; settings come from flags only.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PlanFile } from "../../core/apply/apply-checks.ts";
import { validateApplySettings } from "../../core/apply/apply-settings.ts";
import { InputError, PlanError } from "../../contracts/errors.ts";
import { validatePlan } from "../../contracts/plan-schema.ts";
import { processStreams, parseFlags, runCommandLine, stderrLogger, type CliStreams } from "./command-line.ts";
import { appliedJobsMarkdown } from "../../core/apply/applied-jobs.ts";
import { missingJobsMarkdown, PartialApplyError } from "../../core/apply/partial-apply.ts";
import { applyPlans } from "../../use-cases/apply-plans.ts";
import { waitForJobs } from "../../use-cases/wait-for-jobs.ts";
import { parseIdleTimeout } from "../../core/settings/network-timeouts.ts";
import { createS3Client, createS3ControlClient } from "../../io/aws/aws-clients.ts";
import { BatchJobClient } from "../../io/aws/batch-job-client.ts";

export const APPLY_USAGE = `Usage: bucket-keys apply --plan <plan folder or plan.json> [--plan ...]
  --account-id <12 digits> --region <region> --batch-role-arn <role ARN> (or, per role: --batch-role-arn "<role ARN> <bucket>,<bucket>")
  --manifest-uri s3://bucket/prefix/ --report-uri s3://bucket/prefix/ --allowed-buckets <bucket>[,<bucket>...]
  [--priority N] [--tags key=value]... [--kms-key-arn <arn>] [--wait-minutes N] [--endpoint-url URL] [--idle-timeout SECONDS] [--debug]`;

const FLAGS = ["plan", "account-id", "region", "batch-role-arn", "manifest-uri", "report-uri", "allowed-buckets", "priority", "tags", "kms-key-arn", "wait-minutes", "endpoint-url", "idle-timeout"];

export async function applyCli(args: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  return runCommandLine(args, streams, APPLY_USAGE, async () => {
    const flags = parseFlags(args, FLAGS, APPLY_USAGE);
    const single = (name: string) => flags[name]?.at(-1);
    const raw = { ...Object.fromEntries(FLAGS.map((name) => [name, name === "allowed-buckets" || name === "tags" || name === "batch-role-arn" ? flags[name] : single(name)])), region: single("region") ?? process.env.AWS_REGION };
    const settings = validateApplySettings(raw, "flag");
    const timeouts = parseIdleTimeout(raw, "flag");
    const planPaths = flags.plan ?? [];
    if (planPaths.length === 0) throw new InputError("plan", `--plan is required: the folder "bucket-keys plan --manifest-uri ..." wrote, or its plan.json.\n${APPLY_USAGE}`);
    const planFiles: PlanFile[] = [];
    for (const path of planPaths) planFiles.push(await readPlanFile(path));

    const logger = stderrLogger(streams);
    const s3 = createS3Client({ region: settings.region, endpointUrl: single("endpoint-url"), timeouts });
    const jobs = new BatchJobClient(createS3ControlClient({ region: settings.region, timeouts }), settings.accountId);
    let applied;
    try {
      applied = await applyPlans(planFiles, settings, { pullRequest: undefined, commit: undefined }, { s3, jobs, logger, timeouts });
    } catch (error) {
      // Jobs exist: print them before failing, so they are linked somewhere.
      if (error instanceof PartialApplyError) streams.stdout(`${appliedJobsMarkdown(error.applied, settings.region)}\n\n${missingJobsMarkdown(error.missing)}\n`);
      throw error;
    }
    streams.stdout(`${appliedJobsMarkdown(applied, settings.region)}\n`);
    if (settings.waitMinutes > 0) streams.stdout(await waitForJobs(applied.map((item) => item.jobId), settings.waitMinutes, settings.region, { jobs, logger }));
    return 0;
  });
}

async function readPlanFile(path: string): Promise<PlanFile> {
  const file = path.endsWith(".json") ? path : join(path, "plan.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError("plan", `--plan: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Point --plan at the folder "bucket-keys plan" wrote.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanError(file, undefined, `${file}: not valid JSON (${(error as Error).message}). Regenerate the plan with "bucket-keys plan".`, { cause: error });
  }
  return { file, plan: validatePlan(json, file) };
}
