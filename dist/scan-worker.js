import { createRequire as __bkCreateRequire } from "node:module"; const require = __bkCreateRequire(import.meta.url);
import {
  ByteSink,
  INFLATE_CHUNK_BYTES,
  LOCAL_READ_CHUNK_BYTES,
  MAX_COPY_OBJECT_BYTES,
  ManifestLineWriter,
  RESYNC,
  WordTable,
  YOUNG_GC_EVERY_BYTES,
  asciiUpper,
  collectOldGarbageIfLarge,
  collectYoungGarbage,
  emptyTally,
  equalsIgnoreCase,
  hasExtraAclGrants,
  indexColumns,
  isTrue,
  parseDecimal,
  routeRow
} from "./scan-worker-chunk-YMR7GNYN.js";
import {
  BucketKeysError,
  ChecksumMismatchError,
  InputError,
  InventoryDataError
} from "./scan-worker-chunk-4O6M5R6G.js";
import "./scan-worker-chunk-KKBAWZTE.js";

// action/io/scan/scan-worker.ts
import { parentPort } from "node:worker_threads";

// action/io/scan/error-transfer.ts
function toErrorRecord(error) {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields = {};
  for (const key of ["code", "file", "line", "field", "expected", "actual", "operation", "awsCode", "input"]) {
    const value = error[key];
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return { name: error.name, message: error.message, ...error.stack !== void 0 && { stack: error.stack }, fields };
}

// action/io/scan/scan-data-file.ts
import { createHash } from "node:crypto";
import { closeSync as closeSync2, mkdirSync, openSync as openSync2, writeSync } from "node:fs";
import { join } from "node:path";
import { createGunzip } from "node:zlib";

// action/core/scan/csv-kernel-binary.ts
var CSV_KERNEL_WASM_BASE64 = "AGFzbQEAAAABIgZgAABgAn9/AX9gAn9/AGABfgF/YAV/f39/fwF/YAF/AX8CDwEDZW52Bm1lbW9yeQIAAAMIBwABAgMEAAUGiAIkewH9DAAAAAAAAAAAAAAAAAAAAAALfwBBAAt/AEGAAQt/AEGACAt/AEGECAt/AEGQCAt/AEGACAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt7Af0MAAAAAAAAAAAAAAAAAAAAAAt/AEGAFAt/AEEAC38AQQELfwBBAgt/AEEDC38AQQQLfwBBCAt/AEEFC38AQQYLfwBBBwt/AEEKC38AQagUC38AQbAUC38AQcAUC38AQQgLfwBBgBULfwBBCAt/AEGAFgt/AEHAFgt/AEHAAAt/AEHAGAt/AEGAwgALfwBBgBALfwBBEAt+AUIAC38AQYDqAgsHvAQlD0ZJUlNUX0ZSRUVfQllURQMjBXNldFVwAAUIc2NhbkxpbmUABgl3cml0ZUxpbmUABAZCT1VORFMDAQpNQVhfRklFTERTAwILRklFTERfQ09VTlQDAw1QUkVGSVhfTEVOR1RIAwQGUFJFRklYAwUQTUFYX1BSRUZJWF9CWVRFUwMGCXJvdXRlUm93cwABDGluc3RhbGxSb3V0ZQACDlJPVVRFX1NFVFRJTkdTAwoNU0VUVElOR19DT1VOVAMUClNJWkVfTElNSVQDFQxSRVRBSU5fTElNSVQDFg5TRVRUSU5HX0ZJRUxEUwMLEVNFVFRJTkdfQlVDS0VUX0FUAwwOU0VUVElOR19LRVlfQVQDDQ9TRVRUSU5HX1NJWkVfQVQDDhlTRVRUSU5HX1NJR05BVFVSRV9DT0xVTU5TAw8RU0VUVElOR19SRVRBSU5fQVQDEAtSRVNVTFRfUk9XUwMRElJFU1VMVF9VTlNFRU5fU0xPVAMSD1JFU1VMVF9MSU5FX0VORAMTEVNJR05BVFVSRV9DT0xVTU5TAxcVTUFYX1NJR05BVFVSRV9DT0xVTU5TAxgHT1VUUFVUUwMZC01BWF9PVVRQVVRTAxoMT1VUUFVUX0JZVEVTAxsJREVDSVNJT05TAxwNTUFYX0RFQ0lTSU9OUwMdDURFQ0lTSU9OX1JPV1MDHg9TSUdOQVRVUkVfVEFCTEUDHwtUQUJMRV9TTE9UUwMgClNMT1RfQllURVMDIQZtZW1vcnkCAAgBAArDJQdSAP0MDw8PDw8PDw8PDw8PDw8PDyQA/QwiIiIiIiIiIiIiIiIiIiIiJAf9DCwsLCwsLCwsLCwsLCwsLCwkCP0MCgoKCgoKCgoKCgoKCgoKCiQJC9oVBBd/AXsEfAF+QYAUKAIAIQlBhBQoAgAhDUGIFCgCACEMQYwUKAIAIQ9BqBQrAwAhHEGgFCgCACEOQbAUKwMAIRtBhAgoAgBBFmohCEF/IQtBfyEEA0AgACABSARAAkAgACEDQQAhBgJ/A0ACQCADLQAAQSJGBEAgA0EBaiIDIgX9AAQAIhkjB/0jIBkjCf0j/VD9ZCECA0AgAkUEQCAFQRBqIgX9AAQAIhkjB/0jIBkjCf0j/VD9ZCECDAELC0F/IAZBgAFGIAUgAmhqIgItAABBCkZyDQMaIAZBA3QiBSADNgIAIAUgAjYCBCAGQQFqIQYgAi0AASIDQSxGBEAgAkECaiEDDAMLIANBCkYEQCACQQJqIQMMAgsgA0ENRgR/IAItAAJBCkYFQQALBEAgAkEDaiEDDAILQX8MAwsgAyIC/QAEACIZIwf9IyAZIwn9I/1QIBkjCP0j/VD9ZCEFA0AgBUUEQCACQRBqIgL9AAQAIhkjB/0jIBkjCf0j/VAgGSMI/SP9UP1kIQUMAQsLQX8gBkGAAUYgAiAFaGoiAi0AACIFQSJGcg0CGiAGQQN0IgcgAzYCACAHIAJBAWsiByACIAVBCkYgAiADSnEEfyAHLQAAQQ1GBUEACxs2AgQgBkEBaiEGIAJBAWohAyAFQQpHDQELC0GACCAGNgIAIAMLIgJBAEgNACACIQRBgAgoAgAgCUcEQEEAIQMFQQAhAwJAQYQIKAIAQQFrIgUgDSgCBCANKAIAIgZrRw0AQQAhAgNAIAIgBUgEQCACIAZq/QAEACACQZAIav0ABAD9JP1kIQcgBSACayIQQRBIBH8gB0EBIBB0QQFrcQUgBwsNAiACQRBqIQIMAQsLQQEhAwsLIANFDQAgHCAPQQBIBHxEAAAAAAAAAAAFAnwgDygCBCICIA8oAgAiA2tBD0wEQEIAIR4DQCACIANKBEBEAAAAAAAAAAAgAy0AAEEwayIFQQlLDQMaIAWsIB5CCn58IR4gA0EBaiEDDAELCyAeuQwBC0QAAAAAAAAAACEdA0AgAiADSgRARAAAAAAAAAAAIAMtAABBMGsiBUEJSw0CGiAdRAAAAAAAACRAoiAFt6AhHSADQQFqIQMMAQsLIB0LCyIaY60hHiAOQQBOBH4gDigCACICIA4oAgQiA0cEfkQAAAAAAADwvyEdAkAgAyACayIDQRRHIANBGEdxDQAgAi0ABEEtRwR/QQEFIAItAAdBLUcLBH9BAQUgAi0ACkHUAEcLBH9BAQUgAi0ADUE6RwsEf0EBBSACLQAQQTpHCw0AQX8gAi0AAUEwayIFIAItAABBMGsiBkEKbGogBUEJSyAGQQlLchshBUF/IAItAANBMGsiByACQQJqLQAAQTBrIgZBCmxqIAdBCUsgBkEJS3IbIQdBfyACLQAGQTBrIhAgAkEFai0AAEEwayIGQQpsaiAQQQlLIAZBCUtyGyEQQX8gAi0ACUEwayIRIAJBCGotAABBMGsiBkEKbGogEUEJSyAGQQlLchshEUF/IAItAAxBMGsiEiACQQtqLQAAQTBrIgZBCmxqIBJBCUsgBkEJS3IbIRJBfyACLQAPQTBrIhMgAkEOai0AAEEwayIGQQpsaiATQQlLIAZBCUtyGyETQX8gAi0AEkEwayIUIAJBEWotAABBMGsiBkEKbGogFEEJSyAGQQlLchshFEEAIQYgA0EYRgRAQX8gAi0AFUEwayIGIAJBFGotAABBMGsiA0EKbGogBkEJSyADQQlLchsiA0EASCEGIAItABNBLkcEf0EBBSACLQAXQdoARwsgBnIgAi0AFkEwayIVQQlLcg0BIANBCmwgFWohBgUgAi0AE0HaAEcNAQsgEEEBa0ELSwR/QQEFIAUgB3IgEXIgEnIgE3IgFHJBAEgLDQAgBUHkAGwgB2ohAiASQRdKIQMgEUEATAR/QQEFIBBBAkYEf0EcQR0gAkEDcQR/QQEFIAJB5ABvBH9BAAUgAkGQA28LCxsFQR5BHyAQQQZGIBBBBEZyIBBBCUZyIBBBC0ZyGwsgEUgLIANyIBNBO0pyIBRBO0pyDQAgAkEMbCAQakEfbCARakEga7dEAAAAAAAAOECiIBK3oEQAAAAAAABOQKIgE7egRAAAAAAAAE5AoiAUt6BEAAAAAABAj0CiIAa3oCEdCyAdRAAAAAAAAAAAYw0CIB5CAoQgHiAbIB1mGwUgHgsFIB4LEAMiAkEASA0AIAIoAggiA0EATARAQX8gAiADGyELDAELIANBAWsiEkECdEHAFmooAgAiE0EATgRAIAwoAgAhAiAMKAIEIRQgE0EEdEGAFWoiFSgCCCIDQQBIBH9BfwUgAygCAAshByAVKAIEIAggFSgCACIFaiAUIAJrQQNsaiADQQBIBH9BAAUgAygCBAsiFiAHa0EAIANBAE4bakgNAUGECCgCACEDQQAhEQNAIAMgEUoEQCAFIBFqIBFBkAhq/QAEAP0LBAAgEUEQaiERDAELCyADIAVqIRACf0F/An9BfyACIBRGDQAaQQAhBUGAASEGQb8BIREDQCACIBRIBED9DCo/Pj4+Pj4/Pz89FBQVNR0gAv0ABAAiGSMA/U79Dv0MAAABAgQIECAAAAAAAAAAACAZQQT9bf0O/U79DAAAAAAAAAAAAAAAAAAAAAD9I/1kIQMgFCACayIXQRBIBEAgA0EBIBd0QQFrcSEDCyADRQRAQX8gBQ0DGiAQIBn9CwQAQRAgFyAXQRBOGyIDIBBqIRAgAiADaiECDAILIANoIgMEQEF/IAUNAxogECAZ/QsEACADIBBqIRAgAiADaiECCyACLQAAIgNBK0YEf0EgBSADQSVGBH9BfyACQQJqIgMgFE4NBBpBfyACLQABQYDoAmotAAAiFyACLQACQYDoAmotAAAiGHJBD0sNBBogAyECIBdBBHQgGHIFIAMLCyEDIAJBAWohAiAFIANBB3ZyBEAgBQRAQX8gAyAGSSADIBFLcg0EGiAFQQFrIQVBgAEhBkG/ASERBUF/IANBwgFJIANB9AFLcg0EGiADQeABSQR/QQEFQQJBAyADQfABSRsLIQUgA0HgAUYEQEGgASEGBSADQe0BRgRAQZ8BIREFIANB8AFGBEBBkAEhBgVBjwEgESADQfQBRhshEQsLCwsLIBAgA0ECdEGA4AJqKAIAIgM2AgAgECADQRh2aiEQDAELC0F/IBAgBRsLIgIiA0EASA0AGiAHQQBOBEAgA0EBaiEDIAJBLDoAACAHIBZGBEAgA0Hu6rHjBjYCACADQQRqIQMFIAMgFmogB2shBQJAA0AgByAWSARA/QwqPz4+Pj4+Pz8/PRQUFTUcIAf9AAQAIhkjAP1O/Q79DAAAAQIECBAgAAAAAAAAAAAgGUEE/W39Dv1O/QwAAAAAAAAAAAAAAAAAAAAA/SP9ZCEGQX8hAiAWIAdrIhBBEEgEfyAGQQEgEHRBAWtxBSAGCw0CIAMgGf0LBAAgA0EQaiEDIAdBEGohBwwBCwsgBSECC0F+IAIiA0EASA0CGgsLIANBCjoAACADQQFqCyICQQBIDQEgFSACNgIAIBNBA3RBgBZqIgAgACsDACAaoDkDAAsgEkEDdEHAGGoiACAAKwMARAAAAAAAAPA/oDkDACAKQQFqIQogBCEAQX8hBAwCCwsLQZQUIAo2AgBBmBQgCzYCAEGcFCAENgIAIAALEAAgACMiNwMAIAAgATYCCAuzAwIKfwJ7QZAUKAIAIQUDQCAFIApKBEAgCkECdEHAFGooAgAiAigCACEBIAIoAgQgAWsiA0EgSgRAQX8PCyAKQaAEbEGAIGohCCAKQQJ0QcAcaiIEKAIAIQkgAf0ABAAhDCAB/QAEECELQf//A0EBIAN0QQFrIANBEE4bIQIgA0EQTAR/QQAFQQEgA0EQa3RBAWsLIQdBACEBAkADQCABIAlIBEAgCCABQQV0aiEGAkAgCEHgA2ogAUECdGooAgAgA0cNACAMIAb9AAQA/SP9ZCACcSACRw0AIAsgBv0ABBD9I/1kIAdxIAdHDQAgAUEBaiEBDAMLIAFBAWohAQwBCwtBACEBIAlBD0YNACAIIAlBBXRqIgEgDP0LBAAgASAL/QsEECAIQeADaiAJQQJ0aiADNgIAIAQgCUEBaiIBNgIACyABRQRAQX8PCyABrSAAQgSGhCEAIApBAWohCgwBCwsgACQiIABClfip+pe33puef35CNYinQQR0QYDCAGohAQNAIAEoAggEfyABKQMAIABSBUEACwRAIAFBEGoiAUGAwgJGBEBBgMIAIQELDAELCyABC8UGAgV/AXtBhAgoAgAhBwNAIAYgB0gEQCAEIAZqIAZBkAhq/QAEAP0LBAAgBkEQaiEGDAELCyAEIAdqIQYCf0F/An9BfyAAIAFGDQAaQYABIQhBvwEhBwNAIAAgAUgEQP0MKj8+Pj4+Pj8/Pz0UFBU1HSAA/QAEACIKIwD9Tv0O/QwAAAECBAgQIAAAAAAAAAAAIApBBP1t/Q79Tv0MAAAAAAAAAAAAAAAAAAAAAP0j/WQhBCABIABrIglBEEgEQCAEQQEgCXRBAWtxIQQLIARFBEBBfyAFDQMaIAYgCv0LBABBECAJIAlBEE4bIgQgBmohBiAAIARqIQAMAgsgBGgiBARAQX8gBQ0DGiAGIAr9CwQAIAQgBmohBiAAIARqIQALIAAtAAAiBEErRgRAQSAhBAUgBEElRgRAQX8gAEECaiIJIAFODQQaQX8gAC0AAUGA6AJqLQAAIgQgAC0AAkGA6AJqLQAAIgByQQ9LDQQaIARBBHQgAHIhBCAJIQALCyAAQQFqIQAgBSAEQQd2cgRAIAUEQEF/IAQgCEkgBCAHS3INBBogBUEBayEFQYABIQhBvwEhBwVBfyAEQcIBSSAEQfQBS3INBBogBEHgAUkEf0EBBUECQQMgBEHwAUkbCyEFIARB4AFGBEBBoAEhCAUgBEHtAUYEQEGfASEHBSAEQfABRgRAQZABIQgFQY8BIAcgBEH0AUYbIQcLCwsLCyAGIARBAnRBgOACaigCACIENgIAIAYgBEEYdmohBgwBCwtBfyAGIAUbCyIAIgRBAEgNABogAkEATgRAIARBAWohBCAAQSw6AAAgAiADRgRAIARB7uqx4wY2AgAgBEEEaiEEBSADIARqIAJrIQECQANAIAIgA0gEQP0MKj8+Pj4+Pj8/Pz0UFBU1HCAC/QAEACIKIwD9Tv0O/QwAAAECBAgQIAAAAAAAAAAAIApBBP1t/Q79Tv0MAAAAAAAAAAAAAAAAAAAAAP0j/WQhBUF/IQAgAyACayIGQRBIBH8gBUEBIAZ0QQFrcQUgBQsNAiAEIAr9CwQAIARBEGohBCACQRBqIQIMAQsLIAEhAAtBfiAAIgRBAEgNAhoLCyAEQQo6AAAgBEEBagsL4AEBA38DQCAAQYACSQRAIABBAnRBgOACaiAAQYCAgAhyIABBBHYiAUEwQTcgAUEKSRtqQQh0QSVyIABBD3EiAUEwQTcgAUEKSRtqQRB0ckGAgIAYciAAQYABSQR/IABBwABJBH9CgICAgKDw+f8DIACtiEIBg6cFIABBgAFJBH9C/v//v+j////HACAAQUBqrYhCAYOnBUEACwsFQQALGzYCACAAQSByQeEAayECIABBgOgCaiAAQTBrIgFBCkkEfyABBUH/ASACQQpqIAJBBk8bCzoAACAAQQFqIQAMAQsLC6IDAgR/AXsCfwNAAkAgAC0AAEEiRgRAIABBAWoiASIA/QAEACIFIwf9IyAFIwn9I/1Q/WQhAgNAIAJFBEAgAEEQaiIA/QAEACIFIwf9IyAFIwn9I/1Q/WQhAgwBCwtBfyADQYABRiAAIAJoaiIALQAAQQpGcg0DGiADQQN0IgIgATYCACACIAA2AgQgA0EBaiEDIAAtAAEiAUEsRgRAIABBAmohAAwDCyABQQpGBEAgAEECaiEADAILIAFBDUYEfyAALQACQQpGBUEACwRAIABBA2ohAAwCC0F/DAMLIAAhASAA/QAEACIFIwf9IyAFIwn9I/1QIAUjCP0j/VD9ZCECA0AgAkUEQCAAQRBqIgD9AAQAIgUjB/0jIAUjCf0j/VAgBSMI/SP9UP1kIQIMAQsLQX8gA0GAAUYgACACaGoiAC0AACICQSJGcg0CGiADQQN0IgQgATYCACAEIABBAWsiBCAAIAJBCkYgACABSnEEfyAELQAAQQ1GBUEACxs2AgQgA0EBaiEDIABBAWohACACQQpHDQELC0GACCADNgIAIAALCw==";

// action/core/scan/kernel-route-area.ts
function routeAreaOf(buffer, exports) {
  const settingsAt = exports.ROUTE_SETTINGS.value;
  const tableEnd = exports.SIGNATURE_TABLE.value + exports.TABLE_SLOTS.value * exports.SLOT_BYTES.value;
  const maxOutputs = exports.MAX_OUTPUTS.value;
  const maxDecisions = exports.MAX_DECISIONS.value;
  return {
    settings: new Int32Array(buffer, settingsAt, exports.SETTING_COUNT.value),
    at: {
      fields: exports.SETTING_FIELDS.value,
      bucket: exports.SETTING_BUCKET_AT.value,
      key: exports.SETTING_KEY_AT.value,
      size: exports.SETTING_SIZE_AT.value,
      signatureColumns: exports.SETTING_SIGNATURE_COLUMNS.value,
      retainUntil: exports.SETTING_RETAIN_AT.value,
      rows: exports.RESULT_ROWS.value,
      unseenSlot: exports.RESULT_UNSEEN_SLOT.value,
      lineEnd: exports.RESULT_LINE_END.value
    },
    sizeLimit: new Float64Array(buffer, exports.SIZE_LIMIT.value, 1),
    retainLimit: new Float64Array(buffer, exports.RETAIN_LIMIT.value, 1),
    signatureColumns: new Int32Array(buffer, exports.SIGNATURE_COLUMNS.value, exports.MAX_SIGNATURE_COLUMNS.value),
    outputs: new Int32Array(buffer, exports.OUTPUTS.value, 4 * maxOutputs),
    outputBytes: new Float64Array(buffer, exports.OUTPUT_BYTES.value, maxOutputs),
    decisions: new Int32Array(buffer, exports.DECISIONS.value, maxDecisions),
    decisionRows: new Float64Array(buffer, exports.DECISION_ROWS.value, maxDecisions),
    maxSignatures: exports.TABLE_SLOTS.value / 2,
    all: new Uint8Array(buffer, settingsAt, tableEnd - settingsAt)
  };
}

// action/core/scan/csv-kernel.ts
var KERNEL_INPUT_BYTES = 512 * 1024;
var SIMD_SLACK_BYTES = 64;
var OUTPUT_REGIONS = 8;
var OUTPUT_REGION_BYTES = 1024 * 1024;
var PAGE_BYTES = 64 * 1024;
var MEMORY_LAYOUT_BYTES = KERNEL_INPUT_BYTES + PAGE_BYTES;
var compiled;
var idle = [];
var CsvKernel = class _CsvKernel {
  /** The whole memory: rows the scanner hands out are byte ranges of this Buffer. */
  bytes;
  /** Field bounds of the last line scanLine read: field i spans bytes[bounds[2i], bounds[2i+1]). */
  bounds;
  /** Start of the input area (KERNEL_INPUT_BYTES long). */
  inputAt;
  /**
   * Reads the line at p (which must end with LF inside the input area) into `bounds` and returns the
   * position after it, or -1 when the line is outside the fast dialect. Its field count is fieldCount().
   */
  scanLine;
  /**
   * Writes "<prefix><key>[,<version id>]\n" at `out`, the key in its manifest form (no version id when
   * versionStart is -1), and returns the end, or a negative number when the key does not decode (empty,
   * a malformed escape, not UTF-8) or the version id is unusual (the JavaScript writer then handles the
   * row and reports it). Needs prefix + 3 * key + version + 22 bytes of room.
   */
  writeLine;
  /**
   * Routes the complete lines in [p, to) whose signature has a decision in the route table, until a
   * line needs JavaScript; returns where it stopped (`to` when none did). See wasm/route-rows.ts.
   */
  routeRows;
  /** Fills the slot the last routeRows call left unseen with its signature and route (-1: ask JavaScript, d + 1: decision d). */
  installRoute;
  routeArea;
  #memory;
  #fieldCount;
  #prefixAt;
  #prefixLength;
  #maxPrefix;
  #firstRegion;
  #nextRegion;
  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(CSV_KERNEL_WASM_BASE64, "base64"));
    const pages = Math.ceil((MEMORY_LAYOUT_BYTES + OUTPUT_REGIONS * OUTPUT_REGION_BYTES) / PAGE_BYTES);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
    exports.setUp();
    this.inputAt = exports.FIRST_FREE_BYTE.value;
    this.#firstRegion = this.inputAt + KERNEL_INPUT_BYTES + SIMD_SLACK_BYTES;
    this.#nextRegion = this.#firstRegion;
    if (this.#nextRegion > MEMORY_LAYOUT_BYTES) throw new Error("CsvKernel: the kernel's fixed layout outgrew MEMORY_LAYOUT_BYTES");
    this.#memory = memory;
    this.bytes = Buffer.from(memory.buffer, 0, memory.buffer.byteLength);
    this.bounds = new Int32Array(memory.buffer, exports.BOUNDS.value, 2 * exports.MAX_FIELDS.value);
    this.#fieldCount = new Int32Array(memory.buffer, exports.FIELD_COUNT.value, 1);
    this.#prefixAt = exports.PREFIX.value;
    this.#maxPrefix = exports.MAX_PREFIX_BYTES.value;
    this.#prefixLength = new Int32Array(memory.buffer, exports.PREFIX_LENGTH.value, 1);
    this.scanLine = exports.scanLine;
    this.writeLine = exports.writeLine;
    this.routeRows = exports.routeRows;
    this.installRoute = exports.installRoute;
    this.routeArea = routeAreaOf(memory.buffer, exports);
  }
  /**
   * An instance for one scan: a released one of this thread, or a new one. Reusing it keeps the
   * kernel's functions the same objects, so the optimized JavaScript calling them stays valid.
   */
  static take() {
    return idle.pop() ?? new _CsvKernel();
  }
  /** Hands the instance back after its scan (its output regions are free again). */
  release() {
    this.#nextRegion = this.#firstRegion;
    idle.push(this);
  }
  /** Number of rows the last routeRows call routed. */
  rowsRouted() {
    return this.routeArea.settings[this.routeArea.at.rows];
  }
  /**
   * End of the line the last routeRows call stopped at, when that line is in the fast dialect: its
   * fields are then in `bounds` as scanLine leaves them. -1 when it is not (or the call did not stop).
   */
  stoppedLineEnd() {
    return this.routeArea.settings[this.routeArea.at.lineEnd];
  }
  /** Number of fields of the last line scanLine read. */
  fieldCount() {
    return this.#fieldCount[0];
  }
  /** Sets the start of every line writeLine writes; false when it is too long for the kernel. */
  setLinePrefix(prefix) {
    if (prefix.length > this.#maxPrefix) return false;
    this.bytes.set(prefix, this.#prefixAt);
    this.#prefixLength[0] = prefix.length;
    return true;
  }
  /** Whether `buffer` lies in this kernel's memory (where writeLine can write). */
  owns(buffer) {
    return buffer.buffer === this.#memory.buffer;
  }
  /** A fresh output region for writeLine, or undefined once all are taken. */
  outputRegion() {
    if (this.#nextRegion + OUTPUT_REGION_BYTES > this.bytes.length) return void 0;
    const region = this.bytes.subarray(this.#nextRegion, this.#nextRegion + OUTPUT_REGION_BYTES);
    this.#nextRegion += OUTPUT_REGION_BYTES;
    return region;
  }
};

// node_modules/csv-parse/lib/api/CsvError.js
var CsvError = class _CsvError extends Error {
  constructor(code, message, options, ...contexts) {
    if (Array.isArray(message)) message = message.join(" ").trim();
    super(message);
    if (Error.captureStackTrace !== void 0) {
      Error.captureStackTrace(this, _CsvError);
    }
    this.code = code;
    for (const context of contexts) {
      for (const key in context) {
        const value = context[key];
        this[key] = Buffer.isBuffer(value) ? value.toString(options.encoding) : value == null ? value : JSON.parse(JSON.stringify(value));
      }
    }
  }
};

// node_modules/csv-parse/lib/utils/is_object.js
var is_object = function(obj) {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj);
};

// node_modules/csv-parse/lib/api/normalize_columns_array.js
var normalize_columns_array = function(columns) {
  const normalizedColumns = [];
  for (let i = 0, l = columns.length; i < l; i++) {
    const column = columns[i];
    if (column === void 0 || column === null || column === false) {
      normalizedColumns[i] = { disabled: true };
    } else if (typeof column === "string" || typeof column === "number") {
      normalizedColumns[i] = { name: `${column}` };
    } else if (is_object(column)) {
      if (typeof column.name !== "string") {
        throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
          "Option columns missing name:",
          `property "name" is required at position ${i}`,
          "when column is an object literal"
        ]);
      }
      normalizedColumns[i] = column;
    } else {
      throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
        "Invalid column definition:",
        "expect a string or a literal object,",
        `got ${JSON.stringify(column)} at position ${i}`
      ]);
    }
  }
  return normalizedColumns;
};

