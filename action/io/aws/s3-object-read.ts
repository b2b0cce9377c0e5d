/**
 * Reads an S3 object, or one byte range of it, as chunks, and survives a body that fails part-way.
 * The SDK retries a GetObject only up to its response headers; a body that breaks off later (a reset,
 * a stall, a trickle) would end the read. Here such an attempt is resumed with a ranged GetObject from
 * the byte reached, pinned with IfMatch to the ETag first seen, so the caller sees one unbroken
 * stream of the same bytes (an MD5 or SHA-256 of it just continues). A server that ignores the Range
 * (200 instead of 206) is read again from byte 0, the bytes already seen skipped; a different ETag,
 * a 412 or a 416 means the object changed, and that fails the read. Attempts are bounded.
 *
 * Used for inventory data files and manifest.json (scan workers and main thread), and by apply to
 * read job manifests; a reader of byte ranges (Parquet footers, row groups) can use it as it is:
 * `readS3Object(client, { bucket, key, start, end, etag, idleMs })`.
 */
import type { Readable } from "node:stream";
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { AwsCallError } from "../../contracts/errors.ts";
import { formatDuration } from "../../core/settings/network-timeouts.ts";
import { awsErrorInfo } from "./aws-error.ts";
import { s3CallError } from "./s3-call-error.ts";

/** A read gives up after this many attempts in a row that each delivered less than PROGRESS_BYTES. */
export const READ_MAX_ATTEMPTS = 5;
/** An attempt that delivered this many bytes made progress: counting attempts in a row starts again. */
export const PROGRESS_BYTES = 1024 * 1024;
/**
 * A body slower than this over a whole idle window is given up on like a silent one, and resumed on a
 * new connection (S3: "if the first request is slow, a retried request is likely to take a different
 * path and quickly succeed"). At 8 KiB/s a GB takes 36 hours: no healthy connection is that slow.
 */
export const SLOW_BODY_BYTES_PER_SECOND = 8 * 1024;
/** Wait before the third and later attempts: doubling from this, at most RESUME_MAX_DELAY_MS (the second starts at once). */
const RESUME_BASE_DELAY_MS = 500;
const RESUME_MAX_DELAY_MS = 5000;

export interface S3ObjectReadOptions {
  bucket: string;
  key: string;
  /** First byte to read (default 0). */
  start?: number;
  /** Byte to stop before (default: the object's end). */
  end?: number;
  /** The ETag (without quotes) the object must have; default: the one the first response carries. */
  etag?: string;
  /** No byte for this long (or slower than SLOW_BODY_BYTES_PER_SECOND over it): the attempt failed. */
  idleMs: number;
  /** Attempts in a row without progress before giving up (default READ_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** The object as the first response describes it. */
  onOpen?(object: { etag: string | undefined; size: number | undefined }): void;
  /** An attempt failed and the read goes on (for the log). */
  onRetry?(retry: S3ReadRetry): void;
}

export interface S3ReadRetry {
  /** The attempt about to start (2 for the first resume). */
  attempt: number;
  maxAttempts: number;
  /** The byte the read resumes from. */
  at: number;
  /** Why the attempt before failed: "no byte for 30 s", "aborted", ... */
  reason: string;
}

/** A failed attempt the read may resume after. */
class BodyFailure extends Error {
  override readonly name = "BodyFailure";
}

