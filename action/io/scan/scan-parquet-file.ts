/**
 * Scans one Parquet data file: reads its footer (hyparquet), matches its columns to the routing columns,
 * then reads the whole file once, in order, one row group at a time: each range is hashed into the
 * file's MD5 as it arrives and its row group decoded page by page and routed (parquet-row-handler.ts).
 * The MD5 of every byte read is compared with manifest.json once the last range is in, and the footer
 * that was parsed is compared with the footer bytes the hash covered, so the rows planned are the bytes
 * the manifest lists. Memory: one row group's bytes plus a page per column.
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parquetMetadata, parquetSchema } from "hyparquet";
import type { CompressionCodec, FileMetaData, RowGroup } from "hyparquet/src/types.js";
import { BucketKeysError, ChecksumMismatchError, InventoryDataError } from "../../contracts/errors.ts";
import { parquetColumns, type ParquetColumns } from "../../core/inventory/parquet-columns.ts";
import type { RoutingColumn } from "../../core/inventory/inventory-columns.ts";
import { ColumnPages, ParquetPageError } from "../../core/scan/parquet-column-pages.ts";
import type { RoutingPages } from "../../core/scan/parquet-row-facts.ts";
import { ParquetRowHandler } from "../../core/scan/parquet-row-handler.ts";
import { openByteRangeSource, type ByteRangeSource } from "../inventory/byte-range-source.ts";
import { collectYoungGarbage } from "./minor-gc.ts";
import type { PartGrown, ScanResult, ScanTask } from "./scan-data-file.ts";
import { ByteSink as PartSink } from "../../core/scan/byte-sink.ts";
import type { FileTally } from "../../core/plan/file-tally.ts";

const MAGIC = 0x31524150; // "PAR1", little-endian
/** The footer is read with one range of this many bytes from the end (a second one when it is larger). */
const FOOTER_READ_BYTES = 64 * 1024;
const RESYNC = "The data file is corrupt or not a Parquet file; re-sync the inventory and run again.";
/**
 * Young garbage is collected every this many rows within a row group (and after each row group): about
 * 8 MB of decompressed pages on the benchmark's rows, as the CSV scan collects every 8 MB inflated.
 */
const YOUNG_GC_EVERY_ROWS = 50_000;

const PART_BUFFER_BYTES = 1024 * 1024;

export interface ParquetScan {
  tally: FileTally;
  bytes: number;
}

/** scanDataFile for a Parquet data file: each job's manifest lines go to a part file of its own, as for CSV. */
export async function scanParquetDataFile(task: ScanTask, onProgress: (rows: number, bytes: number) => void, onPartGrown: PartGrown): Promise<ScanResult> {
  const parts: Record<string, string> = {};
  const descriptors: number[] = [];
  mkdirSync(task.partsDir, { recursive: true });
  const openSink = (jobKey: string): PartSink => {
    const path = join(task.partsDir, `${encodeURIComponent(jobKey).replace(/%/g, "_")}.part`);
    const fd = openSync(path, "w");
    descriptors.push(fd);
    parts[jobKey] = path;
    let size = 0;
    return new PartSink(PART_BUFFER_BYTES, (chunk) => {
      let written = 0;
      while (written < chunk.length) written += writeSync(fd, chunk, written);
      size += written;
      onPartGrown(jobKey, path, size);
    });
  };
  try {
    const scan = await scanParquetFile(task, openSink, onProgress);
    return { index: task.index, tally: scan.tally, parts, compressedBytes: scan.bytes, uncompressedBytes: scan.bytes };
  } finally {
    for (const fd of descriptors) closeSync(fd);
  }
}