// node_modules/csv-parse/lib/utils/ResizeableBuffer.js
var ResizeableBuffer = class {
  constructor(size = 100) {
    this.size = size;
    this.length = 0;
    this.buf = Buffer.allocUnsafe(size);
  }
  prepend(val) {
    if (Buffer.isBuffer(val)) {
      const length = this.length + val.length;
      if (length >= this.size) {
        this.resize();
        if (length >= this.size) {
          throw Error("INVALID_BUFFER_STATE");
        }
      }
      const buf = this.buf;
      this.buf = Buffer.allocUnsafe(this.size);
      val.copy(this.buf, 0);
      buf.copy(this.buf, val.length);
      this.length += val.length;
    } else {
      const length = this.length++;
      if (length === this.size) {
        this.resize();
      }
      const buf = this.clone();
      this.buf[0] = val;
      buf.copy(this.buf, 1, 0, length);
    }
  }
  append(val) {
    const length = this.length++;
    if (length === this.size) {
      this.resize();
    }
    this.buf[length] = val;
  }
  clone() {
    return Buffer.from(this.buf.slice(0, this.length));
  }
  resize() {
    const length = this.length;
    this.size = this.size * 2;
    const buf = Buffer.allocUnsafe(this.size);
    this.buf.copy(buf, 0, 0, length);
    this.buf = buf;
  }
  toString(encoding) {
    if (encoding) {
      return this.buf.toString(encoding, 0, this.length);
    } else {
      return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
    }
  }
  toJSON() {
    return this.toString("utf8");
  }
  reset() {
    this.length = 0;
  }
};
var ResizeableBuffer_default = ResizeableBuffer;

