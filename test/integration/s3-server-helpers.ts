/**
 * Shared by the local S3 server's own tests: what an SDK call failed with, and a body as text.
 */
import type { Readable } from "node:stream";

export interface SdkFailure {
  name: string;
  message: string;
  status: number | undefined;
  /** The raw response headers, for HEAD errors that carry only headers. */
  headers: Record<string, string>;
}

/** Awaits a call that must fail and returns the SDK error's name, message and HTTP status. */
export async function failure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
    return { name: e.name ?? "", message: e.message ?? "", status: e.$metadata?.httpStatusCode, headers: e.$response?.headers ?? {} };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export async function text(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
