/**
 * Worker for the benchmark's reference line "inflate as the plan does": decompresses each file it is
 * sent the way the plan's scan does it, and nothing else: the first gzip member inflated raw without
 * its CRC-32, by zlib driven synchronously into one reused area of the scan's room size, the file read
 * synchronously into one buffer (inflateFirstMemberInto with a SyncRawInflater over readLocalDataFile,
 * as scan-data-file.ts calls them; zlib's streams with the scan's stream settings when
 * BUCKET_KEYS_INFLATE=stream), and a young-generation GC every
 * YOUNG_GC_EVERY_BYTES. Not the target's floor (bench-gunzip-worker.ts): the plan against this line is
 * the scan's own cost. Replies with the byte count.
 */
import { createReadStream } from "node:fs";
import { parentPort } from "node:worker_threads";
import { ROOM_BYTES } from "../action/core/fast-csv-scanner.ts";
import { readLocalDataFile } from "../action/io/data-file-source.ts";
import { inflateFirstMember, inflateFirstMemberInto, inflatesSynchronously, SyncRawInflater } from "../action/io/inflate.ts";
import { INFLATE_CHUNK_BYTES, LOCAL_READ_CHUNK_BYTES } from "../action/io/stream-settings.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "../action/io/minor-gc.ts";

const area = new Uint8Array(ROOM_BYTES);

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  let sinceGc = 0;
  const count = (n: number) => {
    bytes += n;
    if ((sinceGc += n) >= YOUNG_GC_EVERY_BYTES) {
      sinceGc = 0;
      collectYoungGarbage();
    }
  };
  if (inflatesSynchronously() && SyncRawInflater.supported()) {
    const source = readLocalDataFile({ kind: "local", path, display: path }, Buffer.allocUnsafeSlow(LOCAL_READ_CHUNK_BYTES));
    await inflateFirstMemberInto(source, () => {}, { bytes: area, roomBytes: ROOM_BYTES, roomAt: () => 0, filled: count });
  } else {
    await inflateFirstMember(createReadStream(path, { highWaterMark: LOCAL_READ_CHUNK_BYTES }), { chunkSize: INFLATE_CHUNK_BYTES }, async (inflated) => {
      for await (const chunk of inflated) count(chunk.length);
    });
  }
  parentPort!.postMessage(bytes);
});
