/**
 * Wires one Action command: builds the AWS clients and the GitHub helper once, runs the command,
 * and returns its outputs and summary for main.ts to set. A failing status (jobs with failed tasks)
 * is returned as `failure` after its comment and summary are written.
 */
import type { context as actionsContext } from "@actions/github";
import type { ActionInputs } from "./main.ts";
import type { Logger } from "../../contracts/logger.ts";
import { InputError } from "../../contracts/errors.ts";
import { createS3Client, createS3ControlClient } from "../../io/aws/aws-clients.ts";
import { BatchJobClient } from "../../io/aws/batch-job-client.ts";
import { GitHubHelper } from "../../io/github/github-helper.ts";
import { runApply } from "./apply.ts";
import { runPlan } from "./plan.ts";
import { failedJobsError, runStatus } from "../../use-cases/run-status.ts";

export interface CommandResult {
  outputs: Map<string, string>;
  summary: string | undefined;
  failure: Error | undefined;
}

export async function runCommand(inputs: ActionInputs, context: typeof actionsContext, logger: Logger): Promise<CommandResult> {
  const repo = context.repo;
  const gitHub = GitHubHelper.create(inputs.common.token, repo, context.serverUrl, context.apiUrl);
  const outputs = new Map<string, string>();

  const region = inputs.command === "apply" ? inputs.apply.region : inputs.command === "status" ? inputs.status.region : inputs.common.region;
  if (!region) throw new InputError("region", 'input "region" is required (or set AWS_REGION, as aws-actions/configure-aws-credentials does).');

  if (inputs.command === "plan") {
    const s3 = createS3Client({ region, endpointUrl: inputs.common.endpointUrl });
    const outcome = await runPlan(inputs.plan, inputs.common.planDir, { github: gitHub, s3, logger });
    const byBucket = (pick: (result: (typeof outcome.results)[number]) => unknown) =>
      JSON.stringify(Object.fromEntries(outcome.results.filter((result) => pick(result) !== undefined).map((result) => [result.bucket, pick(result)])));
    outputs.set("plan-ids", byBucket((result) => result.planId));
    outputs.set("pull-request-numbers", byBucket((result) => result.pullRequest?.number));
    outputs.set("pull-request-urls", byBucket((result) => result.pullRequest?.url));
    outputs.set("objects", byBucket((result) => result.objects));
    return { outputs, summary: outcome.markdown, failure: undefined };
  }

  const s3 = createS3Client({ region, endpointUrl: inputs.common.endpointUrl });
  const control = createS3ControlClient({ region });

  if (inputs.command === "apply") {
    const jobs = new BatchJobClient(control, inputs.apply.accountId);
    const event = { eventName: context.eventName, ref: context.ref, payload: context.payload };
    const outcome = await runApply(inputs.apply, inputs.common.planDir, event, { github: gitHub, s3, jobs, logger });
    outputs.set("job-ids", JSON.stringify(outcome.jobs.map((item) => item.jobId)));
    return { outputs, summary: outcome.markdown, failure: undefined };
  }

  const jobs = new BatchJobClient(control, inputs.status.accountId);
  const outcome = await runStatus(inputs.status, { github: gitHub, s3, jobs, logger });
  outputs.set("job-ids", JSON.stringify(outcome.jobIds));
  outputs.set("failed-jobs", JSON.stringify(outcome.summary.failedJobs));
  return { outputs, summary: outcome.summary.markdown, failure: failedJobsError(outcome.summary) };
}
