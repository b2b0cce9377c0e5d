/**
 * Scans one inventory data file: stream it, MD5 the compressed bytes as they pass, gunzip, scan rows,
 * route them and write each job's manifest lines to a part file of its own, reporting each time a
 * part grew (the main thread appends the parts of the file whose turn it is while it is scanned).
 * Runs in a scan worker (or in-process in tests); memory stays constant whatever the file's size.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { ByteSink } from "../core/byte-sink.ts";
import { CsvKernel } from "../core/csv-kernel.ts";
import { BucketKeysError, ChecksumMismatchError, InventoryDataError } from "../core/errors.ts";
import { CsvSyntaxError, FastCsvScanner } from "../core/fast-csv-scanner.ts";
import type { FileTally } from "../core/file-tally.ts";
import { indexColumns } from "../core/inventory-columns.ts";
import { InventoryRowHandler } from "../core/inventory-row-handler.ts";
import type { PlanOperation } from "../core/plan-schema.ts";
import { openDataFile, type DataFileSource } from "./data-file-source.ts";
import { collectYoungGarbage } from "./minor-gc.ts";

export interface ScanTask {
  /** Position of the task in the pool's task list (inventories in plan order, then files in manifest order). */
  index: number;
  source: DataFileSource;
  expectedMd5: string;
  fileSchema: string[];
  sourceBucket: string;
  operation: PlanOperation;
  inventoryTimeMs: number;
  /** Folder for this file's part files. */
  partsDir: string;
}

export interface ScanResult {
  index: number;
  tally: FileTally;
  /** Part file of each job key this file contributed to. */
  parts: Record<string, string>;
  compressedBytes: number;
  uncompressedBytes: number;
}

/** Progress is reported, and young garbage collected, every this many uncompressed bytes. */
const PROGRESS_EVERY_BYTES = 8 * 1024 * 1024;
const GUNZIP_CHUNK_BYTES = 256 * 1024;
const PART_BUFFER_BYTES = 1024 * 1024;

/** A part file grew: it holds `bytes` bytes of job `jobKey`'s manifest lines, all written. */
export type PartGrown = (jobKey: string, part: string, bytes: number) => void;

export async function scanDataFile(task: ScanTask, onProgress: (rows: number, bytes: number) => void = () => {}, onPartGrown: PartGrown = () => {}): Promise<ScanResult> {
  const file = task.source.display;
  const parts: Record<string, string> = {};
  const descriptors: number[] = [];
  mkdirSync(task.partsDir, { recursive: true });
  const kernel = CsvKernel.take();
  const handler = new InventoryRowHandler({
    file,
    fileSchema: task.fileSchema,
    columns: indexColumns(task.fileSchema),
    sourceBucket: task.sourceBucket,
    operation: task.operation,
    inventoryTimeMs: task.inventoryTimeMs,
    kernel,
    openSink: (jobKey) => {
      const path = join(task.partsDir, `${encodeURIComponent(jobKey).replace(/%/g, "_")}.part`);
      const fd = openSync(path, "w");
      descriptors.push(fd);
      parts[jobKey] = path;
      let size = 0;
      return new ByteSink(kernel.outputRegion() ?? PART_BUFFER_BYTES, (chunk) => {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written);
        size += written;
        onPartGrown(jobKey, path, size);
      });
    },
  });
  const scanner = new FastCsvScanner(handler.onRow, kernel, handler.routeRows);
  const md5 = createHash("md5");
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  try {
    const raw = await openDataFile(task.source);
    let reportedRows = 0;
    let sinceReport = 0;
    await pipeline(
      raw,
      async function* hashCompressed(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          md5.update(chunk);
          compressedBytes += chunk.length;
          yield chunk;
        }
      },
      createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          scanner.push(chunk);
          uncompressedBytes += chunk.length;
          sinceReport += chunk.length;
          if (sinceReport >= PROGRESS_EVERY_BYTES) {
            onProgress(handler.tally.rows - reportedRows, sinceReport);
            reportedRows = handler.tally.rows;
            sinceReport = 0;
            collectYoungGarbage();
          }
        }
        scanner.end();
        onProgress(handler.tally.rows - reportedRows, sinceReport);
      },
    );
    handler.flush();
  } catch (error) {
    throw await explainFailure(task, error);
  } finally {
    for (const fd of descriptors) closeSync(fd);
    kernel.release();
  }
  const actual = md5.digest("hex");
  if (actual !== task.expectedMd5) throw new ChecksumMismatchError(file, task.expectedMd5, actual);
  return { index: task.index, tally: handler.tally, parts, compressedBytes, uncompressedBytes };
}

/**
 * Turns a failure into the error to report. A file whose bytes differ from its manifest is reported as
 * an MD5 mismatch (the cause), not as the gzip or CSV problem that the wrong bytes caused.
 */
async function explainFailure(task: ScanTask, error: unknown): Promise<unknown> {
  const file = task.source.display;
  const isZlib = typeof (error as { errno?: unknown }).errno === "number" && /^Z_/.test(String((error as { code?: unknown }).code));
  const isData = isZlib || error instanceof CsvSyntaxError || error instanceof InventoryDataError;
  if (!isData) {
    if (error instanceof BucketKeysError) return error;
    // A stream that broke off or a full disk: say which file, keep the cause for --debug.
    return new BucketKeysError("SCAN", `${file}: the scan of this data file failed (${(error as Error).message}). Check the network connection and free disk space, then run again.`, { cause: error });
  }
  const actual = await md5Of(task.source).catch(() => undefined);
  if (actual !== undefined && actual !== task.expectedMd5) return new ChecksumMismatchError(file, task.expectedMd5, actual);
  if (isZlib) {
    const reason = (error as Error).message;
    return new InventoryDataError(file, undefined, `${file}: not a readable gzip file (${reason}). The data file is corrupt or truncated; re-sync the inventory and run again.`, { cause: error });
  }
  if (error instanceof CsvSyntaxError) {
    return new InventoryDataError(file, error.line, `${file}:${error.line}: malformed CSV (${error.message}). The data file is corrupt; re-sync the inventory and run again.`, { cause: error });
  }
  return error;
}

async function md5Of(source: DataFileSource): Promise<string> {
  const hash = createHash("md5");
  const stream: Readable = await openDataFile(source);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
