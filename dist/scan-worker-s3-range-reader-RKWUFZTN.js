import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  createS3Client,
  require_dist_cjs,
  s3CallError
} from "./scan-worker-chunk-ZUUVFTTC.js";
import "./scan-worker-chunk-XO2NI57V.js";
import {
  AwsCallError,
  BucketKeysError
} from "./scan-worker-chunk-4O6M5R6G.js";
import {
  __toESM
} from "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-range-reader.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var clients = /* @__PURE__ */ new Map();
function clientFor(settings) {
  const id = JSON.stringify(settings);
  let client = clients.get(id);
  if (client === void 0) {
    client = createS3Client(settings);
    clients.set(id, client);
  }
  return client;
}
var S3RangeReader = class _S3RangeReader {
  size;
  #client;
  #bucket;
  #key;
  #etag;
  constructor(client, bucket, key, size, etag) {
    this.#client = client;
    this.#bucket = bucket;
    this.#key = key;
    this.size = size;
    this.#etag = etag;
  }
  /** `size`: the object's size when known (manifest.json's files[].size); otherwise one HeadObject finds it. */
  static async open(settings, bucket, key, size) {
    const client = clientFor(settings);
    if (size !== void 0 && size >= 0) return new _S3RangeReader(client, bucket, key, size, void 0);
    try {
      const head = await client.send(new import_client_s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
      return new _S3RangeReader(client, bucket, key, head.ContentLength ?? 0, head.ETag);
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
  /** Hands the object's bytes [start, end) to `onChunk` in order as they arrive (one ranged GetObject). */
  async stream(start, end, onChunk) {
    if (end <= start) return;
    const last = end - 1;
    let body;
    try {
      const response = await this.#client.send(
        new import_client_s3.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key, Range: `bytes=${start}-${last}`, ...this.#etag !== void 0 && { IfMatch: this.#etag } })
      );
      this.#etag ??= response.ETag;
      body = response.Body;
    } catch (error) {
      const failure = s3CallError(error, "GetObject", this.#bucket, this.#key);
      if (failure.awsCode !== "PreconditionFailed") throw failure;
      throw new AwsCallError(
        "GetObject",
        "PreconditionFailed",
        `s3://${this.#bucket}/${this.#key}: the object changed while it was being read (its ETag is no longer ${this.#etag}). Run the plan again once S3 Inventory has finished writing the report.`,
        { cause: error }
      );
    }
    let received = 0;
    try {
      for await (const chunk of body) {
        if (received + chunk.length > end - start) throw new Error(`the range bytes=${start}-${last} returned more than ${end - start} bytes`);
        onChunk(chunk);
        received += chunk.length;
      }
    } catch (error) {
      if (error instanceof BucketKeysError) throw error;
      throw s3CallError(error, "GetObject", this.#bucket, this.#key);
    }
    if (received !== end - start) {
      throw new AwsCallError("GetObject", void 0, `s3://${this.#bucket}/${this.#key}: the range bytes=${start}-${last} returned ${received} bytes of ${end - start}. The object is shorter than manifest.json says; re-run the plan on a complete report.`);
    }
  }
};
export {
  S3RangeReader
};
