/**
 * The coverage of several buckets as a Mermaid `xychart-beta` line chart, which GitHub renders in
 * pull requests, comments and job summaries: coverage in % by inventory date, one line per bucket.
 * xychart has no legend, so each line gets a fixed colour and the caption names them. Pure.
 */
import type { CoverageHistory } from "../../contracts/history-schema.ts";
import { coverageOf, percentValue } from "./coverage-figures.ts";

/** Colours in drawing order, with the names the caption uses. */
export const LINE_COLOURS = [
  { name: "blue", hex: "#2563eb" },
  { name: "orange", hex: "#ea580c" },
  { name: "green", hex: "#16a34a" },
  { name: "purple", hex: "#9333ea" },
  { name: "red", hex: "#dc2626" },
  { name: "teal", hex: "#0d9488" },
] as const;

/** Dates on the x axis: the most recent ones, so the chart stays readable. */
export const MAX_CHART_DATES = 26;

export interface CoverageChart {
  /** The fenced ```mermaid block. */
  mermaid: string;
  /** "Lines: blue `photos-prod`, orange `logs`." and how gaps are drawn. */
  caption: string;
  /** Buckets drawn, in line order. */
  buckets: string[];
}

const day = (time: string) => time.slice(0, 10);

/**
 * The chart of the `histories` with entries, the largest buckets (by objects in their latest entry)
 * first, at most one per colour; undefined when there is nothing to draw.
 */
export function coverageChart(histories: readonly CoverageHistory[]): CoverageChart | undefined {
  const drawn = histories
    .filter((history) => history.entries.length > 0)
    .map((history) => ({ history, objects: coverageOf(history.entries.at(-1)!).objects }))
    .sort((a, b) => b.objects - a.objects || a.history.bucket.localeCompare(b.history.bucket))
    .slice(0, LINE_COLOURS.length)
    .map((item) => item.history);
  if (drawn.length === 0) return undefined;
  const dates = [...new Set(drawn.flatMap((history) => history.entries.map((entry) => day(entry.inventoryTime))))].sort().slice(-MAX_CHART_DATES);
  const sameYear = new Set(dates.map((date) => date.slice(0, 4))).size === 1;
  const label = (date: string) => `"${sameYear ? date.slice(5) : date}"`;
  const lines = drawn.map((history) => {
    const byDate = new Map(history.entries.map((entry) => [day(entry.inventoryTime), percentValue(coverageOf(entry))]));
    const firstValue = byDate.get([...byDate.keys()].sort()[0]!)!;
    let value = firstValue;
    // A bucket keeps its coverage until its next plan; before its first plan the line starts at that plan's value.
    return dates.map((date) => (value = byDate.get(date) ?? value));
  });
  const title = sameYear ? `Objects on S3 Bucket Keys (%), ${dates[0]!.slice(0, 4)}` : "Objects on S3 Bucket Keys (%)";
  const mermaid = [
    "```mermaid",
    "---",
    "config:",
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${LINE_COLOURS.slice(0, drawn.length).map((colour) => colour.hex).join(", ")}"`,
    "---",
    "xychart-beta",
    `    title "${title}"`,
    `    x-axis [${dates.map(label).join(", ")}]`,
    '    y-axis "coverage %" 0 --> 100',
    ...lines.map((values) => `    line [${values.join(", ")}]`),
    "```",
  ].join("\n");
  const names = drawn.map((history, index) => `${LINE_COLOURS[index]!.name} \`${history.bucket}\``).join(", ");
  const others = histories.filter((history) => history.entries.length > 0).length - drawn.length;
  const caption =
    `Lines: ${names}.${others > 0 ? ` The ${others} smaller bucket${others === 1 ? "" : "s"} are listed below only.` : ""} ` +
    "Each point is a plan at its inventory's date; a line keeps its value until the bucket's next plan.";
  return { mermaid, caption, buckets: drawn.map((history) => history.bucket) };
}
