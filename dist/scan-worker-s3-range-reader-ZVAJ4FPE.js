import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  networkTimeouts,
  readS3Object,
  require_dist_cjs,
  s3CallError,
  s3ClientFor
} from "./scan-worker-chunk-NDC45DP4.js";
import "./scan-worker-chunk-XO2NI57V.js";
import {
  AwsCallError
} from "./scan-worker-chunk-4O6M5R6G.js";
import {
  __toESM
} from "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-range-reader.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var S3RangeReader = class _S3RangeReader {
  size;
  #client;
  #bucket;
  #key;
  #idleMs;
  #etag;
  constructor(client, bucket, key, size, etag, idleMs) {
    this.#client = client;
    this.#idleMs = idleMs;
    this.#bucket = bucket;
    this.#key = key;
    this.size = size;
    this.#etag = etag;
  }
  /** `size`: the object's size when known (manifest.json's files[].size); otherwise one HeadObject finds it. */
  static async open(settings, bucket, key, size) {
    const client = s3ClientFor(settings);
    const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
    if (size !== void 0 && size >= 0) return new _S3RangeReader(client, bucket, key, size, void 0, idleMs);
    try {
      const head = await client.send(new import_client_s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
      return new _S3RangeReader(client, bucket, key, head.ContentLength ?? 0, head.ETag?.replace(/"/g, ""), idleMs);
    } catch (error) {
      throw s3CallError(error, "HeadObject", bucket, key);
    }
  }
  /** Fills `buffer` with the object's bytes from `start` (one ranged GetObject). */
  async readInto(start, buffer) {
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
  async stream(start, end, onChunk) {
    if (end <= start) return;
    let received = 0;
    const chunks = readS3Object(this.#client, {
      bucket: this.#bucket,
      key: this.#key,
      start,
      end,
      idleMs: this.#idleMs,
      ...this.#etag !== void 0 && { etag: this.#etag },
      onOpen: (object) => {
        this.#etag ??= object.etag;
        if (object.size !== void 0 && object.size < end) throw this.#shorter(start, end, Math.max(0, object.size - start));
      }
    });
    try {
      for await (const chunk of chunks) {
        if (received + chunk.length > end - start) {
          throw new AwsCallError("GetObject", void 0, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${end - 1} returned more than ${end - start} bytes.`);
        }
        onChunk(chunk);
        received += chunk.length;
      }
    } catch (error) {
      if (error instanceof AwsCallError && error.awsCode === "PreconditionFailed") {
        throw new AwsCallError(
          "GetObject",
          "PreconditionFailed",
          `s3://${this.#bucket}/${this.#key}: the object changed while it was being read (its ETag is no longer ${this.#etag}). Run the plan again once S3 Inventory has finished writing the report.`,
          { cause: error }
        );
      }
      throw error;
    }
    if (received !== end - start) throw this.#shorter(start, end, received);
  }
  #shorter(start, end, received) {
    return new AwsCallError("GetObject", void 0, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${end - 1} returned ${received} bytes of ${end - start}. The object is shorter than manifest.json says; re-run the plan on a complete report.`);
  }
};
export {
  S3RangeReader
};
