/**
 * AssemblyScript source of the scan's WebAssembly kernel (built by `npm run build:wasm` into
 * action/core/scan/csv-kernel-binary.ts): the module's entry, whose exports are what JavaScript calls. The
 * hot loops of the inventory scan, with 16-byte SIMD (bodies in lines.ts and route-rows.ts):
 *
 * - scanLine: reads one line of the inventory's fast CSV dialect (the rules of
 *   action/core/scan/fast-csv-scanner.ts) into field bounds, or reports that the line is outside it;
 * - writeLine: writes one manifest line ("<bucket>,<key>[,<version id>]\n"), the key rewritten into its
 *   manifest form (manifest-key.ts), when the key decodes and the version id has only the characters
 *   S3 uses, or reports that it cannot;
 * - routeRows (route-rows.ts): runs both over a run of lines, applying the routes JavaScript decided
 *   for each row signature.
 *
 * The kernel decides nothing else: every route comes from JavaScript (route-row.ts), and every line,
 * key or date it declines goes through the JavaScript code (csv-parse, manifest-key.ts, read-row-facts.ts),
 * which also produces every error message. All addresses are byte offsets into the module's memory; the JavaScript side owns the layout past FIRST_FREE_BYTE.
 */

import { readLine, writeManifestLine } from "./lines";
import { KEY_ENCODING, KEY_TABLES_END, setUpKeyTables } from "./manifest-key";
import { ROUTE_AREA_END } from "./route-rows";

export { BOUNDS, MAX_FIELDS, FIELD_COUNT, PREFIX_LENGTH, PREFIX, MAX_PREFIX_BYTES } from "./lines";

export {
  routeRows, installRoute, ROUTE_SETTINGS, SETTING_COUNT, SIZE_LIMIT, RETAIN_LIMIT, SETTING_FIELDS, SETTING_BUCKET_AT, SETTING_KEY_AT,
  SETTING_SIZE_AT, SETTING_SIGNATURE_COLUMNS, SETTING_RETAIN_AT, RESULT_ROWS, RESULT_UNSEEN_SLOT, RESULT_LINE_END, SIGNATURE_COLUMNS,
  MAX_SIGNATURE_COLUMNS, OUTPUTS, MAX_OUTPUTS, OUTPUT_BYTES, DECISIONS, MAX_DECISIONS, DECISION_ROWS, SIGNATURE_TABLE, TABLE_SLOTS,
  SLOT_BYTES,
} from "./route-rows";

/** Start of the memory the JavaScript side lays out (input, outputs): after routeRows' area (2560 on) and writeKey's tables. */
export const FIRST_FREE_BYTE: i32 = KEY_TABLES_END;

/** Fills the kernel's tables; JavaScript calls it once per instance, before anything else. */
export function setUp(): void {
  if (ROUTE_AREA_END > KEY_ENCODING) unreachable(); // the layout overlaps: move KEY_ENCODING up
  setUpKeyTables();
}

/** readLine (lines.ts) for JavaScript: the scanner's line reader outside routeRows. */
export function scanLine(p: i32): i32 {
  return readLine(p);
}

/** writeManifestLine (lines.ts) for JavaScript: the line writer of rows JavaScript routes. */
export function writeLine(keyStart: i32, keyEnd: i32, versionStart: i32, versionEnd: i32, out: i32): i32 {
  return writeManifestLine(keyStart, keyEnd, versionStart, versionEnd, out);
}
