/**
 * Worker for the benchmark's reference line "inflate as the plan does": decompresses each file it is
 * sent the way the plan's scan does it, and nothing else: the first gzip member inflated raw without
 * its CRC-32 (inflateFirstMember, as the scan calls it), with the scan's stream settings
 * (stream-settings.ts), and a young-generation GC every YOUNG_GC_EVERY_BYTES. Not the target's floor
 * (bench-gunzip-worker.ts): the plan against this line is the scan's own cost. Replies with the byte
 * count.
 */
import { createReadStream } from "node:fs";
import { parentPort } from "node:worker_threads";
import { inflateFirstMember } from "../action/io/inflate.ts";
import { INFLATE_CHUNK_BYTES, LOCAL_READ_CHUNK_BYTES } from "../action/io/stream-settings.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "../action/io/minor-gc.ts";

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  let sinceGc = 0;
  await inflateFirstMember(createReadStream(path, { highWaterMark: LOCAL_READ_CHUNK_BYTES }), { chunkSize: INFLATE_CHUNK_BYTES }, async (inflated) => {
    for await (const chunk of inflated) {
      bytes += chunk.length;
      if ((sinceGc += chunk.length) >= YOUNG_GC_EVERY_BYTES) {
        sinceGc = 0;
        collectYoungGarbage();
      }
    }
  });
  parentPort!.postMessage(bytes);
});
