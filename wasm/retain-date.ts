/**
 * ObjectLockRetainUntilDate compared with the inventory's creation time, in the kernel: the one
 * comparison routing makes of that date (retainUntilMs <= inventoryTimeMs in
 * action/core/plan/route-row.ts). The kernel reads only the fixed shape of ISO-8601 UTC time S3 writes,
 * "YYYY-MM-DDTHH:MM:SS.sssZ" (and the same without ".sss"), with every field in its range (a day that
 * exists in its month, hours 00 to 23): for those texts JavaScript's Date.parse gives exactly that
 * instant, and comparing field by field compares the instants. Any other text goes to JavaScript.
 */

/** Two decimal digits at p, or -1. */
// @ts-ignore: decorator
@inline function twoDigits(p: i32): i32 {
  const tens = <u32>load<u8>(p) - 48;
  const ones = <u32>load<u8>(p + 1) - 48;
  return tens > 9 || ones > 9 ? -1 : <i32>(tens * 10 + ones);
}

// @ts-ignore: decorator
@inline function daysIn(month: i32, year: i32): i32 {
  if (month == 2) return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/**
 * The time the field [start, end) holds as one number that orders like the instants: ms since
 * 0000-01-01 in a calendar of 31-day months (exact order, not exact time). -1 when the field is not
 * in the shape above (or a field is out of its range). Reads up to 24 bytes from start.
 */
// @ts-ignore: decorator
@inline export function retainDateOrder(start: i32, end: i32): f64 {
  const length = end - start;
  if (length != 24 && length != 20) return -1;
  if (load<u8>(start + 4) != 45 || load<u8>(start + 7) != 45 || load<u8>(start + 10) != 84 || load<u8>(start + 13) != 58 || load<u8>(start + 16) != 58) return -1;
  const century = twoDigits(start);
  const yearOfCentury = twoDigits(start + 2);
  const month = twoDigits(start + 5);
  const day = twoDigits(start + 8);
  const hour = twoDigits(start + 11);
  const minute = twoDigits(start + 14);
  const second = twoDigits(start + 17);
  let ms = 0;
  if (length == 24) {
    const tens = twoDigits(start + 20);
    const ones = <u32>load<u8>(start + 22) - 48;
    if (load<u8>(start + 19) != 46 || load<u8>(start + 23) != 90 || tens < 0 || ones > 9) return -1;
    ms = tens * 10 + <i32>ones;
  } else if (load<u8>(start + 19) != 90) {
    return -1;
  }
  if ((century | yearOfCentury | day | hour | minute | second) < 0 || <u32>(month - 1) > 11) return -1;
  const year = century * 100 + yearOfCentury;
  if (day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59) return -1;
  const days = (year * 12 + month - 1) * 31 + day - 1;
  return (((<f64>days * 24 + <f64>hour) * 60 + <f64>minute) * 60 + <f64>second) * 1000 + <f64>ms;
}
