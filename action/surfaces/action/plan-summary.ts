/** The plan command's step summary: one line per bucket, the coverage chart of every bucket planned, then each plan. */
import { cutPullRequestBody } from "../../core/plan/pull-request-body.ts";
import { coverageMarkdown } from "../../core/report/coverage-markdown.ts";
import type { PublishResult } from "./publish-plan.ts";

/** The step summary holds at most 1 MiB; each plan gets a pull request body's worth. */
const PLAN_CHARS_IN_SUMMARY = 65_536;

export function planSummary(published: readonly { result: PublishResult; markdown: string }[]): string {
  const lines = ["### S3 Bucket Keys plan", "", "| Bucket | Plan | Objects | Result |", "|---|---|---|---|"];
  for (const { result } of published) {
    const pull = result.pullRequest ? ` [#${result.pullRequest.number}](${result.pullRequest.url})` : "";
    lines.push(`| ${result.bucket} | \`${result.planId}\` | ${result.objects.toLocaleString("en-US")} | ${result.action}${pull} |`);
  }
  lines.push("", coverageMarkdown(published.map(({ result }) => result.history), { heading: "### Coverage over time" }).trimEnd());
  for (const { result, markdown } of published) {
    lines.push("", `<details><summary>${result.bucket}: ${result.note.replace(/[<>]/g, "")}</summary>`, "", cutPullRequestBody(markdown, result.pullRequest?.url ?? "#", PLAN_CHARS_IN_SUMMARY), "", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
