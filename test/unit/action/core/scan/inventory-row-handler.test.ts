import { describe, expect, it } from "vitest";
import { ByteSink } from "../../../../../action/core/scan/byte-sink.ts";
import { FastCsvScanner } from "../../../../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../../../../action/core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../../../../action/core/scan/inventory-row-handler.ts";

const SCHEMA = ["Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size", "StorageClass", "EncryptionStatus", "BucketKeyStatus"];
const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

/** Scans CSV text with a handler whose job outputs are collected as strings (tiny sinks, to exercise flushing). */
function scan(csv: string) {
  const outputs: Record<string, string> = {};
  const handler = new InventoryRowHandler({
    file: "data/x.csv.gz",
    fileSchema: SCHEMA,
    columns: indexColumns(SCHEMA),
    sourceBucket: "media",
    operation: "auto",
    inventoryTimeMs: 0,
    openSink: (jobKey) => new ByteSink(16, (chunk) => void (outputs[jobKey] = (outputs[jobKey] ?? "") + chunk.toString("latin1"))),
  });
  const scanner = new FastCsvScanner(handler.onRow);
  scanner.push(Buffer.from(csv));
  scanner.end();
  handler.flush();
  return { outputs, tally: handler.tally };
}

describe("InventoryRowHandler", () => {
  it("writes manifest lines per job, counts objects and bytes, and tallies skips", () => {
    const { outputs, tally } = scan(
      '"media","k1","v1","true","false","5","STANDARD","SSE-KMS","DISABLED"\n' +
        '"media","k2","","true","false","7","GLACIER_IR","NOT-SSE","DISABLED"\n' +
        '"media","k3","v3","true","true","","","",""\n',
    );
    expect(outputs).toEqual({ update: "media,k1,v1\n", "copy:GLACIER_IR": "media,k2\n" });
    expect(tally).toMatchObject({ rows: 3, skipped: { "delete-marker": 1 }, jobs: { update: { objects: 1, bytes: 5 }, "copy:GLACIER_IR": { objects: 1, bytes: 7 } }, updateSseKms: 1 });
  });

  it("fails naming file and line when a row belongs to another bucket", () => {
    expect(() => scan('"media","k1","v1","true","false","5","STANDARD","SSE-KMS","DISABLED"\n"other","k2","v","true","false","5","STANDARD","SSE-KMS","DISABLED"\n')).toThrow(
      `data/x.csv.gz:2: row's Bucket "other" differs from the manifest's sourceBucket "media". ${RESYNC}`,
    );
  });

  it("fails on an empty key or a version id with characters S3 never uses", () => {
    expect(() => scan('"media","","v1","true","false","5","STANDARD","SSE-KMS","DISABLED"\n')).toThrow(`data/x.csv.gz:1: row has an empty Key. ${RESYNC}`);
    expect(() => scan('"media","k","v/1","true","false","5","STANDARD","SSE-KMS","DISABLED"\n')).toThrow(`data/x.csv.gz:1: VersionId "v/1" has characters S3 version ids never contain. ${RESYNC}`);
  });

  it("numbers rows by line when csv-parse reads a quoted newline", () => {
    expect(() => scan('"media","a\nb","v1","true","false","5","STANDARD","SSE-KMS","DISABLED"\n"media","k","v1","true","false"\n')).toThrow(
      `data/x.csv.gz:3: row has 5 fields but fileSchema lists 9 (${SCHEMA.join(", ")}). ${RESYNC}`,
    );
  });
});
