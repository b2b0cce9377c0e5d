import { Readable } from "node:stream";
import { GetObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AwsCallError } from "../../../../../action/contracts/errors.ts";
import { S3RangeReader } from "../../../../../action/io/aws/s3-range-reader.ts";

/** The SDK boundary: each GetObject answered from `answer`, the commands recorded. */
function stubGetObject(answer: (input: GetObjectCommand["input"], call: number) => unknown): GetObjectCommand["input"][] {
  const inputs: GetObjectCommand["input"][] = [];
  vi.spyOn(S3Client.prototype, "send").mockImplementation(async (command: unknown) => {
    const input = (command as GetObjectCommand).input;
    inputs.push(input);
    return answer(input, inputs.length) as never;
  });
  return inputs;
}

const body = (bytes: number[]) => ({ ETag: '"0123456789abcdef0123456789abcdef"', Body: Readable.from([Buffer.from(bytes)]) });

describe("S3RangeReader", () => {
  afterEach(() => vi.restoreAllMocks());

  it("pins every range after the first to the first response's ETag with If-Match", async () => {
    const inputs = stubGetObject(() => body([1, 2, 3, 4]));
    const reader = await S3RangeReader.open({ region: "us-east-1" }, "inventories", "data/a.parquet", 100);
    await reader.readInto(96, new Uint8Array(4));
    await reader.readInto(0, new Uint8Array(4));
    expect(inputs.map((input) => [input.Range, input.IfMatch])).toEqual([
      ["bytes=96-99", undefined],
      ["bytes=0-3", '"0123456789abcdef0123456789abcdef"'],
    ]);
  });

  it("says the object changed when a later range fails its If-Match (PreconditionFailed)", async () => {
    stubGetObject((_, call) => {
      if (call === 1) return body([1, 2, 3, 4]);
      throw new S3ServiceException({ name: "PreconditionFailed", $fault: "client", $metadata: { httpStatusCode: 412 }, message: "At least one of the pre-conditions you specified did not hold" });
    });
    const reader = await S3RangeReader.open({ region: "us-east-1" }, "inventories", "data/a.parquet", 100);
    await reader.readInto(96, new Uint8Array(4));
    const error = await reader.readInto(0, new Uint8Array(4)).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ operation: "GetObject", awsCode: "PreconditionFailed" });
    expect((error as Error).message).toBe(
      's3://inventories/data/a.parquet: the object changed while it was being read (its ETag is no longer "0123456789abcdef0123456789abcdef"). Run the plan again once S3 Inventory has finished writing the report.',
    );
  });

  it("fails naming the range when the object holds fewer bytes than manifest.json says", async () => {
    stubGetObject(() => body([1, 2]));
    const reader = await S3RangeReader.open({ region: "us-east-1" }, "inventories", "data/a.parquet", 100);
    await expect(reader.readInto(96, new Uint8Array(4))).rejects.toThrow(
      new AwsCallError("GetObject", undefined, "s3://inventories/data/a.parquet: the range bytes=96-99 returned 2 bytes of 4. The object is shorter than manifest.json says; re-run the plan on a complete report."),
    );
  });
});
