import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "../../../../../action/core/scan/byte-sink.ts";
import { CsvKernel } from "../../../../../action/core/scan/csv-kernel.ts";
import { CSV_OPTIONS, FastCsvScanner } from "../../../../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../../../../action/core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../../../../action/core/scan/inventory-row-handler.ts";
import { MalformedKeyError, writeManifestKey } from "../../../../../action/core/scan/manifest-key.ts";
import { encodeInventoryKey, FULL_SCHEMA } from "../../../../helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../../../../helpers/inventory-rows.ts";
import { rawKey } from "../../../../helpers/raw-keys.ts";

const PLAIN_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/";
const PLAIN_VERSION = PLAIN_KEY.replace("/", "");

/** Calls the kernel's writeLine on a key and a version id (undefined: no version column). */
const lineKernel = new CsvKernel();
lineKernel.setLinePrefix(Buffer.from("bkt,"));
const lineRegion = lineKernel.outputRegion()!;

function kernelLine(key: Buffer, version: Buffer | undefined): string | number {
  const kernel = lineKernel;
  const region = lineRegion;
  const keyAt = kernel.inputAt;
  kernel.bytes.set(key, keyAt);
  const versionAt = keyAt + key.length;
  if (version !== undefined) kernel.bytes.set(version, versionAt);
  const out = region.byteOffset;
  const end = kernel.writeLine(keyAt, keyAt + key.length, version === undefined ? -1 : versionAt, versionAt + (version?.length ?? 0), out);
  return end < 0 ? end : kernel.bytes.toString("latin1", out, end);
}

/** The JavaScript writer's manifest line for a key (manifest-key.ts), or "declined" where it throws. */
function javascriptLine(key: Buffer, version: string | undefined): string {
  if (key.length === 0) return "declined";
  const out = Buffer.alloc(3 * key.length);
  try {
    return `bkt,${out.toString("latin1", 0, writeManifestKey(key, 0, key.length, out, 0))}${version === undefined ? "" : `,${version}`}\n`;
  } catch (error) {
    if (error instanceof MalformedKeyError) return "declined";
    throw error;
  }
}

const declined = (line: string | number) => (line === -1 ? "declined" : line);

