/**
 * What apply says when it is done: one comment per plan on the merged pull request (edited on
 * re-runs, never duplicated) with the job ids and console links, the step summary, and the optional
 * wait for the jobs to finish.
 */
import type { PlanFile } from "../../core/apply/apply-checks.ts";
import type { ApplySettings } from "../../core/apply/apply-settings.ts";
import { applyCommentMarker } from "../../core/status/comment-markers.ts";
import { consoleJobUrl } from "../../core/status/job-links.ts";
import type { AppliedJob } from "../../use-cases/apply-plans.ts";
import type { ApplyDeps } from "./apply.ts";
import { waitForJobs } from "../../use-cases/wait-for-jobs.ts";

export function appliedJobsMarkdown(applied: readonly AppliedJob[], region: string, planId?: string): string {
  const rows = applied
    .filter((item) => planId === undefined || item.planId === planId)
    .map((item) => `| [${item.jobId}](${consoleJobUrl(region, item.jobId)}) | \`${item.job.id}\` | ${item.job.operation} | ${item.job.bucket} | ${item.job.objects.toLocaleString("en-US")} | ${item.created ? "created" : "already created"} |`);
  return ["| Job | Plan job | Operation | Bucket | Objects | |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

export async function reportApply(applied: readonly AppliedJob[], planFiles: readonly PlanFile[], pullRequest: number | undefined, settings: ApplySettings, deps: ApplyDeps): Promise<string> {
  if (pullRequest !== undefined) {
    for (const { file, plan } of planFiles) {
      const marker = applyCommentMarker(plan.id);
      const body = [
        marker,
        `### S3 Bucket Keys: jobs for plan \`${plan.id}\``,
        "",
        `From \`${file}\`, in account ${settings.accountId}, ${settings.region}. Completion reports go to \`s3://${settings.reportLocation.bucket}/${settings.reportLocation.prefix}\`.`,
        "",
        appliedJobsMarkdown(applied, settings.region, plan.id),
        "",
        "The status workflow reports progress and failures in a separate comment.",
      ].join("\n");
      const { created } = await deps.github.upsertComment(pullRequest, marker, body);
      deps.logger.info(`${created ? "Commented" : "Updated the comment"} on #${pullRequest} with the jobs of plan ${plan.id}.`);
    }
  }
  const created = applied.filter((item) => item.created).length;
  const lines = [
    "### S3 Bucket Keys apply",
    "",
    `${created} job(s) created, ${applied.length - created} already created before${pullRequest === undefined ? "" : ` (pull request #${pullRequest})`}.`,
    "",
    appliedJobsMarkdown(applied, settings.region),
  ];
  if (settings.waitMinutes > 0) lines.push("", await waitForJobs(applied.map((item) => item.jobId), settings.waitMinutes, settings.region, deps));
  return `${lines.join("\n")}\n`;
}
