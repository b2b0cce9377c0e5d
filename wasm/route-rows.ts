/**
 * routeRows: the kernel's loop over a run of complete lines, for the rows whose route JavaScript has
 * already decided. It decides nothing itself: for each line of the fast dialect it reads the fields,
 * checks the field count and the Bucket, and reads the row's signature: for each signature column (the
 * routing columns that take few values) the id of the field's exact bytes among the values that column
 * took so far in this file, 4 bits each; one bit for whether its Size is above SIZE_LIMIT (the only
 * way routing reads Size: see MAX_COPY_OBJECT_BYTES in action/core/plan/route-row.ts); and, when
 * SETTING_RETAIN_AT names the ObjectLockRetainUntilDate column, one bit for whether that date is at
 * or before the inventory's creation time (the only way routing reads it; retain-date.ts). It looks
 * the signature up in a table JavaScript fills (action/core/scan/kernel-routes.ts). A known signature
 * names a decision: the kernel counts the row under it and, for a job, writes the manifest line into
 * that job's output and adds the row's Size.
 *
 * It stops, leaving the line for JavaScript, at anything else: a line outside the fast dialect, a
 * wrong field count or Bucket, a retention date in another shape, a signature value over 32 bytes or
 * a 16th value in one column, a signature unseen (its table slot is left in RESULT_UNSEEN_SLOT for
 * JavaScript to fill once it has routed the row) or marked "ask JavaScript", a full output, and a key
 * or version id writeLine declines. Nothing of a stopped row is counted or written.
 */
import { BOUNDS, FIELD_COUNT, PREFIX, PREFIX_LENGTH, readLine, writeManifestLine } from "./lines";
import { retainDateOrder } from "./retain-date";

/** i32 settings JavaScript writes before the first call, and the results of the last call. */
export const ROUTE_SETTINGS: i32 = 2560;
/** Setting indexes (i32 at ROUTE_SETTINGS + 4 * index). Column settings are 8 * column (offsets into BOUNDS) or -1. */
export const SETTING_FIELDS: i32 = 0;
export const SETTING_BUCKET_AT: i32 = 1;
export const SETTING_KEY_AT: i32 = 2;
export const SETTING_SIZE_AT: i32 = 3;
export const SETTING_SIGNATURE_COLUMNS: i32 = 4;
/** 8 * the ObjectLockRetainUntilDate column, or -1: the signature then has no retention bit. */
export const SETTING_RETAIN_AT: i32 = 8;
/**
 * Results: rows the last call routed; the table slot of the unseen signature it stopped at (or -1);
 * the end of the line it stopped at when that line is in the fast dialect (its fields are in BOUNDS),
 * or -1.
 */
export const RESULT_ROWS: i32 = 5;
export const RESULT_UNSEEN_SLOT: i32 = 6;
export const RESULT_LINE_END: i32 = 7;

/** Number of i32 settings and results. */
export const SETTING_COUNT: i32 = 10;
/** f64: the Size above which a row's signature has its size bit set. */
export const SIZE_LIMIT: i32 = 2600;
/** f64: the inventory's creation time as retainDateOrder (retain-date.ts) orders times. */
export const RETAIN_LIMIT: i32 = 2608;
/** i32 each: 8 * column of each signature column, in signature order. */
export const SIGNATURE_COLUMNS: i32 = 2624;
/** Each column's value takes 4 bits of the 64-bit signature (above the size and retention bits). */
export const MAX_SIGNATURE_COLUMNS: i32 = 8;
/** Per job output, 4 i32: next write position, end of the output area (0: JavaScript writes), 8 * VersionId column or -1. */
export const OUTPUTS: i32 = 2688;
export const MAX_OUTPUTS: i32 = 8;
/** f64 per output: the sum of the Size of its rows (JavaScript adds the rows it routes here too, in row order). */
export const OUTPUT_BYTES: i32 = 2816;
/** i32 per decision: the output its rows go to, or -1 for a skip. */
export const DECISIONS: i32 = 2880;
export const MAX_DECISIONS: i32 = 64;
/** f64 per decision: rows the kernel counted under it. */
export const DECISION_ROWS: i32 = 3136;
/** i32 per signature column: how many distinct values its dictionary holds. */
const VALUE_COUNTS: i32 = 3648;
/**
 * Per signature column, the distinct values seen in this data file (its value ids 1..15 are their
 * positions + 1): 15 zero-padded 32-byte values, then their lengths (i32 each).
 */
