/**
 * Inflates the first gzip member of a data file raw, without gzip's CRC-32 (see gzip-framing.ts),
 * while every compressed chunk of the whole file, also past that member, goes to `onCompressed` (the
 * MD5 of the file). The inflater is driven by hand rather than with stream.pipeline: a raw inflater
 * ends by itself at the member's end, before its input does, and pipeline (in Node 22) then aborts the
 * stage still reading the file.
 */
import { once } from "node:events";
import { createInflateRaw } from "node:zlib";
import { GzipFraming } from "../core/gzip-framing.ts";

export interface FirstMember {
  /** The container as read: `finish` says what follows the member (see GzipFraming). */
  framing: GzipFraming;
  /** Compressed bytes the inflater consumed: the member's deflate stream. */
  deflateBytes: number;
}

/**
 * Reads `source` to its end. `consume` reads the inflated bytes (it must read them all); a corrupt or
 * truncated deflate stream rejects with zlib's error, a failing source with its own.
 */
export async function inflateFirstMember(
  source: AsyncIterable<Buffer>,
  options: { chunkSize: number; onCompressed?: (chunk: Buffer) => void },
  consume: (inflated: AsyncIterable<Buffer>) => Promise<void>,
): Promise<FirstMember> {
  const framing = new GzipFraming();
  const inflater = createInflateRaw({ chunkSize: options.chunkSize });
  let ended = false;
  inflater.once("end", () => (ended = true));
  let failure: { error: unknown } | undefined;
  const consuming = consume(inflater).catch((error: unknown) => {
    failure ??= { error };
  });
  try {
    for await (const chunk of source) {
      options.onCompressed?.(chunk);
      const body = framing.feed(chunk);
      if (failure !== undefined) throw failure.error;
      if (ended || body.length === 0) continue;
      // Wait for room, or for the inflater to end or fail meanwhile (then it never drains).
      if (!inflater.write(body)) await Promise.race([once(inflater, "drain").catch(() => {}), consuming]);
    }
    if (!ended && failure === undefined) inflater.end();
    await consuming;
    if (failure !== undefined) throw failure.error;
    return { framing, deflateBytes: inflater.bytesWritten };
  } finally {
    inflater.destroy();
  }
}
