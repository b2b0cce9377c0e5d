/**
 * The route table of the kernel's routeRows (wasm/route-rows.ts) for one data file, and the job
 * outputs it writes into. JavaScript decides every route: routeRows stops at a row whose signature (the
 * bytes of its SIGNATURE_COLUMNS) it has not seen; the row handler routes that row with routeRow and
 * teaches the table the decision, which then holds for every later row with the same signature. A
 * decision that read a per-row value (RouteProbe) is taught as "ask JavaScript": such rows, like every
 * line and error case the kernel declines, keep going through the JavaScript path, one at a time.
 * ObjectLockRetainUntilDate is not such a value: the signature keeps whether the row's date is at or
 * before the inventory's creation time, the only way routing reads it (wasm/retain-date.ts).
 */
import type { ByteSink } from "./byte-sink.ts";
import type { CsvKernel } from "./csv-kernel.ts";
import type { KernelRouteArea } from "./kernel-route-area.ts";
import type { ColumnIndex } from "../inventory/inventory-columns.ts";
import { SIGNATURE_COLUMNS } from "./read-row-facts.ts";
import { MAX_COPY_OBJECT_BYTES } from "../plan/route-row.ts";
import { retainDateOrder } from "./retain-date-order.ts";

/** A job's output the kernel writes into while its sink's buffer is the kernel region it started with. */
interface KernelOutput {
  sink: ByteSink;
  region: Buffer;
  counts: { bytes: number };
}

/** Adds the rows the kernel counted under one decision to the file's tally. */
export type CountRows = (rows: number) => void;

const ASK_JAVASCRIPT = -1;

export class KernelRoutes {
  /**
   * Whether row signatures keep the comparison of ObjectLockRetainUntilDate with the inventory time
   * (the kernel compares the file's dates, or the file has no such column and every date is empty):
   * routing's reading of retainUntilMs then holds for the whole signature.
   */
  readonly signatureKeepsRetainDate: boolean;
  readonly #kernel: CsvKernel;
  readonly #area: KernelRouteArea;
  readonly #outputs: KernelOutput[] = [];
  /** Decision indexes by name, and what each adds to the tally. */
  readonly #decisionIndex = new Map<string, number>();
  readonly #counters: CountRows[] = [];
  #signatures = 0;
  /** Slot of the unseen signature the last route() call stopped at, and the line of its row (-1: none). */
  #unseenSlot = -1;
  #unseenLine = -1;

  /**
   * Clears the kernel's route table for a data file of `inventoryTimeMs`; undefined when the kernel
   * cannot route its rows.
   */
  static create(kernel: CsvKernel, fieldCount: number, columns: ColumnIndex, inventoryTimeMs: number): KernelRoutes | undefined {
    const area = kernel.routeArea;
    const signature = SIGNATURE_COLUMNS.map((column) => columns[column]).filter((column) => column >= 0);
    if (columns.Bucket < 0 || columns.Key < 0 || signature.length > area.signatureColumns.length) return undefined;
    area.all.fill(0);
    area.sizeLimit[0] = MAX_COPY_OBJECT_BYTES;
    const settings = area.settings;
    settings[area.at.fields] = fieldCount;
    settings[area.at.bucket] = 8 * columns.Bucket;
    settings[area.at.key] = 8 * columns.Key;
    settings[area.at.size] = columns.Size < 0 ? -1 : 8 * columns.Size;
    settings[area.at.signatureColumns] = signature.length;
    signature.forEach((column, i) => (area.signatureColumns[i] = 8 * column));
    const retainLimit = columns.ObjectLockRetainUntilDate < 0 ? undefined : retainDateOrder(inventoryTimeMs);
    settings[area.at.retainUntil] = retainLimit === undefined ? -1 : 8 * columns.ObjectLockRetainUntilDate;
    area.retainLimit[0] = retainLimit ?? 0;
    return new KernelRoutes(kernel, columns.ObjectLockRetainUntilDate < 0 || retainLimit !== undefined);
  }

  private constructor(kernel: CsvKernel, signatureKeepsRetainDate: boolean) {
    this.signatureKeepsRetainDate = signatureKeepsRetainDate;
    this.#kernel = kernel;
    this.#area = kernel.routeArea;
  }

