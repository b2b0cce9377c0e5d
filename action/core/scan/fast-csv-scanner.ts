/**
 * The inventory's CSV dialect, scanned at the byte level: records end at LF or CRLF, fields are either
 * quoted without inner quotes or unquoted without quotes. The WebAssembly kernel (csv-kernel.ts) reads
 * those lines with SIMD; every line outside that dialect (doubled quotes, quoted newlines, stray quotes,
 * more than 128 fields, lines over 256 KiB, ...) goes through csv-parse, the reference parser, with the
 * options below; the property test shows both yield the same records.
 *
 * Rows are handed to `onRow(buf, bounds, fieldCount, line)`: field i spans buf[bounds[2i], bounds[2i+1])
 * without its quotes. `buf` and `bounds` are only valid during the call.
 */
import { parse, type Options } from "csv-parse/sync";
import { CsvKernel, KERNEL_INPUT_BYTES } from "./csv-kernel.ts";

/** csv-parse options that define the dialect (the fallback and the property test's reference use them). */
export const CSV_OPTIONS: Options = { record_delimiter: ["\n", "\r\n"], relax_column_count: true };

export type RowCallback = (buf: Buffer, bounds: Int32Array, fieldCount: number, line: number) => void;

/**
 * Handles a run of complete lines in the kernel's bytes [from, to), the first on line `line`, in the
 * kernel (the row handler's routeRows, over CsvKernel.routeRows); returns where it stopped,
 * kernel.rowsRouted() lines later. The line there, when kernel.stoppedLineEnd() >= 0, was read into the
 * kernel's bounds and goes to onRow; otherwise it is outside the fast dialect.
 */
export type RouteRows = (from: number, to: number, line: number) => number;

/** A CSV problem csv-parse reported, at `line` (where the record starts). */
export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** A record csv-parse is still collecting (an open quote), or a line, may not grow beyond this. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Chunks are copied into the kernel's input area in slices of at most this many bytes. */
const SLICE_BYTES = KERNEL_INPUT_BYTES / 2;
/** Bytes of room for input written in place (see FastCsvScanner.roomAt). */
export const ROOM_BYTES = SLICE_BYTES;
/** An unfinished line longer than this leaves the kernel's input area and goes to csv-parse whole. */
const MAX_KERNEL_LINE_BYTES = KERNEL_INPUT_BYTES - SLICE_BYTES;

export class FastCsvScanner {
  readonly #onRow: RowCallback;
  readonly #kernel: CsvKernel;
  /** Bytes of the unfinished last line, at the start of the kernel's input area. */
  #carry = 0;
  /** An unfinished line too long for the input area, collected here instead. */
  #long: Buffer[] | undefined;
  #longBytes = 0;
  /** Lines of a record csv-parse has not closed yet (a quoted newline), and the line it starts on. */
  #pending: Buffer[] | undefined;
  #pendingBytes = 0;
  #pendingLine = 0;
  /** Number of the next line to start. */
  #line = 1;

  readonly #routeRows: RouteRows | undefined;

  /**
   * `kernel`: the WebAssembly kernel to scan with; the row handler may share it to write lines.
   * `routeRows`: takes runs of lines of the fast dialect first; the lines it leaves go to `onRow`.
   */
  constructor(onRow: RowCallback, kernel: CsvKernel = new CsvKernel(), routeRows?: RouteRows) {
    this.#onRow = onRow;
    this.#kernel = kernel;
    this.#routeRows = routeRows;
  }

  /** Number of physical lines finished so far. */
  get lines(): number {
    return this.#line - 1;
  }

