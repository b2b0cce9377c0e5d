/**
 * The HTTP settings every AWS client of this project uses (S3 on the main thread and in scan workers,
 * S3 Control), from the run's NetworkTimeouts. The SDK's own client defaults ("legacy" defaults mode)
 * set no timeout at all: a server that stops answering would hold a call forever.
 *
 * - connectionTimeout: the TCP connection.
 * - socketTimeout: the socket's idle timer (no byte sent or received). It stays armed while a
 *   response body is streamed, so a GetObject body that stops half-way fails too ("TimeoutError").
 * - requestTimeout with throwOnRequestTimeout: from the start of the request to its response headers,
 *   request body included (without throwOnRequestTimeout the SDK only logs a warning and keeps waiting).
 *   Uploads of large bodies set a longer one per call (manifest-upload.ts).
 *
 * The SDK retries a TimeoutError like any transient error (standard retry mode), but only up to the
 * response headers: a body that fails later is resumed by s3-object-read.ts.
 */
import type { NetworkTimeouts } from "../../core/settings/network-timeouts.ts";

/** The NodeHttpHandler options of @smithy/node-http-handler that carry timeouts (an S3Client's `requestHandler`). */
export interface RequestHandlerOptions {
  connectionTimeout: number;
  socketTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: boolean;
}

export function requestHandlerOptions(timeouts: NetworkTimeouts): RequestHandlerOptions {
  return {
    connectionTimeout: timeouts.connectMs,
    socketTimeout: timeouts.idleMs,
    requestTimeout: timeouts.awsRequestMs,
    throwOnRequestTimeout: true,
  };
}
