/**
 * Decodes an `aws-chunked` request body (UG/API "Signature Calculations ... Chunked Upload" and
 * "... Including Trailing Headers") into the object's bytes:
 *
 *   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n[<trailers>]\r\n
 *
 * With STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] each chunk's signature is checked against the
 * chain that starts at the request's seed signature; trailer lines (x-amz-checksum-crc32:...) are
 * collected, and with -TRAILER their x-amz-trailer-signature is checked too.
 */
import { createHash, createHmac, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import type { VerifiedSignature } from "../s3-control-server/sigv4-check.ts";
import { S3Error } from "./s3-error.ts";

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const MAX_LINE_BYTES = 4096;

type State = "size" | "data" | "data-end" | "trailer" | "done";

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers by lower-case name, once the body has ended. */
  readonly trailers = new Map<string, string>();
  private state: State = "size";
  private line = Buffer.alloc(0);
  private remaining = 0;
  private chunkHash: Hash | undefined;
  private previousSignature: string;
  private chunkSignature = "";
  private readonly trailerLines: string[] = [];
  private readonly signed: VerifiedSignature | undefined;

  /** `signed`: the request's verified signature when chunks carry signatures, else undefined. */
  constructor(signed: VerifiedSignature | undefined) {
    super();
    this.signed = signed;
    this.previousSignature = signed?.signature ?? "";
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.state === "done" ? undefined : incomplete());
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.state === "data") {
        const take = Math.min(this.remaining, chunk.length - offset);
        const data = chunk.subarray(offset, offset + take);
        this.chunkHash?.update(data);
        this.push(data);
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = "data-end";
        continue;
      }
      if (this.state === "done") throw new S3Error(400, "InvalidRequest", "The aws-chunked body has bytes after its final chunk.");
      const end = chunk.indexOf(0x0a, offset);
      const piece = chunk.subarray(offset, end === -1 ? chunk.length : end + 1);
      this.line = this.line.length === 0 ? Buffer.from(piece) : Buffer.concat([this.line, piece]);
      offset += piece.length;
      if (this.line.length > MAX_LINE_BYTES) throw malformed("a chunk header line is too long");
      if (end === -1) continue;
      const text = this.line.toString("latin1");
      this.line = Buffer.alloc(0);
      if (!text.endsWith("\r\n")) throw malformed("a chunk line does not end in CRLF");
      this.onLine(text.slice(0, -2));
    }
  }

  private onLine(text: string): void {
    if (this.state === "data-end") {
      if (text !== "") throw malformed("chunk data is longer than its declared size");
      this.verifyChunk();
      this.state = "size";
      return;
    }
    if (this.state === "size") {
      const match = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
      if (match === null) throw malformed(`bad chunk header "${text.slice(0, 80)}"`);
      if (this.signed !== undefined && match[2] === undefined) throw new S3Error(403, "SignatureDoesNotMatch", "A chunk of a signed aws-chunked body has no chunk-signature.");
      this.remaining = Number.parseInt(match[1] ?? "0", 16);
      this.chunkSignature = match[2] ?? "";
      this.chunkHash = this.signed === undefined ? undefined : createHash("sha256");
      if (this.remaining > 0) {
        this.state = "data";
        return;
      }
      this.verifyChunk();
      this.state = "trailer";
      return;
    }
    // trailer section: header lines until an empty line
    if (text === "") {
      this.verifyTrailer();
      this.state = "done";
      return;
    }
    const colon = text.indexOf(":");
    if (colon <= 0) throw malformed(`bad trailing header "${text.slice(0, 80)}"`);
    const name = text.slice(0, colon).trim().toLowerCase();
    this.trailers.set(name, text.slice(colon + 1).trim());
    if (name !== "x-amz-trailer-signature") this.trailerLines.push(`${name}:${text.slice(colon + 1).trim()}\n`);
  }

  private verifyChunk(): void {
    if (this.signed === undefined) return;
    const stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", this.signed.amzDate, this.signed.scope, this.previousSignature, EMPTY_SHA256, this.chunkHash?.digest("hex") ?? EMPTY_SHA256].join("\n");
    const expected = createHmac("sha256", this.signed.signingKey).update(stringToSign).digest("hex");
    if (expected !== this.chunkSignature) {
      throw new S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided (aws-chunked chunk signature).");
    }
    this.previousSignature = expected;
  }

  private verifyTrailer(): void {
    const signature = this.trailers.get("x-amz-trailer-signature");
    if (this.signed === undefined || signature === undefined) return;
    const hashed = createHash("sha256").update(this.trailerLines.join("")).digest("hex");
    const stringToSign = ["AWS4-HMAC-SHA256-TRAILER", this.signed.amzDate, this.signed.scope, this.previousSignature, hashed].join("\n");
    if (createHmac("sha256", this.signed.signingKey).update(stringToSign).digest("hex") !== signature) {
      throw new S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided (aws-chunked trailer signature).");
    }
  }
}

function malformed(what: string): S3Error {
  return new S3Error(400, "InvalidChunkSizeError", `The aws-chunked body is malformed: ${what}.`);
}

function incomplete(): S3Error {
  return new S3Error(400, "IncompleteBody", "The request body terminated unexpectedly (the aws-chunked body has no final chunk).");
}
