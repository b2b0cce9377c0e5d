/**
 * readS3Object through the real SDK against the loopback S3 server, with a fault proxy in front:
 * a body that resets, stalls or trickles is resumed from the byte reached with a ranged GetObject
 * pinned to the first ETag, and the caller gets exactly the object's bytes; a read that cannot go on
 * fails with a message naming the object, the attempts and what to do.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { networkTimeouts } from "../../action/core/settings/network-timeouts.ts";
import { createS3Client } from "../../action/io/aws/s3-client.ts";
import { readS3Object, type S3ReadRetry } from "../../action/io/aws/s3-object-read.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { LOCAL_S3_CREDENTIALS, LOCAL_S3_REGION, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";

const OBJECT = randomBytes(300_000);
const IDLE_MS = 1000;
let s3: LocalS3Server;
let proxy: FaultProxy;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["data"] });
  await s3.client().send(new PutObjectCommand({ Bucket: "data", Key: "object.bin", Body: OBJECT }));
  proxy = await startFaultProxy(s3.endpoint);
  process.env.AWS_ACCESS_KEY_ID = LOCAL_S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_S3_CREDENTIALS.secretAccessKey;
  client = createS3Client({ endpointUrl: proxy.url, region: LOCAL_S3_REGION, timeouts: networkTimeouts(IDLE_MS / 1000) });
});

afterEach(() => proxy.clear());

afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

async function readAll(options: Partial<Parameters<typeof readS3Object>[1]> = {}, retries: S3ReadRetry[] = []): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readS3Object(client, { bucket: "data", key: "object.bin", idleMs: IDLE_MS, onRetry: (retry) => retries.push(retry), ...options })) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const gets = () => proxy.hits().filter((hit) => hit.method === "GET");

describe("readS3Object", () => {
  it("reads an object whole in one GetObject when nothing fails", async () => {
    const before = gets().length;
    expect((await readAll()).equals(OBJECT)).toBe(true);
    expect(gets().length - before).toBe(1);
  });

  it("resumes a body cut half-way with a ranged GetObject pinned to the first ETag", async () => {
    proxy.inject({ method: "GET", fault: { kind: "reset-body", afterFraction: 0.5 } });
    const before = gets().length;
    const retries: S3ReadRetry[] = [];
    expect((await readAll({}, retries)).equals(OBJECT)).toBe(true);
    const [first, second] = gets().slice(before);
    expect(first!.headers.range).toBeUndefined();
    expect(second!.headers.range).toBe(`bytes=${retries[0]!.at}-`);
    expect(second!.headers["if-match"]).toMatch(/^"[0-9a-f]{32}"$/);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.at).toBeGreaterThan(0);
  });

  it("gives up on a body silent for the idle timeout and resumes it", async () => {
    proxy.inject({ method: "GET", fault: { kind: "stall-body", afterBytes: 50_000 } });
    const retries: S3ReadRetry[] = [];
    const started = Date.now();
    expect((await readAll({}, retries)).equals(OBJECT)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(retries).toEqual([expect.objectContaining({ attempt: 2, reason: "no byte for 1 s" })]);
  });

  it("resumes a body that trickles slower than 8 KiB/s on a new connection", async () => {
    proxy.inject({ method: "GET", fault: { kind: "slow-body", bytesPerSecond: 1024 } });
    const retries: S3ReadRetry[] = [];
    expect((await readAll({}, retries)).equals(OBJECT)).toBe(true);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason).toMatch(/KiB\/s for .* \(slower than 8 KiB\/s\)/);
  });

  it("reads one byte range, resumed within it", async () => {
    proxy.inject({ method: "GET", fault: { kind: "reset-body", afterBytes: 1000 } });
    const bytes = await readAll({ start: 100_000, end: 150_000 });
    expect(bytes.equals(OBJECT.subarray(100_000, 150_000))).toBe(true);
    const [first, second] = gets().slice(-2);
    expect(first!.headers.range).toBe("bytes=100000-149999");
    // From where the first attempt stopped (bytes still buffered when the connection is cut are lost).
    expect(second!.headers.range).toMatch(/^bytes=1\d{5}-149999$/);
  });

  it("fails naming the object, the attempts and the byte reached when every attempt stalls", async () => {
    proxy.inject({ method: "GET", times: 3, fault: { kind: "stall-body", afterBytes: 1000 } });
    const error = await readAll({ maxAttempts: 3 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^s3:\/\/data\/object\.bin: GetObject gave up after 3 attempts in [\d.]+ s, at byte 3,000 of 300,000 \(last attempt: no byte for 1 s\)\. Check the network path to S3/);
    expect((error as { awsCode?: string }).awsCode).toBe("BodyFailed");
  });

  it("fails when the object is replaced between two attempts, instead of mixing two objects", async () => {
    await s3.client().send(new PutObjectCommand({ Bucket: "data", Key: "replaced.bin", Body: OBJECT }));
    proxy.inject({ method: "GET", fault: { kind: "stall-body", afterBytes: 1000 } });
    const reading = (async () => {
      for await (const _ of readS3Object(client, {
        bucket: "data",
        key: "replaced.bin",
        idleMs: IDLE_MS,
        onOpen: () => void s3.client().send(new PutObjectCommand({ Bucket: "data", Key: "replaced.bin", Body: randomBytes(5000) })),
      }));
    })();
    const error = await reading.catch((caught: Error) => caught);
    // The S3 server honours If-Match as S3 does: the resumed GET, pinned to the first ETag, is refused.
    expect((error as Error).message).toMatch(/^s3:\/\/data\/replaced\.bin: the object changed while it was read \(ETag "[0-9a-f]{32}" when the read began; then GetObject answered PreconditionFailed when the read resumed at byte 1,000\)/);
  });
});

describe("readS3Object against a server that ignores Range", () => {
  let server: Server;
  let endpoint: string;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      res.writeHead(200, { etag: '"abc"', "content-length": OBJECT.length, "content-type": "application/octet-stream" });
      if (requests === 1) {
        res.write(OBJECT.subarray(0, 120_000));
        setTimeout(() => res.socket?.destroy(), 20);
      } else res.end(OBJECT);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("restarts from byte 0 and skips the bytes already read, so the stream is still the object", async () => {
    const plain = createS3Client({ endpointUrl: endpoint, region: LOCAL_S3_REGION, timeouts: networkTimeouts(1) });
    const chunks: Uint8Array[] = [];
    for await (const chunk of readS3Object(plain, { bucket: "data", key: "object.bin", idleMs: IDLE_MS })) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(OBJECT)).toBe(true);
    expect(requests).toBe(2);
  });
});
