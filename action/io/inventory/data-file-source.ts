/**
 * Where one inventory data file comes from, as plain data (it is sent to scan workers), and how to open
 * it as a stream: a local file, or an S3 object streamed with GetObject.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { InventoryDataError } from "../../contracts/errors.ts";
import type { S3ClientSettings } from "../aws/s3-client.ts";
import type { S3ReadRetry } from "../aws/s3-object-read.ts";
import { LOCAL_READ_CHUNK_BYTES } from "../scan/stream-settings.ts";

export type DataFileSource =
  | { kind: "local"; path: string; display: string }
  | { kind: "s3"; bucket: string; key: string; display: string; client: S3ClientSettings };

export type LocalDataFile = Extract<DataFileSource, { kind: "local" }>;

/** What a reader of a data file hears about besides its bytes. */
export interface DataFileHooks {
  /** An S3 body failed part-way and is read on from the byte reached. */
  onRetry?(retry: S3ReadRetry): void;
}

/** The file's bytes, in chunks; an `s3` file's body is resumed when it fails part-way. */
export async function openDataFile(source: DataFileSource, hooks: DataFileHooks = {}): Promise<AsyncIterable<Buffer>> {
  if (source.kind === "s3") {
    const { openS3Object } = await import("../aws/s3-object-stream.ts");
    return openS3Object(source.client, source.bucket, source.key, hooks.onRetry);
  }
  try {
    const handle = await open(source.path, "r");
    return handle.createReadStream({ highWaterMark: LOCAL_READ_CHUNK_BYTES, autoClose: true });
  } catch (error) {
    throw explainOpenFailure(source, error);
  }
}

/**
 * A local data file read synchronously, chunk after chunk, into `buffer`: each chunk is a view of
 * `buffer`, valid only until the next one is taken. For a consumer done with each chunk before it
 * takes the next (the synchronous inflater): no fresh memory per chunk, no round trip to libuv's thread
 * pool, and reads from the page cache cost less than the stream's bookkeeping.
 */
export function* readLocalDataFile(source: LocalDataFile, buffer: Uint8Array): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(source.path, "r");
  } catch (error) {
    throw explainOpenFailure(source, error);
  }
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function explainOpenFailure(source: LocalDataFile, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") return error;
  return new InventoryDataError(source.display, undefined, `${source.display}: data file listed in manifest.json is missing. Re-sync the whole inventory folder (aws s3 sync) and run again.`);
}
