/**
 * The per-row work of a scan: check the row against fileSchema, route it, count it, and append its
 * manifest line ("bucket,key" or "bucket,key,versionId") to its job's output. One handler per data file;
 * its tally merges into the plan.
 */
import type { ByteSink } from "./byte-sink.ts";
import type { CsvKernel } from "./csv-kernel.ts";
import { InventoryDataError } from "../../contracts/errors.ts";
import { emptyTally, type FileTally } from "../plan/file-tally.ts";
import type { ColumnIndex } from "../inventory/inventory-columns.ts";
import { KernelRoutes } from "./kernel-routes.ts";
import { ManifestLineWriter, RESYNC, type JobLineOutput } from "./manifest-line-writer.ts";
import type { PlanOperation, SkipReason } from "../../contracts/plan-schema.ts";
import { RowFactsReader } from "./read-row-facts.ts";
import { RouteProbe } from "./route-probe.ts";
import { routeRow, type RouteContext } from "../plan/route-row.ts";

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
interface JobOutput extends JobLineOutput {
  counts: { objects: number; bytes: number };
  /** Its output in KernelRoutes (which then sums its bytes), or -1. */
  routesOutput: number;
}


export class InventoryRowHandler {
  readonly tally: FileTally = emptyTally();
  readonly #options: RowHandlerOptions;
  readonly #reader: RowFactsReader;
  readonly #context: RouteContext;
  readonly #bucket: Buffer;
  readonly #fieldCount: number;
  readonly #bucketAt: number;
  readonly #lines: ManifestLineWriter;
  #update: JobOutput | undefined;
  readonly #copies = new Map<string, JobOutput>();
  readonly #outputs: JobOutput[] = [];
  readonly #kernel: CsvKernel | undefined;
  readonly #routes: KernelRoutes | undefined;
  readonly #probe: RouteProbe;
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
    const linePrefix = Buffer.from(`${options.sourceBucket},`, "utf8");
    if (options.kernel?.setLinePrefix(linePrefix)) this.#kernel = options.kernel;
    this.#lines = new ManifestLineWriter(options.file, linePrefix, options.columns.Key, this.#kernel);
    this.#routes = this.#kernel && KernelRoutes.create(this.#kernel, this.#fieldCount, options.columns, options.inventoryTimeMs);
    const routes = this.#routes;
    this.#probe = new RouteProbe(routes?.signatureKeepsRetainDate);
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
      this.#lines.write(job, buf, bounds, line);
      routes.fromSink(output);
    } else {
      job.counts.bytes += size;
      this.#lines.write(job, buf, bounds, line);
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
