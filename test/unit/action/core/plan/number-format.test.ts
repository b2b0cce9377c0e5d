import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../../../../action/core/plan/number-format.ts";

describe("formatNumber", () => {
  const settings: [number | undefined, number | undefined][] = [[undefined, undefined], [2, 4], [0, 2], [0, 0]];

  it("writes every number exactly as Intl.NumberFormat('en-US') does with the same fraction digits", () => {
    const numbers = fc.oneof(
      fc.double({ noNaN: true }),
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 53 }).map((n) => n / 1000),
      fc.bigInt({ min: 0n, max: 10n ** 25n }).map(Number),
      fc.constantFrom(0, -0, 0.5, 1.005, 2.5, 0.00005, 0.000049, 999.9995, 1e21, 2 ** 60),
    );
    fc.assert(
      fc.property(numbers, fc.constantFrom(...settings), (value, [min, max]) => {
        const intl = new Intl.NumberFormat("en-US", { ...(min !== undefined && { minimumFractionDigits: min }), ...(max !== undefined && { maximumFractionDigits: max }) });
        expect(formatNumber(value, min, max)).toBe(intl.format(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("groups thousands and trims trailing zeros to the minimum", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0.1, 2, 4)).toBe("0.10");
    expect(formatNumber(12.34567, 2, 4)).toBe("12.3457");
    expect(formatNumber(4.1, 0, 2)).toBe("4.1");
  });
});
