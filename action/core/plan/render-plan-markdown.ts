/**
 * plan.md: what a reviewer needs to approve a plan in one screen. Pure: the clock comes in as `now`
 * (for the inventory-age warning), links to manifests as `manifestBaseUrl`.
 */
import type { CostLine, Plan, PlanJob } from "../../contracts/plan-schema.ts";
import { jobCostUsd } from "./cost-estimate.ts";
import { bytes, count, money, plural, totalSize, usd } from "./markdown-format.ts";
import { formatNumber } from "./number-format.ts";
import { planWarningLines } from "./plan-warning-lines.ts";
import { SKIP_REASON_HELP } from "./skip-reason-help.ts";

export { STALE_INVENTORY_MS } from "./plan-warning-lines.ts";

/** Job rows shown open; a longer table (a plan of many buckets) is collapsed under the bucket table. */
export const MAX_OPEN_JOB_ROWS = 10;

export interface RenderOptions {
  now: Date;
  /** When set, manifest paths link to `${manifestBaseUrl}/${path}` (e.g. the plan's folder on GitHub). */
  manifestBaseUrl?: string;
}

export function renderPlanMarkdown(plan: Plan, options: RenderOptions): string {
  const out: string[] = [];
  const cost = plan.cost;
  out.push(`# Bucket Keys plan \`${plan.id}\``, "");
  out.push(
    `**${plural(plan.jobs.length, "job")}** over **${plural(plan.totals.objects, "object")}**${plan.totals.bytes !== undefined ? ` (${bytes(plan.totals.bytes)})` : ""}, estimated **$${money(cost.totalUsd)}**; ` +
      `${count(plan.totals.skipped)} of ${count(plan.totals.rows)} inventory rows skipped. Operation \`${plan.operation}\`, KMS key \`${plan.kmsKeyArn}\`, Bucket Key enabled on every object.`,
    "",
  );

  if (plan.inventories.length > 1) out.push(...bucketTable(plan), "");

  out.push("## Jobs", "");
  if (plan.jobs.length === 0) out.push("No object needs a job.", "");
  else {
    // A long job table (a plan of many buckets) is collapsed: the bucket table above has its totals.
    const collapsed = plan.jobs.length > MAX_OPEN_JOB_ROWS;
    if (collapsed) out.push(`<details><summary>${plural(plan.jobs.length, "job")}</summary>`, "");
    out.push("| Job | Operation | Bucket | Storage class | Objects | Size | Cost |", "|---|---|---|---|--:|--:|--:|");
    for (const job of plan.jobs) {
      const storageClass = job.operation === "S3PutObjectCopy" ? (job.storageClass ?? "unknown (writes STANDARD)") : "kept";
      out.push(`| \`${job.id}\` | ${job.operation} | \`${job.bucket}\` | ${storageClass} | ${count(job.objects)} | ${job.bytes === undefined ? "n/a" : bytes(job.bytes)} | $${money(jobCostUsd(cost, job.id))} |`);
    }
    if (plan.jobs.length > 1) {
      out.push(`| **${plural(plan.jobs.length, "job")}** | | | | **${count(plan.totals.objects)}** | **${totalSize(plan.totals.bytes, plan.jobs)}** | **$${money(cost.totalUsd)}** |`);
    }
    out.push("");
    if (collapsed) out.push("</details>", "");
    if (plan.jobs.some((job) => job.unmodifiedSince)) {
      out.push("Copy jobs only copy objects unmodified since the inventory was taken; an object written since then fails its task instead of being overwritten.", "");
    }
  }

  out.push("## Warnings", "");
  const warnings = planWarningLines(plan, options.now);
  out.push(...(warnings.length === 0 ? ["None."] : warnings.map((warning) => `- ${warning}`)), "");

  const skipped = Object.entries(plan.skipped) as [keyof typeof SKIP_REASON_HELP, number][];
  out.push("## Skipped", "");
  if (skipped.length === 0) out.push("Nothing skipped.", "");
  else {
    out.push("| Reason | Objects | Meaning | What to do |", "|---|--:|---|---|");
    for (const [reason, objects] of skipped) out.push(`| \`${reason}\` | ${count(objects)} | ${SKIP_REASON_HELP[reason].meaning} | ${SKIP_REASON_HELP[reason].action} |`);
    out.push("");
  }

  // Reference material a reviewer opens when needed; GitHub renders a table in <details> after a blank line.
  if (plan.jobs.length > 0) {
    out.push(`<details><summary>Manifests (${plan.jobs.length})</summary>`, "", "| Job | Manifest |", "|---|---|");
    for (const job of plan.jobs) out.push(`| \`${job.id}\` | ${manifestCell(job, options)} |`);
    out.push("", "</details>", "");
  }
  out.push(`<details><summary>Cost per request type: $${usd(cost.totalUsd)}</summary>`, "");
  out.push("| Item | Quantity | Unit price | Amount |", "|---|--:|--:|--:|");
  for (const line of cost.lines) out.push(`| ${line.item} | ${costQuantity(line)} | ${costPrice(line)} | $${usd(line.amountUsd)} |`);
  out.push(`| **Total** | | | **$${usd(cost.totalUsd)}** |`, "");
  out.push(`Prices for ${cost.priceTable.region} as of ${cost.priceTable.asOf}, from ${cost.priceTable.source}. KMS request charges are not included. Check current prices before relying on this.`, "");
  out.push("</details>", "");

  out.push("## Inventories", "");
  out.push("| Bucket | Report | Created | Rows | Data files |", "|---|---|---|--:|--:|");
  for (const inventory of plan.inventories) {
    out.push(`| \`${inventory.sourceBucket}\` | \`${inventory.manifest}\` | ${inventory.creationTime} | ${count(inventory.rows)} | ${inventory.dataFiles} |`);
  }
  out.push("");
  return out.join("\n");
}

