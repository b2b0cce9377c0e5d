/**
 * fast-check arbitraries for raw inventory keys as bytes, over the whole byte range: any byte, "+",
 * escapes in either letter case of bytes that stay escaped and of bytes encodeURIComponent leaves alone,
 * valid UTF-8 (escaped and raw), and the malformed cases the manifest writer must reject: "%" without
 * two hex digits, lone lead bytes, stray continuation bytes, overlong forms, surrogates, code points
 * above U+10FFFF.
 */
import fc from "fast-check";

const PIECES = [
  "+", "%", "%2F", "%2f", "%3D", "%7E", "%7e", "%2B", "%20", "%41", "%2D", "%5F", "%21", "%28", "%2A", "%27",
  "%C3%A9", "%c3%A9", "%E2%82%AC", "%F0%9F%98%80", "%F4%8F%BF%BF", "%EF%BF%BD", "%C2%80", "%DF%BF", "%ED%9F%BF", "%EE%80%80",
  "%C3", "%A9", "%ED%A0%80", "%C0%AF", "%C1%BF", "%E0%80%80", "%E0%9F%BF", "%F0%8F%BF%BF", "%F4%90%80%80", "%F5%80%80%80", "%FF",
  "%zz", "%4", "%4g", "%%41", "%G0", "é", "€", "a", "Z", "9", "/", "-", "_", ".", "~", "*", "'", "(", ")", "!",
  " ", ",", "&", "=", "?", "#", "\t",
];

/** One piece of a key: a byte, one of the pieces above, or short random text as UTF-8. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }).map((byte) => [byte]) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES).map((text) => [...Buffer.from(text, "utf8")]) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }).map((text) => [...Buffer.from(text, "utf8")]) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "b", "/", "0"), minLength: 10, maxLength: 40 }).map((text) => [...Buffer.from(text)]) },
);

/** A raw key of up to `maxPieces` pieces (possibly empty). */
export function rawKey(maxPieces = 40): fc.Arbitrary<Buffer> {
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => Buffer.from(pieces.flat()));
}

/** A byte as an escape, in upper or lower case. */
const escape = (byte: number, lower: boolean) => {
  const hex = byte.toString(16).padStart(2, "0");
  return `%${lower ? hex : hex.toUpperCase()}`;
};

/** One piece of a key that decodes: a text's UTF-8 bytes, each raw, as "+" (a space) or escaped in either case. */
const validPiece = fc
  .tuple(fc.string({ unit: fc.oneof(fc.constantFrom(" ", "/", "+", "%", "=", "~", "é", "€", "😀", "(", "*", ","), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 6 }), fc.nat())
  .map(([text, choices]) =>
    [...Buffer.from(text, "utf8")].flatMap((byte, i) => {
      const choice = (choices >> (2 * (i % 15))) & 3;
      if (byte === 32 && choice < 2) return [43];
      if (choice === 0 && byte !== 37 && byte !== 43 && byte !== 34 && byte !== 10 && byte !== 13) return [byte];
      return [...Buffer.from(escape(byte, choice === 1))];
    }),
  );

/** A raw key that decodes to UTF-8 (what S3 Inventory writes, and more: lower-case escapes, raw bytes). */
export function validRawKey(maxPieces = 12): fc.Arbitrary<Buffer> {
  return fc.array(validPiece, { minLength: 1, maxLength: maxPieces }).map((pieces) => Buffer.from(pieces.flat()));
}
