/**
 * Worker for the benchmark's floor: gunzips each file it is sent with the scan's stream settings
 * (1 MiB reads, 256 KiB output chunks), discards the bytes and replies with their count.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parentPort } from "node:worker_threads";
import { createGunzip } from "node:zlib";

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), createGunzip({ chunkSize: 256 * 1024 }), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) bytes += chunk.length;
  });
  parentPort!.postMessage(bytes);
});