export async function scanParquetFile(task: ScanTask, openSink: (jobKey: string) => PartSink, onProgress: (rows: number, bytes: number) => void): Promise<ParquetScan> {
  const file = task.source.display;
  const source = await openByteRangeSource(task.source, task.expectedSize ?? -1);
  const reader = new InOrderReader(source);
  try {
    const handler = new ParquetRowHandler({
      file,
      sourceBucket: task.sourceBucket,
      operation: task.operation,
      inventoryTimeMs: task.inventoryTimeMs,
      hasVersionId: task.fileSchema.some((column) => column.toLowerCase() === "versionid"),
      openSink,
    });
    try {
      const { metadata, footer } = await readFooter(source, file);
      const columns = parquetColumns(parquetSchema(metadata), task.parquetColumns, file);
      let firstRow = 0;
      for (const [group, rowGroup] of metadata.row_groups.entries()) {
        const rows = Number(rowGroup.num_rows);
        const place = { group, groups: metadata.row_groups.length, firstRow };
        const chunks = neededChunks(rowGroup, columns, place, file);
        const end = rowGroupEnd(rowGroup, file, reader.position);
        const kept = await reader.readTo(end, chunks.map((chunk) => chunk.range), file);
        scanRowGroup(rowGroup, chunks, kept, handler, place, file);
        firstRow += rows;
        onProgress(rows, kept.reduce((sum, bytes) => sum + bytes.length, 0));
        // The row group's decompressed pages are garbage now: free them before the next row group's.
        collectYoungGarbage();
      }
      const start = reader.position;
      const [tail] = await reader.readTo(source.size, [[start, source.size]], file);
      if (start < 4 || !sameTail(tail!, start, footer, source.size)) {
        throw new InventoryDataError(file, undefined, `${file}: the file changed while it was read (its footer differs from the one read first). Run the plan again once the inventory copy is complete.`);
      }
      reader.checkMd5(task, file);
    } catch (error) {
      throw await explainFailure(error, reader, task, file);
    }
    handler.flush();
    return { tally: handler.tally, bytes: source.size };
  } finally {
    source.close();
  }
}

interface NeededChunk {
  column: RoutingColumn;
  spec: NonNullable<ParquetColumns[RoutingColumn]>;
  codec: CompressionCodec;
  range: [number, number];
}

/** The column chunks of a row group the router reads, in file order (only these are kept in memory). */
function neededChunks(rowGroup: RowGroup, columns: ParquetColumns, place: { group: number; groups: number }, file: string): NeededChunk[] {
  const where = `${file}: row group ${place.group + 1} of ${place.groups}`;
  const chunks: NeededChunk[] = [];
  for (const [column, spec] of Object.entries(columns) as [RoutingColumn, NonNullable<ParquetColumns[RoutingColumn]>][]) {
    const chunk = rowGroup.columns.find((candidate) => candidate.meta_data?.path_in_schema.length === 1 && candidate.meta_data.path_in_schema[0] === spec.name);
    const meta = chunk?.meta_data;
    if (meta === undefined || chunk!.file_path !== undefined) throw new InventoryDataError(file, undefined, `${where}: has no data for column "${spec.name}" in this file. ${RESYNC}`);
    chunks.push({ column, spec, codec: meta.codec, range: chunkRange(meta) });
  }
  chunks.sort((a, b) => a.range[0] - b.range[0]);
  for (let k = 1; k < chunks.length; k++) {
    if (chunks[k]!.range[0] < chunks[k - 1]!.range[1]) throw new InventoryDataError(file, undefined, `${where}: columns "${chunks[k - 1]!.spec.name}" and "${chunks[k]!.spec.name}" overlap in the file. ${RESYNC}`);
  }
  return chunks;
}

/** Decodes one row group's routing columns from their chunks' bytes (`kept`, in the order of `chunks`) and routes its rows. */
function scanRowGroup(rowGroup: RowGroup, chunks: readonly NeededChunk[], kept: readonly Uint8Array[], handler: ParquetRowHandler, place: { group: number; groups: number; firstRow: number }, file: string): void {
  const where = `${file}: row group ${place.group + 1} of ${place.groups}`;
  const rows = Number(rowGroup.num_rows);
  const pages: RoutingPages = {};
  const cursors: ColumnPages[] = [];
  try {
    for (const [k, chunk] of chunks.entries()) {
      const cursor = decoderFor(chunk.column).reset(chunk.spec, chunk.codec, kept[k]!);
      pages[chunk.column] = cursor;
      cursors.push(cursor);
    }
    handler.startRowGroup(pages, place);
    let row = 0;
    let sinceGc = 0;
    while (row < rows) {
      let end = rows;
      for (const cursor of cursors) {
        while (cursor.rowEnd <= row) {
          if (!cursor.next()) throw new InventoryDataError(file, undefined, `${where}: column "${cursor.spec.name}" holds ${cursor.rowEnd} rows, its row group ${rows}. ${RESYNC}`);
        }
        if (cursor.rowEnd < end) end = cursor.rowEnd;
      }
      handler.route(row, end);
      sinceGc += end - row;
      row = end;
      // Each page decompresses into fresh memory: free the pages done with, a row group may hold millions of rows.
      if (sinceGc >= YOUNG_GC_EVERY_ROWS) {
        collectYoungGarbage();
        sinceGc = 0;
      }
    }
  } catch (error) {
    if (error instanceof ParquetPageError) throw new InventoryDataError(file, undefined, `${where}: ${error.message}. ${RESYNC}`, { cause: error });
    throw error;
  }
}

