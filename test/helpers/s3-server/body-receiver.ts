/**
 * Receives a request body the way S3 checks it: plain, or aws-chunked (decoded, chunk signatures and
 * trailers checked); the SHA-256 of a signed payload (x-amz-content-sha256), Content-MD5 and any
 * x-amz-checksum-* value (header or trailer) are verified as the bytes pass, never by reading the
 * whole body into memory. The caller gives the sink (a file) and removes it when this throws.
 */
import { createHash, type Hash } from "node:crypto";
import { Transform, Writable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AwsChunkedDecoder } from "./aws-chunked-decoder.ts";
import { checksumHeader, createChecksumHasher, parseChecksumAlgorithm, type ChecksumAlgorithm, type ChecksumHasher } from "./checksums.ts";
import type { S3Request } from "./request-context.ts";
import { S3Error } from "./s3-error.ts";

export interface ReceivedBody {
  size: number;
  md5Hex: string;
  /** The verified checksum the request sent, or the one computed for `options.compute`. */
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

export interface ReceiveOptions {
  /** Compute this checksum when the request sends none. */
  compute?: ChecksumAlgorithm | undefined;
  maxBytes?: number;
}

const NOT_CHECKSUMS = new Set(["x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode"]);
const SINGLE_PUT_MAX_BYTES = 5 * 1024 ** 3;

/** The checksum a request declares: the algorithm, and its value unless it comes in a trailer. */
export function declaredChecksum(request: S3Request): { algorithm: ChecksumAlgorithm; value: string | undefined } | undefined {
  const names = Object.keys(request.req.headers).filter((name) => name.startsWith("x-amz-checksum-") && !NOT_CHECKSUMS.has(name));
  if (names.length > 1) throw S3Error.invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  const trailer = request.header("x-amz-trailer");
  if (names[0] !== undefined) return { algorithm: parseChecksumAlgorithm(names[0]), value: request.header(names[0]) };
  if (trailer !== undefined && trailer.startsWith("x-amz-checksum-")) return { algorithm: parseChecksumAlgorithm(trailer), value: undefined };
  if (request.header("x-amz-sdk-checksum-algorithm") !== undefined) {
    throw S3Error.invalidRequest("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
  }
  return undefined;
}

export async function receiveBody(request: S3Request, sink: Writable, options: ReceiveOptions = {}): Promise<ReceivedBody> {
  const payloadHash = request.header("x-amz-content-sha256");
  if (payloadHash === undefined) throw S3Error.invalidRequest("Missing required header for this request: x-amz-content-sha256");
  const chunked = payloadHash.startsWith("STREAMING-");
  if (!chunked && payloadHash !== "UNSIGNED-PAYLOAD" && !/^[0-9a-f]{64}$/.test(payloadHash)) {
    throw S3Error.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], or a valid sha256 value.", "x-amz-content-sha256", payloadHash);
  }
  if (chunked && payloadHash.includes("ECDSA")) throw S3Error.notImplemented(`${payloadHash} (SigV4a)`);
  if (chunked && !["STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"].includes(payloadHash)) {
    throw S3Error.invalidArgument(`Unsupported x-amz-content-sha256 value ${payloadHash}.`, "x-amz-content-sha256", payloadHash);
  }
  const declared = declaredChecksum(request);
  const algorithm = declared?.algorithm ?? options.compute;
  const decodedLength = request.header("x-amz-decoded-content-length");
  const length = Number(chunked ? decodedLength : (request.header("content-length") ?? "0"));
  if (chunked && (decodedLength === undefined || !/^\d+$/.test(decodedLength))) {
    throw new S3Error(411, "MissingContentLength", "You must provide the x-amz-decoded-content-length HTTP header with an aws-chunked body.");
  }
  const maxBytes = options.maxBytes ?? SINGLE_PUT_MAX_BYTES;
  if (length > maxBytes) throw new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", { ProposedSize: String(length), MaxSizeAllowed: String(maxBytes) });

  const tap = new HashTap(payloadHash.length === 64 && !chunked, algorithm === undefined ? undefined : createChecksumHasher(algorithm), maxBytes);
  const decoder = chunked ? new AwsChunkedDecoder(payloadHash.startsWith("STREAMING-AWS4-HMAC-SHA256") ? request.signature : undefined) : undefined;
  try {
    await (decoder === undefined ? pipeline(request.req, tap, sink) : pipeline(request.req, decoder, tap, sink));
  } catch (error) {
    if (error instanceof S3Error) throw error;
    throw new S3Error(400, "IncompleteBody", `The request body terminated unexpectedly (${(error as Error).message}).`);
  }
  if (chunked && tap.size !== length) {
    throw new S3Error(400, "IncompleteBody", `The decoded aws-chunked body has ${tap.size} bytes, x-amz-decoded-content-length says ${length}.`);
  }
  if (tap.sha256 !== undefined && tap.sha256.digest("hex") !== payloadHash) {
    throw new S3Error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const md5 = tap.md5.digest();
  checkContentMd5(request.header("content-md5"), md5);
  const computed = tap.checksum?.digest();
  if (declared !== undefined) {
    const sent = declared.value ?? decoder?.trailers.get(checksumHeader(declared.algorithm));
    if (sent === undefined) throw S3Error.invalidRequest(`The request names the trailer ${checksumHeader(declared.algorithm)} but the body has no such trailing header.`);
    if (sent !== computed) throw new S3Error(400, "BadDigest", `The ${declared.algorithm} you specified did not match the calculated checksum.`);
  }
  return { size: tap.size, md5Hex: md5.toString("hex"), checksum: algorithm === undefined || computed === undefined ? undefined : { algorithm, value: computed } };
}

/** A small XML request body (configurations, tag sets, part lists), checked like any other. */
export async function readSmallBody(request: S3Request, maxBytes = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await receiveBody(request, sink, { maxBytes });
  return Buffer.concat(chunks);
}

function checkContentMd5(header: string | undefined, md5: Buffer): void {
  if (header === undefined) return;
  const sent = Buffer.from(header, "base64");
  if (sent.length !== 16 || sent.toString("base64") !== header) throw new S3Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
  if (!sent.equals(md5)) throw new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
}

class HashTap extends Transform {
  readonly md5: Hash = createHash("md5");
  readonly sha256: Hash | undefined;
  readonly checksum: ChecksumHasher | undefined;
  size = 0;
  private readonly maxBytes: number;

  constructor(sha256: boolean, checksum: ChecksumHasher | undefined, maxBytes: number) {
    super();
    this.sha256 = sha256 ? createHash("sha256") : undefined;
    this.checksum = checksum;
    this.maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", { MaxSizeAllowed: String(this.maxBytes) }));
      return;
    }
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
    callback(null, chunk);
  }
}
