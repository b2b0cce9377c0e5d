/**
 * Worker for the benchmark's reference line "inflate as the plan does": decompresses each file it is
 * sent the way the plan's scan does it, and nothing else: the first gzip member inflated raw without
 * its CRC-32 (GzipFraming), with the scan's stream settings (1 MiB reads, 256 KiB output chunks), and
 * a young-generation GC every YOUNG_GC_EVERY_BYTES. Not the target's floor (bench-gunzip-worker.ts):
 * the plan against this line is the scan's own cost. Replies with the byte count.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parentPort } from "node:worker_threads";
import { createInflateRaw } from "node:zlib";
import { GzipFraming } from "../action/core/gzip-framing.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "../action/io/minor-gc.ts";

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  let sinceGc = 0;
  const framing = new GzipFraming();
  await pipeline(
    createReadStream(path, { highWaterMark: 1024 * 1024 }),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) yield framing.feed(chunk);
    },
    createInflateRaw({ chunkSize: 256 * 1024 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        bytes += chunk.length;
        if ((sinceGc += chunk.length) >= YOUNG_GC_EVERY_BYTES) {
          sinceGc = 0;
          collectYoungGarbage();
        }
      }
    },
  );
  parentPort!.postMessage(bytes);
});
