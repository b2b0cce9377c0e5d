/**
 * The local S3 server's pure pieces: its checksums against the published check values, S3's key
 * order (UTF-8 bytes, not UTF-16 units), S3's encoding-type=url form, and the aws-chunked decoder.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AwsChunkedDecoder } from "../../helpers/s3-server/aws-chunked-decoder.ts";
import { checksumOf, compositeChecksum } from "../../helpers/s3-server/checksums.ts";
import { encodeName } from "../../helpers/s3-server/list-keys.ts";
import { compareKeys, SortedKeys } from "../../helpers/s3-server/sorted-keys.ts";

const hex = (base64: string): string => Buffer.from(base64, "base64").toString("hex");

async function decode(body: string): Promise<{ data: string; trailers: Map<string, string> }> {
  const decoder = new AwsChunkedDecoder(undefined);
  const chunks: Buffer[] = [];
  // One byte at a time: every state boundary falls between two writes somewhere.
  for await (const chunk of Readable.from(Buffer.from(body).toString("latin1").split("").map((c) => Buffer.from(c, "latin1"))).pipe(decoder)) chunks.push(chunk as Buffer);
  return { data: Buffer.concat(chunks).toString(), trailers: decoder.trailers };
}

describe("local S3 server checksums", () => {
  it.each([
    ["CRC32", "cbf43926"],
    ["CRC32C", "e3069283"],
    ["CRC64NVME", "ae8b14860a799888"],
    ["SHA1", "f7c3bc1d808e04732adf679965ccc34ca7ae3441"],
    ["SHA256", "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225"],
  ] as const)("computes %s of 123456789 as the check value %s", (algorithm, expected) => {
    expect(hex(checksumOf(algorithm, Buffer.from("123456789")))).toBe(expected);
  });

  it("makes a COMPOSITE checksum from the part checksums' bytes, with the part count appended", () => {
    const parts = [checksumOf("SHA256", Buffer.from("a")), checksumOf("SHA256", Buffer.from("b"))];
    const expected = checksumOf("SHA256", Buffer.concat(parts.map((p) => Buffer.from(p, "base64"))));
    expect(compositeChecksum("SHA256", parts)).toBe(`${expected}-2`);
  });
});

describe("local S3 server key order and names", () => {
  it("orders keys by UTF-8 bytes, so U+FF61 sorts before an astral character although UTF-16 says otherwise", () => {
    const astral = "\u{1F600}";
    expect("\uFF61" < astral).toBe(false); // UTF-16 code units: 0xFF61 > 0xD83D
    expect(compareKeys("\uFF61", astral)).toBeLessThan(0);
    expect(Buffer.compare(Buffer.from("\uFF61"), Buffer.from(astral))).toBeLessThan(0);
    const keys = new SortedKeys();
    for (const key of [astral, "b", "\uFF61", "a/", "a"]) keys.insert(key);
    expect([...keys.from(0)]).toEqual(["a", "a/", "b", "\uFF61", astral]);
  });

  it.each([10, 200])("keeps keys sorted and unique through %i inserts, deletes and re-inserts between reads", (count) => {
    const keys = new SortedKeys();
    const expected = new Set<string>();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < count; i += 1) {
        const key = `k/${(i * 7919 + round) % (count * 2)}`;
        keys.insert(key);
        expected.add(key);
        if (i % 3 === 0) {
          keys.delete(key);
          expected.delete(key);
        }
        if (i % 5 === 0) {
          keys.insert(key);
          expected.add(key);
        }
      }
      expect([...keys.from(0)]).toEqual([...expected].sort(compareKeys));
      expect(keys.size).toBe(expected.size);
    }
  });

  it("URL-encodes names as S3 does for encoding-type=url: space as +, + as %2B, UTF-8 escaped, / kept", () => {
    expect(encodeName("run books/a+b 100%.txt", true)).toBe("run+books/a%2Bb+100%25.txt");
    expect(encodeName("한/x", true)).toBe("%ED%95%9C/x");
    expect(encodeName("a b", false)).toBe("a b");
  });
});

describe("AwsChunkedDecoder", () => {
  it("decodes unsigned chunks and collects the trailing checksum, whatever the write boundaries", async () => {
    const decoded = await decode("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
    expect(decoded.data).toBe("hello world");
    expect(decoded.trailers.get("x-amz-checksum-crc32")).toBe("DUoRhQ==");
  });

  it.each([
    ["a body that ends before its final chunk", "5\r\nhello\r\n", "IncompleteBody"],
    ["chunk data longer than its size", "3\r\nhello\r\n0\r\n\r\n", "InvalidChunkSizeError"],
    ["a chunk size that is not hex", "zz\r\nhello\r\n", "InvalidChunkSizeError"],
  ])("fails on %s", async (_name, body, code) => {
    await expect(decode(body)).rejects.toMatchObject({ code });
  });
});
