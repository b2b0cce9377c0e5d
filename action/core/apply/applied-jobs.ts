/** The jobs apply created or found, and the Markdown table of them that the CLI and the Action print. Pure. */
import type { PlanJob } from "../../contracts/plan-schema.ts";
import { consoleJobUrl } from "./job-links.ts";

export interface AppliedJob {
  planId: string;
  file: string;
  job: PlanJob;
  jobId: string;
  /** False when an earlier run already created it. */
  created: boolean;
}

export function appliedJobsMarkdown(applied: readonly AppliedJob[], region: string, planId?: string): string {
  const rows = applied
    .filter((item) => planId === undefined || item.planId === planId)
    .map((item) => `| [${item.jobId}](${consoleJobUrl(region, item.jobId)}) | \`${item.job.id}\` | ${item.job.operation} | ${item.job.bucket} | ${item.job.objects.toLocaleString("en-US")} | ${item.created ? "created" : "already created"} |`);
  return ["| Job | Plan job | Operation | Bucket | Objects | |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
