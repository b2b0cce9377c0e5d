import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../../../action/core/plan/build-plan.ts";
import { emptyTally } from "../../../../../action/core/plan/file-tally.ts";
import { addEntry, emptyHistory, entryFromPlan, mergeHistories, sameCoverage } from "../../../../../action/core/report/coverage-history.ts";
import { MAX_HISTORY_ENTRIES, serializeHistory, validateHistory } from "../../../../../action/contracts/history-schema.ts";
import { ManifestError } from "../../../../../action/contracts/errors.ts";
import { entry, history } from "./coverage-fixtures.ts";

const plan = buildPlan({
  operation: "auto",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k-1",
  inventories: [
    {
      sourceBucket: "photos",
      manifest: "inventory/photos/cfg/2026-11-01T00-00Z/manifest.json",
      manifestMd5: "b".repeat(32),
      fileFormat: "CSV",
      creationTime: new Date("2026-11-01T00:00:00Z"),
      fileSchema: ["Bucket", "Key", "Size", "EncryptionStatus", "BucketKeyStatus"],
      dataFiles: 1,
      tally: { ...emptyTally(), rows: 1_010, skipped: { "already-bucket-key": 700, "sse-c": 10 }, jobs: { update: { objects: 300, bytes: 4096 } } },
    },
  ],
  manifests: { "update-photos": { sha256: "c".repeat(64), bytes: 1 } },
});

describe("entryFromPlan", () => {
  it("records the inventory's date, the plan, planned objects and bytes, and every skip reason", () => {
    expect(entryFromPlan(plan)).toEqual({ inventoryTime: "2026-11-01T00:00:00.000Z", planId: plan.id, rows: 1_010, planned: { objects: 300, bytes: 4096 }, skipped: { "already-bucket-key": 700, "sse-c": 10 } });
  });

  it("refuses a plan of several buckets, whose skips it could not tell apart", () => {
    expect(() => entryFromPlan({ ...plan, inventories: [...plan.inventories, { ...plan.inventories[0]!, sourceBucket: "logs" }] })).toThrow(/covers 2 inventories/);
  });
});

describe("addEntry", () => {
  it("keeps entries oldest first and replaces the entry of the same inventory", () => {
    let h = addEntry(emptyHistory("a"), entry("2026-11-08", { onBucketKeys: 1, planned: 1 }));
    h = addEntry(h, entry("2026-11-01", { onBucketKeys: 2, planned: 2 }));
    h = addEntry(h, entry("2026-11-08", { onBucketKeys: 3, planned: 3 }));
    expect(h.entries.map((item) => [item.inventoryTime.slice(0, 10), item.planned.objects])).toEqual([["2026-11-01", 2], ["2026-11-08", 3]]);
  });

  it("drops the oldest entries beyond the bound, so the file stays small", () => {
    let h = emptyHistory("photos-prod");
    const busy = { "sse-c": 1_000_000, "object-lock": 1_000_000, "noncurrent-unencrypted": 1_000_000, "acl-grants": 1_000_000, "delete-marker": 1_000_000 };
    for (let day = 0; day < MAX_HISTORY_ENTRIES + 5; day++) h = addEntry(h, entry(new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10), { rows: 100_000_000, onBucketKeys: day, planned: 90_000_000, left: busy }));
    expect(h.entries).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(h.entries[0]!.skipped["already-bucket-key"]).toBe(5);
    expect(serializeHistory(h).length).toBeLessThan(64_000);
    expect(() => validateHistory(JSON.parse(serializeHistory(h)), "history.json", "photos-prod")).not.toThrow();
  });
});

describe("mergeHistories and sameCoverage", () => {
  it("merges the base branch's entries with a pending pull request's", () => {
    const merged = mergeHistories("a", history("a", [entry("2026-11-01", { onBucketKeys: 1, planned: 9 })]), history("a", [entry("2026-11-01", { onBucketKeys: 1, planned: 9 }), entry("2026-11-08", { onBucketKeys: 5, planned: 5 })]));
    expect(merged.entries.map((item) => item.inventoryTime.slice(0, 10))).toEqual(["2026-11-01", "2026-11-08"]);
  });

  it("tells entries apart by their counts, not their dates or plans", () => {
    expect(sameCoverage(entry("2026-11-01", { onBucketKeys: 5, planned: 0, left: { "sse-c": 3 } }, "a".repeat(16)), entry("2026-11-08", { onBucketKeys: 5, planned: 0, left: { "sse-c": 3 } }, "b".repeat(16)))).toBe(true);
    expect(sameCoverage(entry("2026-11-01", { onBucketKeys: 5, planned: 0, left: { "sse-c": 3 } }), entry("2026-11-08", { onBucketKeys: 5, planned: 0, left: { "sse-c": 2, "object-lock": 1 } }))).toBe(false);
  });
});

describe("validateHistory", () => {
  const valid = () => JSON.parse(JSON.stringify(history("photos", [entry("2026-11-01", { onBucketKeys: 1, planned: 1 }), entry("2026-11-08", { onBucketKeys: 2, planned: 0 })])));
  const errorOf = (input: unknown, bucket = "photos"): ManifestError => {
    try {
      validateHistory(input, "bucket-key-plans/photos/history.json", bucket);
    } catch (error) {
      if (error instanceof ManifestError) return error;
      throw error;
    }
    throw new Error("expected a ManifestError");
  };

  it.each([
    ["a negative count", (h: any) => (h.entries[0].rows = -1), "entries[0].rows"],
    ["an unknown skip reason", (h: any) => (h.entries[0].skipped["sse-x"] = 1), "entries[0].skipped"],
    ["entries out of order", (h: any) => h.entries.reverse(), "entries[1].inventoryTime"],
    ["another bucket's history", (h: any) => (h.bucket = "logs"), "bucket"],
    ["an unknown field", (h: any) => (h.owner = "me"), undefined],
  ])("refuses %s, naming the file and the field", (_case, change, field) => {
    const input = valid();
    change(input);
    const error = errorOf(input);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/^bucket-key-plans\/photos\/history\.json: .*It is written by the plan command/);
  });
});