/** One page decoder per routing column per thread, reused from row group to row group (and file to file). */
const decoders = new Map<RoutingColumn, ColumnPages>();

function decoderFor(column: RoutingColumn): ColumnPages {
  let decoder = decoders.get(column);
  if (decoder === undefined) {
    decoder = new ColumnPages();
    decoders.set(column, decoder);
  }
  return decoder;
}

/** [first byte, end) of a column chunk in the file: its dictionary page (when it has one) to its last page. */
function chunkRange(meta: NonNullable<RowGroup["columns"][number]["meta_data"]>): [number, number] {
  const data = Number(meta.data_page_offset);
  const dictionary = meta.dictionary_page_offset === undefined ? undefined : Number(meta.dictionary_page_offset);
  const from = dictionary !== undefined && dictionary > 0 && dictionary < data ? dictionary : data;
  return [from, from + Number(meta.total_compressed_size)];
}

/** Where a row group's bytes end: the end of its last column chunk. */
function rowGroupEnd(rowGroup: RowGroup, file: string, position: number): number {
  let end = position;
  for (const chunk of rowGroup.columns) if (chunk.meta_data) end = Math.max(end, chunkRange(chunk.meta_data)[1]);
  for (const chunk of rowGroup.columns) {
    if (chunk.meta_data && chunkRange(chunk.meta_data)[0] < position) {
      throw new InventoryDataError(file, undefined, `${file}: the footer places column "${chunk.meta_data.path_in_schema.join(".")}" before the end of the previous row group (row groups overlap or are out of order). ${RESYNC}`);
    }
  }
  return end;
}

async function readFooter(source: ByteRangeSource, file: string): Promise<{ metadata: FileMetaData; footer: Uint8Array }> {
  const size = source.size;
  if (size < 12) throw new InventoryDataError(file, undefined, `${file}: ${size} bytes is too short for a Parquet file (truncated?). ${RESYNC}`);
  let tail = new Uint8Array(Math.min(size, FOOTER_READ_BYTES));
  await source.readInto(size - tail.length, tail);
  let view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  if (view.getUint32(tail.length - 4, true) !== MAGIC) {
    throw new InventoryDataError(file, undefined, `${file}: not a Parquet file: it does not end with the "PAR1" magic bytes (truncated or not Parquet). ${RESYNC}`);
  }
  const metadataBytes = view.getUint32(tail.length - 8, true);
  if (metadataBytes + 12 > size) {
    throw new InventoryDataError(file, undefined, `${file}: corrupt Parquet footer: it says the metadata is ${metadataBytes} bytes, more than the file holds (${size}). ${RESYNC}`);
  }
  if (metadataBytes + 8 > tail.length) {
    tail = new Uint8Array(metadataBytes + 8);
    await source.readInto(size - tail.length, tail);
    view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  }
  try {
    return { metadata: parquetMetadata(tail), footer: tail };
  } catch (error) {
    throw new InventoryDataError(file, undefined, `${file}: corrupt Parquet footer (${(error as Error).message}). ${RESYNC}`, { cause: error });
  }
}

/** Whether the file's last bytes, as hashed in order (`tail` from file offset `start`), are the footer parsed first. */
function sameTail(tail: Uint8Array, start: number, footer: Uint8Array, size: number): boolean {
  const footerStart = size - footer.length;
  const from = Math.max(footerStart, start);
  for (let at = from; at < size; at++) if (tail[at - start] !== footer[at - footerStart]) return false;
  return true;
}

/**
 * Reads a file once from its start, in order, hashing every byte; keeps the bytes of the ranges asked
 * for (a row group's needed column chunks), packed in one reused buffer, and lets the others pass.
 */
class InOrderReader {
  position = 0;
  readonly #md5: Hash = createHash("md5");
  readonly #source: ByteRangeSource;
  #buffer = new Uint8Array(0);
  #magic = new Uint8Array(4);
  /** Bytes hashed so far, from the file's start. */
  #hashed = 0;

  constructor(source: ByteRangeSource) {
    this.#source = source;
  }

