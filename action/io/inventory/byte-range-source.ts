/**
 * A data file read by byte range, as the Parquet reader needs (its footer first, then the file in order):
 * a local file with positioned reads, or an S3 object with ranged GetObject calls (s3-range-reader.ts,
 * loaded only then).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { InventoryDataError } from "../../contracts/errors.ts";
import type { DataFileSource } from "./data-file-source.ts";
import { LOCAL_READ_CHUNK_BYTES } from "../scan/stream-settings.ts";

export interface ByteRangeSource {
  readonly size: number;
  /** Fills `buffer` with the file's bytes from `start`. */
  readInto(start: number, buffer: Uint8Array): Promise<void>;
  /** Whether positioned reads are cheap (a local file): ranges are then read where they are needed, not streamed. */
  readonly positioned: boolean;
  /** Hands the bytes [start, end) to `onChunk` in order, a chunk at a time (each valid during the call only). */
  stream(start: number, end: number, onChunk: (chunk: Uint8Array) => void): Promise<void>;
  close(): void;
}

/** `size`: manifest.json's files[].size, or -1 when it does not say (S3 is then asked). */
export async function openByteRangeSource(source: DataFileSource, size: number): Promise<ByteRangeSource> {
  if (source.kind === "s3") {
    const { S3RangeReader } = await import("../aws/s3-range-reader.ts");
    const reader = await S3RangeReader.open(source.client, source.bucket, source.key, size >= 0 ? size : undefined);
    return { size: reader.size, positioned: false, readInto: (start, buffer) => reader.readInto(start, buffer), stream: (start, end, onChunk) => reader.stream(start, end, onChunk), close: () => {} };
  }
  let fd: number;
  try {
    fd = openSync(source.path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new InventoryDataError(source.display, undefined, `${source.display}: data file listed in manifest.json is missing. Re-sync the whole inventory folder (aws s3 sync) and run again.`);
  }
  const fileSize = fstatSync(fd).size;
  const readInto = async (start: number, buffer: Uint8Array) => {
    let at = 0;
    while (at < buffer.length) {
      const read = readSync(fd, buffer, at, buffer.length - at, start + at);
      if (read === 0) throw new InventoryDataError(source.display, undefined, `${source.display}: the file ended at byte ${start + at} while being read. Re-sync the inventory folder and run again.`);
      at += read;
    }
  };
  const chunk = new Uint8Array(LOCAL_READ_CHUNK_BYTES);
  return {
    size: fileSize,
    positioned: true,
    readInto,
    stream: async (start, end, onChunk) => {
      for (let at = start; at < end; ) {
        const part = chunk.subarray(0, Math.min(chunk.length, end - at));
        await readInto(at, part);
        onChunk(part);
        at += part.length;
      }
    },
    close: () => closeSync(fd),
  };
}
