/**
 * One instance of the scan's WebAssembly kernel (wasm/csv-kernel.ts): its memory, laid out as an input
 * area the scanner copies gunzipped bytes into, and output regions the row handler writes manifest
 * lines into, plus the kernel's functions (scanLine, writeLine, routeRows). One instance per data
 * file scan: the scanner and the row handler of that file share it, so the kernel reads rows and
 * writes lines without copies through JavaScript. Every view here stays valid for the instance's life: the memory never grows after setup.
 */
import { CSV_KERNEL_WASM_BASE64 } from "./csv-kernel-binary.ts";
import { routeAreaOf, type KernelRouteArea, type RouteAreaExports, type WasmGlobal } from "./kernel-route-area.ts";

// The slice of the WebAssembly API used here (TypeScript's "lib" settings of this project omit it).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface KernelExports extends RouteAreaExports {
  setUp(): void;
  scanLine(p: number): number;
  writeLine(keyStart: number, keyEnd: number, versionStart: number, versionEnd: number, out: number): number;
  routeRows(p: number, to: number): number;
  installRoute(slot: number, route: number): void;
  BOUNDS: WasmGlobal;
  MAX_FIELDS: WasmGlobal;
  FIELD_COUNT: WasmGlobal;
  PREFIX_LENGTH: WasmGlobal;
  PREFIX: WasmGlobal;
  MAX_PREFIX_BYTES: WasmGlobal;
  FIRST_FREE_BYTE: WasmGlobal;
}

declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** Bytes of input (an unfinished line plus the next slice of a chunk) the kernel reads at once. */
export const KERNEL_INPUT_BYTES = 512 * 1024;
/** The kernel reads up to 16 bytes past the input in one SIMD load. */
const SIMD_SLACK_BYTES = 64;
/** Output regions per instance (one per job a data file feeds: update, and a copy job per storage class). */
const OUTPUT_REGIONS = 8;
const OUTPUT_REGION_BYTES = 1024 * 1024;
const PAGE_BYTES = 64 * 1024;
/** The kernel's own area (bounds, line prefix, route table) and the input area come first. */
const MEMORY_LAYOUT_BYTES = KERNEL_INPUT_BYTES + PAGE_BYTES;

let compiled: object | undefined;
/** Instances not in use in this thread: a scan worker reuses one for every data file it scans. */
const idle: CsvKernel[] = [];

