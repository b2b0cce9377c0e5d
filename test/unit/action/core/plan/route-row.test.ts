import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packFields } from "../../../../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../../../../action/core/inventory/inventory-columns.ts";
import type { PlanOperation } from "../../../../../action/contracts/plan-schema.ts";
import { RowFactsReader } from "../../../../../action/core/scan/read-row-facts.ts";
import { MAX_COPY_OBJECT_BYTES, routeRow, type Route } from "../../../../../action/core/plan/route-row.ts";
import { FULL_SCHEMA, TUTORIAL_SCHEMA, type InventoryRow } from "../../../../helpers/inventory-builder.ts";
import { routingCases } from "../../../../helpers/inventory-rows.ts";

const INVENTORY_TIME = Date.parse("2026-11-01T00:00:00Z");

/** Routes a row the way the scanner does: its fields as bytes, decoded by RowFactsReader. */
function route(row: InventoryRow, schema: readonly string[] = FULL_SCHEMA, operation: PlanOperation = "auto"): Route {
  const { buf, bounds } = packFields(schema.map((column) => row[column] ?? ""));
  const facts = new RowFactsReader(indexColumns(schema)).read(buf, bounds);
  return routeRow(facts, { operation, inventoryTimeMs: INVENTORY_TIME });
}

const expectedRoute = (expected: { skip: string } | { job: string }): Route =>
  ("skip" in expected ? expected.skip : expected.job.split(":")[0]) as Route;

