import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "../../../../../action/core/scan/byte-sink.ts";
import { CsvKernel } from "../../../../../action/core/scan/csv-kernel.ts";
import { CSV_OPTIONS, FastCsvScanner } from "../../../../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../../../../action/core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../../../../action/core/scan/inventory-row-handler.ts";
import { encodeInventoryKey, FULL_SCHEMA } from "../../../../helpers/inventory-builder.ts";
import { realisticRows, routingCases } from "../../../../helpers/inventory-rows.ts";

const PLAIN_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/";
const PLAIN_VERSION = PLAIN_KEY.replace("/", "");

/** Calls the kernel's writeLine on a key and a version id (undefined: no version column). */
function kernelLine(key: Buffer, version: Buffer | undefined): string | number {
  const kernel = new CsvKernel();
  kernel.setLinePrefix(Buffer.from("bkt,"));
  const region = kernel.outputRegion()!;
  const keyAt = kernel.inputAt;
  kernel.bytes.set(key, keyAt);
  const versionAt = keyAt + key.length;
  if (version !== undefined) kernel.bytes.set(version, versionAt);
  const out = region.byteOffset;
  const end = kernel.writeLine(keyAt, keyAt + key.length, version === undefined ? -1 : versionAt, versionAt + (version?.length ?? 0), out);
  return end < 0 ? end : kernel.bytes.toString("latin1", out, end);
}

describe("CsvKernel.writeLine", () => {
  it("copies a key byte only when encodeURIComponent keeps it (or it is '/'), wherever it is in a 16-byte block", () => {
    const wrong: string[] = [];
    for (let byte = 0; byte < 256; byte++) {
      for (const at of [0, 7, 15, 16, 20]) {
        const key = Buffer.alloc(21, "a");
        key[at] = byte;
        const plain = PLAIN_KEY.includes(String.fromCharCode(byte));
        if (kernelLine(key, Buffer.from("v1")) !== (plain ? `bkt,${key.toString("latin1")},v1\n` : -1)) wrong.push(`${byte}@${at}`);
      }
    }
    expect(wrong).toEqual([]);
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

  it("re-encodes keys the kernel declines, in row order with the keys it copies", () => {
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
