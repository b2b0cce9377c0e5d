import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_OPTIONS, CsvSyntaxError, FastCsvScanner, ROOM_BYTES } from "../../../../../action/core/scan/fast-csv-scanner.ts";

interface Scanned {
  records: string[][];
  lines: number[];
}

/**
 * Runs the scanner over `input` split into chunks at `cuts`, collecting records as strings. Chunks are
 * pushed, or written in place at roomAt() and committed (as the synchronous inflater does), in turn
 * when `inPlace` is "alternate".
 */
function scan(input: Buffer, cuts: number[] = [], inPlace: "never" | "alternate" | "always" = "never"): Scanned {
  const records: string[][] = [];
  const lines: number[] = [];
  const scanner = new FastCsvScanner((buf, bounds, count, line) => {
    const record: string[] = [];
    for (let i = 0; i < count; i++) record.push(buf.toString("utf8", bounds[2 * i], bounds[2 * i + 1]));
    records.push(record);
    lines.push(line);
  });
  let chunks = 0;
  const feed = (chunk: Buffer) => {
    if (inPlace === "never" || (inPlace === "alternate" && chunks++ % 2 === 0)) {
      scanner.push(chunk);
      return;
    }
    for (let from = 0; from < chunk.length; from += ROOM_BYTES) {
      const piece = chunk.subarray(from, from + ROOM_BYTES);
      piece.copy(scanner.bytes, scanner.roomAt());
      scanner.commit(piece.length);
    }
  };
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    feed(input.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  feed(input.subarray(at));
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
      fc.property(csvInput, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom("never", "alternate", "always" as const), (input, cuts, inPlace) => {
        const expected = reference(input);
        const chunkCuts = cuts.map((cut) => cut % (input.length + 1));
        if (expected instanceof Error) {
          expect(() => scan(input, chunkCuts, inPlace)).toThrow(CsvSyntaxError);
        } else {
          expect(scan(input, chunkCuts, inPlace).records).toEqual(expected);
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

  it("reads lines longer than the kernel's input area the same whether chunks are pushed or written in place", () => {
    const long = `photos,${"k".repeat(3 * ROOM_BYTES)},v1\n`;
    const input = Buffer.from(`a,b\n${long}c,"d"\n${long}${long}e\n`);
    const cuts = [5, ROOM_BYTES - 3, 2 * ROOM_BYTES + 11, 5 * ROOM_BYTES, 9 * ROOM_BYTES + 1];
    const expected = reference(input);
    expect(scan(input, cuts, "always")).toEqual(scan(input, cuts, "never"));
    expect(scan(input, cuts, "alternate").records).toEqual(expected);
    expect(scan(input, cuts, "always").records).toHaveLength(6);
  });

  it("reports an unclosed quote with the line where its record starts", () => {
    expect(() => scan(Buffer.from('a\nb\n"open,c\nd\n'))).toThrow(expect.objectContaining({ name: "CsvSyntaxError", line: 3 }));
  });
});
