/** `bucket-keys` entry point: runs the command line and sets the exit code. */
import { runCli } from "./run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
