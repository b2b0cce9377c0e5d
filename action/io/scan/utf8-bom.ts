/**
 * Skips a UTF-8 byte order mark (EF BB BF) at the very start of a data file's CSV. S3 Inventory never
 * writes one, but a file re-saved by a spreadsheet or an editor may start with it, and its first field
 * would then not read as the bucket name ("malformed CSV"). Only the first three bytes are looked at;
 * a BOM anywhere else is data.
 *
 * Sits between the inflater and the scanner's input area (an InflateSink over another): the first
 * bytes inflated are held back until three have arrived (zlib may hand them over one at a time), then
 * passed on with the BOM left out.
 */
import type { InflateSink } from "./inflate.ts";

const BOM = [0xef, 0xbb, 0xbf] as const;

export class Utf8BomSkipper implements InflateSink {
  readonly #inner: InflateSink;
  /** Bytes written at the inner sink's room but not yet passed on (a BOM's first bytes, perhaps). */
  #held = 0;
  #decided = false;
  /** Whether a BOM was found (and skipped). */
  skipped = false;

  constructor(inner: InflateSink) {
    this.#inner = inner;
  }

  get bytes(): Uint8Array {
    return this.#inner.bytes;
  }

  get roomBytes(): number {
    return this.#inner.roomBytes - this.#held;
  }

  roomAt(): number {
    return this.#inner.roomAt() + this.#held;
  }

  filled(n: number): void {
    if (this.#decided) {
      this.#inner.filled(n);
      return;
    }
    const at = this.#inner.roomAt();
    const total = this.#held + n;
    const bytes = this.#inner.bytes;
    for (let i = 0; i < Math.min(total, BOM.length); i++) {
      if (bytes[at + i] !== BOM[i]) {
        this.#pass(total);
        return;
      }
    }
    if (total < BOM.length) {
      this.#held = total;
      return;
    }
    bytes.copyWithin(at, at + BOM.length, at + total);
    this.skipped = true;
    this.#pass(total - BOM.length);
  }

  /** The input ended: bytes still held (a file shorter than a BOM) are data. */
  finish(): void {
    if (!this.#decided) this.#pass(this.#held);
  }

  #pass(n: number): void {
    this.#decided = true;
    this.#held = 0;
    if (n > 0) this.#inner.filled(n);
  }
}
