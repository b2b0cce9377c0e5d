/**
 * Reads byte ranges of one S3 object with ranged GetObject calls, each pinned to the ETag of the first
 * (If-Match), so every range comes from the same version of the object: a report rewritten mid-read fails
 * with PreconditionFailed instead of mixing two versions. The plain SDK, in one small adapter, for the
 * Parquet reader's ranges (footer first, then the file in order). Loaded only for s3:// data files.
 */
import type { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { AwsCallError, BucketKeysError } from "../../contracts/errors.ts";
import { s3CallError } from "./s3-call-error.ts";
import { createS3Client, type S3ClientSettings } from "./s3-client.ts";

const clients = new Map<string, S3Client>();

function clientFor(settings: S3ClientSettings): S3Client {
  const id = JSON.stringify(settings);
  let client = clients.get(id);
  if (client === undefined) {
    client = createS3Client(settings);
    clients.set(id, client);
  }
  return client;
}

export class S3RangeReader {
  readonly size: number;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #key: string;
  #etag: string | undefined;

  private constructor(client: S3Client, bucket: string, key: string, size: number, etag: string | undefined) {
    this.#client = client;
    this.#bucket = bucket;
    this.#key = key;
    this.size = size;
    this.#etag = etag;
  }

  /** `size`: the object's size when known (manifest.json's files[].size); otherwise one HeadObject finds it. */
  static async open(settings: S3ClientSettings, bucket: string, key: string, size: number | undefined): Promise<S3RangeReader> {
    const client = clientFor(settings);
    if (size !== undefined && size >= 0) return new S3RangeReader(client, bucket, key, size, undefined);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return new S3RangeReader(client, bucket, key, head.ContentLength ?? 0, head.ETag);
    } catch (error) {
      throw s3CallError(error, "HeadObject", bucket, key);
    }
  }

  /** Fills `buffer` with the object's bytes from `start` (one ranged GetObject). */
  async readInto(start: number, buffer: Uint8Array): Promise<void> {
    let at = 0;
    await this.stream(start, start + buffer.length, (chunk) => {
      buffer.set(chunk, at);
      at += chunk.length;
    });
  }

  /** Hands the object's bytes [start, end) to `onChunk` in order as they arrive (one ranged GetObject). */
  async stream(start: number, end: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    if (end <= start) return;
    const last = end - 1;
    let body: Readable;
    try {
      const response = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key, Range: `bytes=${start}-${last}`, ...(this.#etag !== undefined && { IfMatch: this.#etag }) }),
      );
      this.#etag ??= response.ETag;
      body = response.Body as Readable;
    } catch (error) {
      const failure = s3CallError(error, "GetObject", this.#bucket, this.#key);
      if (failure.awsCode !== "PreconditionFailed") throw failure;
      throw new AwsCallError(
        "GetObject",
        "PreconditionFailed",
        `s3://${this.#bucket}/${this.#key}: the object changed while it was being read (its ETag is no longer ${this.#etag}). Run the plan again once S3 Inventory has finished writing the report.`,
        { cause: error },
      );
    }
    let received = 0;
    try {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        if (received + chunk.length > end - start) throw new Error(`the range bytes=${start}-${last} returned more than ${end - start} bytes`);
        onChunk(chunk);
        received += chunk.length;
      }
    } catch (error) {
      if (error instanceof BucketKeysError) throw error;
      throw s3CallError(error, "GetObject", this.#bucket, this.#key);
    }
    if (received !== end - start) {
      throw new AwsCallError("GetObject", undefined, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${last} returned ${received} bytes of ${end - start}. The object is shorter than manifest.json says; re-run the plan on a complete report.`);
    }
  }
}
