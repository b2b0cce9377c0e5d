import { describe, expect, it } from "vitest";
import { estimateCost, PRICE_TABLE } from "../../../../../action/core/plan/cost-estimate.ts";

describe("estimateCost", () => {
  it("charges the job fee, the per-object fee and Standard request prices for an update job", () => {
    const cost = estimateCost([{ id: "update-a", operation: "S3UpdateObjectEncryption", objects: 2_000_000, bytes: 5 }]);
    expect(cost.lines).toEqual([
      { item: "Batch Operations job (update-a)", quantity: 1, unit: "job", priceUsd: 0.25, per: 1, amountUsd: 0.25 },
      { item: "Batch Operations objects (update-a)", quantity: 2_000_000, unit: "object", priceUsd: 1, per: 1_000_000, amountUsd: 2 },
      { item: "UpdateObjectEncryption requests (update-a)", quantity: 2_000_000, unit: "request", priceUsd: 0.005, per: 1000, amountUsd: 10 },
    ]);
    expect(cost.totalUsd).toBe(12.25);
    expect(cost.priceTable).toEqual({ source: PRICE_TABLE.source, asOf: PRICE_TABLE.asOf, region: "us-east-1" });
  });

  it("prices copies by destination class and adds retrieval for infrequent-access classes", () => {
    const cost = estimateCost([{ id: "copy-a-standard-ia", operation: "S3PutObjectCopy", storageClass: "STANDARD_IA", objects: 1000, bytes: 10 * 1024 ** 3 }]);
    expect(cost.lines.slice(2)).toEqual([
      { item: "COPY requests (copy-a-standard-ia)", quantity: 1000, unit: "request", priceUsd: 0.01, per: 1000, amountUsd: 0.01 },
      { item: "Retrieval of STANDARD_IA data (copy-a-standard-ia)", quantity: 10, unit: "GB", priceUsd: 0.01, per: 1, amountUsd: 0.1 },
    ]);
  });
});
