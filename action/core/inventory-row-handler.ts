/**
 * The per-row work of a scan: check the row against fileSchema, route it, count it, and append its
 * manifest line ("bucket,key" or "bucket,key,versionId") to its job's output. One handler per data file;
 * its tally merges into the plan.
 */
import type { ByteSink } from "./byte-sink.ts";
import type { CsvKernel } from "./csv-kernel.ts";
import { InventoryDataError } from "./errors.ts";
import { emptyTally, type FileTally } from "./file-tally.ts";
import type { ColumnIndex } from "./inventory-columns.ts";
import { KernelRoutes } from "./kernel-routes.ts";
import { MalformedKeyError, writeManifestKey } from "./manifest-key.ts";
import type { PlanOperation, SkipReason } from "./plan-schema.ts";
import { RowFactsReader } from "./read-row-facts.ts";
import { RouteProbe } from "./route-probe.ts";
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
  /**
   * The scanner's WebAssembly kernel: lines of rows it read are written by the kernel into sinks that
   * lie in its memory (CsvKernel.outputRegion); other rows and sinks take the JavaScript writer. With
   * it, the kernel also routes runs of rows whose signature it learned (routeRows, KernelRoutes).
   */
  kernel?: CsvKernel;
}

/** Tally fields of update rows by EncryptionStatus. */
type EncryptionCounter = "updateSseKms" | "updateSseS3" | "updateUnknownEncryption";

/** One job's output and counters, looked up once per job key. */
interface JobOutput {
  sink: ByteSink;
  counts: { objects: number; bytes: number };
  /** Offset of the VersionId field in `bounds` (2 * column), or -1 (copy jobs, or no such column). */
  versionAt: number;
  /** The sink's buffer when it lies in the kernel's memory (the kernel writes its lines). */
  kernelOut: Buffer | undefined;
  /** Its output in KernelRoutes (which then sums its bytes), or -1. */
  routesOutput: number;
}

/** Bytes a key may hold to be copied as it is: those encodeURIComponent leaves alone, and "/". */
const PLAIN_KEY_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/");
/** Bytes of S3 version ids (letters, digits, "." and "_"; "-" and the other unreserved marks are harmless). */
const VERSION_ID_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()");
const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

export class InventoryRowHandler {
  readonly tally: FileTally = emptyTally();
  readonly #options: RowHandlerOptions;
  readonly #reader: RowFactsReader;
  readonly #context: RouteContext;
  readonly #bucket: Buffer;
  readonly #fieldCount: number;
  readonly #bucketAt: number;
  readonly #keyAt: number;
  /** "<bucket>," : the start of every manifest line. */
  readonly #linePrefix: Buffer;
  #update: JobOutput | undefined;
  readonly #copies = new Map<string, JobOutput>();
  readonly #outputs: JobOutput[] = [];
  readonly #kernel: CsvKernel | undefined;
  readonly #routes: KernelRoutes | undefined;
  readonly #probe = new RouteProbe();
  /**
   * Routes a run of lines in the kernel (FastCsvScanner's fast path): the kernel's bytes [from, to), the
   * first on line `line`; returns where it stopped. Undefined without the kernel.
   */
  readonly routeRows: ((from: number, to: number, line: number) => number) | undefined;

