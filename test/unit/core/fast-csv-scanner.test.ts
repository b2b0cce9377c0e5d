import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_OPTIONS, CsvSyntaxError, FastCsvScanner } from "../../../action/core/fast-csv-scanner.ts";

interface Scanned {
  records: string[][];
  lines: number[];
}

/** Runs the scanner over `input` split into chunks at `cuts`, collecting records as strings. */
function scan(input: Buffer, cuts: number[] = []): Scanned {
  const records: string[][] = [];
  const lines: number[] = [];
  const scanner = new FastCsvScanner((buf, bounds, count, line) => {
    const record: string[] = [];
    for (let i = 0; i < count; i++) record.push(buf.toString("utf8", bounds[2 * i], bounds[2 * i + 1]));
    records.push(record);
    lines.push(line);
  });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.push(input.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  scanner.push(input.subarray(at));
  scanner.end();
  return { records, lines };
}

function reference(input: Buffer): string[][] | Error {
  try {
    return parse(input, CSV_OPTIONS) as string[][];
  } catch (error) {
    return error as Error;
  }
}

const fieldText = fc.string({ unit: fc.constantFrom("a", "Z", "0", " ", "é", "中", ",", '"', "\r", "\n", "+", "%"), maxLength: 8 });
const field = fc.oneof(
  fieldText.map((text) => `"${text.replace(/"/g, '""')}"`),
  fieldText.filter((text) => !/[",\r\n]/.test(text)),
  fieldText, // raw, possibly outside the dialect or invalid CSV
);
const csvInput = fc
  .tuple(
    fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
  )
  .map(([rows, eol, finalEol]) => Buffer.from(rows.map((row) => row.join(",")).join(eol) + (finalEol && rows.length > 0 ? eol : "")));

describe("FastCsvScanner", () => {
  it("yields exactly csv-parse's records, or fails where csv-parse fails, for any input and chunking", () => {
    fc.assert(
      fc.property(csvInput, fc.array(fc.nat(), { maxLength: 4 }), (input, cuts) => {
        const expected = reference(input);
        const chunkCuts = cuts.map((cut) => cut % (input.length + 1));
        if (expected instanceof Error) {
          expect(() => scan(input, chunkCuts)).toThrow(CsvSyntaxError);
        } else {
          expect(scan(input, chunkCuts).records).toEqual(expected);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("reads quoted and unquoted fields on the fast path without changing bytes", () => {
    const { records, lines } = scan(Buffer.from('"b","a+b%2Fc",x,\n"b","",y,"z"\r\n'));
    expect(records).toEqual([["b", "a+b%2Fc", "x", ""], ["b", "", "y", "z"]]);
    expect(lines).toEqual([1, 2]);
  });

  it("numbers a record spanning lines by the line it starts on", () => {
    const { records, lines } = scan(Buffer.from('a\n"multi\nline",b\nc\n'));
    expect(records).toEqual([["a"], ["multi\nline", "b"], ["c"]]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it("reports an unclosed quote with the line where its record starts", () => {
    expect(() => scan(Buffer.from('a\nb\n"open,c\nd\n'))).toThrow(expect.objectContaining({ name: "CsvSyntaxError", line: 3 }));
  });
});