// node_modules/csv-parse/lib/api/init_state.js
var init_state = function(options) {
  const timchars = [
    // Basic Latin
    32,
    // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
    9,
    // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
    10,
    // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
    13,
    // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
    12,
    // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
    11,
    // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
    // Latin-1 Supplement
    160,
    // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
    // Ogham
    5760,
    // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
    // General Punctuation
    8192,
    // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
    8193,
    // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
    8194,
    // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
    8195,
    // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
    8196,
    // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
    8197,
    // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
    8198,
    // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
    8199,
    // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
    8200,
    // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
    8201,
    // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
    8202,
    // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
    8232,
    // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
    8233,
    // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
    8239,
    // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
    8287,
    // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
    12288,
    // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
    65279
    // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
  ].reduce((acc, codepoint) => {
    const encoded = Buffer.from(
      String.fromCharCode(codepoint),
      options.encoding
    );
    if (codepoint !== 63 && encoded.length === 1 && encoded[0] === 63) {
      return acc;
    }
    acc.push(encoded);
    return acc;
  }, []);
  const timcharFirstBytes = new Uint8Array(256);
  for (const t of timchars) timcharFirstBytes[t[0]] = 1;
  return {
    bomSkipped: false,
    bufBytesStart: 0,
    castField: options.cast_function,
    commenting: false,
    delimiterBufPrevious: void 0,
    delimiterDiscovered: false,
    // Current error encountered by a record
    error: void 0,
    enabled: options.from_line === 1,
    escaping: false,
    escapeIsQuote: Buffer.isBuffer(options.escape) && Buffer.isBuffer(options.quote) && Buffer.compare(options.escape, options.quote) === 0,
    // columns can be `false`, `true`, `Array`
    expectedRecordLength: Array.isArray(options.columns) ? options.columns.length : void 0,
    field: new ResizeableBuffer_default(20),
    firstLineToHeaders: options.cast_first_line_to_header,
    needMoreDataSize: Math.max(
      // Skip if the remaining buffer smaller than comment
      options.comment !== null ? options.comment.length : 0,
      ...options.delimiter ? options.delimiter.map((delimiter) => delimiter.length) : [],
      // Auto discovery of delimiter is limited to 1 character
      options.delimiter_auto ? 1 : 0,
      // Skip if the remaining buffer can be escape sequence
      options.quote !== null ? options.quote.length : 0,
      ...timchars.map((t) => t.length)
    ),
    previousBuf: void 0,
    quoting: false,
    stop: false,
    rawBuffer: new ResizeableBuffer_default(100),
    record: [],
    recordHasError: false,
    record_length: 0,
    recordDelimiterMaxLength: options.record_delimiter.length === 0 ? 0 : Math.max(...options.record_delimiter.map((v) => v.length)),
    trimChars: [
      Buffer.from(" ", options.encoding)[0],
      Buffer.from("	", options.encoding)[0]
    ],
    wasQuoting: false,
    wasRowDelimiter: false,
    timchars,
    timcharFirstBytes
  };
};

// node_modules/csv-parse/lib/utils/underscore.js
var underscore = function(str) {
  return str.replace(/([A-Z])/g, function(_, match) {
    return "_" + match.toLowerCase();
  });
};

