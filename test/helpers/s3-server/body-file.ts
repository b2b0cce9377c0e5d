/**
 * Object bodies on disk: receiving a request body into a new file (removed again when the body
 * fails its checks), copying a version's body (in-kernel when no hash is needed, else streamed
 * through MD5 and a checksum), and concatenating multipart parts.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, unlink } from "node:fs/promises";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { receiveBody, type ReceivedBody, type ReceiveOptions } from "./body-receiver.ts";
import { createChecksumHasher, type ChecksumAlgorithm } from "./checksums.ts";
import type { S3Request, ServerContext } from "./request-context.ts";

export interface StoredBody extends ReceivedBody {
  bodyPath: string;
}

export async function receiveToFile(request: S3Request, server: ServerContext, options: ReceiveOptions = {}): Promise<StoredBody> {
  const bodyPath = server.store.newBodyPath();
  try {
    const received = await receiveBody(request, createWriteStream(bodyPath), options);
    return { ...received, bodyPath };
  } catch (error) {
    await unlink(bodyPath).catch(() => undefined);
    throw error;
  }
}

export interface CopiedBody {
  bodyPath: string;
  md5Hex: string | undefined;
  checksum: string | undefined;
}

/**
 * Copies `sources` (one body, or the parts of an upload in order) into a new file. With `hash`
 * false and one source the kernel copies it; otherwise MD5 and the checksum are computed on the way.
 */
export async function copyBodies(server: ServerContext, sources: string[], options: { md5: boolean; checksum: ChecksumAlgorithm | undefined }): Promise<CopiedBody> {
  const bodyPath = server.store.newBodyPath();
  try {
    if (sources.length === 1 && !options.md5 && options.checksum === undefined) {
      await copyFile(sources[0] as string, bodyPath);
      return { bodyPath, md5Hex: undefined, checksum: undefined };
    }
    const md5 = options.md5 ? createHash("md5") : undefined;
    const hasher = options.checksum === undefined ? undefined : createChecksumHasher(options.checksum);
    const out = createWriteStream(bodyPath);
    for (const source of sources) {
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback: TransformCallback) {
          md5?.update(chunk);
          hasher?.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), tap, out, { end: false });
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return { bodyPath, md5Hex: md5?.digest("hex"), checksum: hasher?.digest() };
  } catch (error) {
    await unlink(bodyPath).catch(() => undefined);
    throw error;
  }
}
