/**
 * SyncRawInflater drives zlib's handle by hand; these check it against zlib's own inflateRawSync: the
 * same bytes whatever the input chunks and the room it writes into, the end of the deflate stream found
 * where zlib finds it (with the compressed length), and zlib's own errors for corrupt and truncated input.
 */
import { randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../../../action/contracts/errors.ts";
import { inflatesSynchronously, SyncRawInflater, type InflateSink } from "../../../../../action/io/scan/inflate.ts";

/** Text that compresses as inventories do, with random runs in it. */
function payload(lines: number): Buffer {
  return Buffer.from(Array.from({ length: lines }, (_, i) => `photos,2026/${i}.jpg,${randomBytes(12).toString("hex")},true\n`).join(""));
}

/** A sink of `room` bytes at a varying offset of a larger buffer, collecting what it is given. */
function collectingSink(room: number): InflateSink & { output(): Buffer } {
  const bytes = new Uint8Array(room + 37);
  const pieces: Buffer[] = [];
  let writes = 0;
  return {
    bytes,
    roomBytes: room,
    roomAt: () => (writes * 7) % 37,
    filled(n) {
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(room);
      const at = (writes++ * 7) % 37;
      pieces.push(Buffer.from(bytes.subarray(at, at + n)));
    },
    output: () => Buffer.concat(pieces),
  };
}

function inflater(): SyncRawInflater {
  const created = SyncRawInflater.create();
  if (created === undefined) throw new Error("this Node.js has no zlib handle to drive");
  return created;
}

/** Feeds `input` in pieces cut at `cuts` (sorted offsets), then finishes. */
function inflateInPieces(input: Buffer, cuts: number[], room: number) {
  const sink = collectingSink(room);
  const raw = inflater();
  try {
    const at = [0, ...cuts, input.length];
    for (let i = 1; i < at.length; i++) raw.write(input.subarray(at[i - 1], at[i]), sink);
    raw.finish(sink);
    return { output: sink.output(), consumed: raw.consumed, ended: raw.ended };
  } finally {
    raw.close();
  }
}

describe("SyncRawInflater", () => {
  const data = payload(3000);
  const deflated = deflateRawSync(data);

  it("is supported by this Node.js (else the scan falls back to zlib's streams, which take 25 to 30% longer)", () => {
    expect(SyncRawInflater.supported()).toBe(true);
  });

  it("inflates what inflateRawSync inflates, whatever the input pieces and the room", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: deflated.length }), { maxLength: 12 }), fc.integer({ min: 64, max: 70_000 }), (cuts, room) => {
        const { output, consumed } = inflateInPieces(deflated, [...cuts].sort((a, b) => a - b), room);
        expect(output.equals(data)).toBe(true);
        expect(consumed).toBe(deflated.length);
      }),
      { numRuns: 60 },
    );
  });

  it("stops at the end of the deflate stream and counts only its bytes, leaving what follows", () => {
    const trailer = Buffer.from("TRAILER!after the stream");
    const { output, consumed, ended } = inflateInPieces(Buffer.concat([deflated, trailer]), [deflated.length - 5, deflated.length + 3], 4096);
    expect(output.equals(data)).toBe(true);
    expect(consumed).toBe(deflated.length);
    expect(ended).toBe(true);
  });

  it("ignores input after the stream ended", () => {
    const sink = collectingSink(1 << 16);
    const raw = inflater();
    raw.write(Buffer.concat([deflated, Buffer.from("x")]), sink);
    expect(raw.ended).toBe(true);
    raw.write(Buffer.from("more bytes that are not deflate data"), sink);
    raw.finish(sink);
    raw.close();
    expect(sink.output().equals(data)).toBe(true);
    expect(raw.consumed).toBe(deflated.length);
  });

  it("fails on truncated input with zlib's own error, at finish", () => {
    const truncated = deflated.subarray(0, deflated.length >> 1);
    const expected = captureError(() => inflateRawSync(truncated));
    const sink = collectingSink(4096);
    const raw = inflater();
    raw.write(truncated, sink);
    const error = captureError(() => raw.finish(sink));
    raw.close();
    expect(error).toMatchObject({ message: expected.message, code: expected.code, errno: expected.errno });
    expect(error.message).toBe("unexpected end of file");
  });

  it("fails on corrupt input with zlib's own error, and does not touch the closed handle again", () => {
    const corrupt = Buffer.from(deflated);
    corrupt[0] = 0xff; // block type 3: reserved
    const expected = captureError(() => inflateRawSync(corrupt));
    const sink = collectingSink(4096);
    const raw = inflater();
    const error = captureError(() => raw.write(corrupt, sink));
    expect(error).toMatchObject({ message: expected.message, code: "Z_DATA_ERROR" });
    expect(() => raw.close()).not.toThrow();
  });
});

describe("SyncRawInflater's bounds", () => {
  it("throws a RangeError on room outside the sink or empty, before zlib's handle sees it (Node.js 20's would abort the process; no room would never end)", () => {
    const raw = inflater();
    const bytes = new Uint8Array(1024);
    for (const [at, room] of [[1000, 100], [-1, 10], [0, 0]] as const) {
      expect(() => raw.write(deflateRawSync(Buffer.from("abc")), { bytes, roomBytes: room, roomAt: () => at, filled: () => {} })).toThrow(
        new RangeError(`SyncRawInflater: room [${at}, ${at + room}) is outside the sink's 1024 bytes`),
      );
    }
    raw.close();
  });
});

describe("inflatesSynchronously (BUCKET_KEYS_INFLATE)", () => {
  it("is synchronous unless the variable says stream", () => {
    expect(inflatesSynchronously({})).toBe(true);
    expect(inflatesSynchronously({ BUCKET_KEYS_INFLATE: "" })).toBe(true);
    expect(inflatesSynchronously({ BUCKET_KEYS_INFLATE: "sync" })).toBe(true);
    expect(inflatesSynchronously({ BUCKET_KEYS_INFLATE: "stream" })).toBe(false);
  });

  it("rejects an unknown mode, naming the variable and the values it takes", () => {
    const error = captureError(() => inflatesSynchronously({ BUCKET_KEYS_INFLATE: "Stream" }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('BUCKET_KEYS_INFLATE="Stream" is not a known mode. Set it to "sync" (the default) or "stream" (Node.js\'s zlib streams), or unset it.');
  });
});

function captureError(run: () => unknown): Error & { code?: string; errno?: number } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string; errno?: number };
  }
  throw new Error("expected an error");
}
