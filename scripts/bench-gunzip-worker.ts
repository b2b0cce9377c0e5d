/**
 * Worker for the benchmark's reference measurements: decompresses each file it is sent with the scan's
 * stream settings (1 MiB reads, 256 KiB output chunks), discards the bytes and replies with their count.
 *
 * - "gunzip" (the floor): a plain gunzip stream.
 * - "inflate": the bytes decompressed the way the plan's scan does it, and nothing else: the first
 *   gzip member inflated raw without its CRC-32 (GzipFraming), and a young-generation GC every
 *   YOUNG_GC_EVERY_BYTES. Not the target's floor: it shows how much of the plan's time is its own work.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parentPort, workerData } from "node:worker_threads";
import { createGunzip, createInflateRaw } from "node:zlib";
import { GzipFraming } from "../action/core/gzip-framing.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "../action/io/minor-gc.ts";

const mode = (workerData as { mode: "gunzip" | "inflate" }).mode;

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  let sinceGc = 0;
  const count = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (mode === "inflate" && (sinceGc += chunk.length) >= YOUNG_GC_EVERY_BYTES) {
        sinceGc = 0;
        collectYoungGarbage();
      }
    }
  };
  const read = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (mode === "gunzip") {
    await pipeline(read, createGunzip({ chunkSize: 256 * 1024 }), count);
  } else {
    const framing = new GzipFraming();
    await pipeline(
      read,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) yield framing.feed(chunk);
      },
      createInflateRaw({ chunkSize: 256 * 1024 }),
      count,
    );
  }
  parentPort!.postMessage(bytes);
});
