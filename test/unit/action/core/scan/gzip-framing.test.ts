import { gunzipSync, gzipSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GzipFormatError, GzipFraming, gzipHeaderLength } from "../../../../../action/core/scan/gzip-framing.ts";

const TEXT = Buffer.from("bucket,key,1\n".repeat(2000));

/** A gzip member of `data` whose header carries the optional fields `flags` asks for (FHCRC, FEXTRA, FNAME, FCOMMENT). */
function member(data: Buffer, fields: { extra?: Buffer; name?: string; comment?: string; headerCrc?: boolean } = {}): Buffer {
  const plain = gzipSync(data);
  const body = plain.subarray(10);
  let flags = 0;
  const parts: Buffer[] = [];
  if (fields.extra) {
    flags |= 0x04;
    const length = Buffer.alloc(2);
    length.writeUInt16LE(fields.extra.length);
    parts.push(length, fields.extra);
  }
  if (fields.name !== undefined) {
    flags |= 0x08;
    parts.push(Buffer.from(`${fields.name}\0`, "latin1"));
  }
  if (fields.comment !== undefined) {
    flags |= 0x10;
    parts.push(Buffer.from(`${fields.comment}\0`, "latin1"));
  }
  const head = Buffer.from(plain.subarray(0, 10));
  head[3] = flags | (fields.headerCrc ? 0x02 : 0);
  // zlib checks FHCRC (the low 16 bits of the header's CRC-32).
  const headerCrc = fields.headerCrc ? [crc16Of(Buffer.concat([head, ...parts]))] : [];
  return Buffer.concat([head, ...parts, ...headerCrc, body]);
}

function crc16Of(bytes: Buffer): Buffer {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  const out = Buffer.alloc(2);
  out.writeUInt16LE((~crc >>> 0) & 0xffff);
  return out;
}

/**
 * Feeds `file` in chunks of the given sizes and inflates what the framing passes on, as the scan does:
 * every chunk in one buffer, overwritten once the framing is done with it (as a local file is read).
 */
function readFirstMember(file: Buffer, chunkSizes: number[] = [file.length]) {
  const framing = new GzipFraming();
  const deflate: Buffer[] = [];
  const reused = Buffer.alloc(file.length);
  let at = 0;
  for (let i = 0; at < file.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length]!);
    const chunk = reused.subarray(0, file.copy(reused, 0, at, at + size));
    deflate.push(Buffer.from(framing.feed(chunk)));
    reused.fill(0xaa);
    at += size;
  }
  const input = Buffer.concat(deflate);
  const inflated = inflateRawSync(input, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  return { framing, inflated: inflated.buffer, deflateBytes: inflated.engine.bytesWritten };
}

/** zlib's message for a file gunzip rejects. */
function gunzipMessage(file: Buffer): string {
  try {
    gunzipSync(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("gunzip accepted the file");
}

describe("gzipHeaderLength", () => {
  it("measures headers with every optional field that gunzip accepts, and waits for the rest of a cut header", () => {
    const fields = { extra: Buffer.from("xy-extra"), name: "inventory.csv", comment: "a comment", headerCrc: true };
    const file = member(TEXT, fields);
    expect(gunzipSync(file)).toEqual(TEXT);
    const length = 10 + 2 + 8 + "inventory.csv\0".length + "a comment\0".length + 2;
    expect(gzipHeaderLength(file)).toBe(length);
    for (let cut = 0; cut < length; cut++) expect(gzipHeaderLength(file.subarray(0, cut))).toBeUndefined();
    expect(gzipHeaderLength(gzipSync(TEXT))).toBe(10);
  });

  it("rejects what is not a gzip header with the message zlib gives for the same bytes", () => {
    const notGzip = Buffer.from("this is not gzip data\n");
    const otherMethod = Buffer.from(gzipSync(TEXT));
    otherMethod[2] = 7;
    const reservedFlag = Buffer.from(gzipSync(TEXT));
    reservedFlag[3] = 0x20;
    for (const file of [notGzip, otherMethod, reservedFlag]) {
      expect(() => gzipHeaderLength(file)).toThrow(GzipFormatError);
      expect(() => gzipHeaderLength(file)).toThrow(gunzipMessage(file));
    }
  });
});

describe("GzipFraming", () => {
  it("passes on exactly the deflate stream of the first member, however the bytes are cut, and accepts its trailer", () => {
    const file = member(TEXT, { name: "x.csv", extra: Buffer.alloc(300, 1) });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        const { framing, inflated, deflateBytes } = readFirstMember(file, sizes);
        expect(inflated).toEqual(TEXT);
        expect(framing.finish(deflateBytes, inflated.length)).toEqual({ kind: "done" });
      }),
    );
  });

  it("says where the first member's trailer starts when more follows (another member, or padding)", () => {
    const first = gzipSync(TEXT);
    for (const after of [gzipSync(Buffer.from("more\n")), Buffer.alloc(16)]) {
      const { framing, inflated, deflateBytes } = readFirstMember(Buffer.concat([first, after]), [1000]);
      expect(inflated).toEqual(TEXT);
      expect(framing.finish(deflateBytes, inflated.length)).toEqual({ kind: "more", offset: first.length - 8 });
    }
  });

  it("rejects a wrong ISIZE and a cut trailer with zlib's messages for them", () => {
    const wrongSize = Buffer.from(gzipSync(TEXT));
    wrongSize.writeUInt32LE(TEXT.length + 1, wrongSize.length - 4);
    // The CRC-32 still matches: gunzip, like the framing, fails on the length.
    const cut = gzipSync(TEXT).subarray(0, -3);
    const read = readFirstMember(wrongSize);
    expect(() => read.framing.finish(read.deflateBytes, read.inflated.length)).toThrow(new GzipFormatError("incorrect length check"));
    expect(gunzipMessage(wrongSize)).toBe("incorrect length check");
    const readCut = readFirstMember(cut);
    expect(() => readCut.framing.finish(readCut.deflateBytes, readCut.inflated.length)).toThrow(new GzipFormatError("unexpected end of file"));
    expect(gunzipMessage(cut)).toBe("unexpected end of file");
  });

  it("rejects a file that ends inside its header", () => {
    const framing = new GzipFraming();
    framing.feed(gzipSync(TEXT).subarray(0, 6));
    expect(() => framing.finish(0, 0)).toThrow(new GzipFormatError("unexpected end of file"));
  });
});
