/**
 * The manifest form of an inventory key, written by the kernel: the rules of
 * action/core/scan/manifest-key.ts, which stays the reference and the writer of every key declined
 * here. The key is form-encoded ("+" is a space, %XX a byte, in either letter case); its decoded bytes
 * must be UTF-8; each decoded byte is written as it is when encodeURIComponent leaves it alone (or it
 * is "/"), otherwise as %XX in upper case. Runs of bytes that stay as they are are copied 16 at a
 * time; every other byte is decoded (hex digits through a table) and written one at a time (its
 * manifest form from a table), with a UTF-8 check over the decoded bytes as they come (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF).
 *
 * Declines (returns -1), for JavaScript to write or to report with its message: an empty key, a "%"
 * without two hex digits after it inside the key, and decoded bytes that are not UTF-8.
 */
import { isKeyByte, KEY_LOW, outsideClass } from "./byte-classes";

/**
 * u32 per byte value: the byte's manifest form ("X" or "%XX", upper-case hex) in its low bytes and its
 * length in the top byte, so writing a decoded byte is one load, one 4-byte store and one add (the
 * store's extra bytes are overwritten by what follows). Filled by setUpKeyTables.
 */
export const KEY_ENCODING: i32 = 45056;
/** u8 per byte value: its value as a hex digit (either case), or 255. */
const HEX_VALUES: i32 = KEY_ENCODING + 4 * 256;
/** The end of the tables. */
export const KEY_TABLES_END: i32 = HEX_VALUES + 256;

/** Fills the tables above (once per instance, before the first writeKey). */
export function setUpKeyTables(): void {
  for (let byte: u32 = 0; byte < 256; byte++) {
    const high = byte >> 4;
    const low = byte & 15;
    const escape = 37 | ((high + (high < 10 ? 48 : 55)) << 8) | ((low + (low < 10 ? 48 : 55)) << 16) | (3 << 24);
    store<u32>(KEY_ENCODING + 4 * byte, byte < 128 && isKeyByte(byte) ? byte | (1 << 24) : escape);
    const digit = byte - 48;
    const letter = (byte | 0x20) - 97;
    store<u8>(HEX_VALUES + byte, digit < 10 ? digit : letter < 6 ? letter + 10 : 255);
  }
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
  let need: u32 = 0;
  let lowest: u32 = 0x80;
  let highest: u32 = 0xbf;
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
    } else if (byte == 37) {
      if (p + 2 >= to) return -1;
      const first = <u32>load<u8>(HEX_VALUES + <i32>load<u8>(p + 1));
      const second = <u32>load<u8>(HEX_VALUES + <i32>load<u8>(p + 2));
      if ((first | second) > 15) return -1;
      byte = (first << 4) | second;
      p += 2;
    }
    p++;
    if ((need | (byte >> 7)) != 0) {
      if (need != 0) {
        if (byte < lowest || byte > highest) return -1;
        need--;
        lowest = 0x80;
        highest = 0xbf;
      } else {
        if (byte < 0xc2 || byte > 0xf4) return -1;
        need = byte < 0xe0 ? 1 : byte < 0xf0 ? 2 : 3;
        if (byte == 0xe0) lowest = 0xa0;
        else if (byte == 0xed) highest = 0x9f;
        else if (byte == 0xf0) lowest = 0x90;
        else if (byte == 0xf4) highest = 0x8f;
      }
    }
    const encoding = load<u32>(KEY_ENCODING + 4 * <i32>byte);
    store<u32>(out, encoding);
    out += <i32>(encoding >>> 24);
  }
  return need != 0 ? -1 : out;
}
