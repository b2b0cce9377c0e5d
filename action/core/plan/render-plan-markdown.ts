/**
 * plan.md: what a reviewer needs to approve a plan in one screen. Pure: the clock comes in as `now`
 * (for the inventory-age warning), links to manifests as `manifestBaseUrl`.
 */
import type { CostLine, Plan, PlanJob } from "../../contracts/plan-schema.ts";
import { formatNumber } from "./number-format.ts";
import { SKIP_REASON_HELP } from "./skip-reason-help.ts";

/** An inventory older than this is called out: objects written since are missing from the plan. */
export const STALE_INVENTORY_MS = 7 * 24 * 3600 * 1000;

export interface RenderOptions {
  now: Date;
  /** When set, manifest paths link to `${manifestBaseUrl}/${path}` (e.g. the plan's folder on GitHub). */
  manifestBaseUrl?: string;
}

export function renderPlanMarkdown(plan: Plan, options: RenderOptions): string {
  const out: string[] = [];
  out.push(`# Bucket Keys plan \`${plan.id}\``, "");
  out.push(
    `${plan.jobs.length} job(s) over ${count(plan.totals.objects)} object(s)${plan.totals.bytes !== undefined ? ` (${bytes(plan.totals.bytes)})` : ""}; ` +
      `${count(plan.totals.skipped)} skipped of ${count(plan.totals.rows)} inventory rows. Operation \`${plan.operation}\`, KMS key \`${plan.kmsKeyArn}\`, Bucket Key enabled on every object.`,
    "",
  );

  out.push("## Jobs", "");
  if (plan.jobs.length === 0) out.push("No object needs a job.", "");
  else {
    out.push("| Job | Operation | Bucket | Storage class | Objects | Size | Manifest |", "|---|---|---|---|--:|--:|---|");
    for (const job of plan.jobs) {
      const storageClass = job.operation === "S3PutObjectCopy" ? (job.storageClass ?? "unknown (writes STANDARD)") : "kept";
      out.push(`| \`${job.id}\` | ${job.operation} | \`${job.bucket}\` | ${storageClass} | ${count(job.objects)} | ${job.bytes === undefined ? "n/a" : bytes(job.bytes)} | ${manifestCell(job, options)} |`);
    }
    out.push("");
    if (plan.jobs.some((job) => job.unmodifiedSince)) {
      out.push("Copy jobs only copy objects unmodified since the inventory was taken; an object written since then fails its task instead of being overwritten.", "");
    }
  }

  const skipped = Object.entries(plan.skipped) as [keyof typeof SKIP_REASON_HELP, number][];
  out.push("## Skipped", "");
  if (skipped.length === 0) out.push("Nothing skipped.", "");
  else {
    out.push("| Reason | Objects | Meaning | What to do |", "|---|--:|---|---|");
    for (const [reason, objects] of skipped) out.push(`| \`${reason}\` | ${count(objects)} | ${SKIP_REASON_HELP[reason].meaning} | ${SKIP_REASON_HELP[reason].action} |`);
    out.push("");
  }

  const warnings = [
    ...plan.inventories
      .filter((inventory) => options.now.getTime() - Date.parse(inventory.creationTime) > STALE_INVENTORY_MS)
      .map((inventory) => `**\`${inventory.sourceBucket}\`**: the inventory is ${Math.floor((options.now.getTime() - Date.parse(inventory.creationTime)) / 86_400_000)} days old (${inventory.creationTime}); objects written since are not in this plan. Plan from a newer report.`),
    ...plan.warnings.map((warning) => `${warning.bucket ? `**\`${warning.bucket}\`**: ` : ""}${warning.message}${warning.objects !== undefined ? ` (${count(warning.objects)} objects)` : ""}`),
  ];
  out.push("## Warnings", "");
  out.push(...(warnings.length === 0 ? ["None."] : warnings.map((warning) => `- ${warning}`)), "");

  const cost = plan.cost;
  out.push("## Cost estimate", "");
  out.push("| Item | Quantity | Unit price | Amount |", "|---|--:|--:|--:|");
  for (const line of cost.lines) out.push(`| ${line.item} | ${costQuantity(line)} | ${costPrice(line)} | $${usd(line.amountUsd)} |`);
  out.push(`| **Total** | | | **$${usd(cost.totalUsd)}** |`, "");
  out.push(`Prices for ${cost.priceTable.region} as of ${cost.priceTable.asOf}, from ${cost.priceTable.source}. KMS request charges are not included. Check current prices before relying on this.`, "");

  out.push("## Inventories", "");
  out.push("| Bucket | Report | Created | Rows | Data files |", "|---|---|---|--:|--:|");
  for (const inventory of plan.inventories) {
    out.push(`| \`${inventory.sourceBucket}\` | \`${inventory.manifest}\` | ${inventory.creationTime} | ${count(inventory.rows)} | ${inventory.dataFiles} |`);
  }
  out.push("");
  return out.join("\n");
}

function manifestCell(job: PlanJob, options: RenderOptions): string {
  const path = options.manifestBaseUrl ? `[${job.manifest.path}](${options.manifestBaseUrl.replace(/\/$/, "")}/${job.manifest.path})` : `\`${job.manifest.path}\``;
  return job.manifest.uri ? `${path}<br>\`${job.manifest.uri}\`` : path;
}

function count(value: number): string {
  return formatNumber(value);
}

function usd(value: number): string {
  return formatNumber(value, 2, 4);
}

function bytes(value: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let amount = value;
  let unit = 0;
  while (amount >= 1024 && unit < units.length - 1) {
    amount /= 1024;
    unit++;
  }
  return `${unit === 0 ? amount : amount.toFixed(1)} ${units[unit]}`;
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
