/** The Action's inputs: read once, validated per command, typed for the command files (plan.ts, apply.ts, status.ts). */
import * as core from "@actions/core";
import { validateApplySettings, type ApplySettings } from "../../core/apply/apply-settings.ts";
import { InputError } from "../../contracts/errors.ts";
import { normalizePlanDir } from "../../core/plan/plan-files.ts";
import type { RawSettings } from "../../core/settings/setting-source.ts";
import { parseIdleTimeout, type NetworkTimeouts } from "../../core/settings/network-timeouts.ts";
import { validateStatusSettings, type StatusSettings } from "../../core/status/status-settings.ts";
import { readPlanInputs, type PlanCommandSettings } from "./plan-settings.ts";

export const COMMANDS = ["plan", "apply", "status"] as const;

export interface CommonInputs {
  token: string;
  planDir: string;
  region: string | undefined;
  endpointUrl: string | undefined;
  /** From input "idle-timeout": every AWS and GitHub call of the command. */
  timeouts: NetworkTimeouts;
}

export type ActionInputs =
  | { command: "plan"; common: CommonInputs; plan: PlanCommandSettings }
  | { command: "apply"; common: CommonInputs; apply: ApplySettings }
  | { command: "status"; common: CommonInputs; status: StatusSettings };

export const INPUT_NAMES = [
  "inventory", "kms-key-arn", "operation", "manifest-uri", "base-branch", "endpoint-url", "account-id", "batch-role-arn",
  "report-uri", "allowed-buckets", "priority", "tags", "wait-minutes", "pull-request", "plan-id", "idle-timeout",
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
  const common: CommonInputs = { token, planDir: normalizePlanDir(core.getInput("plan-dir"), "input"), region: raw.region, endpointUrl: raw["endpoint-url"], timeouts: parseIdleTimeout(settings, "input") };
  if (command === "plan") return { command, common, plan: readPlanInputs(settings) };
  if (command === "apply") return { command, common, apply: validateApplySettings(settings, "input") };
  return { command: "status", common, status: validateStatusSettings(settings, "input") };
}