// node_modules/csv-parse/lib/api/normalize_options.js
var normalize_options = function(opts) {
  const options = {};
  for (const opt in opts) {
    options[underscore(opt)] = opts[opt];
  }
  if (options.encoding === void 0 || options.encoding === true) {
    options.encoding = "utf8";
  } else if (options.encoding === null || options.encoding === false) {
    options.encoding = null;
  } else if (typeof options.encoding !== "string" && options.encoding !== null) {
    throw new CsvError(
      "CSV_INVALID_OPTION_ENCODING",
      [
        "Invalid option encoding:",
        "encoding must be a string or null to return a buffer,",
        `got ${JSON.stringify(options.encoding)}`
      ],
      options
    );
  }
  if (options.bom === void 0 || options.bom === null || options.bom === false) {
    options.bom = false;
  } else if (options.bom !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_BOM",
      [
        "Invalid option bom:",
        "bom must be true,",
        `got ${JSON.stringify(options.bom)}`
      ],
      options
    );
  }
  options.cast_function = null;
  if (options.cast === void 0 || options.cast === null || options.cast === false || options.cast === "") {
    options.cast = void 0;
  } else if (typeof options.cast === "function") {
    options.cast_function = options.cast;
    options.cast = true;
  } else if (options.cast !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST",
      [
        "Invalid option cast:",
        "cast must be true or a function,",
        `got ${JSON.stringify(options.cast)}`
      ],
      options
    );
  }
  if (options.cast_date === void 0 || options.cast_date === null || options.cast_date === false || options.cast_date === "") {
    options.cast_date = false;
  } else if (options.cast_date === true) {
    options.cast_date = function(value) {
      const date = Date.parse(value);
      return !isNaN(date) ? new Date(date) : value;
    };
  } else if (typeof options.cast_date !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST_DATE",
      [
        "Invalid option cast_date:",
        "cast_date must be true or a function,",
        `got ${JSON.stringify(options.cast_date)}`
      ],
      options
    );
  }
  options.cast_first_line_to_header = void 0;
  if (options.columns === true) {
    options.cast_first_line_to_header = void 0;
  } else if (typeof options.columns === "function") {
    options.cast_first_line_to_header = options.columns;
    options.columns = true;
  } else if (Array.isArray(options.columns)) {
    options.columns = normalize_columns_array(options.columns);
  } else if (options.columns === void 0 || options.columns === null || options.columns === false) {
    options.columns = false;
  } else {
    throw new CsvError(
      "CSV_INVALID_OPTION_COLUMNS",
      [
        "Invalid option columns:",
        "expect an array, a function or true,",
        `got ${JSON.stringify(options.columns)}`
      ],
      options
    );
  }
  if (options.group_columns_by_name === void 0 || options.group_columns_by_name === null || options.group_columns_by_name === false) {
    options.group_columns_by_name = false;
  } else if (options.group_columns_by_name !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "expect an boolean,",
        `got ${JSON.stringify(options.group_columns_by_name)}`
      ],
      options
    );
  } else if (options.columns === false) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "the `columns` mode must be activated."
      ],
      options
    );
  }
  if (options.comment === void 0 || options.comment === null || options.comment === false || options.comment === "") {
    options.comment = null;
  } else {
    if (typeof options.comment === "string") {
      options.comment = Buffer.from(options.comment, options.encoding);
    }
    if (!Buffer.isBuffer(options.comment)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_COMMENT",
        [
          "Invalid option comment:",
          "comment must be a buffer or a string,",
          `got ${JSON.stringify(options.comment)}`
        ],
        options
      );
    }
  }
  if (options.comment_no_infix === void 0 || options.comment_no_infix === null || options.comment_no_infix === false) {
    options.comment_no_infix = false;
  } else if (options.comment_no_infix !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_COMMENT",
      [
        "Invalid option comment_no_infix:",
        "value must be a boolean,",
        `got ${JSON.stringify(options.comment_no_infix)}`
      ],
      options
    );
  }
  if (options.delimiter_auto === void 0 || options.delimiter_auto === null || options.delimiter_auto === false) {
    options.delimiter_auto = false;
  } else if (options.delimiter_auto === true) {
    options.delimiter_auto = {};
  } else if (!is_object(options.delimiter_auto)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_DELIMITER_AUTO",
      [
        "Invalid option delimiter_auto:",
        "delimiter_auto must be a boolean or a configuration object,",
        `got ${JSON.stringify(options.delimiter_auto)}`
      ],
      options
    );
  }
  if (options.delimiter_auto) {
    if (options.delimiter_auto.preferred === void 0)
      options.delimiter_auto.preferred = {
        [",".charCodeAt(0)]: 1.8,
        ["	".charCodeAt(0)]: 1.8,
        [";".charCodeAt(0)]: 1.6,
        [" ".charCodeAt(0)]: 1.6,
        [":".charCodeAt(0)]: 1.5,
        [".".charCodeAt(0)]: 1.4,
        ["/".charCodeAt(0)]: 1.4
      };
    else if (!is_object(options.delimiter_auto.preferred)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "preferred must be an object,",
          `got ${JSON.stringify(options.delimiter_auto.preferred)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.score === void 0)
      options.delimiter_auto.score = (info, options2) => {
        return (info.total - info.std) * (options2.preferred[info.char_code] || 1);
      };
    else if (typeof options.delimiter_auto.score !== "function") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "score must be a function,",
          `got ${JSON.stringify(options.delimiter_auto.score)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.size === void 0)
      options.delimiter_auto.size = 2048;
    else if (typeof options.delimiter_auto.size !== "number") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "size must be a number,",
          `got ${JSON.stringify(options.delimiter_auto.size)}`
        ],
        options
      );
    }
  }
  const delimiter_json = JSON.stringify(options.delimiter);
  if (options.delimiter_auto !== false) {
    options.delimiter = [];
  }
  if (!Array.isArray(options.delimiter)) {
    if (options.delimiter === void 0 || options.delimiter === null || options.delimiter === false) {
      options.delimiter = Buffer.from(",", options.encoding);
    }
    options.delimiter = [options.delimiter];
  }
  options.delimiter = options.delimiter.map(function(delimiter) {
    if (typeof delimiter === "string") {
      delimiter = Buffer.from(delimiter, options.encoding);
    }
    if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER",
        [
          "Invalid option delimiter:",
          "delimiter must be a non empty string or buffer or array of string|buffer,",
          `got ${delimiter_json}`
        ],
        options
      );
    }
    return delimiter;
  });
  if (options.escape === void 0 || options.escape === true) {
    options.escape = Buffer.from('"', options.encoding);
  } else if (typeof options.escape === "string") {
    options.escape = Buffer.from(options.escape, options.encoding);
  } else if (options.escape === null || options.escape === false) {
    options.escape = null;
  }
  if (options.escape !== null) {
    if (!Buffer.isBuffer(options.escape)) {
      throw new Error(
        `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`
      );
    }
  }
  if (options.from === void 0 || options.from === null) {
    options.from = 1;
  } else {
    if (typeof options.from === "string" && /\d+/.test(options.from)) {
      options.from = parseInt(options.from);
    }
    if (Number.isInteger(options.from)) {
      if (options.from < 0) {
        throw new Error(
          `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`
      );
    }
  }
  if (options.from_line === void 0 || options.from_line === null) {
    options.from_line = 1;
  } else {
    if (typeof options.from_line === "string" && /\d+/.test(options.from_line)) {
      options.from_line = parseInt(options.from_line);
    }
    if (Number.isInteger(options.from_line)) {
      if (options.from_line <= 0) {
        throw new Error(
          `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`
      );
    }
  }
  if (options.ignore_last_delimiters === void 0 || options.ignore_last_delimiters === null) {
    options.ignore_last_delimiters = false;
  } else if (typeof options.ignore_last_delimiters === "number") {
    options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
    if (options.ignore_last_delimiters === 0) {
      options.ignore_last_delimiters = false;
    }
  } else if (typeof options.ignore_last_delimiters !== "boolean") {
    throw new CsvError(
      "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
      [
        "Invalid option `ignore_last_delimiters`:",
        "the value must be a boolean value or an integer,",
        `got ${JSON.stringify(options.ignore_last_delimiters)}`
      ],
      options
    );
  }
  if (options.ignore_last_delimiters === true && options.columns === false) {
    throw new CsvError(
      "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
      [
        "The option `ignore_last_delimiters`",
        "requires the activation of the `columns` option"
      ],
      options
    );
  }
  if (options.info === void 0 || options.info === null || options.info === false) {
    options.info = false;
  } else if (options.info !== true) {
    throw new Error(
      `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`
    );
  }
  if (options.max_record_size === void 0 || options.max_record_size === null || options.max_record_size === false) {
    options.max_record_size = 0;
  } else if (Number.isInteger(options.max_record_size) && options.max_record_size >= 0) {
  } else if (typeof options.max_record_size === "string" && /\d+/.test(options.max_record_size)) {
    options.max_record_size = parseInt(options.max_record_size);
  } else {
    throw new Error(
      `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`
    );
  }
  if (options.objname === void 0 || options.objname === null || options.objname === false) {
    options.objname = void 0;
  } else if (Buffer.isBuffer(options.objname)) {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty buffer`);
    }
    if (options.encoding === null) {
    } else {
      options.objname = options.objname.toString(options.encoding);
    }
  } else if (typeof options.objname === "string") {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty string`);
    }
  } else if (typeof options.objname === "number") {
  } else {
    throw new Error(
      `Invalid Option: objname must be a string or a buffer, got ${options.objname}`
    );
  }
  if (options.objname !== void 0) {
    if (typeof options.objname === "number") {
      if (options.columns !== false) {
        throw Error(
          "Invalid Option: objname index cannot be combined with columns or be defined as a field"
        );
      }
    } else {
      if (options.columns === false) {
        throw Error(
          "Invalid Option: objname field must be combined with columns or be defined as an index"
        );
      }
    }
  }
  if (options.on_record === void 0 || options.on_record === null) {
    options.on_record = void 0;
  } else if (typeof options.on_record !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_ON_RECORD",
      [
        "Invalid option `on_record`:",
        "expect a function,",
        `got ${JSON.stringify(options.on_record)}`
      ],
      options
    );
  }
  if (options.on_skip !== void 0 && options.on_skip !== null && typeof options.on_skip !== "function") {
    throw new Error(
      `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`
    );
  }
  if (options.quote === null || options.quote === false || options.quote === "") {
    options.quote = null;
  } else {
    if (options.quote === void 0 || options.quote === true) {
      options.quote = Buffer.from('"', options.encoding);
    } else if (typeof options.quote === "string") {
      options.quote = Buffer.from(options.quote, options.encoding);
    }
    if (!Buffer.isBuffer(options.quote)) {
      throw new Error(
        `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`
      );
    }
  }
  if (options.raw === void 0 || options.raw === null || options.raw === false) {
    options.raw = false;
  } else if (options.raw !== true) {
    throw new Error(
      `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`
    );
  }
  if (options.record_delimiter === void 0) {
    options.record_delimiter = [];
  } else if (typeof options.record_delimiter === "string" || Buffer.isBuffer(options.record_delimiter)) {
    if (options.record_delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer,",
          `got ${JSON.stringify(options.record_delimiter)}`
        ],
        options
      );
    }
    options.record_delimiter = [options.record_delimiter];
  } else if (!Array.isArray(options.record_delimiter)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_RECORD_DELIMITER",
      [
        "Invalid option `record_delimiter`:",
        "value must be a string, a buffer or array of string|buffer,",
        `got ${JSON.stringify(options.record_delimiter)}`
      ],
      options
    );
  }
  options.record_delimiter = options.record_delimiter.map(function(rd, i) {
    if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a string, a buffer or array of string|buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    } else if (rd.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    }
    if (typeof rd === "string") {
      rd = Buffer.from(rd, options.encoding);
    }
    return rd;
  });
  if (typeof options.relax_column_count === "boolean") {
  } else if (options.relax_column_count === void 0 || options.relax_column_count === null) {
    options.relax_column_count = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`
    );
  }
  if (typeof options.relax_column_count_less === "boolean") {
  } else if (options.relax_column_count_less === void 0 || options.relax_column_count_less === null) {
    options.relax_column_count_less = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`
    );
  }
  if (typeof options.relax_column_count_more === "boolean") {
  } else if (options.relax_column_count_more === void 0 || options.relax_column_count_more === null) {
    options.relax_column_count_more = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`
    );
  }
  if (typeof options.relax_quotes === "boolean") {
  } else if (options.relax_quotes === void 0 || options.relax_quotes === null) {
    options.relax_quotes = false;
  } else {
    throw new Error(
      `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`
    );
  }
  if (typeof options.skip_empty_lines === "boolean") {
  } else if (options.skip_empty_lines === void 0 || options.skip_empty_lines === null) {
    options.skip_empty_lines = false;
  } else {
    throw new Error(
      `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`
    );
  }
  if (typeof options.skip_records_with_empty_values === "boolean") {
  } else if (options.skip_records_with_empty_values === void 0 || options.skip_records_with_empty_values === null) {
    options.skip_records_with_empty_values = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`
    );
  }
  if (typeof options.skip_records_with_error === "boolean") {
  } else if (options.skip_records_with_error === void 0 || options.skip_records_with_error === null) {
    options.skip_records_with_error = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`
    );
  }
  if (options.rtrim === void 0 || options.rtrim === null || options.rtrim === false) {
    options.rtrim = false;
  } else if (options.rtrim !== true) {
    throw new Error(
      `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`
    );
  }
  if (options.ltrim === void 0 || options.ltrim === null || options.ltrim === false) {
    options.ltrim = false;
  } else if (options.ltrim !== true) {
    throw new Error(
      `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`
    );
  }
  if (options.trim === void 0 || options.trim === null || options.trim === false) {
    options.trim = false;
  } else if (options.trim !== true) {
    throw new Error(
      `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`
    );
  }
  if (options.trim === true && opts.ltrim !== false) {
    options.ltrim = true;
  } else if (options.ltrim !== true) {
    options.ltrim = false;
  }
  if (options.trim === true && opts.rtrim !== false) {
    options.rtrim = true;
  } else if (options.rtrim !== true) {
    options.rtrim = false;
  }
  if (options.to === void 0 || options.to === null) {
    options.to = -1;
  } else if (options.to !== -1) {
    if (typeof options.to === "string" && /\d+/.test(options.to)) {
      options.to = parseInt(options.to);
    }
    if (Number.isInteger(options.to)) {
      if (options.to <= 0) {
        throw new Error(
          `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`
      );
    }
  }
  if (options.to_line === void 0 || options.to_line === null) {
    options.to_line = -1;
  } else if (options.to_line !== -1) {
    if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
      options.to_line = parseInt(options.to_line);
    }
    if (Number.isInteger(options.to_line)) {
      if (options.to_line <= 0) {
        throw new Error(
          `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`
      );
    }
  }
  return options;
};

// node_modules/csv-parse/lib/utils/delimiter_discover.js
var delimiter_discover = function(records, options) {
  if (!options) {
    ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
  }
  if (typeof records === "string") {
    records = Buffer.from(records);
  }
  if (Buffer.isBuffer(records)) {
    records = ((data) => {
      const records2 = [];
      const parser = transform({ delimiter: [] });
      const push = (record) => records2.push(record);
      const close = () => {
      };
      const error = parser.parse(data, true, push, close);
      if (error !== void 0) throw error;
      return records2;
    })(records);
  }
  const info = Array(127).fill().map(() => ({ lines: [] }));
  records.map(([record], line) => {
    for (let i = 0, l = record.length; i < l; i++) {
      const code = record.charCodeAt(i);
      if (info[code].lines[line] === void 0) info[code].lines[line] = 0;
      info[code].lines[line]++;
    }
  });
  info.map((info2, i) => {
    info2.char_code = i;
    info2.std = std(info2.lines);
    info2.total = info2.lines.reduce((acc, val) => acc + val, 0);
    info2.preferred = !!options.preferred[i];
    info2.score = options.score(info2, options);
  });
  const result = info.reduce(
    (acc, info2) => acc.score > info2.score ? acc : info2,
    {}
  );
  return String.fromCharCode(result.char_code);
};
var std = function(array) {
  const n = array.length;
  if (n === 0) return 0;
  const mean = array.reduce((a, b) => a + b) / n;
  return Math.sqrt(
    array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n
  );
};

// node_modules/csv-parse/lib/api/index.js
var isRecordEmpty = function(record) {
  return record.every(
    (field) => field == null || field.toString && field.toString().trim() === ""
  );
};
var cr = 13;
var nl = 10;
var boms = {
  // Note, the following are equals:
  // Buffer.from("\ufeff")
  // Buffer.from([239, 187, 191])
  // Buffer.from('EFBBBF', 'hex')
  utf8: Buffer.from([239, 187, 191]),
  // Note, the following are equals:
  // Buffer.from "\ufeff", 'utf16le
  // Buffer.from([255, 254])
  utf16le: Buffer.from([255, 254])
};
var transform = function(original_options = {}) {
  const info = {
    bytes: 0,
    bytes_records: 0,
    comment_lines: 0,
    empty_lines: 0,
    invalid_field_length: 0,
    lines: 1,
    records: 0
  };
  const options = normalize_options(original_options);
  return {
    info,
    original_options,
    options,
    state: init_state(options),
    __needMoreData: function(i, bufLen, end) {
      if (end) return false;
      const { encoding, escape, quote } = this.options;
      const { quoting, needMoreDataSize, recordDelimiterMaxLength } = this.state;
      const numOfCharLeft = bufLen - i - 1;
      const requiredLength = Math.max(
        needMoreDataSize,
        // Skip if the remaining buffer smaller than record delimiter
        // If "record_delimiter" is yet to be discovered:
        // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
        // 2. We set the length to windows line ending in the current encoding
        // Note, that encoding is known from user or bom discovery at that point
        // recordDelimiterMaxLength,
        recordDelimiterMaxLength === 0 ? Buffer.from("\r\n", encoding).length : recordDelimiterMaxLength,
        // Skip if remaining buffer can be an escaped quote
        quoting ? (escape === null ? 0 : escape.length) + quote.length : 0,
        // Skip if remaining buffer can be record delimiter following the closing quote
        quoting ? quote.length + recordDelimiterMaxLength : 0
      );
      return numOfCharLeft < requiredLength;
    },
    // Central parser implementation
    parse: function(nextBuf, end, push, close) {
      const {
        bom,
        comment_no_infix,
        delimiter_auto,
        encoding,
        from_line,
        ltrim,
        max_record_size,
        raw,
        relax_quotes,
        rtrim,
        skip_empty_lines,
        to,
        to_line
      } = this.options;
      let { comment, escape, quote, record_delimiter } = this.options;
      const {
        bomSkipped,
        delimiterDiscovered,
        delimiterBufPrevious,
        rawBuffer,
        escapeIsQuote
      } = this.state;
      if (!delimiterDiscovered && delimiter_auto) {
        let delimiterBuf;
        if (delimiterBufPrevious === void 0) {
          delimiterBuf = nextBuf;
        } else if (delimiterBufPrevious !== void 0 && nextBuf === void 0) {
          delimiterBuf = delimiterBufPrevious;
        } else {
          delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
        }
        nextBuf = void 0;
        if (end || delimiterBuf.length > delimiter_auto.size) {
          this.options.delimiter = [
            Buffer.from(
              delimiter_discover(delimiterBuf, this.options.delimiter_auto)
            )
          ];
          this.state.previousBuf = delimiterBuf;
          this.state.delimiterBufPrevious = void 0;
          this.state.delimiterDiscovered = true;
        } else {
          this.state.delimiterBufPrevious = delimiterBuf;
          return;
        }
      }
      const { previousBuf } = this.state;
      let buf;
      if (previousBuf === void 0) {
        if (nextBuf === void 0) {
          close();
          return;
        } else {
          buf = nextBuf;
        }
      } else if (previousBuf !== void 0 && nextBuf === void 0) {
        buf = previousBuf;
      } else {
        buf = Buffer.concat([previousBuf, nextBuf]);
      }
      if (bomSkipped === false) {
        if (bom === false) {
          this.state.bomSkipped = true;
        } else if (buf.length < 3) {
          if (end === false) {
            this.state.previousBuf = buf;
            return;
          }
        } else {
          for (const encoding2 in boms) {
            if (boms[encoding2].compare(buf, 0, boms[encoding2].length) === 0) {
              const bomLength = boms[encoding2].length;
              this.state.bufBytesStart += bomLength;
              buf = buf.slice(bomLength);
              const options2 = normalize_options({
                ...this.original_options,
                encoding: encoding2
              });
              for (const key in options2) {
                this.options[key] = options2[key];
              }
              ({ comment, escape, quote } = this.options);
              break;
            }
          }
          this.state.bomSkipped = true;
        }
      }
      const bufLen = buf.length;
      let pos;
      for (pos = 0; pos < bufLen; pos++) {
        if (this.__needMoreData(pos, bufLen, end)) {
          break;
        }
        if (this.state.wasRowDelimiter === true) {
          this.info.lines++;
          this.state.wasRowDelimiter = false;
        }
        if (to_line !== -1 && this.info.lines > to_line) {
          this.state.stop = true;
          close();
          return;
        }
        if (this.state.quoting === false && record_delimiter.length === 0) {
          const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
            buf,
            pos
          );
          if (record_delimiterCount) {
            record_delimiter = this.options.record_delimiter;
          }
        }
        const chr = buf[pos];
        if (raw === true) {
          rawBuffer.append(chr);
        }
        if ((chr === cr || chr === nl) && this.state.wasRowDelimiter === false) {
          this.state.wasRowDelimiter = true;
        }
        if (this.state.escaping === true) {
          this.state.escaping = false;
        } else {
          if (escape !== null && this.state.quoting === true && this.__isEscape(buf, pos, chr) && pos + escape.length < bufLen) {
            if (escapeIsQuote) {
              if (this.__isQuote(buf, pos + escape.length)) {
                this.state.escaping = true;
                pos += escape.length - 1;
                continue;
              }
            } else {
              this.state.escaping = true;
              pos += escape.length - 1;
              continue;
            }
          }
          if (this.state.commenting === false && this.__isQuote(buf, pos)) {
            if (this.state.quoting === true) {
              const nextChr = buf[pos + quote.length];
              const isNextChrTrimable = rtrim && this.__isCharTrimable(buf, pos + quote.length);
              const isNextChrComment = comment !== null && this.__compareBytes(comment, buf, pos + quote.length, nextChr);
              const isNextChrDelimiter = this.__isDelimiter(
                buf,
                pos + quote.length,
                nextChr
              );
              const isNextChrRecordDelimiter = record_delimiter.length === 0 ? this.__autoDiscoverRecordDelimiter(buf, pos + quote.length) : this.__isRecordDelimiter(nextChr, buf, pos + quote.length);
              if (escape !== null && this.__isEscape(buf, pos, chr) && this.__isQuote(buf, pos + escape.length)) {
                pos += escape.length - 1;
              } else if (!nextChr || isNextChrDelimiter || isNextChrRecordDelimiter || isNextChrComment || isNextChrTrimable) {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                pos += quote.length - 1;
                continue;
              } else if (relax_quotes === false) {
                const err = this.__error(
                  new CsvError(
                    "CSV_INVALID_CLOSING_QUOTE",
                    [
                      "Invalid Closing Quote:",
                      `got "${String.fromCharCode(nextChr)}"`,
                      `at line ${this.info.lines}`,
                      "instead of delimiter, record delimiter, trimable character",
                      "(if activated) or comment"
                    ],
                    this.options,
                    this.__infoField()
                  )
                );
                if (err !== void 0) return err;
              } else {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                this.state.field.prepend(quote);
                pos += quote.length - 1;
              }
            } else {
              if (this.state.field.length !== 0) {
                if (relax_quotes === false) {
                  const info2 = this.__infoField();
                  const bom2 = Object.keys(boms).map(
                    (b) => boms[b].equals(this.state.field.toString()) ? b : false
                  ).filter(Boolean)[0];
                  const err = this.__error(
                    new CsvError(
                      "INVALID_OPENING_QUOTE",
                      [
                        "Invalid Opening Quote:",
                        `a quote is found on field ${JSON.stringify(info2.column)} at line ${info2.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                        bom2 ? `(${bom2} bom)` : void 0
                      ],
                      this.options,
                      info2,
                      {
                        field: this.state.field
                      }
                    )
                  );
                  if (err !== void 0) return err;
                }
              } else {
                this.state.quoting = true;
                pos += quote.length - 1;
                continue;
              }
            }
          }
          if (this.state.quoting === false) {
            const recordDelimiterLength = this.__isRecordDelimiter(
              chr,
              buf,
              pos
            );
            if (recordDelimiterLength !== 0) {
              const skipCommentLine = this.state.commenting && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0;
              if (skipCommentLine) {
                this.info.comment_lines++;
              } else {
                if (this.state.enabled === false && this.info.lines + (this.state.wasRowDelimiter === true ? 1 : 0) >= from_line) {
                  this.state.enabled = true;
                  this.__resetField();
                  this.__resetRecord();
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                if (skip_empty_lines === true && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0) {
                  this.info.empty_lines++;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== void 0) return errField;
                this.info.bytes = this.state.bufBytesStart + pos + recordDelimiterLength;
                const errRecord = this.__onRecord(push);
                if (errRecord !== void 0) return errRecord;
                if (to !== -1 && this.info.records >= to) {
                  this.state.stop = true;
                  close();
                  return;
                }
              }
              this.state.commenting = false;
              pos += recordDelimiterLength - 1;
              continue;
            }
            if (this.state.commenting) {
              continue;
            }
            if (comment !== null && (comment_no_infix === false || this.state.record.length === 0 && this.state.field.length === 0)) {
              const commentCount = this.__compareBytes(comment, buf, pos, chr);
              if (commentCount !== 0) {
                this.state.commenting = true;
                continue;
              }
            }
            const delimiterLength = this.__isDelimiter(buf, pos, chr);
            if (delimiterLength !== 0) {
              this.info.bytes = this.state.bufBytesStart + pos;
              const errField = this.__onField();
              if (errField !== void 0) return errField;
              pos += delimiterLength - 1;
              continue;
            }
          }
        }
        if (this.state.commenting === false) {
          if (max_record_size !== 0 && this.state.record_length + this.state.field.length > max_record_size) {
            return this.__error(
              new CsvError(
                "CSV_MAX_RECORD_SIZE",
                [
                  "Max Record Size:",
                  "record exceed the maximum number of tolerated bytes",
                  `of ${max_record_size}`,
                  `at line ${this.info.lines}`
                ],
                this.options,
                this.__infoField()
              )
            );
          }
        }
        const lappend = ltrim === false || this.state.quoting === true || this.state.field.length !== 0 || !this.__isCharTrimable(buf, pos);
        const rappend = rtrim === false || this.state.wasQuoting === false;
        if (lappend === true && rappend === true) {
          this.state.field.append(chr);
        } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
          return this.__error(
            new CsvError(
              "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
              [
                "Invalid Closing Quote:",
                "found non trimable byte after quote",
                `at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
        } else {
          if (lappend === false) {
            pos += this.__isCharTrimable(buf, pos) - 1;
          }
          continue;
        }
      }
      if (end === true) {
        if (this.state.quoting === true) {
          const err = this.__error(
            new CsvError(
              "CSV_QUOTE_NOT_CLOSED",
              [
                "Quote Not Closed:",
                `the parsing is finished with an opening quote at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
          if (err !== void 0) return err;
        } else {
          if (this.state.wasQuoting === true || this.state.record.length !== 0 || this.state.field.length !== 0) {
            this.info.bytes = this.state.bufBytesStart + pos;
            const errField = this.__onField();
            if (errField !== void 0) return errField;
            const errRecord = this.__onRecord(push);
            if (errRecord !== void 0) return errRecord;
          } else if (this.state.wasRowDelimiter === true) {
            this.info.empty_lines++;
          } else if (this.state.commenting === true) {
            this.info.comment_lines++;
          }
        }
      } else {
        this.state.bufBytesStart += pos;
        this.state.previousBuf = buf.slice(pos);
      }
      if (this.state.wasRowDelimiter === true) {
        this.info.lines++;
        this.state.wasRowDelimiter = false;
      }
    },
    __onRecord: function(push) {
      const {
        columns,
        group_columns_by_name,
        encoding,
        info: info2,
        from,
        relax_column_count,
        relax_column_count_less,
        relax_column_count_more,
        raw,
        skip_records_with_empty_values
      } = this.options;
      const { enabled, record } = this.state;
      if (enabled === false) {
        return this.__resetRecord();
      }
      const recordLength = record.length;
      if (columns === true) {
        if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
          this.__resetRecord();
          return;
        }
        return this.__firstLineToColumns(record);
      }
      if (columns === false && this.info.records === 0) {
        this.state.expectedRecordLength = recordLength;
      }
      if (recordLength !== this.state.expectedRecordLength) {
        const err = columns === false ? new CsvError(
          "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
          [
            "Invalid Record Length:",
            `expect ${this.state.expectedRecordLength},`,
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        ) : new CsvError(
          "CSV_RECORD_INCONSISTENT_COLUMNS",
          [
            "Invalid Record Length:",
            `columns length is ${columns.length},`,
            // rename columns
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        );
        if (relax_column_count === true || relax_column_count_less === true && recordLength < this.state.expectedRecordLength || relax_column_count_more === true && recordLength > this.state.expectedRecordLength) {
          this.info.invalid_field_length++;
          this.state.error = err;
        } else {
          const finalErr = this.__error(err);
          if (finalErr) return finalErr;
        }
      }
      if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
        this.__resetRecord();
        return;
      }
      if (this.state.recordHasError === true) {
        this.__resetRecord();
        this.state.recordHasError = false;
        return;
      }
      this.info.records++;
      if (from === 1 || this.info.records >= from) {
        const { objname } = this.options;
        if (columns !== false) {
          const obj = {};
          for (let i = 0, l = record.length; i < l; i++) {
            if (columns[i] === void 0 || columns[i].disabled) continue;
            if (group_columns_by_name === true && Object.hasOwn(obj, columns[i].name)) {
              if (Array.isArray(obj[columns[i].name])) {
                obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
              } else {
                obj[columns[i].name] = [obj[columns[i].name], record[i]];
              }
            } else {
              Object.defineProperty(obj, columns[i].name, {
                value: record[i],
                enumerable: true,
                writable: true,
                configurable: true
              });
            }
          }
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record: obj },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [obj[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? obj : [obj[objname], obj],
              push
            );
            if (err) {
              return err;
            }
          }
        } else {
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [record[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? record : [record[objname], record],
              push
            );
            if (err) {
              return err;
            }
          }
        }
      }
      this.__resetRecord();
    },
    __firstLineToColumns: function(record) {
      const { firstLineToHeaders } = this.state;
      try {
        const headers = firstLineToHeaders === void 0 ? record : firstLineToHeaders.call(null, record);
        if (!Array.isArray(headers)) {
          return this.__error(
            new CsvError(
              "CSV_INVALID_COLUMN_MAPPING",
              [
                "Invalid Column Mapping:",
                "expect an array from column function,",
                `got ${JSON.stringify(headers)}`
              ],
              this.options,
              this.__infoField(),
              {
                headers
              }
            )
          );
        }
        const normalizedHeaders = normalize_columns_array(headers);
        this.state.expectedRecordLength = normalizedHeaders.length;
        this.options.columns = normalizedHeaders;
        this.__resetRecord();
        return;
      } catch (err) {
        return err;
      }
    },
    __resetRecord: function() {
      if (this.options.raw === true) {
        this.state.rawBuffer.reset();
      }
      this.state.error = void 0;
      this.state.record = [];
      this.state.record_length = 0;
    },
    __onField: function() {
      const { cast, encoding, rtrim, max_record_size } = this.options;
      const { enabled, wasQuoting } = this.state;
      if (enabled === false) {
        return this.__resetField();
      }
      let field = this.state.field.toString(encoding);
      if (rtrim === true && wasQuoting === false) {
        field = field.trimRight();
      }
      if (cast === true) {
        const [err, f] = this.__cast(field);
        if (err !== void 0) return err;
        field = f;
      }
      this.state.record.push(field);
      if (max_record_size !== 0 && typeof field === "string") {
        this.state.record_length += field.length;
      }
      this.__resetField();
    },
    __resetField: function() {
      this.state.field.reset();
      this.state.wasQuoting = false;
    },
    __push: function(record, push) {
      const { on_record } = this.options;
      if (on_record !== void 0) {
        const info2 = this.__infoRecord();
        try {
          record = on_record.call(null, record, info2);
        } catch (err) {
          return err;
        }
        if (record === void 0 || record === null) {
          return;
        }
      }
      this.info.bytes_records += this.info.bytes;
      push(record);
    },
    // Return a tuple with the error and the casted value
    __cast: function(field) {
      const { columns, relax_column_count } = this.options;
      const isColumns = Array.isArray(columns);
      if (isColumns === true && relax_column_count && this.options.columns.length <= this.state.record.length) {
        return [void 0, void 0];
      }
      if (this.state.castField !== null) {
        try {
          const info2 = this.__infoField();
          return [void 0, this.state.castField.call(null, field, info2)];
        } catch (err) {
          return [err];
        }
      }
      if (this.__isFloat(field)) {
        return [void 0, parseFloat(field)];
      } else if (this.options.cast_date !== false) {
        const info2 = this.__infoField();
        return [void 0, this.options.cast_date.call(null, field, info2)];
      }
      return [void 0, field];
    },
    __compareBytes: function(sourceBuf, targetBuf, targetPos, firstByte) {
      if (sourceBuf[0] !== firstByte) return 0;
      const sourceLength = sourceBuf.length;
      for (let i = 1; i < sourceLength; i++) {
        if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
      }
      return sourceLength;
    },
    // Helper to test if a character is trimable
    __isCharTrimable: function(buf, pos) {
      const { timchars, timcharFirstBytes } = this.state;
      const first = buf[pos];
      if (first === void 0 || timcharFirstBytes[first] === 0) return 0;
      loop1: for (let i = 0; i < timchars.length; i++) {
        const timchar = timchars[i];
        for (let j = 0; j < timchar.length; j++) {
          if (timchar[j] !== buf[pos + j]) continue loop1;
        }
        return timchar.length;
      }
      return 0;
    },
    __isDelimiter: function(buf, pos, chr) {
      const { delimiter, ignore_last_delimiters } = this.options;
      if (ignore_last_delimiters === true && this.state.record.length === this.options.columns.length - 1) {
        return 0;
      } else if (ignore_last_delimiters !== false && typeof ignore_last_delimiters === "number" && this.state.record.length === ignore_last_delimiters - 1) {
        return 0;
      }
      loop1: for (let i = 0; i < delimiter.length; i++) {
        const del = delimiter[i];
        if (del[0] === chr) {
          for (let j = 1; j < del.length; j++) {
            if (del[j] !== buf[pos + j]) continue loop1;
          }
          return del.length;
        }
      }
      return 0;
    },
    __isEscape: function(buf, pos, chr) {
      const { escape } = this.options;
      if (escape === null) return false;
      const l = escape.length;
      if (escape[0] === chr) {
        for (let i = 0; i < l; i++) {
          if (escape[i] !== buf[pos + i]) {
            return false;
          }
        }
        return true;
      }
      return false;
    },
    __isFloat: function(value) {
      return value - parseFloat(value) + 1 >= 0;
    },
    // Keep it in case we implement the `cast_int` option
    // __isInt(value){
    //   // return Number.isInteger(parseInt(value))
    //   // return !isNaN( parseInt( obj ) );
    //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
    // }
    __isQuote: function(buf, pos) {
      const { quote } = this.options;
      if (quote === null) return false;
      const l = quote.length;
      for (let i = 0; i < l; i++) {
        if (quote[i] !== buf[pos + i]) {
          return false;
        }
      }
      return true;
    },
    __isRecordDelimiter: function(chr, buf, pos) {
      const { record_delimiter } = this.options;
      const recordDelimiterLength = record_delimiter.length;
      loop1: for (let i = 0; i < recordDelimiterLength; i++) {
        const rd = record_delimiter[i];
        const rdLength = rd.length;
        if (rd[0] !== chr) {
          continue;
        }
        for (let j = 1; j < rdLength; j++) {
          if (rd[j] !== buf[pos + j]) {
            continue loop1;
          }
        }
        return rd.length;
      }
      return 0;
    },
    __autoDiscoverRecordDelimiter: function(buf, pos) {
      const { encoding } = this.options;
      const rds = [
        // Important, the windows line ending must be before mac os 9
        Buffer.from("\r\n", encoding),
        Buffer.from("\n", encoding),
        Buffer.from("\r", encoding)
      ];
      loop: for (let i = 0; i < rds.length; i++) {
        const l = rds[i].length;
        for (let j = 0; j < l; j++) {
          if (rds[i][j] !== buf[pos + j]) {
            continue loop;
          }
        }
        this.options.record_delimiter.push(rds[i]);
        this.state.recordDelimiterMaxLength = rds[i].length;
        return rds[i].length;
      }
      return 0;
    },
    __error: function(msg) {
      const { encoding, raw, skip_records_with_error } = this.options;
      const err = typeof msg === "string" ? new Error(msg) : msg;
      if (skip_records_with_error) {
        this.state.recordHasError = true;
        if (this.options.on_skip !== void 0) {
          try {
            this.options.on_skip(
              err,
              raw ? this.state.rawBuffer.toString(encoding) : void 0
            );
          } catch (err2) {
            return err2;
          }
        }
        return void 0;
      } else {
        return err;
      }
    },
    __infoDataSet: function() {
      return {
        ...this.info,
        columns: this.options.columns
      };
    },
    __infoRecord: function() {
      const { columns, raw, encoding } = this.options;
      return {
        ...this.__infoDataSet(),
        bytes_records: this.info.bytes,
        error: this.state.error,
        header: columns === true,
        index: this.state.record.length,
        raw: raw ? this.state.rawBuffer.toString(encoding) : void 0
      };
    },
    __infoField: function() {
      const { columns } = this.options;
      const isColumns = Array.isArray(columns);
      const bytes_records = this.info.bytes_records;
      return {
        ...this.__infoRecord(),
        bytes_records,
        column: isColumns === true ? columns.length > this.state.record.length ? columns[this.state.record.length].name : null : this.state.record.length,
        quoting: this.state.wasQuoting
      };
    }
  };
};

