/**
 * The per-row work of a Parquet scan, as inventory-row-handler.ts does it for CSV: check the row's
 * Bucket, route it (the same RowFacts -> routeRow), count it in the same tally, and append the same
 * manifest line ("bucket,key" or "bucket,key,versionId", the key in its canonical encoding) to its job's
 * output. Rows come in runs of a row group whose every routing column's current page holds them.
 */
import type { ByteSink } from "./byte-sink.ts";
import { InventoryDataError } from "../../contracts/errors.ts";
import { emptyTally, type FileTally } from "../plan/file-tally.ts";
import { MalformedKeyError, maxManifestKeyBytes, writeEncodedKey } from "./manifest-key.ts";
import { RESYNC } from "./manifest-line-writer.ts";
import type { PlanOperation } from "../../contracts/plan-schema.ts";
import type { ColumnPages } from "./parquet-column-pages.ts";
import { ParquetRowFacts, type RoutingPages } from "./parquet-row-facts.ts";
import { routeRow, type RouteContext } from "../plan/route-row.ts";

export interface ParquetRowHandlerOptions {
  /** Display name of the data file, for messages. */
  file: string;
  sourceBucket: string;
  operation: PlanOperation;
  inventoryTimeMs: number;
  /** Whether the file has a version_id column (update jobs then list version ids). */
  hasVersionId: boolean;
  /** Output for a job key; called once per key. */
  openSink: (jobKey: string) => ByteSink;
}

/** Where a run of rows lies, for messages: the row group (from 0), how many there are, its first row in the file (from 0). */
export interface RowGroupPlace {
  group: number;
  groups: number;
  firstRow: number;
}

interface JobOutput {
  sink: ByteSink;
  counts: { objects: number; bytes: number };
  withVersion: boolean;
}

/** Bytes of S3 version ids (as manifest-line-writer.ts accepts them). */
const VERSION_ID_BYTE = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") VERSION_ID_BYTE[char.charCodeAt(0)] = 1;
/** Bytes a key may hold to be copied as it is (manifest-key.ts's SAFE): those encodeURIComponent leaves alone, and "/". */
const PLAIN_KEY_BYTE = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/") PLAIN_KEY_BYTE[char.charCodeAt(0)] = 1;

export class ParquetRowHandler {
  readonly tally: FileTally = emptyTally();
  readonly #options: ParquetRowHandlerOptions;
  readonly #context: RouteContext;
  readonly #bucket: Uint8Array;
  /** "<bucket>," : the start of every manifest line. */
  readonly #linePrefix: Uint8Array;
  #update: JobOutput | undefined;
  readonly #copies = new Map<string, JobOutput>();
  readonly #outputs: JobOutput[] = [];
  #pages: RoutingPages = {};
  #key: ColumnPages | undefined;
  #version: ColumnPages | undefined;
  #facts: ParquetRowFacts | undefined;
  #place: RowGroupPlace = { group: 0, groups: 0, firstRow: 0 };
  // The Bucket value last found equal to sourceBucket, in its page (a dictionary entry is checked once a page).
  #checkedData: Uint8Array | undefined;
  #checkedStart = -1;
  #checkedPage = -1;

  constructor(options: ParquetRowHandlerOptions) {
    this.#options = options;
    this.#context = { operation: options.operation, inventoryTimeMs: options.inventoryTimeMs };
    this.#bucket = Buffer.from(options.sourceBucket, "utf8");
    this.#linePrefix = Buffer.from(`${options.sourceBucket},`, "utf8");
  }

  /** Starts a row group: `pages` are its routing columns' decoders (Bucket and Key among them). */
  startRowGroup(pages: RoutingPages, place: RowGroupPlace): void {
    this.#pages = pages;
    this.#key = pages.Key;
    this.#version = pages.VersionId;
    this.#facts = new ParquetRowFacts(pages);
    this.#place = place;
    this.#checkedData = undefined;
  }

  /** Routes rows [from, to) of the row group. */
  route(from: number, to: number): void {
    const facts = this.#facts!;
    const context = this.#context;
    const tally = this.tally;
    const bucket = this.#pages.Bucket!;
    for (let row = from; row < to; row++) {
      const b = bucket.slots[row - bucket.rowStart]!;
      const bucketStart = bucket.starts[b]!;
      if (bucketStart !== this.#checkedStart || bucket.rowStart !== this.#checkedPage || bucket.data !== this.#checkedData) {
        this.#checkBucket(bucket.data, bucketStart, bucket.ends[b]!, row);
        this.#checkedPage = bucket.rowStart;
      }
      tally.rows++;
      const route = routeRow(facts.read(row), context);
      let job: JobOutput;
      if (route === "update") {
        job = this.#update ??= this.#open("update", this.#options.hasVersionId);
        const encryption = facts.encryption;
        if (encryption === "SSE-KMS") tally.updateSseKms++;
        else if (encryption === "SSE-S3") tally.updateSseS3++;
        else tally.updateUnknownEncryption++;
      } else if (route === "copy") {
        const storageClass = facts.storageClass() ?? "";
        let copy = this.#copies.get(storageClass);
        if (copy === undefined) {
          copy = this.#open(`copy:${storageClass}`, false);
          this.#copies.set(storageClass, copy);
        }
        job = copy;
      } else {
        tally.skipped[route] = (tally.skipped[route] ?? 0) + 1;
        continue;
      }
      job.counts.objects++;
      job.counts.bytes += facts.size() ?? 0;
      this.#writeLine(job, row);
    }
  }

