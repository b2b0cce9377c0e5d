/**
 * Verifies an AWS Signature Version 4 Authorization header by re-signing the received request with
 * the known secret and comparing signatures. Shared by the loopback S3 Control and S3 servers: each
 * passes its own error factory. The payload hash is the signed x-amz-content-sha256 header when the
 * request has one (S3 always does; the S3 server then checks the body against it while streaming),
 * otherwise the SHA-256 of the body given.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { S3ControlError } from "./s3-control-error.ts";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** node:crypto behind the hash interface SignatureV4 expects (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** Builds the error a failed check throws (the S3 Control server's by default). */
export type SigV4Failure = (status: number, code: string, message: string) => Error;

/** What a verified Authorization header says; the S3 server needs it to check signed aws-chunked bodies. */
export interface VerifiedSignature {
  accessKeyId: string;
  /** x-amz-date, e.g. "20130524T000000Z". */
  amzDate: string;
  /** "20130524/us-east-1/s3/aws4_request" */
  scope: string;
  /** The request's (seed) signature, hex. */
  signature: string;
  /** The derived SigV4 signing key for this date, region and service. */
  signingKey: Buffer;
}

const s3ControlFailure: SigV4Failure = (status, code, message) => new S3ControlError(status, code, message);

export async function verifySigV4(
  credentials: Credentials,
  request: { method: string; url: URL; headers: IncomingHttpHeaders; body?: Buffer | undefined; rawPath?: string },
  fail: SigV4Failure = s3ControlFailure,
): Promise<VerifiedSignature> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    throw fail(403, "AccessDenied", "Access Denied: the request is not signed (expected an AWS4-HMAC-SHA256 Authorization header).");
  }
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (match === null) throw fail(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; expected AWS4-HMAC-SHA256.");
  const [, accessKeyId = "", date = "", region = "", service = "", signedHeaderList, signature = ""] = match;
  if (accessKeyId !== credentials.accessKeyId) {
    throw fail(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
  }
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  const signedHeaders = (signedHeaderList ?? "").split(";");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(request.headers[name] ?? "");
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(request.url.searchParams.keys())) {
    const values = request.url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  const signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256, uriEscapePath: false });
  const body = request.body === undefined || request.body.length === 0 ? undefined : request.body;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: Number(request.url.port),
      // S3 signs the path exactly as sent (URL() would resolve "." and ".." segments of a key).
      path: request.rawPath ?? request.url.pathname,
      query,
      headers,
      body,
    },
    { signingDate: parseAmzDate(amzDate, fail), signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  if (expected.length !== 64 || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw fail(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
  }
  return { accessKeyId, amzDate, scope: `${date}/${region}/${service}/aws4_request`, signature, signingKey: deriveSigningKey(credentials.secretAccessKey, date, region, service) };
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  let key: Buffer = Buffer.from(`AWS4${secret}`, "utf8");
  for (const part of [date, region, service, "aws4_request"]) key = createHmac("sha256", key).update(part, "utf8").digest();
  return key;
}

function parseAmzDate(value: string, fail: SigV4Failure): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) throw fail(403, "AccessDenied", `Access Denied: missing or malformed x-amz-date header ("${value}").`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
