import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "../../../../../action/core/scan/byte-sink.ts";
import { CsvKernel } from "../../../../../action/core/scan/csv-kernel.ts";
import { FastCsvScanner } from "../../../../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../../../../action/core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../../../../action/core/scan/inventory-row-handler.ts";
import type { PlanOperation } from "../../../../../action/contracts/plan-schema.ts";
import { FULL_SCHEMA, STANDARD_SCHEMA, TUTORIAL_SCHEMA, encodeInventoryKey, type InventoryRow } from "../../../../helpers/inventory-builder.ts";
import { PRIVATE_ACL, PUBLIC_READ_ACL, realisticRows, routingCases } from "../../../../helpers/inventory-rows.ts";

const INVENTORY_TIME = Date.parse("2026-11-01T00:00:00Z");

interface Outcome {
  outputs: Record<string, string>;
  /** The tally as JSON: counts, and the order its keys were first counted in. */
  tally: string;
  /** Rows the kernel routed by itself. */
  kernelRows: number;
}

/**
 * Scans CSV with one row handler: through the kernel's routeRows with sinks in the kernel's memory, or
 * through the JavaScript path alone (onRow for every row, plain sinks). Returns the outcome or the error message.
 */
function plan(csv: Buffer, schema: readonly string[], operation: PlanOperation, viaKernel: boolean, chunk = 4096): Outcome | string {
  const outputs: Record<string, string> = {};
  const kernel = new CsvKernel();
  const handler = new InventoryRowHandler({
    file: "data/x.csv.gz",
    fileSchema: schema,
    columns: indexColumns(schema),
    sourceBucket: "media",
    operation,
    inventoryTimeMs: INVENTORY_TIME,
    kernel,
    openSink: (jobKey) => {
      const flush = (bytes: Buffer) => void (outputs[jobKey] = (outputs[jobKey] ?? "") + bytes.toString("latin1"));
      return new ByteSink(viaKernel ? kernel.outputRegion()! : 64, flush);
    },
  });
  let jsRows = 0;
  const onRow: typeof handler.onRow = (...row) => {
    jsRows++;
    handler.onRow(...row);
  };
  const scanner = new FastCsvScanner(onRow, kernel, viaKernel ? handler.routeRows : undefined);
  try {
    for (let at = 0; at < csv.length; at += chunk) scanner.push(csv.subarray(at, at + chunk));
    scanner.end();
    handler.flush();
  } catch (error) {
    return (error as Error).message;
  }
  return { outputs, tally: JSON.stringify(handler.tally), kernelRows: handler.tally.rows - jsRows };
}

function csvOf(rows: readonly InventoryRow[], schema: readonly string[]): Buffer {
  const line = (row: InventoryRow) => schema.map((column) => `"${column === "Key" ? encodeInventoryKey(row[column] ?? "") : (row[column] ?? "")}"`).join(",");
  return Buffer.from(rows.map((row) => `${line(row)}\n`).join(""));
}

