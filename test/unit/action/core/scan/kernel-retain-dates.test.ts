import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlanOperation } from "../../../../../action/contracts/plan-schema.ts";
import { FULL_SCHEMA } from "../../../../helpers/inventory-builder.ts";
import { routingCases } from "../../../../helpers/inventory-rows.ts";
import { anyCase, csvOf, INVENTORY_TIME, plan, type Outcome } from "../../../../helpers/kernel-plan.ts";

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

describe("KernelRoutes with ObjectLockRetainUntilDate (the row signature's retention bit)", () => {
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
});
