/**
 * A bucket's history, entry by entry: the entry a plan adds, adding it (one per inventory, oldest
 * first, bounded), and whether the coverage changed since the last entry. Pure.
 */
import { HISTORY_SCHEMA_VERSION, MAX_HISTORY_ENTRIES, type CoverageEntry, type CoverageHistory } from "../../contracts/history-schema.ts";
import type { Plan } from "../../contracts/plan-schema.ts";

export function emptyHistory(bucket: string): CoverageHistory {
  return { schemaVersion: HISTORY_SCHEMA_VERSION, bucket, entries: [] };
}

/** What a plan of one bucket's inventory says about its coverage. */
export function entryFromPlan(plan: Plan): CoverageEntry {
  if (plan.inventories.length !== 1) throw new Error(`entryFromPlan: plan ${plan.id} covers ${plan.inventories.length} inventories; a history entry is one bucket's`);
  const inventory = plan.inventories[0]!;
  return {
    inventoryTime: inventory.creationTime,
    planId: plan.id,
    rows: inventory.rows,
    planned: { objects: plan.totals.objects, ...(plan.totals.bytes !== undefined && { bytes: plan.totals.bytes }) },
    skipped: { ...plan.skipped },
  };
}

/** `history` with `entry` in its place by date (replacing an entry of the same inventory), the oldest dropped beyond the bound. */
export function addEntry(history: CoverageHistory, entry: CoverageEntry, limit = MAX_HISTORY_ENTRIES): CoverageHistory {
  const entries = [...history.entries.filter((existing) => existing.inventoryTime !== entry.inventoryTime), entry].sort((a, b) => Date.parse(a.inventoryTime) - Date.parse(b.inventoryTime));
  return { ...history, entries: entries.slice(-limit) };
}

/** The entries of both (a merged base branch and a pending pull request), the later file's entry winning for one inventory. */
export function mergeHistories(bucket: string, ...histories: (CoverageHistory | undefined)[]): CoverageHistory {
  let merged = emptyHistory(bucket);
  for (const history of histories) for (const entry of history?.entries ?? []) merged = addEntry(merged, entry);
  return merged;
}

/** Whether two entries say the same about the bucket: the same objects planned and the same skipped, reason by reason. */
export function sameCoverage(a: CoverageEntry, b: CoverageEntry): boolean {
  const reasons = new Set([...Object.keys(a.skipped), ...Object.keys(b.skipped)]) as Set<keyof CoverageEntry["skipped"]>;
  return a.rows === b.rows && a.planned.objects === b.planned.objects && [...reasons].every((reason) => (a.skipped[reason] ?? 0) === (b.skipped[reason] ?? 0));
}