  /**
   * Reads [position, end), keeping `keep` (sorted, disjoint file ranges within it): returns the bytes of
   * each, valid until the next call.
   */
  async readTo(end: number, keep: readonly (readonly [number, number])[], file: string): Promise<Uint8Array[]> {
    const start = this.position;
    if (end > this.#source.size) throw new InventoryDataError(file, undefined, `${file}: the footer points past the end of the file (byte ${end} of ${this.#source.size}). ${RESYNC}`);
    for (const [from, to] of keep) {
      if (from < start || to > end) throw new InventoryDataError(file, undefined, `${file}: the footer places a column chunk outside its row group (bytes ${from} to ${to}). ${RESYNC}`);
    }
    const total = keep.reduce((sum, [from, to]) => sum + (to - from), 0);
    if (this.#buffer.length < total) this.#buffer = new Uint8Array(total);
    const buffer = this.#buffer;
    // Where each kept range lands in the buffer.
    const offsets: number[] = [];
    let packed = 0;
    for (const [from, to] of keep) {
      offsets.push(packed);
      packed += to - from;
    }
    if (this.#source.positioned) {
      // Kept ranges straight into the buffer, the bytes between them through the stream; all hashed in order.
      let at = start;
      const pass = (chunk: Uint8Array) => {
        this.#hashChunk(chunk, at);
        at += chunk.length;
      };
      for (const [k, [from, to]] of keep.entries()) {
        if (from > at) await this.#source.stream(at, from, pass);
        const bytes = buffer.subarray(offsets[k]!, offsets[k]! + to - from);
        await this.#source.readInto(from, bytes);
        pass(bytes);
      }
      if (end > at) await this.#source.stream(at, end, pass);
      this.position = end;
      this.#checkMagic(start, end, file);
      return keep.map(([from, to], k) => buffer.subarray(offsets[k]!, offsets[k]! + to - from));
    }
    let at = start;
    let next = 0;
    await this.#source.stream(start, end, (chunk) => {
      this.#hashChunk(chunk, at);
      const chunkEnd = at + chunk.length;
      while (next < keep.length && keep[next]![0] < chunkEnd) {
        const [from, to] = keep[next]!;
        const copyFrom = Math.max(from, at);
        const copyTo = Math.min(to, chunkEnd);
        if (copyTo > copyFrom) buffer.set(chunk.subarray(copyFrom - at, copyTo - at), offsets[next]! + copyFrom - from);
        if (to > chunkEnd) break;
        next++;
      }
      at = chunkEnd;
    });
    this.position = end;
    this.#checkMagic(start, end, file);
    return keep.map(([from, to], k) => buffer.subarray(offsets[k]!, offsets[k]! + to - from));
  }

  /** Hashes a chunk that starts at file offset `at` (which must follow the last one hashed). */
  #hashChunk(chunk: Uint8Array, at: number): void {
    this.#md5.update(chunk);
    this.#hashed = at + chunk.length;
    if (at < 4) this.#magic.set(chunk.subarray(0, Math.min(chunk.length, 4 - at)), at);
  }

  #checkMagic(start: number, end: number, file: string): void {
    if (start === 0 && (end < 4 || new DataView(this.#magic.buffer).getUint32(0, true) !== MAGIC)) {
      throw new InventoryDataError(file, undefined, `${file}: not a Parquet file: it does not start with the "PAR1" magic bytes. ${RESYNC}`);
    }
  }

  /** Hashes what is left of the file without decoding it. */
  async finish(): Promise<void> {
    const size = this.#source.size;
    if (this.#hashed >= size) return;
    await this.#source.stream(this.#hashed, size, (chunk) => this.#hashChunk(chunk, this.#hashed));
    this.position = size;
  }

  checkMd5(task: ScanTask, file: string): void {
    const actual = this.#md5.digest("hex");
    if (actual !== task.expectedMd5) throw new ChecksumMismatchError(file, task.expectedMd5, actual);
  }
}

/**
 * A file whose bytes differ from its manifest.json entry is reported as an MD5 mismatch (the cause), not
 * as the Parquet problem the wrong bytes caused: the rest of the file is hashed first.
 */
async function explainFailure(error: unknown, reader: InOrderReader, task: ScanTask, file: string): Promise<unknown> {
  if (error instanceof ChecksumMismatchError) return error;
  const isData = error instanceof InventoryDataError || error instanceof ParquetPageError;
  if (isData) {
    try {
      await reader.finish();
      reader.checkMd5(task, file);
    } catch (mismatch) {
      if (mismatch instanceof ChecksumMismatchError) return mismatch;
    }
    if (error instanceof ParquetPageError) return new InventoryDataError(file, undefined, `${file}: ${error.message}. ${RESYNC}`, { cause: error });
    return error;
  }
  if (error instanceof BucketKeysError) return error;
  return new BucketKeysError("SCAN", `${file}: the scan of this data file failed (${(error as Error).message}). Check the network connection and free disk space, then run again.`, { cause: error });
}