const DICTIONARIES: i32 = 4096;
const MAX_VALUES: i32 = 15;
const MAX_VALUE_BYTES: i32 = 32;
const VALUE_LENGTHS: i32 = MAX_VALUES * MAX_VALUE_BYTES;
const DICTIONARY_BYTES: i32 = VALUE_LENGTHS + 4 * 16;
/** Open-addressing table of signatures: per slot u64 signature, i32 route (0 empty, -1 ask JavaScript, d + 1 decision d), 4 bytes unused. */
export const SIGNATURE_TABLE: i32 = DICTIONARIES + MAX_SIGNATURE_COLUMNS * DICTIONARY_BYTES;
/**
 * 2048 slots, so up to 1,024 signatures a data file: an inventory with every column the router reads
 * (the Pulumi program's, with Object Lock) shows some 500 in a file of realisticRows, and a signature
 * past the last that fits takes the JavaScript path for every one of its rows.
 */
export const TABLE_SLOTS: i32 = 2048;
const TABLE_SHIFT: u64 = 53; // 64 - log2(TABLE_SLOTS)
export const SLOT_BYTES: i32 = 16;
export const ROUTE_AREA_END: i32 = SIGNATURE_TABLE + TABLE_SLOTS * SLOT_BYTES;

const ASK_JAVASCRIPT: i32 = -1;

/** The signature of the row findSignature read last. */
let signature: u64 = 0;

// @ts-ignore: decorator
@inline function setting(index: i32): i32 {
  return load<i32>(ROUTE_SETTINGS + 4 * index);
}

/** Routes the complete lines in [p, to) until one needs JavaScript; returns where it stopped (to when none did). */
export function routeRows(p: i32, to: i32): i32 {
  const fields = setting(SETTING_FIELDS);
  const bucketAt = setting(SETTING_BUCKET_AT);
  const keyAt = setting(SETTING_KEY_AT);
  const sizeAt = setting(SETTING_SIZE_AT);
  const sizeLimit = load<f64>(SIZE_LIMIT);
  const retainAt = setting(SETTING_RETAIN_AT);
  const retainLimit = load<f64>(RETAIN_LIMIT);
  const room = load<i32>(PREFIX_LENGTH) + 22;
  let rows = 0;
  let unseen = -1;
  let lineEnd = -1;
  while (p < to) {
    const next = readLine(p);
    if (next < 0) break;
    lineEnd = next;
    if (load<i32>(FIELD_COUNT) != fields || !isBucket(bucketAt)) break;
    const size: f64 = sizeAt < 0 ? 0 : parseSize(load<i32>(BOUNDS + sizeAt), load<i32>(BOUNDS + sizeAt + 4));
    let flags: u64 = size > sizeLimit ? 1 : 0;
    if (retainAt >= 0) {
      const start = load<i32>(BOUNDS + retainAt);
      const end = load<i32>(BOUNDS + retainAt + 4);
      if (start != end) {
        const order = retainDateOrder(start, end);
        if (order < 0) break;
        if (order <= retainLimit) flags |= 2;
      }
    }
    const slot = findSignature(flags);
    if (slot < 0) break;
    const route = load<i32>(slot + 8);
    if (route <= 0) {
      if (route == 0) unseen = slot;
      break;
    }
    const decision = route - 1;
    const output = load<i32>(DECISIONS + 4 * decision);
    if (output >= 0) {
      const at = OUTPUTS + 16 * output;
      const keyStart = load<i32>(BOUNDS + keyAt);
      const keyEnd = load<i32>(BOUNDS + keyAt + 4);
      const versionAt = load<i32>(at + 8);
      const versionStart = versionAt < 0 ? -1 : load<i32>(BOUNDS + versionAt);
      const versionEnd = versionAt < 0 ? 0 : load<i32>(BOUNDS + versionAt + 4);
      const out = load<i32>(at);
      // The room the JavaScript writer asks for (keys may triple when re-encoded): the same flush points.
      if (out + room + 3 * (keyEnd - keyStart) + (versionAt < 0 ? 0 : versionEnd - versionStart) > load<i32>(at + 4)) break;
      const end = writeManifestLine(keyStart, keyEnd, versionStart, versionEnd, out);
      if (end < 0) break;
      store<i32>(at, end);
      const bytes = OUTPUT_BYTES + 8 * output;
      store<f64>(bytes, load<f64>(bytes) + size);
    }
    const counter = DECISION_ROWS + 8 * decision;
    store<f64>(counter, load<f64>(counter) + 1);
    rows++;
    p = next;
    lineEnd = -1;
  }
  store<i32>(ROUTE_SETTINGS + 4 * RESULT_ROWS, rows);
  store<i32>(ROUTE_SETTINGS + 4 * RESULT_UNSEEN_SLOT, unseen);
  store<i32>(ROUTE_SETTINGS + 4 * RESULT_LINE_END, lineEnd);
  return p;
}

