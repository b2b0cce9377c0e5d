/**
 * The inventory's CSV dialect, scanned at the byte level: records end at LF or CRLF, fields are either
 * quoted without inner quotes or unquoted without quotes. Every line outside that dialect (doubled
 * quotes, quoted newlines, stray quotes, ...) goes through csv-parse, the reference parser, with the
 * options below; the property test shows both yield the same records.
 *
 * Rows are handed to `onRow(buf, bounds, fieldCount, line)`: field i spans buf[bounds[2i], bounds[2i+1])
 * without its quotes. `buf` and `bounds` are only valid during the call.
 */
import { parse, type Options } from "csv-parse/sync";

/** csv-parse options that define the dialect (the fallback and the property test's reference use them). */
export const CSV_OPTIONS: Options = { record_delimiter: ["\n", "\r\n"], relax_column_count: true };

export type RowCallback = (buf: Buffer, bounds: Int32Array, fieldCount: number, line: number) => void;

/** A CSV problem csv-parse reported, at `line` (where the record starts). */
export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const MAX_FAST_FIELDS = 128;
/** A record csv-parse is still collecting (an open quote) may not grow beyond this. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export class FastCsvScanner {
  readonly #onRow: RowCallback;
  readonly #bounds = new Int32Array(2 * MAX_FAST_FIELDS);
  /** The unfinished last line of the previous chunk. */
  #carry: Buffer | undefined;
  /** Lines of a record csv-parse has not closed yet (a quoted newline), and the line it starts on. */
  #pending: Buffer[] | undefined;
  #pendingBytes = 0;
  #pendingLine = 0;
  /** Number of the next line to start. */
  #line = 1;

  constructor(onRow: RowCallback) {
    this.#onRow = onRow;
  }

  /** Number of physical lines finished so far. */
  get lines(): number {
    return this.#line - 1;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.#carry !== undefined) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.#carry = Buffer.concat([this.#carry, chunk]);
        if (this.#carry.length > MAX_RECORD_BYTES) throw new CsvSyntaxError(this.#line, `line is longer than ${MAX_RECORD_BYTES} bytes`);
        return;
      }
      const head = Buffer.concat([this.#carry, chunk.subarray(0, newline + 1)]);
      this.#carry = undefined;
      this.#scan(head, 0, head.length);
      start = newline + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) this.#scan(chunk, start, last + 1);
    const rest = Math.max(start, last + 1);
    if (rest < chunk.length) this.#carry = Buffer.from(chunk.subarray(rest));
  }

  /** Finishes the input: a last line without a newline, or an open quote (an error). */
  end(): void {
    const tail = this.#carry;
    this.#carry = undefined;
    if (this.#pending === undefined && tail === undefined) return;
    if (this.#pending === undefined) {
      this.#pending = [];
      this.#pendingLine = this.#line;
    }
    if (tail !== undefined) this.#pending.push(tail);
    this.#parsePending(true);
  }

  #scan(b: Buffer, from: number, to: number): void {
    const bounds = this.#bounds;
    let p = from;
    while (p < to) {
      if (this.#pending !== undefined) {
        const newline = b.indexOf(10, p);
        this.#addPending(b.subarray(p, newline + 1));
        this.#line++;
        p = newline + 1;
        this.#parsePending(false);
        continue;
      }
      const lineStart = p;
      let n = 0;
      let ok = true;
      for (;;) {
        let c = b[p]!;
        if (c === 34) {
          const s = ++p;
          while ((c = b[p]!) !== 34 && c !== 10) p++;
          if (c === 10 || n === MAX_FAST_FIELDS) {
            ok = false;
            break;
          }
          bounds[2 * n] = s;
          bounds[2 * n + 1] = p;
          n++;
          c = b[++p]!;
          if (c === 44) {
            p++;
            continue;
          }
          if (c === 10) {
            p++;
            break;
          }
          if (c === 13 && b[p + 1] === 10) {
            p += 2;
            break;
          }
          ok = false;
          break;
        }
        const s = p;
        while (c !== 44 && c !== 10 && c !== 34) c = b[++p]!;
        if (c === 34 || n === MAX_FAST_FIELDS) {
          ok = false;
          break;
        }
        bounds[2 * n] = s;
        bounds[2 * n + 1] = c === 10 && p > s && b[p - 1] === 13 ? p - 1 : p;
        n++;
        p++;
        if (c === 10) break;
      }
      if (ok) {
        this.#onRow(b, bounds, n, this.#line++);
        continue;
      }
      const newline = b.indexOf(10, lineStart);
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#pendingLine = this.#line++;
      this.#addPending(b.subarray(lineStart, newline + 1));
      p = newline + 1;
      this.#parsePending(false);
    }
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
      const parts = record.map((field) => Buffer.from(field, "utf8"));
      const bounds = new Int32Array(2 * parts.length);
      let at = 0;
      parts.forEach((part, i) => {
        bounds[2 * i] = at;
        at += part.length;
        bounds[2 * i + 1] = at;
      });
      this.#onRow(Buffer.concat(parts), bounds, parts.length, this.#pendingLine);
    }
  }
}
