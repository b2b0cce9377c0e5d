/**
 * The shapes every operation handler shares: the parsed request (path-style bucket and key, raw
 * query, signature), the response it returns (status, headers, an XML document or a body stream),
 * and the server context (store, clock, test switches).
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { VerifiedSignature } from "../s3-control-server/sigv4-check.ts";
import type { S3Store } from "./s3-store.ts";

export interface S3Request {
  req: IncomingMessage;
  method: string;
  /** The path as sent, still percent-encoded ("/bucket/a%20b"). */
  rawPath: string;
  bucket: string | undefined;
  /** The decoded object key ("a b"), or undefined for bucket and service requests. */
  key: string | undefined;
  query: URLSearchParams;
  operation: string;
  /** Set once the Authorization header has been verified. */
  signature: VerifiedSignature | undefined;
  header(name: string): string | undefined;
}

export interface S3Response {
  status: number;
  headers?: Record<string, string | undefined>;
  xml?: { root: string; content: Record<string, unknown> };
  /** A body stream (GetObject), sent with Content-Length `bodyLength`. */
  body?: Readable;
  bodyLength?: number;
}

export interface ServerSettings {
  /** false: HeadObject/GetObject never return x-amz-checksum-* (test switch omitChecksums). */
  returnChecksums: boolean;
  /** Smallest size of every part but the last in CompleteMultipartUpload (S3: 5 MiB). */
  minPartBytes: number;
}

export interface ServerContext {
  store: S3Store;
  settings: ServerSettings;
}

export type OperationHandler = (request: S3Request, server: ServerContext) => Promise<S3Response>;

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}
