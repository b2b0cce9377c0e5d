/**
 * Keeps a scan worker's memory flat. Each gunzipped chunk is a fresh Buffer outside the JS heap, and V8
 * only collects them once ~64 MB of such garbage has piled up in each thread. A young-generation GC
 * every few megabytes frees them early: measured on the benchmark, about 35 MB less peak RSS per worker
 * at no extra CPU cost. `gc` is reached by exposing it at run time; if that is ever refused, this is a
 * no-op and memory is only higher, never wrong.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Gc = (options?: { type?: "minor" | "major" }) => void;

/** How often a scan collects young garbage: every this many decompressed bytes (measured best on the benchmark among 1 to 32 MB). */
export const YOUNG_GC_EVERY_BYTES = 8 * 1024 * 1024;

let gc: Gc | null | undefined;

function getGc(): Gc | null {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const found = runInNewContext("typeof gc === 'function' ? gc : null") as Gc | null;
      gc = found;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Runs a young-generation GC (cheap: a few hundred microseconds on a scan worker's small heap). */
export function collectYoungGarbage(): void {
  getGc()?.({ type: "minor" });
}

/**
 * ArrayBuffer memory (this thread's) above which a scan worker runs a full GC between two data files.
 * A zlib stream (BUCKET_KEYS_INFLATE=stream) leaves each file's inflater in the old generation with its
 * last output chunk (1 MiB), which only a full GC frees, and V8 runs one on its own only after some
 * 64 MB of such memory; on an inventory of many data files read from S3 that took the plan past
 * 300 MB. The synchronous inflater leaves no such chunk; this stays as the guard for anything else
 * left behind. A full GC costs the next file some 20 ms of CPU (the JIT warms up again), so it runs only
 * past this much, not after every file.
 */
export const FULL_GC_ABOVE_ARRAY_BUFFER_BYTES = 16 * 1024 * 1024;

/** Runs a full GC when this thread's ArrayBuffers hold more than FULL_GC_ABOVE_ARRAY_BUFFER_BYTES. */
export function collectOldGarbageIfLarge(): void {
  if (process.memoryUsage().arrayBuffers > FULL_GC_ABOVE_ARRAY_BUFFER_BYTES) getGc()?.({ type: "major" });
}