/** A value in any letter case: as written, lower case, or mixed. */
const anyCase = (values: string[]) =>
  fc.tuple(fc.constantFrom(...values), fc.nat(), fc.constantFrom("as-is", "lower", "mixed")).map(([value, seed, style]) =>
    style === "as-is" ? value : style === "lower" ? value.toLowerCase() : [...value].map((c, i) => ((seed >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join(""),
  );

const row = fc.record({
  Bucket: fc.constant("media"),
  Key: fc.oneof(fc.constantFrom("a/b.txt", "logs/x-1.json", "photos/a b+c ü.jpg", "x(1)!~*'.txt"), fc.string({ minLength: 1, maxLength: 12 })),
  VersionId: fc.constantFrom("", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "v1_a.b", "null"),
  IsLatest: anyCase(["true", "false", ""]),
  IsDeleteMarker: anyCase(["true", "false", ""]),
  Size: fc.constantFrom("", "0", "1024", "5368709120", "5368709121", "99999999999", "12a", "007"),
  LastModifiedDate: fc.constant("2025-06-01T12:00:00.000Z"),
  ETag: fc.constant("0123456789abcdef0123456789abcdef"),
  StorageClass: anyCase(["STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "REDUCED_REDUNDANCY", "EXPRESS_ONEZONE", "", "X"]),
  EncryptionStatus: anyCase(["SSE-KMS", "SSE-S3", "NOT-SSE", "DSSE-KMS", "SSE-C", "", "SSE-KMS-X"]),
  BucketKeyStatus: anyCase(["ENABLED", "DISABLED", ""]),
  IntelligentTieringAccessTier: anyCase(["ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", "FREQUENT", "", "ARCHIVE"]),
  ObjectLockMode: anyCase(["GOVERNANCE", "COMPLIANCE", ""]),
  ObjectLockRetainUntilDate: fc.constantFrom("", "2099-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z", "soon"),
  ObjectLockLegalHoldStatus: anyCase(["ON", "OFF", ""]),
  ObjectAccessControlList: fc.constantFrom(PRIVATE_ACL, PUBLIC_READ_ACL, ""),
});

describe("KernelRoutes (the kernel's routeRows, taught by the row handler)", () => {
  it("gives the JavaScript path's manifests, counts and tally key order for random rows, schemas and operations", () => {
    const schemas = [FULL_SCHEMA, [...FULL_SCHEMA].reverse(), STANDARD_SCHEMA, TUTORIAL_SCHEMA];
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.constantFrom(...schemas), fc.constantFrom<PlanOperation>("auto", "copy", "update"), fc.integer({ min: 1, max: 300 }), (rows, schema, operation, chunk) => {
        const csv = csvOf(rows, schema);
        expect(plan(csv, schema, operation, true, chunk)).toEqual({ ...(plan(csv, schema, operation, false, chunk) as Outcome), kernelRows: expect.any(Number) });
      }),
      { numRuns: 400 },
    );
  });

  it("routes most realistic rows in the kernel, with the same outcome across output-region flushes", () => {
    const rows = [...routingCases("media").map((c) => c.row), ...realisticRows("media", 30_000, 3)];
    const csv = csvOf(rows, FULL_SCHEMA);
    const viaKernel = plan(csv, FULL_SCHEMA, "auto", true, 100_000) as Outcome;
    expect(viaKernel).toEqual({ ...(plan(csv, FULL_SCHEMA, "auto", false, 100_000) as Outcome), kernelRows: viaKernel.kernelRows });
    expect(viaKernel.outputs.update!.length).toBeGreaterThan(1024 * 1024);
    expect(viaKernel.kernelRows).toBeGreaterThan(0.8 * rows.length);
  });

  it.each([
    ["a row of another bucket", { Bucket: "other" }, `data/x.csv.gz:3: row's Bucket "other" differs from the manifest's sourceBucket "media".`],
    ["an empty key", { Key: "" }, "data/x.csv.gz:3: row has an empty Key."],
    ["a version id S3 never writes", { VersionId: "v/1" }, `data/x.csv.gz:3: VersionId "v/1" has characters S3 version ids never contain.`],
  ])("fails on %s with the JavaScript path's message and line, after rows the kernel routed", (_name, change, message) => {
    const good = routingCases("media")[7]!.row;
    const csv = csvOf([good, good, { ...good, ...change }, good], FULL_SCHEMA);
    expect(plan(csv, FULL_SCHEMA, "auto", true)).toMatch(message);
    expect(plan(csv, FULL_SCHEMA, "auto", false)).toMatch(message);
  });

  it("fails on a row with too few fields with the JavaScript path's message and line", () => {
    const good = routingCases("media")[7]!.row;
    const csv = Buffer.concat([csvOf([good, good], FULL_SCHEMA), Buffer.from('"media","k"\n')]);
    expect(plan(csv, FULL_SCHEMA, "auto", true)).toMatch(`data/x.csv.gz:3: row has 2 fields but fileSchema lists 16 (${FULL_SCHEMA.join(", ")}).`);
  });
});
