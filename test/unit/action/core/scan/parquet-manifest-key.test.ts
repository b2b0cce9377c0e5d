import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedKeyError, manifestKey, maxManifestKeyBytes, writeEncodedKey } from "../../../../../action/core/scan/manifest-key.ts";
import { encodeInventoryKey } from "../../../../helpers/inventory-builder.ts";

/** A plain key (as a Parquet report holds it) in manifest form. */
function encoded(key: Uint8Array): string {
  const out = Buffer.alloc(maxManifestKeyBytes(key.length));
  return out.toString("latin1", 0, writeEncodedKey(key, 0, key.length, out, 0));
}

describe("writeEncodedKey", () => {
  it("gives a plain key the manifest form the CSV path gives the same key, form-encoded as S3 writes CSV keys", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(" ", "+", "%", "/", ",", "\n", '"', "#", "?", "~", "é", "日"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) }), (key) => {
        fc.pre(key.length > 0 && !/[\uD800-\uDFFF]/.test(key));
        expect(encoded(Buffer.from(key, "utf8"))).toBe(manifestKey(encodeInventoryKey(key)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["photos/a b+c ü.jpg", "photos/a%20b%2Bc%20%C3%BC.jpg"],
    ["100%.txt", "100%25.txt"],
    ["logs/2025/01/app-1_(x)!*'~.json", "logs/2025/01/app-1_(x)!*'~.json"],
  ])("writes key %s as %s (a literal + and % are characters of the key)", (key, expected) => {
    expect(encoded(Buffer.from(key, "utf8"))).toBe(expected);
  });

  it("rejects bytes that are not UTF-8", () => {
    expect(() => encoded(Uint8Array.from([0x61, 0xc3]))).toThrow(new MalformedKeyError("its bytes are not UTF-8 text"));
  });
});
