/**
 * S3RangeReader (the Parquet reader's ranged GETs) through the real SDK against the loopback S3 server,
 * with a fault proxy in front: every range after the first is pinned to the first ETag, so an object
 * replaced between two ranges fails instead of mixing two objects; a range whose body breaks off is
 * resumed from the byte reached; an object shorter than manifest.json says fails naming the range.
 */
import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AwsCallError } from "../../action/contracts/errors.ts";
import { networkTimeouts } from "../../action/core/settings/network-timeouts.ts";
import type { S3ClientSettings } from "../../action/io/aws/s3-client.ts";
import { S3RangeReader } from "../../action/io/aws/s3-range-reader.ts";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.ts";
import { LOCAL_S3_CREDENTIALS, LOCAL_S3_REGION, startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";

const OBJECT = randomBytes(200_000);
let s3: LocalS3Server;
let proxy: FaultProxy;
let settings: S3ClientSettings;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["inventories"] });
  proxy = await startFaultProxy(s3.endpoint);
  process.env.AWS_ACCESS_KEY_ID = LOCAL_S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_S3_CREDENTIALS.secretAccessKey;
  settings = { endpointUrl: proxy.url, region: LOCAL_S3_REGION, timeouts: networkTimeouts(1) };
});

afterEach(() => proxy.clear());

afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

const put = (key: string, body: Uint8Array) => s3.client().send(new PutObjectCommand({ Bucket: "inventories", Key: key, Body: body }));

describe("S3RangeReader", () => {
  it("reads the ranges asked for, footer first, then the file in order", async () => {
    await put("data/a.parquet", OBJECT);
    const reader = await S3RangeReader.open(settings, "inventories", "data/a.parquet", OBJECT.length);
    const footer = new Uint8Array(8);
    await reader.readInto(OBJECT.length - 8, footer);
    expect(Buffer.from(footer)).toEqual(OBJECT.subarray(-8));
    const chunks: Uint8Array[] = [];
    await reader.stream(0, OBJECT.length, (chunk) => chunks.push(Buffer.from(chunk)));
    expect(Buffer.concat(chunks)).toEqual(OBJECT);
  });

  it("says the object changed when it is replaced between two ranges (If-Match on the first ETag)", async () => {
    await put("data/b.parquet", OBJECT);
    const reader = await S3RangeReader.open(settings, "inventories", "data/b.parquet", OBJECT.length);
    await reader.readInto(OBJECT.length - 8, new Uint8Array(8));
    await put("data/b.parquet", randomBytes(OBJECT.length));
    const error = await reader.readInto(0, new Uint8Array(100)).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ operation: "GetObject", awsCode: "PreconditionFailed" });
    expect((error as Error).message).toMatch(/^s3:\/\/inventories\/data\/b\.parquet: the object changed while it was being read \(its ETag is no longer [0-9a-f]{32}\)\. Run the plan again once S3 Inventory has finished writing the report\.$/);
    expect(proxy.hits().filter((hit) => hit.method === "GET").at(-1)?.headers["if-match"]).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("resumes a range whose body breaks off half-way, and hands on exactly the range's bytes", async () => {
    await put("data/c.parquet", OBJECT);
    const reader = await S3RangeReader.open(settings, "inventories", "data/c.parquet", OBJECT.length);
    proxy.inject({ method: "GET", path: /c\.parquet/, fault: { kind: "reset-body", afterFraction: 0.5 } });
    const chunks: Uint8Array[] = [];
    await reader.stream(1000, 150_000, (chunk) => chunks.push(Buffer.from(chunk)));
    expect(Buffer.concat(chunks)).toEqual(OBJECT.subarray(1000, 150_000));
    expect(proxy.hits().filter((hit) => hit.fault === "reset-body")).toHaveLength(1);
  });

  it("fails naming the range when the object holds fewer bytes than manifest.json says", async () => {
    await put("data/d.parquet", OBJECT.subarray(0, 98));
    const reader = await S3RangeReader.open(settings, "inventories", "data/d.parquet", 100);
    await expect(reader.readInto(96, new Uint8Array(4))).rejects.toThrow(
      new AwsCallError("GetObject", undefined, "s3://inventories/data/d.parquet: the range bytes=96-99 returned 2 bytes of 4. The object is shorter than manifest.json says; re-run the plan on a complete report."),
    );
  });
});
