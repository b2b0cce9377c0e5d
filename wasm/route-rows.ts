/**
 * routeRows: the kernel's loop over a run of complete lines, for the rows whose route JavaScript has
 * already decided. It decides nothing itself: for each line of the fast dialect it reads the fields,
 * checks the field count and the Bucket, packs the bytes of the signature columns (the routing columns
 * that take few values) into a signature, and looks the signature up in a table JavaScript fills
 * (action/core/kernel-routes.ts). A known signature names a decision: the kernel counts the row under
 * it and, for a job, writes the manifest line into that job's output and adds the row's Size.
 *
 * It stops, leaving the line for JavaScript, at anything else: a line outside the fast dialect, a
 * wrong field count or Bucket, a signature too long, unseen (its table slot is left in UNSEEN_SLOT
 * for JavaScript to fill once it has routed the row) or marked "ask JavaScript", a full output, and a
 * key or version id writeLine declines. Nothing of a stopped row is counted or written.
 */
import { BOUNDS, FIELD_COUNT, PREFIX, PREFIX_LENGTH, scanLine, writeLine } from "./csv-kernel";

/** i32 settings JavaScript writes before the first call, and the results of the last call. */
export const ROUTE_SETTINGS: i32 = 2560;
/** Setting indexes (i32 at ROUTE_SETTINGS + 4 * index). Column settings are 8 * column (offsets into BOUNDS) or -1. */
export const SETTING_FIELDS: i32 = 0;
export const SETTING_BUCKET_AT: i32 = 1;
export const SETTING_KEY_AT: i32 = 2;
export const SETTING_SIZE_AT: i32 = 3;
export const SETTING_SIGNATURE_COLUMNS: i32 = 4;
/** Results: rows the last call routed, and the table slot of the unseen signature it stopped at (or -1). */
export const RESULT_ROWS: i32 = 5;
export const RESULT_UNSEEN_SLOT: i32 = 6;

/** i32 each: 8 * column of each signature column, in signature order. */
export const SIGNATURE_COLUMNS: i32 = 2624;
export const MAX_SIGNATURE_COLUMNS: i32 = 16;
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
/** The last row's signature: per column a length byte and the field's bytes; zero-padded to 16 bytes. */
const SIGNATURE: i32 = 3648;
export const MAX_SIGNATURE_BYTES: i32 = 128;
/** A field longer than this makes the signature too long (JavaScript routes the row). */
const MAX_SIGNATURE_FIELD_BYTES: i32 = 32;
/** Open-addressing table of signatures: per slot i32 length, i32 route (0 empty, -1 ask JavaScript, d + 1 decision d), 8 spare, the signature. */
export const SIGNATURE_TABLE: i32 = 4096;
export const TABLE_SLOTS: i32 = 256;
export const SLOT_BYTES: i32 = 16 + MAX_SIGNATURE_BYTES;
export const ROUTE_AREA_END: i32 = SIGNATURE_TABLE + TABLE_SLOTS * SLOT_BYTES;

const ASK_JAVASCRIPT: i32 = -1;
const MIX = i32x4(0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f);

let signatureLength: i32 = 0;

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
  const room = load<i32>(PREFIX_LENGTH) + 22;
  let rows = 0;
  let unseen = -1;
  while (p < to) {
    const next = scanLine(p);
    if (next < 0 || load<i32>(FIELD_COUNT) != fields || !isBucket(bucketAt)) break;
    const slot = findSignature();
    if (slot < 0) break;
    const route = load<i32>(slot + 4);
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
      const end = writeLine(keyStart, keyEnd, versionStart, versionEnd, out);
      if (end < 0) break;
      store<i32>(at, end);
      if (sizeAt >= 0) {
        const bytes = OUTPUT_BYTES + 8 * output;
        store<f64>(bytes, load<f64>(bytes) + parseSize(load<i32>(BOUNDS + sizeAt), load<i32>(BOUNDS + sizeAt + 4)));
      }
    }
    const counter = DECISION_ROWS + 8 * decision;
    store<f64>(counter, load<f64>(counter) + 1);
    rows++;
    p = next;
  }
  store<i32>(ROUTE_SETTINGS + 4 * RESULT_ROWS, rows);
  store<i32>(ROUTE_SETTINGS + 4 * RESULT_UNSEEN_SLOT, unseen);
  return p;
}

/** Fills the slot routeRows left in RESULT_UNSEEN_SLOT with the last signature and its route (-1 or d + 1). */
export function installRoute(slot: i32, route: i32): void {
  const length = signatureLength;
  for (let i = 0; i < length; i += 16) v128.store(slot + 16 + i, v128.load(SIGNATURE + i));
  store<i32>(slot, length);
  store<i32>(slot + 4, route);
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
 * Packs the row's signature into SIGNATURE and returns its table slot: the slot holding it, or the
 * empty slot where it belongs. Returns -1 when a field or the whole signature is too long.
 */
function findSignature(): i32 {
  const columns = setting(SETTING_SIGNATURE_COLUMNS);
  let q = SIGNATURE;
  for (let i = 0; i < columns; i++) {
    const at = load<i32>(SIGNATURE_COLUMNS + 4 * i);
    const start = load<i32>(BOUNDS + at);
    const length = load<i32>(BOUNDS + at + 4) - start;
    if (length > MAX_SIGNATURE_FIELD_BYTES) return -1;
    store<u8>(q, length);
    // Whole 16-byte blocks: the bytes past the field are overwritten by the next field or the padding.
    v128.store(q + 1, v128.load(start));
    if (length > 16) v128.store(q + 17, v128.load(start + 16));
    q += 1 + length;
    if (q - SIGNATURE > MAX_SIGNATURE_BYTES) return -1;
  }
  v128.store(q, i8x16.splat(0));
  const length = q - SIGNATURE;
  signatureLength = length;
  let mixed = i32x4.splat(0);
  for (let i = 0; i < length; i += 16) mixed = i32x4.mul(v128.xor(mixed, v128.load(SIGNATURE + i)), MIX);
  let hash = i32x4.extract_lane(mixed, 0) ^ i32x4.extract_lane(mixed, 1) ^ i32x4.extract_lane(mixed, 2) ^ i32x4.extract_lane(mixed, 3);
  hash ^= hash >>> 15;
  hash *= 0x2c1b3c6d;
  hash ^= hash >>> 12;
  // JavaScript fills at most half the slots, so the probe always reaches the signature or an empty slot.
  let slot = SIGNATURE_TABLE + (hash & (TABLE_SLOTS - 1)) * SLOT_BYTES;
  while (load<i32>(slot + 4) != 0 && (load<i32>(slot) != length || !sameSignature(slot + 16, length))) {
    slot += SLOT_BYTES;
    if (slot == ROUTE_AREA_END) slot = SIGNATURE_TABLE;
  }
  return slot;
}

// @ts-ignore: decorator
@inline function sameSignature(at: i32, length: i32): bool {
  for (let i = 0; i < length; i += 16) {
    if (v128.any_true(v128.xor(v128.load(at + i), v128.load(SIGNATURE + i)))) return false;
  }
  return true;
}

/** Size as the JavaScript reader computes it (parseDecimal, in f64): 0 when empty or not all digits. */
// @ts-ignore: decorator
@inline function parseSize(start: i32, end: i32): f64 {
  let value: f64 = 0;
  for (let p = start; p < end; p++) {
    const digit = <i32>load<u8>(p) - 48;
    if (<u32>digit > 9) return 0;
    value = value * 10 + <f64>digit;
  }
  return value;
}
