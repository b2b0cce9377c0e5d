/**
 * Verifies an AWS Signature Version 4 Authorization header by re-signing the received request with
 * the known secret (signing name "s3", as S3 Control uses) and comparing signatures.
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

export async function verifySigV4(
  credentials: Credentials,
  request: { method: string; url: URL; headers: IncomingHttpHeaders; body: Buffer },
): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    throw new S3ControlError(403, "AccessDenied", "Access Denied: the request is not signed (expected an AWS4-HMAC-SHA256 Authorization header).");
  }
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (match === null) throw new S3ControlError(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; expected AWS4-HMAC-SHA256.");
  const [, accessKeyId, , region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId) {
    throw new S3ControlError(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
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
  const signer = new SignatureV4({ credentials, region: region ?? "", service: service ?? "s3", sha256: NodeSha256, uriEscapePath: false });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: Number(request.url.port),
      path: request.url.pathname,
      query,
      headers,
      body: request.body.length === 0 ? undefined : request.body,
    },
    { signingDate: parseAmzDate(amzDate), signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  if (expected.length !== 64 || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature ?? ""))) {
    throw new S3ControlError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
  }
}

function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) throw new S3ControlError(403, "AccessDenied", `Access Denied: missing or malformed x-amz-date header ("${value}").`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
