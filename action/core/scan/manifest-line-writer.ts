/**
 * Writes a row's manifest line ("<bucket>,<key>" or "<bucket>,<key>,<version id>") into a job's sink:
 * with the kernel's writeLine when the row and the sink lie in the kernel's memory (it rewrites every
 * key that decodes, as manifest-key.ts does), otherwise, and for every key or version id the kernel
 * declines, in JavaScript, which re-encodes keys (manifest-key.ts) and reports an empty key, an
 * undecodable key or an odd version id with the data file and line.
 */
import type { ByteSink } from "./byte-sink.ts";
import type { CsvKernel } from "./csv-kernel.ts";
import { InventoryDataError } from "../../contracts/errors.ts";
import { MalformedKeyError, writeManifestKey } from "./manifest-key.ts";

export const RESYNC = "The data file does not match its manifest.json or is corrupt; re-sync the inventory and run again.";

/** Where a job's lines go. */
export interface JobLineOutput {
  sink: ByteSink;
  /** Offset of the VersionId field in `bounds` (2 * column), or -1 (copy jobs, or no such column). */
  versionAt: number;
  /** The sink's buffer when it lies in the kernel's memory (the kernel writes its lines). */
  kernelOut: Buffer | undefined;
}

/** Bytes a key may hold to be copied as it is: those encodeURIComponent leaves alone, and "/". */
const PLAIN_KEY_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()/");
/** Bytes of S3 version ids (letters, digits, "." and "_"; "-" and the other unreserved marks are harmless). */
const VERSION_ID_BYTE = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()");

export class ManifestLineWriter {
  readonly #file: string;
  /** "<bucket>," : the start of every manifest line. */
  readonly #linePrefix: Buffer;
  readonly #keyAt: number;
  readonly #kernel: CsvKernel | undefined;

  /** `file`: the data file's display name, for messages; `keyColumn`: the Key's field index. */
  constructor(file: string, linePrefix: Buffer, keyColumn: number, kernel: CsvKernel | undefined) {
    this.#file = file;
    this.#linePrefix = linePrefix;
    this.#keyAt = 2 * keyColumn;
    this.#kernel = kernel;
  }

  /** Appends the row's manifest line to the job's sink (which must have been given the write position). */
  write(job: JobLineOutput, buf: Buffer, bounds: Int32Array, line: number): void {
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
      // The common row: the kernel writes the key's manifest form and the version id; a key that does
      // not decode or an odd version id returns < 0.
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
    const file = this.#file;
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
    const file = this.#file;
    const raw = buf.toString("utf8", start, end);
    throw new InventoryDataError(file, line, `${file}:${line}: VersionId "${raw}" has characters S3 version ids never contain. ${RESYNC}`);
  }
}

function byteSet(chars: string): Uint8Array {
  const set = new Uint8Array(256);
  for (const char of chars) set[char.charCodeAt(0)] = 1;
  return set;
}