/** One row per bucket of a plan over several: its jobs, objects, size and cost. */
function bucketTable(plan: Plan): string[] {
  const lines = ["## Buckets", "", "| Bucket | Inventory rows | Jobs | Objects | Size | Cost |", "|---|--:|--:|--:|--:|--:|"];
  for (const inventory of plan.inventories) {
    const jobs = plan.jobs.filter((job) => job.bucket === inventory.sourceBucket);
    const objects = jobs.reduce((sum, job) => sum + job.objects, 0);
    const cost = jobs.reduce((sum, job) => sum + jobCostUsd(plan.cost, job.id), 0);
    lines.push(`| \`${inventory.sourceBucket}\` | ${count(inventory.rows)} | ${jobs.length} | ${count(objects)} | ${totalSize(undefined, jobs)} | $${money(cost)} |`);
  }
  return lines;
}

function manifestCell(job: PlanJob, options: RenderOptions): string {
  const path = options.manifestBaseUrl ? `[${job.manifest.path}](${options.manifestBaseUrl.replace(/\/$/, "")}/${job.manifest.path})` : `\`${job.manifest.path}\``;
  return job.manifest.uri ? `${path}<br>\`${job.manifest.uri}\`` : path;
}

/** "4,588 requests", "1 job", "4.16 GB". */
function costQuantity(line: CostLine): string {
  const count = line.unit === "GB" ? formatNumber(line.quantity, 0, 2) : formatNumber(Math.round(line.quantity));
  return line.unit === "GB" || line.quantity === 1 ? `${count} ${line.unit}` : `${count} ${line.unit}s`;
}

/** "$0.005 per 1,000 requests", "$1 per million objects", "$0.25 per job". */
function costPrice(line: CostLine): string {
  const per = line.per === 1 ? line.unit : line.per === 1_000_000 ? `million ${line.unit}s` : `${formatNumber(line.per)} ${line.unit}s`;
  return `$${line.priceUsd} per ${per}`;
}
