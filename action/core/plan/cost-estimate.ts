/**
 * A cost estimate for a plan's jobs from the dated price table kept as data (price-table.json): Batch
 * Operations job and per-object fees, request fees, and retrieval fees for copies out of IA classes.
 * KMS request charges are not included (their count per object is not documented).
 */
import priceTable from "./price-table.json" with { type: "json" };
import type { CostEstimate, CostLine, PlanJob } from "../../contracts/plan-schema.ts";

type Job = Pick<PlanJob, "id" | "operation" | "storageClass" | "objects" | "bytes">;

const BYTES_PER_GB = 1024 ** 3;

export const PRICE_TABLE = priceTable;

export function estimateCost(jobs: readonly Job[]): CostEstimate {
  const lines: CostLine[] = [];
  const add = (item: string, quantity: number, unit: string, priceUsd: number, per: number) => {
    lines.push({ item, quantity: round(quantity, 6), unit, priceUsd, per, amountUsd: round((quantity / per) * priceUsd, 4) });
  };
  const copyPrices: Record<string, number> = priceTable.copyRequestPer1000Usd;
  const retrievalPrices: Record<string, number> = priceTable.retrievalPerGbUsd;
  for (const job of jobs) {
    add(`Batch Operations job (${job.id})`, 1, "job", priceTable.batchOperationsPerJobUsd, 1);
    add(`Batch Operations objects (${job.id})`, job.objects, "object", priceTable.batchOperationsPerMillionObjectsUsd, 1_000_000);
    const requestClass = job.operation === "S3UpdateObjectEncryption" ? priceTable.updateRequestClass : (job.storageClass ?? "STANDARD");
    const requestPrice = copyPrices[requestClass] ?? copyPrices.STANDARD!;
    add(`${job.operation === "S3UpdateObjectEncryption" ? "UpdateObjectEncryption" : "COPY"} requests (${job.id})`, job.objects, "request", requestPrice, 1000);
    const retrieval = job.operation === "S3PutObjectCopy" && job.storageClass !== undefined ? retrievalPrices[job.storageClass] : undefined;
    if (retrieval !== undefined && job.bytes !== undefined) add(`Retrieval of ${job.storageClass} data (${job.id})`, job.bytes / BYTES_PER_GB, "GB", retrieval, 1);
  }
  return {
    currency: "USD",
    priceTable: { source: priceTable.source, asOf: priceTable.asOf, region: priceTable.region },
    lines,
    totalUsd: round(lines.reduce((sum, line) => sum + line.amountUsd, 0), 4),
  };
}

/** What the lines of one job add up to (each line's item ends with the job id in parentheses). */
export function jobCostUsd(cost: CostEstimate, jobId: string): number {
  const suffix = ` (${jobId})`;
  return round(cost.lines.filter((line) => line.item.endsWith(suffix)).reduce((sum, line) => sum + line.amountUsd, 0), 4);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
