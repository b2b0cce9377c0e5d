/**
 * PutObject of a local file, streamed, and sent again from its first byte when an attempt fails.
 * The SDK never retries a request whose body is a stream ("An error was encountered in a
 * non-retryable streaming request": it cannot rewind it), so a single 503 SlowDown or a connection cut
 * half-way would end the upload. Here each attempt opens the file afresh; attempts are bounded and
 * only throttling, server faults and broken connections are retried.
 *
 * A single PutObject, not a multipart upload: the Pulumi stack lets the planner write manifests only
 * with `x-amz-server-side-encryption: AES256`, a header UploadPart requests never carry, so IAM would
 * deny every part (docs/cli.md, "Timeouts and retries"). A PutObject takes up to 5 GB.
 */
import { createReadStream } from "node:fs";
import { PutObjectCommand, type PutObjectCommandInput, type PutObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import type { NetworkTimeouts } from "../../core/settings/network-timeouts.ts";

/** Attempts per upload, the first included. */
export const PUT_FILE_MAX_ATTEMPTS = 5;
/** Each attempt may take its request window plus this long per MiB of body (a floor of 1 MiB/s). */
const UPLOAD_MS_PER_MIB = 1000;
const RETRY_BASE_DELAY_MS = 200;
const RETRY_MAX_DELAY_MS = 10_000;

export interface PutFileOptions {
  timeouts: NetworkTimeouts;
  /** An attempt failed and the upload starts again (for the log). */
  onRetry?(retry: { attempt: number; maxAttempts: number; reason: string }): void;
}

/** Sends `input` with the file at `path` as its body (`input.ContentLength` must be its size). */
export async function putFile(s3: S3Client, input: Omit<PutObjectCommandInput, "Body">, path: string, options: PutFileOptions): Promise<PutObjectCommandOutput> {
  const requestTimeout = options.timeouts.awsRequestMs + Math.ceil((input.ContentLength ?? 0) / (1024 * 1024)) * UPLOAD_MS_PER_MIB;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const body = createReadStream(path);
    try {
      return await s3.send(new PutObjectCommand({ ...input, Body: body }), { requestTimeout });
    } catch (error) {
      if (attempt >= PUT_FILE_MAX_ATTEMPTS || !isRetryable(error)) throw Object.assign(error as object, { attempts: attempt, elapsedMs: Date.now() - started });
      options.onRetry?.({ attempt: attempt + 1, maxAttempts: PUT_FILE_MAX_ATTEMPTS, reason: reasonOf(error) });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(RETRY_BASE_DELAY_MS * 2 ** attempt, RETRY_MAX_DELAY_MS)));
    } finally {
      body.destroy();
    }
  }
}

/** Throttling, a server fault, a timeout or a broken connection: worth another attempt. */
function isRetryable(error: unknown): boolean {
  const { name, $fault, $metadata, code } = (error ?? {}) as { name?: string; $fault?: string; $metadata?: { httpStatusCode?: number }; code?: unknown };
  const status = $metadata?.httpStatusCode;
  if ($fault === "server" || (status !== undefined && status >= 500) || status === 429) return true;
  if (name === "SlowDown" || name === "RequestTimeout" || name === "TimeoutError" || name === "ThrottlingException") return true;
  // No HTTP answer at all: the connection failed (reset, refused, aborted).
  return status === undefined && (typeof code === "string" || (error instanceof Error && /aborted|socket hang up|ECONNRESET|EPIPE/i.test(error.message)));
}

function reasonOf(error: unknown): string {
  const { name, message, $metadata } = (error ?? {}) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  return `${name ?? "error"}${status === undefined ? "" : ` (HTTP ${status})`}${message && message !== name ? `: ${message}` : ""}`;
}
