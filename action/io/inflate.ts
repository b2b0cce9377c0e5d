/**
 * Inflating a data file's gzip bytes for the scan. zlib's inflaters end by themselves at the end of a
 * deflate stream or gzip member, possibly before their input does (a raw inflater at the first
 * member's end; gunzip before zero padding), and the rest of the file must still be read, for its MD5.
 * stream.pipeline handles that differently across Node.js versions (Node 22 aborts the stage still
 * reading), so the inflater is fed by hand here.
 */
import { once } from "node:events";
import type { Transform } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { GzipFraming } from "../core/gzip-framing.ts";

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
export async function inflateFirstMember(
  source: AsyncIterable<Buffer>,
  options: { chunkSize: number; onCompressed?: (chunk: Buffer) => void },
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
