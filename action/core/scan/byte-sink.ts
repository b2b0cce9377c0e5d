/**
 * A fixed-size output buffer that hands full chunks to a synchronous `flush` (a file write, or a copy
 * in tests), so memory stays constant however large the manifest grows.
 */

export class ByteSink {
  buf: Buffer;
  pos = 0;
  readonly #flush: (chunk: Buffer) => void;

  /**
   * `buffer`: a size to allocate, or the buffer to fill (e.g. a region of the scan kernel's memory).
   * `flush` must consume the chunk before returning: the buffer is reused.
   */
  constructor(buffer: number | Buffer, flush: (chunk: Buffer) => void) {
    this.buf = typeof buffer === "number" ? Buffer.allocUnsafe(buffer) : buffer;
    this.#flush = flush;
  }

  /** Makes room for `bytes` more bytes at `pos`, flushing (or growing, for one huge row) first. */
  ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.flush();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
  }

  flush(): void {
    if (this.pos === 0) return;
    this.#flush(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}