export class CsvKernel {
  /** The whole memory: rows the scanner hands out are byte ranges of this Buffer. */
  readonly bytes: Buffer;
  /** Field bounds of the last line scanLine read: field i spans bytes[bounds[2i], bounds[2i+1]). */
  readonly bounds: Int32Array;
  /** Start of the input area (KERNEL_INPUT_BYTES long). */
  readonly inputAt: number;
  /**
   * Reads the line at p (which must end with LF inside the input area) into `bounds` and returns the
   * position after it, or -1 when the line is outside the fast dialect. Its field count is fieldCount().
   */
  readonly scanLine: (p: number) => number;
  /**
   * Writes "<prefix><key>[,<version id>]\n" at `out`, the key in its manifest form (no version id when
   * versionStart is -1), and returns the end, or a negative number when the key does not decode (empty,
   * a malformed escape, not UTF-8) or the version id is unusual (the JavaScript writer then handles the
   * row and reports it). Needs prefix + 3 * key + version + 22 bytes of room.
   */
  readonly writeLine: (keyStart: number, keyEnd: number, versionStart: number, versionEnd: number, out: number) => number;
  /**
   * Routes the complete lines in [p, to) whose signature has a decision in the route table, until a
   * line needs JavaScript; returns where it stopped (`to` when none did). See wasm/route-rows.ts.
   */
  readonly routeRows: (p: number, to: number) => number;
  /** Fills the slot the last routeRows call left unseen with its signature and route (-1: ask JavaScript, d + 1: decision d). */
  readonly installRoute: (slot: number, route: number) => void;
  readonly routeArea: KernelRouteArea;
  readonly #memory: WasmMemory;
  readonly #fieldCount: Int32Array;
  readonly #prefixAt: number;
  readonly #prefixLength: Int32Array;
  readonly #maxPrefix: number;
  readonly #firstRegion: number;
  #nextRegion: number;

  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(CSV_KERNEL_WASM_BASE64, "base64"));
    // Sized once, never grown: growing detaches the memory's ArrayBuffer, and a detached buffer
    // anywhere makes V8 check every typed-array access of the thread from then on.
    const pages = Math.ceil((MEMORY_LAYOUT_BYTES + OUTPUT_REGIONS * OUTPUT_REGION_BYTES) / PAGE_BYTES);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as KernelExports;
    exports.setUp();
    this.inputAt = exports.FIRST_FREE_BYTE.value;
    this.#firstRegion = this.inputAt + KERNEL_INPUT_BYTES + SIMD_SLACK_BYTES;
    this.#nextRegion = this.#firstRegion;
    if (this.#nextRegion > MEMORY_LAYOUT_BYTES) throw new Error("CsvKernel: the kernel's fixed layout outgrew MEMORY_LAYOUT_BYTES");
    this.#memory = memory;
    this.bytes = Buffer.from(memory.buffer, 0, memory.buffer.byteLength);
    this.bounds = new Int32Array(memory.buffer, exports.BOUNDS.value, 2 * exports.MAX_FIELDS.value);
    this.#fieldCount = new Int32Array(memory.buffer, exports.FIELD_COUNT.value, 1);
    this.#prefixAt = exports.PREFIX.value;
    this.#maxPrefix = exports.MAX_PREFIX_BYTES.value;
    this.#prefixLength = new Int32Array(memory.buffer, exports.PREFIX_LENGTH.value, 1);
    this.scanLine = exports.scanLine;
    this.writeLine = exports.writeLine;
    this.routeRows = exports.routeRows;
    this.installRoute = exports.installRoute;
    this.routeArea = routeAreaOf(memory.buffer, exports);
  }

  /**
   * An instance for one scan: a released one of this thread, or a new one. Reusing it keeps the
   * kernel's functions the same objects, so the optimized JavaScript calling them stays valid.
   */
  static take(): CsvKernel {
    return idle.pop() ?? new CsvKernel();
  }

  /** Hands the instance back after its scan (its output regions are free again). */
  release(): void {
    this.#nextRegion = this.#firstRegion;
    idle.push(this);
  }

  /** Number of rows the last routeRows call routed. */
  rowsRouted(): number {
    return this.routeArea.settings[this.routeArea.at.rows]!;
  }

  /**
   * End of the line the last routeRows call stopped at, when that line is in the fast dialect: its
   * fields are then in `bounds` as scanLine leaves them. -1 when it is not (or the call did not stop).
   */
  stoppedLineEnd(): number {
    return this.routeArea.settings[this.routeArea.at.lineEnd]!;
  }

  /** Number of fields of the last line scanLine read. */
  fieldCount(): number {
    return this.#fieldCount[0]!;
  }

  /** Sets the start of every line writeLine writes; false when it is too long for the kernel. */
  setLinePrefix(prefix: Uint8Array): boolean {
    if (prefix.length > this.#maxPrefix) return false;
    this.bytes.set(prefix, this.#prefixAt);
    this.#prefixLength[0] = prefix.length;
    return true;
  }

  /** Whether `buffer` lies in this kernel's memory (where writeLine can write). */
  owns(buffer: Uint8Array): boolean {
    return buffer.buffer === this.#memory.buffer;
  }

  /** A fresh output region for writeLine, or undefined once all are taken. */
  outputRegion(): Buffer | undefined {
    if (this.#nextRegion + OUTPUT_REGION_BYTES > this.bytes.length) return undefined;
    const region = this.bytes.subarray(this.#nextRegion, this.#nextRegion + OUTPUT_REGION_BYTES);
    this.#nextRegion += OUTPUT_REGION_BYTES;
    return region;
  }
}
