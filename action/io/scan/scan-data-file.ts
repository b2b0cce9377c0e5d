/**
 * Scans one inventory data file: stream it, MD5 the compressed bytes as they pass, gunzip (zlib driven
 * synchronously, straight into the kernel's input area, see inflate.ts), scan rows, route them and write
 * each job's manifest lines to a part file of its own, reporting each time a part grew (the main thread
 * appends the parts of the file whose turn it is while it is scanned).
 * Runs in a scan worker (or in-process in tests); memory stays constant whatever the file's size.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { createGunzip } from "node:zlib";
import { ByteSink } from "../../core/scan/byte-sink.ts";
import { CsvKernel } from "../../core/scan/csv-kernel.ts";
import { BucketKeysError, ChecksumMismatchError, InventoryDataError } from "../../contracts/errors.ts";
import { CsvSyntaxError, FastCsvScanner, ROOM_BYTES } from "../../core/scan/fast-csv-scanner.ts";
import { checkTrailerSize, GzipFormatError } from "../../core/scan/gzip-framing.ts";
import type { FileTally } from "../../core/plan/file-tally.ts";
import { indexColumns } from "../../core/inventory/inventory-columns.ts";
import { InventoryRowHandler } from "../../core/scan/inventory-row-handler.ts";
import type { PlanOperation } from "../../contracts/plan-schema.ts";
import type { InventoryFormat } from "../../contracts/inventory-fields.ts";
import type { DeclaredParquetColumn } from "../../core/inventory/inventory-schema-text.ts";
import { openDataFile, type DataFileHooks, type DataFileSource } from "../inventory/data-file-source.ts";
import { copyInto, inflateDataFile, inflateStream, type InflateSink } from "./inflate.ts";
import { Utf8BomSkipper } from "./utf8-bom.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "./minor-gc.ts";
import { INFLATE_CHUNK_BYTES } from "./stream-settings.ts";

export interface ScanTask {
  /** Position of the task in the pool's task list (inventories in plan order, then files in manifest order). */
  index: number;
  source: DataFileSource;
  expectedMd5: string;
  /** manifest.json's files[].size, or -1 when it does not say. */
  expectedSize?: number;
  fileFormat: InventoryFormat;
  fileSchema: string[];
  /** Parquet: manifest.json's fileSchema fields, which the file's footer must match. */
  parquetColumns?: DeclaredParquetColumn[];
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
const PROGRESS_EVERY_BYTES = YOUNG_GC_EVERY_BYTES;
const PART_BUFFER_BYTES = 1024 * 1024;

/** A part file grew: it holds `bytes` bytes of job `jobKey`'s manifest lines, all written. */
export type PartGrown = (jobKey: string, part: string, bytes: number) => void;

/** What the scan of a file tells besides its progress: each compressed chunk read, each resumed read. */
export interface ScanEvents extends DataFileHooks {
  onRead?(): void;
}

export async function scanDataFile(task: ScanTask, onProgress: (rows: number, bytes: number) => void = () => {}, onPartGrown: PartGrown = () => {}, events: ScanEvents = {}): Promise<ScanResult> {
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
  let reportedRows = 0;
  let sinceReport = 0;
  const scanned = (bytes: number) => {
    uncompressedBytes += bytes;
    sinceReport += bytes;
    if (sinceReport >= PROGRESS_EVERY_BYTES) {
      onProgress(handler.tally.rows - reportedRows, sinceReport);
      reportedRows = handler.tally.rows;
      sinceReport = 0;
      collectYoungGarbage();
    }
  };
  // Inflated straight into the kernel's input area, as zlib produces it; a BOM at the file's start is left out.
  const bom = new Utf8BomSkipper({ bytes: scanner.bytes, roomBytes: ROOM_BYTES, roomAt: () => scanner.roomAt(), filled: (n) => scanner.commit(n) });
  const sink: InflateSink = {
    bytes: scanner.bytes,
    get roomBytes() {
      return bom.roomBytes;
    },
    roomAt: () => bom.roomAt(),
    filled: (n) => {
      bom.filled(n);
      scanned(n);
    },
  };
  try {
    // The first gzip member (usually the whole file) is inflated raw, without gzip's CRC-32: the MD5
    // check of the compressed bytes covers it (see gzip-framing.ts).
    const onCompressed = (chunk: Uint8Array) => {
      md5.update(chunk);
      compressedBytes += chunk.length;
      events.onRead?.();
    };
    const first = await inflateDataFile(task.source, onCompressed, sink, events);
    checkMd5(task, md5);
    const rest = first.framing.finish(first.deflateBytes, uncompressedBytes);
    if (rest.kind === "more") await scanLaterMembers(task, rest.offset, uncompressedBytes, sink, events);
    bom.finish();
    scanner.end();
    onProgress(handler.tally.rows - reportedRows, sinceReport);
    handler.flush();
  } catch (error) {
    throw await explainFailure(task, error, events);
  } finally {
    for (const fd of descriptors) closeSync(fd);
    kernel.release();
  }
  return { index: task.index, tally: handler.tally, parts, compressedBytes, uncompressedBytes };
}