  /**
   * Lets the kernel write a job's lines into `sink` (which must lie in the kernel's memory) and sum its
   * Size into `counts.bytes` (see addBytes, fold). Returns the output's index, or -1 when it cannot.
   * From then on the kernel holds the output's write position: JavaScript writes to the sink between
   * toSink() and fromSink().
   */
  addOutput(sink: ByteSink, versionColumn: number, counts: { bytes: number }): number {
    const index = this.#outputs.length;
    if (!this.#kernel.owns(sink.buf) || 4 * index >= this.#area.outputs.length) return -1;
    this.#outputs.push({ sink, region: sink.buf, counts });
    this.#area.outputs[4 * index + 2] = versionColumn < 0 ? -1 : 8 * versionColumn;
    this.#area.outputBytes[index] = counts.bytes;
    this.fromSink(index);
    return index;
  }

  /** Hands output `index`'s write position to its sink, for JavaScript to write. */
  toSink(index: number): void {
    const { sink, region } = this.#outputs[index]!;
    if (sink.buf === region) sink.pos = this.#area.outputs[4 * index]! - region.byteOffset;
  }

  /** Takes output `index`'s write position back from its sink; a sink that outgrew its region (one huge line) stays JavaScript's. */
  fromSink(index: number): void {
    const { sink, region } = this.#outputs[index]!;
    const inRegion = sink.buf === region;
    this.#area.outputs[4 * index] = inRegion ? region.byteOffset + sink.pos : 0;
    this.#area.outputs[4 * index + 1] = inRegion ? region.byteOffset + region.length : 0;
  }

  /** Adds a row JavaScript routed to output `index`: one sum in row order, whoever routes the rows. */
  addBytes(index: number, bytes: number): void {
    const sums = this.#area.outputBytes;
    sums[index] = sums[index]! + bytes;
  }

  /**
   * Routes the complete lines in the kernel's bytes [from, to), the first on line `line`, until one needs
   * JavaScript; returns where it stopped. The kernel's rowsRouted() says how many rows it routed.
   */
  route(from: number, to: number, line: number): number {
    const stop = this.#kernel.routeRows(from, to);
    const settings = this.#area.settings;
    this.#unseenSlot = settings[this.#area.at.unseenSlot]!;
    this.#unseenLine = this.#unseenSlot < 0 ? -1 : line + settings[this.#area.at.rows]!;
    return stop;
  }

  /** Whether the row on `line` is the one whose signature the last route() call had not seen: route it, then learn(). */
  isUnseen(line: number): boolean {
    return line === this.#unseenLine;
  }

  /**
   * Teaches the table the route of the unseen row, for its signature. `decision` names what such rows
   * count as (one name per outcome), `output` is the job output their lines go to (-1: a skip), `count`
   * adds the kernel's rows under it to the tally. `askJavaScript`: the route read a per-row value (or
   * its job has no kernel output), so JavaScript keeps routing the rows of this signature.
   */
  learn(decision: string, output: number, count: CountRows, askJavaScript: boolean): void {
    const slot = this.#unseenSlot;
    this.#unseenSlot = -1;
    this.#unseenLine = -1;
    if (slot < 0 || this.#signatures >= this.#area.maxSignatures) return;
    let index = this.#decisionIndex.get(decision);
    if (index === undefined && !askJavaScript && this.#counters.length < this.#area.decisions.length) {
      index = this.#counters.length;
      this.#decisionIndex.set(decision, index);
      this.#counters.push(count);
      this.#area.decisions[index] = output;
    }
    this.#kernel.installRoute(slot, askJavaScript || index === undefined ? ASK_JAVASCRIPT : index + 1);
    this.#signatures++;
  }

  /**
   * At the end of the file: adds what the kernel counted to the tally (through each decision's
   * CountRows) and each output's byte sum, and hands every write position back to its sink.
   */
  fold(): void {
    this.#outputs.forEach((_output, index) => this.toSink(index));
    const rows = this.#area.decisionRows;
    this.#counters.forEach((count, index) => {
      if (rows[index]! > 0) count(rows[index]!);
      rows[index] = 0;
    });
    this.#outputs.forEach((output, index) => (output.counts.bytes = this.#area.outputBytes[index]!));
  }
}