describe("CsvKernel.writeLine", () => {
  it("writes every byte of a key as the JavaScript writer does, wherever it is in a 16-byte block", () => {
    const wrong: string[] = [];
    for (let byte = 0; byte < 256; byte++) {
      for (const at of [0, 7, 15, 16, 20]) {
        const key = Buffer.alloc(21, "a");
        key[at] = byte;
        if (declined(kernelLine(key, Buffer.from("v1"))) !== javascriptLine(key, "v1")) wrong.push(`${byte}@${at}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("copies keys of bytes encodeURIComponent leaves alone as they are", () => {
    expect(kernelLine(Buffer.from(PLAIN_KEY), undefined)).toBe(`bkt,${PLAIN_KEY}\n`);
  });

  it.each([
    ["a+b", "a%20b"],
    ["a%2Bb", "a%2Bb"],
    ["dir%2Ffile", "dir/file"],
    ["0100059%7ethumb.jpg", "0100059~thumb.jpg"],
    ["caf%c3%a9", "caf%C3%A9"],
    ["caf\u00e9", "caf%C3%A9"],
    ["dt%3D2024-01-01%2Fpart+0.json", "dt%3D2024-01-01/part%200.json"],
    ["%F0%9F%98%80%2A%28x%29", "%F0%9F%98%80*(x)"],
  ])("rewrites inventory key %s into the manifest key %s", (raw, expected) => {
    expect(kernelLine(Buffer.from(raw, "utf8"), undefined)).toBe(`bkt,${expected}\n`);
  });

  it.each([
    ["a %-sign without two hex digits", "abc%4"],
    ["a %-sign before a non-hex digit", "%zz"],
    ["a lone UTF-8 lead byte", "%C3"],
    ["a stray continuation byte", "a%A9"],
    ["an overlong form", "%C0%AF"],
    ["a surrogate", "%ED%A0%80"],
    ["a code point above U+10FFFF", "%F4%90%80%80"],
    ["a raw byte that is not UTF-8", "a\xff"],
  ])("declines a key with %s, for JavaScript to report", (_name, raw) => {
    const key = Buffer.from(raw, "latin1");
    expect(kernelLine(key, undefined)).toBe(-1);
    expect(javascriptLine(key, undefined)).toBe("declined");
  });

  it("writes the JavaScript writer's line, or declines where it throws, for random keys over the whole byte range", () => {
    fc.assert(
      fc.property(rawKey(), (key) => {
        expect(declined(kernelLine(key, Buffer.from("v1")))).toBe(javascriptLine(key, "v1"));
      }),
      { numRuns: 20_000 },
    );
  });

  it("rewrites keys of up to 1,024 bytes that triple in length, with the version id after them", () => {
    const key = Buffer.from("%2B".repeat(341) + "x");
    expect(kernelLine(key, Buffer.from("v1"))).toBe(`bkt,${"%2B".repeat(341)}x,v1\n`);
    const spaces = Buffer.from("+".repeat(1024));
    expect(kernelLine(spaces, undefined)).toBe(`bkt,${"%20".repeat(1024)}\n`);
  });

  it("declines a version id with a byte S3 version ids never hold", () => {
    const wrong: number[] = [];
    for (let byte = 0; byte < 256; byte++) {
      const version = Buffer.from("AbCdEfGhIjKlMnOpQrStUvWxYz012345");
      version[17] = byte;
      const plain = PLAIN_VERSION.includes(String.fromCharCode(byte));
      if (kernelLine(Buffer.from("k"), version) !== (plain ? `bkt,k,${version.toString("latin1")}\n` : -2)) wrong.push(byte);
    }
    expect(wrong).toEqual([]);
  });

  it("writes null for an empty version id, nothing without a version column, and declines an empty key", () => {
    expect(kernelLine(Buffer.from("a/b.txt"), Buffer.alloc(0))).toBe("bkt,a/b.txt,null\n");
    expect(kernelLine(Buffer.from("a/b.txt"), undefined)).toBe("bkt,a/b.txt\n");
    expect(kernelLine(Buffer.alloc(0), Buffer.from("v"))).toBe(-1);
  });
});

/** Runs rows through a handler whose sinks lie in the kernel's memory (or in plain buffers). */
function planLines(csv: Buffer, inKernel: boolean, chunk = 1000): Record<string, string> {
  const outputs: Record<string, string> = {};
  const kernel = new CsvKernel();
  const handler = new InventoryRowHandler({
    file: "data/x.csv.gz",
    fileSchema: FULL_SCHEMA,
    columns: indexColumns(FULL_SCHEMA),
    sourceBucket: "media",
    operation: "auto",
    inventoryTimeMs: Date.parse("2026-11-01T00:00:00Z"),
    kernel,
    openSink: (jobKey) => {
      const flush = (bytes: Buffer) => void (outputs[jobKey] = (outputs[jobKey] ?? "") + bytes.toString("latin1"));
      return new ByteSink(inKernel ? kernel.outputRegion()! : 64, flush);
    },
  });
  const scanner = new FastCsvScanner(handler.onRow, kernel);
  for (let at = 0; at < csv.length; at += chunk) scanner.push(csv.subarray(at, at + chunk));
  scanner.end();
  handler.flush();
  return outputs;
}

function csvOf(rows: Iterable<Readonly<Record<string, string | undefined>>>, encode: boolean): Buffer {
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(FULL_SCHEMA.map((column) => `"${column === "Key" && encode ? encodeInventoryKey(row[column] ?? "") : (row[column] ?? "")}"`).join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

describe("InventoryRowHandler with the kernel", () => {
  it("writes the same manifest lines as the JavaScript writer for every routing branch and realistic rows", () => {
    const rows = [...routingCases("media").map((testCase) => testCase.row), ...realisticRows("media", 3000, 7)];
    const csv = csvOf(rows, true);
    const viaKernel = planLines(csv, true);
    expect(Object.keys(viaKernel).sort()).toEqual(expect.arrayContaining(["update", "copy:STANDARD", "copy:GLACIER_IR"]));
    expect(viaKernel).toEqual(planLines(csv, false));
  });

  it("writes keys it rewrites and keys it copies in row order", () => {
    const keys = ["plain/a.txt", "with+space%C3%A9", "x/y(1)", "%2Fslash", "z"];
    const csv = csvOf(keys.map((Key, i) => ({ ...routingCases("media")[7]!.row, Key, VersionId: `v${i}` })), false);
    expect(planLines(csv, true).update).toBe("media,plain/a.txt,v0\nmedia,with%20space%C3%A9,v1\nmedia,x/y(1),v2\nmedia,/slash,v3\nmedia,z,v4\n");
  });
});

describe("FastCsvScanner input handling", () => {
  it.each([700 * 1024, 100_000, 7])("reads lines longer than the kernel's input area as csv-parse does, in chunks of %i bytes", (size) => {
    const long = "x".repeat(300 * 1024);
    const input = Buffer.from(`a,b\n"${long}",c\nd,"${long}"\r\ne\n`);
    const records: string[][] = [];
    const lines: number[] = [];
    const scanner = new FastCsvScanner((buf, bounds, count, line) => {
      records.push(Array.from({ length: count }, (_, i) => buf.toString("utf8", bounds[2 * i], bounds[2 * i + 1])));
      lines.push(line);
    });
    for (let at = 0; at < input.length; at += size) scanner.push(input.subarray(at, at + size));
    scanner.end();
    expect(records).toEqual(parse(input, CSV_OPTIONS) as string[][]);
    expect(lines).toEqual([1, 2, 3, 4]);
  });

  it("yields csv-parse's records for long random lines split anywhere", () => {
    const field = fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "é"), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), fc.nat(), (fields, cut) => {
        const input = Buffer.from(`${fields.map((f) => `"${f.replace(/"/g, '""')}"`).join(",")}\n"tail",x\n`);
        const expected = parse(input, CSV_OPTIONS) as string[][];
        const records: string[][] = [];
        const scanner = new FastCsvScanner((buf, bounds, count) => {
          records.push(Array.from({ length: count }, (_, i) => buf.toString("utf8", bounds[2 * i], bounds[2 * i + 1])));
        });
        const at = cut % (input.length + 1);
        scanner.push(input.subarray(0, at));
        scanner.push(input.subarray(at));
        scanner.end();
        expect(records).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
