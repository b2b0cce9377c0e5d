/**
 * Inflating a data file's gzip bytes for the scan. zlib's inflaters end by themselves at the end of a
 * deflate stream or gzip member, possibly before their input does (a raw inflater at the first
 * member's end; gunzip before zero padding), and the rest of the file must still be read, for its MD5.
 * stream.pipeline handles that differently across Node.js versions (Node 22 aborts the stage still
 * reading), so the inflater is fed by hand here.
 */
import { once } from "node:events";
import type { Transform } from "node:stream";
import { constants, createInflateRaw, type InflateRaw } from "node:zlib";
import { InputError } from "../../contracts/errors.ts";
import { GzipFraming } from "../../core/scan/gzip-framing.ts";
import { openDataFile, readLocalDataFile, type DataFileHooks, type DataFileSource } from "../inventory/data-file-source.ts";
import { INFLATE_CHUNK_BYTES, LOCAL_READ_CHUNK_BYTES } from "./stream-settings.ts";

/**
 * Writes `source` into `inflater` while `consume` reads what it inflates (it must read it all), and
 * reads `source` to its end even after the inflater ended. Rejects with the inflater's error (a
 * corrupt or truncated stream), the source's, or the consumer's.
 */
export async function inflateStream(source: AsyncIterable<Uint8Array>, inflater: Transform, consume: (inflated: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  let ended = false;
  inflater.once("end", () => (ended = true));
  let failure: { error: unknown } | undefined;
  const consuming = consume(inflater).catch((error: unknown) => {
    failure ??= { error };
  });
  try {
    for await (const chunk of source) {
      if (failure !== undefined) throw failure.error;
      if (ended || chunk.length === 0) continue;
      // Wait for room, or for the inflater to end or fail meanwhile (then it never drains).
      if (!inflater.write(chunk)) await Promise.race([once(inflater, "drain").catch(() => {}), consuming]);
    }
    if (!ended && failure === undefined) inflater.end();
    await consuming;
    if (failure !== undefined) throw failure.error;
  } finally {
    inflater.destroy();
  }
}

export interface FirstMember {
  /** The container as read: `finish` says what follows the member (see GzipFraming). */
  framing: GzipFraming;
  /** Compressed bytes the inflater consumed: the member's deflate stream. */
  deflateBytes: number;
}

/**
 * Inflates the first gzip member of a data file raw, without gzip's CRC-32 (see gzip-framing.ts),
 * while every compressed chunk of the whole file, also past that member, goes to `onCompressed` (the
 * MD5 of the file).
 */
async function inflateFirstMember(
  source: AsyncIterable<Buffer>,
  options: { chunkSize: number; onCompressed?: (chunk: Uint8Array) => void },
  consume: (inflated: AsyncIterable<Buffer>) => Promise<void>,
): Promise<FirstMember> {
  const framing = new GzipFraming();
  const inflater = createInflateRaw({ chunkSize: options.chunkSize });
  async function* deflateStream(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      options.onCompressed?.(chunk);
      yield framing.feed(chunk);
    }
  }
  await inflateStream(deflateStream(), inflater, consume);
  return { framing, deflateBytes: inflater.bytesWritten };
}

/** Environment variable that picks how the scan inflates: `sync` (the default) or `stream`. */
export const INFLATE_MODE_VARIABLE = "BUCKET_KEYS_INFLATE";

/**
 * Whether the scan inflates synchronously (SyncRawInflater) rather than through zlib's streams, from
 * BUCKET_KEYS_INFLATE: `stream` is the way back to Node.js's public streaming API should the internals
 * SyncRawInflater relies on ever misbehave. Throws InputError on any other value than `sync` or `stream`.
 */
export function inflatesSynchronously(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env[INFLATE_MODE_VARIABLE];
  if (mode === undefined || mode === "" || mode === "sync") return true;
  if (mode === "stream") return false;
  throw new InputError(INFLATE_MODE_VARIABLE, `${INFLATE_MODE_VARIABLE}=${JSON.stringify(mode)} is not a known mode. Set it to "sync" (the default) or "stream" (Node.js's zlib streams), or unset it.`);
}

/** Where a synchronous inflater writes: `bytes` at [roomAt(), roomAt() + roomBytes), told each time it wrote `n` bytes there. */
export interface InflateSink {
  readonly bytes: Uint8Array;
  readonly roomBytes: number;
  roomAt(): number;
  filled(n: number): void;
}

/** The part of a Node.js zlib stream that its own one-shot synchronous path (zlib.inflateRawSync) drives. */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array | null, inOffset: number, inLength: number, out: Uint8Array, outOffset: number, outLength: number): void;
}
interface ZlibInternals {
  _handle?: unknown;
  _writeState?: unknown;
}

let supported: boolean | undefined;

/**
 * A raw inflater driven synchronously, in the calling thread, writing straight into the scan's own
 * memory. Node.js's zlib streams run each chunk on libuv's thread pool and hand it back in a fresh
 * Buffer: measured on the benchmark, that round trip and the fresh memory cost more CPU than the
 * inflation itself. Node.js has no public API for synchronous streaming inflation, so this drives the
 * stream's zlib handle as Node.js's own zlib.inflateRawSync does (`_handle.writeSync` and the
 * `_writeState` it reports into; unchanged since Node.js 10). `create` returns undefined, and
 * `supported` false, when a Node.js lacks them; the scan then uses the stream. Errors are zlib's own,
 * read from the stream's public `errored`, so a bad file reads the same either way. Offsets are
 * checked here first: Node.js 20's handle aborts the process on out-of-range ones (22 and later throw).
 */
