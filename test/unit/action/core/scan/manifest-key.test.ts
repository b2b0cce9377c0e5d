import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeInventoryKey, manifestKey } from "../../../../../action/core/scan/manifest-key.ts";
import { encodeInventoryKey } from "../../../../helpers/inventory-builder.ts";

/** The contract, written the obvious way: decode the form encoding, then encodeURIComponent with "/" kept. */
const reference = (raw: string) => encodeURIComponent(decodeURIComponent(raw.replace(/\+/g, " "))).replace(/%2F/g, "/");

describe("manifestKey", () => {
  it.each([
    ["a+b", "a%20b"],
    ["a%2Bb", "a%2Bb"],
    ["dir%2Ffile", "dir/file"],
    ["dir/file.txt", "dir/file.txt"],
    ["0100059%7Ethumb.jpg", "0100059~thumb.jpg"],
    ["caf%C3%A9", "caf%C3%A9"],
    ["a%2cb", "a%2Cb"],
    ["q%3F%23%26", "q%3F%23%26"],
  ])("turns inventory key %s into manifest key %s", (raw, expected) => {
    expect(manifestKey(raw)).toBe(expected);
  });

  it("copies keys of characters encodeURIComponent leaves alone byte for byte", () => {
    expect(manifestKey("logs/2025/01/app-1_(x)!*'~.json")).toBe("logs/2025/01/app-1_(x)!*'~.json");
  });

  it("matches decode-then-encodeURIComponent for any key as S3 Inventory encodes it", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(" ", "+", "%", "/", ",", "\n", '"', "#", "?", "~"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })) }), fc.boolean(), (key, keepSlash) => {
        fc.pre(key.length > 0 && !/[\uD800-\uDFFF]/.test(key));
        const raw = encodeInventoryKey(key, keepSlash);
        expect(manifestKey(raw)).toBe(reference(raw));
        expect(decodeInventoryKey(raw)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["abc%", '"%" at byte 4 is not a %XX escape'],
    ["abc%4", '"%4" at byte 4 is not a %XX escape'],
    ["%zz", '"%zz" at byte 1 is not a %XX escape'],
    ["%C3", "its %XX escapes do not decode to UTF-8 text"],
  ])("rejects the malformed key %s", (raw, reason) => {
    expect(() => manifestKey(raw)).toThrow(reason);
  });
});