  constructor(options: RowHandlerOptions) {
    this.#options = options;
    this.#reader = new RowFactsReader(options.columns);
    this.#context = { operation: options.operation, inventoryTimeMs: options.inventoryTimeMs };
    this.#bucket = Buffer.from(options.sourceBucket, "utf8");
    this.#fieldCount = options.fileSchema.length;
    this.#bucketAt = 2 * options.columns.Bucket;
    this.#keyAt = 2 * options.columns.Key;
    this.#linePrefix = Buffer.from(`${options.sourceBucket},`, "utf8");
    if (options.kernel?.setLinePrefix(this.#linePrefix)) this.#kernel = options.kernel;
    this.#routes = this.#kernel && KernelRoutes.create(this.#kernel, this.#fieldCount, options.columns);
    const routes = this.#routes;
    this.routeRows =
      routes &&
      ((from, to, line) => {
        const stop = routes.route(from, to, line);
        this.tally.rows += this.#kernel!.rowsRouted();
        return stop;
      });
  }

  /** The scanner's row callback. */
  readonly onRow = (buf: Buffer, bounds: Int32Array, fieldCount: number, line: number): void => {
    const tally = this.tally;
    tally.rows++;
    if (fieldCount !== this.#fieldCount) {
      const { file, fileSchema } = this.#options;
      throw new InventoryDataError(file, line, `${file}:${line}: row has ${fieldCount} fields but fileSchema lists ${this.#fieldCount} (${fileSchema.join(", ")}). ${RESYNC}`);
    }
    const bucketStart = bounds[this.#bucketAt]!;
    const bucketEnd = bounds[this.#bucketAt + 1]!;
    if (!sameBytes(buf, bucketStart, bucketEnd, this.#bucket)) {
      const { file, sourceBucket } = this.#options;
      const found = buf.toString("utf8", bucketStart, bucketEnd);
      throw new InventoryDataError(file, line, `${file}:${line}: row's Bucket "${found}" differs from the manifest's sourceBucket "${sourceBucket}". ${RESYNC}`);
    }
    const facts = this.#reader.read(buf, bounds);
    // The first row of a signature the kernel has not seen: route it watching what routing reads.
    const learning = this.#routes !== undefined && buf === this.#kernel!.bytes && this.#routes.isUnseen(line);
    const route = routeRow(learning ? this.#probe.watch(facts) : facts, this.#context);
    let job: JobOutput;
    let counter: EncryptionCounter | undefined;
    if (route === "update") {
      job = this.#update ??= this.#open("update", this.#options.columns.VersionId);
      counter = facts.encryption === "SSE-KMS" ? "updateSseKms" : facts.encryption === "SSE-S3" ? "updateSseS3" : "updateUnknownEncryption";
      tally[counter]++;
    } else if (route === "copy") {
      const storageClass = facts.storageClass() ?? "";
      let copy = this.#copies.get(storageClass);
      if (copy === undefined) {
        copy = this.#open(`copy:${storageClass}`, -1);
        this.#copies.set(storageClass, copy);
      }
      job = copy;
    } else {
      tally.skipped[route] = (tally.skipped[route] ?? 0) + 1;
      if (learning) this.#learnSkip(route);
      return;
    }
    job.counts.objects++;
    const size = facts.size() ?? 0;
    const output = job.routesOutput;
    if (output >= 0) {
      const routes = this.#routes!;
      routes.addBytes(output, size);
      routes.toSink(output);
      this.#writeLine(job, buf, bounds, line);
      routes.fromSink(output);
    } else {
      job.counts.bytes += size;
      this.#writeLine(job, buf, bounds, line);
    }
    if (learning) this.#learnJob(job, counter);
  };

  /** Teaches the kernel a skip for the signature of the row just routed (the first the kernel had not seen). */
  #learnSkip(reason: SkipReason): void {
    const skipped = this.tally.skipped;
    this.#routes!.learn(reason, -1, (rows) => (skipped[reason] = (skipped[reason] ?? 0) + rows), this.#probe.readRowValue);
  }

  /** Teaches the kernel a job for the signature of the row just routed (the first the kernel had not seen). */
  #learnJob(job: JobOutput, counter: EncryptionCounter | undefined): void {
    const tally = this.tally;
    const counts = job.counts;
    const count = (rows: number) => {
      counts.objects += rows;
      if (counter !== undefined) tally[counter] += rows;
    };
    this.#routes!.learn(`${job.routesOutput}:${counter ?? ""}`, job.routesOutput, count, this.#probe.readRowValue || job.routesOutput < 0);
  }

  #open(jobKey: string, versionColumn: number): JobOutput {
    const counts = { objects: 0, bytes: 0 };
    this.tally.jobs[jobKey] = counts;
    const sink = this.#options.openSink(jobKey);
    const kernelOut = this.#kernel?.owns(sink.buf) ? sink.buf : undefined;
    const routesOutput = this.#routes?.addOutput(sink, versionColumn, counts) ?? -1;
    const output = { sink, counts, versionAt: versionColumn < 0 ? -1 : 2 * versionColumn, kernelOut, routesOutput };
    this.#outputs.push(output);
    return output;
  }

  #writeLine(job: JobOutput, buf: Buffer, bounds: Int32Array, line: number): void {
    const keyStart = bounds[this.#keyAt]!;
    const keyEnd = bounds[this.#keyAt + 1]!;
    const versionAt = job.versionAt;
    const versionStart = versionAt < 0 ? 0 : bounds[versionAt]!;
    const versionEnd = versionAt < 0 ? 0 : bounds[versionAt + 1]!;
    const prefix = this.#linePrefix;
    const sink = job.sink;
    // Room for the JavaScript writer (keys may triple when encoded) and the kernel's 16-byte stores.
    sink.ensure(prefix.length + 3 * (keyEnd - keyStart) + versionEnd - versionStart + 22);
    const out = sink.buf;
    const kernel = this.#kernel;
    if (out === job.kernelOut && buf === kernel!.bytes) {
      // The common row: the kernel copies plain keys and version ids; anything else returns < 0.
      const base = out.byteOffset;
      const end = kernel!.writeLine(keyStart, keyEnd, versionAt < 0 ? -1 : versionStart, versionEnd, base + sink.pos);
      if (end >= 0) {
        sink.pos = end - base;
        return;
      }
    }
    let at = sink.pos;
    for (let i = 0; i < prefix.length; i++) out[at++] = prefix[i]!;
    // Plain keys (the common case) are copied as they are; anything else is decoded and re-encoded.
    let i = keyStart;
    for (; i < keyEnd; i++) {
      const byte = buf[i]!;
      if (PLAIN_KEY_BYTE[byte] === 0) break;
      out[at++] = byte;
    }
    if (i < keyEnd || keyStart === keyEnd) at = this.#writeEncodedKey(buf, keyStart, keyEnd, out, sink.pos + prefix.length, line);
    if (versionAt >= 0) {
      out[at++] = 44;
      if (versionStart === versionEnd) {
        out[at++] = 110; // "null"
        out[at++] = 117;
        out[at++] = 108;
        out[at++] = 108;
      } else {
        for (let v = versionStart; v < versionEnd; v++) {
          const byte = buf[v]!;
          if (VERSION_ID_BYTE[byte] === 0) this.#badVersionId(buf, versionStart, versionEnd, line);
          out[at++] = byte;
        }
      }
    }
    out[at++] = 10;
    sink.pos = at;
  }

  #writeEncodedKey(buf: Buffer, keyStart: number, keyEnd: number, out: Buffer, at: number, line: number): number {
    const { file } = this.#options;
    if (keyStart === keyEnd) throw new InventoryDataError(file, line, `${file}:${line}: row has an empty Key. ${RESYNC}`);
    try {
      return writeManifestKey(buf, keyStart, keyEnd, out, at);
    } catch (error) {
      if (!(error instanceof MalformedKeyError)) throw error;
      const raw = buf.toString("utf8", keyStart, keyEnd);
      throw new InventoryDataError(file, line, `${file}:${line}: Key "${raw}" cannot be decoded: ${error.message}. ${RESYNC}`);
    }
  }

  #badVersionId(buf: Buffer, start: number, end: number, line: number): never {
    const { file } = this.#options;
    const raw = buf.toString("utf8", start, end);
    throw new InventoryDataError(file, line, `${file}:${line}: VersionId "${raw}" has characters S3 version ids never contain. ${RESYNC}`);
  }

  /** Flushes every job's output and completes the tally with the rows the kernel routed. */
  flush(): void {
    this.#routes?.fold();
    for (const output of this.#outputs) output.sink.flush();
  }
}

function sameBytes(buf: Buffer, start: number, end: number, expected: Buffer): boolean {
  const length = expected.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) if (buf[start + i] !== expected[i]) return false;
  return true;
}

function byteSet(chars: string): Uint8Array {
  const set = new Uint8Array(256);
  for (const char of chars) set[char.charCodeAt(0)] = 1;
  return set;
}
