/**
 * Byte classes of the scan's WebAssembly kernel, tested 16 bytes at a time with two nibble tables:
 * byte b is in a class when (low[b & 15] & HIGH[b >> 4]) != 0. HIGH gives each high nibble 2..7
 * (printable ASCII) a bit of its own; a class's low table lists, per low nibble, the rows it is in.
 *
 * The tables are globals (`let`), not constants: V8 builds a v128 constant again at each use inside a
 * loop (four instructions), a global is one load (3 to 4% fewer instructions over a data file).
 */

export let LOW_NIBBLE: v128 = i8x16.splat(15);
export let HIGH: v128 = i8x16(0, 0, 1, 2, 4, 8, 16, 32, 0, 0, 0, 0, 0, 0, 0, 0);
/** Bytes encodeURIComponent leaves alone, plus "/": A-Z a-z 0-9 - _ . ! ~ * ' ( ) / */
export let KEY_LOW: v128 = i8x16(0x2a, 0x3f, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3f, 0x3f, 0x3f, 0x3d, 0x14, 0x14, 0x15, 0x35, 0x1d);
/** The same without "/": the bytes of S3 version ids and the harmless unreserved marks. */
export let VERSION_LOW: v128 = i8x16(0x2a, 0x3f, 0x3e, 0x3e, 0x3e, 0x3e, 0x3e, 0x3f, 0x3f, 0x3f, 0x3d, 0x14, 0x14, 0x15, 0x35, 0x1c);

/** The KEY_LOW class one byte at a time: bit b of SAFE_BELOW_64 for b < 64, bit b - 64 of SAFE_BELOW_128 for 64 <= b < 128. */
const SAFE_BELOW_64: u64 = 0x03ff_e782_0000_0000;
const SAFE_BELOW_128: u64 = 0x47ff_fffe_87ff_fffe;

/** Bit i set for each of the 16 bytes of `v` outside the class given by `low`. */
// @ts-ignore: decorator
@inline export function outsideClass(v: v128, low: v128): i32 {
  const inClass = v128.and(i8x16.swizzle(low, v128.and(v, LOW_NIBBLE)), i8x16.swizzle(HIGH, i8x16.shr_u(v, 4)));
  return i8x16.bitmask(i8x16.eq(inClass, i8x16.splat(0)));
}

/** Whether the byte b (0..255) is in the KEY_LOW class. */
// @ts-ignore: decorator
@inline export function isKeyByte(b: u32): bool {
  return b < 64 ? ((SAFE_BELOW_64 >> <u64>b) & 1) != 0 : b < 128 && ((SAFE_BELOW_128 >> <u64>(b - 64)) & 1) != 0;
}
