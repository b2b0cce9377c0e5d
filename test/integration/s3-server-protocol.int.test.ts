/**
 * The local S3 server's wire protocol: SigV4 on every request (unsigned, wrong secret), the payload
 * hash of a signed body, aws-chunked bodies (AWS's own signed chunked-upload example from the API
 * Reference "Signature Calculations ... Chunked Upload", and an unsigned body with a trailing checksum),
 * and 501 NotImplemented for an operation it does not implement.
 */
import { createHash, createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { GetBucketLifecycleConfigurationCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure } from "./s3-server-helpers.ts";

const EXAMPLE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
let server: LocalS3Server;
let example: LocalS3Server;

interface RawResponse {
  status: number;
  body: string;
}

function send(target: LocalS3Server, method: string, path: string, headers: Record<string, string>, body: Buffer | string = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: target.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** node:crypto as SignatureV4's hash (an HMAC when constructed with a secret). */
class Sha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data);
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

/** Signs a request for the local server the way the SDK does (payload hash taken from x-amz-content-sha256). */
async function signed(path: string, method: string, headers: Record<string, string>): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, region: "us-east-1", service: "s3", sha256: Sha256, uriEscapePath: false });
  const host = `127.0.0.1:${server.port}`;
  const request = await signer.sign({ method, protocol: "http:", hostname: "127.0.0.1", port: server.port, path, query: {}, headers: { host, ...headers } });
  return request.headers as Record<string, string>;
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ["wire"] });
  example = await startS3Server({ buckets: ["examplebucket"], credentials: EXAMPLE });
});
afterAll(async () => {
  await server.stop();
  await example.stop();
});

describe("local S3 server: signatures", () => {
  it("refuses an unsigned request with 403 AccessDenied and a wrong secret with 403 SignatureDoesNotMatch", async () => {
    const unsigned = await send(server, "GET", "/wire?list-type=2", {});
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain("<Code>AccessDenied</Code>");
    expect(unsigned.body).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    const wrong = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "wrong" } });
    expect(await failure(wrong.send(new ListObjectsV2Command({ Bucket: "wire" })))).toMatchObject({ name: "SignatureDoesNotMatch", status: 403 });
    wrong.destroy();
  });

  it("refuses a body that does not match its signed x-amz-content-sha256 with 400 XAmzContentSHA256Mismatch", async () => {
    const headers = await signed("/wire/tampered", "PUT", { "x-amz-content-sha256": createHash("sha256").update("hello").digest("hex"), "content-length": "5" });
    const response = await send(server, "PUT", "/wire/tampered", headers, "jello");
    expect(response.status, response.body).toBe(400);
    expect(response.body).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    expect(server.head("wire", "tampered")).toBeUndefined();
  });
});

describe("local S3 server: aws-chunked bodies", () => {
  const chunk = (size: number, signature: string): string => `${size.toString(16)};chunk-signature=${signature}\r\n${"a".repeat(size)}\r\n`;
  const exampleHeaders = {
    host: "s3.amazonaws.com",
    "x-amz-date": "20130524T000000Z",
    "x-amz-storage-class": "REDUCED_REDUNDANCY",
    authorization:
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
    "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "content-encoding": "aws-chunked",
    "x-amz-decoded-content-length": "66560",
    "content-length": "66824",
  };
  const exampleBody = (first: string) =>
    chunk(65536, first) + chunk(1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497") + chunk(0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");

  it("accepts AWS's published signed chunked upload: seed and chunk signatures check out and the object is the 66,560 decoded bytes", async () => {
    const response = await send(example, "PUT", "/examplebucket/chunkObject.txt", exampleHeaders, exampleBody("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"));
    expect(response.status, response.body).toBe(200);
    expect(example.head("examplebucket", "chunkObject.txt")).toMatchObject({ size: 66560, storageClass: "REDUCED_REDUNDANCY", etag: `"${createHash("md5").update("a".repeat(66560)).digest("hex")}"` });
  });

  it("refuses the same upload with a wrong chunk signature with 403 SignatureDoesNotMatch and stores nothing", async () => {
    const response = await send(example, "PUT", "/examplebucket/forged.txt", exampleHeaders, exampleBody("0".repeat(64)));
    expect(response.status).toBe(403);
    expect(response.body).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(example.head("examplebucket", "forged.txt")).toBeUndefined();
  });

  it("refuses an unsigned aws-chunked body whose trailing checksum does not match with 400 BadDigest", async () => {
    const body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
    const headers = await signed("/wire/trailer", "PUT", {
      "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": "5",
      "x-amz-trailer": "x-amz-checksum-crc32",
      "content-length": String(body.length),
    });
    const response = await send(server, "PUT", "/wire/trailer", headers, body);
    expect(response.status).toBe(400);
    expect(response.body).toContain("<Code>BadDigest</Code>");
    expect(server.head("wire", "trailer")).toBeUndefined();
  });
});

describe("local S3 server: operations it does not implement", () => {
  it("answers 501 NotImplemented naming the subresource, never a silent success", async () => {
    const s3 = server.client();
    const refused = await failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: "wire" })));
    expect(refused).toMatchObject({ name: "NotImplemented", status: 501 });
    expect(refused.message).toContain("?lifecycle");
    s3.destroy();
  });
});
