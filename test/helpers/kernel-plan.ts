/**
 * Runs CSV through one data file's row handler, either through the scan kernel's routeRows (sinks in
 * the kernel's memory) or through the JavaScript path alone, for tests that hold the two to the same
 * manifests, tallies and errors.
 */
import fc from "fast-check";
import { ByteSink } from "../../action/core/scan/byte-sink.ts";
import { CsvKernel } from "../../action/core/scan/csv-kernel.ts";
import { FastCsvScanner } from "../../action/core/scan/fast-csv-scanner.ts";
import { indexColumns } from "../../action/core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../action/core/scan/inventory-row-handler.ts";
import type { PlanOperation } from "../../action/contracts/plan-schema.ts";
import { encodeInventoryKey, type InventoryRow } from "./inventory-builder.ts";

export const INVENTORY_TIME = Date.parse("2026-11-01T00:00:00Z");

export interface Outcome {
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
export function plan(csv: Buffer, schema: readonly string[], operation: PlanOperation, viaKernel: boolean, chunk = 4096, inventoryTimeMs = INVENTORY_TIME): Outcome | string {
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

export function csvOf(rows: readonly InventoryRow[], schema: readonly string[]): Buffer {
  const line = (row: InventoryRow) => schema.map((column) => `"${column === "Key" ? encodeInventoryKey(row[column] ?? "") : (row[column] ?? "")}"`).join(",");
  return Buffer.from(rows.map((row) => `${line(row)}\n`).join(""));
}

/** CSV of rows whose keys are raw bytes, written as they are (quoted, a '"' doubled). */
export function csvOfRawKeys(rows: readonly { row: InventoryRow; rawKey: Buffer }[], schema: readonly string[]): Buffer {
  const lines = rows.map(({ row, rawKey }) => {
    const fields = schema.map((column) => {
      const value = column === "Key" ? rawKey : Buffer.from(row[column] ?? "");
      return Buffer.concat([Buffer.from('"'), Buffer.from(value.toString("latin1").replace(/"/g, '""'), "latin1"), Buffer.from('"')]);
    });
    return Buffer.concat([...fields.flatMap((field, i) => (i === 0 ? [field] : [Buffer.from(","), field])), Buffer.from("\n")]);
  });
  return Buffer.concat(lines);
}

/** A value in any letter case: as written, lower case, or mixed. */
export const anyCase = (values: string[]) =>
  fc.tuple(fc.constantFrom(...values), fc.nat(), fc.constantFrom("as-is", "lower", "mixed")).map(([value, seed, style]) =>
    style === "as-is" ? value : style === "lower" ? value.toLowerCase() : [...value].map((c, i) => ((seed >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join(""),
  );