/**
 * Reads a data file of several gzip members (rare: S3 Inventory writes one) past its first member:
 * checks the first member's trailer at `trailerAt`, then inflates the rest as gunzip does (further
 * members, each with its CRC-32; zero bytes of padding ignored). The file is read again from its
 * start so that its MD5 is checked again: the bytes must not have changed since the first pass.
 */
async function scanLaterMembers(task: ScanTask, trailerAt: number, firstInflated: number, sink: InflateSink, events: ScanEvents): Promise<void> {
  const md5 = createHash("md5");
  const stream = await openDataFile(task.source, events);
  async function* afterFirstMember(): AsyncGenerator<Buffer> {
    const trailer = Buffer.alloc(8);
    let trailerBytes = 0;
    let position = 0;
    for await (const chunk of stream) {
      md5.update(chunk);
      events.onRead?.();
      let rest = chunk.subarray(Math.max(0, Math.min(chunk.length, trailerAt - position)));
      position += chunk.length;
      if (trailerBytes < 8 && rest.length > 0) {
        const take = Math.min(8 - trailerBytes, rest.length);
        trailer.set(rest.subarray(0, take), trailerBytes);
        trailerBytes += take;
        rest = rest.subarray(take);
        if (trailerBytes === 8) checkTrailerSize(trailer, firstInflated);
      }
      if (rest.length > 0) yield rest;
    }
    if (trailerBytes < 8) throw new GzipFormatError("unexpected end of file");
  }
  const bytes = afterFirstMember();
  let first = await bytes.next();
  while (!first.done && first.value.length === 0) first = await bytes.next();
  if (!first.done && first.value[0] !== 0) {
    const head = first.value;
    async function* all(): AsyncGenerator<Buffer> {
      yield head;
      yield* bytes;
    }
    await inflateStream(all(), createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }), (inflated) => copyInto(inflated, sink));
  } else {
    // Padding (zero bytes) after the member: gunzip ignores it and anything after it.
    for (let next = first; !next.done; next = await bytes.next());
  }
  checkMd5(task, md5);
}

/** Throws an MD5 mismatch when the hash of the file's bytes differs from its manifest.json entry. */
function checkMd5(task: ScanTask, md5: Hash): void {
  const actual = md5.digest("hex");
  if (actual !== task.expectedMd5) throw new ChecksumMismatchError(task.source.display, task.expectedMd5, actual);
}

/**
 * Turns a failure into the error to report. A file whose bytes differ from its manifest is reported as
 * an MD5 mismatch (the cause), not as the gzip or CSV problem that the wrong bytes caused.
 */
async function explainFailure(task: ScanTask, error: unknown, events: ScanEvents): Promise<unknown> {
  const file = task.source.display;
  const isZlib = error instanceof GzipFormatError || (typeof (error as { errno?: unknown }).errno === "number" && /^Z_/.test(String((error as { code?: unknown }).code)));
  const isData = isZlib || error instanceof CsvSyntaxError || error instanceof InventoryDataError;
  if (!isData) {
    if (error instanceof BucketKeysError) return error;
    // A stream that broke off or a full disk: say which file, keep the cause for --debug.
    return new BucketKeysError("SCAN", `${file}: the scan of this data file failed (${(error as Error).message}). Check the network connection and free disk space, then run again.`, { cause: error });
  }
  const actual = await md5Of(task.source, events).catch(() => undefined);
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

async function md5Of(source: DataFileSource, events: ScanEvents): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of await openDataFile(source, events)) {
    hash.update(chunk);
    events.onRead?.();
  }
  return hash.digest("hex");
}
