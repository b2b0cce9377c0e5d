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
import { rawKey, validRawKey } from "../../../../helpers/raw-keys.ts";

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
function plan(csv: Buffer, schema: readonly string[], operation: PlanOperation, viaKernel: boolean, chunk = 4096, inventoryTimeMs = INVENTORY_TIME): Outcome | string {
  const outputs: Record<string, string> = {};
  const kernel = new CsvKernel();
  const handler = new InventoryRowHandler({
    file: "data/x.csv.gz",
    fileSchema: schema,
    columns: indexColumns(schema),
    sourceBucket: "media",
    operation,
    inventoryTimeMs,
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

/** CSV of rows whose keys are raw bytes, written as they are (quoted, a '"' doubled). */
function csvOfRawKeys(rows: readonly { row: InventoryRow; rawKey: Buffer }[], schema: readonly string[]): Buffer {
  const lines = rows.map(({ row, rawKey }) => {
    const fields = schema.map((column) => {
      const value = column === "Key" ? rawKey : Buffer.from(row[column] ?? "");
      return Buffer.concat([Buffer.from('"'), Buffer.from(value.toString("latin1").replace(/"/g, '""'), "latin1"), Buffer.from('"')]);
    });
    return Buffer.concat([...fields.flatMap((field, i) => (i === 0 ? [field] : [Buffer.from(","), field])), Buffer.from("\n")]);
  });
  return Buffer.concat(lines);
}

/** Inventory times: the usual one, month and year boundaries (after 30- and 31-day months, in leap and other years), and any. */
const inventoryTime = fc.oneof(
  fc
    .constantFrom(
      "2026-11-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z", "2024-03-01T05:00:00.000Z", "1900-03-01T00:00:00.000Z", "2000-03-01T00:00:00.000Z",
      "2100-03-01T10:00:00.000Z", "2026-05-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-12-01T00:00:00.001Z", "2026-10-31T23:59:59.999Z",
    )
    .map(Date.parse),
  fc.integer({ min: Date.parse("1990-01-01T00:00:00Z"), max: Date.parse("2100-01-01T00:00:00Z") }),
);

const two = (n: number) => String(n).padStart(2, "0");

/**
 * ObjectLockRetainUntilDate texts around inventory time `time`: instants near it in both shapes of
 * S3's ISO-8601 (with and without milliseconds); its fields with some moved in or out of their ranges
 * (the day before with hour 24, February 29 of years that are and are not leap years, day 31 of
 * 30-day months, month 13, ...); and other texts Date.parse reads or rejects.
 */
const retainDate = (time: number) => {
  const at = new Date(time);
  const fields = fc.record({
    year: fc.constantFrom(at.getUTCFullYear(), at.getUTCFullYear() - 1, at.getUTCFullYear() + 1, 0, 1900, 2000, 2024, 9999),
    month: fc.constantFrom(at.getUTCMonth() + 1, at.getUTCMonth(), at.getUTCMonth() + 2, 2, 4, 0, 13),
    day: fc.constantFrom(at.getUTCDate(), at.getUTCDate() - 1, 28, 29, 30, 31, 32, 0),
    hour: fc.constantFrom(at.getUTCHours(), 0, 23, 24),
    minute: fc.constantFrom(at.getUTCMinutes(), 0, 59, 60),
    second: fc.constantFrom(at.getUTCSeconds(), 0, 59, 60),
    ms: fc.option(fc.constantFrom(at.getUTCMilliseconds(), 0, 999)),
  });
  // The last days of the month before, which Date.parse rolls over into the inventory's month when they do not exist.
  const before = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  const rolledOver = fc
    .tuple(fc.constantFrom(29, 30, 31), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 59))
    .map(([day, hour, minute]) => `${String(before.getUTCFullYear()).padStart(4, "0")}-${two(before.getUTCMonth() + 1)}-${day}T${two(hour)}:${two(minute)}:00.000Z`);
  return fc.oneof(
    rolledOver,
    fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((delta) => new Date(time + delta).toISOString()),
    fc.integer({ min: -2, max: 2 }).map((delta) => new Date(time + delta).toISOString()),
    fc.integer({ min: -86_400, max: 86_400 }).map((delta) => new Date(Math.floor(time / 1000) * 1000 + delta * 1000).toISOString().replace(".000Z", "Z")),
    fields.map(({ year, month, day, hour, minute, second, ms }) =>
      `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${ms === null ? "" : `.${String(ms).padStart(3, "0")}`}Z`,
    ),
    // Texts one byte away from the shape (the kernel leaves them to Date.parse), and others.
    fc.constantFrom(
      "", "soon", "2026-11-01T00:00:00.000z", "2026-11-01t00:00:00.000Z", "2026-11-01 00:00:00.000Z", "+002026-11-01T00:00:00.000Z",
      "2026-11-01T00:00:00.000+00:00", "2026-11-01", "2026-10-31T23:59:59.9999Z", "2026-1O-31T23:59:59.999Z", "2020-10-01T00:00:00.000+",
      "2020-10-01T00:00:00.0001", "2020-10-01T00:00:00.000 ", "2020-10-01T00:00:00,000Z", "2020-10-01T00:00:00:000Z", "2020-10-01X00:00:00.000Z",
      "2020/10/01T00:00:00.000Z", "2020-10-01T00-00-00.000Z", "2020-10-01T00:00:00+", "2020-10-01T00:00:00z", "2020-10-01T00:00:00 ", "2020-10-01T0:00:00.000Z",
    ),
  );
};

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

  it("gives the JavaScript path's manifests, tallies and errors for random keys over the whole byte range", () => {
    const base = routingCases("media").map((c) => c.row);
    const key = fc.oneof({ weight: 30, arbitrary: validRawKey() }, { weight: 1, arbitrary: rawKey() });
    const keyedRow = fc.record({ row: fc.constantFrom(...base), rawKey: key, versionId: fc.constantFrom("", "v1_a.b", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY") });
    fc.assert(
      fc.property(fc.array(keyedRow, { minLength: 1, maxLength: 30 }), fc.constantFrom<PlanOperation>("auto", "copy", "update"), fc.integer({ min: 1, max: 300 }), (picked, operation, chunk) => {
        const csv = csvOfRawKeys(picked.map(({ row, rawKey, versionId }) => ({ row: { ...row, VersionId: versionId }, rawKey })), FULL_SCHEMA);
        const viaJavaScript = plan(csv, FULL_SCHEMA, operation, false, chunk);
        const viaKernel = plan(csv, FULL_SCHEMA, operation, true, chunk);
        expect(viaKernel).toEqual(typeof viaJavaScript === "string" ? viaJavaScript : { ...viaJavaScript, kernelRows: expect.any(Number) });
      }),
      { numRuns: 1500 },
    );
  });

  it("gives the JavaScript path's outcome for random retention dates under every lock mode", () => {
    const lockedRows = (time: number) =>
      fc.array(fc.record({ row: fc.constantFrom(...routingCases("media").map((c) => c.row)), mode: anyCase(["GOVERNANCE", "COMPLIANCE", ""]), date: retainDate(time) }), { minLength: 1, maxLength: 60 });
    const schemas = [FULL_SCHEMA, [...FULL_SCHEMA].reverse()];
    const timeAndRows = inventoryTime.chain((time) => fc.tuple(fc.constant(time), lockedRows(time)));
    fc.assert(
      fc.property(timeAndRows, fc.constantFrom(...schemas), fc.constantFrom<PlanOperation>("auto", "update"), ([time, picked], schema, operation) => {
        const csv = csvOf(picked.map(({ row, mode, date }) => ({ ...row, ObjectLockMode: mode, ObjectLockRetainUntilDate: date })), schema);
        expect(plan(csv, schema, operation, true, 4096, time)).toEqual({ ...(plan(csv, schema, operation, false, 4096, time) as Outcome), kernelRows: expect.any(Number) });
      }),
      { numRuns: 1000 },
    );
  });

  it("reads every retention date as Date.parse does when the kernel decides the rows", () => {
    // Rows that differ only in their date: once JavaScript routed the first two (one date on either side
    // of the inventory time), the kernel decides every row whose date it reads.
    const base = { ...routingCases("media")[7]!.row, ObjectLockMode: "GOVERNANCE" };
    const timeAndDates = inventoryTime.chain((time) => fc.tuple(fc.constant(time), fc.array(retainDate(time), { minLength: 1, maxLength: 200 })));
    fc.assert(
      fc.property(timeAndDates, ([time, dates]) => {
        const learn = [new Date(time - 86_400_000).toISOString(), new Date(time + 86_400_000).toISOString()];
        const rows = [...learn, ...dates].map((date, i) => ({ ...base, Key: `k${i}`, ObjectLockRetainUntilDate: date }));
        const csv = csvOf(rows, FULL_SCHEMA);
        expect(plan(csv, FULL_SCHEMA, "auto", true, 4096, time)).toEqual({ ...(plan(csv, FULL_SCHEMA, "auto", false, 4096, time) as Outcome), kernelRows: expect.any(Number) });
      }),
      { numRuns: 300 },
    );
  });

  it("routes rows with retention dates on both sides of the inventory time in the kernel", () => {
    const base = routingCases("media")[7]!.row;
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      ...base,
      Key: `locked/${i}`,
      ObjectLockMode: i % 2 === 0 ? "GOVERNANCE" : "COMPLIANCE",
      ObjectLockRetainUntilDate: new Date(INVENTORY_TIME + (i % 3 === 0 ? -1 : 1) * (1 + i) * 3_600_000).toISOString(),
    }));
    const viaKernel = plan(csvOf(rows, FULL_SCHEMA), FULL_SCHEMA, "auto", true) as Outcome;
    expect(viaKernel).toEqual({ ...(plan(csvOf(rows, FULL_SCHEMA), FULL_SCHEMA, "auto", false) as Outcome), kernelRows: viaKernel.kernelRows });
    expect(JSON.parse(viaKernel.tally)).toMatchObject({ skipped: { "object-lock": 1333 }, jobs: { update: { objects: 667 } } });
    // One row per signature (two lock modes, each on either side) is routed by JavaScript.
    expect(viaKernel.kernelRows).toBe(rows.length - 4);
  });

  it("leaves rows with retention dates to JavaScript when the inventory time is past the year 9999", () => {
    const base = { ...routingCases("media")[7]!.row, ObjectLockMode: "GOVERNANCE" };
    const rows = Array.from({ length: 100 }, (_, i) => ({ ...base, Key: `locked/${i}`, ObjectLockRetainUntilDate: i % 2 === 0 ? "2099-01-01T00:00:00.000Z" : "" }));
    const time = Date.parse("+010000-01-01T00:00:00.000Z");
    const viaKernel = plan(csvOf(rows, FULL_SCHEMA), FULL_SCHEMA, "auto", true, 4096, time) as Outcome;
    expect(viaKernel).toEqual({ ...(plan(csvOf(rows, FULL_SCHEMA), FULL_SCHEMA, "auto", false, 4096, time) as Outcome), kernelRows: 0 });
    expect(JSON.parse(viaKernel.tally)).toMatchObject({ skipped: { "object-lock": 50 }, jobs: { update: { objects: 50 } } });
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
