/**
 * `bucket-keys status --account-id <id> --region <r> [--plan-id <id>] [--pull-request <n>]`: the
 * Action's status report on the terminal (markdown on stdout); exit code 1 when a job failed or has
 * failed tasks.
 */
import { validateStatusSettings } from "../../core/status/status-settings.ts";
import { processStreams, parseFlags, runCommandLine, stderrLogger, type CliStreams } from "./command-line.ts";
import { failedJobsError, runStatus } from "../../use-cases/run-status.ts";
import { parseIdleTimeout } from "../../core/settings/network-timeouts.ts";
import { createS3Client, createS3ControlClient } from "../../io/aws/aws-clients.ts";
import { BatchJobClient } from "../../io/aws/batch-job-client.ts";

export const STATUS_USAGE = `Usage: bucket-keys status --account-id <12 digits> --region <region> [--plan-id <plan id>] [--pull-request <n>] [--endpoint-url URL] [--idle-timeout SECONDS] [--debug]`;

const FLAGS = ["account-id", "region", "plan-id", "pull-request", "endpoint-url", "idle-timeout"];

export async function statusCli(args: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  return runCommandLine(args, streams, STATUS_USAGE, async () => {
    const flags = parseFlags(args, FLAGS, STATUS_USAGE);
    const single = (name: string) => flags[name]?.at(-1);
    const raw = { ...Object.fromEntries(FLAGS.map((name) => [name, single(name)])), region: single("region") ?? process.env.AWS_REGION };
    const settings = validateStatusSettings(raw, "flag");
    const timeouts = parseIdleTimeout(raw, "flag");
    const s3 = createS3Client({ region: settings.region, endpointUrl: single("endpoint-url"), timeouts });
    const jobs = new BatchJobClient(createS3ControlClient({ region: settings.region, timeouts }), settings.accountId);
    const outcome = await runStatus(settings, { s3, jobs, github: undefined, logger: stderrLogger(streams) });
    streams.stdout(outcome.summary.markdown);
    const failure = failedJobsError(outcome.summary);
    if (failure) streams.stderr(`bucket-keys: ${failure.message}\n`);
    return failure ? 1 : 0;
  });
}
