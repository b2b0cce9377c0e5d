/**
 * Worker for the benchmark's reference line "inflate as the plan does": decompresses each file it is
 * sent the way the plan's scan does it, and nothing else: inflateDataFile, as scan-data-file.ts calls
 * it (the first gzip member inflated raw without its CRC-32, by zlib driven synchronously, or through
 * zlib's streams when BUCKET_KEYS_INFLATE=stream), into one reused area of the scan's room size, and
 * a young-generation GC every YOUNG_GC_EVERY_BYTES. Not the target's floor (bench-gunzip-worker.ts): the plan against this line is
 * the scan's own cost. Replies with the byte count.
 */
import { parentPort } from "node:worker_threads";
import { ROOM_BYTES } from "../action/core/scan/fast-csv-scanner.ts";
import { inflateDataFile } from "../action/io/scan/inflate.ts";
import { collectYoungGarbage, YOUNG_GC_EVERY_BYTES } from "../action/io/scan/minor-gc.ts";

const area = new Uint8Array(ROOM_BYTES);

parentPort!.on("message", async (path: string) => {
  let bytes = 0;
  let sinceGc = 0;
  const filled = (n: number) => {
    bytes += n;
    if ((sinceGc += n) >= YOUNG_GC_EVERY_BYTES) {
      sinceGc = 0;
      collectYoungGarbage();
    }
  };
  await inflateDataFile({ kind: "local", path, display: path }, () => {}, { bytes: area, roomBytes: ROOM_BYTES, roomAt: () => 0, filled });
  parentPort!.postMessage(bytes);
});
