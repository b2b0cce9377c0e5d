/**
 * plan.md's warning lines: one line per distinct warning, naming every bucket it applies to, so a
 * plan over 20 buckets shows 5 lines instead of 100. Pure.
 */
import type { Plan } from "../../contracts/plan-schema.ts";
import { formatNumber } from "./number-format.ts";

/** An inventory older than this is called out: objects written since are missing from the plan. */
export const STALE_INVENTORY_MS = 7 * 24 * 3600 * 1000;

const DAY_MS = 86_400_000;

/** "**`a`**", "**`a`**, **`b`** and **`c`**", "**`a`**, **`b`**, … and 17 more buckets". */
function bucketList(buckets: readonly string[]): string {
  const named = buckets.map((bucket) => `**\`${bucket}\`**`);
  if (named.length <= 1) return named.join("");
  if (named.length <= 4) return `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
  return `${named.slice(0, 3).join(", ")} and ${named.length - 3} more buckets`;
}

export function planWarningLines(plan: Plan, now: Date): string[] {
  const lines: string[] = [];
  const stale = plan.inventories.filter((inventory) => now.getTime() - Date.parse(inventory.creationTime) > STALE_INVENTORY_MS);
  if (stale.length === 1) {
    const [inventory] = stale as [Plan["inventories"][number]];
    const days = Math.floor((now.getTime() - Date.parse(inventory.creationTime)) / DAY_MS);
    lines.push(`**\`${inventory.sourceBucket}\`**: the inventory is ${days} days old (${inventory.creationTime}); objects written since are not in this plan. Plan from a newer report.`);
  } else if (stale.length > 1) {
    const oldest = Math.max(...stale.map((inventory) => Math.floor((now.getTime() - Date.parse(inventory.creationTime)) / DAY_MS)));
    lines.push(`${bucketList(stale.map((inventory) => inventory.sourceBucket))}: the inventories are more than 7 days old (the oldest ${oldest} days); objects written since are not in this plan. Plan from newer reports.`);
  }

  const groups = new Map<string, { buckets: string[]; objects: number | undefined }>();
  for (const warning of plan.warnings) {
    const group = groups.get(warning.message) ?? { buckets: [], objects: undefined };
    if (warning.bucket !== undefined && !group.buckets.includes(warning.bucket)) group.buckets.push(warning.bucket);
    if (warning.objects !== undefined) group.objects = (group.objects ?? 0) + warning.objects;
    groups.set(warning.message, group);
  }
  for (const [message, group] of groups) {
    const where = group.buckets.length > 0 ? `${bucketList(group.buckets)}: ` : "";
    lines.push(`${where}${message}${group.objects !== undefined ? ` (${formatNumber(group.objects)} objects)` : ""}`);
  }
  return lines;
}
