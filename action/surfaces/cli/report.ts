/**
 * `bucket-keys report --plan-dir <dir> [--format markdown|csv|json]`: the coverage history every
 * plan recorded (`<dir>/<bucket>/history.json`), as the pull requests show it (markdown, with the
 * Mermaid chart), or as CSV or JSON for dashboards.
 */
import { InputError } from "../../contracts/errors.ts";
import { DEFAULT_PLAN_DIR } from "../../core/plan/plan-files.ts";
import { coverageCsv, coverageJson } from "../../core/report/coverage-formats.ts";
import { coverageMarkdown } from "../../core/report/coverage-markdown.ts";
import { readPlanHistories } from "../../io/report/read-plan-histories.ts";
import { processStreams, parseFlags, runCommandLine, type CliStreams } from "./command-line.ts";

export const REPORT_USAGE = `Usage: bucket-keys report [--plan-dir <folder>] [--format markdown|csv|json] [--debug]
  --plan-dir  the plan folder of a checkout, holding <bucket>/history.json (default: ${DEFAULT_PLAN_DIR})
  --format    markdown (default: the chart and trends the pull requests show), csv or json (one row per
              bucket and inventory date, for dashboards)`;

const FORMATS = ["markdown", "csv", "json"] as const;

export async function reportCli(args: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  return runCommandLine(args, streams, REPORT_USAGE, async () => {
    const flags = parseFlags(args, ["plan-dir", "format"], REPORT_USAGE);
    const planDir = flags["plan-dir"]?.at(-1) ?? DEFAULT_PLAN_DIR;
    const format = flags.format?.at(-1) ?? "markdown";
    if (!(FORMATS as readonly string[]).includes(format)) throw new InputError("format", `--format: "${format}" is not one of ${FORMATS.join(", ")}.\n${REPORT_USAGE}`);
    const histories = await readPlanHistories(planDir);
    if (format === "csv") streams.stdout(coverageCsv(histories));
    else if (format === "json") streams.stdout(coverageJson(histories));
    else {
      streams.stdout(coverageMarkdown(histories, { heading: "# S3 Bucket Keys coverage" }));
      if (histories.length === 0) streams.stderr(`bucket-keys: no history.json under ${planDir}/<bucket>/; each plan the Action commits adds one.\n`);
    }
    return 0;
  });
}