// node_modules/csv-parse/lib/sync.js
var parse = function(data, opts = {}) {
  if (typeof data === "string") {
    data = Buffer.from(data);
  }
  const records = opts && opts.objname ? /* @__PURE__ */ Object.create(null) : [];
  const parser = transform(opts);
  const push = (record) => {
    if (parser.options.objname === void 0) records.push(record);
    else {
      records[record[0]] = record[1];
    }
  };
  const close = () => {
  };
  const error = parser.parse(data, true, push, close);
  if (error !== void 0) throw error;
  return records;
};

// action/core/scan/fast-csv-scanner.ts
var CSV_OPTIONS = { record_delimiter: ["\n", "\r\n"], relax_column_count: true };
var CsvSyntaxError = class extends Error {
  name = "CsvSyntaxError";
  line;
  constructor(line, message) {
    super(message);
    this.line = line;
  }
};
var MAX_RECORD_BYTES = 16 * 1024 * 1024;
var SLICE_BYTES = KERNEL_INPUT_BYTES / 2;
var ROOM_BYTES = SLICE_BYTES;
var MAX_KERNEL_LINE_BYTES = KERNEL_INPUT_BYTES - SLICE_BYTES;
var FastCsvScanner = class {
  #onRow;
  #kernel;
  /** Bytes of the unfinished last line, at the start of the kernel's input area. */
  #carry = 0;
  /** An unfinished line too long for the input area, collected here instead. */
  #long;
  #longBytes = 0;
  /** Lines of a record csv-parse has not closed yet (a quoted newline), and the line it starts on. */
  #pending;
  #pendingBytes = 0;
  #pendingLine = 0;
  /** Number of the next line to start. */
  #line = 1;
  #routeRows;
  /**
   * `kernel`: the WebAssembly kernel to scan with; the row handler may share it to write lines.
   * `routeRows`: takes runs of lines of the fast dialect first; the lines it leaves go to `onRow`.
   */
  constructor(onRow, kernel = new CsvKernel(), routeRows) {
    this.#onRow = onRow;
    this.#kernel = kernel;
    this.#routeRows = routeRows;
  }
  /** Number of physical lines finished so far. */
  get lines() {
    return this.#line - 1;
  }
  push(chunk) {
    if (chunk.length <= SLICE_BYTES) {
      this.#pushSlice(chunk);
      return;
    }
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) this.#pushSlice(chunk.subarray(at, at + SLICE_BYTES));
  }
  /** The kernel's memory, where input can also be written in place (see roomAt). */
  get bytes() {
    return this.#kernel.bytes;
  }
  /**
   * Where the next input can be written in place, in `bytes`: ROOM_BYTES bytes from here. Write up
   * to that many and call commit with their count: the same as push without the copy.
   */
  roomAt() {
    return this.#kernel.inputAt + this.#carry;
  }
  /** Takes the `n` bytes written at roomAt() as the next input. */
  commit(n) {
    if (this.#long === void 0) {
      this.#take(n);
      return;
    }
    const start = this.roomAt();
    this.#pushSlice(this.#kernel.bytes.subarray(start, start + n));
  }
  /** Finishes the input: a last line without a newline, or an open quote (an error). */
  end() {
    let tail;
    if (this.#long !== void 0) {
      tail = Buffer.concat(this.#long);
      this.#long = void 0;
    } else if (this.#carry > 0) {
      const at = this.#kernel.inputAt;
      tail = Buffer.from(this.#kernel.bytes.subarray(at, at + this.#carry));
      this.#carry = 0;
    }
    if (this.#pending === void 0 && tail === void 0) return;
    if (this.#pending === void 0) {
      this.#pending = [];
      this.#pendingLine = this.#line;
    }
    if (tail !== void 0) this.#pending.push(tail);
    this.#parsePending(true);
  }
  #pushSlice(slice) {
    if (this.#long !== void 0) {
      const newline = slice.indexOf(10);
      this.#longBytes += newline < 0 ? slice.length : newline + 1;
      if (this.#longBytes > MAX_RECORD_BYTES) throw new CsvSyntaxError(this.#line, `line is longer than ${MAX_RECORD_BYTES} bytes`);
      if (newline < 0) {
        this.#long.push(Buffer.from(slice));
        return;
      }
      this.#long.push(slice.subarray(0, newline + 1));
      const line = Buffer.concat(this.#long);
      this.#long = void 0;
      this.#slowLine(line);
      slice = slice.subarray(newline + 1);
    }
    this.#kernel.bytes.set(slice, this.roomAt());
    this.#take(slice.length);
  }
  /** Takes the `n` bytes at roomAt() as the next input: scans its complete lines, keeps the unfinished one. */
  #take(n) {
    const kernel = this.#kernel;
    const bytes = kernel.bytes;
    const start = kernel.inputAt + this.#carry;
    const end = start + n;
    const last = bytes.subarray(start, end).lastIndexOf(10);
    if (last < 0) {
      this.#carry += n;
      if (this.#carry > MAX_KERNEL_LINE_BYTES) {
        this.#long = [Buffer.from(bytes.subarray(kernel.inputAt, end))];
        this.#longBytes = this.#carry;
        this.#carry = 0;
      }
      return;
    }
    const to = start + last + 1;
    this.#scan(kernel.inputAt, to);
    bytes.copyWithin(kernel.inputAt, to, end);
    this.#carry = end - to;
  }
  /** Reads the complete lines in the kernel's bytes [from, to): the kernel's fast path, or csv-parse. */
  #scan(from, to) {
    const kernel = this.#kernel;
    const bytes = kernel.bytes;
    const bounds = kernel.bounds;
    const scanLine = kernel.scanLine;
    const onRow = this.#onRow;
    const routeRows = this.#routeRows;
    let p = from;
    while (p < to) {
      if (this.#pending === void 0) {
        if (routeRows !== void 0) {
          p = routeRows(p, to, this.#line);
          this.#line += kernel.rowsRouted();
          if (p >= to) break;
          const next2 = kernel.stoppedLineEnd();
          if (next2 >= 0) {
            onRow(bytes, bounds, kernel.fieldCount(), this.#line++);
            p = next2;
            continue;
          }
        }
        const next = routeRows === void 0 ? scanLine(p) : -1;
        if (next >= 0) {
          onRow(bytes, bounds, kernel.fieldCount(), this.#line++);
          p = next;
          continue;
        }
      }
      const newline = bytes.indexOf(10, p);
      this.#slowLine(bytes.subarray(p, newline + 1));
      p = newline + 1;
    }
  }
  /** One complete line outside the fast path (or inside a record csv-parse is still reading). */
  #slowLine(line) {
    if (this.#pending === void 0) {
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#pendingLine = this.#line;
    }
    this.#line++;
    this.#addPending(line);
    this.#parsePending(false);
  }
  #addPending(bytes) {
    this.#pending.push(Buffer.from(bytes));
    this.#pendingBytes += bytes.length;
    if (this.#pendingBytes > MAX_RECORD_BYTES) {
      throw new CsvSyntaxError(this.#pendingLine, `a quoted field stays open for more than ${MAX_RECORD_BYTES} bytes`);
    }
  }
  /** Lets csv-parse read the pending lines; keeps them while a quote is open, unless the input ended. */
  #parsePending(atEnd) {
    const text = Buffer.concat(this.#pending);
    let records;
    try {
      records = parse(text, CSV_OPTIONS);
    } catch (error) {
      const code = error.code;
      if (code === "CSV_QUOTE_NOT_CLOSED" && !atEnd) return;
      throw new CsvSyntaxError(this.#pendingLine, error.message.replace(/ at line \d+/, ""));
    }
    this.#pending = void 0;
    for (const record of records) {
      const row = packFields(record);
      this.#onRow(row.buf, row.bounds, record.length, this.#pendingLine);
    }
  }
};
function packFields(fields) {
  const parts = fields.map((field) => Buffer.from(field, "utf8"));
  const bounds = new Int32Array(2 * parts.length);
  let at = 0;
  parts.forEach((part, i) => {
    bounds[2 * i] = at;
    at += part.length;
    bounds[2 * i + 1] = at;
  });
  return { buf: Buffer.concat(parts), bounds };
}

// action/core/scan/gzip-framing.ts
var GzipFormatError = class extends Error {
  name = "GzipFormatError";
};
var FHCRC = 2;
var FEXTRA = 4;
var FNAME = 8;
var FCOMMENT = 16;
var RESERVED_FLAGS = 224;
var MAX_HEADER_BYTES = 1024 * 1024;
var TRAILER_BYTES = 8;
function gzipHeaderLength(bytes) {
  if (bytes.length >= 1 && bytes[0] !== 31) throw new GzipFormatError("incorrect header check");
  if (bytes.length >= 2 && bytes[1] !== 139) throw new GzipFormatError("incorrect header check");
  if (bytes.length >= 3 && bytes[2] !== 8) throw new GzipFormatError("unknown compression method");
  if (bytes.length < 10) return void 0;
  const flags = bytes[3];
  if ((flags & RESERVED_FLAGS) !== 0) throw new GzipFormatError("unknown header flags set");
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return void 0;
    at += 2 + (bytes[at] | bytes[at + 1] << 8);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if ((flags & flag) === 0) continue;
    const end = bytes.indexOf(0, at);
    if (end < 0) return void 0;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return bytes.length >= at ? at : void 0;
}
var GzipFraming = class {
  /** Header bytes collected so far, until the header is complete. */
  #head = [];
  #headBytes = 0;
  /** Length of the first member's header, once read. */
  #headerLength = -1;
  /** Bytes fed so far. */
  #total = 0;
  /** The last TRAILER_BYTES bytes fed (fewer at first), oldest first. */
  #tail = new Uint8Array(TRAILER_BYTES);
  #tailBytes = 0;
  /**
   * Feeds the next bytes of the file; returns the part of them that belongs to the deflate stream
   * (everything after the first member's header: the raw inflater stops by itself at the member's end).
   */
  feed(chunk) {
    this.#total += chunk.length;
    this.#keepTail(chunk);
    if (this.#head === void 0) return chunk;
    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    const head = this.#head.length === 1 ? chunk : Buffer.concat(this.#head, this.#headBytes);
    const length = gzipHeaderLength(head);
    if (length === void 0) {
      if (this.#headBytes > MAX_HEADER_BYTES) throw new GzipFormatError("gzip header too long");
      this.#head = [this.#head.length > 1 ? head : new Uint8Array(head)];
      return EMPTY;
    }
    this.#head = void 0;
    this.#headerLength = length;
    return head.subarray(length);
  }
  /**
   * After the whole file was fed and the raw inflater ended: `deflateBytes` is the input it consumed
   * (its bytesWritten), `inflatedBytes` its output. Checks the member's trailer when it is the file's
   * end, or says where the rest of the file starts.
   */
  finish(deflateBytes, inflatedBytes) {
    if (this.#head !== void 0) throw new GzipFormatError("unexpected end of file");
    const trailerAt = this.#headerLength + deflateBytes;
    const after = this.#total - trailerAt;
    if (after < TRAILER_BYTES) throw new GzipFormatError("unexpected end of file");
    if (after > TRAILER_BYTES) return { kind: "more", offset: trailerAt };
    checkTrailerSize(this.#tail, inflatedBytes);
    return { kind: "done" };
  }
  #keepTail(chunk) {
    const tail = this.#tail;
    if (chunk.length >= TRAILER_BYTES) {
      tail.set(chunk.subarray(chunk.length - TRAILER_BYTES));
      this.#tailBytes = TRAILER_BYTES;
      return;
    }
    const keep = Math.min(this.#tailBytes, TRAILER_BYTES - chunk.length);
    tail.copyWithin(0, this.#tailBytes - keep, this.#tailBytes);
    tail.set(chunk, keep);
    this.#tailBytes = keep + chunk.length;
  }
};
function checkTrailerSize(trailer, inflatedBytes) {
  const size = (trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24) >>> 0;
  if (size !== inflatedBytes % 2 ** 32) throw new GzipFormatError("incorrect length check");
}
var EMPTY = new Uint8Array(0);

// action/core/scan/read-row-facts.ts
var ENCRYPTIONS = new WordTable(["SSE-KMS", "SSE-S3", "NOT-SSE", "DSSE-KMS", "SSE-C"]);
var STORAGE_CLASSES = new WordTable([
  "STANDARD",
  "STANDARD_IA",
  "INTELLIGENT_TIERING",
  "ONEZONE_IA",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
  "REDUCED_REDUNDANCY",
  "OUTPOSTS",
  "SNOW",
  "EXPRESS_ONEZONE"
]);
var ARCHIVE_TIERS = new WordTable(["ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS", "ARCHIVE", "DEEP_ARCHIVE"]);
var LOCK_MODES = new WordTable(["GOVERNANCE", "COMPLIANCE"]);
var ENABLED = asciiUpper("ENABLED");
var ON = asciiUpper("ON");
var SIGNATURE_COLUMNS = [
  "IsDeleteMarker",
  "IsLatest",
  "EncryptionStatus",
  "BucketKeyStatus",
  "StorageClass",
  "IntelligentTieringAccessTier",
  "ObjectLockMode",
  "ObjectLockLegalHoldStatus"
];
var RowFactsReader = class _RowFactsReader {
  isDeleteMarker = false;
  isLatest = true;
  encryption = void 0;
  bucketKeyEnabled = false;
  archiveTier = false;
  legalHold = false;
  lockMode = false;
  retainUntilMs = Number.NaN;
  extraAclGrants;
  #buf = Buffer.alloc(0);
  #bounds = new Int32Array(0);
  // Offsets into `bounds` (2 * column index), or -1 when the inventory lacks the column.
  #deleteMarker;
  #latest;
  #bucketKey;
  #encryption;
  #storageClass;
  #size;
  #tier;
  #legalHold;
  #lockMode;
  #retainUntil;
  #acl;
  constructor(columns) {
    const at = (column) => column < 0 ? -1 : 2 * column;
    this.#deleteMarker = at(columns.IsDeleteMarker);
    this.#latest = at(columns.IsLatest);
    this.#bucketKey = at(columns.BucketKeyStatus);
    this.#encryption = at(columns.EncryptionStatus);
    this.#storageClass = at(columns.StorageClass);
    this.#size = at(columns.Size);
    this.#tier = at(columns.IntelligentTieringAccessTier);
    this.#legalHold = at(columns.ObjectLockLegalHoldStatus);
    this.#lockMode = at(columns.ObjectLockMode);
    this.#retainUntil = at(columns.ObjectLockRetainUntilDate);
    this.#acl = at(columns.ObjectAccessControlList);
    this.extraAclGrants = this.#acl < 0 ? void 0 : _RowFactsReader.prototype.hasExtraAclGrants;
  }
  /** Decodes the row whose field i spans bounds[2i]..bounds[2i+1] of buf; returns this reader. */
  read(buf, bounds) {
    this.#buf = buf;
    this.#bounds = bounds;
    let at = this.#deleteMarker;
    this.isDeleteMarker = at >= 0 && isTrue(buf, bounds[at], bounds[at + 1]);
    at = this.#latest;
    this.isLatest = at < 0 || isTrue(buf, bounds[at], bounds[at + 1]);
    at = this.#bucketKey;
    this.bucketKeyEnabled = equalsIgnoreCase(buf, bounds[at], bounds[at + 1], ENABLED);
    at = this.#encryption;
    if (at >= 0) {
      const found = ENCRYPTIONS.match(buf, bounds[at], bounds[at + 1]);
      this.encryption = found < 0 ? "" : ENCRYPTIONS.words[found];
    }
    at = this.#tier;
    this.archiveTier = at >= 0 && bounds[at] !== bounds[at + 1] && ARCHIVE_TIERS.match(buf, bounds[at], bounds[at + 1]) >= 0;
    at = this.#legalHold;
    this.legalHold = at >= 0 && equalsIgnoreCase(buf, bounds[at], bounds[at + 1], ON);
    at = this.#lockMode;
    this.lockMode = at >= 0 && bounds[at] !== bounds[at + 1] && LOCK_MODES.match(buf, bounds[at], bounds[at + 1]) >= 0;
    this.retainUntilMs = this.lockMode && this.#retainUntil >= 0 ? Date.parse(this.#text(this.#retainUntil)) : Number.NaN;
    return this;
  }
  /** Upper-case StorageClass of the last row read; undefined without the column. */
  storageClass() {
    const at = this.#storageClass;
    if (at < 0) return void 0;
    const start = this.#bounds[at];
    const end = this.#bounds[at + 1];
    const found = STORAGE_CLASSES.match(this.#buf, start, end);
    return found >= 0 ? STORAGE_CLASSES.words[found] : this.#buf.toString("utf8", start, end).toUpperCase();
  }
  /** Size in bytes of the last row read (0 when empty); undefined without the column. */
  size() {
    const at = this.#size;
    if (at < 0) return void 0;
    const size = parseDecimal(this.#buf, this.#bounds[at], this.#bounds[at + 1]);
    return size === size ? size : 0;
  }
  /** Whether the last row's ACL grants more than the owner's FULL_CONTROL (the ACL column must exist). */
  hasExtraAclGrants() {
    return hasExtraAclGrants(this.#text(this.#acl));
  }
  #text(at) {
    return this.#buf.toString("utf8", this.#bounds[at], this.#bounds[at + 1]);
  }
};

// action/core/scan/retain-date-order.ts
function retainDateOrder(timeMs) {
  if (!Number.isInteger(timeMs)) return void 0;
  const time = new Date(timeMs);
  const year = time.getUTCFullYear();
  if (year < 0 || year > 9999) return void 0;
  const days = (year * 12 + time.getUTCMonth()) * 31 + time.getUTCDate() - 1;
  return (((days * 24 + time.getUTCHours()) * 60 + time.getUTCMinutes()) * 60 + time.getUTCSeconds()) * 1e3 + time.getUTCMilliseconds();
}

// action/core/scan/kernel-routes.ts
var ASK_JAVASCRIPT = -1;
var KernelRoutes = class _KernelRoutes {
  /**
   * Whether row signatures keep the comparison of ObjectLockRetainUntilDate with the inventory time
   * (the kernel compares the file's dates, or the file has no such column and every date is empty):
   * routing's reading of retainUntilMs then holds for the whole signature.
   */
  signatureKeepsRetainDate;
  #kernel;
  #area;
  #outputs = [];
  /** Decision indexes by name, and what each adds to the tally. */
  #decisionIndex = /* @__PURE__ */ new Map();
  #counters = [];
  #signatures = 0;
  /** Slot of the unseen signature the last route() call stopped at, and the line of its row (-1: none). */
  #unseenSlot = -1;
  #unseenLine = -1;
  /**
   * Clears the kernel's route table for a data file of `inventoryTimeMs`; undefined when the kernel
   * cannot route its rows.
   */
  static create(kernel, fieldCount, columns, inventoryTimeMs) {
    const area = kernel.routeArea;
    const signature = SIGNATURE_COLUMNS.map((column) => columns[column]).filter((column) => column >= 0);
    if (columns.Bucket < 0 || columns.Key < 0 || signature.length > area.signatureColumns.length) return void 0;
    area.all.fill(0);
    area.sizeLimit[0] = MAX_COPY_OBJECT_BYTES;
    const settings = area.settings;
    settings[area.at.fields] = fieldCount;
    settings[area.at.bucket] = 8 * columns.Bucket;
    settings[area.at.key] = 8 * columns.Key;
    settings[area.at.size] = columns.Size < 0 ? -1 : 8 * columns.Size;
    settings[area.at.signatureColumns] = signature.length;
    signature.forEach((column, i) => area.signatureColumns[i] = 8 * column);
    const retainLimit = columns.ObjectLockRetainUntilDate < 0 ? void 0 : retainDateOrder(inventoryTimeMs);
    settings[area.at.retainUntil] = retainLimit === void 0 ? -1 : 8 * columns.ObjectLockRetainUntilDate;
    area.retainLimit[0] = retainLimit ?? 0;
    return new _KernelRoutes(kernel, columns.ObjectLockRetainUntilDate < 0 || retainLimit !== void 0);
  }
  constructor(kernel, signatureKeepsRetainDate) {
    this.signatureKeepsRetainDate = signatureKeepsRetainDate;
    this.#kernel = kernel;
    this.#area = kernel.routeArea;
  }
  /**
   * Lets the kernel write a job's lines into `sink` (which must lie in the kernel's memory) and sum its
   * Size into `counts.bytes` (see addBytes, fold). Returns the output's index, or -1 when it cannot.
   * From then on the kernel holds the output's write position: JavaScript writes to the sink between
   * toSink() and fromSink().
   */
  addOutput(sink, versionColumn, counts) {
    const index = this.#outputs.length;
    if (!this.#kernel.owns(sink.buf) || 4 * index >= this.#area.outputs.length) return -1;
    this.#outputs.push({ sink, region: sink.buf, counts });
    this.#area.outputs[4 * index + 2] = versionColumn < 0 ? -1 : 8 * versionColumn;
    this.#area.outputBytes[index] = counts.bytes;
    this.fromSink(index);
    return index;
  }
  /** Hands output `index`'s write position to its sink, for JavaScript to write. */
  toSink(index) {
    const { sink, region } = this.#outputs[index];
    if (sink.buf === region) sink.pos = this.#area.outputs[4 * index] - region.byteOffset;
  }
  /** Takes output `index`'s write position back from its sink; a sink that outgrew its region (one huge line) stays JavaScript's. */
  fromSink(index) {
    const { sink, region } = this.#outputs[index];
    const inRegion = sink.buf === region;
    this.#area.outputs[4 * index] = inRegion ? region.byteOffset + sink.pos : 0;
    this.#area.outputs[4 * index + 1] = inRegion ? region.byteOffset + region.length : 0;
  }
  /** Adds a row JavaScript routed to output `index`: one sum in row order, whoever routes the rows. */
  addBytes(index, bytes) {
    const sums = this.#area.outputBytes;
    sums[index] = sums[index] + bytes;
  }
  /**
   * Routes the complete lines in the kernel's bytes [from, to), the first on line `line`, until one needs
   * JavaScript; returns where it stopped. The kernel's rowsRouted() says how many rows it routed.
   */
  route(from, to, line) {
    const stop = this.#kernel.routeRows(from, to);
    const settings = this.#area.settings;
    this.#unseenSlot = settings[this.#area.at.unseenSlot];
    this.#unseenLine = this.#unseenSlot < 0 ? -1 : line + settings[this.#area.at.rows];
    return stop;
  }
  /** Whether the row on `line` is the one whose signature the last route() call had not seen: route it, then learn(). */
  isUnseen(line) {
    return line === this.#unseenLine;
  }
  /**
   * Teaches the table the route of the unseen row, for its signature. `decision` names what such rows
   * count as (one name per outcome), `output` is the job output their lines go to (-1: a skip), `count`
   * adds the kernel's rows under it to the tally. `askJavaScript`: the route read a per-row value (or
   * its job has no kernel output), so JavaScript keeps routing the rows of this signature.
   */
  learn(decision, output, count, askJavaScript) {
    const slot = this.#unseenSlot;
    this.#unseenSlot = -1;
    this.#unseenLine = -1;
    if (slot < 0 || this.#signatures >= this.#area.maxSignatures) return;
    let index = this.#decisionIndex.get(decision);
    if (index === void 0 && !askJavaScript && this.#counters.length < this.#area.decisions.length) {
      index = this.#counters.length;
      this.#decisionIndex.set(decision, index);
      this.#counters.push(count);
      this.#area.decisions[index] = output;
    }
    this.#kernel.installRoute(slot, askJavaScript || index === void 0 ? ASK_JAVASCRIPT : index + 1);
    this.#signatures++;
  }
  /**
   * At the end of the file: adds what the kernel counted to the tally (through each decision's
   * CountRows) and each output's byte sum, and hands every write position back to its sink.
   */
  fold() {
    this.#outputs.forEach((_output, index) => this.toSink(index));
    const rows = this.#area.decisionRows;
    this.#counters.forEach((count, index) => {
      if (rows[index] > 0) count(rows[index]);
      rows[index] = 0;
    });
    this.#outputs.forEach((output, index) => output.counts.bytes = this.#area.outputBytes[index]);
  }
};

// action/core/scan/route-probe.ts
var RouteProbe = class {
  /** Whether routing the watched facts read a per-row value. */
  readRowValue = false;
  #signatureKeepsRetainDate;
  #facts;
  /** `signatureKeepsRetainDate`: the row signature holds whether the retention date is at or before the inventory time (KernelRoutes.signatureKeepsRetainDate). */
  constructor(signatureKeepsRetainDate = false) {
    this.#signatureKeepsRetainDate = signatureKeepsRetainDate;
  }
  /** Watches `facts` from now on; returns the probe, to route in their place. */
  watch(facts) {
    this.#facts = facts;
    this.readRowValue = false;
    return this;
  }
  get isDeleteMarker() {
    return this.#watched().isDeleteMarker;
  }
  get isLatest() {
    return this.#watched().isLatest;
  }
  get encryption() {
    return this.#watched().encryption;
  }
  get bucketKeyEnabled() {
    return this.#watched().bucketKeyEnabled;
  }
  get archiveTier() {
    return this.#watched().archiveTier;
  }
  get legalHold() {
    return this.#watched().legalHold;
  }
  get lockMode() {
    return this.#watched().lockMode;
  }
  storageClass() {
    return this.#watched().storageClass();
  }
  get retainUntilMs() {
    if (!this.#signatureKeepsRetainDate) this.readRowValue = true;
    return this.#watched().retainUntilMs;
  }
  size() {
    return this.#watched().size();
  }
  get extraAclGrants() {
    const facts = this.#watched();
    const grants = facts.extraAclGrants;
    if (grants === void 0) return void 0;
    return () => {
      this.readRowValue = true;
      return grants.call(facts);
    };
  }
  #watched() {
    if (this.#facts === void 0) throw new Error("RouteProbe: watch(facts) first");
    return this.#facts;
  }
};

// action/core/scan/inventory-row-handler.ts
var InventoryRowHandler = class {
  tally = emptyTally();
  #options;
  #reader;
  #context;
  #bucket;
  #fieldCount;
  #bucketAt;
  #lines;
  #update;
  #copies = /* @__PURE__ */ new Map();
  #outputs = [];
  #kernel;
  #routes;
  #probe;
  /**
   * Routes a run of lines in the kernel (FastCsvScanner's fast path): the kernel's bytes [from, to), the
   * first on line `line`; returns where it stopped. Undefined without the kernel.
   */
  routeRows;
  constructor(options) {
    this.#options = options;
    this.#reader = new RowFactsReader(options.columns);
    this.#context = { operation: options.operation, inventoryTimeMs: options.inventoryTimeMs };
    this.#bucket = Buffer.from(options.sourceBucket, "utf8");
    this.#fieldCount = options.fileSchema.length;
    this.#bucketAt = 2 * options.columns.Bucket;
    const linePrefix = Buffer.from(`${options.sourceBucket},`, "utf8");
    if (options.kernel?.setLinePrefix(linePrefix)) this.#kernel = options.kernel;
    this.#lines = new ManifestLineWriter(options.file, linePrefix, options.columns.Key, this.#kernel);
    this.#routes = this.#kernel && KernelRoutes.create(this.#kernel, this.#fieldCount, options.columns, options.inventoryTimeMs);
    const routes = this.#routes;
    this.#probe = new RouteProbe(routes?.signatureKeepsRetainDate);
    this.routeRows = routes && ((from, to, line) => {
      const stop = routes.route(from, to, line);
      this.tally.rows += this.#kernel.rowsRouted();
      return stop;
    });
  }
  /** The scanner's row callback. */
  onRow = (buf, bounds, fieldCount, line) => {
    const tally = this.tally;
    tally.rows++;
    if (fieldCount !== this.#fieldCount) {
      const { file, fileSchema } = this.#options;
      throw new InventoryDataError(file, line, `${file}:${line}: row has ${fieldCount} fields but fileSchema lists ${this.#fieldCount} (${fileSchema.join(", ")}). ${RESYNC}`);
    }
    const bucketStart = bounds[this.#bucketAt];
    const bucketEnd = bounds[this.#bucketAt + 1];
    if (!sameBytes(buf, bucketStart, bucketEnd, this.#bucket)) {
      const { file, sourceBucket } = this.#options;
      const found = buf.toString("utf8", bucketStart, bucketEnd);
      throw new InventoryDataError(file, line, `${file}:${line}: row's Bucket "${found}" differs from the manifest's sourceBucket "${sourceBucket}". ${RESYNC}`);
    }
    const facts = this.#reader.read(buf, bounds);
    const learning = this.#routes !== void 0 && buf === this.#kernel.bytes && this.#routes.isUnseen(line);
    const route = routeRow(learning ? this.#probe.watch(facts) : facts, this.#context);
    let job;
    let counter;
    if (route === "update") {
      job = this.#update ??= this.#open("update", this.#options.columns.VersionId);
      counter = facts.encryption === "SSE-KMS" ? "updateSseKms" : facts.encryption === "SSE-S3" ? "updateSseS3" : "updateUnknownEncryption";
      tally[counter]++;
    } else if (route === "copy") {
      const storageClass = facts.storageClass() ?? "";
      let copy = this.#copies.get(storageClass);
      if (copy === void 0) {
        copy = this.#open(`copy:${storageClass}`, -1);
        this.#copies.set(storageClass, copy);
      }
      job = copy;
    } else {
      tally.skipped[route] = (tally.skipped[route] ?? 0) + 1;
      if (learning) this.#learnSkip(route);
      return;
    }
    job.counts.objects++;
    const size = facts.size() ?? 0;
    const output = job.routesOutput;
    if (output >= 0) {
      const routes = this.#routes;
      routes.addBytes(output, size);
      routes.toSink(output);
      this.#lines.write(job, buf, bounds, line);
      routes.fromSink(output);
    } else {
      job.counts.bytes += size;
      this.#lines.write(job, buf, bounds, line);
    }
    if (learning) this.#learnJob(job, counter);
  };
  /** Teaches the kernel a skip for the signature of the row just routed (the first the kernel had not seen). */
  #learnSkip(reason) {
    const skipped = this.tally.skipped;
    this.#routes.learn(reason, -1, (rows) => skipped[reason] = (skipped[reason] ?? 0) + rows, this.#probe.readRowValue);
  }
  /** Teaches the kernel a job for the signature of the row just routed (the first the kernel had not seen). */
  #learnJob(job, counter) {
    const tally = this.tally;
    const counts = job.counts;
    const count = (rows) => {
      counts.objects += rows;
      if (counter !== void 0) tally[counter] += rows;
    };
    this.#routes.learn(`${job.routesOutput}:${counter ?? ""}`, job.routesOutput, count, this.#probe.readRowValue || job.routesOutput < 0);
  }
  #open(jobKey, versionColumn) {
    const counts = { objects: 0, bytes: 0 };
    this.tally.jobs[jobKey] = counts;
    const sink = this.#options.openSink(jobKey);
    const kernelOut = this.#kernel?.owns(sink.buf) ? sink.buf : void 0;
    const routesOutput = this.#routes?.addOutput(sink, versionColumn, counts) ?? -1;
    const output = { sink, counts, versionAt: versionColumn < 0 ? -1 : 2 * versionColumn, kernelOut, routesOutput };
    this.#outputs.push(output);
    return output;
  }
  /** Flushes every job's output and completes the tally with the rows the kernel routed. */
  flush() {
    this.#routes?.fold();
    for (const output of this.#outputs) output.sink.flush();
  }
};
function sameBytes(buf, start, end, expected) {
  const length = expected.length;
  if (end - start !== length) return false;
  for (let i = 0; i < length; i++) if (buf[start + i] !== expected[i]) return false;
  return true;
}

// action/io/inventory/data-file-source.ts
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
async function openDataFile(source, hooks = {}) {
  if (source.kind === "s3") {
    const { openS3Object } = await import("./scan-worker-s3-object-stream-A4WQR7EL.js");
    return openS3Object(source.client, source.bucket, source.key, hooks.onRetry);
  }
  try {
    const handle = await open(source.path, "r");
    return handle.createReadStream({ highWaterMark: LOCAL_READ_CHUNK_BYTES, autoClose: true });
  } catch (error) {
    throw explainOpenFailure(source, error);
  }
}
function* readLocalDataFile(source, buffer) {
  let fd;
  try {
    fd = openSync(source.path, "r");
  } catch (error) {
    throw explainOpenFailure(source, error);
  }
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
function explainOpenFailure(source, error) {
  if (error.code !== "ENOENT") return error;
  return new InventoryDataError(source.display, void 0, `${source.display}: data file listed in manifest.json is missing. Re-sync the whole inventory folder (aws s3 sync) and run again.`);
}

// action/io/scan/inflate.ts
import { once } from "node:events";
import { constants, createInflateRaw } from "node:zlib";
async function inflateStream(source, inflater, consume) {
  let ended = false;
  inflater.once("end", () => ended = true);
  let failure;
  const consuming = consume(inflater).catch((error) => {
    failure ??= { error };
  });
  try {
    for await (const chunk of source) {
      if (failure !== void 0) throw failure.error;
      if (ended || chunk.length === 0) continue;
      if (!inflater.write(chunk)) await Promise.race([once(inflater, "drain").catch(() => {
      }), consuming]);
    }
    if (!ended && failure === void 0) inflater.end();
    await consuming;
    if (failure !== void 0) throw failure.error;
  } finally {
    inflater.destroy();
  }
}
async function inflateFirstMember(source, options, consume) {
  const framing = new GzipFraming();
  const inflater = createInflateRaw({ chunkSize: options.chunkSize });
  async function* deflateStream() {
    for await (const chunk of source) {
      options.onCompressed?.(chunk);
      yield framing.feed(chunk);
    }
  }
  await inflateStream(deflateStream(), inflater, consume);
  return { framing, deflateBytes: inflater.bytesWritten };
}
var INFLATE_MODE_VARIABLE = "BUCKET_KEYS_INFLATE";
function inflatesSynchronously(env = process.env) {
  const mode = env[INFLATE_MODE_VARIABLE];
  if (mode === void 0 || mode === "" || mode === "sync") return true;
  if (mode === "stream") return false;
  throw new InputError(INFLATE_MODE_VARIABLE, `${INFLATE_MODE_VARIABLE}=${JSON.stringify(mode)} is not a known mode. Set it to "sync" (the default) or "stream" (Node.js's zlib streams), or unset it.`);
}
var supported;
var SyncRawInflater = class _SyncRawInflater {
  #stream;
  #handle;
  /** [avail_out, avail_in] after each write. */
  #state;
  /** Compressed bytes consumed: the deflate stream's length once it ended. */
  consumed = 0;
  /** The deflate stream ended (later input is not for it). */
  ended = false;
  constructor(stream, handle, state) {
    this.#stream = stream;
    this.#handle = handle;
    this.#state = state;
  }
  /** Whether this Node.js has what SyncRawInflater drives (checked once). */
  static supported() {
    if (supported === void 0) {
      const probe = _SyncRawInflater.create();
      probe?.close();
      supported = probe !== void 0;
    }
    return supported;
  }
  static create() {
    const stream = createInflateRaw();
    const { _handle: handle, _writeState: state } = stream;
    if (typeof handle?.writeSync !== "function" || !(state instanceof Uint32Array) || state.length < 2) {
      stream.destroy();
      return void 0;
    }
    stream.on("error", () => {
    });
    return new _SyncRawInflater(stream, handle, state);
  }
  /** Inflates `input` into `sink` until all of it is consumed or the deflate stream ends inside it. */
  write(input, sink) {
    if (this.ended || input.length === 0) return;
    this.#run(constants.Z_NO_FLUSH, input, sink);
  }
  /** The input ended: flushes the rest; throws zlib's "unexpected end of file" when the deflate stream did not end. */
  finish(sink) {
    if (!this.ended) this.#run(constants.Z_FINISH, null, sink);
    this.ended = true;
  }
  close() {
    this.#stream.close();
  }
  #run(flush, input, sink) {
    const state = this.#state;
    let inOffset = 0;
    let inLength = input === null ? 0 : input.length;
    for (; ; ) {
      const room = sink.roomBytes;
      const at = sink.roomAt();
      if (!(at >= 0 && room > 0 && at + room <= sink.bytes.length)) throw new RangeError(`SyncRawInflater: room [${at}, ${at + room}) is outside the sink's ${sink.bytes.length} bytes`);
      this.#handle.writeSync(flush, input, inOffset, inLength, sink.bytes, at, room);
      const error = this.#stream.errored;
      if (error !== null) throw error;
      const availOut = state[0];
      const availIn = state[1];
      this.consumed += inLength - availIn;
      inOffset += inLength - availIn;
      inLength = availIn;
      if (availOut < room) sink.filled(room - availOut);
      if (availOut === 0) continue;
      if (inLength > 0) this.ended = true;
      return;
    }
  }
};
async function inflateFirstMemberInto(source, onCompressed, sink) {
  const framing = new GzipFraming();
  const inflater = SyncRawInflater.create();
  if (inflater === void 0) throw new Error("inflateFirstMemberInto: this Node.js has no zlib handle to drive (see SyncRawInflater.supported)");
  try {
    for await (const chunk of source) {
      onCompressed(chunk);
      inflater.write(framing.feed(chunk), sink);
    }
    inflater.finish(sink);
  } finally {
    inflater.close();
  }
  return { framing, deflateBytes: inflater.consumed };
}
async function inflateDataFile(file, onCompressed, sink, hooks = {}) {
  if (inflatesSynchronously() && SyncRawInflater.supported()) {
    const source = file.kind === "local" ? readLocalDataFile(file, Buffer.allocUnsafeSlow(LOCAL_READ_CHUNK_BYTES)) : await openDataFile(file, hooks);
    return inflateFirstMemberInto(source, onCompressed, sink);
  }
  return inflateFirstMember(await openDataFile(file, hooks), { chunkSize: INFLATE_CHUNK_BYTES, onCompressed }, (inflated) => copyInto(inflated, sink));
}
async function copyInto(inflated, sink) {
  for await (const chunk of inflated) {
    for (let at = 0; at < chunk.length; ) {
      const n = Math.min(sink.roomBytes, chunk.length - at);
      sink.bytes.set(chunk.subarray(at, at + n), sink.roomAt());
      sink.filled(n);
      at += n;
    }
  }
}

// action/io/scan/utf8-bom.ts
var BOM = [239, 187, 191];
var Utf8BomSkipper = class {
  #inner;
  /** Bytes written at the inner sink's room but not yet passed on (a BOM's first bytes, perhaps). */
  #held = 0;
  #decided = false;
  /** Whether a BOM was found (and skipped). */
  skipped = false;
  constructor(inner) {
    this.#inner = inner;
  }
  get bytes() {
    return this.#inner.bytes;
  }
  get roomBytes() {
    return this.#inner.roomBytes - this.#held;
  }
  roomAt() {
    return this.#inner.roomAt() + this.#held;
  }
  filled(n) {
    if (this.#decided) {
      this.#inner.filled(n);
      return;
    }
    const at = this.#inner.roomAt();
    const total = this.#held + n;
    const bytes = this.#inner.bytes;
    for (let i = 0; i < Math.min(total, BOM.length); i++) {
      if (bytes[at + i] !== BOM[i]) {
        this.#pass(total);
        return;
      }
    }
    if (total < BOM.length) {
      this.#held = total;
      return;
    }
    bytes.copyWithin(at, at + BOM.length, at + total);
    this.skipped = true;
    this.#pass(total - BOM.length);
  }
  /** The input ended: bytes still held (a file shorter than a BOM) are data. */
  finish() {
    if (!this.#decided) this.#pass(this.#held);
  }
  #pass(n) {
    this.#decided = true;
    this.#held = 0;
    if (n > 0) this.#inner.filled(n);
  }
};

// action/io/scan/scan-data-file.ts
var PROGRESS_EVERY_BYTES = YOUNG_GC_EVERY_BYTES;
var PART_BUFFER_BYTES = 1024 * 1024;
async function scanDataFile(task, onProgress = () => {
}, onPartGrown = () => {
}, events = {}) {
  const file = task.source.display;
  const parts = {};
  const descriptors = [];
  mkdirSync(task.partsDir, { recursive: true });
  const kernel = CsvKernel.take();
  const handler = new InventoryRowHandler({
    file,
    fileSchema: task.fileSchema,
    columns: indexColumns(task.fileSchema),
    sourceBucket: task.sourceBucket,
    operation: task.operation,
    inventoryTimeMs: task.inventoryTimeMs,
    kernel,
    openSink: (jobKey) => {
      const path = join(task.partsDir, `${encodeURIComponent(jobKey).replace(/%/g, "_")}.part`);
      const fd = openSync2(path, "w");
      descriptors.push(fd);
      parts[jobKey] = path;
      let size = 0;
      return new ByteSink(kernel.outputRegion() ?? PART_BUFFER_BYTES, (chunk) => {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written);
        size += written;
        onPartGrown(jobKey, path, size);
      });
    }
  });
  const scanner = new FastCsvScanner(handler.onRow, kernel, handler.routeRows);
  const md5 = createHash("md5");
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  let reportedRows = 0;
  let sinceReport = 0;
  const scanned = (bytes) => {
    uncompressedBytes += bytes;
    sinceReport += bytes;
    if (sinceReport >= PROGRESS_EVERY_BYTES) {
      onProgress(handler.tally.rows - reportedRows, sinceReport);
      reportedRows = handler.tally.rows;
      sinceReport = 0;
      collectYoungGarbage();
    }
  };
  const bom = new Utf8BomSkipper({ bytes: scanner.bytes, roomBytes: ROOM_BYTES, roomAt: () => scanner.roomAt(), filled: (n) => scanner.commit(n) });
  const sink = {
    bytes: scanner.bytes,
    get roomBytes() {
      return bom.roomBytes;
    },
    roomAt: () => bom.roomAt(),
    filled: (n) => {
      bom.filled(n);
      scanned(n);
    }
  };
  try {
    const onCompressed = (chunk) => {
      md5.update(chunk);
      compressedBytes += chunk.length;
      events.onRead?.();
    };
    const first = await inflateDataFile(task.source, onCompressed, sink, events);
    checkMd5(task, md5);
    const rest = first.framing.finish(first.deflateBytes, uncompressedBytes);
    if (rest.kind === "more") await scanLaterMembers(task, rest.offset, uncompressedBytes, sink, events);
    bom.finish();
    scanner.end();
    onProgress(handler.tally.rows - reportedRows, sinceReport);
    handler.flush();
  } catch (error) {
    throw await explainFailure(task, error, events);
  } finally {
    for (const fd of descriptors) closeSync2(fd);
    kernel.release();
  }
  return { index: task.index, tally: handler.tally, parts, compressedBytes, uncompressedBytes };
}
async function scanLaterMembers(task, trailerAt, firstInflated, sink, events) {
  const md5 = createHash("md5");
  const stream = await openDataFile(task.source, events);
  async function* afterFirstMember() {
    const trailer = Buffer.alloc(8);
    let trailerBytes = 0;
    let position = 0;
    for await (const chunk of stream) {
      md5.update(chunk);
      events.onRead?.();
      let rest = chunk.subarray(Math.max(0, Math.min(chunk.length, trailerAt - position)));
      position += chunk.length;
      if (trailerBytes < 8 && rest.length > 0) {
        const take = Math.min(8 - trailerBytes, rest.length);
        trailer.set(rest.subarray(0, take), trailerBytes);
        trailerBytes += take;
        rest = rest.subarray(take);
        if (trailerBytes === 8) checkTrailerSize(trailer, firstInflated);
      }
      if (rest.length > 0) yield rest;
    }
    if (trailerBytes < 8) throw new GzipFormatError("unexpected end of file");
  }
  const bytes = afterFirstMember();
  let first = await bytes.next();
  while (!first.done && first.value.length === 0) first = await bytes.next();
  if (!first.done && first.value[0] !== 0) {
    const head = first.value;
    async function* all() {
      yield head;
      yield* bytes;
    }
    await inflateStream(all(), createGunzip({ chunkSize: INFLATE_CHUNK_BYTES }), (inflated) => copyInto(inflated, sink));
  } else {
    for (let next = first; !next.done; next = await bytes.next()) ;
  }
  checkMd5(task, md5);
}
function checkMd5(task, md5) {
  const actual = md5.digest("hex");
  if (actual !== task.expectedMd5) throw new ChecksumMismatchError(task.source.display, task.expectedMd5, actual);
}
async function explainFailure(task, error, events) {
  const file = task.source.display;
  const isZlib = error instanceof GzipFormatError || typeof error.errno === "number" && /^Z_/.test(String(error.code));
  const isData = isZlib || error instanceof CsvSyntaxError || error instanceof InventoryDataError;
  if (!isData) {
    if (error instanceof BucketKeysError) return error;
    return new BucketKeysError("SCAN", `${file}: the scan of this data file failed (${error.message}). Check the network connection and free disk space, then run again.`, { cause: error });
  }
  const actual = await md5Of(task.source, events).catch(() => void 0);
  if (actual !== void 0 && actual !== task.expectedMd5) return new ChecksumMismatchError(file, task.expectedMd5, actual);
  if (isZlib) {
    const reason = error.message;
    return new InventoryDataError(file, void 0, `${file}: not a readable gzip file (${reason}). The data file is corrupt or truncated; re-sync the inventory and run again.`, { cause: error });
  }
  if (error instanceof CsvSyntaxError) {
    return new InventoryDataError(file, error.line, `${file}:${error.line}: malformed CSV (${error.message}). The data file is corrupt; re-sync the inventory and run again.`, { cause: error });
  }
  return error;
}
async function md5Of(source, events) {
  const hash = createHash("md5");
  for await (const chunk of await openDataFile(source, events)) {
    hash.update(chunk);
    events.onRead?.();
  }
  return hash.digest("hex");
}

// action/io/scan/scan-inventory-file.ts
async function scanInventoryFile(task, onProgress = () => {
}, onPartGrown = () => {
}, events = {}) {
  if (task.fileFormat === "Parquet") return (await import("./scan-worker-scan-parquet-file-RIE3UHEG.js")).scanParquetDataFile(task, onProgress, onPartGrown);
  return scanDataFile(task, onProgress, onPartGrown, events);
}

// action/io/scan/scan-monitor.ts
function stampRead(activity, epochMs, index) {
  Atomics.store(activity, index, Date.now() - epochMs);
}

// action/io/scan/scan-protocol.ts
var NEXT_TASK = 0;
var STOP = 1;

// action/io/scan/scan-worker.ts
var port = parentPort;
if (port === null) throw new Error("scan-worker must run as a worker thread");
var post = (message) => port.postMessage(message);
port.on("message", async ({ tasks, control, activity, epochMs }) => {
  while (Atomics.load(control, STOP) === 0) {
    const index = Atomics.add(control, NEXT_TASK, 1);
    if (index >= tasks.length) break;
    collectOldGarbageIfLarge();
    stampRead(activity, epochMs, index);
    post({ type: "claimed", index });
    try {
      const result = await scanInventoryFile(
        tasks[index],
        (rows, bytes) => post({ type: "progress", rows, bytes }),
        (jobKey, part, bytes) => post({ type: "part", index, jobKey, part, bytes }),
        { onRead: () => stampRead(activity, epochMs, index), onRetry: (retry) => post({ type: "retry", index, retry }) }
      );
      post({ type: "done", result });
    } catch (error) {
      Atomics.store(control, STOP, 1);
      post({ type: "error", index, error: toErrorRecord(error) });
    }
  }
  post({ type: "idle" });
});
