import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  createS3Client,
  formatDuration,
  networkTimeouts,
  require_dist_cjs,
  s3CallError
} from "./scan-worker-chunk-ZUUVFTTC.js";
import "./scan-worker-chunk-XO2NI57V.js";
import {
  AwsCallError
} from "./scan-worker-chunk-4O6M5R6G.js";
import {
  __toESM
} from "./scan-worker-chunk-KKBAWZTE.js";

// action/io/aws/s3-object-read.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);

// action/io/aws/aws-error.ts
function awsErrorInfo(error) {
  if (error === null || typeof error !== "object") return { name: void 0, httpStatus: void 0, message: String(error) };
  const record = error;
  const name = typeof record.Code === "string" ? record.Code : typeof record.name === "string" ? record.name : void 0;
  const httpStatus = typeof record.$metadata?.httpStatusCode === "number" ? record.$metadata.httpStatusCode : void 0;
  return { name, httpStatus, message: typeof record.message === "string" ? record.message : String(error) };
}

// action/io/aws/s3-object-read.ts
var READ_MAX_ATTEMPTS = 5;
var PROGRESS_BYTES = 1024 * 1024;
var SLOW_BODY_BYTES_PER_SECOND = 8 * 1024;
var RESUME_BASE_DELAY_MS = 500;
var RESUME_MAX_DELAY_MS = 5e3;
var BodyFailure = class extends Error {
  name = "BodyFailure";
};
async function* readS3Object(client, options) {
  const { bucket, key, idleMs } = options;
  const where = `s3://${bucket}/${key}`;
  const maxAttempts = options.maxAttempts ?? READ_MAX_ATTEMPTS;
  const started = Date.now();
  let etag = options.etag;
  let size;
  let position = options.start ?? 0;
  let attempt = 0;
  let inARow = 0;
  for (; ; ) {
    attempt++;
    inARow++;
    const from = position;
    let body;
    try {
      const response = await open(client, options, position, etag, attempt);
      body = response.Body;
      const described = describe(response, where, position, etag);
      if (attempt === 1) {
        etag ??= described.etag;
        size = described.size;
        options.onOpen?.({ etag, size });
      }
      const end = options.end ?? size;
      let skip = position - described.bodyStart;
      for await (const chunk of watch(body, idleMs)) {
        let bytes = chunk;
        if (skip > 0) {
          const dropped = Math.min(skip, bytes.length);
          skip -= dropped;
          bytes = bytes.subarray(dropped);
        }
        if (end !== void 0 && position + bytes.length > end) bytes = bytes.subarray(0, end - position);
        if (bytes.length > 0) {
          position += bytes.length;
          yield bytes;
        }
        if (end !== void 0 && position >= end) return;
      }
      if (end === void 0 || position >= end) return;
      throw new BodyFailure(`the body ended at byte ${position.toLocaleString("en-US")} of ${end.toLocaleString("en-US")}`);
    } catch (error) {
      if (!(error instanceof BodyFailure || isBodyError(error))) throw error;
      if (position - from >= PROGRESS_BYTES) inARow = 1;
      const reason = error instanceof BodyFailure ? error.message : reasonOf(error, idleMs);
      if (inARow >= maxAttempts) throw gaveUp(where, position, options.end ?? size, attempt, Date.now() - started, reason, error);
      options.onRetry?.({ attempt: attempt + 1, maxAttempts, at: position, reason });
      if (inARow >= 2) await delay(Math.min(RESUME_BASE_DELAY_MS * 2 ** (inARow - 2), RESUME_MAX_DELAY_MS));
    } finally {
      body?.destroy();
    }
  }
}
async function open(client, options, position, etag, attempt) {
  const ranged = position > 0 || options.end !== void 0;
  const command = new import_client_s3.GetObjectCommand({
    Bucket: options.bucket,
    Key: options.key,
    ...ranged && { Range: `bytes=${position}-${options.end === void 0 ? "" : options.end - 1}` },
    ...etag !== void 0 && { IfMatch: `"${etag}"` }
  });
  const started = Date.now();
  try {
    return await client.send(command);
  } catch (error) {
    const info = awsErrorInfo(error);
    if (attempt > 1 && (info.name === "PreconditionFailed" || info.httpStatus === 412 || info.name === "InvalidRange" || info.httpStatus === 416)) {
      throw changed(`s3://${options.bucket}/${options.key}`, etag, `GetObject answered ${info.name ?? info.httpStatus} when the read resumed at byte ${position.toLocaleString("en-US")}`, error);
    }
    throw s3CallError(error, "GetObject", options.bucket, options.key, Date.now() - started);
  }
}
function describe(response, where, position, etag) {
  const got = response.ETag?.replace(/"/g, "");
  if (etag !== void 0 && got !== void 0 && got !== etag) throw changed(where, etag, `ETag "${got}" at byte ${position.toLocaleString("en-US")}`);
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.ContentRange ?? "");
  if (range) {
    const bodyStart = Number(range[1]);
    if (bodyStart > position) throw new BodyFailure(`the response starts at byte ${bodyStart}, after byte ${position} asked for`);
    return { bodyStart, size: range[3] === "*" ? void 0 : Number(range[3]), etag: got };
  }
  return { bodyStart: 0, size: response.ContentLength, etag: got };
}
async function* watch(body, idleMs) {
  const iterator = body[Symbol.asyncIterator]();
  let windowWaited = 0;
  let windowBytes = 0;
  for (; ; ) {
    const waitStarted = Date.now();
    const next = await nextWithin(iterator, idleMs);
    if (next === "silent") throw new BodyFailure(`no byte for ${formatDuration(idleMs)}`);
    if (next.done) return;
    windowWaited += Date.now() - waitStarted;
    windowBytes += next.value.length;
    if (windowWaited >= idleMs) {
      if (windowBytes < SLOW_BODY_BYTES_PER_SECOND * windowWaited / 1e3) {
        throw new BodyFailure(`${(windowBytes / 1024 / (windowWaited / 1e3)).toFixed(1)} KiB/s for ${formatDuration(windowWaited)} (slower than ${SLOW_BODY_BYTES_PER_SECOND / 1024} KiB/s)`);
      }
      windowWaited = 0;
      windowBytes = 0;
    }
    yield next.value;
  }
}
function nextWithin(iterator, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve("silent"), ms);
    iterator.next().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}
