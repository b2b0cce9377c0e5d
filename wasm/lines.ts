/**
 * The line reader and the manifest line writer of the scan's WebAssembly kernel, with the memory
 * layout they share. Not the module's entry: csv-kernel.ts exports what JavaScript calls (scanLine,
 * writeLine, the layout), and route-rows.ts inlines both functions into its loop.
 */
import { outsideClass, VERSION_LOW } from "./byte-classes";
import { writeKey } from "./manifest-key";

/** Field i of the last line read spans [load<i32>(BOUNDS + 8i), load<i32>(BOUNDS + 8i + 4)). */
export const BOUNDS: i32 = 0;
/** Fields the fast path reads in one line; a longer line goes to csv-parse. */
export const MAX_FIELDS: i32 = 128;
/** i32: number of fields of the last line read. */
export const FIELD_COUNT: i32 = 1024;
/** i32: length of the line prefix ("<bucket>,") stored at PREFIX. */
export const PREFIX_LENGTH: i32 = 1028;
export const PREFIX: i32 = 1040;
export const MAX_PREFIX_BYTES: i32 = 1024;

// Globals rather than constants, as in byte-classes.ts: one load instead of a v128 built at each use.
let QUOTE: v128 = i8x16.splat(34);
let COMMA: v128 = i8x16.splat(44);
let NEWLINE: v128 = i8x16.splat(10);

/** Position of the first '"' or LF at or after p (the caller guarantees one before the end). */
// @ts-ignore: decorator
@inline function findQuoteOrNewline(p: i32): i32 {
  let mask = quoteOrNewline(v128.load(p));
  while (mask == 0) mask = quoteOrNewline(v128.load((p += 16)));
  return p + ctz(mask);
}

// @ts-ignore: decorator
@inline function quoteOrNewline(v: v128): i32 {
  return i8x16.bitmask(v128.or(i8x16.eq(v, QUOTE), i8x16.eq(v, NEWLINE)));
}

/** Position of the first ',', '"' or LF at or after p (the caller guarantees one before the end). */
// @ts-ignore: decorator
@inline function findDelimiter(p: i32): i32 {
  let mask = delimiter(v128.load(p));
  while (mask == 0) mask = delimiter(v128.load((p += 16)));
  return p + ctz(mask);
}

// @ts-ignore: decorator
@inline function delimiter(v: v128): i32 {
  return i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, QUOTE), i8x16.eq(v, NEWLINE)), i8x16.eq(v, COMMA)));
}

/**
 * Reads the line starting at p, which ends with a LF before the end of the input, and returns the
 * position after it, with the fields in BOUNDS and their number in FIELD_COUNT. Returns -1 when the
 * line is outside the fast dialect: a quote inside a field, a quoted field not followed by ',' or the
 * line end, or more than MAX_FIELDS fields. The input needs 16 readable bytes past its end.
 * (Inlined into scanLine and into routeRows' loop.)
 */
// @ts-ignore: decorator
@inline export function readLine(p: i32): i32 {
  let n = 0;
  for (;;) {
    let c = load<u8>(p);
    if (c == 34) {
      const start = p + 1;
      const quote = findQuoteOrNewline(start);
      if (load<u8>(quote) == 10 || n == MAX_FIELDS) return -1;
      store<i32>(BOUNDS + 8 * n, start);
      store<i32>(BOUNDS + 8 * n + 4, quote);
      n++;
      c = load<u8>(quote + 1);
      if (c == 44) {
        p = quote + 2;
        continue;
      }
      if (c == 10) {
        p = quote + 2;
        break;
      }
      if (c == 13 && load<u8>(quote + 2) == 10) {
        p = quote + 3;
        break;
      }
      return -1;
    }
    const start = p;
    const end = findDelimiter(p);
    c = load<u8>(end);
    if (c == 34 || n == MAX_FIELDS) return -1;
    store<i32>(BOUNDS + 8 * n, start);
    // A CR before the LF ends the line (CRLF), it is not part of the field.
    store<i32>(BOUNDS + 8 * n + 4, c == 10 && end > start && load<u8>(end - 1) == 13 ? end - 1 : end);
    n++;
    p = end + 1;
    if (c == 10) break;
  }
  store<i32>(FIELD_COUNT, n);
  return p;
}

/**
 * Copies [from, to) to `out` 16 bytes at a time (it may write up to 15 bytes past out + to - from)
 * and returns the end of the copy, or -1 when a byte is outside the class given by `low`.
 */
// @ts-ignore: decorator
@inline function copyClass(from: i32, to: i32, out: i32, low: v128): i32 {
  const end = out + to - from;
  for (let p = from; p < to; p += 16) {
    const v = v128.load(p);
    let outside = outsideClass(v, low);
    const left = to - p;
    if (left < 16) outside &= (1 << left) - 1;
    if (outside != 0) return -1;
    v128.store(out, v);
    out += 16;
  }
  return end;
}

/**
 * Writes "<prefix><key>,<version id>\n" at `out`, the key in its manifest form (manifest-key.ts),
 * without ",<version id>" when versionStart < 0, the version id "null" when the field is empty, and
 * returns the end of the line. Needs PREFIX_LENGTH + 3 * key + version + 22 bytes of room at `out`.
 * Returns -1 when writeKey declines the key (empty, a malformed escape, not UTF-8 once decoded), -2
 * when the version id holds a byte S3 version ids never use.
 * (Inlined into writeLine and into routeRows' loop.)
 */
// @ts-ignore: decorator
@inline export function writeManifestLine(keyStart: i32, keyEnd: i32, versionStart: i32, versionEnd: i32, out: i32): i32 {
  const prefixLength = load<i32>(PREFIX_LENGTH);
  for (let p = 0; p < prefixLength; p += 16) v128.store(out + p, v128.load(PREFIX + p));
  out = writeKey(keyStart, keyEnd, out + prefixLength);
  if (out < 0) return -1;
  if (versionStart >= 0) {
    store<u8>(out++, 44);
    if (versionStart == versionEnd) {
      store<u32>(out, 0x6c6c756e); // "null"
      out += 4;
    } else {
      out = copyClass(versionStart, versionEnd, out, VERSION_LOW);
      if (out < 0) return -2;
    }
  }
  store<u8>(out, 10);
  return out + 1;
}
