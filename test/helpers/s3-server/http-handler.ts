/**
 * One request to the local S3 server: path-style parse, operation routing, SigV4 check, the test
 * control deny(), the operation, then the response (an XML document, a streamed body, or headers
 * only) or S3's error XML. Every request is logged for tests.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { verifySigV4, type Credentials } from "../s3-control-server/sigv4-check.ts";
import { routeOperation } from "./operation-router.ts";
import { headerValue, type OperationHandler, type S3Request, type S3Response, type ServerContext } from "./request-context.ts";
import { errorXml, S3Error } from "./s3-error.ts";
import { buildResponseXml } from "./xml-codec.ts";

export interface S3RequestLogEntry {
  operation: string;
  method: string;
  /** Path and query as sent. */
  url: string;
  bucket: string | undefined;
  key: string | undefined;
  status: number;
  errorCode: string | undefined;
}

export interface HttpContext {
  server: ServerContext;
  credentials: Credentials;
  handlers: Record<string, OperationHandler>;
  log: S3RequestLogEntry[];
}

export async function handleS3Request(http: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomBytes(8).toString("hex").toUpperCase();
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const entry: S3RequestLogEntry = { operation: "Unknown", method, url, bucket: undefined, key: undefined, status: 0, errorCode: undefined };
  http.log.push(entry);
  let response: S3Response;
  try {
    const { bucket, key } = parsePath(rawPath);
    Object.assign(entry, { bucket, key });
    const query = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
    const operation = routeOperation(method, bucket, key, query, headerValue(req, "x-amz-copy-source") !== undefined);
    entry.operation = operation;
    const request: S3Request = { req, method, rawPath, bucket, key, query, operation, signature: undefined, header: (name) => headerValue(req, name) };
    const signedUrl = new URL(url, `http://${headerValue(req, "host") ?? "127.0.0.1"}`);
    request.signature = await verifySigV4(http.credentials, { method, url: signedUrl, headers: req.headers, rawPath }, (status, code, message) => new S3Error(status, code, message));
    const denied = bucket !== undefined && http.server.store.hasBucket(bucket) ? http.server.store.bucket(bucket).denied.get(operation) : undefined;
    if (denied !== undefined) throw S3Error.accessDenied(denied);
    const handler = http.handlers[operation];
    if (handler === undefined) throw S3Error.notImplemented(operation);
    response = await handler(request, http.server);
  } catch (error) {
    const failure = error instanceof S3Error ? error : new S3Error(500, "InternalError", `Local S3 server error: ${(error as Error).stack ?? String(error)}`);
    entry.status = failure.status;
    entry.errorCode = failure.code;
    if (!req.readableEnded) req.resume();
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = method === "HEAD" ? "" : errorXml(failure, requestId);
    res.writeHead(failure.status, { ...commonHeaders(requestId), ...failure.headers, ...(body === "" ? {} : { "content-type": "application/xml", "content-length": Buffer.byteLength(body) }) });
    res.end(body);
    return;
  }
  entry.status = response.status;
  if (!req.readableEnded) req.resume();
  await writeResponse(res, method, requestId, response);
}

async function writeResponse(res: ServerResponse, method: string, requestId: string, response: S3Response): Promise<void> {
  const headers: Record<string, string> = commonHeaders(requestId);
  for (const [name, value] of Object.entries(response.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (response.xml !== undefined) {
    const body = buildResponseXml(response.xml.root, response.xml.content);
    res.writeHead(response.status, { ...headers, "content-type": "application/xml", "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
    return;
  }
  if (response.body !== undefined && method !== "HEAD") {
    res.writeHead(response.status, { ...headers, "content-length": String(response.bodyLength ?? 0) });
    await pipeline(response.body, res).catch(() => res.destroy());
    return;
  }
  response.body?.destroy();
  if (response.bodyLength !== undefined) headers["content-length"] = String(response.bodyLength);
  else if (response.status !== 204 && response.status !== 304) headers["content-length"] = "0";
  res.writeHead(response.status, headers);
  res.end();
}

function commonHeaders(requestId: string): Record<string, string> {
  return { "x-amz-request-id": requestId, "x-amz-id-2": requestId, server: "AmazonS3" };
}

/** "/bucket/a%20b" -> { bucket: "bucket", key: "a b" }; "/bucket" and "/bucket/" -> bucket only; "/" -> neither. */
function parsePath(rawPath: string): { bucket: string | undefined; key: string | undefined } {
  const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  if (path === "") return { bucket: undefined, key: undefined };
  const slash = path.indexOf("/");
  const rawBucket = slash === -1 ? path : path.slice(0, slash);
  const rawKey = slash === -1 ? "" : path.slice(slash + 1);
  try {
    return { bucket: decodeURIComponent(rawBucket), key: rawKey === "" ? undefined : decodeURIComponent(rawKey) };
  } catch {
    throw new S3Error(400, "InvalidURI", "Couldn't parse the specified URI.", { URI: rawPath });
  }
}
