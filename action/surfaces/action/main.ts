/**
 * The Action: reads and validates inputs, builds the clients once, runs one command, and sets every
 * output and the step summary at the end. Any error fails the step with its message (and a file
 * annotation when the error points at a plan or inventory file).
 */
import * as core from "@actions/core";
import * as github from "@actions/github";
import { validateApplySettings, type ApplySettings } from "../../core/apply/apply-settings.ts";
import { errorLocation, errorMessage, InputError } from "../../contracts/errors.ts";
import { normalizePlanDir } from "../../core/plan/plan-files.ts";
import type { RawSettings } from "../../core/settings/setting-source.ts";
import { validateStatusSettings, type StatusSettings } from "../../core/status/status-settings.ts";
import { readPlanInputs, type PlanCommandSettings } from "./plan-settings.ts";
import { actionsLogger } from "./actions-logger.ts";
import { runCommand } from "./run-command.ts";

export const COMMANDS = ["plan", "apply", "status"] as const;

export interface CommonInputs {
  token: string;
  planDir: string;
  region: string | undefined;
  endpointUrl: string | undefined;
}

export type ActionInputs =
  | { command: "plan"; common: CommonInputs; plan: PlanCommandSettings }
  | { command: "apply"; common: CommonInputs; apply: ApplySettings }
  | { command: "status"; common: CommonInputs; status: StatusSettings };

export const INPUT_NAMES = [
  "inventory", "kms-key-arn", "operation", "manifest-uri", "base-branch", "endpoint-url", "account-id", "batch-role-arn",
  "report-uri", "allowed-buckets", "priority", "tags", "wait-minutes", "pull-request", "plan-id",
] as const;

/** Reads every input and validates those of the chosen command; throws InputError naming the input. */
export function readInputs(): ActionInputs {
  const command = core.getInput("command", { required: true });
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError("command", `input "command": "${command}" is not one of ${COMMANDS.join(", ")}.`);
  }
  const token = core.getInput("token");
  if (token === "") throw new InputError("token", 'input "token" is empty: pass ${{ github.token }}, a GitHub App token or a personal access token.');
  core.setSecret(token);
  const raw: Record<string, string | undefined> = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name) || undefined;
  raw.region = core.getInput("region") || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
  const settings: RawSettings = raw;
  const common: CommonInputs = { token, planDir: normalizePlanDir(core.getInput("plan-dir"), "input"), region: raw.region, endpointUrl: raw["endpoint-url"] };
  if (command === "plan") return { command, common, plan: readPlanInputs(settings) };
  if (command === "apply") return { command, common, apply: validateApplySettings(settings, "input") };
  return { command: "status", common, status: validateStatusSettings(settings, "input") };
}

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const result = await runCommand(inputs, github.context, actionsLogger);
    for (const [name, value] of result.outputs) core.setOutput(name, value);
    // The step summary file exists on runners; a local run (act, a debugger) may not have one.
    if (result.summary && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary).write();
    if (result.failure) core.setFailed(result.failure.message);
  } catch (error) {
    const location = errorLocation(error);
    if (location) {
      core.error(errorMessage(error), { file: location.file, ...(location.line === undefined ? {} : { startLine: location.line }) });
      process.exitCode = core.ExitCode.Failure;
    } else {
      core.setFailed(errorMessage(error));
    }
  }
}
