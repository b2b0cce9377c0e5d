/**
 * Reads byte ranges of one S3 object with ranged GetObject calls, each pinned to the ETag of the first
 * (If-Match), so every range comes from the same version of the object: a report rewritten mid-read fails
 * instead of mixing two versions. Each range is read with readS3Object (s3-object-read.ts): the run's
 * idle timeout, and a body that fails part-way resumed from the byte reached. For the Parquet reader's
 * ranges (footer first, then the file in order). Loaded only for s3:// data files.
 */
import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { AwsCallError } from "../../contracts/errors.ts";
import { networkTimeouts } from "../../core/settings/network-timeouts.ts";
import { s3CallError } from "./s3-call-error.ts";
import { s3ClientFor, type S3ClientSettings } from "./s3-client.ts";
import { readS3Object } from "./s3-object-read.ts";

export class S3RangeReader {
  readonly size: number;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #key: string;
  readonly #idleMs: number;
  #etag: string | undefined;

  private constructor(client: S3Client, bucket: string, key: string, size: number, etag: string | undefined, idleMs: number) {
    this.#client = client;
    this.#idleMs = idleMs;
    this.#bucket = bucket;
    this.#key = key;
    this.size = size;
    this.#etag = etag;
  }

  /** `size`: the object's size when known (manifest.json's files[].size); otherwise one HeadObject finds it. */
  static async open(settings: S3ClientSettings, bucket: string, key: string, size: number | undefined): Promise<S3RangeReader> {
    const client = s3ClientFor(settings);
    const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
    if (size !== undefined && size >= 0) return new S3RangeReader(client, bucket, key, size, undefined, idleMs);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return new S3RangeReader(client, bucket, key, head.ContentLength ?? 0, head.ETag?.replace(/"/g, ""), idleMs);
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

  /**
   * Hands the object's bytes [start, end) to `onChunk` in order as they arrive: one ranged GetObject,
   * resumed from the byte reached when its body fails or stalls part-way (readS3Object), every attempt
   * pinned to the first ETag.
   */
  async stream(start: number, end: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    if (end <= start) return;
    let received = 0;
    const chunks = readS3Object(this.#client, {
      bucket: this.#bucket,
      key: this.#key,
      start,
      end,
      idleMs: this.#idleMs,
      ...(this.#etag !== undefined && { etag: this.#etag }),
      onOpen: (object) => {
        this.#etag ??= object.etag;
        // The first response says how big the object is: no resume can bring bytes it does not hold.
        if (object.size !== undefined && object.size < end) throw this.#shorter(start, end, Math.max(0, object.size - start));
      },
    });
    try {
      for await (const chunk of chunks) {
        if (received + chunk.length > end - start) {
          throw new AwsCallError("GetObject", undefined, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${end - 1} returned more than ${end - start} bytes.`);
        }
        onChunk(chunk);
        received += chunk.length;
      }
    } catch (error) {
      // A later range whose first attempt finds the object replaced since the first range was read.
      if (error instanceof AwsCallError && error.awsCode === "PreconditionFailed") {
        throw new AwsCallError(
          "GetObject",
          "PreconditionFailed",
          `s3://${this.#bucket}/${this.#key}: the object changed while it was being read (its ETag is no longer ${this.#etag}). Run the plan again once S3 Inventory has finished writing the report.`,
          { cause: error },
        );
      }
      throw error;
    }
    if (received !== end - start) throw this.#shorter(start, end, received);
  }

  #shorter(start: number, end: number, received: number): AwsCallError {
    return new AwsCallError("GetObject", undefined, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${end - 1} returned ${received} bytes of ${end - start}. The object is shorter than manifest.json says; re-run the plan on a complete report.`);
  }
}
