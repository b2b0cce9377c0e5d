import { describe, expect, it } from "vitest";
import type { InflateSink } from "../../../../../action/io/scan/inflate.ts";
import { Utf8BomSkipper } from "../../../../../action/io/scan/utf8-bom.ts";

/** A sink over a plain buffer that records what it was handed, as the scanner's input area would take it. */
function recordingSink(): InflateSink & { taken: () => Buffer } {
  const bytes = new Uint8Array(64);
  let at = 0;
  return {
    bytes,
    roomBytes: 32,
    roomAt: () => at,
    filled: (n) => void (at += n),
    taken: () => Buffer.from(bytes.subarray(0, at)),
  };
}

/** Feeds `input` through the skipper in pieces of `step` bytes, written where it says, as zlib would. */
function feed(input: Buffer, step: number): { taken: Buffer; skipped: boolean } {
  const sink = recordingSink();
  const skipper = new Utf8BomSkipper(sink);
  for (let at = 0; at < input.length; at += step) {
    const piece = input.subarray(at, at + step);
    expect(piece.length).toBeLessThanOrEqual(skipper.roomBytes);
    skipper.bytes.set(piece, skipper.roomAt());
    skipper.filled(piece.length);
  }
  skipper.finish();
  return { taken: sink.taken(), skipped: skipper.skipped };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CSV = Buffer.from('"photos","a.txt"\n');

describe("Utf8BomSkipper", () => {
  it.each([1, 2, 3, 5])("drops a BOM at the start of the data, handed over %i byte(s) at a time", (step) => {
    expect(feed(Buffer.concat([BOM, CSV]), step)).toEqual({ taken: CSV, skipped: true });
  });

  it.each([1, 2, 4])("passes data without a BOM unchanged (%i byte(s) at a time)", (step) => {
    expect(feed(CSV, step)).toEqual({ taken: CSV, skipped: false });
  });

  it("keeps a BOM that is not at the very start", () => {
    const data = Buffer.concat([CSV, BOM, CSV]);
    expect(feed(data, 4).taken).toEqual(data);
  });

  it("keeps the first bytes of a BOM that the data does not complete", () => {
    expect(feed(Buffer.from([0xef, 0xbb]), 1)).toEqual({ taken: Buffer.from([0xef, 0xbb]), skipped: false });
    expect(feed(Buffer.from([0xef, 0xbb, 0x41]), 1).taken).toEqual(Buffer.from([0xef, 0xbb, 0x41]));
  });
});
