/**
 * Multipart uploads on the local S3 server through @aws-sdk/client-s3: the multipart ETag
 * ("<MD5 of the part MD5s>-<parts>"), COMPOSITE and FULL_OBJECT checksums, ListParts, AbortMultipartUpload,
 * and CompleteMultipartUpload's refusals (part order, unknown parts, parts under 5 MiB).
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type LocalS3Server } from "../helpers/s3-server.ts";
import { failure, text } from "./s3-server-helpers.ts";

const MIB = 1024 * 1024;
let server: LocalS3Server;
let s3: S3Client;
const PARTS = [Buffer.alloc(5 * MIB, "a"), Buffer.alloc(5 * MIB, "b"), Buffer.from("tail")];

async function upload(key: string, parts: Buffer[], checksum?: { algorithm: ChecksumAlgorithm; type?: "COMPOSITE" | "FULL_OBJECT" }): Promise<{ uploadId: string; completed: CompletedPart[] }> {
  const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: "mpu", Key: key, ChecksumAlgorithm: checksum?.algorithm, ChecksumType: checksum?.type, Metadata: { kind: "big" } }));
  const uploadId = created.UploadId ?? "";
  const completed: CompletedPart[] = [];
  for (const [index, body] of parts.entries()) {
    const part = await s3.send(new UploadPartCommand({ Bucket: "mpu", Key: key, UploadId: uploadId, PartNumber: index + 1, Body: body, ChecksumAlgorithm: checksum?.algorithm }));
    completed.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumSHA256: part.ChecksumSHA256, ChecksumCRC32: part.ChecksumCRC32 });
  }
  return { uploadId, completed };
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ["mpu"] });
  s3 = server.client();
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
});

describe("local S3 server: multipart upload", () => {
  it("assembles the parts in order with the multipart ETag and keeps the upload's metadata", async () => {
    const { uploadId, completed } = await upload("big.bin", PARTS);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: "mpu", Key: "big.bin", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
    const md5s = createHash("md5");
    for (const part of PARTS) md5s.update(createHash("md5").update(part).digest());
    expect(done.ETag).toBe(`"${md5s.digest("hex")}-3"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "mpu", Key: "big.bin", ChecksumMode: "ENABLED" }));
    expect(head).toMatchObject({ ContentLength: 10 * MIB + 4, Metadata: { kind: "big" }, ETag: done.ETag });
    expect(head.ChecksumCRC64NVME).toBeDefined(); // S3's default full-object checksum when the upload named none
    const tail = await s3.send(new GetObjectCommand({ Bucket: "mpu", Key: "big.bin", Range: `bytes=${10 * MIB}-` }));
    expect(await text(tail.Body)).toBe("tail");
    expect(server.head("mpu", "big.bin")?.partsCount).toBe(3);
  });

  it("gives a SHA256 upload the COMPOSITE checksum: SHA-256 of the part SHA-256s, then -<parts>", async () => {
    const { uploadId, completed } = await upload("sha.bin", PARTS, { algorithm: "SHA256" });
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: "mpu", Key: "sha.bin", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
    const composite = createHash("sha256");
    for (const part of PARTS) composite.update(createHash("sha256").update(part).digest());
    expect(done).toMatchObject({ ChecksumSHA256: `${composite.digest("base64")}-3`, ChecksumType: "COMPOSITE" });
    const head = await s3.send(new HeadObjectCommand({ Bucket: "mpu", Key: "sha.bin", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumSHA256).toBe(done.ChecksumSHA256);
  });

  it("gives a FULL_OBJECT CRC32 upload the CRC32 of the whole object", async () => {
    const { uploadId, completed } = await upload("crc.bin", PARTS, { algorithm: "CRC32", type: "FULL_OBJECT" });
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: "mpu", Key: "crc.bin", UploadId: uploadId, MultipartUpload: { Parts: completed } }));
    const whole = Buffer.alloc(4);
    whole.writeUInt32BE(crc32(Buffer.concat(PARTS)) >>> 0);
    expect(done).toMatchObject({ ChecksumCRC32: whole.toString("base64"), ChecksumType: "FULL_OBJECT" });
  });

  it("lists the uploaded parts, and forgets them on abort (404 NoSuchUpload)", async () => {
    const { uploadId } = await upload("aborted.bin", [Buffer.from("one"), Buffer.from("two")]);
    const listed = await s3.send(new ListPartsCommand({ Bucket: "mpu", Key: "aborted.bin", UploadId: uploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([[1, 3], [2, 3]]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: "mpu", Key: "aborted.bin", UploadId: uploadId }));
    expect(await failure(s3.send(new ListPartsCommand({ Bucket: "mpu", Key: "aborted.bin", UploadId: uploadId })))).toMatchObject({ name: "NoSuchUpload", status: 404 });
    expect(server.head("mpu", "aborted.bin")).toBeUndefined();
  });

  it("refuses parts out of order, an unknown ETag and a part under 5 MiB that is not the last", async () => {
    const { uploadId, completed } = await upload("refused.bin", [Buffer.alloc(5 * MIB, "x"), Buffer.from("small"), Buffer.from("last")]);
    const complete = (parts: CompletedPart[]) => s3.send(new CompleteMultipartUploadCommand({ Bucket: "mpu", Key: "refused.bin", UploadId: uploadId, MultipartUpload: { Parts: parts } }));
    expect(await failure(complete([completed[1]!, completed[0]!]))).toMatchObject({ name: "InvalidPartOrder", status: 400 });
    expect(await failure(complete([{ PartNumber: 1, ETag: '"0000"' }]))).toMatchObject({ name: "InvalidPart", status: 400 });
    expect(await failure(complete(completed))).toMatchObject({ name: "EntityTooSmall", status: 400 });
    expect(server.head("mpu", "refused.bin")).toBeUndefined();
  });
});
