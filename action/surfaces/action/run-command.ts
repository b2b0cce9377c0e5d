/**
 * Wires one Action command: builds the GitHub helper once, checks the region every command needs, and
 * runs the command's file (plan.ts, apply.ts, status.ts), which builds its AWS clients and returns its
 * outputs and summary for main.ts to set. A failing status (jobs with failed tasks) is returned as
 * `failure` after its comment and summary are written.
 */
import type { context as actionsContext } from "@actions/github";
import type { Logger } from "../../contracts/logger.ts";
import { InputError } from "../../contracts/errors.ts";
import { GitHubHelper } from "../../io/github/github-helper.ts";
import { applyCommand } from "./apply.ts";
import type { CommandResult } from "./command-result.ts";
import type { ActionInputs } from "./inputs.ts";
import { planCommand } from "./plan.ts";
import { statusCommand } from "./status.ts";

export async function runCommand(inputs: ActionInputs, context: typeof actionsContext, logger: Logger): Promise<CommandResult> {
  const repo = context.repo;
  const gitHub = GitHubHelper.create(inputs.common.token, repo, context.serverUrl, { baseUrl: context.apiUrl, logger, timeouts: inputs.common.timeouts });

  const region = inputs.command === "apply" ? inputs.apply.region : inputs.command === "status" ? inputs.status.region : inputs.common.region;
  if (!region) throw new InputError("region", 'input "region" is required (or set AWS_REGION, as aws-actions/configure-aws-credentials does).');

  if (inputs.command === "plan") return planCommand(inputs.plan, inputs.common, region, gitHub, logger);
  if (inputs.command === "apply") return applyCommand(inputs.apply, inputs.common, context, gitHub, logger);
  return statusCommand(inputs.status, inputs.common, gitHub, logger);
}
