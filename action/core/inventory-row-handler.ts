/**
 * The per-row work of a scan: check the row against fileSchema, route it, count it, and append its
 * manifest line ("bucket,key" or "bucket,key,versionId") to its job's output. One handler per data file;
 * its tally merges into the plan.
 */
import type { ByteSink } from "./byte-sink.ts";
import { InventoryDataError } from "./errors.ts";
import { emptyTally, type FileTally } from "./file-tally.ts";
import type { ColumnIndex } from "./inventory-columns.ts";
import { copyVersionId, MalformedKeyError, maxManifestKeyBytes, writeManifestKey } from "./manifest-key.ts";
import type { PlanOperation } from "./plan-schema.ts";
import { RowFactsReader } from "./read-row-facts.ts";
import { routeRow, type RouteContext } from "./route-row.ts";

export interface RowHandlerOptions {
  /** Display name of the data file, for messages. */
  file: string;
  fileSchema: readonly string[];
  columns: ColumnIndex;
  sourceBucket: string;
  operation: PlanOperation;
  inventoryTimeMs: number;
  /** Output for a job key; called once per key. */
  openSink: (jobKey: string) => ByteSink;
}

/** One job's output and counters, looked up once per job key. */
interface JobOutput {
  sink: ByteSink;
  counts: { objects: number; bytes: number };
  /** The VersionId column to write, or -1 (copy jobs, or no such column). */
  versionColumn: number;
}

const NULL_VERSION = Buffer.from("null");
const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

export class InventoryRowHandler {
  readonly tally: FileTally = emptyTally();
  readonly #options: RowHandlerOptions;
  readonly #reader: RowFactsReader;
  readonly #context: RouteContext;
  readonly #bucket: Buffer;
  readonly #fieldCount: number;
  readonly #bucketColumn: number;
  readonly #keyColumn: number;
  #update: JobOutput | undefined;
  readonly #copies = new Map<string, JobOutput>();
  readonly #outputs: JobOutput[] = [];

  constructor(options: RowHandlerOptions) {
    this.#options = options;
    this.#reader = new RowFactsReader(options.columns);
    this.#context = { operation: options.operation, inventoryTimeMs: options.inventoryTimeMs };
    this.#bucket = Buffer.from(options.sourceBucket, "utf8");
    this.#fieldCount = options.fileSchema.length;
    this.#bucketColumn = options.columns.Bucket;
    this.#keyColumn = options.columns.Key;
  }

  /** The scanner's row callback. */
  readonly onRow = (buf: Buffer, bounds: Int32Array, fieldCount: number, line: number): void => {
    const tally = this.tally;
    tally.rows++;
    if (fieldCount !== this.#fieldCount) {
      const { file, fileSchema } = this.#options;
      throw new InventoryDataError(file, line, `${file}:${line}: row has ${fieldCount} fields but fileSchema lists ${this.#fieldCount} (${fileSchema.join(", ")}). ${RESYNC}`);
    }
    const bucketStart = bounds[2 * this.#bucketColumn]!;
    const bucketEnd = bounds[2 * this.#bucketColumn + 1]!;
    if (!sameBytes(buf, bucketStart, bucketEnd, this.#bucket)) {
      const { file, sourceBucket } = this.#options;
      const found = buf.toString("utf8", bucketStart, bucketEnd);
      throw new InventoryDataError(file, line, `${file}:${line}: row's Bucket "${found}" differs from the manifest's sourceBucket "${sourceBucket}". ${RESYNC}`);
    }
    const facts = this.#reader.read(buf, bounds);
    const route = routeRow(facts, this.#context);
    let job: JobOutput;
    if (route === "update") {
      job = this.#update ??= this.#open("update", this.#options.columns.VersionId);
      if (facts.encryption === "SSE-KMS") tally.updateSseKms++;
      else if (facts.encryption === "SSE-S3") tally.updateSseS3++;
      else tally.updateUnknownEncryption++;
    } else if (route === "copy") {
      const storageClass = facts.storageClass ?? "";
      let copy = this.#copies.get(storageClass);
      if (copy === undefined) {
        copy = this.#open(`copy:${storageClass}`, -1);
        this.#copies.set(storageClass, copy);
      }
      job = copy;
    } else {
      tally.skipped[route] = (tally.skipped[route] ?? 0) + 1;
      return;
    }
    job.counts.objects++;
    job.counts.bytes += facts.size ?? 0;
    this.#writeLine(job, buf, bounds, line);
  };

  #open(jobKey: string, versionColumn: number): JobOutput {
    const counts = { objects: 0, bytes: 0 };
    this.tally.jobs[jobKey] = counts;
    const output = { sink: this.#options.openSink(jobKey), counts, versionColumn };
    this.#outputs.push(output);
    return output;
  }

  #writeLine(job: JobOutput, buf: Buffer, bounds: Int32Array, line: number): void {
    const keyStart = bounds[2 * this.#keyColumn]!;
    const keyEnd = bounds[2 * this.#keyColumn + 1]!;
    if (keyStart === keyEnd) throw new InventoryDataError(this.#options.file, line, `${this.#options.file}:${line}: row has an empty Key. ${RESYNC}`);
    const versionColumn = job.versionColumn;
    const versionStart = versionColumn < 0 ? 0 : bounds[2 * versionColumn]!;
    const versionEnd = versionColumn < 0 ? 0 : bounds[2 * versionColumn + 1]!;
    const bucket = this.#bucket;
    const sink = job.sink;
    sink.ensure(bucket.length + maxManifestKeyBytes(keyEnd - keyStart) + versionEnd - versionStart + 8);
    const out = sink.buf;
    let at = sink.pos;
    for (let i = 0; i < bucket.length; i++) out[at++] = bucket[i]!;
    out[at++] = 44;
    try {
      at = writeManifestKey(buf, keyStart, keyEnd, out, at);
    } catch (error) {
      if (!(error instanceof MalformedKeyError)) throw error;
      const raw = buf.toString("utf8", keyStart, keyEnd);
      throw new InventoryDataError(this.#options.file, line, `${this.#options.file}:${line}: Key "${raw}" cannot be decoded: ${error.message}. ${RESYNC}`);
    }
    if (versionColumn >= 0) {
      out[at++] = 44;
      if (versionStart === versionEnd) {
        for (let i = 0; i < 4; i++) out[at++] = NULL_VERSION[i]!;
      } else {
        const written = copyVersionId(buf, versionStart, versionEnd, out, at);
        if (written < 0) {
          const raw = buf.toString("utf8", versionStart, versionEnd);
          throw new InventoryDataError(this.#options.file, line, `${this.#options.file}:${line}: VersionId "${raw}" has characters S3 version ids never contain. ${RESYNC}`);
        }
        at = written;
      }
    }
    out[at++] = 10;
    sink.pos = at;
  }

  /** Flushes every job's output. */
  flush(): void {
    for (const output of this.#outputs) output.sink.flush();
  }
}

function sameBytes(buf: Buffer, start: number, end: number, expected: Buffer): boolean {
  const length = expected.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) if (buf[start + i] !== expected[i]) return false;
  return true;
}
