import fc from "fast-check";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { ByteWriter } from "hyparquet-writer/src/bytewriter.js";
import { writeRleBitPackedHybrid } from "hyparquet-writer/src/encoding.js";
import { describe, expect, it } from "vitest";
import { MAX_FAST_BIT_WIDTH, readHybrid } from "../../../../../action/core/scan/parquet-rle.ts";

/** Values encoded by another library's writer (hyparquet-writer), runs and bit-packed groups mixed. */
function encode(values: number[], width: number): Uint8Array {
  const writer = new ByteWriter();
  writeRleBitPackedHybrid(writer, values, width);
  return new Uint8Array(writer.getBuffer());
}

describe("readHybrid", () => {
  it("decodes what hyparquet-writer encodes, as hyparquet's own decoder does, for every width up to 24 bits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_FAST_BIT_WIDTH }).chain((width) =>
          fc.tuple(fc.constant(width), fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** width - 1 }), fc.constant(0)), { minLength: 1, maxLength: 300 })),
        ),
        ([width, values]) => {
          // Runs too: repeat some values so the writer emits RLE runs as well as bit-packed groups.
          const withRuns = values.flatMap((value, index) => (index % 7 === 0 ? Array(9).fill(value) : [value]));
          const bytes = encode(withRuns, width);
          const ours = new Int32Array(withRuns.length);
          readHybrid(bytes, 0, bytes.length, width, ours, ours.length);
          const theirs = new Array<number>(withRuns.length);
          readRleBitPackedHybrid({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, width, theirs, bytes.length);
          expect([...ours]).toEqual(withRuns);
          expect([...ours]).toEqual(theirs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("says how many values it found when the runs end early", () => {
    const bytes = encode([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1);
    expect(() => readHybrid(bytes, 0, bytes.length, 1, new Uint8Array(20), 20)).toThrow(new RangeError("the runs end after 10 of 20 values"));
  });
});
