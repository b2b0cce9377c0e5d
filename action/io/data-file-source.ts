/**
 * Where one inventory data file comes from, as plain data (it is sent to scan workers), and how to open
 * it as a stream: a local file, or an S3 object streamed with GetObject.
 */
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { InventoryDataError } from "../core/errors.ts";
import type { S3ClientSettings } from "./s3-client.ts";
import { LOCAL_READ_CHUNK_BYTES } from "./stream-settings.ts";

export type DataFileSource =
  | { kind: "local"; path: string; display: string }
  | { kind: "s3"; bucket: string; key: string; display: string; client: S3ClientSettings };

export async function openDataFile(source: DataFileSource): Promise<Readable> {
  if (source.kind === "s3") {
    const { openS3Object } = await import("./s3-object-stream.ts");
    return openS3Object(source.client, source.bucket, source.key);
  }
  try {
    const handle = await open(source.path, "r");
    return handle.createReadStream({ highWaterMark: LOCAL_READ_CHUNK_BYTES, autoClose: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new InventoryDataError(source.display, undefined, `${source.display}: data file listed in manifest.json is missing. Re-sync the whole inventory folder (aws s3 sync) and run again.`);
    }
    throw error;
  }
}