/** Fills the slot routeRows left in RESULT_UNSEEN_SLOT with the last signature and its route (-1 or d + 1). */
export function installRoute(slot: i32, route: i32): void {
  store<u64>(slot, signature);
  store<i32>(slot + 8, route);
}

/** Whether the row's Bucket field equals the bucket of the line prefix ("<bucket>,"). */
// @ts-ignore: decorator
@inline function isBucket(bucketAt: i32): bool {
  const start = load<i32>(BOUNDS + bucketAt);
  const length = load<i32>(PREFIX_LENGTH) - 1;
  if (load<i32>(BOUNDS + bucketAt + 4) - start != length) return false;
  for (let i = 0; i < length; i += 16) {
    let differ = i8x16.bitmask(i8x16.ne(v128.load(start + i), v128.load(PREFIX + i)));
    if (length - i < 16) differ &= (1 << (length - i)) - 1;
    if (differ != 0) return false;
  }
  return true;
}

/**
 * Reads the row's signature (its size and retention bits, `flags`, then per signature column the 4-bit
 * id of its value in the column's dictionary, adding values not seen yet) and returns its table slot:
 * the slot holding it, or the empty slot where it belongs. Returns -1 when a value is too long or a
 * dictionary is full.
 */
function findSignature(flags: u64): i32 {
  const columns = setting(SETTING_SIGNATURE_COLUMNS);
  let key: u64 = flags;
  for (let i = 0; i < columns; i++) {
    const at = load<i32>(SIGNATURE_COLUMNS + 4 * i);
    const start = load<i32>(BOUNDS + at);
    const length = load<i32>(BOUNDS + at + 4) - start;
    if (length > MAX_VALUE_BYTES) return -1;
    const id = valueId(DICTIONARIES + i * DICTIONARY_BYTES, VALUE_COUNTS + 4 * i, start, length);
    if (id == 0) return -1;
    key = (key << 4) | <u64>id;
  }
  signature = key;
  // JavaScript fills at most half the slots, so the probe always reaches the signature or an empty slot.
  let slot = SIGNATURE_TABLE + <i32>((key * 0x9e3779b97f4a7c15) >>> TABLE_SHIFT) * SLOT_BYTES;
  while (load<i32>(slot + 8) != 0 && load<u64>(slot) != key) {
    slot += SLOT_BYTES;
    if (slot == ROUTE_AREA_END) slot = SIGNATURE_TABLE;
  }
  return slot;
}

/** The id (1..15) of the field [start, start + length) in a column's dictionary, added if new; 0 when it is full. */
// @ts-ignore: decorator
@inline function valueId(dictionary: i32, countAt: i32, start: i32, length: i32): u32 {
  const count = load<i32>(countAt);
  const low = load<v128>(start);
  const high = load<v128>(start + 16);
  // Lanes of the field in each 16-byte half.
  const lowLanes = length >= 16 ? 0xffff : (1 << length) - 1;
  const highLanes = length <= 16 ? 0 : (1 << (length - 16)) - 1;
  for (let j = 0; j < count; j++) {
    const value = dictionary + j * MAX_VALUE_BYTES;
    if (load<i32>(dictionary + VALUE_LENGTHS + 4 * j) != length) continue;
    if ((i8x16.bitmask(i8x16.eq(low, v128.load(value))) & lowLanes) != lowLanes) continue;
    if ((i8x16.bitmask(i8x16.eq(high, v128.load(value + 16))) & highLanes) != highLanes) continue;
    return j + 1;
  }
  if (count == MAX_VALUES) return 0;
  v128.store(dictionary + count * MAX_VALUE_BYTES, low);
  v128.store(dictionary + count * MAX_VALUE_BYTES + 16, high);
  store<i32>(dictionary + VALUE_LENGTHS + 4 * count, length);
  store<i32>(countAt, count + 1);
  return count + 1;
}

/** Size as the JavaScript reader computes it (parseDecimal, in f64): 0 when empty or not all digits. */
// @ts-ignore: decorator
@inline function parseSize(start: i32, end: i32): f64 {
  // Up to 15 digits every step of the f64 sum is an exact integer: the same value from integer steps.
  if (end - start <= 15) {
    let value: i64 = 0;
    for (let p = start; p < end; p++) {
      const digit = <i32>load<u8>(p) - 48;
      if (<u32>digit > 9) return 0;
      value = value * 10 + <i64>digit;
    }
    return <f64>value;
  }
  let value: f64 = 0;
  for (let p = start; p < end; p++) {
    const digit = <i32>load<u8>(p) - 48;
    if (<u32>digit > 9) return 0;
    value = value * 10 + <f64>digit;
  }
  return value;
}