function isBodyError(error) {
  if (error instanceof AwsCallError) return false;
  const { name, code } = error ?? {};
  return name === "TimeoutError" || name === "AbortError" || typeof code === "string" || error instanceof Error && /aborted|socket hang up|premature close|terminated/i.test(error.message);
}
function reasonOf(error, idleMs) {
  const { name, code, message } = error ?? {};
  if (name === "TimeoutError") return `no byte for ${formatDuration(idleMs)}`;
  return [typeof code === "string" ? code : void 0, typeof message === "string" ? message : void 0].filter((part) => part !== void 0 && part !== "").join(": ") || String(error);
}
function gaveUp(where, position, end, attempts, elapsedMs, reason, cause) {
  const of = end === void 0 ? "" : ` of ${end.toLocaleString("en-US")}`;
  return new AwsCallError(
    "GetObject",
    "BodyFailed",
    `${where}: GetObject gave up after ${attempts} attempts in ${formatDuration(elapsedMs)}, at byte ${position.toLocaleString("en-US")}${of} (last attempt: ${reason}). Check the network path to S3 (proxy, firewall, VPC endpoint) and run again; raise --idle-timeout (input "idle-timeout") if the network is slow but working.`,
    { cause }
  );
}
function changed(where, etag, what, cause) {
  return new AwsCallError(
    "GetObject",
    "PreconditionFailed",
    `${where}: the object changed while it was read (ETag "${etag ?? "unknown"}" when the read began; then ${what}). Run again once nothing writes to it.`,
    cause === void 0 ? void 0 : { cause }
  );
}
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// action/io/aws/s3-object-stream.ts
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
function openS3Object(settings, bucket, key, onRetry) {
  const idleMs = (settings.timeouts ?? networkTimeouts()).idleMs;
  return readS3Object(clientFor(settings), { bucket, key, idleMs, ...onRetry && { onRetry } });
}
export {
  openS3Object
};
