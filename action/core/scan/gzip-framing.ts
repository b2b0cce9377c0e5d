/**
 * The gzip container around an inventory data file's deflate stream (RFC 1952), read as the bytes
 * stream past, so the scan can inflate the deflate stream raw and skip gzip's CRC-32 of the
 * uncompressed bytes. That CRC is redundant here: every data file's compressed bytes must match the MD5
 * that manifest.json lists, which proves them to be the bytes S3 Inventory wrote (a stronger check than
 * the CRC, over the same data), and computing both costs about a sixth of the inflation's time.
 *
 * GzipFraming strips the first member's header from the stream it is fed and keeps the last bytes it
 * saw; once the raw inflater has ended, `finish` checks the member's trailer (ISIZE) and says whether
 * more follows (further members, or padding) that the scan must still read. Errors carry zlib's own
 * messages for the same faults, so a bad file reads the same whichever way it was inflated.
 */

/** A fault of the gzip container (the deflate data's own faults come from zlib). */
export class GzipFormatError extends Error {
  override readonly name = "GzipFormatError";
}

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;
/** A header needs at most this many bytes before we give up on it (FEXTRA up to 64 KiB, plus names). */
const MAX_HEADER_BYTES = 1024 * 1024;
const TRAILER_BYTES = 8;

/**
 * Length of the gzip member header at the start of `bytes`; undefined when `bytes` ends before the
 * header does. Throws GzipFormatError when the bytes are not a gzip header zlib would accept.
 */
export function gzipHeaderLength(bytes: Uint8Array): number | undefined {
  if (bytes.length >= 1 && bytes[0] !== 0x1f) throw new GzipFormatError("incorrect header check");
  if (bytes.length >= 2 && bytes[1] !== 0x8b) throw new GzipFormatError("incorrect header check");
  if (bytes.length >= 3 && bytes[2] !== 8) throw new GzipFormatError("unknown compression method");
  if (bytes.length < 10) return undefined;
  const flags = bytes[3]!;
  if ((flags & RESERVED_FLAGS) !== 0) throw new GzipFormatError("unknown header flags set");
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return undefined;
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if ((flags & flag) === 0) continue;
    const end = bytes.indexOf(0, at);
    if (end < 0) return undefined;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return bytes.length >= at ? at : undefined;
}

/** What follows the first member, once its deflate stream ended. */
export type GzipRest =
  /** Nothing: the file was one member, and its trailer matched. */
  | { kind: "done" }
  /** More bytes after the first member's trailer, which starts at file offset `offset`: more members, or padding. */
  | { kind: "more"; offset: number };

export class GzipFraming {
  /** Header bytes collected so far, until the header is complete. */
  #head: Uint8Array[] | undefined = [];
  #headBytes = 0;
  /** Length of the first member's header, once read. */
  #headerLength = -1;
  /** Bytes fed so far. */
  #total = 0;
  /** The last TRAILER_BYTES bytes fed (fewer at first), oldest first. */
  #tail = new Uint8Array(TRAILER_BYTES);
  #tailBytes = 0;

  /**
   * Feeds the next bytes of the file; returns the part of them that belongs to the deflate stream
   * (everything after the first member's header: the raw inflater stops by itself at the member's end).
   */
  feed(chunk: Uint8Array): Uint8Array {
    this.#total += chunk.length;
    this.#keepTail(chunk);
    if (this.#head === undefined) return chunk;
    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    const head = this.#head.length === 1 ? chunk : Buffer.concat(this.#head, this.#headBytes);
    const length = gzipHeaderLength(head);
    if (length === undefined) {
      if (this.#headBytes > MAX_HEADER_BYTES) throw new GzipFormatError("gzip header too long");
      // Kept for the next call: a copy (concat made one), since a source may reuse a chunk's memory.
      this.#head = [this.#head.length > 1 ? head : new Uint8Array(head)];
      return EMPTY;
    }
    this.#head = undefined;
    this.#headerLength = length;
    return head.subarray(length);
  }

  /**
   * After the whole file was fed and the raw inflater ended: `deflateBytes` is the input it consumed
   * (its bytesWritten), `inflatedBytes` its output. Checks the member's trailer when it is the file's
   * end, or says where the rest of the file starts.
   */
  finish(deflateBytes: number, inflatedBytes: number): GzipRest {
    if (this.#head !== undefined) throw new GzipFormatError("unexpected end of file");
    const trailerAt = this.#headerLength + deflateBytes;
    const after = this.#total - trailerAt;
    if (after < TRAILER_BYTES) throw new GzipFormatError("unexpected end of file");
    if (after > TRAILER_BYTES) return { kind: "more", offset: trailerAt };
    checkTrailerSize(this.#tail, inflatedBytes);
    return { kind: "done" };
  }

  #keepTail(chunk: Uint8Array): void {
    const tail = this.#tail;
    if (chunk.length >= TRAILER_BYTES) {
      tail.set(chunk.subarray(chunk.length - TRAILER_BYTES));
      this.#tailBytes = TRAILER_BYTES;
      return;
    }
    const keep = Math.min(this.#tailBytes, TRAILER_BYTES - chunk.length);
    tail.copyWithin(0, this.#tailBytes - keep, this.#tailBytes);
    tail.set(chunk, keep);
    this.#tailBytes = keep + chunk.length;
  }
}

/** Checks a member's 8-byte trailer: its ISIZE must be the member's inflated size modulo 2^32. */
export function checkTrailerSize(trailer: Uint8Array, inflatedBytes: number): void {
  const size = (trailer[4]! | (trailer[5]! << 8) | (trailer[6]! << 16) | (trailer[7]! << 24)) >>> 0;
  if (size !== inflatedBytes % 2 ** 32) throw new GzipFormatError("incorrect length check");
}

const EMPTY = new Uint8Array(0);
