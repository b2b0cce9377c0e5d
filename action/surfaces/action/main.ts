/**
 * The Action: reads and validates inputs, builds the clients once, runs one command, and sets every
 * output and the step summary at the end. Any error fails the step with its message (and a file
 * annotation when the error points at a plan or inventory file).
 */
import * as core from "@actions/core";
import * as github from "@actions/github";
import { errorLocation, errorMessage } from "../../contracts/errors.ts";
import { actionsLogger } from "./actions-logger.ts";
import { readInputs } from "./inputs.ts";
import { runCommand } from "./run-command.ts";

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