describe("routeRow", () => {
  it.each(routingCases("photos").map((c) => [c.name, c.row, c.expected] as const))("routes %s as the issue's table says", (_name, row, expected) => {
    expect(route(row)).toBe(expectedRoute(expected));
  });

  it("finds columns by name in any order", () => {
    const reversed = [...FULL_SCHEMA].reverse();
    for (const routingCase of routingCases("photos")) expect(route(routingCase.row, reversed)).toBe(expectedRoute(routingCase.expected));
  });

  it("sends every non-delete-marker row without a Bucket Key to update when there is no EncryptionStatus column", () => {
    const row = { Bucket: "b", Key: "k", VersionId: "v", IsLatest: "true", IsDeleteMarker: "false", BucketKeyStatus: "DISABLED" };
    expect(route(row, TUTORIAL_SCHEMA)).toBe("update");
    expect(route({ ...row, IsDeleteMarker: "TRUE" }, TUTORIAL_SCHEMA)).toBe("delete-marker");
    expect(route({ ...row, BucketKeyStatus: "Enabled" }, TUTORIAL_SCHEMA)).toBe("already-bucket-key");
  });

  it("applies the copy rules to every row that would otherwise be updated under --operation copy", () => {
    const cases = routingCases("photos");
    const sseKms = cases.find((c) => c.name === "an SSE-KMS object without a Bucket Key")!.row;
    expect(route(sseKms, FULL_SCHEMA, "copy")).toBe("copy");
    expect(route({ ...sseKms, IsLatest: "false" }, FULL_SCHEMA, "copy")).toBe("noncurrent-version");
    expect(route({ ...sseKms, StorageClass: "GLACIER" }, FULL_SCHEMA, "copy")).toBe("archived");
    expect(route({ ...sseKms, EncryptionStatus: "SSE-C" }, FULL_SCHEMA, "copy")).toBe("sse-c");
    expect(route({ ...sseKms, EncryptionStatus: "DSSE-KMS" }, FULL_SCHEMA, "copy")).toBe("dsse-kms");
  });

  it("sends unencrypted rows to update under --operation update, but still skips SSE-C and DSSE-KMS", () => {
    const notSse = routingCases("photos").find((c) => c.name === "an unencrypted STANDARD_IA object")!.row;
    expect(route(notSse, FULL_SCHEMA, "update")).toBe("update");
    expect(route({ ...notSse, EncryptionStatus: "sse-c" }, FULL_SCHEMA, "update")).toBe("sse-c");
  });

  it("compares enum-like values case-insensitively", () => {
    const base = routingCases("photos").find((c) => c.name === "an SSE-KMS object without a Bucket Key")!.row;
    expect(route({ ...base, EncryptionStatus: "sse-kms", BucketKeyStatus: "enabled" })).toBe("already-bucket-key");
    expect(route({ ...base, ObjectLockLegalHoldStatus: "on" })).toBe("object-lock");
    expect(route({ ...base, ObjectLockMode: "compliance", ObjectLockRetainUntilDate: "2099-01-01T00:00:00Z" })).toBe("object-lock");
    expect(route({ ...base, EncryptionStatus: "not-sse", StorageClass: "glacier" })).toBe("archived");
  });

  it("treats a lock mode with an unreadable retention date as locked", () => {
    const base = routingCases("photos").find((c) => c.name === "an SSE-KMS object without a Bucket Key")!.row;
    expect(route({ ...base, ObjectLockMode: "GOVERNANCE", ObjectLockRetainUntilDate: "" })).toBe("object-lock");
  });

  it("skips copies of an unknown storage class or an object exactly over the 5 GiB limit", () => {
    const base = routingCases("photos").find((c) => c.name === "an unencrypted STANDARD_IA object")!.row;
    expect(route({ ...base, StorageClass: "EXPRESS_ONEZONE" })).toBe("unsupported-storage-class");
    expect(route({ ...base, StorageClass: "FUTURE_CLASS" })).toBe("unsupported-storage-class");
    expect(route({ ...base, Size: String(5 * 1024 ** 3) })).toBe("copy");
    expect(route({ ...base, Size: String(5 * 1024 ** 3 + 1) })).toBe("too-large-for-copy");
  });

  it("reads Size only to compare it with the copy limit (the scan kernel's row signature keeps just that)", () => {
    const sizes = fc.oneof(fc.constantFrom("", "0", "x1", String(MAX_COPY_OBJECT_BYTES), String(MAX_COPY_OBJECT_BYTES + 1)), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String));
    const sideOfLimit = (size: string) => (/^[0-9]+$/.test(size) && Number(size) > MAX_COPY_OBJECT_BYTES ? "above" : "within");
    fc.assert(
      fc.property(fc.constantFrom(...routingCases("photos").map((c) => c.row)), fc.constantFrom<PlanOperation>("auto", "copy", "update"), sizes, sizes, (row, operation, a, b) => {
        fc.pre(sideOfLimit(a) === sideOfLimit(b));
        expect(route({ ...row, Size: a }, FULL_SCHEMA, operation)).toBe(route({ ...row, Size: b }, FULL_SCHEMA, operation));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads ObjectLockRetainUntilDate only to compare it with the inventory time (the scan kernel's row signature keeps just that)", () => {
    const dates = fc.oneof(
      fc.constantFrom("", "soon", "2026-11-01T00:00:00.000Z", "2026-11-01T00:00:00.001Z", "2026-10-31T23:59:59.999Z"),
      fc.integer({ min: -4e12, max: 4e12 }).map((delta) => new Date(INVENTORY_TIME + delta).toISOString()),
    );
    const atOrBefore = (date: string) => Date.parse(date) <= INVENTORY_TIME;
    const modes = fc.constantFrom("GOVERNANCE", "compliance", "", "OTHER");
    fc.assert(
      fc.property(fc.constantFrom(...routingCases("photos").map((c) => c.row)), fc.constantFrom<PlanOperation>("auto", "copy", "update"), modes, dates, dates, (row, operation, mode, a, b) => {
        fc.pre(atOrBefore(a) === atOrBefore(b));
        const locked = { ...row, ObjectLockMode: mode };
        expect(route({ ...locked, ObjectLockRetainUntilDate: a }, FULL_SCHEMA, operation)).toBe(route({ ...locked, ObjectLockRetainUntilDate: b }, FULL_SCHEMA, operation));
      }),
      { numRuns: 2000 },
    );
  });
});
