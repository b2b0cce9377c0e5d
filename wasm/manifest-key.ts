/**
 * The manifest form of an inventory key, written by the kernel: the rules of
 * action/core/scan/manifest-key.ts, which stays the reference and the writer of every key declined
 * here. The key is form-encoded ("+" is a space, %XX a byte, in either letter case); its decoded bytes
 * must be UTF-8; each decoded byte is written as it is when encodeURIComponent leaves it alone (or it
 * is "/"), otherwise as %XX in upper case. Runs of bytes that stay as they are are copied 16 at a
 * time; every other byte is decoded and written one at a time, with a UTF-8 check over the decoded
 * bytes as they come (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 *
 * Declines (returns -1), for JavaScript to write or to report with its message: an empty key, a "%"
 * without two hex digits after it inside the key, and decoded bytes that are not UTF-8.
 */
import { isKeyByte, KEY_LOW, outsideClass } from "./byte-classes";

/** The value of a hex digit (either case), or -1. */
// @ts-ignore: decorator
@inline function hexValue(c: u32): i32 {
  const digit = c - 48;
  if (digit < 10) return <i32>digit;
  const letter = (c | 0x20) - 97;
  return letter < 6 ? <i32>letter + 10 : -1;
}

/** The upper-case hex digit of a nibble, as a byte. */
// @ts-ignore: decorator
@inline function hexDigit(nibble: u32): u32 {
  return nibble + (nibble < 10 ? 48 : 55);
}

/**
 * Writes the manifest form of the inventory key [from, to) at `out` and returns its end, or -1 (see
 * above). Writes at most 3 bytes per key byte, and up to 15 bytes past its end; reads up to 15 bytes
 * past `to`.
 */
// @ts-ignore: decorator
@inline export function writeKey(from: i32, to: i32, out: i32): i32 {
  if (from == to) return -1;
  let p = from;
  // The UTF-8 sequence being decoded: continuation bytes it still needs, and the range of the next one.
  let need = 0;
  let low: u32 = 0x80;
  let high: u32 = 0xbf;
  while (p < to) {
    const v = v128.load(p);
    let outside = outsideClass(v, KEY_LOW);
    const left = to - p;
    if (left < 16) outside &= (1 << left) - 1;
    if (outside == 0) {
      // Bytes that stay as they are: ASCII, so no UTF-8 sequence may be open.
      if (need != 0) return -1;
      v128.store(out, v);
      const n = left < 16 ? left : 16;
      out += n;
      p += n;
      continue;
    }
    const plain = ctz(outside);
    if (plain != 0) {
      if (need != 0) return -1;
      v128.store(out, v);
      out += plain;
      p += plain;
    }
    let byte = <u32>load<u8>(p);
    if (byte == 43) {
      byte = 32; // "+" is a space
      p++;
    } else if (byte == 37) {
      if (p + 2 >= to) return -1;
      const escape = (hexValue(<u32>load<u8>(p + 1)) << 4) | hexValue(<u32>load<u8>(p + 2));
      if (escape < 0) return -1;
      byte = <u32>escape;
      p += 3;
    } else {
      p++;
    }
    if (need != 0) {
      if (byte < low || byte > high) return -1;
      need--;
      low = 0x80;
      high = 0xbf;
    } else if (byte >= 0x80) {
      if (byte < 0xc2 || byte > 0xf4) return -1;
      need = byte < 0xe0 ? 1 : byte < 0xf0 ? 2 : 3;
      if (byte == 0xe0) low = 0xa0;
      else if (byte == 0xed) high = 0x9f;
      else if (byte == 0xf0) low = 0x90;
      else if (byte == 0xf4) high = 0x8f;
    } else if (isKeyByte(byte)) {
      store<u8>(out++, <u8>byte);
      continue;
    }
    store<u32>(out, 37 | (hexDigit(byte >> 4) << 8) | (hexDigit(byte & 15) << 16));
    out += 3;
  }
  return need != 0 ? -1 : out;
}
