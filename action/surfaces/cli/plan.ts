/**
 * The `bucket-keys` command line: parses argv, runs the plan, and turns the outcome into an exit code
 * (0 success, 1 error, 2 usage error) with one message on stderr.
 */
import { parseArgs } from "node:util";
import { errorMessage, InputError } from "../../contracts/errors.ts";
import type { Logger } from "../../contracts/logger.ts";
import { validatePlanOptions } from "../../core/plan/options.ts";
import { createProgressReporter } from "../../core/plan/progress-reporter.ts";
import { planInventory } from "../../use-cases/plan-inventory.ts";

export const USAGE = `Usage: bucket-keys plan --inventory <manifest.json | s3://bucket/key/manifest.json> [--inventory ...]
                        --kms-key-arn <arn> --out <dir>
                        [--operation auto|update|copy] [--manifest-uri s3://bucket/prefix/]
                        [--endpoint-url URL] [--region REGION] [--idle-timeout SECONDS] [--debug]

Reads S3 Inventory reports (CSV or Parquet) and writes <dir>/plan.json, <dir>/plan.md and one Batch
Operations manifest per job in <dir>/manifests/, then prints plan.md. Nothing is written unless every
input checks out.

  --inventory     an inventory report's manifest.json: a local copy in the aws s3 sync layout, or s3://
  --kms-key-arn   full ARN of the KMS key objects move to (Bucket Key enabled)
  --out           output folder
  --operation     auto (default: update encrypted objects in place, copy unencrypted ones),
                  update (update everything), copy (copy everything, the AWS tutorial's method)
  --manifest-uri  also upload the manifests to s3://bucket/prefix/<plan id>/<job id>.csv
  --endpoint-url  S3 endpoint (default: AWS_ENDPOINT_URL_S3 or AWS)
  --region        AWS Region (default: the SDK's default chain)
  --idle-timeout  seconds a connection may stay silent before the attempt is retried (default 30;
                  a data file read is resumed from the byte reached)
  --debug         show stack traces and debug logs
`;

/** What `bucket-keys` and `bucket-keys --help` print: the commands. */
export const COMMANDS_USAGE = `Usage: bucket-keys <command> [options]

Commands:
  plan     plan Bucket Key jobs from S3 Inventory reports: plan.json, plan.md, job manifests
  apply    create the S3 Batch Operations jobs of a plan (after checking it), once
  status   report the progress and failures of the jobs of applied plans
  report   coverage over time from the plans' history.json files (markdown, csv or json)

Run "bucket-keys <command> --help" for a command's options.
`;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`bucket-keys: ${errorMessage(error)}\nRun "bucket-keys plan --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout.write(positionals.length === 0 ? COMMANDS_USAGE : USAGE);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== "plan") {
    const problem = positionals.length === 0 ? "missing command" : `unknown command "${positionals.join(" ")}"`;
    io.stderr.write(`bucket-keys: ${problem}; the commands are plan, apply, status and report.\nRun "bucket-keys --help" for usage.\n`);
    return 2;
  }
  const debug = values.debug === true;
  const logger: Logger = {
    info: (message) => void io.stderr.write(`${message}\n`),
    warn: (message) => void io.stderr.write(`warning: ${message}\n`),
    debug: (message) => void (debug && io.stderr.write(`debug: ${message}\n`)),
  };
  const progress = createProgressReporter(io.stderr);
  try {
    const options = validatePlanOptions(values, "flag");
    const result = await planInventory(options, { logger, onProgress: (p) => progress.update(p) });
    progress.done();
    io.stdout.write(result.markdown);
    io.stderr.write(`Wrote ${result.planPath}, ${result.markdownPath} and ${result.plan.jobs.length} manifest(s) in ${result.dir}/manifests\n`);
    return 0;
  } catch (error) {
    progress.done();
    io.stderr.write(`${debug && error instanceof Error && error.stack ? error.stack : errorMessage(error)}\n`);
    return error instanceof InputError ? 2 : 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      inventory: { type: "string", multiple: true },
      "kms-key-arn": { type: "string" },
      out: { type: "string" },
      operation: { type: "string" },
      "manifest-uri": { type: "string" },
      "endpoint-url": { type: "string" },
      region: { type: "string" },
      "idle-timeout": { type: "string" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
