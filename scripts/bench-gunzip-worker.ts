/**
 * Worker for the benchmark's floor: gunzips each file it is sent with the scan's stream settings (its
 * read size and inflater chunk size, which are also the fastest for gunzip alone), discards the bytes
 * and replies with their count.
 */
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parentPort } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import { INFLATE_CHUNK_BYTES, LOCAL_READ_CHUNK_BYTES } from "../action/io/scan/stream-settings.ts";

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  await pipeline(createReadStream(path, { highWaterMark: LOCAL_READ_CHUNK_BYTES }), createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) bytes += chunk.length;
  });
  parentPort!.postMessage(bytes);
});