  #writeLine(job: JobOutput, row: number): void {
    const key = this.#key!;
    const k = key.slots[row - key.rowStart]!;
    const keyStart = key.starts[k]!;
    const keyEnd = key.ends[k]!;
    if (keyStart === keyEnd) this.#fail(row, "row has an empty Key");
    const version = job.withVersion ? this.#version : undefined;
    const v = version === undefined ? 0 : version.slots[row - version.rowStart]!;
    const versionStart = version === undefined ? 0 : version.starts[v]!;
    const versionEnd = version === undefined ? 0 : version.ends[v]!;
    const prefix = this.#linePrefix;
    const sink = job.sink;
    sink.ensure(prefix.length + maxManifestKeyBytes(keyEnd - keyStart) + versionEnd - versionStart + 8);
    const out = sink.buf;
    let at = sink.pos;
    for (let i = 0; i < prefix.length; i++) out[at++] = prefix[i]!;
    // Plain keys (the common case) are copied as they are; anything else is encoded.
    const keyData = key.data;
    const keyAt = at;
    const shift = at - keyStart;
    let i = keyStart;
    for (; i < keyEnd; i++) {
      const byte = keyData[i]!;
      if (PLAIN_KEY_BYTE[byte] === 0) break;
      out[i + shift] = byte;
    }
    at = i < keyEnd ? this.#encodeKey(keyData, keyStart, keyEnd, out, keyAt, row) : keyEnd + shift;
    if (version !== undefined) {
      out[at++] = 44;
      if (versionStart === versionEnd) {
        out[at++] = 110; // "null"
        out[at++] = 117;
        out[at++] = 108;
        out[at++] = 108;
      } else {
        const data = version.data;
        const to = at - versionStart;
        for (let b = versionStart; b < versionEnd; b++) {
          const byte = data[b]!;
          if (VERSION_ID_BYTE[byte] === 0) this.#badVersion(data, versionStart, versionEnd, row);
          out[b + to] = byte;
        }
        at = versionEnd + to;
      }
    }
    out[at++] = 10;
    sink.pos = at;
  }

  #badVersion(data: Uint8Array, start: number, end: number, row: number): never {
    this.#fail(row, `VersionId "${Buffer.from(data.subarray(start, end)).toString("utf8")}" has characters S3 version ids never contain`);
  }

  #encodeKey(data: Uint8Array, start: number, end: number, out: Uint8Array, at: number, row: number): number {
    try {
      return writeEncodedKey(data, start, end, out, at);
    } catch (error) {
      if (!(error instanceof MalformedKeyError)) throw error;
      this.#fail(row, `Key cannot be read: ${error.message}`);
    }
  }

  #checkBucket(data: Uint8Array, start: number, end: number, row: number): void {
    const expected = this.#bucket;
    let same = end - start === expected.length;
    for (let i = 0; same && i < expected.length; i++) same = data[start + i] === expected[i];
    if (!same) {
      const found = Buffer.from(data.subarray(start, end)).toString("utf8");
      this.#fail(row, `row's Bucket "${found}" differs from the manifest's sourceBucket "${this.#options.sourceBucket}"`);
    }
    this.#checkedData = data;
    this.#checkedStart = start;
  }

  /** Throws InventoryDataError naming the file, the row (from 1, in the file) and its row group. */
  #fail(row: number, problem: string): never {
    const { file } = this.#options;
    const { group, groups, firstRow } = this.#place;
    throw new InventoryDataError(file, undefined, `${file}: row ${firstRow + row + 1} (row group ${group + 1} of ${groups}): ${problem}. ${RESYNC}`);
  }

  #open(jobKey: string, withVersion: boolean): JobOutput {
    const counts = { objects: 0, bytes: 0 };
    this.tally.jobs[jobKey] = counts;
    const output = { sink: this.#options.openSink(jobKey), counts, withVersion };
    this.#outputs.push(output);
    return output;
  }

  /** Flushes every job's output. */
  flush(): void {
    for (const output of this.#outputs) output.sink.flush();
  }
}
