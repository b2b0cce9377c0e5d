/** How plan.md writes numbers, sizes and money. Pure. */
import type { PlanJob } from "../../contracts/plan-schema.ts";
import { formatNumber } from "./number-format.ts";

export function count(value: number): string {
  return formatNumber(value);
}

export function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? "" : "s"}`;
}

/** Four decimals, as the price list's small amounts need. */
export function usd(value: number): string {
  return formatNumber(value, 2, 4);
}

/** Cents, for totals a reviewer reads at a glance ($3.65). */
export function money(value: number): string {
  return formatNumber(value, 2, 2);
}

export function bytes(value: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let amount = value;
  let unit = 0;
  while (amount >= 1024 && unit < units.length - 1) {
    amount /= 1024;
    unit++;
  }
  return `${unit === 0 ? amount : amount.toFixed(1)} ${units[unit]}`;
}

/** A total size, or at least the sum of the jobs whose size is known ("≥ 2.1 TiB"), or "n/a". */
export function totalSize(total: number | undefined, jobs: readonly Pick<PlanJob, "bytes">[]): string {
  if (total !== undefined) return bytes(total);
  const known = jobs.filter((job) => job.bytes !== undefined);
  if (known.length === 0) return "n/a";
  const sum = bytes(known.reduce((value, job) => value + (job.bytes ?? 0), 0));
  return known.length === jobs.length ? sum : `≥ ${sum}`;
}
