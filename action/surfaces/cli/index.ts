/** `bucket-keys` entry point: runs the command line and sets the exit code. */
import { applyCli } from "./apply.ts";
import { reportCli } from "./report.ts";
import { statusCli } from "./status.ts";
import { nodeVersionWarning } from "../../core/settings/node-version.ts";
import { runCli } from "./plan.ts";

const warning = nodeVersionWarning(process.version);
if (warning !== undefined) process.stderr.write(`${warning}\n`);

const [command, ...rest] = process.argv.slice(2);
if (command === "apply") process.exitCode = await applyCli(rest);
else if (command === "status") process.exitCode = await statusCli(rest);
else if (command === "report") process.exitCode = await reportCli(rest);
else process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