export class SyncRawInflater {
  readonly #stream: InflateRaw;
  readonly #handle: ZlibHandle;
  /** [avail_out, avail_in] after each write. */
  readonly #state: Uint32Array;
  /** Compressed bytes consumed: the deflate stream's length once it ended. */
  consumed = 0;
  /** The deflate stream ended (later input is not for it). */
  ended = false;

  private constructor(stream: InflateRaw, handle: ZlibHandle, state: Uint32Array) {
    this.#stream = stream;
    this.#handle = handle;
    this.#state = state;
  }

  /** Whether this Node.js has what SyncRawInflater drives (checked once). */
  static supported(): boolean {
    if (supported === undefined) {
      const probe = SyncRawInflater.create();
      probe?.close();
      supported = probe !== undefined;
    }
    return supported;
  }

  static create(): SyncRawInflater | undefined {
    const stream = createInflateRaw();
    const { _handle: handle, _writeState: state } = stream as unknown as ZlibInternals;
    if (typeof (handle as Partial<ZlibHandle> | null)?.writeSync !== "function" || !(state instanceof Uint32Array) || state.length < 2) {
      stream.destroy();
      return undefined;
    }
    // Errors are thrown from write and finish; the stream's own 'error' event comes later, unheard.
    stream.on("error", () => {});
    return new SyncRawInflater(stream, handle as ZlibHandle, state);
  }

  /** Inflates `input` into `sink` until all of it is consumed or the deflate stream ends inside it. */
  write(input: Uint8Array, sink: InflateSink): void {
    if (this.ended || input.length === 0) return;
    this.#run(constants.Z_NO_FLUSH, input, sink);
  }

  /** The input ended: flushes the rest; throws zlib's "unexpected end of file" when the deflate stream did not end. */
  finish(sink: InflateSink): void {
    if (!this.ended) this.#run(constants.Z_FINISH, null, sink);
    this.ended = true;
  }

  close(): void {
    this.#stream.close();
  }

  #run(flush: number, input: Uint8Array | null, sink: InflateSink): void {
    const state = this.#state;
    let inOffset = 0;
    let inLength = input === null ? 0 : input.length;
    for (;;) {
      const room = sink.roomBytes;
      const at = sink.roomAt();
      // No room would loop forever ("output full, write again").
      if (!(at >= 0 && room > 0 && at + room <= sink.bytes.length)) throw new RangeError(`SyncRawInflater: room [${at}, ${at + room}) is outside the sink's ${sink.bytes.length} bytes`);
      this.#handle.writeSync(flush, input, inOffset, inLength, sink.bytes, at, room);
      // A zlib error destroys the stream (and closes its handle) before writeSync returns.
      const error = this.#stream.errored;
      if (error !== null) throw error;
      const availOut = state[0]!;
      const availIn = state[1]!;
      this.consumed += inLength - availIn;
      inOffset += inLength - availIn;
      inLength = availIn;
      if (availOut < room) sink.filled(room - availOut);
      if (availOut === 0) continue;
      // Room was left: zlib took all the input it wanted. Input left over means the stream ended.
      if (inLength > 0) this.ended = true;
      return;
    }
  }
}

/**
 * inflateFirstMember, inflated with a SyncRawInflater into `sink` (the scan's own memory) instead of
 * through a stream (only where SyncRawInflater.supported()). Each chunk of `source` is done with
 * before the next is taken, so a source may reuse one buffer for all of them.
 */
async function inflateFirstMemberInto(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, onCompressed: (chunk: Uint8Array) => void, sink: InflateSink): Promise<FirstMember> {
  const framing = new GzipFraming();
  const inflater = SyncRawInflater.create();
  if (inflater === undefined) throw new Error("inflateFirstMemberInto: this Node.js has no zlib handle to drive (see SyncRawInflater.supported)");
  try {
    for await (const chunk of source) {
      onCompressed(chunk);
      inflater.write(framing.feed(chunk), sink);
    }
    inflater.finish(sink);
  } finally {
    inflater.close();
  }
  return { framing, deflateBytes: inflater.consumed };
}

/**
 * Inflates the first gzip member of data file `file` into `sink`, the way the scan does: zlib driven
 * synchronously where it can be (a local file read into one reused buffer), else through zlib's
 * streams, each chunk copied into the sink. Every compressed chunk of the whole file, also past that
 * member, goes to `onCompressed` (the MD5 of the file).
 */
export async function inflateDataFile(file: DataFileSource, onCompressed: (chunk: Uint8Array) => void, sink: InflateSink, hooks: DataFileHooks = {}): Promise<FirstMember> {
  if (inflatesSynchronously() && SyncRawInflater.supported()) {
    const source = file.kind === "local" ? readLocalDataFile(file, Buffer.allocUnsafeSlow(LOCAL_READ_CHUNK_BYTES)) : await openDataFile(file, hooks);
    return inflateFirstMemberInto(source, onCompressed, sink);
  }
  return inflateFirstMember(await openDataFile(file, hooks), { chunkSize: INFLATE_CHUNK_BYTES, onCompressed }, (inflated) => copyInto(inflated, sink));
}

/** Copies what a zlib stream inflates into `sink`, a room at a time (a consumer for inflateStream). */
export async function copyInto(inflated: AsyncIterable<Buffer>, sink: InflateSink): Promise<void> {
  for await (const chunk of inflated) {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(sink.roomBytes, chunk.length - at);
      sink.bytes.set(chunk.subarray(at, at + n), sink.roomAt());
      sink.filled(n);
      at += n;
    }
  }
}