  push(chunk: Buffer): void {
    if (chunk.length <= SLICE_BYTES) {
      this.#pushSlice(chunk);
      return;
    }
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) this.#pushSlice(chunk.subarray(at, at + SLICE_BYTES));
  }

  /** The kernel's memory, where input can also be written in place (see roomAt). */
  get bytes(): Buffer {
    return this.#kernel.bytes;
  }

  /**
   * Where the next input can be written in place, in `bytes`: ROOM_BYTES bytes from here. Write up
   * to that many and call commit with their count: the same as push without the copy.
   */
  roomAt(): number {
    return this.#kernel.inputAt + this.#carry;
  }

  /** Takes the `n` bytes written at roomAt() as the next input. */
  commit(n: number): void {
    if (this.#long === undefined) {
      this.#take(n);
      return;
    }
    const start = this.roomAt();
    this.#pushSlice(this.#kernel.bytes.subarray(start, start + n));
  }

  /** Finishes the input: a last line without a newline, or an open quote (an error). */
  end(): void {
    let tail: Buffer | undefined;
    if (this.#long !== undefined) {
      tail = Buffer.concat(this.#long);
      this.#long = undefined;
    } else if (this.#carry > 0) {
      const at = this.#kernel.inputAt;
      tail = Buffer.from(this.#kernel.bytes.subarray(at, at + this.#carry));
      this.#carry = 0;
    }
    if (this.#pending === undefined && tail === undefined) return;
    if (this.#pending === undefined) {
      this.#pending = [];
      this.#pendingLine = this.#line;
    }
    if (tail !== undefined) this.#pending.push(tail);
    this.#parsePending(true);
  }

  #pushSlice(slice: Buffer): void {
    if (this.#long !== undefined) {
      const newline = slice.indexOf(10);
      this.#longBytes += newline < 0 ? slice.length : newline + 1;
      if (this.#longBytes > MAX_RECORD_BYTES) throw new CsvSyntaxError(this.#line, `line is longer than ${MAX_RECORD_BYTES} bytes`);
      if (newline < 0) {
        this.#long.push(Buffer.from(slice));
        return;
      }
      this.#long.push(slice.subarray(0, newline + 1));
      const line = Buffer.concat(this.#long);
      this.#long = undefined;
      this.#slowLine(line);
      slice = slice.subarray(newline + 1);
    }
    // `slice` may lie in the kernel's memory itself (what a long line left of a commit): set copies
    // overlapping bytes correctly, and #take reads them where they are now.
    this.#kernel.bytes.set(slice, this.roomAt());
    this.#take(slice.length);
  }

  /** Takes the `n` bytes at roomAt() as the next input: scans its complete lines, keeps the unfinished one. */
  #take(n: number): void {
    const kernel = this.#kernel;
    const bytes = kernel.bytes;
    const start = kernel.inputAt + this.#carry;
    const end = start + n;
    const last = bytes.subarray(start, end).lastIndexOf(10);
    if (last < 0) {
      this.#carry += n;
      if (this.#carry > MAX_KERNEL_LINE_BYTES) {
        this.#long = [Buffer.from(bytes.subarray(kernel.inputAt, end))];
        this.#longBytes = this.#carry;
        this.#carry = 0;
      }
      return;
    }
    const to = start + last + 1;
    this.#scan(kernel.inputAt, to);
    bytes.copyWithin(kernel.inputAt, to, end);
    this.#carry = end - to;
  }

  /** Reads the complete lines in the kernel's bytes [from, to): the kernel's fast path, or csv-parse. */
  #scan(from: number, to: number): void {
    const kernel = this.#kernel;
    const bytes = kernel.bytes;
    const bounds = kernel.bounds;
    const scanLine = kernel.scanLine;
    const onRow = this.#onRow;
    const routeRows = this.#routeRows;
    let p = from;
    while (p < to) {
      if (this.#pending === undefined) {
        if (routeRows !== undefined) {
          p = routeRows(p, to, this.#line);
          this.#line += kernel.rowsRouted();
          if (p >= to) break;
          // The line it stopped at: read already (bounds hold its fields), or outside the fast dialect.
          const next = kernel.stoppedLineEnd();
          if (next >= 0) {
            onRow(bytes, bounds, kernel.fieldCount(), this.#line++);
            p = next;
            continue;
          }
        }
        const next = routeRows === undefined ? scanLine(p) : -1;
        if (next >= 0) {
          onRow(bytes, bounds, kernel.fieldCount(), this.#line++);
          p = next;
          continue;
        }
      }
      const newline = bytes.indexOf(10, p);
      this.#slowLine(bytes.subarray(p, newline + 1));
      p = newline + 1;
    }
  }

  /** One complete line outside the fast path (or inside a record csv-parse is still reading). */
  #slowLine(line: Buffer): void {
    if (this.#pending === undefined) {
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#pendingLine = this.#line;
    }
    this.#line++;
    this.#addPending(line);
    this.#parsePending(false);
  }

  #addPending(bytes: Buffer): void {
    this.#pending!.push(Buffer.from(bytes));
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes > MAX_RECORD_BYTES) {
      throw new CsvSyntaxError(this.#pendingLine, `a quoted field stays open for more than ${MAX_RECORD_BYTES} bytes`);
    }
  }

  /** Lets csv-parse read the pending lines; keeps them while a quote is open, unless the input ended. */
  #parsePending(atEnd: boolean): void {
    const text = Buffer.concat(this.#pending!);
    let records: string[][];
    try {
      records = parse(text, CSV_OPTIONS) as string[][];
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "CSV_QUOTE_NOT_CLOSED" && !atEnd) return;
      throw new CsvSyntaxError(this.#pendingLine, (error as Error).message.replace(/ at line \d+/, ""));
    }
    this.#pending = undefined;
    for (const record of records) {
      const row = packFields(record);
      this.#onRow(row.buf, row.bounds, record.length, this.#pendingLine);
    }
  }
}

/** A row of decoded fields in the form the row callback takes: their UTF-8 bytes end to end, and each field's bounds. */
export function packFields(fields: readonly string[]): { buf: Buffer; bounds: Int32Array } {
  const parts = fields.map((field) => Buffer.from(field, "utf8"));
  const bounds = new Int32Array(2 * parts.length);
  let at = 0;
  parts.forEach((part, i) => {
    bounds[2 * i] = at;
    at += part.length;
    bounds[2 * i + 1] = at;
  });
  return { buf: Buffer.concat(parts), bounds };
}
