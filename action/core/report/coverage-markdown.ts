/**
 * The coverage section of the plan pull request, the status comment, the job summary and
 * `bucket-keys report`: the chart, the statements (fully on Bucket Keys, stopped improving, waiting)
 * and one trend line per bucket. Pure.
 */
import type { CoverageHistory } from "../../contracts/history-schema.ts";
import { coverageChart } from "./coverage-chart.ts";
import { bucketTrend } from "./coverage-trend.ts";

export interface CoverageMarkdownOptions {
  /** Heading level and text; default "## Coverage over time". */
  heading?: string;
}

export function coverageMarkdown(histories: readonly CoverageHistory[], options: CoverageMarkdownOptions = {}): string {
  const out = [options.heading ?? "## Coverage over time", ""];
  const recorded = histories.filter((history) => history.entries.length > 0);
  if (recorded.length === 0) {
    out.push("No plan recorded yet: each plan adds its bucket's coverage to `history.json` next to its `plan.json`.", "");
    return out.join("\n");
  }
  const chart = coverageChart(recorded);
  if (chart) out.push(chart.mermaid, "", chart.caption, "");
  const trends = recorded.map(bucketTrend);
  const statements = trends.flatMap((trend) => (trend.statement ? [trend.statement] : []));
  if (statements.length > 0) out.push(...statements.map((statement) => `- ${statement}`), "");
  out.push(...trends.map((trend) => `- ${trend.line}`), "");
  out.push("Coverage counts every version the inventory lists, without delete markers; planned objects count once their jobs have run and a later inventory shows them.", "");
  return out.join("\n");
}
