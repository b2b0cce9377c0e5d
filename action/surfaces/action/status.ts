/** The Action's status command: reports the jobs of applied plans on their pull requests (runStatus) and sets the outputs. */
import type { Logger } from "../../contracts/logger.ts";
import type { StatusSettings } from "../../core/status/status-settings.ts";
import { createS3Client, createS3ControlClient } from "../../io/aws/aws-clients.ts";
import { BatchJobClient } from "../../io/aws/batch-job-client.ts";
import type { GitHubHelper } from "../../io/github/github-helper.ts";
import { readHistory } from "../../io/github/read-history.ts";
import { historyPath } from "../../core/plan/plan-files.ts";
import { coverageMarkdown } from "../../core/report/coverage-markdown.ts";
import { emptyHistory } from "../../core/report/coverage-history.ts";
import { failedJobsError, runStatus } from "../../use-cases/run-status.ts";
import type { CommandResult } from "./command-result.ts";
import type { CommonInputs } from "./inputs.ts";

export async function statusCommand(settings: StatusSettings, common: CommonInputs, gitHub: GitHubHelper, logger: Logger): Promise<CommandResult> {
  const s3 = createS3Client({ region: settings.region, endpointUrl: common.endpointUrl, timeouts: common.timeouts });
  const jobs = new BatchJobClient(createS3ControlClient({ region: settings.region, timeouts: common.timeouts }), settings.accountId);
  // The coverage of the reported buckets, as merged plans recorded it on the default branch.
  const coverage = async (buckets: readonly string[]) => {
    const branch = await gitHub.defaultBranch();
    const histories = [];
    for (const bucket of buckets) histories.push((await readHistory(gitHub, historyPath(common.planDir, bucket), branch, bucket, logger)).history ?? emptyHistory(bucket));
    return coverageMarkdown(histories, { heading: "### Coverage over time" });
  };
  const outcome = await runStatus(settings, { github: gitHub, s3, jobs, logger, coverage });
  const outputs = new Map<string, string>();
  outputs.set("job-ids", JSON.stringify(outcome.jobIds));
  outputs.set("failed-jobs", JSON.stringify(outcome.summary.failedJobs));
  return { outputs, summary: outcome.summary.markdown, failure: failedJobsError(outcome.summary) };
}