/** The chunks are Buffers (views of the SDK's), the object's bytes from `start` to `end`, in order. */
export async function* readS3Object(client: S3Client, options: S3ObjectReadOptions): AsyncGenerator<Buffer> {
  const { bucket, key, idleMs } = options;
  const where = `s3://${bucket}/${key}`;
  const maxAttempts = options.maxAttempts ?? READ_MAX_ATTEMPTS;
  const started = Date.now();
  let etag = options.etag;
  let size: number | undefined;
  let position = options.start ?? 0;
  let attempt = 0;
  let inARow = 0;
  for (;;) {
    attempt++;
    inARow++;
    const from = position;
    let body: Readable | undefined;
    try {
      const response = await open(client, options, position, etag, attempt);
      body = response.Body as Readable;
      const described = describe(response, where, position, etag);
      if (attempt === 1) {
        etag ??= described.etag;
        size = described.size;
        options.onOpen?.({ etag, size });
      }
      const end = options.end ?? size;
      let skip = position - described.bodyStart;
      for await (const chunk of watch(body, idleMs)) {
        let bytes = chunk as Buffer;
        if (skip > 0) {
          const dropped = Math.min(skip, bytes.length);
          skip -= dropped;
          bytes = bytes.subarray(dropped);
        }
        if (end !== undefined && position + bytes.length > end) bytes = bytes.subarray(0, end - position);
        if (bytes.length > 0) {
          position += bytes.length;
          yield bytes;
        }
        if (end !== undefined && position >= end) return;
      }
      if (end === undefined || position >= end) return;
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

/** The GetObject of one attempt: the whole object, or from `position` on (pinned to `etag` when known). */
async function open(client: S3Client, options: S3ObjectReadOptions, position: number, etag: string | undefined, attempt: number): Promise<GetObjectCommandOutput> {
  const ranged = position > 0 || options.end !== undefined;
  const command = new GetObjectCommand({
    Bucket: options.bucket,
    Key: options.key,
    ...(ranged && { Range: `bytes=${position}-${options.end === undefined ? "" : options.end - 1}` }),
    ...(etag !== undefined && { IfMatch: `"${etag}"` }),
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

/** Where this response's body starts, the object's size and ETag; throws when the object is not the one being read. */
function describe(response: GetObjectCommandOutput, where: string, position: number, etag: string | undefined): { bodyStart: number; size: number | undefined; etag: string | undefined } {
  const got = response.ETag?.replace(/"/g, "");
  if (etag !== undefined && got !== undefined && got !== etag) throw changed(where, etag, `ETag "${got}" at byte ${position.toLocaleString("en-US")}`);
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.ContentRange ?? "");
  if (range) {
    const bodyStart = Number(range[1]);
    if (bodyStart > position) throw new BodyFailure(`the response starts at byte ${bodyStart}, after byte ${position} asked for`);
    return { bodyStart, size: range[3] === "*" ? undefined : Number(range[3]), etag: got };
  }
  // No Content-Range: the whole object, from byte 0 (also when the Range was ignored).
  return { bodyStart: 0, size: response.ContentLength, etag: got };
}

/**
 * The chunks of `body`, failing with BodyFailure when none comes for `idleMs` while one is awaited, or
 * when a whole idle window of waiting brings less than SLOW_BODY_BYTES_PER_SECOND. Time the consumer
 * spends with a chunk does not count: only the network is judged.
 */
async function* watch(body: Readable, idleMs: number): AsyncGenerator<Uint8Array> {
  const iterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let windowWaited = 0;
  let windowBytes = 0;
  for (;;) {
    const waitStarted = Date.now();
    const next = await nextWithin(iterator, idleMs);
    if (next === "silent") throw new BodyFailure(`no byte for ${formatDuration(idleMs)}`);
    if (next.done) return;
    windowWaited += Date.now() - waitStarted;
    windowBytes += next.value.length;
    if (windowWaited >= idleMs) {
      if (windowBytes < (SLOW_BODY_BYTES_PER_SECOND * windowWaited) / 1000) {
        throw new BodyFailure(`${(windowBytes / 1024 / (windowWaited / 1000)).toFixed(1)} KiB/s for ${formatDuration(windowWaited)} (slower than ${SLOW_BODY_BYTES_PER_SECOND / 1024} KiB/s)`);
      }
      windowWaited = 0;
      windowBytes = 0;
    }
    yield next.value;
  }
}

function nextWithin<T>(iterator: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | "silent"> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve("silent"), ms);
    iterator.next().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A failure of the body's stream (as opposed to an answer S3 gave): reset, abort, socket timeout. */
function isBodyError(error: unknown): boolean {
  if (error instanceof AwsCallError) return false;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return name === "TimeoutError" || name === "AbortError" || typeof code === "string" || (error instanceof Error && /aborted|socket hang up|premature close|terminated/i.test(error.message));
}

function reasonOf(error: unknown, idleMs: number): string {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  if (name === "TimeoutError") return `no byte for ${formatDuration(idleMs)}`;
  return [typeof code === "string" ? code : undefined, typeof message === "string" ? message : undefined].filter((part) => part !== undefined && part !== "").join(": ") || String(error);
}

function gaveUp(where: string, position: number, end: number | undefined, attempts: number, elapsedMs: number, reason: string, cause: unknown): AwsCallError {
  const of = end === undefined ? "" : ` of ${end.toLocaleString("en-US")}`;
  return new AwsCallError(
    "GetObject",
    "BodyFailed",
    `${where}: GetObject gave up after ${attempts} attempts in ${formatDuration(elapsedMs)}, at byte ${position.toLocaleString("en-US")}${of} (last attempt: ${reason}). ` +
      'Check the network path to S3 (proxy, firewall, VPC endpoint) and run again; raise --idle-timeout (input "idle-timeout") if the network is slow but working.',
    { cause },
  );
}

function changed(where: string, etag: string | undefined, what: string, cause?: unknown): AwsCallError {
  return new AwsCallError(
    "GetObject",
    "PreconditionFailed",
    `${where}: the object changed while it was read (ETag "${etag ?? "unknown"}" when the read began; then ${what}). Run again once nothing writes to it.`,
    cause === undefined ? undefined : { cause },
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
