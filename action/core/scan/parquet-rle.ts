/**
 * Parquet's run-length / bit-packed hybrid encoding (definition levels, dictionary indices, RLE
 * booleans), decoded straight from the page's bytes into a typed array: runs are filled, bit-packed
 * groups unpacked with plain shifts. Widths up to 24 bits (dictionaries of up to 16 million values);
 * wider ones are left to hyparquet's decoder. Pure.
 */

/** Widest value this decoder unpacks. */
export const MAX_FAST_BIT_WIDTH = 24;

/**
 * Decodes `count` values of `width` bits from bytes[at, end) into out[0, count); returns the offset after
 * the last run read. Throws RangeError when the runs end before `count` values.
 */
export function readHybrid(bytes: Uint8Array, at: number, end: number, width: number, out: Uint8Array | Int32Array, count: number): number {
  const byteWidth = (width + 7) >> 3;
  const mask = width === 32 ? -1 : (1 << width) - 1;
  let n = 0;
  while (n < count) {
    if (at >= end) throw new RangeError(`the runs end after ${n} of ${count} values`);
    let header = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      header += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && shift < 35);
    if (header % 2 === 1) {
      const groups = Math.floor(header / 2);
      const take = Math.min(groups * 8, count - n);
      if (width === 1) {
        for (let i = 0; i < take; i++) out[n + i] = (bytes[at + (i >> 3)]! >> (i & 7)) & 1;
      } else {
        for (let i = 0, bit = at * 8; i < take; i++, bit += width) {
          const b = bit >> 3;
          const word = bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24);
          out[n + i] = (word >>> (bit & 7)) & mask;
        }
      }
      at += groups * width;
      n += take;
    } else {
      const run = Math.floor(header / 2);
      let value = 0;
      for (let k = 0; k < byteWidth; k++) value |= bytes[at++]! << (8 * k);
      const take = Math.min(run, count - n);
      out.fill(value, n, n + take);
      n += take;
    }
  }
  return at;
}
